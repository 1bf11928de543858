"""Linking inside the store: each stored batch joins near-duplicates and stories, and every story
it touched is derived and assessed again, all in the batch's transaction.

``StoreLinker.link(connection, done)`` is ``Store.add_many``'s ``then``: for each article added,
updated or re-analysed (and each unchanged one never linked, say stored with ``--no-link``), it
takes the article's earlier links back (``SqlLinkState.unlink``), records its near-duplicate
(``duplicates`` table) and assigns it to a story (``link.stories.assign`` over ``SqlLinkState``:
``stories`` and ``story_articles`` rows with title, first seen, last updated, languages and
outlets). Then each touched story is re-derived (``link.derivations.derive_all``) and re-assessed
(``assess.assess_story``) over at most ``link_assess_articles`` of its articles (the earliest half,
where the origins are, and the latest half), and its derivations and claims replace the stored
ones (``Store.write_story_analysis``). Origins are graded by their record over the store's claims
of the other stories (``assess.outlet_record``), kept per story and origin in
``link_origin_records`` and read one origin at a time (``StoredRecords``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from sqlalchemy import Connection, delete, func, insert, select

from wirewatch.assess import assess_story, outlet_record
from wirewatch.assess.grading import OutletRecord
from wirewatch.link.derivations import derive_all
from wirewatch.link.duplicates import band_keys, link_duplicates, signature
from wirewatch.link.embed import embed_articles
from wirewatch.link.stories import Weights, assign, link_input, weights_for
from wirewatch.model import AnnotatedArticle, StoryClaim
from wirewatch.resources.embeddings import Embedder
from wirewatch.settings import Settings
from wirewatch.store.link_state import SqlLinkState
from wirewatch.store.schema import ArticleRow, DuplicateRow, LinkOriginRecordRow, StoryRow
from wirewatch.store.store import AddOutcome, Store

DEFAULT_ASSESS_ARTICLES = 40


def assessed_members(articles: Sequence[str], cap: int) -> list[str]:
    """The members of a story that are derived and assessed: all when at most ``cap``, else the
    earliest ``cap - cap // 2`` and the latest ``cap // 2`` in arrival order."""
    if len(articles) <= cap:
        return list(articles)
    late = cap // 2
    return [*articles[:cap - late], *articles[len(articles) - late:]]


class StoreLinker:
    """Links stored batches (see the module's docstring). One per ingest; not thread-safe."""

    def __init__(self, embedder: Embedder, *, story_language: str = "en", weights: Weights | None = None,
                 assess_articles: int = DEFAULT_ASSESS_ARTICLES) -> None:
        self.embedder = embedder
        self.story_language = story_language
        self.weights = weights or weights_for(embedder.name)
        self.assess_articles = max(2, assess_articles)
        self.stories_touched = 0

    @classmethod
    def from_settings(cls, settings: Settings, embedder: Embedder | None = None) -> StoreLinker:
        from wirewatch.resources.embeddings import build_embedder

        embedder = embedder or build_embedder(settings.story_embedder)
        return cls(embedder, story_language=settings.story_language,
                   weights=weights_for(settings.story_embedder, settings.story_window_days),
                   assess_articles=settings.link_assess_articles)

    def link(self, connection: Connection, done: list[tuple[AnnotatedArticle, AddOutcome]]) -> None:
        state = SqlLinkState(connection, self.embedder.dim, story_language=self.story_language)
        todo: dict[str, AnnotatedArticle] = {}
        for doc, outcome in done:
            if outcome is not AddOutcome.UNCHANGED or not state.is_linked(doc.article.id):
                todo[doc.article.id] = doc  # the same id twice in a batch: its last version
        if not todo:
            return
        docs = list(todo.values())
        touched: dict[str, None] = {}
        for doc in docs:
            left = state.unlink(doc.article.id)
            if left is not None:
                touched[left] = None
        vectors = embed_articles(self.embedder, docs)
        for doc, vector in zip(docs, vectors, strict=True):
            article = doc.article
            state.prefetch_bands(band_keys(signature(article.body)))
            near = link_duplicates(article.id, article.body, state)
            if near is not None:
                connection.execute(insert(DuplicateRow).values(
                    article_id=near.article, duplicate_of=near.duplicate_of, similarity=near.similarity))
            item = link_input(doc, vector)
            touched[assign(item, state, self.weights).story_id] = None
            state.set_article_keys(article.id, item.join_keys)
        self.analyse(connection, state, list(touched))

    def analyse(self, connection: Connection, state: SqlLinkState, story_ids: Sequence[str]) -> None:
        """Derive and assess each story again and store its derivations and claims."""
        live = set(connection.execute(select(StoryRow.id).where(StoryRow.id.in_(list(story_ids)))).scalars())
        records: StoredRecords | None = None
        for story_id in story_ids:
            if story_id not in live:
                continue  # its last article left it
            if records is None:
                records = StoredRecords(connection, set(story_ids))
            ids = assessed_members(state.story(story_id).articles, self.assess_articles)
            docs = _articles(connection, ids)
            derivations = derive_all(docs, self.embedder)
            claims = assess_story(story_id, docs, derivations, self.embedder, records)
            Store.write_story_analysis(connection, story_id, derivations, claims)
            _write_records(connection, story_id, claims)
            self.stories_touched += 1


