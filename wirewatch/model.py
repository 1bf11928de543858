"""The data model every stage of wirewatch speaks.

Flow: ``Document`` (raw input + hints) -> ``Article`` (parsed page) -> ``AnnotatedArticle``
(article + entities, places, times, quotes, citations, claims). Annotations point into
``Article.body`` by character offsets (``start`` inclusive, ``end`` exclusive) and never copy
more text than the span itself, so a reader can always go back to the sentence. Entity and
place mentions and time references may also point into the title, the subtitle or a caption:
their ``field`` says which text the offsets index (``Article.field_text``); quotes, claims,
citations and sentences are always in the body.

Each output class has ``to_dict()`` producing the public JSON shape documented in docs/schema.md,
and ``from_dict()`` reading it back: ``from_dict(x.to_dict()) == x``, so an earlier ``analyze``
output can be read instead of re-analysing. Field names are a public API: add fields freely,
never rename. ``from_dict`` reads a 1.0 document too: fields added since then take their defaults.

Annotations refer to each other by id within their article: an entity's ``id`` (``e1``, ``e2``...),
a place's index in ``places``. ``tests/test_model_schema.py`` keeps this module and
``wirewatch/schema/analyze.schema.json`` in step, field by field and enumeration by enumeration.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any

from wirewatch.errors import one_line

SCHEMA_VERSION = "1.3"


def _opt_tuple(data: dict[str, Any], key: str) -> tuple[Any, ...]:
    """A list field that a 1.0 document may lack."""
    return tuple(data.get(key) or ())


class InputFormat(StrEnum):
    """How a document's content is laid out."""

    TEXT = "text"
    HTML = "html"


class EntityType(StrEnum):
    """What an entity is (``Entity.type``)."""

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

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Comment:
        return cls(author=data["author"], text=data["text"], reply_to=data["reply_to"])


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
    # The whole dateline as printed ("BISHKEK, June 17 (KNA)"): its date and place are annotated
    # like a caption's (field ``dateline``); ``dateline`` above keeps only the place.
    dateline_text: str | None = None

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

    def extra_fields(self) -> dict[str, str]:
        """The texts annotated besides the body, by field name: title, subtitle, the dateline and
        each caption (``caption:0``...), those that have any text, in reading order."""
        texts = {TITLE: self.title or "", SUBTITLE: self.subtitle or "", DATELINE: self.dateline_text or ""}
        texts.update((caption_field(i), c) for i, c in enumerate(self.captions))
        return {name: text for name, text in texts.items() if text.strip()}

    def field_text(self, field_name: str) -> str:
        """The text a mention in ``field_name`` indexes ("" for a field the article lacks)."""
        if field_name == BODY:
            return self.body
        return self.extra_fields().get(field_name, "")

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
            "dateline_text": self.dateline_text,
            "body": self.body,
            "captions": list(self.captions),
            "credits": list(self.credits),
            "notes": list(self.notes),
            "comments": [c.to_dict() for c in self.comments],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return cls(
            id=data["id"],
            source=data["source"],
            url=data["url"],
            outlet=data["outlet"],
            title=data["title"],
            subtitle=data["subtitle"],
            byline=data["byline"],
            published=data["published"],
            published_from=data.get("published_from"),
            language=data["language"],
            translated_from=data["translated_from"],
            original_outlet=data["original_outlet"],
            body=data["body"],
            comments=tuple(Comment.from_dict(c) for c in data["comments"]),
            dateline=data.get("dateline"),
            dateline_text=data.get("dateline_text"),
            captions=_opt_tuple(data, "captions"),
            credits=_opt_tuple(data, "credits"),
            notes=_opt_tuple(data, "notes"),
        )


# Which text of an article a mention's offsets index (``Mention.field``, ``TimeRef.field``):
# the body, the title, the subtitle, the dateline, or caption N (``caption:0`` is ``Article.captions[0]``).
BODY = "body"
TITLE = "title"
SUBTITLE = "subtitle"
DATELINE = "dateline"
CAPTION_PREFIX = "caption:"


def caption_field(index: int) -> str:
    """The field name of the article's caption number ``index`` (from 0)."""
    return f"{CAPTION_PREFIX}{index}"


