"""The cross-story views, whichever source read the rows: map pins from places counted over
articles and stories, and timeline lanes from articles' publication dates and resolved times."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from wirewatch.desk.story_parts import first_day
from wirewatch.desk.views import (
    PIN_STORIES,
    TIMELINE_ENTRIES,
    MapPin,
    StoryLink,
    TimelineEntry,
    TimelineStory,
    article_link,
    entity_link,
    sentence_link,
    story_link,
)
from wirewatch.model import BODY
from wirewatch.present.timeline import sort_key


@dataclass
class PlaceCount:
    """A place as counted over the articles passing the filters."""

    id: str
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    articles: int
    stories: int
    # (story id, title, articles of the story naming the place), the most first
    top_stories: list[tuple[str, str, int]] = field(default_factory=list)


def pins(places: Iterable[PlaceCount]) -> tuple[list[MapPin], int]:
    """The pins of the places that have coordinates, and how many had none."""
    out: list[MapPin] = []
    unlocated = 0
    for p in places:
        if p.lat is None or p.lon is None:
            unlocated += 1
            continue
        out.append(
            MapPin(
                id=p.id,
                name=p.name,
                lat=p.lat,
                lon=p.lon,
                country=p.country,
                articles=p.articles,
                stories=p.stories,
                top_stories=[
                    StoryLink(id=sid, title=title, articles=n, link=story_link(sid))
                    for sid, title, n in p.top_stories[:PIN_STORIES]
                ],
                link=entity_link(p.id),
            )
        )
    return out, unlocated


def report_entry(article_id: str, published: str, outlet: str | None, title: str | None) -> TimelineEntry:
    return TimelineEntry(
        kind="report",
        value=published,
        date=first_day(published[:10]),
        text=f"{outlet or 'unknown outlet'}: {title or article_id}",
        article_id=article_id,
        link=article_link(article_id),
    )


def event_entries(article_id: str, times: Sequence[dict[str, Any]]) -> list[TimelineEntry]:
    """The resolved time expressions of an article (``TimeRef`` JSON), each linked to its sentence."""
    out = []
    for ref in times:
        value = ref.get("value")
        if not isinstance(value, str) or not value:
            continue
        in_body = ref.get("field", BODY) == BODY and isinstance(ref.get("start"), int)
        out.append(
            TimelineEntry(
                kind="event",
                value=value,
                date=first_day(value),
                text=str(ref.get("text") or value),
                article_id=article_id,
                link=sentence_link(article_id, ref["start"], ref["end"])
                if in_body
                else article_link(article_id),
            )
        )
    return out


def lane(
    story: StoryLink,
    first_seen: str | None,
    last_updated: str | None,
    articles_read: int,
    entries: list[TimelineEntry],
) -> TimelineStory:
    """A story's lane: its entries in time order, the earliest ``TIMELINE_ENTRIES`` kept."""
    ordered = sorted(entries, key=lambda e: (sort_key(e.value), e.kind, e.article_id))
    return TimelineStory(
        story=story,
        first_seen=first_seen,
        last_updated=last_updated,
        articles_read=articles_read,
        entries=ordered[:TIMELINE_ENTRIES],
        entries_total=len(ordered),
    )
