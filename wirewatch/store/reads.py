"""Read queries for the analyst's desk over the store: the stories list with its filters and counts,
a story's members and analysis, an entity's articles, story-level claims, and an outlet's record.

Each function takes an open connection and returns plain rows or JSON dicts; turning them into
the desk's views is ``wirewatch.desk.store_source``'s job. Filters are applied in SQL, so a list
page reads only the rows it shows (plus counts), whatever the size of the store.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Text,
    and_,
    case,
    desc,
    func,
    literal,
    or_,
    select,
    text,
    true,
    union,
)

from wirewatch.store.schema import (
    FTS_TABLE,
    ArticleRow,
    DerivationRow,
    EntityRow,
    StoryArticleRow,
    StoryClaimRow,
    StoryRow,
)
from wirewatch.store.search import SearchIndex, fts5_expression, parse_query


@dataclass(frozen=True)
class ArticleFilter:
    """What an article must match (each None: no condition); text is compared case-insensitively.
    ``since``/``until`` are ISO dates compared with the first ten characters of ``published``."""

    since: str | None = None
    until: str | None = None
    place: str | None = None
    entity: str | None = None
    language: str | None = None
    outlet: str | None = None

    def active(self) -> bool:
        return any(
            v is not None
            for v in (self.since, self.until, self.place, self.entity, self.language, self.outlet)
        )


@dataclass(frozen=True)
class StoryListRow:
    id: str
    title: str | None
    first_seen: str | None
    last_updated: str | None
    articles: int
    outlets: int
    languages: int


def _naming(value: str, place_only: bool) -> ColumnElement[bool]:
    """The article names an entity whose join key or name is ``value``. The keys are listed first
    (the value itself, and the keys of the names equal to it: one scan of the names, as a UNION,
    which SQLite does not walk through the join-key index row by row as it would a DISTINCT), then
    the articles are found through the join-key index."""
    folded = value.casefold()
    by_name = select(EntityRow.join_key).where(func.lower(EntityRow.name) == folded)
    if place_only:
        by_name = by_name.where(EntityRow.type == "place")
    keys = union(select(literal(value)), select(literal(folded)), by_name)
    found = select(EntityRow.article_id).where(EntityRow.join_key.in_(keys))
    if place_only:
        found = found.where(EntityRow.type == "place")
    return ArticleRow.id.in_(found)


def article_condition(f: ArticleFilter) -> ColumnElement[bool]:
    """The SQL condition on ``articles`` for ``f``."""
    parts: list[ColumnElement[bool]] = []
    day = func.substr(ArticleRow.published, 1, 10)
    if f.since:
        parts.append(and_(ArticleRow.published.is_not(None), day >= f.since[:10]))
    if f.until:
        parts.append(and_(ArticleRow.published.is_not(None), day <= f.until[:10]))
    if f.language:
        # Codes are stored as given (lower case in practice): compared through the index.
        parts.append(ArticleRow.language.in_({f.language, f.language.lower(), f.language.upper()}))
    if f.outlet:
        folded = f.outlet.casefold()
        by_key = select(EntityRow.article_id).where(
            EntityRow.join_key.in_({f.outlet, folded}), EntityRow.type == "outlet"
        )
        parts.append(or_(func.lower(ArticleRow.outlet) == folded, ArticleRow.id.in_(by_key)))
    if f.place:
        parts.append(_naming(f.place, place_only=True))
    if f.entity:
        parts.append(_naming(f.entity, place_only=False))
    return and_(true(), *parts)


def _passing_stories(f: ArticleFilter) -> Any:
    return (
        select(StoryArticleRow.story_id)
        .join(ArticleRow, ArticleRow.id == StoryArticleRow.article_id)
        .where(article_condition(f))
    )


def story_list(
    connection: Connection, f: ArticleFilter, limit: int, offset: int
) -> tuple[list[StoryListRow], int]:
    """Stories with at least one article passing ``f`` (all when none is set), newest first, then
    the most reported, undated last; and how many there are in all."""
    counts = (
        select(
            StoryArticleRow.story_id.label("story_id"),
            func.count().label("n"),
            func.count(ArticleRow.outlet.distinct()).label("outlets"),
            func.count(ArticleRow.language.distinct()).label("languages"),
        )
        .join(ArticleRow, ArticleRow.id == StoryArticleRow.article_id)
        .group_by(StoryArticleRow.story_id)
        .subquery()
    )
    query = select(
        StoryRow.id,
        StoryRow.title,
        StoryRow.first_seen,
        StoryRow.last_updated,
        func.coalesce(counts.c.n, 0),
        func.coalesce(counts.c.outlets, 0),
        func.coalesce(counts.c.languages, 0),
    ).outerjoin(counts, counts.c.story_id == StoryRow.id)
    if f.active():
        # The stories passing are found once and counted here, not filtered twice in SQL.
        passing = set(connection.execute(_passing_stories(f)).scalars())
        if not passing:
            return [], 0
        query = query.where(StoryRow.id.in_(sorted(passing)))
        total = len(passing)
    else:
        total = int(connection.execute(select(func.count()).select_from(StoryRow)).scalar_one())
    query = (
        query.order_by(
            case((StoryRow.last_updated.is_(None), 1), else_=0),
            desc(StoryRow.last_updated),
            desc(func.coalesce(counts.c.n, 0)),
            StoryRow.id,
        )
        .limit(limit)
        .offset(offset)
    )
    return [StoryListRow(*row) for row in connection.execute(query)], total


def story_rows(connection: Connection, story_ids: Sequence[str]) -> dict[str, StoryListRow]:
    """The list rows of the given stories (those that exist)."""
    if not story_ids:
        return {}
    query = (
        select(
            StoryRow.id,
            StoryRow.title,
            StoryRow.first_seen,
            StoryRow.last_updated,
            func.count(StoryArticleRow.article_id),
            func.count(ArticleRow.outlet.distinct()),
            func.count(ArticleRow.language.distinct()),
        )
        .outerjoin(StoryArticleRow, StoryArticleRow.story_id == StoryRow.id)
        .outerjoin(ArticleRow, ArticleRow.id == StoryArticleRow.article_id)
        .where(StoryRow.id.in_(list(story_ids)))
        .group_by(StoryRow.id)
    )
    return {row[0]: StoryListRow(*row) for row in connection.execute(query)}


def story_members(connection: Connection, story_id: str) -> list[str]:
    """The story's article ids, oldest first (undated last)."""
    query = (
        select(ArticleRow.id)
        .join(StoryArticleRow, StoryArticleRow.article_id == ArticleRow.id)
        .where(StoryArticleRow.story_id == story_id)
        .order_by(case((ArticleRow.published.is_(None), 1), else_=0), ArticleRow.published, ArticleRow.id)
    )
    return list(connection.execute(query).scalars())


