"""A store holding the demo corpus as ``wirewatch ingest`` leaves it: articles, stories, derivations
and graded story-level claims.

``fill_store`` adds the articles with the store's own linker (``store.linking.StoreLinker``) and
reads back what it wrote. ``link`` and ``write_analysis`` do the same in memory (``BatchLinker``,
``derive_all``, ``assess_story``) and write the rows directly: the benchmark replicates them.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from sqlalchemy import insert, select

from wirewatch.assess import assess_story
from wirewatch.link.batch import BatchLinker
from wirewatch.link.derivations import derive_all
from wirewatch.model import AnnotatedArticle, Derivation, Story, StoryClaim
from wirewatch.resources.embeddings import Embedder, build_embedder
from wirewatch.settings import Settings
from wirewatch.store import Store
from wirewatch.store.linking import StoreLinker
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


def read_analysis(store: Store) -> Analysis:
    """The stories, derivations and claims the store holds, as ``link`` returns them."""
    with store.engine.connect() as connection:
        rows = connection.execute(
            select(
                StoryRow.id,
                StoryRow.title,
                StoryRow.first_seen,
                StoryRow.last_updated,
                StoryRow.languages,
                StoryRow.outlets,
            ).order_by(StoryRow.id)
        ).all()
        members: dict[str, list[str]] = {row.id: [] for row in rows}
        for story_id, article_id in connection.execute(
            select(StoryArticleRow.story_id, StoryArticleRow.article_id).order_by(StoryArticleRow.article_id)
        ):
            members[story_id].append(article_id)
    stories = [
        Story(
            row.id,
            row.title,
            tuple(members[row.id]),
            row.first_seen,
            row.last_updated,
            tuple(row.languages),
            tuple(row.outlets),
        )
        for row in rows
    ]
    return (
        stories,
        {s.id: store.derivations(s.id) for s in stories},
        {s.id: store.story_claims(s.id) for s in stories},
    )


def fill_store(store: Store, docs: Sequence[AnnotatedArticle]) -> Analysis:
    """Add ``docs`` to ``store`` in one batch linked by the store's own linker (stories, their
    derivations and graded claims, as ``wirewatch ingest`` links them); what it wrote."""
    store.add_many(list(docs), then=StoreLinker(embedder()).link)
    return read_analysis(store)