@dataclass(frozen=True)
class Mention:
    """A span of one text of the article: ``field`` names which (``body`` unless said; see
    ``Article.field_text``) and ``start``/``end`` index into that text."""

    text: str
    start: int
    end: int
    field: str = BODY

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"bad mention offsets {self.start}..{self.end} for {self.text!r}")

    def check_against(self, source: Article | str) -> None:
        """Raise if this mention does not point at its own text: in ``source``'s text of the
        mention's field when ``source`` is an article, in ``source`` itself when it is a string
        (the text of that field)."""
        text = source.field_text(self.field) if isinstance(source, Article) else source
        if text[self.start : self.end] != self.text:
            raise ValueError(
                f"mention {self.text!r} at {self.start}..{self.end} does not match the "
                f"{self.field} ({text[self.start : self.end]!r})"
            )

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "field": self.field}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mention:
        return cls(text=data["text"], start=data["start"], end=data["end"],
                   field=data.get("field") or BODY)


@dataclass(frozen=True)
class Entity:
    """A person, organisation, outlet, place or other named thing, with one canonical name.

    ``id`` (``e1``, ``e2``... numbered in order of first mention by the entities stage; entities
    a later stage adds get the next free numbers) is what quotes, claims and citations refer to;
    the same input gives the same ids. Empty only for an entity no pipeline numbered.
    ``key`` is a script-independent match key (Latin transliteration, lower case) so that
    "Лавров" and "Lavrov" can be matched within and across articles. ``join_key`` is the
    corpus-wide identity later linking uses (``wirewatch.join_keys``): a GeoNames id for a place,
    the catalogue's outlet id, a cross-script name key otherwise.
    """

    name: str
    type: EntityType
    mentions: tuple[Mention, ...]
    key: str
    aliases: tuple[str, ...] = ()
    id: str = ""
    join_key: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": str(self.type),
            "key": self.key,
            "join_key": self.join_key,
            "aliases": list(self.aliases),
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return cls(
            name=data["name"],
            type=EntityType(data["type"]),
            mentions=tuple(Mention.from_dict(m) for m in data["mentions"]),
            key=data.get("key", ""),
            aliases=_opt_tuple(data, "aliases"),
            id=data.get("id", ""),
            join_key=data.get("join_key", ""),
        )


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

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Place:
        return cls(
            name=data["name"],
            geonameid=data["geonameid"],
            lat=data["lat"],
            lon=data["lon"],
            country=data["country"],
            feature=data["feature"],
            mentions=tuple(Mention.from_dict(m) for m in data["mentions"]),
        )


class TimeAnchor(StrEnum):
    """What a time expression's value was resolved against (``TimeRef.anchor``)."""

    PUBLISHED = "published"
    EXPLICIT = "explicit"
    UNRESOLVED = "unresolved"


class TimePrecision(StrEnum):
    """The grain of a resolved time value (``TimeRef.precision``)."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"
    INTERVAL = "interval"


@dataclass(frozen=True)
class TimeRef:
    """A time expression normalised to ISO 8601 (or left unresolved, value None), in the text
    ``field`` names (the body unless said)."""

    text: str
    start: int
    end: int
    value: str | None
    precision: TimePrecision | None
    anchor: TimeAnchor
    field: str = BODY  # the text start/end index, as for ``Mention.field``

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "precision": None if self.precision is None else str(self.precision),
            "anchor": str(self.anchor),
            "field": self.field,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TimeRef:
        precision = data["precision"]
        return cls(
            text=data["text"],
            start=data["start"],
            end=data["end"],
            value=data["value"],
            precision=None if precision is None else TimePrecision(precision),
            anchor=TimeAnchor(data["anchor"]),
            field=data.get("field") or BODY,
        )


class SpeakerType(StrEnum):
    """Who a quote's speaker is (``Quote.speaker_type``)."""

    NAMED_PERSON = "named_person"
    ORGANIZATION = "organization"
    ANONYMOUS = "anonymous"
    DOCUMENT = "document"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Quote:
    """Who said what: the content span, its speaker and the cue verb.

    ``speaker_entity`` is the id of the article's entity that speaks, when the speaker is one
    (``speaker`` is then that entity's name); None for anonymous, unknown and unnamed speakers.
    ``channel`` is the outlet that passed the speaker's words on ("the newspaper quoted a source
    as saying", "a Kommersant source", "citing sources"), ``channel_entity`` its entity's id.
    """

    text: str
    start: int
    end: int
    speaker: str | None
    speaker_type: SpeakerType
    speaker_description: str | None
    cue: str | None
    direct: bool
    speaker_entity: str | None = None
    channel: str | None = None
    channel_entity: str | None = None

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
            "speaker_entity": self.speaker_entity,
            "channel": self.channel,
            "channel_entity": self.channel_entity,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        return cls(
            text=data["text"],
            start=data["start"],
            end=data["end"],
            speaker=data["speaker"],
            speaker_type=SpeakerType(data["speaker_type"]),
            speaker_description=data["speaker_description"],
            cue=data["cue"],
            direct=data["direct"],
            speaker_entity=data.get("speaker_entity"),
            channel=data.get("channel"),
            channel_entity=data.get("channel_entity"),
        )


