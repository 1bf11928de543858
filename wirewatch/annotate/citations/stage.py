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
from collections.abc import Sequence
from dataclasses import replace

from wirewatch.annotate.entities.outlet_cues import OUTLET_MODIFIERS
from wirewatch.credits import credited_outlet
from wirewatch.model import AnnotatedArticle, Citation, CitationKind, Entity, EntityType, Span
from wirewatch.resources import lexicon as cues
from wirewatch.resources.article_parse import ArticleParse
from wirewatch.resources.outlets import OutletCatalog
from wirewatch.sentences import sentence_at

# How far around a mention (characters, within its sentence) the citing words may lie.
CONTEXT_CHARS = 80

_Q = r"[\"'«»“”„‘’]?"
# "Kommersant newspaper", "the Vestnik business daily", "Kestrel state news agency".
_GENERIC_EN = (
    rf"(?:(?:\s+(?:{OUTLET_MODIFIERS})){{0,2}}"
    r"\s+(?:newspaper|daily|paper|news\s+agency|agency|wire|website|magazine))?"
)
_GENERIC_RU = r"(?:(?:газет[аеуы]|агентств[оау]|издани[еяю]|телеканал[ау]?|информагентств[оау])\s+)?"
_REPORT_EN = (
    r"(?:has\s+|have\s+|had\s+)?(?:also\s+|earlier\s+|previously\s+|first\s+)?"
    r"(?:" + "|".join(cues.OUTLET_REPORT_FORMS) + r")\b"
)
_REPORT_RU = r"(?:" + "|".join(cues.RU_OUTLET_REPORT_FORMS) + r")\b"
# Joins between the outlet and its verb: "and Reuters", ", citing sources,", "today".
_BETWEEN = (
    r"(?:(?:\s*(?:,|and|и)\s*" + _Q + r"[A-ZА-ЯЁ][\w.-]*" + _Q + r")*"
    r"(?:\s*,\s*(?:" + "|".join((*cues.CITING_WORDS, cues.RU_CITING_PLAIN)) + r")[^,.;]{1,60},)?"
    r"(?:\s+(?:today|yesterday|on\s+\w+|in\s+\w+))?\s*)"
)
_AFTER_REPORTED = re.compile(
    r"^[’']?s?" + _Q + _GENERIC_EN + _BETWEEN + "(?:" + _REPORT_EN + "|" + _REPORT_RU + ")", re.IGNORECASE
)
_BEFORE_REPORTED = re.compile(
    r"(?:\b" + cues.ACCORDING_TO + r"\b[^,.;:!?]{0,40}|\bas\s+(?:the\s+)?|\b[Кк]ак\s+"
    + _REPORT_RU
    + r"\s+"
    + _GENERIC_RU
    + r"|\b(?:" + cues.RU_OUTLET_ACCORDING + r")\s+"
    + r"(?:газеты|агентства|издания|телеканала)?\s*|\b"
    + _REPORT_RU
    + r"\s+"
    + _GENERIC_RU
    + "".join(rf"|\b{participle}\s+by\s+(?:the\s+)?" for participle in cues.OUTLET_BY_PARTICIPLES)
    + ")"
    + _Q
    + r"\s*$",
    re.IGNORECASE,
)
_BEFORE_CITING = re.compile(
    "(?:"
    + "".join(rf"\b{word}\s+(?:the\s+)?|" for word in cues.CITING_WORDS)
    + rf"\b{cues.CITED_BY}\s+(?:the\s+)?"
    + rf"|\b{cues.RU_CITING_PLAIN}\s+"
    + _GENERIC_RU.replace("[аеуы]", "[уа]")
    + rf"|\b{cues.RU_CITING_GERUND}\s+)"
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
        for start, end, name in sorted(mentions):
            if any(s <= start < e for s, e in credit_spans) or name == article.outlet:
                continue  # the credit line itself; an outlet naming itself is no citation
            found_kind = _kind_at(body, sentences, start, end)
            if found_kind is not None:
                kind, c_start, c_end = found_kind
                out.append(Citation(name, body[c_start:c_end], c_start, c_end, kind))
        return _dedupe(out)

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
    text: str, sentences: Sequence[Span], start: int, end: int
) -> tuple[CitationKind, int, int] | None:
    """The citation kind of the outlet mention at text[start:end], with the phrase's span."""
    s_start, s_end = _context_bounds(text, sentences, start, end)
    before = text[s_start:start]
    after = text[end:s_end]
    citing = _BEFORE_CITING.search(before)
    if citing is not None:
        return CitationKind.CITING, s_start + citing.start(), _close(text, end)
    reported_before = _BEFORE_REPORTED.search(before)
    reported_after = _AFTER_REPORTED.match(after)
    if reported_after is not None:
        phrase_start = s_start + reported_before.start() if reported_before else start
        return CitationKind.REPORTED, _lead(text, phrase_start, start), end + reported_after.end()
    if reported_before is not None and not before.rstrip().lower().endswith(("as", "as the")):
        return CitationKind.REPORTED, s_start + reported_before.start(), _close(text, end)
    return None


def _close(text: str, end: int) -> int:
    """Take in the closing mark of a quoted outlet name («как сообщил „Коммерсантъ“»)."""
    return end + 1 if end < len(text) and text[end] in '»“”"' else end


def _lead(text: str, phrase_start: int, start: int) -> int:
    """Start the phrase at a leading "the" ("the Kommersant newspaper reported")."""
    if phrase_start == start and text[max(0, start - 4) : start].lower() == "the ":
        return start - 4
    return phrase_start


def _dedupe(citations: list[Citation]) -> list[Citation]:
    seen: set[tuple[str, CitationKind, int | None]] = set()
    out = []
    for c in citations:
        key = (c.outlet, c.kind, c.start)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out
