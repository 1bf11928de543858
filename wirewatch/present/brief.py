"""The analyst's brief on one story (``wirewatch brief STORY``), as safe Markdown.

Sections, in order: bottom line up front; key claims (every claim of the story, with its Admiralty
grade, independent origins, sourcing, ICD 203 estimate and reasons); what is unconfirmed; who denies
what (denials, contradictions, non-answers); the timeline, when things happened apart from when
they were reported; the map (places with coordinates); the sources; the notes.

Every statement carries note numbers ``[1]`` that point at the notes at the end: each names the
article (outlet, title, publication time) and quotes the sentence the statement rests on. All text
from the articles goes through ``safe_markdown.escape`` (see there); ``brief_html`` renders it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from wirewatch.join_keys import place_join_key
from wirewatch.model import BODY, AnnotatedArticle
from wirewatch.present.analysis import Analysis, Ref, StoryClaim, StoryView, parse_time
from wirewatch.present.estimative import estimate, grade_words
from wirewatch.present.safe_markdown import escape, link
from wirewatch.present.timeline import timeline

AREA_FEATURES = ("country", "region")
MAX_EVENTS = 40  # timeline dates shown; the rest are counted
UNDATED_LAST = datetime.max.replace(tzinfo=UTC)  # undated articles are listed after the dated ones
NOTES_PER_EVENT = 3  # notes cited for one date (its first mentions in time order)
MAX_NOTE_CHARS = 600  # a quoted sentence longer than this is cut (the note names where it is)


@dataclass(frozen=True)
class PlacePoint:
    name: str
    country: str | None
    lat: float
    lon: float
    mentions: int
    feature: str = ""

    @property
    def is_area(self) -> bool:
        """A country or macro-region: its point is a centroid, not where something happened."""
        return self.feature in AREA_FEATURES


@dataclass(frozen=True)
class Section:
    key: str  # bluf, claims, unconfirmed, denials, timeline, map, sources, notes
    title: str
    markdown: str


@dataclass
class Brief:
    story: StoryView
    title: str
    sections: list[Section] = field(default_factory=list)
    places: list[PlacePoint] = field(default_factory=list)

    def markdown(self) -> str:
        parts = [f"# Brief: {escape(self.title)}"]
        parts += [f"## {section.title}\n\n{section.markdown}" for section in self.sections]
        return "\n\n".join(parts) + "\n"


class _Notes:
    """Numbers each cited (article, sentence) once and writes the notes list."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.numbers: dict[Ref, int] = {}
        self.lines: list[str] = []

    def cite(self, refs: Iterable[Ref]) -> str:
        numbers = [self._number(ref) for ref in dict.fromkeys(refs)]
        return "".join(f" [\\[{n}\\]](#note-{n})" for n in numbers)

    def _number(self, ref: Ref) -> int:
        if ref not in self.numbers:
            self.numbers[ref] = len(self.numbers) + 1
            self.lines.append(self._note(ref))
        return self.numbers[ref]

    def _note(self, ref: Ref) -> str:
        doc = self.analysis.by_id.get(ref.article)
        if doc is None:
            return f"Article {escape(ref.article)} (not in the input)."
        a = doc.article
        where = (f"{escape(a.outlet or 'unknown outlet')}, “{escape(a.title or a.id)}”, "
                 f"{escape(a.published or 'undated')}")
        sentence = self.analysis.sentence(ref)
        if sentence is None:
            return f"{where} (the whole article)."
        if len(sentence) > MAX_NOTE_CHARS:
            sentence = sentence[: MAX_NOTE_CHARS - 1] + "…"
        return f"{where}, characters {ref.start}-{ref.end}: “{escape(sentence)}”"

    def markdown(self) -> str:
        # Explicit numbers: the HTML renderer gives item N the anchor note-N.
        return "\n".join(f"{n}. {line}" for n, line in enumerate(self.lines, 1)) or "None."


def _claim_refs(claim: StoryClaim) -> list[Ref]:
    return list(claim.evidence) or [Ref(article) for article in claim.reported_by]


def _outlets(analysis: Analysis, articles: Iterable[str]) -> list[str]:
    names = (analysis.by_id[a].article.outlet for a in articles if a in analysis.by_id)
    return sorted({name for name in names if name})


def _ranked(claims: Sequence[StoryClaim]) -> list[StoryClaim]:
    """Best-established first: graded before not, lower credibility number, more independent
    origins, more reporting articles; input order breaks ties."""
    return sorted(claims, key=lambda c: (c.grade is None, c.grade.credibility if c.grade else 9,
                                         -(c.independent_origins or 0), -len(c.reported_by)))


def _grade_text(claim: StoryClaim) -> str:
    return f"**{claim.grade.code}**" if claim.grade else "**not graded**"


