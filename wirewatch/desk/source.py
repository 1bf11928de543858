"""``DeskSource``: what the analyst's desk reads, whatever holds the data.

The web app and the CLI call these methods and nothing else, so a store-backed source
(``wirewatch.store``) slots in beside ``DocumentSource`` (an analyze JSON document in memory)
without touching a view. Unknown ids raise ``NotFound``; bad parameters ``BadParameter``.
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from wirewatch.desk.views import (
    ArticleView,
    ClaimView,
    EntityView,
    Filters,
    MapView,
    Page,
    PageRequest,
    SearchHit,
    StorySummary,
    StoryView,
    TimelineView,
)


@runtime_checkable
class DeskSource(Protocol):
    """Read access to stories, articles, entities and claims."""

    def stories(self, filters: Filters, page: PageRequest) -> Page[StorySummary]:
        """Stories with at least one article passing ``filters``, newest and most reported first."""
        ...

    def story(self, story_id: str) -> StoryView: ...

    def article(self, article_id: str) -> ArticleView: ...

    def entity(self, entity_id: str) -> EntityView:
        """An entity by its corpus-wide id (its join key, such as ``geonames:1528675``)."""
        ...

    def claims(self, filters: Filters, page: PageRequest, story_id: str | None = None) -> Page[ClaimView]: ...

    def search(self, query: str, page: PageRequest) -> Page[SearchHit]:
        """Stories, articles and entities whose text contains every word of ``query``."""
        ...

    def story_document(self, story_id: str) -> dict[str, Any]:
        """The story as an analyze JSON document (its articles, stories, derivations, claims): what
        the brief and the exports read (``wirewatch.present.analysis``)."""
        ...

    def places(self, filters: Filters, limit: int) -> MapView:
        """Across stories: the ``limit`` places named by the most articles passing ``filters``,
        one pin each with its article and story counts and links to the stories naming it most."""
        ...

    def timeline(self, filters: Filters, page: PageRequest) -> TimelineView:
        """Across stories: a page of the stories list, each with when things happened and when
        they were reported (the articles passing ``filters``), bounded per story."""
        ...

    @property
    def writable(self) -> bool:
        """Whether ``ingest`` can add documents (a store is attached)."""
        ...
