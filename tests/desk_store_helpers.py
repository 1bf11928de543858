"""A store holding the demo corpus as ``wirewatch ingest`` leaves it: articles, stories, derivations
and graded story-level claims.

The articles go in through ``Store.add_many``; stories, derivations and claims are computed in
memory by the real linker (``BatchLinker``), ``derive_all`` and ``assess_story`` and written into
the store's tables. When ``wirewatch.store.ingest`` links at ingest time, ``fill_store`` becomes a
call to ``ingest_paths``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from sqlalchemy import insert

from wirewatch.assess import assess_story
from wirewatch.link.batch import BatchLinker
from wirewatch.link.derivations import derive_all
from wirewatch.model import AnnotatedArticle, Derivation, Story, StoryClaim
from wirewatch.resources.embeddings import Embedder, build_embedder
from wirewatch.settings import Settings
from wirewatch.store import Store
from wirewatch.store.schema import StoryArticleRow, StoryRow

Analysis = tuple[list[Story], dict[str, list[Derivation]], dict[str, list[StoryClaim]]]


@lru_cache(maxsize=1)
def embedder() -> Embedder:
    return build_embedder(Settings().story_embedder)


def link(docs: Sequence[AnnotatedArticle]) -> Analysis:
    """Stories, and each story's derivations and graded claims, of ``docs`` (in memory)."""
    linker = BatchLinker(embedder())
    for doc in docs:
        linker.add(doc)
    stories = linker.finish().stories
    by_id = {doc.article.id: doc for doc in docs}
    derivations: dict[str, list[Derivation]] = {}
    claims: dict[str, list[StoryClaim]] = {}
    for story in stories:
        members = [by_id[a] for a in story.articles]
        derivations[story.id] = derive_all(members, embedder())
        claims[story.id] = assess_story(story.id, members, derivations[story.id], embedder())
    return stories, derivations, claims


def write_analysis(store: Store, analysis: Analysis) -> None:
    """Write stories, their members, derivations and claims into ``store`` (one transaction)."""
    stories, derivations, claims = analysis
    with store.engine.begin() as connection:
        for story in stories:
            connection.execute(
                insert(StoryRow).values(
                    id=story.id,
                    title=story.title,
                    first_seen=story.first_seen,
                    last_updated=story.last_updated,
                    languages=list(story.languages),
                    outlets=list(story.outlets),
                )
            )
            connection.execute(
                insert(StoryArticleRow), [{"story_id": story.id, "article_id": a} for a in story.articles]
            )
            store.write_story_analysis(connection, story.id, derivations[story.id], claims[story.id])


def fill_store(store: Store, docs: Sequence[AnnotatedArticle]) -> Analysis:
    """Add ``docs`` to ``store`` and link, derive and assess them into its tables."""
    store.add_many(docs)
    analysis = link(docs)
    write_analysis(store, analysis)
    return analysis