class CitationKind(StrEnum):
    """How an article credits another outlet (``Citation.kind``)."""

    REPORTED = "reported"
    CITING = "citing"
    CREDIT = "credit"
    TRANSLATED_FROM = "translated_from"
    # A picture credit in a caption ("(KNA pic)"): the outlet supplied the photo, not the text.
    PHOTO_CREDIT = "photo_credit"


@dataclass(frozen=True)
class Citation:
    """This article attributes information to another outlet or agency.

    ``outlet_entity`` is the id of the article's entity for that outlet; None when the body
    never names it (a credit line or a translation note is all there is).
    """

    outlet: str
    text: str
    start: int | None
    end: int | None
    kind: CitationKind
    outlet_entity: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "outlet": self.outlet,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": str(self.kind),
            "outlet_entity": self.outlet_entity,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Citation:
        return cls(
            outlet=data["outlet"],
            text=data["text"],
            start=data["start"],
            end=data["end"],
            kind=CitationKind(data["kind"]),
            outlet_entity=data.get("outlet_entity"),
        )


@dataclass(frozen=True)
class Evidence:
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Evidence:
        return cls(start=data["start"], end=data["end"])


class Sourcing(StrEnum):
    """How a claim is sourced (``Claim.sourcing``)."""

    NAMED = "named"
    ANONYMOUS = "anonymous"
    OFFICIAL = "official"
    UNATTRIBUTED = "unattributed"
    DENIAL = "denial"
    NO_COMMENT = "no_comment"


class Polarity(StrEnum):
    """Whether a claim's clause says the event happened (``Claim.polarity``): ``affirmed``;
    ``negated`` ("has no right to deploy", "did not sign"); ``denied`` (the subject denies a
    report: "X denied that ..."); ``non_answer`` (the subject neither confirms nor denies:
    "declined to comment", "neither confirmed nor denied", «не стал подтверждать»)."""

    AFFIRMED = "affirmed"
    NEGATED = "negated"
    DENIED = "denied"
    NON_ANSWER = "non_answer"


class Modality(StrEnum):
    """How the clause frames the event, when it does (``Claim.modality``): ``planned`` (plans,
    intends, is due to, will), ``offered`` (is ready or willing to), ``promised`` (promised,
    vowed, pledged to), ``demanded`` (demanded, urged, must), ``possible`` (could, may,
    possibly), ``conditional`` (would: part of a scheme or a hypothetical), ``alleged``
    (allegedly, reportedly, «якобы»)."""

    PLANNED = "planned"
    OFFERED = "offered"
    PROMISED = "promised"
    DEMANDED = "demanded"
    POSSIBLE = "possible"
    CONDITIONAL = "conditional"
    ALLEGED = "alleged"