def _origin_text(claim: StoryClaim) -> str:
    if claim.independent_origins is None and not claim.origins:
        return "origins not counted"
    listed = "; ".join(
        escape(" ".join(x for x in (o.outlet or o.article or "unknown", o.source and f"({o.source})",
                                    o.sourcing and f"[{o.sourcing}]") if x))
        for o in claim.origins)
    count = "?" if claim.independent_origins is None else str(claim.independent_origins)
    return f"{count} independent origin(s)" + (f": {listed}" if listed else "")


def _bluf(analysis: Analysis, story: StoryView, claims: list[StoryClaim], notes: _Notes) -> str:
    docs = [analysis.by_id[a] for a in story.articles if a in analysis.by_id]
    languages = sorted({d.article.language for d in docs if d.article.language})
    lines = [f"{len(docs)} article(s) from {len(_outlets(analysis, story.articles))} outlet(s) in "
             f"{len(languages)} language(s) ({escape(', '.join(languages)) or 'unknown'}), first seen "
             f"{escape(story.first_seen or 'unknown')}, last updated "
             f"{escape(story.last_updated or 'unknown')}."]
    graded = [c for c in claims if c.grade is not None]
    if graded:
        top = graded[0]
        est = estimate(top)
        verb = f"It is {est.likelihood} that" if est.likelihood else "We cannot judge whether"
        lines.append(f"**Bottom line:** {verb} {escape(top.text)} ({top.grade.code if top.grade else ''}; "
                     f"{_origin_text(top)}; {est.confidence} confidence).{notes.cite(_claim_refs(top))}")
        contradicted = [c for c in graded if c.contradicted_by]
        if contradicted:
            lines.append(f"{len(contradicted)} claim(s) are contradicted by other reporting (see *Who denies "
                         "what*).")
    elif claims:
        top = max(claims, key=lambda c: len(c.reported_by))
        lines.append(f"**Bottom line:** not assessed (the input has no graded claims). The most widely "
                     f"reported claim, in {len(top.reported_by)} article(s): {escape(top.text)}"
                     f"{notes.cite(_claim_refs(top))}")
    else:
        lines.append("**Bottom line:** no claims were found in this story's articles.")
    for note in analysis.notes:
        lines.append(f"*{escape(note)}*")
    return "\n\n".join(lines)


def _claims(analysis: Analysis, claims: list[StoryClaim], notes: _Notes) -> str:
    items = []
    for claim in claims:
        est = estimate(claim)
        outlets = _outlets(analysis, claim.reported_by)
        head = (f"- {_grade_text(claim)} · {est.phrase()} — {escape(claim.text)}"
                f"{notes.cite(_claim_refs(claim))}")
        details = [f"reported by {len(claim.reported_by)} article(s)"
                   + (f" ({escape(', '.join(outlets))})" if outlets else ""), _origin_text(claim)]
        if claim.sourcing:
            details.append("sourcing: " + escape(", ".join(claim.sourcing)))
        lines = [head, "  - " + "; ".join(details)]
        if claim.grade:
            lines.append("  - " + escape(grade_words(claim.grade)))
        lines += [f"  - {escape(r.text)}{notes.cite(r.evidence)}" for r in claim.reasons]
        items.append("\n".join(lines))
    return "\n".join(items) or "No claims."


def _unconfirmed(claims: list[StoryClaim], notes: _Notes) -> str:
    items = [
        f"- {escape(c.text)} — {_origin_text(c)}"
        + (f", sourcing {escape(', '.join(c.sourcing))}" if c.sourcing else "")
        + f" ({c.grade.code if c.grade else 'not graded'}){notes.cite(_claim_refs(c))}"
        for c in claims
        if not c.is_denial and not c.is_non_answer
        and (c.grade is None or c.grade.credibility != 1) and (c.independent_origins or 0) < 2
    ]
    return "\n".join(items) or "Every claim has at least two independent origins."


def _denials(claims: list[StoryClaim], notes: _Notes) -> str:
    by_id = {c.id: c for c in claims}
    items = []
    for claim in claims:
        for other in claim.contradicted_by:
            against = by_id.get(other)
            text = escape(against.text) if against else f"claim {escape(other)}"
            refs = _claim_refs(against) if against else []
            items.append(f"- {text}{notes.cite(refs)} — contradicts: {escape(claim.text)}"
                         f"{notes.cite(_claim_refs(claim))}")
        for answer in claim.non_answers:
            items.append(f"- No answer: {escape(answer.text or 'neither confirmed nor denied')}"
                         f"{notes.cite(answer.evidence)} — on: {escape(claim.text)}")
    linked = {other for c in claims for other in c.contradicted_by}
    for claim in claims:
        if claim.is_denial and claim.id not in linked:
            who = f"{escape(claim.attributed_to)}: " if claim.attributed_to else ""
            items.append(f"- Denial: {who}{escape(claim.text)}{notes.cite(_claim_refs(claim))}")
        elif claim.is_non_answer:
            items.append(f"- No answer: {escape(claim.text)}{notes.cite(_claim_refs(claim))}")
    return "\n".join(items) or "No denials, contradictions or non-answers were found."


