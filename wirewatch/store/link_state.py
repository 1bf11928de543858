"""``LinkState`` over the store's tables, inside the caller's transaction.

``SqlLinkState(connection_or_engine, dim)`` answers the linker's lookups (``link/state.py``) from
the tables of migration 0003: LSH buckets (``link_bands``), signatures and vectors
(``link_articles``), entity postings and document frequencies (``link_postings``,
``link_key_counts``), story records (``link_stories``, with ``stories`` and ``story_articles``
kept in step) and counters (``link_counters``). Every lookup is by key. Given a connection in a
transaction (the ingest batch's), every write is part of that transaction: a killed ingest leaves
the links exactly as consistent with the articles as the articles themselves.

Nearest neighbours come from a usearch HNSW index over the stored vectors, built once per process
and database and brought up to date incrementally: each vector gets a ``seq`` that is never reused
(the ``vectors`` counter), and the index holds the committed rows up to a high-water mark; a state
loads only the rows above it (a database that went back below it, say recreated, is rebuilt).
Vectors written by the current transaction are searched exactly beside the index (at most a batch)
and join the index only once committed, so a rolled-back batch never leaves a label behind. Rows
deleted since (an article re-linked) are dropped from the answers when their labels are mapped back
to articles, which is one keyed query per search. Linkers are serialised: SQLite's IMMEDIATE write
transactions already do it, and on PostgreSQL a state takes a transaction-scoped advisory lock.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sqlalchemy import Connection, Engine, delete, func, insert, select, text, update
from usearch.index import Index

from wirewatch.link.duplicates import BUCKET_LIMIT
from wirewatch.link.state import StoryRecord
from wirewatch.link.stories import MAX_POSTINGS, story_view, utc_published
from wirewatch.resources.embeddings import Vectors
from wirewatch.store.schema import (
    DuplicateRow,
    LinkArticleRow,
    LinkBandRow,
    LinkCounterRow,
    LinkKeyCountRow,
    LinkPostingRow,
    LinkStoryRow,
    StoryArticleRow,
    StoryRow,
)

# Any constant: the advisory lock that serialises linkers of one PostgreSQL database.
LINK_LOCK = 7_240_114
# Rows read per query while loading vectors into the index.
LOAD_PAGE = 5_000


@dataclass
class _VectorIndex:
    """A process's usearch index over one database's committed vectors up to ``loaded``."""

    dim: int
    index: Index = field(init=False)
    loaded: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.index = Index(ndim=self.dim, metric="cos", dtype="f32")

    def sync(self, connection: Connection) -> None:
        """Load the committed vectors above the high-water mark (all, when the database went back
        below it)."""
        newest = connection.execute(select(func.max(LinkArticleRow.seq))).scalar() or 0
        if newest < self.loaded:
            self.index = Index(ndim=self.dim, metric="cos", dtype="f32")
            self.loaded = 0
        while newest > self.loaded:
            rows = connection.execute(
                select(LinkArticleRow.seq, LinkArticleRow.vector)
                .where(LinkArticleRow.seq > self.loaded, LinkArticleRow.seq <= newest,
                       LinkArticleRow.vector.is_not(None))
                .order_by(LinkArticleRow.seq).limit(LOAD_PAGE)).all()
            if not rows:
                break
            keys = np.asarray([row.seq for row in rows], dtype=np.uint64)
            vectors = np.stack([np.frombuffer(row.vector, dtype=np.float32) for row in rows])
            self.index.add(keys, vectors)
            self.loaded = int(rows[-1].seq)
        self.loaded = max(self.loaded, int(newest))


_INDEXES: dict[tuple[str, int], _VectorIndex] = {}
_INDEXES_LOCK = threading.Lock()


def _vector_index(connection: Connection, dim: int) -> _VectorIndex:
    name = connection.engine.url.render_as_string(hide_password=False)
    with _INDEXES_LOCK:
        return _INDEXES.setdefault((name, dim), _VectorIndex(dim))


def _unit(vector: Vectors, dim: int) -> Vectors:
    out: Vectors = np.asarray(vector, dtype=np.float32).reshape(dim)
    return out


def _bucket(band: int, key: bytes) -> str:
    return f"{band}:{key.hex()}"


def _record_json(record: StoryRecord) -> dict[str, Any]:
    return {"articles": record.articles, "titles": record.titles, "languages": record.languages,
            "outlets": record.outlets, "published": record.published, "keys": record.keys,
            "event_days": sorted(record.event_days), "last_seen": record.last_seen}


def _record_from(row: Any, dim: int) -> StoryRecord:
    data = row.record
    centroid = None if row.centroid is None else np.frombuffer(row.centroid, dtype=np.float32).copy()
    return StoryRecord(id=row.story_id, articles=list(data["articles"]), titles=list(data["titles"]),
                       languages=list(data["languages"]), outlets=list(data["outlets"]),
                       published=list(data["published"]), centroid=centroid, keys=dict(data["keys"]),
                       event_days=set(data["event_days"]), last_seen=data["last_seen"])


class SqlLinkState:
    """``LinkState`` over the store (see the module's docstring). Use one per transaction."""

    def __init__(self, connection_or_engine: Connection | Engine, dim: int, *,
                 story_language: str = "en") -> None:
        self.dim = dim
        self.story_language = story_language
        self.comparisons = 0
        self._target = connection_or_engine
        self._records: dict[str, StoryRecord] = {}
        self._members: dict[str, set[str]] = {}  # story id -> members with a story_articles row
        self._pending: dict[int, tuple[str, Vectors]] = {}  # this transaction's vectors by seq
        self._buckets: dict[str, list[str]] = {}  # prefetched bucket members
        with self._connection() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LINK_LOCK})
            self._index = _vector_index(connection, dim)
            with self._index.lock:
                self._index.sync(connection)

    @contextmanager
    def _connection(self) -> Iterator[Connection]:
        if isinstance(self._target, Connection):
            yield self._target
        else:
            with self._target.begin() as connection:
                yield connection

    # -- counters --

    def _counter(self, connection: Connection, name: str) -> int:
        value = connection.execute(select(LinkCounterRow.value).where(LinkCounterRow.name == name)).scalar()
        return int(value or 0)

    def _bump(self, connection: Connection, name: str, by: int = 1) -> int:
        done = connection.execute(update(LinkCounterRow).where(LinkCounterRow.name == name)
                                  .values(value=LinkCounterRow.value + by))
        if done.rowcount == 0:
            connection.execute(insert(LinkCounterRow).values(name=name, value=max(0, by)))
        return self._counter(connection, name)

    # -- near-duplicates --

    def prefetch_bands(self, keys: Sequence[bytes]) -> None:
        """Read the members of an article's buckets (band i has keys[i]) in one query, for the
        ``band_members`` calls that follow; cleared by the next ``add_article_bands``."""
        buckets = [_bucket(band, key) for band, key in enumerate(keys)]
        # Each bucket's earliest BUCKET_LIMIT members only: all the near-duplicate search reads.
        rank = func.row_number().over(partition_by=LinkBandRow.bucket,
                                      order_by=(LinkArticleRow.seq, LinkBandRow.article_id))
        ranked = (select(LinkBandRow.bucket, LinkBandRow.article_id, rank.label("rank"))
                  .join(LinkArticleRow, LinkArticleRow.article_id == LinkBandRow.article_id)
                  .where(LinkBandRow.bucket.in_(buckets))).subquery()
        with self._connection() as connection:
            rows = connection.execute(
                select(ranked.c.bucket, ranked.c.article_id)
                .where(ranked.c.rank <= BUCKET_LIMIT)
                .order_by(ranked.c.bucket, ranked.c.rank)).all()
        self._buckets = {bucket: [] for bucket in buckets}
        for row in rows:
            self._buckets[row.bucket].append(row.article_id)

    def band_members(self, band: int, key: bytes) -> Sequence[str]:
        prefetched = self._buckets.get(_bucket(band, key))
        if prefetched is not None:
            return prefetched
        with self._connection() as connection:
            return list(connection.execute(
                select(LinkBandRow.article_id)
                .join(LinkArticleRow, LinkArticleRow.article_id == LinkBandRow.article_id)
                .where(LinkBandRow.bucket == _bucket(band, key))
                .order_by(LinkArticleRow.seq, LinkBandRow.article_id)
                .limit(BUCKET_LIMIT)).scalars())

    def add_article_bands(self, article_id: str, keys: Sequence[bytes], signature: Sequence[int]) -> None:
        self._buckets = {}
        packed = np.asarray(signature, dtype=np.uint64).tobytes()
        with self._connection() as connection:
            done = connection.execute(update(LinkArticleRow).where(LinkArticleRow.article_id == article_id)
                                      .values(signature=packed))
            if done.rowcount == 0:
                connection.execute(insert(LinkArticleRow).values(article_id=article_id, signature=packed,
                                                                 join_keys=[]))
            connection.execute(delete(LinkBandRow).where(LinkBandRow.article_id == article_id))
            buckets = sorted({_bucket(band, key) for band, key in enumerate(keys)})
            if buckets:
                connection.execute(insert(LinkBandRow),
                                   [{"bucket": b, "article_id": article_id} for b in buckets])

    def signature(self, article_id: str) -> Sequence[int] | None:
        with self._connection() as connection:
            packed = connection.execute(select(LinkArticleRow.signature)
                                        .where(LinkArticleRow.article_id == article_id)).scalar()
        return None if packed is None else [int(v) for v in np.frombuffer(packed, dtype=np.uint64)]

    # -- vectors --

    def add_vector(self, article_id: str, vector: Vectors) -> None:
        unit = _unit(vector, self.dim)
        with self._connection() as connection:
            seq = self._bump(connection, "vectors")
            done = connection.execute(update(LinkArticleRow).where(LinkArticleRow.article_id == article_id)
                                      .values(seq=seq, vector=unit.tobytes()))
            if done.rowcount == 0:
                connection.execute(insert(LinkArticleRow).values(
                    article_id=article_id, seq=seq, vector=unit.tobytes(),
                    signature=np.zeros(0, dtype=np.uint64).tobytes(), join_keys=[]))
        self._pending[seq] = (article_id, unit)

    def nearest(self, vector: Vectors, k: int) -> list[tuple[str, float]]:
        query = _unit(vector, self.dim)
        scored: dict[int, float] = {}
        if len(self._index.index) > 0:
            with self._index.lock:
                # Twice k: labels of rows deleted since they were indexed are dropped below.
                found = self._index.index.search(query, 2 * k)
            scored = {int(key): 1.0 - float(distance)
                      for key, distance in zip(found.keys, found.distances, strict=True)}
        for seq, (_, pending) in self._pending.items():
            scored[seq] = float(np.dot(pending, query))
        if not scored:
            return []
        with self._connection() as connection:
            live = dict(connection.execute(select(LinkArticleRow.seq, LinkArticleRow.article_id)
                                           .where(LinkArticleRow.seq.in_(list(scored)))).all())
        pairs = [(live[seq], similarity) for seq, similarity in scored.items() if seq in live]
        pairs.sort(key=lambda pair: -pair[1])
        return pairs[:k]

    # -- inverted entity index --

    def key_postings(self, join_key: str) -> dict[str, float]:
        # One row over the limit is enough for the linker to see that the key is too common.
        with self._connection() as connection:
            rows = connection.execute(select(LinkPostingRow.story_id, LinkPostingRow.last_seen)
                                      .where(LinkPostingRow.join_key == join_key)
                                      .order_by(LinkPostingRow.last_seen.desc())
                                      .limit(MAX_POSTINGS + 1)).all()
        return dict(rows)

    def key_frequency(self, join_key: str) -> int:
        with self._connection() as connection:
            value = connection.execute(select(LinkKeyCountRow.articles)
                                       .where(LinkKeyCountRow.join_key == join_key)).scalar()
        return int(value or 0)

    def add_keys(self, story_id: str, join_keys: Iterable[str], seen: float | None) -> None:
        with self._connection() as connection:
            self._bump(connection, "articles")
            for key in sorted(set(join_keys)):
                self._count_key(connection, key, 1)
                done = connection.execute(
                    update(LinkPostingRow)
                    .where(LinkPostingRow.join_key == key, LinkPostingRow.story_id == story_id)
                    .values(last_seen=func.max(LinkPostingRow.last_seen, seen or 0.0)
                            if connection.dialect.name == "sqlite"
                            else func.greatest(LinkPostingRow.last_seen, seen or 0.0)))
                if done.rowcount == 0:
                    connection.execute(insert(LinkPostingRow).values(join_key=key, story_id=story_id,
                                                                     last_seen=seen or 0.0))

    @staticmethod
    def _count_key(connection: Connection, key: str, by: int) -> None:
        done = connection.execute(update(LinkKeyCountRow).where(LinkKeyCountRow.join_key == key)
                                  .values(articles=LinkKeyCountRow.articles + by))
        if done.rowcount == 0 and by > 0:
            connection.execute(insert(LinkKeyCountRow).values(join_key=key, articles=by))
        elif by < 0:
            connection.execute(delete(LinkKeyCountRow).where(LinkKeyCountRow.join_key == key,
                                                             LinkKeyCountRow.articles <= 0))

    def article_total(self) -> int:
        with self._connection() as connection:
            return self._counter(connection, "articles")

    def set_article_keys(self, article_id: str, join_keys: Iterable[str]) -> None:
        """Remember the join keys an article was linked by (``unlink`` takes them back)."""
        with self._connection() as connection:
            connection.execute(update(LinkArticleRow).where(LinkArticleRow.article_id == article_id)
                               .values(join_keys=sorted(set(join_keys))))

    def is_linked(self, article_id: str) -> bool:
        with self._connection() as connection:
            return connection.execute(select(StoryArticleRow.story_id)
                                      .where(StoryArticleRow.article_id == article_id)).first() is not None

    # -- stories --

    def story_of(self, article_id: str) -> str | None:
        with self._connection() as connection:
            found = connection.execute(select(StoryArticleRow.story_id)
                                       .where(StoryArticleRow.article_id == article_id).limit(1)).scalar()
        return None if found is None else str(found)

    def story(self, story_id: str) -> StoryRecord:
        record = self._records.get(story_id)
        if record is None:
            with self._connection() as connection:
                row = connection.execute(select(LinkStoryRow)
                                         .where(LinkStoryRow.story_id == story_id)).first()
            if row is None:
                raise KeyError(story_id)
            record = _record_from(row, self.dim)
            self._records[story_id] = record
            self._members[story_id] = set(record.articles)
        return record

    def put_story(self, record: StoryRecord) -> None:
        view = story_view(record, self.story_language)
        columns = {"title": view.title, "first_seen": view.first_seen, "last_updated": view.last_updated,
                   "languages": list(view.languages), "outlets": list(view.outlets)}
        centroid = None if record.centroid is None else np.asarray(record.centroid, np.float32).tobytes()
        with self._connection() as connection:
            exists = connection.execute(select(StoryRow.id).where(StoryRow.id == record.id)).first()
            if exists is None:
                connection.execute(insert(StoryRow).values(id=record.id, **columns))
                connection.execute(insert(LinkStoryRow).values(
                    story_id=record.id, seq=_story_seq(record.id), record=_record_json(record),
                    centroid=centroid))
            else:
                connection.execute(update(StoryRow).where(StoryRow.id == record.id).values(**columns))
                connection.execute(update(LinkStoryRow).where(LinkStoryRow.story_id == record.id)
                                   .values(record=_record_json(record), centroid=centroid))
            known = self._members.setdefault(record.id, set())
            added = [a for a in dict.fromkeys(record.articles) if a not in known]
            if added:
                connection.execute(insert(StoryArticleRow), [{"story_id": record.id, "article_id": a}
                                                             for a in added])
                known.update(added)
        self._records[record.id] = record

    def new_story_id(self) -> str:
        with self._connection() as connection:
            return f"s{self._bump(connection, 'stories')}"

    def stories(self) -> list[StoryRecord]:
        with self._connection() as connection:
            rows = connection.execute(select(LinkStoryRow).order_by(LinkStoryRow.seq)).all()
        return [self._records.get(row.story_id) or _record_from(row, self.dim) for row in rows]

    # -- taking an article back out (its page changed, or it was annotated again) --

    def unlink(self, article_id: str) -> str | None:
        """Remove an article from the links: its buckets, vector and key counts, its
        near-duplicate rows, and its place in its story (the story is deleted when it was the
        last member). Returns the story it left. The story keeps the event days and key postings
        the article brought (a superset: they only add candidates, which scoring weighs)."""
        story_id = self.story_of(article_id)
        with self._connection() as connection:
            row = connection.execute(select(LinkArticleRow.vector, LinkArticleRow.join_keys)
                                     .where(LinkArticleRow.article_id == article_id)).first()
            connection.execute(delete(LinkBandRow).where(LinkBandRow.article_id == article_id))
            connection.execute(delete(LinkArticleRow).where(LinkArticleRow.article_id == article_id))
            connection.execute(delete(DuplicateRow).where(DuplicateRow.article_id == article_id))
            keys = list(row.join_keys) if row is not None else []
            for key in keys:
                self._count_key(connection, key, -1)
            if story_id is not None:
                self._bump(connection, "articles", -1)
        self._pending = {seq: item for seq, item in self._pending.items() if item[0] != article_id}
        if story_id is None:
            return None
        record = self.story(story_id)
        if article_id in record.articles:
            at = record.articles.index(article_id)
            for column in (record.titles, record.languages, record.outlets, record.published):
                column.pop(at)
            record.articles.pop(at)
            if row is not None and row.vector is not None and record.centroid is not None:
                record.centroid = record.centroid - np.frombuffer(row.vector, dtype=np.float32)
            for key in keys:
                record.keys[key] = record.keys.get(key, 0) - 1
                if record.keys[key] <= 0:
                    del record.keys[key]
            seen = [s for s in (utc_published(p)[1] for p in record.published) if s is not None]
            record.last_seen = max(seen) if seen else None
        with self._connection() as connection:
            connection.execute(delete(StoryArticleRow).where(StoryArticleRow.article_id == article_id))
            self._members.get(story_id, set()).discard(article_id)
            if not record.articles:
                connection.execute(delete(StoryRow).where(StoryRow.id == story_id))
                self._records.pop(story_id, None)
                self._members.pop(story_id, None)
                return story_id
        self.put_story(record)
        return story_id


def _story_seq(story_id: str) -> int:
    """The creation order of a story id ``sN``."""
    return int(story_id[1:]) if story_id[1:].isdigit() else 0