@dataclass(frozen=True)
class Claim:
    """A normalised factual statement made by an article, with the spans that support it.

    References into the same article: ``subject_entity`` (the entity that acts) and
    ``attributed_entity`` (the entity the claim is attributed to) are entity ids;
    ``place_index`` is the index in ``places`` of the resolved place ``place`` names;
    ``time_index`` the index in ``times`` of the time expression ``time`` is the value of;
    ``channel_entity`` the id of the outlet ``channel`` names. Each is None when there is
    nothing in the article to point at (an unnamed subject such as "the government", an
    anonymous source, a place NER found but the gazetteer did not resolve).

    ``attributed_to`` is who the claim comes from (a speaker, a document, an anonymous source
    as described); ``channel`` the outlet that relayed it, when another outlet did ("Kommersant,
    citing informed sources": attributed to the sources, Kommersant the channel).
    """

    id: str
    text: str
    subject: str | None
    predicate: str
    object: str | None
    place: str | None
    time: str | None
    attributed_to: str | None
    sourcing: Sourcing
    evidence: tuple[Evidence, ...]
    subject_entity: str | None = None
    attributed_entity: str | None = None
    place_index: int | None = None
    polarity: Polarity = Polarity.AFFIRMED
    modality: Modality | None = None
    time_index: int | None = None
    channel: str | None = None
    channel_entity: str | None = None

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
            "sourcing": str(self.sourcing),
            "evidence": [e.to_dict() for e in self.evidence],
            "subject_entity": self.subject_entity,
            "attributed_entity": self.attributed_entity,
            "place_index": self.place_index,
            "polarity": str(self.polarity),
            "modality": None if self.modality is None else str(self.modality),
            "time_index": self.time_index,
            "channel": self.channel,
            "channel_entity": self.channel_entity,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        return cls(
            id=data["id"],
            text=data["text"],
            subject=data["subject"],
            predicate=data["predicate"],
            object=data["object"],
            place=data["place"],
            time=data["time"],
            attributed_to=data["attributed_to"],
            sourcing=Sourcing(data["sourcing"]),
            evidence=tuple(Evidence.from_dict(e) for e in data["evidence"]),
            subject_entity=data.get("subject_entity"),
            attributed_entity=data.get("attributed_entity"),
            place_index=data.get("place_index"),
            # 1.0 documents have no polarity: their claims were read as affirmed.
            polarity=Polarity(data.get("polarity", Polarity.AFFIRMED)),
            modality=None if data.get("modality") is None else Modality(data["modality"]),
            time_index=data.get("time_index"),
            channel=data.get("channel"),
            channel_entity=data.get("channel_entity"),
        )


@dataclass(frozen=True)
class Provenance:
    """What produced an annotated article: the wirewatch version and a fingerprint of the
    pipeline's models, data and word lists (``wirewatch.resources.fingerprint``). Two articles
    with the same fingerprint were annotated alike; a store re-analyses only the stale ones."""

    wirewatch: str
    pipeline: str

    def to_dict(self) -> dict[str, Any]:
        return {"wirewatch": self.wirewatch, "pipeline": self.pipeline}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Provenance:
        return cls(wirewatch=data["wirewatch"], pipeline=data["pipeline"])


@dataclass(frozen=True)
class Skipped:
    """An annotation not made on an article, and why: a stage left out ("places") or a part of
    one ("ner": the entities stage found catalogue outlets only), e.g. because the article's
    language is not one wirewatch's models read."""

    annotation: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"annotation": self.annotation, "reason": self.reason}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Skipped:
        return cls(annotation=data["annotation"], reason=data["reason"])


@dataclass(frozen=True)
class Span:
    """A stretch of ``Article.body`` by offsets (``end`` exclusive), such as one sentence."""

    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        return cls(start=data["start"], end=data["end"])


