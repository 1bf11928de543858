"""What the desk's views read: plain frozen records, the same for the web pages, the JSON API and
the CLI, whichever source (an analyze document in memory, the store) produced them.

Every fact carries its evidence as an article id and body offsets; ``sentence_link`` turns them
into the address of the article page with that sentence highlighted.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar
from urllib.parse import quote

from wirewatch.desk.errors import BadParameter

T = TypeVar("T")

DEFAULT_LIMIT = 20
MAX_LIMIT = 200  # one page of a list; a caller wanting more pages through with offset


def sentence_link(article_id: str, start: int, end: int) -> str:
    """The article page with body characters ``start``..``end`` highlighted."""
    return f"/articles/{quote(article_id, safe='')}#s={start}-{end}"


def article_link(article_id: str) -> str:
    return f"/articles/{quote(article_id, safe='')}"


def entity_link(entity_id: str) -> str:
    return f"/entities/{quote(entity_id, safe='')}"


def to_dict(record: Any) -> Any:
    """A view record (or a list of them) as JSON-ready dicts and lists."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return dataclasses.asdict(record)
    if isinstance(record, list | tuple):
        return [to_dict(item) for item in record]
    return record


@dataclass(frozen=True)
class PageRequest:
    """Which slice of a list: ``limit`` items from ``offset`` on."""

    limit: int = DEFAULT_LIMIT
    offset: int = 0

    def __post_init__(self) -> None:
        if not 1 <= self.limit <= MAX_LIMIT:
            raise BadParameter("limit", f"must be between 1 and {MAX_LIMIT}, got {self.limit}")
        if self.offset < 0:
            raise BadParameter("offset", f"must be 0 or more, got {self.offset}")

    def slice(self, items: list[T]) -> Page[T]:
        return Page(
            items=items[self.offset : self.offset + self.limit],
            total=len(items),
            limit=self.limit,
            offset=self.offset,
        )


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True)
class Filters:
    """What a list is narrowed to; each is matched case-insensitively and all must hold.

    ``since``/``until`` are ISO 8601 dates (or longer timestamps) compared with an article's
    publication date; an article with no known date passes no date filter. ``place`` and
    ``entity`` match an entity's id (its corpus-wide join key) or one of its names.
    """

    since: str | None = None
    until: str | None = None
    place: str | None = None
    entity: str | None = None
    language: str | None = None
    outlet: str | None = None

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            if "\x00" in (getattr(self, f.name) or ""):
                raise BadParameter(f.name, "a NUL character is not a filter value")
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and not _looks_like_date(value):
                raise BadParameter(name, f"expected an ISO 8601 date such as 2026-06-17, got {value!r}")

    def active(self) -> bool:
        return any(getattr(self, f.name) for f in dataclasses.fields(self))


def _looks_like_date(value: str) -> bool:
    head = value[:10]
    return len(head) >= 4 and head[:4].isdigit() and all(c.isdigit() or c == "-" for c in head)


