"""What the store's linker made, read back: its stories, a story with its articles, derivations
and claims, and the whole analyze document (docs/schema.md) for ``export``, ``brief`` and the CLI.

Stories come in creation order (``s1``, ``s2``...), each story's articles in arrival order, as
``wirewatch analyze`` gives them; claims and derivations in the order the assessment wrote them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from wirewatch.model import AnnotatedArticle, Derivation, Duplicate, DuplicateKind, Story, StoryClaim
from wirewatch.present.json_output import report_to_json
from wirewatch.store.schema import ArticleRow, DuplicateRow, LinkStoryRow, StoryRow
from wirewatch.store.store import Store


@dataclass(frozen=True)
class StoryDetail:
    """One stored story with its articles (in arrival order), derivations and claims."""

    story: Story
    articles: list[AnnotatedArticle]
    derivations: list[Derivation]
    claims: list[StoryClaim]
    duplicates: list[Duplicate]

    def to_dict(self) -> dict[str, Any]:
        """``wirewatch story ID --json`` (docs/schema.md)."""
        return {
            "story": self.story.to_dict(),
            "articles": [_article_line(doc) for doc in self.articles],
            "duplicates": [d.to_dict() for d in self.duplicates],
            "derivations": [d.to_dict() for d in self.derivations],
            "claims": [c.to_dict() for c in self.claims],
        }


def _article_line(doc: AnnotatedArticle) -> dict[str, Any]:
    article = doc.article
    return {"id": article.id, "title": article.title, "outlet": article.outlet, "language": article.language,
            "published": article.published, "url": article.url}


def _story(row: Any, members: list[str]) -> Story:
    return Story(id=row.id, title=row.title, articles=tuple(members), first_seen=row.first_seen,
                 last_updated=row.last_updated, languages=tuple(row.languages or ()),
                 outlets=tuple(row.outlets or ()))


def _stories(connection: Connection, story_id: str | None = None) -> list[Story]:
    query = (select(StoryRow.id, StoryRow.title, StoryRow.first_seen, StoryRow.last_updated,
                    StoryRow.languages, StoryRow.outlets, LinkStoryRow.record)
             .join(LinkStoryRow, LinkStoryRow.story_id == StoryRow.id).order_by(LinkStoryRow.seq))
    if story_id is not None:
        query = query.where(StoryRow.id == story_id)
    return [_story(row, list(row.record["articles"])) for row in connection.execute(query)]


def stored_stories(store: Store) -> list[Story]:
    """Every story of the store, in creation order."""
    with store.engine.connect() as connection:
        return _stories(connection)


def stored_story(store: Store, story_id: str) -> Story | None:
    with store.engine.connect() as connection:
        found = _stories(connection, story_id)
    return found[0] if found else None


def _duplicates(connection: Connection, ids: list[str] | None) -> list[Duplicate]:
    query = (select(DuplicateRow.article_id, DuplicateRow.duplicate_of, DuplicateRow.similarity)
             .order_by(DuplicateRow.article_id, DuplicateRow.duplicate_of))
    if ids is not None:
        query = query.where(DuplicateRow.article_id.in_(ids))
    rows = connection.execute(query).all()
    wanted = sorted({r.article_id for r in rows} | {r.duplicate_of for r in rows})
    sources: dict[str, str | None] = {
        row.id: row.url for row in connection.execute(select(ArticleRow.id, ArticleRow.url)
                                                      .where(ArticleRow.id.in_(wanted)))}
    return [Duplicate(r.article_id, r.duplicate_of, r.similarity, sources.get(r.article_id) or r.article_id,
                      sources.get(r.duplicate_of) or r.duplicate_of, kept=True, kind=DuplicateKind.NEAR)
            for r in rows]


def story_detail(store: Store, story_id: str) -> StoryDetail | None:
    """The story ``story_id`` with what the linker found in it; None when there is no such story."""
    story = stored_story(store, story_id)
    if story is None:
        return None
    docs = list(store.articles(story.articles))
    order = {article_id: i for i, article_id in enumerate(story.articles)}
    docs.sort(key=lambda doc: order.get(doc.article.id, len(order)))
    with store.engine.connect() as connection:
        duplicates = _duplicates(connection, list(story.articles))
    return StoryDetail(story, docs, store.derivations(story_id), store.story_claims(story_id), duplicates)


def store_document(store: Store, story_id: str | None = None) -> dict[str, Any]:
    """The analyze JSON document (docs/schema.md) of the store: its articles, stories, near-duplicates,
    derivations and claims; of one story only with ``story_id`` (KeyError when there is none)."""
    if story_id is None:
        with store.engine.connect() as connection:
            stories = _stories(connection)
            duplicates = _duplicates(connection, None)
        docs = list(store.articles())
    else:
        detail = story_detail(store, story_id)
        if detail is None:
            raise KeyError(story_id)
        stories, docs, duplicates = [detail.story], detail.articles, detail.duplicates
    document = report_to_json(docs, [], [], duplicates, stories)
    document["derivations"] = [d.to_dict() for s in stories for d in store.derivations(s.id)]
    document["claims"] = [c.to_dict() for s in stories for c in store.story_claims(s.id)]
    return document