@dataclass(frozen=True)
class AnnotatedArticle:
    """An article with everything the annotate stage found in its body.

    Annotation lists default to empty so that stages can be added one at a time; a stage
    returns a copy with its own field filled (``dataclasses.replace``).
    """

    article: Article
    sentences: tuple[Span, ...] = ()
    entities: tuple[Entity, ...] = ()
    places: tuple[Place, ...] = ()
    times: tuple[TimeRef, ...] = ()
    quotes: tuple[Quote, ...] = ()
    citations: tuple[Citation, ...] = ()
    claims: tuple[Claim, ...] = ()
    produced_by: Provenance | None = None
    # The stages that ran over the article, in order, and what was left out and why (an
    # article in a language the models do not read gets catalogue outlets only).
    annotations: tuple[str, ...] = ()
    skipped: tuple[Skipped, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out = self.article.to_dict()
        for f in fields(self):
            if f.name in ("article", "produced_by", "annotations"):
                continue
            out[f.name] = [item.to_dict() for item in getattr(self, f.name)]
        out["produced_by"] = None if self.produced_by is None else self.produced_by.to_dict()
        out["annotations"] = list(self.annotations)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AnnotatedArticle:
        produced_by = data.get("produced_by")
        return cls(
            article=Article.from_dict(data),
            sentences=tuple(Span.from_dict(s) for s in data.get("sentences") or ()),
            entities=tuple(Entity.from_dict(e) for e in data["entities"]),
            places=tuple(Place.from_dict(p) for p in data["places"]),
            times=tuple(TimeRef.from_dict(t) for t in data["times"]),
            quotes=tuple(Quote.from_dict(q) for q in data["quotes"]),
            citations=tuple(Citation.from_dict(c) for c in data["citations"]),
            claims=tuple(Claim.from_dict(c) for c in data["claims"]),
            produced_by=None if produced_by is None else Provenance.from_dict(produced_by),
            # Absent before they were added (1.1 documents of earlier versions): unknown.
            annotations=tuple(data.get("annotations") or ()),
            skipped=tuple(Skipped.from_dict(s) for s in data.get("skipped") or ()),
        )

    def entity(self, entity_id: str) -> Entity | None:
        """The entity of this article with that id, or None."""
        return next((e for e in self.entities if e.id == entity_id), None)


@dataclass(frozen=True)
class InputError:
    """One input that could not be analysed, and why. Reported, never raised past the CLI."""

    source: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "reason": self.reason}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> InputError:
        return cls(source=data["source"], reason=data["reason"])

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

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> InputWarning:
        return cls(source=data["source"], reason=data["reason"])

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


class DuplicateKind(StrEnum):
    """How a duplicate was found (``Duplicate.kind``)."""

    EXACT = "exact"
    NEAR = "near"


@dataclass(frozen=True)
class Duplicate:
    """An article seen again in the same run: ``article`` repeats ``duplicate_of`` (ids).

    ``kept`` says whether the repeat is in the output's articles too: an article with its own id
    (the same text at another address) is; a second copy with the first's id is not.
    ``kind`` is ``exact`` (the same text, found by the runner) or ``near`` (a syndicated copy or a
    light rewrite, found by ``wirewatch.link.duplicates``; always kept).
    """

    article: str
    duplicate_of: str
    similarity: float
    source: str
    first_source: str
    kept: bool
    kind: DuplicateKind = DuplicateKind.EXACT

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "duplicate_of": self.duplicate_of,
            "similarity": self.similarity,
            "source": self.source,
            "first_source": self.first_source,
            "kept": self.kept,
            "kind": str(self.kind),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Duplicate:
        return cls(
            article=data["article"],
            duplicate_of=data["duplicate_of"],
            similarity=float(data["similarity"]),
            source=data["source"],
            first_source=data["first_source"],
            kept=bool(data["kept"]),
            kind=DuplicateKind(data.get("kind") or DuplicateKind.EXACT),
        )

    def __str__(self) -> str:
        # A message line: each value cut to a readable length (a 10 KB id must not flood stderr).
        def cut(value: str) -> str:
            return one_line(value, limit=120)

        same = "same id, not repeated in the output" if not self.kept else f"kept as {cut(self.article)}"
        near = "near-" if self.kind == DuplicateKind.NEAR else ""
        return (f"{cut(self.source)}: {near}duplicate of {cut(self.first_source)} "
                f"(id {cut(self.duplicate_of)}, "
                f"similarity {self.similarity:.2f}; {same})")


# -- Story-level claims (issue 14: claims across articles, corroboration, grading) ------------------
# Written by ``wirewatch.assess`` from one story's annotated articles and their derivations; in the
# output's top-level ``claims`` list once stories and derivations are wired into ``analyze``.


@dataclass(frozen=True)
class ArticleEvidence:
    """A stretch of one article's body by offsets: the sentence a story-level fact rests on."""

    article: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleEvidence:
        return cls(article=data["article"], start=data["start"], end=data["end"])


