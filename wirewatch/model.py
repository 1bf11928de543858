"""The data model every stage of wirewatch speaks.

Flow: ``Document`` (raw input + hints) -> ``Article`` (parsed page) -> ``AnnotatedArticle``
(article + entities, places, times, quotes, citations, claims). Annotations point into
``Article.body`` by character offsets (``start`` inclusive, ``end`` exclusive) and never copy
more text than the span itself, so a reader can always go back to the sentence.

Each class has ``to_dict()`` producing the public JSON shape documented in docs/schema.md.
Field names there are a public API: add fields freely, never rename.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any

SCHEMA_VERSION = "1.0"


class InputFormat(StrEnum):
    """How a document's content is laid out."""

    TEXT = "text"
    HTML = "html"


class EntityType(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    OUTLET = "outlet"
    PLACE = "place"
    OTHER = "other"


class OutletKind(StrEnum):
    NEWSPAPER = "newspaper"
    WIRE = "wire"
    BROADCASTER = "broadcaster"
    MAGAZINE = "magazine"
    ONLINE = "online"
    AGGREGATOR = "aggregator"
    OFFICIAL = "official"


@dataclass(frozen=True)
class Outlet:
    """A news outlet or agency. ``aliases`` hold other spellings and scripts (Коммерсантъ)."""

    name: str
    kind: OutletKind | None  # None: an outlet known only by name (an article's own, uncatalogued)
    country: str | None = None
    language: str | None = None
    domain: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hints:
    """Metadata given with the input (JSONL fields, a URL). Given metadata wins over guesses."""

    id: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    title: str | None = None
    language: str | None = None
    byline: str | None = None


@dataclass(frozen=True)
class Document:
    """One input page before parsing: decoded text plus where it came from."""

    source: str
    content: str
    format: InputFormat
    hints: Hints = field(default_factory=Hints)


@dataclass(frozen=True)
class Comment:
    """A reader comment, kept apart from the article body.

    ``reply_to`` is the index (in the article's ``comments`` list) of the comment this one
    answers, or None for a top-level comment.
    """

    author: str | None
    text: str
    reply_to: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"author": self.author, "text": self.text, "reply_to": self.reply_to}


@dataclass(frozen=True)
class Article:
    """A parsed page: the article text and its metadata, with page chrome and comments removed."""

    id: str
    source: str
    url: str | None
    outlet: str | None
    title: str | None
    subtitle: str | None
    byline: str | None
    published: str | None
    published_from: str | None
    language: str | None
    translated_from: str | None
    original_outlet: str | None
    body: str
    comments: tuple[Comment, ...] = ()
    dateline: str | None = None
    captions: tuple[str, ...] = ()
    credits: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.body.strip():
            raise ValueError(f"article {self.id!r} from {self.source!r} has an empty body")

    def paragraphs(self) -> list[tuple[int, int]]:
        """Offsets of each paragraph of ``body`` (paragraphs are separated by blank lines)."""
        spans: list[tuple[int, int]] = []
        start = 0
        for chunk in self.body.split("\n\n"):
            if chunk.strip():
                spans.append((start, start + len(chunk)))
            start += len(chunk) + 2
        return spans

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "url": self.url,
            "outlet": self.outlet,
            "title": self.title,
            "subtitle": self.subtitle,
            "byline": self.byline,
            "published": self.published,
            "published_from": self.published_from,
            "language": self.language,
            "translated_from": self.translated_from,
            "original_outlet": self.original_outlet,
            "dateline": self.dateline,
            "body": self.body,
            "captions": list(self.captions),
            "credits": list(self.credits),
            "notes": list(self.notes),
            "comments": [c.to_dict() for c in self.comments],
        }


@dataclass(frozen=True)
class Mention:
    """A span of ``Article.body``."""

    text: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"bad mention offsets {self.start}..{self.end} for {self.text!r}")

    def check_against(self, body: str) -> None:
        """Raise if this mention does not point at its own text in ``body``."""
        if body[self.start : self.end] != self.text:
            raise ValueError(
                f"mention {self.text!r} at {self.start}..{self.end} does not match the body "
                f"({body[self.start : self.end]!r})"
            )

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Entity:
    """A person, organisation, outlet, place or other named thing, with one canonical name.

    ``key`` is a script-independent match key (Latin transliteration, lower case) so that
    "Лавров" and "Lavrov" can be matched within and across articles.
    """

    name: str
    type: EntityType
    mentions: tuple[Mention, ...]
    key: str
    aliases: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": str(self.type),
            "key": self.key,
            "aliases": list(self.aliases),
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass(frozen=True)
class Place:
    """A place resolved to one GeoNames entry."""

    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None
    feature: str
    mentions: tuple[Mention, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "geonameid": self.geonameid,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "feature": self.feature,
            "mentions": [m.to_dict() for m in self.mentions],
        }


