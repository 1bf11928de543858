"""The entities stage: people, organisations, outlets, places and other names, one entity each.

Steps, in order:
1. NER by language (spaCy for English and other Latin-script text, natasha for Russian) and
   outlet mentions from the catalogue (typed ``outlet`` whatever the NER model said).
2. Clean each span: edge punctuation, possessive, leading article, role titles; split
   "Long Name (ACR)" into the name and its acronym.
3. Group spans by script-independent match key; a lone surname joins the one full name ending
   in it, an acronym joins the long name it abbreviates.
4. Type each group by its mentions (a full PERSON name wins; otherwise the majority label).
5. Find the mentions the model missed: capitalised words whose key is a known person's surname
   (this also joins "Lavrov" quoted in a Russian text to Сергей Лавров).
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from wirewatch.annotate.names import (
    ROLE_TITLES,
    RawMention,
    acronym,
    is_acronym,
    is_cyrillic,
    match_key,
    normalize_space,
    spelling_key,
    strip_name_edges,
    trim_span,
    word_count,
)
from wirewatch.annotate.ner_en import EnglishNer
from wirewatch.annotate.ner_ru import RussianNer
from wirewatch.annotate.outlet_cues import described_outlet, kind_inside, name_start
from wirewatch.annotate.outlets import OutletCatalog, default_catalog, ru_stem
from wirewatch.model import AnnotatedArticle, Entity, EntityType, Mention, Outlet

# Languages that spaCy's English pipeline can tag usefully: capitalised names in Latin script.
_LATIN_SCRIPT_CODES = (
    "en de fr es it pt nl sv da no nb nn fi et lv lt pl cs sk sl hr bs sr ro hu tr az uz id ms "
    "tl sq ga cy is mt ca eu gl af sw"
)
LATIN_SCRIPT_LANGUAGES = frozenset(_LATIN_SCRIPT_CODES.split())
RUSSIAN = "ru"

# A heading-like line is this short and carries a lone capitalised word that spaCy often
# mistakes for a name ("Challenges alone").
HEADING_MAX_WORDS = 5
# Surnames shorter than this are too ambiguous to look for where NER found nothing.
MIN_PROPAGATED_SURNAME = 3
# Russian case endings that survive the vowel-free key (Лавровым -> "lvrvm", Лавровых -> "lvrvh").
_CONSONANT_CASE_ENDINGS = ("m", "h")

_WORD_TOKEN = re.compile(r"[^\W\d_][^\W_]*(?:[-'’][^\W\d_]+)*")
_TRAILING_ACRONYM = re.compile(r"^(?P<long>[^()]+?)\s*\((?P<short>[^()\s]{2,10})\)$")
_NORMAL_EDGE = " «»\"“”„'’()"
# Between two names in a list: "Sirojiddin Mukhriddin and Abdulaziz Kamilov".
_COORDINATION = re.compile(r"^\s*(?:,|,?\s*and|,?\s*и|&)\s*$")
# A name tagged ORG or GPE that is coordinated with a person's name and looks like one.
PERSONLIKE_MAX_WORDS = 3

# Priority when the vote between labels is tied.
_TIE_ORDER = (
    EntityType.PERSON,
    EntityType.ORGANIZATION,
    EntityType.PLACE,
    EntityType.OTHER,
)


@dataclass
class _Cand:
    """A cleaned mention with the evidence about its type."""

    start: int
    end: int
    text: str
    normal: str
    label: EntityType | None
    outlet: Outlet | None = None
    alias: bool = True  # whether ``normal`` is a spelling worth listing in aliases
    propagated: bool = False


@dataclass
class _Group:
    key: str
    cands: list[_Cand] = field(default_factory=list)

    def labels(self) -> Counter[EntityType]:
        return Counter(c.label for c in self.cands if c.label is not None)

    def has_full_person(self) -> bool:
        return any(c.label is EntityType.PERSON and word_count(c.normal) >= 2 for c in self.cands)

    def outlet(self) -> Outlet | None:
        return next((c.outlet for c in self.cands if c.outlet is not None), None)


class EntityAnnotator:
    """Annotate stage ``entities``: fills ``AnnotatedArticle.entities``."""

    name = "entities"

    def __init__(self, catalog: OutletCatalog | None = None) -> None:
        self.catalog = catalog if catalog is not None else default_catalog()
        self._english: EnglishNer | None = None
        self._russian: RussianNer | None = None

    def __call__(self, doc: AnnotatedArticle) -> AnnotatedArticle:
        return dataclasses.replace(doc, entities=self.entities(doc.article.body, doc.article.language))

    # -- step 1 ----------------------------------------------------------------------------
    def _ner_for(self, body: str, language: str | None) -> Callable[[str], list[RawMention]] | None:
        lang = (language or "").lower().split("-")[0]
        if not lang:
            lang = RUSSIAN if is_cyrillic(body) else "en"
        if lang == RUSSIAN:
            if self._russian is None:
                self._russian = RussianNer()
            return self._russian
        if lang in LATIN_SCRIPT_LANGUAGES:
            if self._english is None:
                self._english = EnglishNer()
            return self._english
        return None  # other scripts: outlets only

    def entities(self, body: str, language: str | None) -> tuple[Entity, ...]:
        """All entities of one article body, sorted by first mention."""
        ner = self._ner_for(body, language)
        raw = ner(body) if ner is not None else []
        outlets = self.catalog.find(body)
        cands = _clean(body, raw, outlets)
        groups = _group(cands)
        groups = [g for g in groups if _type_of(g) is not None and not _only_headings(body, g)]
        _propagate(body, groups)
        prefer_cyrillic = is_cyrillic(body)
        entities = [_to_entity(g, prefer_cyrillic) for g in groups]
        return tuple(sorted(entities, key=lambda e: (e.mentions[0].start, e.name)))


# -- step 2 --------------------------------------------------------------------------------
def _clean(body: str, raw: list[RawMention], outlets: list[tuple[int, int, Outlet]]) -> list[_Cand]:
    cands = [
        _Cand(s, e, body[s:e], outlet.name, EntityType.OUTLET, outlet=outlet) for s, e, outlet in outlets
    ]
    for mention in raw:
        if "\n" in body[mention.start : mention.end]:
            continue  # a span across lines joins a heading or chrome to the text: noise
        overlapping = [c for c in cands if c.outlet and c.start < mention.end and mention.start < c.end]
        if overlapping and not _adds_name(body, mention, overlapping):
            continue  # "the Kommersant newspaper", "Kommersant’s": the outlet mention stands
        if overlapping:
            # "Michael Bloomberg", "Reuters Institute": a longer name that contains an outlet's.
            cands = [c for c in cands if c not in overlapping]
        cands.extend(_clean_one(body, mention))
    _relabel_listed_people(body, cands)
    _people_behind_titles(body, cands)
    cands = [c for c in cands if not _portfolio_of_title(body, c)]
    cands = _complete_cut_names(body, cands)
    for cand in cands:
        # Only named things: a bare adjective ("Russian newspaper", NORP, no label) is no outlet.
        named = cand.outlet is None and cand.label is not None
        inside = kind_inside(body, cand.start, cand.end) if named else None
        if inside is not None:  # "the Kestrel Press state news agency" as one NER span
            cand.end = inside[1]
            cand.text = body[cand.start : cand.end]
            cand.normal = normalize_space(cand.text)
        described = described_outlet(body, cand.start, cand.end) if named else None
        if described is not None:  # "the business daily Delovoy Vestnik": the catalogue lacks it
            kind, start = described
            # NER found "Vestnik" of "Delovoy Vestnik", or "Russian Novaya Gorka"
            start = name_start(body, min(start, cand.start), cand.end)
            if start != cand.start:
                cand.start, cand.text = start, body[start : cand.end]
                cand.normal = normalize_space(cand.text)
            cand.outlet, cand.label = Outlet(cand.normal, kind), EntityType.OUTLET
        elif cand.label is EntityType.PERSON and _ends_in_institution(cand.normal):
            cand.label = EntityType.ORGANIZATION  # "Russian Railways" tagged PERSON
    _spread_described_outlets(body, cands)
    return cands


def _spread_described_outlets(body: str, cands: list[_Cand]) -> None:
    """Once the text has called "Delovoy Vestnik" a daily, its other mentions are the outlet
    too, also where NER tagged only part of the name ("According to Delovoy [Vestnik]")."""
    described = {c.outlet.name: c.outlet for c in cands if c.outlet and c.label is EntityType.OUTLET}
    for name, outlet in described.items():
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", body):
            for cand in cands:
                if cand.outlet is None and match.start() <= cand.start and cand.end <= match.end():
                    cand.start, cand.end = match.start(), match.end()
                    cand.text = cand.normal = name
                    cand.outlet, cand.label = outlet, EntityType.OUTLET


# Last words that make a name an institution's, never a person's ("Russian Railways",
# "Gazprom Neft Group", "National Bank", «Российские железные дороги» is left to natasha).
_INSTITUTION_HEADS_TEXT = (
    "railways railway airlines airways bank group company corporation corp inc ltd holding "
    "ministry agency council committee commission party union army forces police service "
    "institute university foundation fund association organization organisation federation "
    "department office court parliament assembly government administration authority"
)
_INSTITUTION_HEADS = frozenset(_INSTITUTION_HEADS_TEXT.split())


def _ends_in_institution(name: str) -> bool:
    words = name.split()
    return len(words) >= 2 and words[-1].lower().strip(".,") in _INSTITUTION_HEADS


# "Secretary of State", "Minister of Energy": the word after a title and "of" names a
# portfolio, not an organisation ("State", "Energy" tagged ORG).
_TITLE_OF = re.compile(r"(?P<title>[A-Za-z]+)\s+of\s+(?:the\s+)?$")


def _portfolio_of_title(body: str, cand: _Cand) -> bool:
    if cand.label is not EntityType.ORGANIZATION or word_count(cand.normal) > 1:
        return False
    match = _TITLE_OF.search(body, max(0, cand.start - 30), cand.start)
    return match is not None and match.group("title").lower() in ROLE_TITLES


def _complete_cut_names(body: str, cands: list[_Cand]) -> list[_Cand]:
    """A one-word mention that is the start of a longer name the article names elsewhere
    ("linking [Central] and [South Asia]", next to "Central and South Asia") takes that name;
    the pieces inside it go."""
    longer = sorted(
        {(c.normal, c.label) for c in cands if word_count(c.normal) > 1 and c.outlet is None},
        key=lambda pair: -len(pair[0]),
    )
    completed: list[_Cand] = []
    for cand in cands:
        if cand.outlet is not None or word_count(cand.normal) > 1:
            continue
        for name, label in longer:
            if name.startswith(cand.normal + " ") and body.startswith(name, cand.start):
                cand.end = cand.start + len(name)
                cand.text = cand.normal = name
                cand.label = label
                completed.append(cand)
                break
    return [
        c
        for c in cands
        if not any(o is not c and o.start <= c.start and c.end <= o.end for o in completed)
    ]


def _people_behind_titles(body: str, cands: list[_Cand]) -> None:
    """"the Minister of Energy of Kyrgyzstan Bakyt Sydykbekov" tagged as one organisation: when
    such a span starts with a role title and ends with the full name of a person the article
    names elsewhere, the mention is that person's."""
    people = {c.normal for c in cands if c.label is EntityType.PERSON and word_count(c.normal) >= 2}
    for cand in cands:
        words = cand.normal.split()
        if cand.label is not EntityType.ORGANIZATION or not words:
            continue
        first = words[1] if words[0].lower() == "the" and len(words) > 1 else words[0]
        if first.lower() not in ROLE_TITLES:
            continue
        name = next((p for p in people if cand.normal.endswith(" " + p)), None)
        if name is not None and body[cand.end - len(name) : cand.end] == name:
            cand.start = cand.end - len(name)
            cand.text = cand.normal = name
            cand.label = EntityType.PERSON