@dataclass(frozen=True)
class ClaimMember:
    """One article's claim (``Claim.id`` within ``article``) aligned into a story-level claim."""

    article: str
    claim: str

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "claim": self.claim}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ClaimMember:
        return cls(article=data["article"], claim=data["claim"])


class OriginSourcing(StrEnum):
    """How an origin knows what it says (``Origin.sourcing``, ``StoryClaim.sourcing``): a named
    person on the record, an official body on the record, a document, anonymous sources, or
    ``unknown`` (the reports never say)."""

    NAMED = "named"
    ANONYMOUS = "anonymous"
    OFFICIAL = "official"
    DOCUMENT = "document"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Origin:
    """Where a story-level claim comes from, found by following derivations and citations back.

    ``outlet``/``article``: the outlet and article that first published it (``article`` None when
    the outlet is only cited, not in the store); ``source``: who the origin says it has it from
    (the speaker on the record, the anonymous sources as described), None when unsaid;
    ``reported_by``: the articles whose report of the claim leads back to this origin;
    ``key``: the origin's identity (``article:ID``, ``outlet:NAME``, ``speaker:JOIN_KEY``)."""

    outlet: str | None
    article: str | None
    source: str | None
    sourcing: OriginSourcing
    reported_by: tuple[str, ...]
    key: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "outlet": self.outlet,
            "article": self.article,
            "source": self.source,
            "sourcing": str(self.sourcing),
            "reported_by": list(self.reported_by),
            "key": self.key,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Origin:
        return cls(
            outlet=data["outlet"],
            article=data["article"],
            source=data["source"],
            sourcing=OriginSourcing(data["sourcing"]),
            reported_by=tuple(data["reported_by"]),
            key=data.get("key") or "",
        )


class ContradictionKind(StrEnum):
    """Why two story-level claims cannot both hold (``Contradiction.kind``): a ``denial`` of the
    report, a ``negation`` of the fact, or the same fact with a different ``figure``, ``place``
    or ``date``."""

    DENIAL = "denial"
    NEGATION = "negation"
    FIGURE = "figure"
    PLACE = "place"
    DATE = "date"