def stories_of(connection: Connection, article_ids: Sequence[str]) -> dict[str, str]:
    """Article id -> the id of its story."""
    if not article_ids:
        return {}
    rows = connection.execute(
        select(StoryArticleRow.article_id, StoryArticleRow.story_id).where(
            StoryArticleRow.article_id.in_(list(article_ids))
        )
    )
    return {row[0]: row[1] for row in rows}


def articles_data(connection: Connection, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Article id -> its stored JSON, for the ids that exist."""
    out: dict[str, dict[str, Any]] = {}
    wanted = list(dict.fromkeys(ids))
    for start in range(0, len(wanted), 500):
        rows = connection.execute(
            select(ArticleRow.id, ArticleRow.data).where(ArticleRow.id.in_(wanted[start : start + 500]))
        )
        out.update({row[0]: row[1] for row in rows})
    return out


def derivations_of(connection: Connection, story_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """Story id -> its derivations (``model.Derivation`` JSON) in the linker's order."""
    out: dict[str, list[dict[str, Any]]] = {sid: [] for sid in story_ids}
    if not story_ids:
        return out
    rows = connection.execute(
        select(DerivationRow.story_id, DerivationRow.data)
        .where(DerivationRow.story_id.in_(list(story_ids)))
        .order_by(DerivationRow.story_id, DerivationRow.position)
    )
    for row in rows:
        out[row[0]].append(row[1])
    return out


def has_story_claims(connection: Connection) -> bool:
    return connection.execute(select(StoryClaimRow.id).limit(1)).first() is not None


def story_claims(
    connection: Connection, f: ArticleFilter, story_id: str | None, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int]:
    """Story-level claims (``model.StoryClaim`` JSON) of stories with an article passing ``f`` (of
    one story when ``story_id``), newest story first, in the assessment's order; and the total."""
    condition: ColumnElement[bool] = true()
    if story_id is not None:
        condition = StoryClaimRow.story_id == story_id
    if f.active():
        passing = sorted(set(connection.execute(_passing_stories(f)).scalars()))
        condition = and_(condition, StoryClaimRow.story_id.in_(passing))
    # The page's ids first (a sort over narrow rows), then their JSON.
    ids = list(
        connection.execute(
            select(StoryClaimRow.id)
            .join(StoryRow, StoryRow.id == StoryClaimRow.story_id)
            .where(condition)
            .order_by(desc(StoryRow.last_updated), StoryClaimRow.story_id, StoryClaimRow.position)
            .limit(limit)
            .offset(offset)
        ).scalars()
    )
    rows = connection.execute(select(StoryClaimRow.id, StoryClaimRow.data).where(StoryClaimRow.id.in_(ids)))
    found: dict[str, dict[str, Any]] = {row[0]: row[1] for row in rows}
    total = select(func.count()).select_from(StoryClaimRow).where(condition)
    return [found[i] for i in ids if i in found], int(connection.execute(total).scalar_one())


def claim_counts(connection: Connection, dialect: str, f: ArticleFilter) -> list[tuple[str, int]]:
    """(article id, number of its own claims) of the articles passing ``f``, newest first: paging
    through per-article claims without reading every article."""
    length = (
        func.json_array_length(ArticleRow.data, "$.claims")
        if dialect == "sqlite"
        else func.json_array_length(ArticleRow.data.op("->")("claims"))
    )
    query = (
        select(ArticleRow.id, func.coalesce(length, 0))
        .where(article_condition(f))
        .order_by(desc(ArticleRow.published), ArticleRow.id)
    )
    return [(row[0], int(row[1])) for row in connection.execute(query)]


def entity_articles(
    connection: Connection, entity_id: str, limit: int
) -> tuple[list[tuple[str, str, str]], int]:
    """(article id, name, type) of the newest ``limit`` articles naming the entity whose join key
    is ``entity_id``, and how many articles name it in all."""
    condition = EntityRow.join_key == entity_id
    query = (
        select(EntityRow.article_id, EntityRow.name, EntityRow.type)
        .join(ArticleRow, ArticleRow.id == EntityRow.article_id)
        .where(condition)
        .order_by(desc(ArticleRow.published), EntityRow.article_id)
        .limit(limit)
    )
    seen: dict[str, tuple[str, str, str]] = {}
    for row in connection.execute(query):
        seen.setdefault(row[0], (row[0], row[1], row[2]))
    total = select(func.count(EntityRow.article_id.distinct())).where(condition)
    return list(seen.values()), int(connection.execute(total).scalar_one())


def entity_names(connection: Connection, entity_id: str) -> list[tuple[str, str, int]]:
    """(name, type, articles) of every name the entity is written as, the most used first."""
    query = (
        select(EntityRow.name, EntityRow.type, func.count(EntityRow.article_id.distinct()).label("n"))
        .where(EntityRow.join_key == entity_id)
        .group_by(EntityRow.name, EntityRow.type)
        .order_by(desc("n"), EntityRow.name)
    )
    return [(row[0], row[1], int(row[2])) for row in connection.execute(query)]


@dataclass(frozen=True)
class OutletCounts:
    """An outlet's record in numbers (``store_source`` says what each counts)."""

    claims: int
    confirmed: int
    contradicted: int
    unresolved: int
    stories: int


def outlet_counts(connection: Connection, dialect: str, names: Sequence[str]) -> OutletCounts:
    """Counts over the affirmed story-level claims one of whose origins is the outlet written as
    one of ``names``: aggregated in SQL over the stored JSON, where an origin reads
    ``"outlet": "NAME"`` (the store writes JSON with json.dumps's separators; ``outlet`` is a key
    of origins only)."""
    data = StoryClaimRow.data
    text_of = func.cast(data, Text())
    polarity: ColumnElement[Any]
    contradicted: ColumnElement[Any]
    if dialect == "sqlite":
        polarity = func.json_extract(data, "$.polarity")
        contradicted = func.json_array_length(data, "$.contradicted_by")
    else:
        polarity = data.op("->>")("polarity")
        contradicted = func.json_array_length(data.op("->")("contradicted_by"))
    patterns = [f'"outlet": {json.dumps(name, ensure_ascii=False)}' for name in dict.fromkeys(names)]
    if not patterns:
        return OutletCounts(0, 0, 0, 0, 0)
    confirmed = StoryClaimRow.independent_origins >= 2
    is_contradicted = contradicted > 0
    # instr/strpos: a plain substring test, much cheaper than LIKE over the JSON text.
    position = func.instr if dialect == "sqlite" else func.strpos
    row = connection.execute(
        select(
            func.count(),
            func.sum(case((confirmed, 1), else_=0)),
            func.sum(case((is_contradicted, 1), else_=0)),
            func.sum(case((~confirmed & ~is_contradicted, 1), else_=0)),
            func.count(StoryClaimRow.story_id.distinct()),
        ).where(
            func.coalesce(polarity, "affirmed") == "affirmed",
            or_(*(position(text_of, p) > 0 for p in patterns)),
        )
    ).one()
    return OutletCounts(*(int(value or 0) for value in row))


def stories_matching(
    connection: Connection, words: Sequence[str], limit: int, offset: int
) -> tuple[list[tuple[str, str | None]], int]:
    """(id, title) of the stories whose title contains every word, newest first; and the total."""
    condition = and_(true(), *(func.lower(StoryRow.title).contains(w.casefold()) for w in words))
    query = (
        select(StoryRow.id, StoryRow.title)
        .where(condition)
        .order_by(desc(StoryRow.last_updated), StoryRow.id)
        .limit(limit)
        .offset(offset)
    )
    total = select(func.count()).select_from(StoryRow).where(condition)
    return [(row[0], row[1]) for row in connection.execute(query)], int(
        connection.execute(total).scalar_one()
    )


ENTITY_ROWS = 50_000  # entity rows a name search reads at most


def entities_matching(
    connection: Connection, words: Sequence[str], limit: int, offset: int
) -> tuple[list[tuple[str, str, str, int]], int]:
    """(join key, a name, type, articles) of the entities one of whose names contains every word,
    the most mentioned first; and the total. The matching rows are read in one scan and grouped
    here (grouping in SQL walks the join-key index row by row, ten times slower on SQLite)."""
    condition = and_(
        EntityRow.join_key != "", *(func.lower(EntityRow.name).contains(w.casefold()) for w in words)
    )
    rows = connection.execute(
        select(EntityRow.join_key, EntityRow.name, EntityRow.type, EntityRow.article_id)
        .where(condition)
        .limit(ENTITY_ROWS)
    )
    groups: dict[str, tuple[str, str, set[str]]] = {}
    for key, name, kind, article_id in rows:
        group = groups.setdefault(key, (name, kind, set()))
        group[2].add(article_id)
    ordered = sorted(groups.items(), key=lambda item: (-len(item[1][2]), item[0]))
    found = [(key, name, kind, len(ids)) for key, (name, kind, ids) in ordered[offset : offset + limit]]
    return found, len(groups)


def story_members_of(connection: Connection, story_ids: Sequence[str]) -> dict[str, list[str]]:
    """Story id -> its article ids, oldest first (undated last), for several stories at once."""
    out: dict[str, list[str]] = {sid: [] for sid in story_ids}
    if not story_ids:
        return out
    query = (
        select(StoryArticleRow.story_id, ArticleRow.id)
        .join(StoryArticleRow, StoryArticleRow.article_id == ArticleRow.id)
        .where(StoryArticleRow.story_id.in_(list(story_ids)))
        .order_by(case((ArticleRow.published.is_(None), 1), else_=0), ArticleRow.published, ArticleRow.id)
    )
    for story_id, article_id in connection.execute(query):
        out[story_id].append(article_id)
    return out


def article_total(connection: Connection) -> int:
    return int(connection.execute(select(func.count()).select_from(ArticleRow)).scalar_one())


def search_count(connection: Connection, index: SearchIndex, query: str) -> int:
    """How many articles match ``query`` (the store's full-text syntax), without ranking them."""
    if index.dialect == "postgresql":
        found = connection.execute(
            text(
                "WITH q AS (SELECT websearch_to_tsquery('russian', :q) || "
                "websearch_to_tsquery('english', :q) || websearch_to_tsquery('simple', :q) AS query) "
                "SELECT count(*) FROM search_documents d, q WHERE d.terms @@ q.query"
            ),
            {"q": query},
        )
        return int(found.scalar_one())
    expression = fts5_expression(parse_query(query, index.reducer))
    if not expression:
        return 0
    found = connection.execute(
        text(f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q"), {"q": expression}
    )
    return int(found.scalar_one())


# -- across stories: the map and the timeline ----------------------------------------------------


@dataclass(frozen=True)
class PlaceRow:
    """A place named by the articles passing a filter: its join key, how many of those articles
    and of their stories name it, the stories naming it most (id, title, articles), and one
    article naming it (to read its coordinates from)."""

    key: str
    articles: int
    stories: int
    top_stories: list[tuple[str, str | None, int]]
    sample: str


def place_counts(
    connection: Connection, f: ArticleFilter, limit: int, per_place: int
) -> tuple[list[PlaceRow], int]:
    """The ``limit`` places named by the most articles passing ``f`` (articles in a story, as the
    linker leaves every stored article), each with its ``per_place`` stories naming it most, and
    how many places they name in all: one query, counted and ranked in SQL. Entities are grouped
    per (story, place) first; window functions then sum each place's articles, count its
    stories, rank its stories and rank the places."""
    # An expression, not the column: SQLite then scans the table once and groups in a temporary
    # tree, instead of walking the join-key index row by row (three times slower here).
    key = EntityRow.join_key.concat("")
    grouped = (
        select(
            key.label("key"),
            StoryArticleRow.story_id.label("story_id"),
            func.count(EntityRow.article_id.distinct()).label("n"),
            func.min(EntityRow.article_id).label("sample"),
        )
        .select_from(StoryArticleRow)
        .join(EntityRow, EntityRow.article_id == StoryArticleRow.article_id)
        .where(EntityRow.type == "place", EntityRow.join_key != "")
    )
    if f.active():
        grouped = grouped.where(EntityRow.article_id.in_(select(ArticleRow.id).where(article_condition(f))))
    g = grouped.group_by(StoryArticleRow.story_id, key).subquery()
    # One window (one sort): the whole partition for the sums, its order for the ranks.
    order = (desc(g.c.n), g.c.story_id)
    whole: dict[str, Any] = {"partition_by": g.c.key, "order_by": order, "rows": (None, None)}
    ranked = select(
        g,
        func.sum(g.c.n).over(**whole).label("articles"),
        func.count(g.c.story_id).over(**whole).label("stories"),
        func.min(g.c.sample).over(**whole).label("first"),
        func.row_number().over(partition_by=g.c.key, order_by=order).label("rank"),
    ).subquery()
    places = (
        select(
            ranked, func.dense_rank().over(order_by=(desc(ranked.c.articles), ranked.c.key)).label("place")
        )
        .where(ranked.c.rank <= per_place)
        .subquery()
    )
    counted = select(places, func.max(places.c.place).over().label("total")).subquery()
    query = (
        select(
            counted.c.key,
            counted.c.articles,
            counted.c.stories,
            counted.c.first,
            counted.c.story_id,
            StoryRow.title,
            counted.c.n,
            counted.c.total,
        )
        .outerjoin(StoryRow, StoryRow.id == counted.c.story_id)
        .where(counted.c.place <= limit)
        .order_by(counted.c.place, counted.c.rank)
    )
    found: dict[str, PlaceRow] = {}
    total = 0
    for k, articles, stories, first, story_id, title, n, places in connection.execute(query):
        total = int(places)
        row = found.setdefault(k, PlaceRow(k, int(articles), int(stories), [], first))
        if story_id is not None:
            row.top_stories.append((story_id, title, int(n)))
    return list(found.values()), total


def article_parts(
    connection: Connection, ids: Sequence[str], part: str
) -> dict[str, tuple[str | None, str | None, str | None, list[dict[str, Any]]]]:
    """Article id -> (published, outlet, title, one list of its JSON such as ``places`` or
    ``times``): only that list is read out of the stored document, not the whole of it."""
    out: dict[str, tuple[str | None, str | None, str | None, list[dict[str, Any]]]] = {}
    wanted = list(dict.fromkeys(ids))
    for start in range(0, len(wanted), 500):
        rows = connection.execute(
            select(
                ArticleRow.id,
                ArticleRow.published,
                ArticleRow.outlet,
                ArticleRow.title,
                ArticleRow.data[part],
            ).where(ArticleRow.id.in_(wanted[start : start + 500]))
        )
        out.update({row[0]: (row[1], row[2], row[3], list(row[4] or ())) for row in rows})
    return out


def members_passing(
    connection: Connection, f: ArticleFilter, story_ids: Sequence[str], per_story: int
) -> dict[str, tuple[list[str], int]]:
    """Story id -> (its oldest ``per_story`` articles passing ``f``, how many pass in all)."""
    out: dict[str, tuple[list[str], int]] = {sid: ([], 0) for sid in story_ids}
    if not story_ids:
        return out
    query = (
        select(StoryArticleRow.story_id, ArticleRow.id)
        .join(StoryArticleRow, StoryArticleRow.article_id == ArticleRow.id)
        .where(StoryArticleRow.story_id.in_(list(story_ids)), article_condition(f))
        .order_by(case((ArticleRow.published.is_(None), 1), else_=0), ArticleRow.published, ArticleRow.id)
    )
    for story_id, article_id in connection.execute(query):
        ids, n = out[story_id]
        if len(ids) < per_story:
            ids.append(article_id)
        out[story_id] = (ids, n + 1)
    return out