def _relabel_listed_people(body: str, cands: list[_Cand]) -> None:
    """List neighbours: in "Sirojiddin Mukhriddin and Abdulaziz Kamilov" spaCy tags one ORG.

    A two- or three-word capitalised name listed right next to a person's full name is a
    person too; this only changes the vote of that one mention.
    """
    ordered = sorted(cands, key=lambda c: c.start)
    for left, right in itertools.pairwise(ordered):
        if not _COORDINATION.match(body[left.end : right.start]):
            continue
        for a, b in ((left, right), (right, left)):
            if (
                a.label in (EntityType.ORGANIZATION, EntityType.PLACE)
                and a.outlet is None
                and b.label is EntityType.PERSON
                and 2 <= word_count(a.normal) <= PERSONLIKE_MAX_WORDS
                and word_count(b.normal) >= 2
                and all(w[0].isupper() for w in a.normal.split())
            ):
                a.label = EntityType.PERSON


def _adds_name(body: str, mention: RawMention, outlets: list[_Cand]) -> bool:
    """True when the NER span has capitalised words beyond the outlet names it covers."""
    pos = mention.start
    rest = []
    for c in sorted(outlets, key=lambda c: c.start):
        rest.append(body[pos : max(pos, c.start)])
        pos = max(pos, c.end)
    rest.append(body[pos : mention.end])
    words = _WORD_TOKEN.findall(" ".join(rest))
    return any(w[0].isupper() and w.lower() not in {"the", "s"} for w in words)


