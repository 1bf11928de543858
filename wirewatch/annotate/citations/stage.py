"""The citations stage: where an article says it got its information from another outlet.

Four kinds: ``reported`` ("Reuters reported", "As Kommersant wrote", "according to Kommersant",
«как сообщил „Коммерсантъ“», «по данным Reuters»), ``citing`` ("citing Interfax",
«со ссылкой на ТАСС»), ``credit`` ("Source: Kommersant" lines, kept by the parser in
``Article.credits`` or still in the body) and ``translated_from`` (``Article.original_outlet``).

Outlets are found by the outlet catalogue; the kind comes from the words around each mention
in its sentence. An outlet merely mentioned ("told Kommersant", "Kommersant's sources") is not
a citation: it has to be the subject of a reporting verb or the object of a citing phrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from wirewatch.annotate.entities.outlet_cues import OUTLET_MODIFIERS
from wirewatch.credits import credited_outlet, photo_credits
from wirewatch.model import AnnotatedArticle, Citation, CitationKind, Entity, EntityType, Span
from wirewatch.resources.article_parse import ArticleParse
from wirewatch.resources.lexicon import (
    CITE_ACCORDING_RU,
    CITE_BEFORE_EN,
    CITE_CITING_EN,
    CITE_CITING_RU,
    CITE_FIRST_EN,
    CITE_REPORT_NOUN_STEMS_RU,
    CITE_VERB_LEADS_EN,
    CITE_VERB_STEMS_RU,
    CITE_VERBS_EN,
    OUTLET_KIND_STEMS_RU,
    OUTLET_KIND_WORDS_EN,
    RU_ADVERBS_LIKE_ADJECTIVES,
)
from wirewatch.resources.outlet_names import is_same_outlet, outlet_name
from wirewatch.resources.outlets import OutletCatalog
from wirewatch.sentences import sentence_at

# How far around a mention (characters, within its sentence) the citing words may lie.
CONTEXT_CHARS = 80
# Longest «со ссылкой на ...» phrase between a Russian outlet and its verb (characters).
RU_CITING_GAP_CHARS = 80


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of words or phrases (spaces match any white space), longest first."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_Q = r"[\"'«»“”„‘’]?"
_KINDS_EN = _alt(OUTLET_KIND_WORDS_EN)
_KINDS_RU = r"(?:" + _alt(OUTLET_KIND_STEMS_RU) + r")[а-яё]*"
# "Kommersant newspaper", "the Vestnik business daily", "Kestrel state news agency".
_GENERIC_EN = rf"(?:(?:\s+(?:{OUTLET_MODIFIERS})){{0,2}}\s+(?:{_KINDS_EN}))?"
# Words describing the outlet before its name: "the Russian business daily", «российская газета».
# Describing words are capitalised (nationalities: "Russian") or from the closed modifier list;
# Russian ones are adjectives, told by their endings.
_DESCRIBED_EN = (
    rf"(?:(?:the|a|an)\s+)?(?:(?:(?-i:[A-Z][\w-]*)|{OUTLET_MODIFIERS})\s+){{0,3}}(?:{_KINDS_EN})\s+"
)
_RU_ADJECTIVE_ENDINGS = "ая|яя|ой|ей|ий|ый|ое|ее|ую|юю|ого|его|ому|ему|ые|ие|ых|их"
_RU_ADJECTIVE = rf"(?!(?:{_alt(RU_ADVERBS_LIKE_ADJECTIVES)})\s)[а-яё-]+(?:{_RU_ADJECTIVE_ENDINGS})"
_DESCRIBED_RU = rf"(?:{_RU_ADJECTIVE}\s+){{0,2}}{_KINDS_RU}\s+"
_REPORT_EN = (
    rf"(?:(?:{_alt(CITE_VERB_LEADS_EN)})\s+){{0,2}}(?:{_alt(CITE_VERBS_EN)})\b|{CITE_FIRST_EN}"
)
_REPORT_RU = r"(?:" + _alt(CITE_VERB_STEMS_RU) + r")[а-яё]{0,3}\b"
# Joins between the outlet and its verb: "and Reuters" (names checked to be outlets),
# ", citing sources,", «со ссылкой на источник в правительстве», "today".
_BETWEEN = (
    r"(?P<joined>(?:\s*(?:,|and|и)\s*" + _Q + r"[A-ZА-ЯЁ][\w.-]*" + _Q + r")*)"
    r"(?:\s*,\s*(?:" + _alt(CITE_CITING_EN) + "|" + "|".join(CITE_CITING_RU) + r")[^,.;]{1,60},"
    r"|\s+(?:" + "|".join(CITE_CITING_RU) + r")\s+"
    rf"[^.;:!?«»\"]{{1,{RU_CITING_GAP_CHARS}}}?(?=\s+{_REPORT_RU}))?"
    r"(?:\s+(?:today|yesterday|on\s+\w+(?:\s+\d{1,2})?|in\s+\w+))?\s*"
)
_JOINED_NAME = re.compile(r"(?:,|and|и)\s*" + _Q + r"(?=[A-ZА-ЯЁ])")
_AFTER_REPORTED = re.compile(
    r"^[’']?s?" + _Q + _GENERIC_EN + _BETWEEN + "(?:" + _REPORT_EN + "|" + _REPORT_RU + ")", re.IGNORECASE
)
_BEFORE_REPORTED = re.compile(
    r"(?:\b(?:" + "|".join(CITE_BEFORE_EN) + rf")\s*(?:{_DESCRIBED_EN})?(?:the\s+)?"
    r"|\bas\s+(?:the\s+)?"
    rf"|\bкак\s+{_REPORT_RU}\s+(?:{_DESCRIBED_RU})?"
    rf"|\b{CITE_ACCORDING_RU}\s+(?:{_DESCRIBED_RU})?"
    rf"|\b{_REPORT_RU}\s+(?:{_DESCRIBED_RU})?"
    rf"|\b(?:{_alt(CITE_REPORT_NOUN_STEMS_RU)})[а-яё]*\s+(?:{_DESCRIBED_RU})?)"
    + _Q
    + r"\s*$",
    re.IGNORECASE,
)
# What may stand right before a reporting outlet's name and belongs to its phrase.
_LEAD = re.compile(rf"(?:\b(?:{_DESCRIBED_EN}|{_DESCRIBED_RU}|the\s+){_Q}|(?<=\s){_Q})\Z", re.IGNORECASE)
_BEFORE_CITING = re.compile(
    r"(?:\b(?:" + _alt(CITE_CITING_EN) + r")\s+(?:the\s+)?"
    r"|\b(?:" + "|".join(CITE_CITING_RU) + rf")\s+(?:{_DESCRIBED_RU})?)"
    + _Q
    + r"\s*$",
    re.IGNORECASE,
)
# A line that credits the whole article: "Source: Kommersant", «Источник: „Коммерсантъ“».
_CREDIT_LINE = re.compile(
    r"^[ \t]*(?:Source|Sources|Credit|Via|Originally published (?:by|in)|Источник|По материалам)"
    r"\s*:\s*(?P<what>[^\n]+?)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


class CitationAnnotator:
    """Pipeline stage filling ``citations`` from the article's body, credits and origin."""

    name = "citations"
    # Outlets the entities stage found by description are cited too when it ran before.
    requires = ("sentences",)
    produces = ("citations",)

    def __init__(self, catalog: OutletCatalog) -> None:
        self.catalog = catalog

    def __call__(self, doc: AnnotatedArticle, parsed: ArticleParse) -> AnnotatedArticle:
        citations = self.citations(doc, parsed.sentences)
        linked = [replace(c, outlet_entity=outlet_entity(c, doc.entities)) for c in citations]
        return replace(doc, citations=tuple(linked))

    def citations(self, doc: AnnotatedArticle, sentences: Sequence[Span]) -> list[Citation]:
        """The article's citations; ``sentences`` is its segmentation."""
        article = doc.article
        out: list[Citation] = []
        for line in article.credits:
            # The parser already judged these lines credits: an outlet the catalogue lacks
            # ("Source: Delovoy Vestnik") is still the credited outlet.
            found = self._credit(line, None)
            uncatalogued = credited_outlet(line)
            if not found and uncatalogued:
                found = [Citation(uncatalogued, line.strip(), None, None, CitationKind.CREDIT)]
            out.extend(found)
        if article.original_outlet:
            outlet = self.catalog.lookup(article.original_outlet)
            name = outlet.name if outlet is not None else article.original_outlet.strip()
            out.append(Citation(name, article.original_outlet, None, None, CitationKind.TRANSLATED_FROM))
        body = article.body
        credit_spans: list[tuple[int, int]] = []
        for match in _CREDIT_LINE.finditer(body):
            found = self._credit(match.group("what"), match.start("what"))
            if found:
                credit_spans.append((match.start(), match.end()))
                out.extend(
                    replace(c, text=match.group(0).strip(), start=match.start(), end=match.end())
                    for c in found
                )
        mentions = [(start, end, outlet.name) for start, end, outlet in self.catalog.find(body)]
        # Outlets the entity stage recognised by description ("the business daily X") but the
        # catalogue does not list are cited the same way.
        mentions += [
            (m.start, m.end, entity.name)
            for entity in doc.entities
            if entity.type is EntityType.OUTLET and self.catalog.lookup(entity.name) is None
            for m in entity.mentions
        ]
        starts = {start for start, _, _ in mentions}
        for start, end, name in sorted(mentions):
            if any(s <= start < e for s, e in credit_spans) or self._own(name, article.outlet):
                continue  # the credit line itself; an outlet naming itself is no citation
            found_kind = _kind_at(body, sentences, start, end, starts)
            if found_kind is not None:
                kind, c_start, c_end = found_kind
                out.append(Citation(name, body[c_start:c_end], c_start, c_end, kind))
        out.extend(self._photo_credits(article.captions, article.outlet))
        return _dedupe(out)

    def _own(self, name: str, outlet: str | None) -> bool:
        return name == outlet or is_same_outlet(name, outlet, self.catalog)

    def _photo_credits(self, captions: Sequence[str], own: str | None) -> list[Citation]:
        """Outlets the captions credit pictures to ("(KNA pic)", "Photo: Reuters"); the
        article's own outlet ("(TSH photo)" on Tien Shan Herald) and people (photographers, a
        press office) are not cited."""
        out = []
        for caption in captions:
            for name, credit in photo_credits(caption):
                outlet = outlet_name(name, self.catalog)
                if outlet is not None and not self._own(outlet, own) and not self._own(name, own):
                    out.append(Citation(outlet, credit, None, None, CitationKind.PHOTO_CREDIT))
        return out

    def _credit(self, line: str, offset: int | None) -> list[Citation]:
        text = line.strip()
        match = _CREDIT_LINE.match(text)
        what = match.group("what") if match else text
        hits = self.catalog.find(what)
        if not hits:
            outlet = self.catalog.lookup(what)
            return [] if outlet is None else [Citation(outlet.name, text, None, None, CitationKind.CREDIT)]
        return [Citation(o.name, text, None, None, CitationKind.CREDIT) for _, _, o in hits]