def _event_ref(event: dict[str, Any]) -> Ref:
    """The sentence of a timeline event; a title or caption mention cites the article."""
    if event["field"] == BODY:
        return Ref(event["article_id"], event["start"], event["end"])
    return Ref(event["article_id"])


def _timeline(analysis: Analysis, docs: list[AnnotatedArticle], notes: _Notes) -> str:
    data = timeline(docs)
    by_value: dict[str, list[dict[str, Any]]] = {}
    for event in data["events"]:  # in time order
        by_value.setdefault(event["value"], []).append(event)
    shown = []
    # Notes only for the events shown, so that every note is cited.
    for value, group in list(by_value.items())[:MAX_EVENTS]:
        texts = ", ".join(escape(text) for text in dict.fromkeys(e["text"] for e in group))
        count = f" ({len(group)} mentions)" if len(group) > 1 else ""
        refs = [_event_ref(e) for e in group][:NOTES_PER_EVENT]
        shown.append(f"- {escape(value)}: {texts}{count}{notes.cite(refs)}")
    if len(by_value) > MAX_EVENTS:
        shown.append(f"- … {len(by_value) - MAX_EVENTS} more dates not shown")
    reported = sorted(docs, key=lambda d: parse_time(d.article.published) or UNDATED_LAST)
    reports = [f"- {escape(d.article.published or 'undated')}: "
               f"{escape(d.article.outlet or 'unknown outlet')}, "
               f"“{escape(d.article.title or d.article.id)}”{notes.cite([Ref(d.article.id)])}"
               for d in reported]
    return ("### When things happened\n\n" + ("\n".join(shown) or "No dated events.")
            + "\n\n### When it was reported\n\n" + "\n".join(reports))


def story_places(docs: Sequence[AnnotatedArticle]) -> list[tuple[PlacePoint, Ref]]:
    """The story's places with coordinates (most mentioned first), each with a body mention."""
    counts: dict[str, int] = {}
    first: dict[str, tuple[PlacePoint, Ref]] = {}
    for doc in docs:
        for place in doc.places:
            if place.lat is None or place.lon is None:
                continue
            key = place_join_key(place.geonameid, place.lat, place.lon, place.name)
            counts[key] = counts.get(key, 0) + len(place.mentions)
            if key not in first:
                body = next((m for m in place.mentions if m.field == BODY), None)
                ref = Ref(doc.article.id, body.start, body.end) if body else Ref(doc.article.id)
                point = PlacePoint(place.name, place.country, place.lat, place.lon, 0, place.feature)
                first[key] = (point, ref)
    ordered = sorted(first, key=lambda k: -counts[k])
    return [(replace(first[k][0], mentions=counts[k]), first[k][1]) for k in ordered]


def _map(places: list[tuple[PlacePoint, Ref]], notes: _Notes) -> str:
    lines = [f"- {escape(p.name)}" + (f" ({escape(p.country)})" if p.country else "")
             + f" — {p.lat:.3f}, {p.lon:.3f}; {p.mentions} mention(s)"
             + (" (a country or region: listed, not drawn)" if p.is_area else "") + notes.cite([ref])
             for p, ref in places]
    return "\n".join(lines) or "No places with coordinates."


def _sources(docs: list[AnnotatedArticle]) -> str:
    lines = []
    for doc in docs:
        a = doc.article
        title = link(a.title or a.id, a.url)
        extra = f", translated from {escape(a.translated_from)}" if a.translated_from else ""
        lines.append(f"- {escape(a.outlet or 'unknown outlet')}: {title} — "
                     f"{escape(a.published or 'undated')}, "
                     f"{escape(a.language or 'language unknown')}{extra} (id {escape(a.id)})")
    return "\n".join(lines) or "No articles."


def build_brief(analysis: Analysis, story_id: str) -> Brief:
    """The brief on one story of ``analysis`` (UnknownStoryError when there is no such story)."""
    part = analysis.for_story(story_id)
    story = part.story(story_id)
    docs = [part.by_id[a] for a in story.articles if a in part.by_id]
    claims = _ranked(part.claims)
    notes = _Notes(part)
    places = story_places(docs)
    sections = [
        Section("bluf", "Bottom line up front", _bluf(part, story, claims, notes)),
        Section("claims", "Key claims", _claims(part, claims, notes)),
        Section("unconfirmed", "What is unconfirmed", _unconfirmed(claims, notes)),
        Section("denials", "Who denies what", _denials(claims, notes)),
        Section("timeline", "Timeline", _timeline(part, docs, notes)),
        Section("map", "Map", _map(places, notes)),
        Section("sources", "Sources", _sources(docs)),
    ]
    sections.append(Section("notes", "Notes", notes.markdown()))
    return Brief(story, story.title or f"Story {story.id}", sections, [p for p, _ in places])
