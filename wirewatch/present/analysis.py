"""A read-only view of the public JSON document of ``wirewatch analyze`` for the exports and the brief.

The exports work from the document (docs/schema.md), not from the pipeline's objects, so that the
same code serves a saved analyze output, a fresh analysis and the store (which produces the same
document for a story). Its top-level keys ``stories``, ``derivations`` and ``claims`` (schema 1.2)
may be absent from older outputs; then the view degrades in a way it states (``Analysis.notes``):

- no ``stories``: one story, id ``all``, of every article;
- no ``claims``: each article's own claims stand as claims of its story, reported by that article
  alone, ungraded, with no origins counted.

Items are parsed leniently (unknown keys ignored, missing optional ones empty): the document is an
input, and a field added later must not break an export.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from wirewatch.model import AnnotatedArticle, Polarity
from wirewatch.present.errors import UnknownStoryError
from wirewatch.present.geojson import sentence_span
from wirewatch.present.json_output import document_header

ALL_STORY = "all"
_DENIAL = {"denied", "negated", "denial"}
_NON_ANSWER = {"non_answer", "no_comment"}


def parse_time(value: str | None) -> datetime | None:
    """An ISO 8601 publication time as UTC; a date alone is its midnight, no zone is read as UTC."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC)


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class Ref:
    """A stretch of one article's body by offsets: the evidence a statement points at."""

    article: str
    start: int | None = None
    end: int | None = None

    @classmethod
    def parse(cls, data: Any) -> Ref | None:
        if isinstance(data, str):
            return cls(data)
        if isinstance(data, Mapping) and isinstance(data.get("article"), str):
            start, end = data.get("start"), data.get("end")
            ok = isinstance(start, int) and isinstance(end, int)
            return cls(data["article"], start if ok else None, end if ok else None)
        return None


def _refs(items: Any) -> tuple[Ref, ...]:
    found = (Ref.parse(item) for item in items) if isinstance(items, list) else ()
    return tuple(ref for ref in found if ref is not None)


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(str(v) for v in value if isinstance(v, str | int))
    return ()


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


@dataclass(frozen=True)
class StoryView:
    id: str
    title: str | None
    articles: tuple[str, ...]
    first_seen: str | None = None
    last_updated: str | None = None
    languages: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Origin:
    """Where a claim comes from: an outlet or article, and how it was sourced there."""

    outlet: str | None
    article: str | None
    source: str | None
    sourcing: str | None
    reported_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reason:
    text: str
    evidence: tuple[Ref, ...] = ()


@dataclass(frozen=True)
class Grade:
    """Admiralty grade: source reliability A-F, information credibility 1-6."""

    reliability: str
    credibility: int

    @property
    def code(self) -> str:
        return f"{self.reliability}{self.credibility}"


@dataclass(frozen=True)
class NonAnswer:
    """Someone who neither confirmed nor denied: who, and where that is said."""

    text: str | None
    evidence: tuple[Ref, ...] = ()


@dataclass(frozen=True)
class StoryClaim:
    """A claim of a story, as the ``claims`` key has it, or one article's claim when it is absent."""

    id: str
    text: str
    story: str
    reported_by: tuple[str, ...]
    origins: tuple[Origin, ...] = ()
    independent_origins: int | None = None
    sourcing: tuple[str, ...] = ()
    contradicted_by: tuple[str, ...] = ()
    non_answers: tuple[NonAnswer, ...] = ()
    grade: Grade | None = None
    reasons: tuple[Reason, ...] = ()
    # The sentences that state it (members' evidence, else the reasons'): what footnotes quote.
    evidence: tuple[Ref, ...] = ()
    polarity: str | None = None
    attributed_to: str | None = None

    @property
    def is_denial(self) -> bool:
        return self.polarity in _DENIAL or "denial" in self.sourcing

    @property
    def is_non_answer(self) -> bool:
        return self.polarity in _NON_ANSWER or "no_comment" in self.sourcing


@dataclass(frozen=True)
class Derivation:
    article: str
    from_article: str | None
    from_outlet: str | None
    kind: str
    evidence: tuple[Ref, ...] = ()