def outlet_entity(citation: Citation, entities: Sequence[Entity]) -> str | None:
    """The id of the article's outlet entity a citation credits: the one of that (canonical)
    name, the one with a mention inside the citing phrase first; None when the body never
    names the outlet (only a credit line or a translation note does)."""
    outlets = [e for e in entities if e.type is EntityType.OUTLET and e.id]

    def inside(entity: Entity) -> bool:
        if citation.start is None or citation.end is None:
            return False
        return any(citation.start <= m.start and m.end <= citation.end for m in entity.mentions)

    named = [e for e in outlets if e.name == citation.outlet]
    found = next((e for e in named if inside(e)), None) or next(iter(named), None)
    return found.id if found is not None else None


def _context_bounds(text: str, sentences: Sequence[Span], start: int, end: int) -> tuple[int, int]:
    """Where the citing words around text[start:end] may lie: its sentence, at most
    ``CONTEXT_CHARS`` either side."""
    lo, hi = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
    sentence = sentence_at(sentences, start)
    if sentence is None:
        return lo, hi
    return max(lo, sentence.start), min(hi, max(sentence.end, end))


def _kind_at(
    text: str, sentences: Sequence[Span], start: int, end: int, outlet_starts: set[int]
) -> tuple[CitationKind, int, int] | None:
    """The citation kind of the outlet mention at text[start:end], with the phrase's span.
    ``outlet_starts``: where outlet mentions start, so that in "X and Y reported" Y must be one
    (in "the report in X, Zolotaryov said" the verb is Zolotaryov's, not X's)."""
    s_start, s_end = _context_bounds(text, sentences, start, end)
    before = text[s_start:start]
    after = text[end:s_end]
    citing = _BEFORE_CITING.search(before)
    if citing is not None:
        return CitationKind.CITING, s_start + citing.start(), _close(text, end)
    reported_before = _BEFORE_REPORTED.search(before)
    reported_after = _AFTER_REPORTED.match(after)
    if reported_after is not None and not _joined_outlets(reported_after, end, outlet_starts):
        reported_after = None
    if reported_after is not None:
        phrase_start = s_start + reported_before.start() if reported_before else start
        return CitationKind.REPORTED, _lead(text, phrase_start, start), end + reported_after.end()
    if reported_before is not None and not before.rstrip().lower().endswith(("as", "as the")):
        return CitationKind.REPORTED, s_start + reported_before.start(), _close(text, end)
    return None


def _joined_outlets(match: re.Match[str], offset: int, outlet_starts: set[int]) -> bool:
    """Whether every name joined to the outlet before its verb ("X, Y and Z reported") is an
    outlet mention itself."""
    joined = match.group("joined")
    base = offset + match.start("joined")
    return all(base + m.end() in outlet_starts for m in _JOINED_NAME.finditer(joined))


def _close(text: str, end: int) -> int:
    """Take in the closing mark of a quoted outlet name («как сообщил „Коммерсантъ“»)."""
    return end + 1 if end < len(text) and text[end] in '»“”"' else end


def _lead(text: str, phrase_start: int, start: int) -> int:
    """Start the phrase at the words describing the outlet before its name ("the Kommersant
    newspaper reported", "the Russian business daily X reported", «газета «X» сообщила»)."""
    if phrase_start != start:
        return phrase_start
    lead = _LEAD.search(text, max(0, start - CONTEXT_CHARS), start)
    return lead.start() if lead is not None else start


def _dedupe(citations: list[Citation]) -> list[Citation]:
    seen: set[tuple[str, CitationKind, int | None]] = set()
    out = []
    for c in citations:
        key = (c.outlet, c.kind, c.start)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out