def _clean_one(body: str, mention: RawMention) -> list[_Cand]:
    raw = body[mention.start : mention.end].rstrip(" .,;:")
    split = _TRAILING_ACRONYM.match(raw)
    if split and is_acronym(split.group("short")):
        # "Collective Security Treaty Organization (CSTO)": two mentions of one entity.
        long_part = dataclasses.replace(
            mention,
            end=mention.start + split.end("long"),
            normal=_TRAILING_ACRONYM.sub(r"\g<long>", mention.normal).strip(),
        )
        s_start, s_end = mention.start + split.start("short"), mention.start + split.end("short")
        short = _Cand(s_start, s_end, body[s_start:s_end], body[s_start:s_end], mention.label)
        return [*_clean_one(body, long_part), short]
    if "(" in raw or ")" in raw:
        return []  # "Termez (Uzbekistan) -Mazari-Sharif-Kabul": spaCy ran several names together
    start, end = trim_span(body, mention.start, mention.end, strip_titles=mention.label is EntityType.PERSON)
    if end - start < 2 or not any(ch.isupper() for ch in body[start:end]):
        return []  # lower-case spans are common nouns the model over-read
    text = body[start:end]
    # natasha's nominative form survives trimming; otherwise the cleaned surface is the name.
    normal = mention.normal if mention.morphological else normalize_space(text)
    normal = strip_name_edges(normal, _NORMAL_EDGE)
    if not normal:
        return []
    return [_Cand(start, end, text, normal, mention.label)]