@dataclass
class Analysis:
    """The articles of a document with its stories, derivations and claims (or their stand-ins)."""

    articles: list[AnnotatedArticle]
    stories: list[StoryView]
    claims: list[StoryClaim]
    derivations: list[Derivation]
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    header: dict[str, Any] = field(default_factory=dict)
    # What the document lacked and how the view stands in for it (said in exports and briefs).
    notes: list[str] = field(default_factory=list)
    has_stories: bool = True
    has_claims: bool = True
    has_derivations: bool = True
    # The top-level lists as the document has them (every field kept), for the JSON export.
    raw: dict[str, list[Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id = {doc.article.id: doc for doc in self.articles}

    def story(self, story_id: str) -> StoryView:
        for story in self.stories:
            if story.id == story_id:
                return story
        known = ", ".join(s.id for s in self.stories[:20]) or "none"
        raise UnknownStoryError(f"no story {story_id!r} in the input (its stories: {known})")

    def story_of(self, article_id: str) -> str | None:
        return next((s.id for s in self.stories if article_id in s.articles), None)

    def for_story(self, story_id: str) -> Analysis:
        """The part of the analysis about one story: its articles, claims and derivations."""
        story = self.story(story_id)
        members = set(story.articles)
        return Analysis(
            articles=[doc for doc in self.articles if doc.article.id in members],
            stories=[story],
            claims=[c for c in self.claims if c.story == story_id],
            derivations=[d for d in self.derivations if d.article in members],
            duplicates=[d for d in self.duplicates if d.get("article") in members],
            header=self.header, notes=list(self.notes), has_stories=self.has_stories,
            has_claims=self.has_claims, has_derivations=self.has_derivations,
            raw=_raw_for_story(self.raw, story_id, members),
        )

    def sentence(self, ref: Ref) -> str | None:
        """The sentence(s) of the article body that ``ref`` points into, or None when the
        article or the offsets are not there."""
        doc = self.by_id.get(ref.article)
        body = doc.article.body if doc else ""
        if doc is None or ref.start is None or ref.end is None or not 0 <= ref.start <= ref.end <= len(body):
            return None
        left, _ = sentence_span(doc, ref.start, ref.start)
        _, right = sentence_span(doc, max(ref.start, ref.end - 1), ref.end)
        return " ".join(body[left:max(right, ref.end)].split())


def _raw_for_story(raw: Mapping[str, list[Any]], story_id: str, members: set[str]) -> dict[str, list[Any]]:
    def keep(key: str, item: Any) -> bool:
        if not isinstance(item, Mapping):
            return False
        if key == "stories":
            return bool(item.get("id") == story_id)
        if key == "claims":
            return bool(item.get("story") == story_id)
        return item.get("article") in members

    return {key: [item for item in items if keep(key, item)] for key, items in raw.items()}


def _all_story(docs: Sequence[AnnotatedArticle]) -> StoryView:
    """The one story of every article that stands in when the document has no stories."""
    times = sorted(t for doc in docs if (t := parse_time(doc.article.published)) is not None)
    return StoryView(
        ALL_STORY, "All articles", tuple(doc.article.id for doc in docs),
        first_seen=_iso(times[0]) if times else None, last_updated=_iso(times[-1]) if times else None,
        languages=tuple(sorted({d.article.language for d in docs if d.article.language})),
        outlets=tuple(sorted({d.article.outlet for d in docs if d.article.outlet})))


def _story(data: Mapping[str, Any]) -> StoryView:
    return StoryView(
        id=str(data["id"]), title=_text(data.get("title")), articles=_strings(data.get("articles")),
        first_seen=_text(data.get("first_seen")), last_updated=_text(data.get("last_updated")),
        languages=_strings(data.get("languages")), outlets=_strings(data.get("outlets")),
    )


def _origin(data: Any) -> Origin | None:
    if not isinstance(data, Mapping):
        return Origin(outlet=str(data), article=None, source=None, sourcing=None) if data else None
    return Origin(outlet=_text(data.get("outlet")), article=_text(data.get("article")),
                  source=_text(data.get("source")), sourcing=_text(data.get("sourcing")),
                  reported_by=_strings(data.get("reported_by")))


def _grade(data: Any) -> Grade | None:
    if not isinstance(data, Mapping):
        return None
    reliability, credibility = data.get("reliability"), data.get("credibility")
    if not isinstance(reliability, str) or reliability not in "ABCDEF" or len(reliability) != 1:
        return None
    try:
        number = int(str(credibility))
    except ValueError:
        return None
    return Grade(reliability, number) if 1 <= number <= 6 else None


def _non_answer(data: Any) -> NonAnswer:
    if isinstance(data, Mapping):
        evidence = _refs(data.get("evidence")) or tuple(r for r in [Ref.parse(data)] if r is not None)
        return NonAnswer(_text(data.get("text")) or _text(data.get("who")), evidence)
    return NonAnswer(str(data) if data is not None else None)


def _member_refs(members: Any, by_id: Mapping[str, AnnotatedArticle]) -> tuple[Ref, ...]:
    """The evidence of the per-article claims a story-level claim aligns (``members``)."""
    refs: list[Ref] = []
    for member in members if isinstance(members, list) else ():
        if not isinstance(member, Mapping):
            continue
        doc = by_id.get(str(member.get("article")))
        claim = next((c for c in doc.claims if c.id == member.get("claim")), None) if doc else None
        if doc is not None and claim is not None:
            refs.extend(Ref(doc.article.id, e.start, e.end) for e in claim.evidence)
    return tuple(refs)


def _claim(data: Mapping[str, Any], by_id: Mapping[str, AnnotatedArticle]) -> StoryClaim:
    reasons = tuple(
        Reason(str(r.get("text", "")), _refs(r.get("evidence"))) if isinstance(r, Mapping) else Reason(str(r))
        for r in data.get("reasons") or ())
    independent = data.get("independent_origins")
    sourcing = data.get("sourcing")
    if isinstance(sourcing, Mapping):  # {"anonymous": 1, ...}: the kinds it names
        sourcing = sorted(str(k) for k in sourcing)
    evidence = (_member_refs(data.get("members"), by_id) or _refs(data.get("evidence"))
                or tuple(ref for reason in reasons for ref in reason.evidence))
    origins = tuple(o for o in (_origin(item) for item in data.get("origins") or ()) if o is not None)
    return StoryClaim(
        id=str(data["id"]), text=str(data.get("text") or ""), story=str(data.get("story") or ALL_STORY),
        reported_by=_strings(data.get("reported_by")), origins=origins,
        independent_origins=independent if isinstance(independent, int) else None,
        sourcing=_strings(sourcing), contradicted_by=_strings(data.get("contradicted_by")),
        non_answers=tuple(_non_answer(n) for n in data.get("non_answers") or ()),
        grade=_grade(data.get("grade")), reasons=reasons, evidence=evidence,
        polarity=_text(data.get("polarity")), attributed_to=_text(data.get("attributed_to")),
    )


def _derivation(data: Mapping[str, Any]) -> Derivation:
    source = data.get("derived_from")
    source = source if isinstance(source, Mapping) else {}
    return Derivation(article=str(data["article"]), from_article=_text(source.get("article")),
                      from_outlet=_text(source.get("outlet")), kind=str(data.get("kind") or "unknown"),
                      evidence=_refs(data.get("evidence")))


def _article_claims(articles: Sequence[AnnotatedArticle], story_of: Mapping[str, str]) -> list[StoryClaim]:
    """Each article's own claims as claims of its story (the document has no ``claims`` key)."""
    claims: list[StoryClaim] = []
    for doc in articles:
        article_id = doc.article.id
        for claim in doc.claims:
            claims.append(StoryClaim(
                id=f"{article_id}:{claim.id}", text=claim.text, story=story_of.get(article_id, ALL_STORY),
                reported_by=(article_id,), sourcing=(str(claim.sourcing),),
                evidence=tuple(Ref(article_id, e.start, e.end) for e in claim.evidence),
                polarity=str(claim.polarity) if claim.polarity != Polarity.AFFIRMED else None,
                attributed_to=claim.attributed_to,
            ))
    return claims


def _items(document: Mapping[str, Any], key: str) -> list[Mapping[str, Any]] | None:
    value = document.get(key)
    if not isinstance(value, list):
        return None
    return [item for item in value if isinstance(item, Mapping) and ("id" in item or "article" in item)]


def analysis_from_document(document: Mapping[str, Any],
                           articles: Iterable[AnnotatedArticle] | None = None) -> Analysis:
    """The view of an analyze document. ``articles`` may be given already parsed (the reader
    of saved outputs does, with its own error handling); else they are read from the document."""
    docs = list(articles) if articles is not None else [
        AnnotatedArticle.from_dict(item) for item in document.get("articles") or ()]
    by_id = {doc.article.id: doc for doc in docs}
    notes: list[str] = []
    story_items = _items(document, "stories")
    if story_items is None:
        stories = [_all_story(docs)]
        notes.append("The input has no stories: all its articles are treated as one story, 'all'.")
    else:
        stories = [_story(item) for item in story_items if "id" in item]
    story_of = {a: s.id for s in stories for a in s.articles}
    claim_items = _items(document, "claims")
    if claim_items is None:
        claims = _article_claims(docs, story_of)
        notes.append("The input has no story-level claims: each article's claims are listed on their "
                      "own, ungraded, with no origins counted.")
    else:
        claims = [_claim(item, by_id) for item in claim_items if "id" in item]
    derivation_items = _items(document, "derivations")
    derivations = [_derivation(item) for item in derivation_items or () if "article" in item]
    duplicates = [dict(d) for d in document.get("duplicates") or () if isinstance(d, Mapping)]
    header = {k: document[k] for k in ("wirewatch", "generator") if k in document}
    raw = {key: list(document[key]) for key in ("stories", "claims", "derivations", "duplicates")
           if isinstance(document.get(key), list)}
    return Analysis(docs, stories, claims, derivations, duplicates, header, notes,
                    has_stories=story_items is not None, has_claims=claim_items is not None,
                    has_derivations=derivation_items is not None, raw=raw)


def analysis_document(analysis: Analysis) -> dict[str, Any]:
    """The analysis as an analyze JSON document again (``export --format json``): the articles, and
    the top-level lists the input had, each item as it was (a story's part when ``for_story``)."""
    document: dict[str, Any] = {**document_header(), "articles": [doc.to_dict() for doc in analysis.articles]}
    document.update({key: list(items) for key, items in analysis.raw.items()})
    return document