@dataclass(frozen=True)
class Contradiction:
    """A story-level claim (``claim``, its id) that contradicts this one, and how."""

    claim: str
    kind: ContradictionKind
    articles: tuple[str, ...]
    evidence: tuple[ArticleEvidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "kind": str(self.kind),
            "articles": list(self.articles),
            "evidence": [e.to_dict() for e in self.evidence],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Contradiction:
        return cls(
            claim=data["claim"],
            kind=ContradictionKind(data["kind"]),
            articles=tuple(data["articles"]),
            evidence=tuple(ArticleEvidence.from_dict(e) for e in data["evidence"]),
        )


@dataclass(frozen=True)
class NonAnswer:
    """Someone asked about the claim who neither confirmed nor denied it ("the Kremlin did not
    comment"): recorded, never counted as a denial. ``claim`` is the article's claim id."""

    article: str
    claim: str
    subject: str | None
    text: str
    evidence: tuple[ArticleEvidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "claim": self.claim,
            "subject": self.subject,
            "text": self.text,
            "evidence": [e.to_dict() for e in self.evidence],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NonAnswer:
        return cls(
            article=data["article"],
            claim=data["claim"],
            subject=data["subject"],
            text=data["text"],
            evidence=tuple(ArticleEvidence.from_dict(e) for e in data["evidence"]),
        )


@dataclass(frozen=True)
class Grade:
    """An Admiralty grade (NATO AJP-2.1 / STANAG 2511): source ``reliability`` A-F and
    information ``credibility`` 1-6 (docs/assessment.md gives the counting rules)."""

    reliability: str
    credibility: int

    def to_dict(self) -> dict[str, Any]:
        return {"reliability": self.reliability, "credibility": self.credibility}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Grade:
        return cls(reliability=data["reliability"], credibility=data["credibility"])


@dataclass(frozen=True)
class Reason:
    """One reason for a grade, in words an analyst can check against its ``evidence``."""

    text: str
    evidence: tuple[ArticleEvidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "evidence": [e.to_dict() for e in self.evidence]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Reason:
        return cls(text=data["text"],
                   evidence=tuple(ArticleEvidence.from_dict(e) for e in data["evidence"]))


@dataclass(frozen=True)
class StoryClaim:
    """One fact as the story's articles state it, across articles and languages: who reports it,
    where it comes from, how many independent origins back it, who contradicts it, who would not
    answer, and its grade with the reasons.

    ``sourcing`` is the strongest sourcing among the origins (official, named, document,
    anonymous, unknown, in that order); ``members`` the per-article claims aligned into it;
    ``polarity`` ``affirmed`` for a fact, ``denied``/``negated`` for a denial or negation
    (which then contradicts the claim it denies)."""

    id: str
    text: str
    story: str
    reported_by: tuple[str, ...]
    origins: tuple[Origin, ...]
    independent_origins: int
    sourcing: OriginSourcing
    contradicted_by: tuple[Contradiction, ...]
    non_answers: tuple[NonAnswer, ...]
    grade: Grade
    reasons: tuple[Reason, ...]
    members: tuple[ClaimMember, ...] = ()
    polarity: Polarity = Polarity.AFFIRMED
    subject: str | None = None
    predicate: str | None = None
    first_reported: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "story": self.story,
            "reported_by": list(self.reported_by),
            "origins": [o.to_dict() for o in self.origins],
            "independent_origins": self.independent_origins,
            "sourcing": str(self.sourcing),
            "contradicted_by": [c.to_dict() for c in self.contradicted_by],
            "non_answers": [n.to_dict() for n in self.non_answers],
            "grade": self.grade.to_dict(),
            "reasons": [r.to_dict() for r in self.reasons],
            "members": [m.to_dict() for m in self.members],
            "polarity": str(self.polarity),
            "subject": self.subject,
            "predicate": self.predicate,
            "first_reported": self.first_reported,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StoryClaim:
        return cls(
            id=data["id"],
            text=data["text"],
            story=data["story"],
            reported_by=tuple(data["reported_by"]),
            origins=tuple(Origin.from_dict(o) for o in data["origins"]),
            independent_origins=data["independent_origins"],
            sourcing=OriginSourcing(data["sourcing"]),
            contradicted_by=tuple(Contradiction.from_dict(c) for c in data["contradicted_by"]),
            non_answers=tuple(NonAnswer.from_dict(n) for n in data["non_answers"]),
            grade=Grade.from_dict(data["grade"]),
            reasons=tuple(Reason.from_dict(r) for r in data["reasons"]),
            members=tuple(ClaimMember.from_dict(m) for m in data.get("members") or ()),
            polarity=Polarity(data.get("polarity", Polarity.AFFIRMED)),
            subject=data.get("subject"),
            predicate=data.get("predicate"),
            first_reported=data.get("first_reported"),
        )


class DerivationKind(StrEnum):
    """How one article derives from another or from an outlet (``Derivation.kind``):
    ``citation`` (the text says it got the information from the outlet), ``translation`` (the
    page says it is translated, or it is a cross-lingual near-copy), ``reuse`` (shared
    passages found by text alignment), ``wire`` (syndicated agency copy: the page credits a wire
    agency and/or shares passages with the agency's article)."""

    CITATION = "citation"
    TRANSLATION = "translation"
    REUSE = "reuse"
    WIRE = "wire"


class DerivationDirection(StrEnum):
    """What decided which side derives from which (``Derivation.direction``):
    ``publication_order`` (the source was published first), ``citation`` (the derived page
    names the source: a citation, a credit line, a translation note), ``undecided`` (neither:
    no dates or the same time, and no credit; ``derived_from`` is then empty and
    ``shared_with`` names the other article)."""

    PUBLICATION_ORDER = "publication_order"
    CITATION = "citation"
    UNDECIDED = "undecided"


class CitationRole(StrEnum):
    """What a cited outlet is to the citing article (``Derivation.role``): ``source`` (the
    article takes its information from it: a credit line, or the citation in the lead that
    carries the article's news) or ``mention`` (the article cites it as the report it denies,
    answers or discusses; the article is no copy of it)."""

    SOURCE = "source"
    MENTION = "mention"


@dataclass(frozen=True)
class DerivedFrom:
    """The source side of a derivation: a stored article, an outlet, or both (the outlet of
    that article); both None when the direction is undecided."""

    article: str | None
    outlet: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "outlet": self.outlet}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DerivedFrom:
        return cls(article=data["article"], outlet=data["outlet"])


@dataclass(frozen=True)
class DerivationEvidence:
    """One sentence (or credit) supporting a derivation, in the article ``article``: ``start``/
    ``end`` index that article's ``field`` (the body unless said). A credit line or a
    translation note, which no text field holds, has no offsets: ``text`` quotes it.
    ``pair`` numbers the aligned sentence pairs: the two sides of one pair share it."""

    article: str
    start: int | None
    end: int | None
    field: str = BODY
    text: str | None = None
    pair: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "start": self.start,
            "end": self.end,
            "field": self.field,
            "text": self.text,
            "pair": self.pair,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DerivationEvidence:
        return cls(
            article=data["article"],
            start=data["start"],
            end=data["end"],
            field=data.get("field") or BODY,
            text=data.get("text"),
            pair=data.get("pair"),
        )


@dataclass(frozen=True)
class Derivation:
    """``article`` derives from ``derived_from`` by ``kind``, with the sentences on both sides
    as ``evidence`` and what decided the ``direction``.

    ``similarity`` is the share of the derived article's words in passages aligned with the
    source (reuse, translation, wire copy); ``role`` and ``citation_kinds`` keep, for a
    citation, whether the article takes its information from the outlet and how it cites it
    (``CitationKind`` values); ``shared_with`` names the other article of an undecided pair;
    ``reasons`` say in words what was found.
    """

    article: str
    derived_from: DerivedFrom
    kind: DerivationKind
    evidence: tuple[DerivationEvidence, ...]
    direction: DerivationDirection
    similarity: float | None = None
    role: CitationRole | None = None
    citation_kinds: tuple[str, ...] = ()
    shared_with: str | None = None
    reasons: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "derived_from": self.derived_from.to_dict(),
            "kind": str(self.kind),
            "evidence": [e.to_dict() for e in self.evidence],
            "direction": str(self.direction),
            "similarity": self.similarity,
            "role": None if self.role is None else str(self.role),
            "citation_kinds": list(self.citation_kinds),
            "shared_with": self.shared_with,
            "reasons": list(self.reasons),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Derivation:
        role = data.get("role")
        similarity = data.get("similarity")
        return cls(
            article=data["article"],
            derived_from=DerivedFrom.from_dict(data["derived_from"]),
            kind=DerivationKind(data["kind"]),
            evidence=tuple(DerivationEvidence.from_dict(e) for e in data["evidence"]),
            direction=DerivationDirection(data["direction"]),
            similarity=None if similarity is None else float(similarity),
            role=None if role is None else CitationRole(role),
            citation_kinds=_opt_tuple(data, "citation_kinds"),
            shared_with=data.get("shared_with"),
            reasons=_opt_tuple(data, "reasons"),
        )


@dataclass(frozen=True)
class Story:
    """The articles that report one event (``wirewatch.link.stories``), across outlets and languages.

    ``id`` is stable for the same input order (``s1``, ``s2``... in order of each story's first
    article); ``title`` is the title of its earliest article in the analyst's language (setting
    ``story_language``), else of its earliest article; ``first_seen`` and ``last_updated`` are the
    earliest and latest publication times of its articles (UTC, ISO 8601; None when no article
    has one); ``articles`` are article ids in input order; ``languages`` and ``outlets`` are sorted.
    """

    id: str
    title: str | None
    articles: tuple[str, ...]
    first_seen: str | None
    last_updated: str | None
    languages: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "articles": list(self.articles),
            "first_seen": self.first_seen,
            "last_updated": self.last_updated,
            "languages": list(self.languages),
            "outlets": list(self.outlets),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Story:
        return cls(
            id=data["id"],
            title=data["title"],
            articles=tuple(data["articles"]),
            first_seen=data["first_seen"],
            last_updated=data["last_updated"],
            languages=_opt_tuple(data, "languages"),
            outlets=_opt_tuple(data, "outlets"),
        )