# -- step 3 --------------------------------------------------------------------------------
def _group(cands: list[_Cand]) -> list[_Group]:
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
    cyr_a, cyr_b = is_cyrillic(a), is_cyrillic(b)
    if cyr_a != cyr_b:
        key_a, key_b = match_key(a), match_key(b)
        if key_a == key_b:
            return True
        # Russian consonant case endings survive the vowel-free key (Лавровым -> lvrvm).
        cyr_key, lat_key = (key_a, key_b) if cyr_a else (key_b, key_a)
        return cyr_key[-1:] in _CONSONANT_CASE_ENDINGS and cyr_key[:-1] == lat_key
    if cyr_a:
        return ru_stem(a.lower().replace("ё", "е")) == ru_stem(b.lower().replace("ё", "е"))
    return spelling_key(a) == spelling_key(b)


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


def _surname(cand: _Cand) -> str:
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
    covered = [(c.start, c.end) for g in groups for c in g.cands]
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
    for match in _WORD_TOKEN.finditer(body):
        word = match.group(0)
        if not word[0].isupper() or any(s < match.end() and match.start() < e for s, e in covered):
            continue
        hits = {id(g): g for name, g in surnames.items() if g is not None and same_word(word, name)}
        if len(hits) != 1:
            continue
        group = next(iter(hits.values()))
        start, end = trim_span(body, match.start(), match.end())
        same_script = is_cyrillic(word) == _script(group)
        group.cands.append(
            _Cand(start, end, body[start:end], body[start:end], EntityType.PERSON,
                  alias=not same_script, propagated=True)
        )  # fmt: skip


# -- output --------------------------------------------------------------------------------
def _to_entity(group: _Group, prefer_cyrillic: bool) -> Entity:
    etype = _type_of(group)
    assert etype is not None  # groups without a type were dropped before
    outlet = group.outlet()
    name = outlet.name if outlet is not None else _canonical(group, etype, prefer_cyrillic)
    mentions = _mentions(group.cands)
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


def _mentions(cands: list[_Cand]) -> tuple[Mention, ...]:
    """Mentions in order; where two overlap the longer one stays."""
    kept: list[_Cand] = []
    for cand in sorted(cands, key=lambda c: (c.start, -(c.end - c.start))):
        if kept and cand.start < kept[-1].end:
            continue
        kept.append(cand)
    return tuple(Mention(c.text, c.start, c.end) for c in kept)
