"""The store: annotated articles kept in SQLite (default) or PostgreSQL, one service object.

``Store.open(url)`` connects and brings the schema to the newest migration. ``add_many`` stores a
batch in one transaction, so a process killed at any moment leaves each article as it was before
or after the batch, never half-written (the article row, its entity rows and its search document
commit together). Re-adding what is stored changes nothing; the same article (same id: from its
url) with new content is updated and its earlier version kept; the same content annotated
differently (another pipeline) replaces the annotations.

SQLite: WAL journal (readers never wait for the writer), foreign keys on, a busy timeout, and
write transactions begun IMMEDIATE so that two writers queue instead of failing midway.
PostgreSQL: writers take a transaction-scoped advisory lock per article id, so two processes
adding the same new article do not both insert it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, delete, event, func, insert, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from wirewatch.errors import StoreError, without_surrogates
from wirewatch.model import AnnotatedArticle, Derivation, StoryClaim
from wirewatch.settings import Settings
from wirewatch.store.migrate import upgrade
from wirewatch.store.schema import (
    ArticleRow,
    ArticleVersionRow,
    DerivationRow,
    DuplicateRow,
    EntityRow,
    StoryClaimRow,
    StoryRow,
)
from wirewatch.store.search import SearchHit, SearchIndex
from wirewatch.store.stemming import Reducer

DB_FILE = "wirewatch.db"
# How long a SQLite writer waits for another to finish before giving up, in milliseconds.
BUSY_TIMEOUT_MS = 30_000
# Any constant: the advisory lock that serialises schema migrations of one PostgreSQL database.
MIGRATION_LOCK = 7_240_113
# Articles read per query when iterating over the whole store.
PAGE_SIZE = 200
_WRITE = "wirewatch_write"
# Column widths (schema.py) that metadata from the input could exceed.
_WIDTHS = {"outlet": 255, "language": 16, "published": 64, "join_key": 512, "type": 32}


class AddOutcome(StrEnum):
    ADDED = "added"  # a new article
    UNCHANGED = "unchanged"  # stored already, as it is (or as an earlier version of it)
    UPDATED = "updated"  # same article, new content: the earlier version is kept
    REANALYSED = "reanalysed"  # same content, new annotations (another pipeline)


# Called inside ``add_many``'s transaction with each article and what happened to it.
AfterAdd = Callable[[Connection, list[tuple[AnnotatedArticle, "AddOutcome"]]], None]


@dataclass(frozen=True)
class StoreStats:
    """Counts over the store (docs/schema.md, "wirewatch stats --json")."""

    articles: int
    stories: int
    entities: int
    outlets: int
    languages: int
    duplicates: int
    versions: int

    def to_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def default_url(settings: Settings) -> str:
    """The store's URL: the ``db`` setting (``$WIREWATCH_DB``), else SQLite in ``data_dir``."""
    if settings.db:
        return settings.db
    return f"sqlite:///{Path(settings.data_dir).expanduser() / DB_FILE}"


def _engine_url(url: str) -> Any:
    parsed = make_url(url)
    # Plain postgresql:// would ask for psycopg2; the installed driver is psycopg (3).
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername not in ("sqlite", "sqlite+pysqlite", "postgresql+psycopg"):
        raise StoreError(f"unsupported database URL {parsed.render_as_string(hide_password=True)}: "
                         "use sqlite:///PATH or postgresql://USER@HOST/DB")
    return parsed


def _json(value: Any) -> str:
    # UTF-8 as is (Cyrillic is not inflated sixfold by escapes); an unpaired surrogate, which
    # no database driver can encode, becomes U+FFFD.
    return without_surrogates(json.dumps(value, ensure_ascii=False))


def _clean(value: str | None, column: str | None = None) -> str | None:
    """Text a database accepts: no NUL (PostgreSQL refuses it), no unpaired surrogate, clipped
    to the column's width."""
    if value is None:
        return None
    value = without_surrogates(value.replace("\x00", ""))
    width = _WIDTHS.get(column or "")
    return value[:width] if width else value


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False, sort_keys=True).encode(
        "utf-8", "surrogatepass")).hexdigest()


def _hashes(doc: AnnotatedArticle, data: dict[str, Any]) -> tuple[str, str]:
    """(content hash, analysis hash): the page as parsed, and everything stored; neither counts
    the input's path, so the same page read from elsewhere is the same."""
    content = doc.article.to_dict()
    content.pop("source")
    analysis = {k: v for k, v in data.items() if k != "source"}
    return _digest(content), _digest(analysis)