class TimeAnchor(StrEnum):
    PUBLISHED = "published"
    EXPLICIT = "explicit"
    UNRESOLVED = "unresolved"


class TimePrecision(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"
    INTERVAL = "interval"


@dataclass(frozen=True)
class TimeRef:
    """A time expression normalised to ISO 8601 (or left unresolved, value None)."""

    text: str
    start: int
    end: int
    value: str | None
    precision: TimePrecision | None
    anchor: TimeAnchor

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "precision": None if self.precision is None else str(self.precision),
            "anchor": str(self.anchor),
        }


class SpeakerType(StrEnum):
    NAMED_PERSON = "named_person"
    ORGANIZATION = "organization"
    ANONYMOUS = "anonymous"
    DOCUMENT = "document"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Quote:
    """Who said what: the content span, its speaker and the cue verb."""

    text: str
    start: int
    end: int
    speaker: str | None
    speaker_type: SpeakerType
    speaker_description: str | None
    cue: str | None
    direct: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "speaker": self.speaker,
            "speaker_type": str(self.speaker_type),
            "speaker_description": self.speaker_description,
            "cue": self.cue,
            "direct": self.direct,
        }


class CitationKind(StrEnum):
    REPORTED = "reported"
    CITING = "citing"
    CREDIT = "credit"
    TRANSLATED_FROM = "translated_from"


@dataclass(frozen=True)
class Citation:
    """This article attributes information to another outlet or agency."""

    outlet: str
    text: str
    start: int | None
    end: int | None
    kind: CitationKind

    def to_dict(self) -> dict[str, Any]:
        return {
            "outlet": self.outlet,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": str(self.kind),
        }


@dataclass(frozen=True)
class Evidence:
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True)
class Claim:
    """A normalised factual statement made by an article, with the spans that support it."""

    id: str
    text: str
    subject: str | None
    predicate: str
    object: str | None
    place: str | None
    time: str | None
    attributed_to: str | None
    sourcing: str
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "subject": self.subject,
            "predicate": self.predicate,
            "object": self.object,
            "place": self.place,
            "time": self.time,
            "attributed_to": self.attributed_to,
            "sourcing": self.sourcing,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True)
class AnnotatedArticle:
    """An article with everything the annotate stage found in its body.

    Annotation lists default to empty so that stages can be added one at a time; a stage
    returns a copy with its own field filled (``dataclasses.replace``).
    """

    article: Article
    entities: tuple[Entity, ...] = ()
    places: tuple[Place, ...] = ()
    times: tuple[TimeRef, ...] = ()
    quotes: tuple[Quote, ...] = ()
    citations: tuple[Citation, ...] = ()
    claims: tuple[Claim, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out = self.article.to_dict()
        for f in fields(self):
            if f.name == "article":
                continue
            out[f.name] = [item.to_dict() for item in getattr(self, f.name)]
        return out


@dataclass(frozen=True)
class InputError:
    """One input that could not be analysed, and why. Reported, never raised past the CLI."""

    source: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "reason": self.reason}

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True)
class InputWarning:
    """Something about an input that was analysed anyway (a field ignored, a date hint that did
    not parse). Reported next to the results; never changes the exit code."""

    source: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "reason": self.reason}

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True)
class Duplicate:
    """An article seen again in the same run: ``article`` repeats ``duplicate_of`` (ids).

    ``kept`` says whether the repeat is in the output's articles too: an article with its own id
    (the same text at another address) is; a second copy with the first's id is not.
    """

    article: str
    duplicate_of: str
    similarity: float
    source: str
    first_source: str
    kept: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "duplicate_of": self.duplicate_of,
            "similarity": self.similarity,
            "source": self.source,
            "first_source": self.first_source,
            "kept": self.kept,
        }

    def __str__(self) -> str:
        same = "same id, not repeated in the output" if not self.kept else f"kept as {self.article}"
        return (f"{self.source}: duplicate of {self.first_source} (id {self.duplicate_of}, "
                f"similarity {self.similarity:.2f}; {same})")