def _write_records(connection: Connection, story_id: str, claims: Sequence[StoryClaim]) -> None:
    """Replace the story's rows of origin records with those of its new claims."""
    connection.execute(delete(LinkOriginRecordRow).where(LinkOriginRecordRow.story_id == story_id))
    rows = [{"story_id": story_id, "origin_key": key[:512], "confirmed": r.confirmed,
             "contradicted": r.contradicted, "unresolved": r.unresolved}
            for key, r in sorted(outlet_record(claims).items())]
    if rows:
        connection.execute(insert(LinkOriginRecordRow), rows)


class StoredRecords(Mapping[str, OutletRecord]):
    """Origin key -> its record over the stored claims of every story but ``skip`` (those being
    assessed now), read one key at a time when grading asks (an indexed query each), never as a
    whole: ``assess_story``'s ``records``."""

    def __init__(self, connection: Connection, skip: set[str]) -> None:
        self.connection = connection
        self.skip = sorted(skip)
        self._cache: dict[str, OutletRecord | None] = {}

    def _read(self, key: str) -> OutletRecord | None:
        if key not in self._cache:
            row = self.connection.execute(
                select(func.count(), func.sum(LinkOriginRecordRow.confirmed),
                       func.sum(LinkOriginRecordRow.contradicted), func.sum(LinkOriginRecordRow.unresolved))
                .where(LinkOriginRecordRow.origin_key == key[:512],
                       LinkOriginRecordRow.story_id.not_in(self.skip))).one()
            self._cache[key] = OutletRecord(int(row[1]), int(row[2]), int(row[3])) if row[0] else None
        return self._cache[key]

    def __getitem__(self, key: str) -> OutletRecord:
        found = self._read(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._read(key) is not None

    def __bool__(self) -> bool:
        return True  # consulted key by key, not emptied into a dict

    def __iter__(self) -> Iterator[str]:
        keys = self.connection.execute(select(LinkOriginRecordRow.origin_key.distinct())
                                       .where(LinkOriginRecordRow.story_id.not_in(self.skip))).scalars()
        return iter(list(keys))

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _articles(connection: Connection, ids: Sequence[str]) -> list[AnnotatedArticle]:
    """The stored articles ``ids``, in that order."""
    found = {row.id: row.data for row in connection.execute(
        select(ArticleRow.id, ArticleRow.data).where(ArticleRow.id.in_(list(ids))))}
    return [AnnotatedArticle.from_dict(found[i]) for i in ids if i in found]
