"""``StoreSource``: the desk over the store (``wirewatch.store``), the same views as ``DocumentSource``.

Lists (stories, claims, search) are filtered, counted and paged in SQL (``store.reads``); a story,
article or entity page reads its own articles' JSON and builds its parts with ``story_parts``.
What the linker and the assessment wrote is used when the store has it: a story's derivation
graph from ``derivations``, its claims with grade, reasons and sources from ``story_claims``, an
outlet's record from the claims it originated. Until they are written, the graph is read from the
articles' own credits and citations (``desk.graph``) and claims are the articles' own, ungraded.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.exc import SQLAlchemyError

from wirewatch.desk import overview, story_parts
from wirewatch.desk.document import MAX_QUERY, _ref, article_view
from wirewatch.desk.errors import BadParameter, NotFound
from wirewatch.desk.graph import derivation_graph
from wirewatch.desk.views import (
    PIN_STORIES,
    TIMELINE_ARTICLES,
    ArticleRef,
    ArticleView,
    ClaimView,
    EntityView,
    Filters,
    GraphEdge,
    GraphNode,
    MapView,
    Page,
    PageRequest,
    SearchHit,
    StoryLink,
    StorySummary,
    StoryView,
    TimelineView,
    WatchlistView,
    article_link,
    check_map_limit,
    check_timeline_page,
    entity_link,
    sentence_link,
    story_link,
)
from wirewatch.join_keys import place_join_key
from wirewatch.model import AnnotatedArticle, Derivation, DerivationDirection, StoryClaim
from wirewatch.run import Pipeline
from wirewatch.settings import Settings
from wirewatch.store import Store, StoreError, reads, watchlists
from wirewatch.store.schema import ArticleRow, DerivationRow

ENTITY_ARTICLES = 25  # newest articles an entity page reads and shows (their quotes and claims too)
MAX_ID = 512  # the widest id column (entities.join_key)


def _checked(kind: str, ident: str) -> str:
    """``ident`` when a stored id could be it; NotFound at once for what no row can hold (a NUL,
    which PostgreSQL refuses in text, or beyond the widest id column)."""
    if "\x00" in ident or len(ident) > MAX_ID:
        raise NotFound(kind, ident[:80])
    return ident


def _filter(filters: Filters) -> reads.ArticleFilter:
    return reads.ArticleFilter(
        since=filters.since,
        until=filters.until,
        place=filters.place,
        entity=filters.entity,
        language=filters.language,
        outlet=filters.outlet,
    )


def _label(doc: AnnotatedArticle) -> str:
    return f"{doc.article.outlet or 'unknown outlet'} ({(doc.article.published or 'undated')[:10]})"


def stored_graph(
    docs: Sequence[AnnotatedArticle], derivations: Sequence[Derivation]
) -> tuple[list[GraphNode], list[GraphEdge]]:
    """The derivation graph the linker stored: an edge from each source (an article of the story,
    else the outlet named) to the article that derives from it; undecided pairs draw no edge."""
    members = {doc.article.id for doc in docs}
    edges: list[GraphEdge] = []
    outlets: dict[str, str] = {}
    for d in derivations:
        if d.direction == DerivationDirection.UNDECIDED or d.article not in members:
            continue
        source = d.derived_from.article if d.derived_from.article in members else None
        if source is None:
            if not d.derived_from.outlet:
                continue
            source = f"outlet:{d.derived_from.outlet}"
            outlets.setdefault(source, d.derived_from.outlet)
        evidence = next((e.text for e in d.evidence if e.text), None) or (d.reasons[0] if d.reasons else None)
        edges.append(GraphEdge(source=source, target=d.article, kind=str(d.kind), evidence=evidence))
    derived = {edge.target for edge in edges}
    nodes = [
        GraphNode(id=doc.article.id, label=_label(doc), kind="article", origin=doc.article.id not in derived)
        for doc in docs
    ]
    nodes += [GraphNode(id=key, label=name, kind="outlet", origin=True) for key, name in outlets.items()]
    return nodes, edges


def _origins_count(members: Sequence[str], derivations: Sequence[dict[str, Any]]) -> int:
    """Independent origins from stored derivations alone (no article read): the members deriving
    from nothing, and the outlets named as sources with no article in the story."""
    member_set = set(members)
    derived: set[str] = set()
    outlets: set[str] = set()
    for data in derivations:
        source = data.get("derived_from") or {}
        if (
            data.get("direction") == str(DerivationDirection.UNDECIDED)
            or data.get("article") not in member_set
        ):
            continue
        if source.get("article") in member_set:
            derived.add(str(data["article"]))
        elif source.get("outlet"):
            derived.add(str(data["article"]))
            outlets.add(str(source["outlet"]))
    return len(member_set - derived) + len(outlets)


class StoreSource:
    """Desk source over an open ``Store``; ``settings`` are what ingest from the app analyses with."""

    def __init__(
        self, store: Store, settings: Settings | None = None, pipeline: Pipeline | None = None
    ) -> None:
        self.store = store
        self.settings = settings or Settings()
        # The pipeline ingest analyses with in this process; None: built from ``settings``.
        self.pipeline = pipeline

    @property
    def writable(self) -> bool:
        return True

    def _connect(self) -> Any:
        return self.store.engine.connect()

    def _linked(self, connection: Connection) -> bool:
        """Whether the linker has written derivations into this store."""
        return connection.execute(select(DerivationRow.story_id).limit(1)).first() is not None

    # -- stories ---------------------------------------------------------------------------------

    def stories(self, filters: Filters, page: PageRequest) -> Page[StorySummary]:
        with self._connect() as connection:
            rows, total = reads.story_list(connection, _filter(filters), page.limit, page.offset)
            summaries = self._summaries(connection, rows)
        return Page(items=summaries, total=total, limit=page.limit, offset=page.offset)

    def _summaries(self, connection: Connection, rows: Sequence[reads.StoryListRow]) -> list[StorySummary]:
        ids = [row.id for row in rows]
        members = reads.story_members_of(connection, ids)
        origins: dict[str, int] = {}
        if self._linked(connection):
            stored = reads.derivations_of(connection, ids)
            origins = {sid: _origins_count(members[sid], stored[sid]) for sid in ids}
        else:
            data = reads.articles_data(connection, [a for sid in ids for a in members[sid]])
            for sid in ids:
                docs = [AnnotatedArticle.from_dict(data[a]) for a in members[sid] if a in data]
                origins[sid] = sum(node.origin for node in derivation_graph(docs)[0])
        meta = self._outlets_languages(connection, [a for sid in ids for a in members[sid]])
        out = []
        for row in rows:
            known = [meta[a] for a in members[row.id] if a in meta]
            outlets = sorted({outlet for outlet, _ in known if outlet})
            languages = sorted({language for _, language in known if language})
            out.append(
                StorySummary(
                    id=row.id,
                    title=row.title or "Untitled story",
                    first_seen=row.first_seen,
                    last_updated=row.last_updated,
                    articles=row.articles,
                    outlets=row.outlets,
                    languages=row.languages,
                    independent_origins=origins.get(row.id, 0),
                    outlet_names=outlets,
                    language_codes=languages,
                )
            )
        return out

    @staticmethod
    def _outlets_languages(
        connection: Connection, ids: Sequence[str]
    ) -> dict[str, tuple[str | None, str | None]]:
        out: dict[str, tuple[str | None, str | None]] = {}
        wanted = list(dict.fromkeys(ids))
        for start in range(0, len(wanted), 500):
            rows = connection.execute(
                select(ArticleRow.id, ArticleRow.outlet, ArticleRow.language).where(
                    ArticleRow.id.in_(wanted[start : start + 500])
                )
            )
            out.update({row[0]: (row[1], row[2]) for row in rows})
        return out

    def _story_docs(self, connection: Connection, story_id: str) -> list[AnnotatedArticle]:
        members = reads.story_members(connection, story_id)
        data = reads.articles_data(connection, members)
        return [AnnotatedArticle.from_dict(data[a]) for a in members if a in data]

    def story(self, story_id: str) -> StoryView:
        _checked("story", story_id)
        with self._connect() as connection:
            rows = reads.story_rows(connection, [story_id])
            if story_id not in rows:
                raise NotFound("story", story_id)
            docs = self._story_docs(connection, story_id)
            summary = self._summaries(connection, [rows[story_id]])[0]
            nodes, edges = self._graph(connection, story_id, docs)
            stored_claims = reads.story_claims(connection, reads.ArticleFilter(), story_id, 10_000, 0)[0]
        labels = {node.id: node.label for node in nodes}
        derived: dict[str, list[str]] = defaultdict(list)
        for edge in edges:
            derived[edge.target].append(labels.get(edge.source, edge.source))
        by_id = {doc.article.id: doc for doc in docs}
        claims = (
            [self._claim_view(StoryClaim.from_dict(c), by_id) for c in stored_claims]
            if stored_claims
            else [claim for doc in docs for claim in story_parts.claims(doc)]
        )
        return StoryView(
            summary=summary,
            articles=[_ref(doc, derived[doc.article.id]) for doc in docs],
            nodes=nodes,
            edges=edges,
            claims=claims,
            speakers=story_parts.speakers(docs),
            places=story_parts.places(docs),
            timeline=story_parts.timeline(docs),
            comments=story_parts.comments(docs),
        )

    def story_document(self, story_id: str) -> dict[str, Any]:
        """The story's analyze JSON document (docs/schema.md), the one ``export --db`` and ``brief
        --db`` read (``store.documents.store_document``): what the brief button renders."""
        from wirewatch.store.documents import store_document

        _checked("story", story_id)
        try:
            return store_document(self.store, story_id)
        except KeyError:
            raise NotFound("story", story_id) from None

    def _graph(
        self, connection: Connection, story_id: str, docs: Sequence[AnnotatedArticle]
    ) -> tuple[list[GraphNode], list[GraphEdge]]:
        if self._linked(connection):
            stored = reads.derivations_of(connection, [story_id])[story_id]
            return stored_graph(docs, [Derivation.from_dict(d) for d in stored])
        return derivation_graph(docs)

    @staticmethod
    def _claim_view(claim: StoryClaim, by_id: dict[str, AnnotatedArticle]) -> ClaimView:
        """A story-level claim as the desk shows it: located at its first member's sentence."""
        article_id = (
            claim.members[0].article if claim.members else (claim.reported_by[0] if claim.reported_by else "")
        )
        doc = by_id.get(article_id)
        own = None
        if doc is not None and claim.members:
            own = next((c for c in doc.claims if c.id == claim.members[0].claim), None)
        evidence = [e.to_dict() for e in own.evidence] if own is not None else []
        first = own.evidence[0] if own is not None and own.evidence else None
        link = sentence_link(article_id, first.start, first.end) if first else article_link(article_id)
        return ClaimView(
            id=claim.id,
            article_id=article_id,
            text=claim.text,
            subject=claim.subject,
            predicate=claim.predicate or (own.predicate if own else ""),
            object=own.object if own else None,
            polarity=str(claim.polarity),
            modality=None if own is None or own.modality is None else str(own.modality),
            sourcing=str(claim.sourcing),
            attributed_to=own.attributed_to if own else None,
            place=own.place if own else None,
            time=own.time if own else None,
            outlet=doc.article.outlet if doc else None,
            published=doc.article.published if doc else None,
            link=link,
            evidence=evidence,
            grade=f"{claim.grade.reliability}{claim.grade.credibility}",
            reasons=[r.text for r in claim.reasons],
            sources=list(claim.reported_by),
        )

    # -- across stories: the map and the timeline -------------------------------------------------

    def places(self, filters: Filters, limit: int) -> MapView:
        """Places counted and ranked in SQL; coordinates read from one article naming each
        (only its ``places`` list, not the whole document)."""
        check_map_limit(limit)
        f = _filter(filters)
        with self._connect() as connection:
            rows, total = reads.place_counts(connection, f, limit, PIN_STORIES)
            samples = reads.article_parts(connection, [r.sample for r in rows], "places")
        counts = []
        for row in rows:
            place = next(
                (
                    p
                    for p in samples.get(row.sample, (None, None, None, []))[3]
                    if place_join_key(p.get("geonameid"), p.get("lat"), p.get("lon"), p.get("name") or "")
                    == row.key
                ),
                {},
            )
            counts.append(
                overview.PlaceCount(
                    id=row.key,
                    name=place.get("name") or row.key,
                    lat=place.get("lat"),
                    lon=place.get("lon"),
                    country=place.get("country"),
                    articles=row.articles,
                    stories=row.stories,
                    top_stories=[(sid, title or sid, n) for sid, title, n in row.top_stories],
                )
            )
        pins, unlocated = overview.pins(counts)
        return MapView(pins=pins, places=total, limit=limit, truncated=total > len(rows), unlocated=unlocated)

    def timeline(self, filters: Filters, page: PageRequest) -> TimelineView:
        """The stories list's page, each story's oldest passing articles read for their dates
        and resolved times only (their ``times`` lists, not the whole documents)."""
        check_timeline_page(page)
        f = _filter(filters)
        with self._connect() as connection:
            rows, total = reads.story_list(connection, f, page.limit, page.offset)
            members = reads.members_passing(connection, f, [r.id for r in rows], TIMELINE_ARTICLES)
            parts = reads.article_parts(connection, [a for ids, _ in members.values() for a in ids], "times")
        lanes = []
        for row in rows:
            ids, passing = members[row.id]
            entries = []
            for aid in ids:
                published, outlet, title, times = parts.get(aid, (None, None, None, []))
                if published:
                    entries.append(overview.report_entry(aid, published, outlet, title))
                entries += overview.event_entries(aid, times)
            link = StoryLink(
                id=row.id, title=row.title or "Untitled story", articles=passing, link=story_link(row.id)
            )
            lanes.append(overview.lane(link, row.first_seen, row.last_updated, len(ids), entries))
        return TimelineView(stories=lanes, total=total, limit=page.limit, offset=page.offset)

    # -- articles, claims, entities --------------------------------------------------------------

    def article(self, article_id: str) -> ArticleView:
        _checked("article", article_id)
        doc = self.store.get_article(article_id)
        if doc is None:
            raise NotFound("article", article_id)
        derived: list[str] = []
        with self._connect() as connection:
            story_id = reads.stories_of(connection, [article_id]).get(article_id)
            if story_id is not None:
                # Only the story's graph is needed here, not its whole view.
                nodes, edges = self._graph(connection, story_id, self._story_docs(connection, story_id))
                labels = {node.id: node.label for node in nodes}
                derived = [labels.get(e.source, e.source) for e in edges if e.target == article_id]
        return article_view(doc, story_id, derived)

    def claims(self, filters: Filters, page: PageRequest, story_id: str | None = None) -> Page[ClaimView]:
        f = _filter(filters)
        if story_id is not None:
            _checked("story", story_id)
        with self._connect() as connection:
            if story_id is not None and not reads.story_rows(connection, [story_id]):
                raise NotFound("story", story_id)
            if reads.has_story_claims(connection):
                rows, total = reads.story_claims(connection, f, story_id, page.limit, page.offset)
                claims = [StoryClaim.from_dict(row) for row in rows]
                wanted = [c.members[0].article for c in claims if c.members]
                data = reads.articles_data(connection, wanted)
                by_id = {aid: AnnotatedArticle.from_dict(d) for aid, d in data.items()}
                items = [self._claim_view(c, by_id) for c in claims]
                return Page(items=items, total=total, limit=page.limit, offset=page.offset)
            if story_id is not None:
                docs = self._story_docs(connection, story_id)
                passing = (
                    {a for a, _ in reads.claim_counts(connection, self.store.dialect, f)}
                    if f.active()
                    else None
                )
                found = [
                    c
                    for d in docs
                    if passing is None or d.article.id in passing
                    for c in story_parts.claims(d)
                ]
                return page.slice(found)
            return self._article_claims(connection, f, page)

    def _article_claims(
        self, connection: Connection, f: reads.ArticleFilter, page: PageRequest
    ) -> Page[ClaimView]:
        """Per-article claims (no assessment stored): counted per article in SQL, and only the
        articles that hold the page read."""
        counts = reads.claim_counts(connection, self.store.dialect, f)
        total = sum(n for _, n in counts)
        wanted: list[tuple[str, int, int]] = []  # article, first claim index needed, last (exclusive)
        at = 0
        for article_id, n in counts:
            start, end = max(page.offset - at, 0), min(page.offset + page.limit - at, n)
            if start < end:
                wanted.append((article_id, start, end))
            at += n
            if at >= page.offset + page.limit:
                break
        data = reads.articles_data(connection, [w[0] for w in wanted])
        items: list[ClaimView] = []
        for article_id, start, end in wanted:
            items.extend(story_parts.claims(AnnotatedArticle.from_dict(data[article_id]))[start:end])
        return Page(items=items, total=total, limit=page.limit, offset=page.offset)

    def entity(self, entity_id: str) -> EntityView:
        _checked("entity", entity_id)
        with self._connect() as connection:
            names = reads.entity_names(connection, entity_id)
            if not names:
                raise NotFound("entity", entity_id)
            found, _total = reads.entity_articles(connection, entity_id, ENTITY_ARTICLES)
            data = reads.articles_data(connection, [a for a, _, _ in found])
            docs = [AnnotatedArticle.from_dict(data[a]) for a, _, _ in found if a in data]
            story_of = reads.stories_of(connection, [d.article.id for d in docs])
            story_ids = list(dict.fromkeys(story_of[d.article.id] for d in docs if d.article.id in story_of))
            summaries = self._summaries(connection, list(reads.story_rows(connection, story_ids).values()))
            kind = names[0][1]
            record = self._record(connection, [n for n, _, _ in names]) if kind == "outlet" else None
        aliases = sorted({n for n, _, _ in names})
        return EntityView(
            id=entity_id,
            name=names[0][0],
            type=kind,
            aliases=aliases,
            articles=[_ref(doc, []) for doc in docs],
            stories=sorted(summaries, key=lambda s: s.last_updated or "", reverse=True),
            quotes=[q for doc in docs for q in story_parts.quotes_of(doc, entity_id)],
            claims=[c for doc in docs for c in story_parts.claims(doc, about=entity_id)],
            record=record,
        )

    def _record(self, connection: Connection, names: Sequence[str]) -> dict[str, Any] | None:
        """An outlet's record over the assessed facts it originated: how many were later
        independently confirmed (two or more independent origins), contradicted, or neither
        (the counting of ``assess.grading.outlet_record``, whose counts feed its reliability
        grade). Denials and negations are not facts it reported and are left out."""
        counts = reads.outlet_counts(connection, self.store.dialect, names)
        return dataclasses.asdict(counts) if counts.claims else None

    # -- search ----------------------------------------------------------------------------------

    def search(self, query: str, page: PageRequest) -> Page[SearchHit]:
        words = query.casefold().split()
        if "\x00" in query:
            raise BadParameter("q", "a NUL character cannot be searched for")
        if not words:
            raise BadParameter("q", "give at least one word to search for")
        if len(query) > MAX_QUERY:
            raise BadParameter("q", f"at most {MAX_QUERY} characters, got {len(query)}")
        # Stories by title, then entities by name, then articles by full-text search, paged as one list.
        hits: list[SearchHit] = []
        with self._connect() as connection:
            stories, n_stories = reads.stories_matching(connection, words, page.limit, page.offset)
            hits += [
                SearchHit(kind="story", id=sid, title=title or sid, snippet="story", link=f"/stories/{sid}")
                for sid, title in stories
            ]
            at = max(page.offset - n_stories, 0)
            entities, n_entities = reads.entities_matching(connection, words, page.limit, at)
            if len(hits) < page.limit:
                hits += [
                    SearchHit(
                        kind="entity",
                        id=key,
                        title=name,
                        snippet=f"{kind} in {n} article(s)",
                        link=entity_link(key),
                    )
                    for key, name, kind, n in entities
                ][: page.limit - len(hits)]
            try:
                n_articles = reads.search_count(connection, self.store.index, query)
            except SQLAlchemyError as exc:  # a query the back end cannot parse is bad input
                raise BadParameter("q", f"cannot search for {query!r}: {str(exc).splitlines()[0]}") from exc
        if len(hits) < page.limit:
            offset = max(page.offset - n_stories - n_entities, 0)
            try:
                found = self.store.search(query, limit=page.limit - len(hits), offset=offset)
            except (StoreError, ValueError) as exc:
                raise BadParameter("q", str(exc)) from exc
            hits += [
                SearchHit(
                    kind="article", id=h.id, title=h.title or h.id, snippet=h.snippet, link=article_link(h.id)
                )
                for h in found
            ]
        return Page(
            items=hits, total=n_stories + n_entities + n_articles, limit=page.limit, offset=page.offset
        )

    # -- watchlists ------------------------------------------------------------------------------

    def _watchlist_view(self, found: watchlists.Watchlist, limit: int) -> WatchlistView:
        new, total = watchlists.new_articles(self.store, found, limit)
        return WatchlistView(
            id=found.id,
            name=found.name,
            entity=found.entity,
            place=found.place,
            keyword=found.keyword,
            created_at=found.created_at.isoformat(),
            last_seen_at=found.last_seen_at.isoformat(),
            new=total,
            articles=[
                ArticleRef(
                    id=a.id,
                    title=a.title,
                    outlet=a.outlet,
                    published=a.published,
                    language=None,
                    translated_from=None,
                    original_outlet=None,
                )
                for a in new
            ],
            link=f"/watchlists/{found.id}",
        )

    def watchlists(self) -> list[WatchlistView]:
        """Every watchlist with its count of new articles (the list shows no articles)."""
        return [self._watchlist_view(w, 1) for w in watchlists.all_watchlists(self.store)]

    def watchlist(self, watchlist_id: int, limit: int = 50) -> WatchlistView:
        found = watchlists.get(self.store, watchlist_id)
        if found is None:
            raise NotFound("watchlist", str(watchlist_id))
        return self._watchlist_view(found, limit)

    def add_watchlist(
        self, name: str | None, entity: str | None, place: str | None, keyword: str | None
    ) -> WatchlistView:
        try:
            found = watchlists.create(self.store, name, entity=entity, place=place, keyword=keyword)
        except watchlists.WatchlistError as exc:
            raise BadParameter("watchlist", str(exc)) from exc
        return self._watchlist_view(found, 50)

    def mark_watchlist_seen(self, watchlist_id: int) -> WatchlistView:
        if not watchlists.mark_seen(self.store, watchlist_id):
            raise NotFound("watchlist", str(watchlist_id))
        return self.watchlist(watchlist_id)

    def remove_watchlist(self, watchlist_id: int) -> None:
        if not watchlists.remove(self.store, watchlist_id):
            raise NotFound("watchlist", str(watchlist_id))

    # -- writing ---------------------------------------------------------------------------------

    def ingest(self, paths: Sequence[str | Path]) -> dict[str, Any]:
        """Analyse and store ``paths`` (``store.ingest.ingest_paths``, linking included); bad
        inputs are lines of ``errors``, never raised."""
        from wirewatch.store.ingest import ingest_paths

        if self.pipeline is not None:
            report = ingest_paths(self.store, paths, self.settings, link=True, pipeline=self.pipeline)
        else:
            report = ingest_paths(self.store, paths, self.settings, link=True)
        return {
            "counts": dict(report.counts),
            "errors": list(report.errors),
            "warnings": list(report.warnings),
        }