class Store:
    """One database of annotated articles. Open with ``Store.open(url)``; close when done (or use
    ``with``)."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self.dialect = engine.dialect.name
        self.reducer = Reducer()
        self.index = SearchIndex(self.dialect, self.reducer)

    @classmethod
    def open(cls, url: str) -> Store:
        """Connect to ``url`` (``sqlite:///PATH``, ``postgresql://...``) and migrate it to the
        newest schema; a SQLite file and its directory are created when missing."""
        try:
            parsed = _engine_url(url)
            shown = parsed.render_as_string(hide_password=True)
            if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
                Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(parsed, json_serializer=_json)
        except (ArgumentError, OSError) as exc:
            raise StoreError(f"cannot open the store {url!r}: {exc}") from exc
        if engine.dialect.name == "sqlite":
            _configure_sqlite(engine)
        store = cls(engine, shown)
        try:
            with store._writing() as connection:
                if store.dialect == "postgresql":
                    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
                upgrade(connection)
        except SQLAlchemyError as exc:
            engine.dispose()
            raise StoreError(f"cannot open the store {shown}: {exc.__class__.__name__}: "
                             f"{str(exc).splitlines()[0]}") from exc
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """A connection in a write transaction, committed when the block ends without error."""
        with self.engine.connect() as connection:
            connection.execution_options(**{_WRITE: True})
            with connection.begin():
                yield connection

    # Writing

    def add(self, doc: AnnotatedArticle) -> AddOutcome:
        return self.add_many([doc])[0]

    def add_many(self, docs: Sequence[AnnotatedArticle], *, then: AfterAdd | None = None) -> list[AddOutcome]:
        """Store a batch of articles in one transaction; what happened to each, in order.
        ``then`` (the store's linker) is called with the connection and each article's outcome
        before the transaction commits: its writes commit, or roll back, with the articles."""
        if not docs:
            return []
        now = datetime.now(UTC)
        with self._writing() as connection:
            if self.dialect == "postgresql":
                for article_id in sorted({doc.article.id for doc in docs}):  # sorted: no deadlock
                    connection.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:id, 0))"),
                                       {"id": article_id})
            outcomes = [self._add(connection, doc, now) for doc in docs]
            if then is not None:
                then(connection, list(zip(docs, outcomes, strict=True)))
            return outcomes

    def _add(self, connection: Connection, doc: AnnotatedArticle, now: datetime) -> AddOutcome:
        article_id = doc.article.id
        data = doc.to_dict()
        content_hash, analysis_hash = _hashes(doc, data)
        stored = connection.execute(
            select(ArticleRow.content_hash, ArticleRow.analysis_hash, ArticleRow.version,
                   ArticleRow.fingerprint, ArticleRow.data, ArticleRow.updated_at)
            .where(ArticleRow.id == article_id)).first()
        columns = self._columns(doc, data, content_hash, analysis_hash, now)
        if stored is None:
            connection.execute(insert(ArticleRow).values(id=article_id, ingested_at=now, version=1,
                                                         **columns))
            outcome = AddOutcome.ADDED
        elif stored.analysis_hash == analysis_hash or self._is_earlier_version(connection, article_id,
                                                                                 content_hash):
            return AddOutcome.UNCHANGED
        elif stored.content_hash == content_hash:
            connection.execute(update(ArticleRow).where(ArticleRow.id == article_id).values(**columns))
            outcome = AddOutcome.REANALYSED
        else:
            connection.execute(insert(ArticleVersionRow).values(
                article_id=article_id, version=stored.version, content_hash=stored.content_hash,
                fingerprint=stored.fingerprint, data=stored.data, ingested_at=stored.updated_at,
                replaced_at=now))
            connection.execute(update(ArticleRow).where(ArticleRow.id == article_id)
                               .values(version=stored.version + 1, **columns))
            outcome = AddOutcome.UPDATED
        self._write_entities(connection, doc)
        self.index.index(connection, doc)
        return outcome

    @staticmethod
    def _columns(doc: AnnotatedArticle, data: dict[str, Any], content_hash: str, analysis_hash: str,
                 now: datetime) -> dict[str, Any]:
        article = doc.article
        return {
            "url": _clean(article.url), "outlet": _clean(article.outlet, "outlet"),
            "language": _clean(article.language, "language"), "title": _clean(article.title),
            "published": _clean(article.published, "published"),
            "fingerprint": doc.produced_by.pipeline if doc.produced_by else None,
            "content_hash": content_hash, "analysis_hash": analysis_hash, "data": data, "updated_at": now,
        }

    @staticmethod
    def _is_earlier_version(connection: Connection, article_id: str, content_hash: str) -> bool:
        """Whether this content is an earlier version already kept: an old copy read again does
        not roll the article back."""
        return connection.execute(select(ArticleVersionRow.version).where(
            ArticleVersionRow.article_id == article_id,
            ArticleVersionRow.content_hash == content_hash).limit(1)).first() is not None

    @staticmethod
    def _write_entities(connection: Connection, doc: AnnotatedArticle) -> None:
        connection.execute(delete(EntityRow).where(EntityRow.article_id == doc.article.id))
        rows: dict[str, dict[str, Any]] = {}
        for position, entity in enumerate(doc.entities):
            # An entity no pipeline numbered still gets a row, under its position.
            entity_id = entity.id or f"#{position + 1}"
            rows.setdefault(entity_id, {
                "article_id": doc.article.id, "entity_id": entity_id, "name": _clean(entity.name),
                "type": _clean(str(entity.type), "type"), "join_key": _clean(entity.join_key, "join_key"),
            })
        if rows:
            connection.execute(insert(EntityRow), list(rows.values()))

    # Reading

    def get_article(self, article_id: str) -> AnnotatedArticle | None:
        with self.engine.connect() as connection:
            data = connection.execute(select(ArticleRow.data).where(ArticleRow.id == article_id)).scalar()
        return None if data is None else AnnotatedArticle.from_dict(data)

    def versions(self, article_id: str) -> list[AnnotatedArticle]:
        """The earlier versions of an article, oldest first (the current one is ``get_article``)."""
        with self.engine.connect() as connection:
            rows = connection.execute(select(ArticleVersionRow.data)
                                      .where(ArticleVersionRow.article_id == article_id)
                                      .order_by(ArticleVersionRow.version)).scalars().all()
        return [AnnotatedArticle.from_dict(data) for data in rows]

    def articles(self, ids: Iterable[str] | None = None, *, outlet: str | None = None,
                 language: str | None = None) -> Iterator[AnnotatedArticle]:
        """Stored articles in id order (those of ``ids`` when given), read a page at a time."""
        if ids is not None:
            wanted = list(ids)
            for start in range(0, len(wanted), PAGE_SIZE):
                with self.engine.connect() as connection:
                    found = connection.execute(select(ArticleRow.data).where(
                        ArticleRow.id.in_(wanted[start:start + PAGE_SIZE])).order_by(ArticleRow.id))
                    page = [AnnotatedArticle.from_dict(data) for data in found.scalars()]
                yield from page
            return
        after = ""
        while True:
            query = select(ArticleRow.id, ArticleRow.data).where(ArticleRow.id > after)
            if outlet is not None:
                query = query.where(ArticleRow.outlet == outlet)
            if language is not None:
                query = query.where(ArticleRow.language == language)
            with self.engine.connect() as connection:
                rows = connection.execute(query.order_by(ArticleRow.id).limit(PAGE_SIZE)).all()
            if not rows:
                return
            yield from (AnnotatedArticle.from_dict(row.data) for row in rows)
            after = rows[-1].id

    def stale(self, fingerprint: str) -> list[str]:
        """Ids of the articles annotated by another pipeline than ``fingerprint`` (or unknown)."""
        with self.engine.connect() as connection:
            return list(connection.execute(
                select(ArticleRow.id).where((ArticleRow.fingerprint != fingerprint)
                                            | ArticleRow.fingerprint.is_(None))
                .order_by(ArticleRow.id)).scalars())

    def ids(self) -> list[str]:
        with self.engine.connect() as connection:
            return list(connection.execute(select(ArticleRow.id).order_by(ArticleRow.id)).scalars())

    def stats(self) -> StoreStats:
        """Counts: articles, stories, distinct entities (by join key), outlets, languages,
        duplicates, and earlier versions kept."""
        def count(column: Any, distinct: bool = False, where: Any = None) -> Any:
            query = select(func.count(column.distinct() if distinct else column))
            return query if where is None else query.where(where)

        with self.engine.connect() as connection:
            values = {name: int(connection.execute(query).scalar_one()) for name, query in {
                "articles": count(ArticleRow.id),
                "stories": count(StoryRow.id),
                "entities": count(EntityRow.join_key, True, EntityRow.join_key != ""),
                "outlets": count(ArticleRow.outlet, True),
                "languages": count(ArticleRow.language, True),
                "duplicates": count(DuplicateRow.article_id),
                "versions": count(ArticleVersionRow.article_id),
            }.items()}
        return StoreStats(**values)

    # A story's analysis: derivations and story-level claims, replaced whole each time the story
    # is linked and assessed again (the story must exist).

    @staticmethod
    def write_story_analysis(connection: Connection, story_id: str, derivations: Sequence[Derivation],
                             claims: Sequence[StoryClaim]) -> None:
        """Replace the story's derivations and claims, inside the caller's transaction."""
        connection.execute(delete(DerivationRow).where(DerivationRow.story_id == story_id))
        connection.execute(delete(StoryClaimRow).where(StoryClaimRow.story_id == story_id))
        if derivations:
            connection.execute(insert(DerivationRow), [
                {"story_id": story_id, "position": position, "article_id": d.article, "kind": str(d.kind),
                 "data": d.to_dict()} for position, d in enumerate(derivations)])
        if claims:
            connection.execute(insert(StoryClaimRow), [
                {"id": c.id, "story_id": story_id, "position": position,
                 "independent_origins": c.independent_origins, "reliability": c.grade.reliability,
                 "credibility": c.grade.credibility, "data": c.to_dict()}
                for position, c in enumerate(claims)])

    def save_story_analysis(self, story_id: str, derivations: Sequence[Derivation],
                            claims: Sequence[StoryClaim]) -> None:
        with self._writing() as connection:
            self.write_story_analysis(connection, story_id, derivations, claims)

    def derivations(self, story_id: str) -> list[Derivation]:
        """The story's derivations, in the linker's order."""
        with self.engine.connect() as connection:
            rows = connection.execute(select(DerivationRow.data).where(DerivationRow.story_id == story_id)
                                      .order_by(DerivationRow.position)).scalars().all()
        return [Derivation.from_dict(data) for data in rows]

    def story_claims(self, story_id: str | None = None, *, limit: int | None = None,
                     offset: int = 0) -> list[StoryClaim]:
        """Story-level claims (of one story, or of all in story order), in the assessment's order."""
        query = select(StoryClaimRow.data)
        if story_id is not None:
            query = query.where(StoryClaimRow.story_id == story_id)
        query = query.order_by(StoryClaimRow.story_id, StoryClaimRow.position).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as connection:
            rows = connection.execute(query).scalars().all()
        return [StoryClaim.from_dict(data) for data in rows]

    def story_claim(self, claim_id: str) -> StoryClaim | None:
        with self.engine.connect() as connection:
            data = connection.execute(select(StoryClaimRow.data).where(StoryClaimRow.id == claim_id)).scalar()
        return None if data is None else StoryClaim.from_dict(data)

    def search(self, query: str, limit: int = 10, offset: int = 0) -> list[SearchHit]:
        """Articles whose title, body or quotes match ``query`` (syntax: ``search.py``), best first."""
        if limit < 1 or offset < 0:
            raise ValueError(f"limit must be at least 1 and offset at least 0, got {limit}, {offset}")
        with self.engine.connect() as connection:
            matches = self.index.matches(connection, query, limit, offset)
            stored: dict[str, Any] = {row.id: row.data for row in connection.execute(
                select(ArticleRow.id, ArticleRow.data).where(ArticleRow.id.in_([m[0] for m in matches])))}
        hits = []
        for article_id, rank in matches:
            doc = AnnotatedArticle.from_dict(stored[article_id])
            article = doc.article
            hits.append(SearchHit(article_id, article.title, article.url, article.outlet, article.published,
                                  article.language, self.index.snippet(doc, query), rank))
        return hits


def _configure_sqlite(engine: Engine) -> None:
    """WAL, foreign keys and a busy timeout on every connection; transactions begun by SQLAlchemy
    (the sqlite3 module's own implicit BEGIN would leave DDL outside them), IMMEDIATE for writes."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in ("journal_mode=WAL", "foreign_keys=ON", f"busy_timeout={BUSY_TIMEOUT_MS}",
                       # With WAL, NORMAL loses no committed transaction when the process dies.
                       "synchronous=NORMAL"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        mode = "IMMEDIATE" if connection.get_execution_options().get(_WRITE) else "DEFERRED"
        connection.exec_driver_sql(f"BEGIN {mode}")
