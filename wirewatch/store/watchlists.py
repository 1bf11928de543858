"""Watchlists: saved queries (an entity, a place, a keyword) and what is new for each since the
analyst last looked.

"New" is an article stored (``articles.ingested_at``) after the watchlist's ``last_seen_at``
that matches every part the watchlist sets: the entity and the place by join key or name (as the
stories filters match them, ``reads.article_condition``), the keyword by full-text search.
Marking a watchlist seen moves ``last_seen_at`` to now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, desc, func, insert, select, update

from wirewatch.store.reads import ArticleFilter, article_condition
from wirewatch.store.schema import ArticleRow, WatchlistRow
from wirewatch.store.store import Store

KEYWORD_MATCHES = 5000  # articles a keyword's full-text search reads at most
_WIDTHS = {"name": 200, "entity": 512, "place": 512, "keyword": 500}


class WatchlistError(ValueError):
    """A watchlist that cannot be saved as given (the message says why)."""


@dataclass(frozen=True)
class Watchlist:
    id: int
    name: str
    entity: str | None
    place: str | None
    keyword: str | None
    created_at: datetime
    last_seen_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "entity": self.entity,
            "place": self.place,
            "keyword": self.keyword,
            "created_at": self.created_at.isoformat(),
            "last_seen_at": self.last_seen_at.isoformat(),
        }


@dataclass(frozen=True)
class NewArticle:
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    ingested_at: datetime


def _clean(field: str, value: str | None) -> str | None:
    value = (value or "").replace("\x00", "").strip()
    if len(value) > _WIDTHS[field]:
        raise WatchlistError(f"{field}: at most {_WIDTHS[field]} characters, got {len(value)}")
    return value or None


def _utc(moment: datetime) -> datetime:
    # SQLite hands timestamps back without their zone; they were written in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _row(row: Any) -> Watchlist:
    return Watchlist(
        id=int(row.id),
        name=row.name,
        entity=row.entity,
        place=row.place,
        keyword=row.keyword,
        created_at=_utc(row.created_at),
        last_seen_at=_utc(row.last_seen_at),
    )


def create(
    store: Store,
    name: str | None,
    *,
    entity: str | None = None,
    place: str | None = None,
    keyword: str | None = None,
) -> Watchlist:
    """Save a watchlist; what it finds from now on is new. ``WatchlistError`` when it sets no
    query part or a part is too long."""
    parts = {
        "entity": _clean("entity", entity),
        "place": _clean("place", place),
        "keyword": _clean("keyword", keyword),
    }
    if not any(parts.values()):
        raise WatchlistError("a watchlist needs an entity, a place or a keyword")
    label = _clean("name", name) or " · ".join(v for v in parts.values() if v)[: _WIDTHS["name"]]
    now = datetime.now(UTC)
    with store.engine.begin() as connection:
        new_id = connection.execute(
            insert(WatchlistRow)
            .values(name=label, created_at=now, last_seen_at=now, **parts)
            .returning(WatchlistRow.id)
        ).scalar_one()
    found = get(store, int(new_id))
    assert found is not None
    return found


def all_watchlists(store: Store) -> list[Watchlist]:
    with store.engine.connect() as connection:
        return [_row(r) for r in connection.execute(select(WatchlistRow).order_by(WatchlistRow.id))]


def get(store: Store, watchlist_id: int) -> Watchlist | None:
    with store.engine.connect() as connection:
        row = connection.execute(select(WatchlistRow).where(WatchlistRow.id == watchlist_id)).first()
    return None if row is None else _row(row)


def remove(store: Store, watchlist_id: int) -> bool:
    with store.engine.begin() as connection:
        return bool(connection.execute(delete(WatchlistRow).where(WatchlistRow.id == watchlist_id)).rowcount)


def mark_seen(store: Store, watchlist_id: int, when: datetime | None = None) -> bool:
    """Record a visit: what the watchlist finds up to ``when`` (now) is no longer new."""
    with store.engine.begin() as connection:
        done = connection.execute(
            update(WatchlistRow)
            .where(WatchlistRow.id == watchlist_id)
            .values(last_seen_at=when or datetime.now(UTC))
        )
        return bool(done.rowcount)


def _condition(store: Store, watchlist: Watchlist, connection: Any) -> ColumnElement[bool]:
    condition = and_(
        ArticleRow.ingested_at > watchlist.last_seen_at,
        article_condition(ArticleFilter(entity=watchlist.entity, place=watchlist.place)),
    )
    if watchlist.keyword:
        ids = [a for a, _ in store.index.matches(connection, watchlist.keyword, KEYWORD_MATCHES, 0)]
        condition = and_(condition, ArticleRow.id.in_(ids))
    return condition


def new_articles(store: Store, watchlist: Watchlist, limit: int = 50) -> tuple[list[NewArticle], int]:
    """The newest ``limit`` articles new for ``watchlist``, and how many are new in all."""
    with store.engine.connect() as connection:
        condition = _condition(store, watchlist, connection)
        rows = connection.execute(
            select(
                ArticleRow.id,
                ArticleRow.title,
                ArticleRow.outlet,
                ArticleRow.published,
                ArticleRow.ingested_at,
            )
            .where(condition)
            .order_by(desc(ArticleRow.ingested_at), ArticleRow.id)
            .limit(limit)
        ).all()
        total = connection.execute(select(func.count()).select_from(ArticleRow).where(condition)).scalar_one()
    return [NewArticle(r[0], r[1], r[2], r[3], _utc(r[4])) for r in rows], int(total)
