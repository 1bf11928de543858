"""The entities stage: people, organisations, outlets, places and other names, one entity each.

Steps, in order:
1. NER by language (spaCy for English and other Latin-script text, natasha for Russian) and
   outlet mentions from the catalogue (typed ``outlet`` whatever the NER model said).
2. Clean each span and repair NER's span mistakes (``entity_spans.py``): edge punctuation,
   possessive, leading article, role titles; "Long Name (ACR)" split in two; outlets known by
   how the text describes them; names cut in two or run into a title.
3. Group spans by script-independent match key; a lone surname joins the one full name ending
   in it, an acronym joins the long name it abbreviates.
4. Type each group by its mentions (a full PERSON name wins; otherwise the majority label).
5. Find the mentions the model missed: capitalised words whose key is a known person's surname
   (this also joins "Lavrov" quoted in a Russian text to Сергей Лавров).

``field_entities`` runs steps 1-4 over a title, subtitle or caption; ``annotate.fields`` joins
what it finds to the body's entities.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from wirewatch.annotate.entities.en import EnglishNer
from wirewatch.annotate.entities.ids import numbered, with_join_keys
from wirewatch.annotate.entities.ru import RussianNer
from wirewatch.annotate.entities.spans import WORD_TOKEN, Candidate, clean_spans
from wirewatch.annotate.pipeline import unsupported
from wirewatch.model import BODY, AnnotatedArticle, Entity, EntityType, Mention, Outlet, Skipped
from wirewatch.names import (
    RawMention,
    acronym,
    is_acronym,
    is_cyrillic,
    match_key,
    normalize_space,
    spelling_key,
    trim_span,
    word_count,
)
from wirewatch.resources.article_parse import ArticleParse
from wirewatch.resources.nlp import NlpModels
from wirewatch.resources.outlets import OutletCatalog, ru_stem

# A heading-like line is this short and carries a lone capitalised word that spaCy often
# mistakes for a name ("Challenges alone").
HEADING_MAX_WORDS = 5
# A headline is in title case when at least this share of its words of this many letters or
# more (and at least this many such words) are capitalised.
TITLE_CASE_MIN_LETTERS = 4
TITLE_CASE_MIN_WORDS = 3
TITLE_CASE_SHARE = 0.7
# Surnames shorter than this are too ambiguous to look for where NER found nothing.
MIN_PROPAGATED_SURNAME = 3
# Russian case endings that survive the vowel-free key (Лавровым -> "lvrvm", Лавровых -> "lvrvh").
_CONSONANT_CASE_ENDINGS = ("m", "h")

_TRAILING_ACRONYM = re.compile(r"^(?P<long>[^()]+?)\s*\((?P<short>[^()\s]{2,10})\)$")
_NORMAL_EDGE = " «»\"“”„'’()"
# Between two names in a list: "Sirojiddin Mukhriddin and Abdulaziz Kamilov".
_COORDINATION = re.compile(r"^\s*(?:,|,?\s*and|,?\s*и|&)\s*$")
# A name tagged ORG or GPE that is coordinated with a person's name and looks like one.
PERSONLIKE_MAX_WORDS = 3

# An outlet's initials shorter than this, or these common ones, are not looked for in the text.
MIN_OUTLET_INITIALS = 2
_COMMON_INITIALS = frozenset({"US", "UK", "EU", "UN", "AI", "IT", "TV", "PM", "AM", "OK", "PR"})

# Priority when the vote between labels is tied.
_TIE_ORDER = (
    EntityType.PERSON,
    EntityType.ORGANIZATION,
    EntityType.PLACE,
    EntityType.OTHER,
)




@dataclass
class _Group:
    key: str
    cands: list[Candidate] = field(default_factory=list)

    def labels(self) -> Counter[EntityType]:
        return Counter(c.label for c in self.cands if c.label is not None)

    def has_full_person(self) -> bool:
        return any(c.label is EntityType.PERSON and word_count(c.normal) >= 2 for c in self.cands)

    def outlet(self) -> Outlet | None:
        return next((c.outlet for c in self.cands if c.outlet is not None), None)


class EntityAnnotator:
    """Annotate stage ``entities``: fills ``AnnotatedArticle.entities``."""

    name = "entities"
    requires = ("parse",)
    produces = ("entities",)
    # Catalogue outlets are found in any language; NER runs on the supported ones only.
    any_language = True

    def __init__(self, catalog: OutletCatalog, nlp: NlpModels) -> None:
        self.catalog = catalog
        self._english = EnglishNer()
        self._russian = RussianNer(nlp)

    def __call__(self, doc: AnnotatedArticle, parsed: ArticleParse) -> AnnotatedArticle:
        article = doc.article
        entities = self.entities(
            article.body,
            parsed,
            own_outlet=article.outlet,
            original_outlet=article.original_outlet,
        )
        if not parsed.is_supported:
            skipped = Skipped("ner", f"{unsupported(parsed.language)}: outlets from the catalogue only")
            return dataclasses.replace(doc, entities=entities, skipped=(*doc.skipped, skipped))
        return dataclasses.replace(doc, entities=entities)

    # -- step 1 ----------------------------------------------------------------------------
    def _ner(self, body: str, parsed: ArticleParse) -> list[RawMention]:
        """NER by the article's language: natasha's for Russian, spaCy's for English, none for
        other languages (outlets only)."""
        if parsed.is_russian:
            return self._russian(body, parsed.russian)
        if parsed.is_supported:
            return self._english(parsed.english)
        return []

    def entities(
        self,
        body: str,
        parsed: ArticleParse,
        *,
        own_outlet: str | None = None,
        original_outlet: str | None = None,
    ) -> tuple[Entity, ...]:
        """All entities of one article body (``parsed`` is its parse), sorted by first mention and
        numbered so (``e1``, ``e2``...), with their join keys. ``own_outlet`` is the article's
        outlet: its mentions («Деловому вестнику», «ДВ») are an outlet's. ``original_outlet`` is
        the outlet a translation comes from: its initials in the translated text (“DV” for
        Delovoy Vestnik) name it."""
        raw = self._ner(body, parsed)
        outlets = self.catalog.find(body)
        cands = clean_spans(body, raw, outlets)
        for name in filter(None, (own_outlet, original_outlet)):
            cands += self._initials_of(body, name, cands)
        groups = _group(cands)
        if own_outlet:
            self._mark_own_outlet(groups, own_outlet)
        groups = [g for g in groups if _type_of(g) is not None and not _only_headings(body, g)]
        _propagate(body, groups)
        prefer_cyrillic = is_cyrillic(body)
        entities = [_to_entity(g, prefer_cyrillic) for g in groups]
        return with_join_keys(numbered(sorted(entities, key=lambda e: (e.mentions[0].start, e.name))))

    def field_entities(
        self, text: str, parsed: ArticleParse, field: str, *, own_outlet: str | None = None
    ) -> list[tuple[Entity, bool]]:
        """The entities named in a title, subtitle or caption (``text``, parsed as ``parsed``),
        their mentions in ``field``, unnumbered; each with whether it may stand as an entity of
        its own when the body does not name it. A lone capitalised word of a short heading does
        not ("Challenges alone"), nor does any name of a headline in title case ("Russia Offers
        US Bases"), where capitals say nothing about names."""
        raw = self._ner(text, parsed)
        cands = clean_spans(text, raw, self.catalog.find(text))
        groups = _group(cands)
        if own_outlet:
            self._mark_own_outlet(groups, own_outlet)
        groups = [g for g in groups if _type_of(g) is not None]
        prefer_cyrillic = is_cyrillic(text)
        capitalised = _title_case(text)
        return [
            (_to_entity(g, prefer_cyrillic, field),
             not capitalised and not _only_headings(text, g))
            for g in groups
        ]

    def _initials_of(self, body: str, name: str, cands: list[Candidate]) -> list[Candidate]:
        """Mentions of an outlet known to the article by its initials («ДВ», “DV”), where no
        other span claims them; NER rarely tags two capital letters in quotation marks."""
        initials = acronym(name.strip())
        if len(initials) < MIN_OUTLET_INITIALS or initials in _COMMON_INITIALS:
            return []
        outlet = self._outlet_named(name)
        outlet = dataclasses.replace(outlet, aliases=(*outlet.aliases, initials))
        found = []
        for match in re.finditer(rf"(?<!\w){re.escape(initials)}(?!\w)", body):
            if any(c.start < match.end() and match.start() < c.end for c in cands):
                continue
            found.append(
                Candidate(match.start(), match.end(), initials, outlet.name, EntityType.OUTLET, outlet=outlet)
            )
        return found

    def _outlet_named(self, name: str) -> Outlet:
        """The catalogue's outlet of that name, else an outlet known by its name only."""
        return self.catalog.lookup(name) or Outlet(name.strip(), None)

    def _mark_own_outlet(self, groups: list[_Group], own_outlet: str) -> None:
        """The group whose name is the article's own outlet is that outlet, catalogued or not."""
        key = match_key(own_outlet)
        for group in groups:
            if group.outlet() is None and any(match_key(c.normal) == key for c in group.cands):
                group.cands[0].outlet = self._outlet_named(own_outlet)
                return


# -- step 2 --------------------------------------------------------------------------------

# -- step 3 --------------------------------------------------------------------------------
def _group(cands: list[Candidate]) -> list[_Group]:
    by_spelling: dict[str, _Group] = {}
    for cand in sorted(cands, key=lambda c: c.start):
        name = cand.outlet.name if cand.outlet else cand.normal
        strict = spelling_key(name)
        if not strict:
            continue
        by_spelling.setdefault(strict, _Group(match_key(name))).cands.append(cand)
    groups = _merge_scripts(list(by_spelling.values()))
    groups = _merge_surnames(groups)
    groups = _merge_acronyms(groups)
    return groups


def _script(group: _Group) -> bool:
    """True for a group written (mostly) in Cyrillic."""
    return is_cyrillic(" ".join(c.normal for c in group.cands))


def _merge_scripts(groups: list[_Group]) -> list[_Group]:
    """Сергей Лавров and Sergei Lavrov: same loose key, different scripts, one entity."""
    first: dict[tuple[str, bool], _Group] = {}
    out: list[_Group] = []
    for g in groups:
        other = first.get((g.key, not _script(g)))
        if other is not None and other.outlet() is None and g.outlet() is None:
            other.cands.extend(g.cands)
            continue
        first.setdefault((g.key, _script(g)), g)
        out.append(g)
    return out


def same_word(a: str, b: str) -> bool:
    """One name word in two spellings: case forms in Russian, transliteration across scripts."""
    cyr_a, strict_a = _word_forms(a)
    cyr_b, strict_b = _word_forms(b)
    if cyr_a != cyr_b:
        key_a, key_b = match_key(a), match_key(b)
        if key_a == key_b:
            return True
        # Russian consonant case endings survive the vowel-free key (Лавровым -> lvrvm).
        cyr_key, lat_key = (key_a, key_b) if cyr_a else (key_b, key_a)
        return cyr_key[-1:] in _CONSONANT_CASE_ENDINGS and cyr_key[:-1] == lat_key
    return strict_a == strict_b


@lru_cache(maxsize=65536)
def _word_forms(word: str) -> tuple[bool, str]:
    """Whether a word is Cyrillic, and its form compared within one script: the stem of a
    Russian word (case forms), the spelling key of a Latin one. Cached: step 5 compares every
    capitalised word of an article with every surname."""
    if is_cyrillic(word):
        return True, ru_stem(word.lower().replace("ё", "е"))
    return False, spelling_key(word)


def _last_word(group: _Group) -> str:
    return next((c.normal.split()[-1] for c in group.cands if c.outlet is None and c.normal.split()), "")


def _merge_surnames(groups: list[_Group]) -> list[_Group]:
    """A lone "Lavrov" (whatever spaCy called it) joins "Sergei Lavrov", the only Lavrov."""
    full = [g for g in groups if g.has_full_person() and g.outlet() is None]
    out: list[_Group] = []
    for g in groups:
        target: _Group | None = None
        words = g.cands[0].normal.split()
        if g.outlet() is None and len(words) == 1:
            matches = [f for f in full if any(same_word(words[0], _surname(c)) for c in f.cands)]
            target = matches[0] if len(matches) == 1 else None
        if target is not None and target is not g:
            target.cands.extend(g.cands)
        else:
            out.append(g)
    return out


def _surname(cand: Candidate) -> str:
    words = cand.normal.split()
    return words[-1] if cand.label is EntityType.PERSON and len(words) >= 2 else ""


def _merge_acronyms(groups: list[_Group]) -> list[_Group]:
    """Acronyms join their long form: CSTO, Collective Security Treaty Organization."""
    long_by_acronym: dict[str, list[_Group]] = {}
    for g in groups:
        if g.outlet() is not None or g.has_full_person():
            continue
        for ac in {acronym(c.normal) for c in g.cands if word_count(c.normal) >= 2}:
            if ac:
                long_by_acronym.setdefault(match_key(ac), []).append(g)
    out: list[_Group] = []
    for g in groups:
        short = g.outlet() is None and all(is_acronym(c.normal) for c in g.cands)
        targets = long_by_acronym.get(g.key, []) if short else []
        if len(targets) == 1 and targets[0] is not g:
            targets[0].cands.extend(g.cands)
        else:
            out.append(g)
    return out


# -- step 4 --------------------------------------------------------------------------------
def _type_of(group: _Group) -> EntityType | None:
    if group.outlet() is not None:
        return EntityType.OUTLET
    if group.has_full_person():
        return EntityType.PERSON
    votes = group.labels()
    if not votes:
        return None  # only NORP adjectives: not an entity on their own
    best = max(votes.values())
    return next(t for t in _TIE_ORDER if votes.get(t) == best)


def _only_headings(body: str, group: _Group) -> bool:
    """A lone capitalised word in a short heading line ("Challenges alone") and nowhere else.

    Places are exempt: a short line naming one is a dateline ("LONDON 1996-08-30").
    """
    if group.outlet() is not None or _type_of(group) is EntityType.PLACE:
        return False
    for cand in group.cands:
        line_start = body.rfind("\n", 0, cand.start) + 1
        line_end = body.find("\n", cand.end)
        line = body[line_start : line_end if line_end >= 0 else len(body)].strip()
        heading = word_count(line) <= HEADING_MAX_WORDS and line[-1:] not in '.!?:;,"”»'
        if not heading or word_count(cand.normal) > 1:
            return False
    return True


# -- step 5 --------------------------------------------------------------------------------
def _propagate(body: str, groups: list[_Group]) -> None:
    """Add the person mentions NER missed: surnames, in either script, case forms included."""
    covered = _Spans([(c.start, c.end) for g in groups for c in g.cands])
    others = [g for g in groups if _type_of(g) is not EntityType.PERSON]
    surnames: dict[str, _Group | None] = {}
    for g in groups:
        if _type_of(g) is not EntityType.PERSON:
            continue
        for cand in g.cands:
            last = cand.normal.split()[-1:]
            if not last or len(last[0]) < MIN_PROPAGATED_SURNAME:
                continue
            if any(same_word(last[0], c.normal) for o in others for c in o.cands):
                continue  # "Washington" the place as well as a person's name: leave it
            previous = surnames.get(last[0], g)
            surnames[last[0]] = g if previous is g else None  # two people, one surname
    if not surnames:
        return
    for match in WORD_TOKEN.finditer(body):
        word = match.group(0)
        if not word[0].isupper() or covered.overlap(match.start(), match.end()):
            continue
        hits = {id(g): g for name, g in surnames.items() if g is not None and same_word(word, name)}
        if len(hits) != 1:
            continue
        group = next(iter(hits.values()))
        start, end = trim_span(body, match.start(), match.end())
        same_script = is_cyrillic(word) == _script(group)
        group.cands.append(
            Candidate(start, end, body[start:end], body[start:end], EntityType.PERSON,
                  alias=not same_script, propagated=True)
        )  # fmt: skip


def _title_case(text: str) -> bool:
    """A headline in title case: most of its longer words capitalised ("Russia Offers US
    Bases For Afghan Intel")."""
    words = [w for w in WORD_TOKEN.findall(text) if len(w) >= TITLE_CASE_MIN_LETTERS]
    capitals = sum(w[0].isupper() for w in words)
    return len(words) >= TITLE_CASE_MIN_WORDS and capitals >= TITLE_CASE_SHARE * len(words)


class _Spans:
    """Character spans, asked whether any overlaps a range in log time (an article has
    hundreds of mentions and thousands of words)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        # reach[k]: the furthest end among the first k + 1 spans by start.
        self.reach = list(accumulate((e for _, e in spans), max))

    def overlap(self, start: int, end: int) -> bool:
        """Whether some span (s, e) has s < end and start < e."""
        before = bisect_left(self.starts, end)  # the spans starting before ``end``
        return before > 0 and self.reach[before - 1] > start


# -- output --------------------------------------------------------------------------------
def _to_entity(group: _Group, prefer_cyrillic: bool, field: str = BODY) -> Entity:
    etype = _type_of(group)
    assert etype is not None  # groups without a type were dropped before
    outlet = group.outlet()
    name = outlet.name if outlet is not None else _canonical(group, etype, prefer_cyrillic)
    mentions = _mentions(group.cands, field)
    spellings = {c.outlet.name if c.outlet else c.normal for c in group.cands if c.alias}
    if outlet is not None:
        # Catalogue spellings seen in the text (Коммерсантъ), not their case forms (Коммерсанту).
        known = {outlet.name, *outlet.aliases}
        spellings |= {normalize_space(c.text) for c in group.cands} & known
    aliases = tuple(sorted(s for s in spellings if s and s != name))
    return Entity(name=name, type=etype, mentions=mentions, key=match_key(name), aliases=aliases)


def _canonical(group: _Group, etype: EntityType, prefer_cyrillic: bool) -> str:
    """The fullest, most frequent spelling, in the article's script where there is a choice."""
    forms = Counter(c.normal for c in group.cands if not c.propagated)
    if not forms:
        forms = Counter(c.normal for c in group.cands)

    written = {c.text for c in group.cands}

    def rank(form: str) -> tuple[int, int, int, int, int]:
        script = int(is_cyrillic(form) == prefer_cyrillic)
        words = word_count(form)
        if etype is EntityType.PERSON:
            # A full name beats a surname; spaCy's PERSON spans never carry titles after trim. A
            # form written so in the text beats one generated from an oblique case (the names
            # grammar turns Дилнозы Рахимовой into a masculine "Дилноз Рахимов").
            return (script, min(words, 3), int(form in written), forms[form], len(form))
        return (script, int(not is_acronym(form)), 0, forms[form], len(form))

    return max(forms, key=rank)


def _mentions(cands: list[Candidate], field: str = BODY) -> tuple[Mention, ...]:
    """Mentions in order (in the text ``field`` names); where two overlap the longer one stays."""
    kept: list[Candidate] = []
    for cand in sorted(cands, key=lambda c: (c.start, -(c.end - c.start))):
        if kept and cand.start < kept[-1].end:
            continue
        kept.append(cand)
    return tuple(Mention(c.text, c.start, c.end, field) for c in kept)