@dataclass(frozen=True)
class StorySummary:
    """One line of the stories list."""

    id: str
    title: str
    first_seen: str | None
    last_updated: str | None
    articles: int
    outlets: int
    languages: int
    independent_origins: int
    outlet_names: list[str] = field(default_factory=list)
    language_codes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ArticleRef:
    """An article as a list or a story shows it."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    language: str | None
    translated_from: str | None
    original_outlet: str | None
    derived_from: list[str] = field(default_factory=list)  # labels of the graph nodes it derives from
    comments: int = 0


@dataclass(frozen=True)
class GraphNode:
    id: str
    label: str
    kind: str  # "article" or "outlet" (an outlet cited but with no article in the story)
    origin: bool  # derives from nothing in the story


@dataclass(frozen=True)
class GraphEdge:
    source: str  # the node derived from
    target: str  # the article that derives
    kind: str  # citation kind (reported, citing, credit, translated_from)
    evidence: str | None = None


@dataclass(frozen=True)
class ClaimView:
    id: str
    article_id: str
    text: str
    subject: str | None
    predicate: str
    object: str | None
    polarity: str
    modality: str | None
    sourcing: str
    attributed_to: str | None
    place: str | None
    time: str | None
    outlet: str | None
    published: str | None
    link: str  # the article page with the claim's first sentence highlighted
    evidence: list[dict[str, int]] = field(default_factory=list)
    grade: str | None = None  # filled by assessment once a store holds it
    reasons: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # article ids that report it


@dataclass(frozen=True)
class QuoteView:
    article_id: str
    text: str
    speaker: str | None
    speaker_type: str
    anonymous: bool
    description: str | None
    cue: str | None
    direct: bool
    link: str


@dataclass(frozen=True)
class SpeakerQuotes:
    speaker: str
    entity_id: str | None
    anonymous: bool
    quotes: list[QuoteView]


@dataclass(frozen=True)
class PlaceView:
    id: str  # corpus-wide join key
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    feature: str
    mentions: int
    articles: list[str]
    link: str


@dataclass(frozen=True)
class TimelineEntry:
    """``kind`` is ``event`` (when something happened, as the text says) or ``report`` (when an
    article was published): the two are drawn apart."""

    kind: str
    value: str
    date: str | None  # the first day ``value`` covers (YYYY-MM-DD), None when it cannot be placed
    text: str
    article_id: str
    link: str


@dataclass(frozen=True)
class CommentView:
    article_id: str
    index: int
    author: str | None
    text: str
    reply_to: int | None


@dataclass(frozen=True)
class StoryView:
    summary: StorySummary
    articles: list[ArticleRef]
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    claims: list[ClaimView]
    speakers: list[SpeakerQuotes]
    places: list[PlaceView]
    timeline: list[TimelineEntry]
    comments: list[CommentView]


@dataclass(frozen=True)
class Segment:
    """A stretch of an article body for display: a sentence (``sentence`` true) or the text between."""

    start: int
    end: int
    text: str
    sentence: bool


@dataclass(frozen=True)
class ArticleView:
    ref: ArticleRef
    story_id: str | None
    url: str | None  # only http(s) addresses; anything else is dropped, never linked
    byline: str | None
    subtitle: str | None
    segments: list[Segment]
    comments: list[CommentView]
    claims: list[ClaimView]
    quotes: list[QuoteView]
    entities: list[EntityRef]
    document: dict[str, Any]  # the article as the analyze JSON has it (docs/schema.md)


@dataclass(frozen=True)
class EntityRef:
    id: str
    name: str
    type: str
    link: str


@dataclass(frozen=True)
class EntityView:
    id: str
    name: str
    type: str
    aliases: list[str]
    articles: list[ArticleRef]
    stories: list[StorySummary]
    quotes: list[QuoteView]
    claims: list[ClaimView]
    # For an outlet, its record (scoops later confirmed or contradicted) once assessment is in the
    # store; None until then.
    record: dict[str, Any] | None = None


@dataclass(frozen=True)
class SearchHit:
    kind: str  # story, article, entity
    id: str
    title: str
    snippet: str
    link: str


@dataclass(frozen=True)
class WatchlistView:
    """A saved query and what it found since the analyst last marked it seen."""

    id: int
    name: str
    entity: str | None
    place: str | None
    keyword: str | None
    created_at: str
    last_seen_at: str
    new: int  # articles stored since last_seen_at that match
    articles: list[ArticleRef] = field(default_factory=list)  # the newest of them
    link: str = ""


MAP_LIMIT = 300  # pins a map shows by default: the places named by the most articles
MAP_MAX_LIMIT = 2000
PIN_STORIES = 5  # stories a pin links to: those naming the place in the most articles
TIMELINE_MAX_STORIES = 50  # stories one timeline page shows at most
TIMELINE_ARTICLES = 60  # articles of one story a timeline reads at most (the oldest)
TIMELINE_ENTRIES = 120  # entries of one story a timeline shows at most (the earliest)


@dataclass(frozen=True)
class StoryLink:
    """A story a pin or a timeline lane links to, with how many of its articles count there."""

    id: str
    title: str
    articles: int
    link: str


def story_link(story_id: str) -> str:
    return f"/stories/{quote(story_id, safe='')}"


@dataclass(frozen=True)
class MapPin:
    """One place on the cross-story map: how many articles and stories name it, and the stories
    naming it most (at most ``PIN_STORIES`` of ``stories``), each a link."""

    id: str  # corpus-wide join key
    name: str
    lat: float
    lon: float
    country: str | None
    articles: int
    stories: int
    top_stories: list[StoryLink]
    link: str  # the place's entity page


@dataclass(frozen=True)
class MapView:
    """The places named by the articles passing the filters, the most named first; at most
    ``limit`` of the ``places`` found were considered (``truncated`` when fewer than all), and
    ``unlocated`` of those had no coordinates to draw."""

    pins: list[MapPin]
    places: int
    limit: int
    truncated: bool
    unlocated: int


@dataclass(frozen=True)
class TimelineStory:
    """One story's lane: when things happened (``event``) and when they were reported
    (``report``), from the ``articles_read`` of its ``articles`` passing the filters (the oldest);
    ``entries`` are the earliest ``len(entries)`` of ``entries_total``."""

    story: StoryLink
    first_seen: str | None
    last_updated: str | None
    articles_read: int
    entries: list[TimelineEntry]
    entries_total: int


@dataclass(frozen=True)
class TimelineView:
    """A page of stories (the stories list's order and filters), each with its timeline."""

    stories: list[TimelineStory]
    total: int
    limit: int
    offset: int
    article_limit: int = TIMELINE_ARTICLES
    entry_limit: int = TIMELINE_ENTRIES


def check_map_limit(limit: int) -> int:
    if not 1 <= limit <= MAP_MAX_LIMIT:
        raise BadParameter("limit", f"must be between 1 and {MAP_MAX_LIMIT}, got {limit}")
    return limit


def check_timeline_page(page: PageRequest) -> PageRequest:
    if page.limit > TIMELINE_MAX_STORIES:
        raise BadParameter(
            "limit", f"a timeline shows at most {TIMELINE_MAX_STORIES} stories, got {page.limit}"
        )
    return page
