"""``DocumentSource``: the desk over one ``wirewatch analyze`` JSON document held in memory.

Until the store holds stories, derivations and assessed claims, they are read from the document:
its ``stories`` key when it has one (``[{"id", "title"?, "articles": [ids]}]``), else one story
of all its articles; claims are the articles' own claims, with no grade. Everything is indexed
once at construction; views are built on demand and kept (the document does not change).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from wirewatch.desk import overview, story_parts
from wirewatch.desk import views as views_limits
from wirewatch.desk.errors import BadParameter, NotFound
from wirewatch.desk.graph import derivation_graph, outlet_key
from wirewatch.desk.views import (
    ArticleRef,
    ArticleView,
    ClaimView,
    EntityRef,
    EntityView,
    Filters,
    MapView,
    Page,
    PageRequest,
    SearchHit,
    Segment,
    StoryLink,
    StorySummary,
    StoryView,
    TimelineView,
    article_link,
    check_map_limit,
    check_timeline_page,
    entity_link,
    sentence_link,
    story_link,
)
from wirewatch.join_keys import place_join_key
from wirewatch.model import AnnotatedArticle

ALL_STORY = "all"  # the id of the one story a document without stories is read as
MAX_QUERY = 500  # characters of a search query


class DocumentSource:
    """Read-only desk source over an analyze JSON document (``docs/schema.md``)."""

    def __init__(self, document: dict[str, Any]) -> None:
        articles = [AnnotatedArticle.from_dict(a) for a in document.get("articles") or ()]
        self._articles = {doc.article.id: doc for doc in articles}
        self._stories = _stories(document, articles)
        self._story_of = {aid: sid for sid, (_, ids) in self._stories.items() for aid in ids}
        self._views: dict[str, StoryView] = {}
        self._document = document

    @classmethod
    def from_path(cls, path: str | Path) -> DocumentSource:
        """Read a saved analyze output; raises ``ValueError`` when it is not one."""
        with open(path, encoding="utf-8") as stream:
            document = json.load(stream)
        if not isinstance(document, dict) or not isinstance(document.get("articles"), list):
            raise ValueError(
                f"{path}: not a wirewatch analyze JSON document (no 'articles' list); "
                "make one with: wirewatch analyze PATH -o FILE"
            )
        return cls(document)

    @property
    def writable(self) -> bool:
        return False

    # -- stories ---------------------------------------------------------------------------------

    def stories(self, filters: Filters, page: PageRequest) -> Page[StorySummary]:
        passing = {aid for aid, doc in self._articles.items() if _passes(doc, filters)}
        found = [
            self._summary(sid)
            for sid, (_, ids) in self._stories.items()
            if not filters.active() or passing.intersection(ids)
        ]
        # Newest first, then the most reported; undated stories last.
        found.sort(key=lambda s: (s.last_updated or "", s.articles), reverse=True)
        return page.slice(found)

    def story(self, story_id: str) -> StoryView:
        if story_id not in self._stories:
            raise NotFound("story", story_id)
        if story_id not in self._views:
            docs = self._docs(self._stories[story_id][1])
            nodes, edges = derivation_graph(docs)
            labels = {node.id: node.label for node in nodes}
            derived: dict[str, list[str]] = defaultdict(list)
            for edge in edges:
                derived[edge.target].append(labels[edge.source])
            self._views[story_id] = StoryView(
                summary=self._summary(story_id),
                articles=[_ref(doc, derived[doc.article.id]) for doc in docs],
                nodes=nodes,
                edges=edges,
                claims=[claim for doc in docs for claim in story_parts.claims(doc)],
                speakers=story_parts.speakers(docs),
                places=story_parts.places(docs),
                timeline=story_parts.timeline(docs),
                comments=story_parts.comments(docs),
            )
        return self._views[story_id]

    def _summary(self, story_id: str) -> StorySummary:
        title, ids = self._stories[story_id]
        docs = self._docs(ids)
        dates = sorted(d.article.published for d in docs if d.article.published)
        nodes, _ = derivation_graph(docs)
        outlets = sorted({d.article.outlet for d in docs if d.article.outlet})
        languages = sorted({d.article.language for d in docs if d.article.language})
        return StorySummary(
            id=story_id,
            title=title,
            first_seen=dates[0] if dates else None,
            last_updated=dates[-1] if dates else None,
            articles=len(docs),
            outlets=len(outlets),
            languages=len(languages),
            independent_origins=sum(node.origin for node in nodes),
            outlet_names=outlets,
            language_codes=languages,
        )

    def story_document(self, story_id: str) -> dict[str, Any]:
        """The analyze document the exports and the brief read (``present.analysis``): this one."""
        if story_id not in self._stories:
            raise NotFound("story", story_id)
        return self._document

    # -- across stories: the map and the timeline -------------------------------------------------

    def places(self, filters: Filters, limit: int) -> MapView:
        check_map_limit(limit)
        found: dict[str, overview.PlaceCount] = {}
        stories: dict[str, dict[str, int]] = defaultdict(dict)
        for aid, doc in self._articles.items():
            if not _passes(doc, filters):
                continue
            story_id = self._story_of.get(aid)
            # Places the gazetteer resolved (with coordinates), and place names it did not.
            named: dict[str, tuple[str, float | None, float | None, str | None]] = {
                e.join_key: (e.name, None, None, None)
                for e in doc.entities
                if str(e.type) == "place" and e.join_key
            }
            for p in doc.places:
                named[place_join_key(p.geonameid, p.lat, p.lon, p.name)] = (p.name, p.lat, p.lon, p.country)
            for key, (name, lat, lon, country) in named.items():
                count = found.setdefault(key, overview.PlaceCount(key, name, lat, lon, country, 0, 0))
                count.articles += 1
                if story_id is not None:
                    stories[key][story_id] = stories[key].get(story_id, 0) + 1
        ranked = sorted(found.values(), key=lambda p: (-p.articles, p.id))
        for count in ranked[:limit]:
            per_story = sorted(stories[count.id].items(), key=lambda item: (-item[1], item[0]))
            count.stories = len(per_story)
            count.top_stories = [(sid, self._stories[sid][0], n) for sid, n in per_story]
        pins, unlocated = overview.pins(ranked[:limit])
        return MapView(
            pins=pins, places=len(ranked), limit=limit, truncated=len(ranked) > limit, unlocated=unlocated
        )

    def timeline(self, filters: Filters, page: PageRequest) -> TimelineView:
        check_timeline_page(page)
        listed = self.stories(filters, page)
        lanes = []
        for summary in listed.items:
            docs = [d for d in self._docs(self._stories[summary.id][1]) if _passes(d, filters)]
            docs = sorted(docs, key=lambda d: (d.article.published is None, d.article.published or ""))
            read = docs[: views_limits.TIMELINE_ARTICLES]
            entries = []
            for doc in read:
                a = doc.article
                if a.published:
                    entries.append(overview.report_entry(a.id, a.published, a.outlet, a.title))
                entries += overview.event_entries(a.id, [t.to_dict() for t in doc.times])
            link = StoryLink(
                id=summary.id, title=summary.title, articles=len(docs), link=story_link(summary.id)
            )
            lanes.append(overview.lane(link, summary.first_seen, summary.last_updated, len(read), entries))
        return TimelineView(stories=lanes, total=listed.total, limit=page.limit, offset=page.offset)

    # -- articles, claims, entities --------------------------------------------------------------

    def article(self, article_id: str) -> ArticleView:
        doc = self._articles.get(article_id)
        if doc is None:
            raise NotFound("article", article_id)
        story_id = self._story_of.get(article_id)
        derived = []
        if story_id is not None:
            derived = next(r.derived_from for r in self.story(story_id).articles if r.id == article_id)
        return article_view(doc, story_id, derived)

    def claims(self, filters: Filters, page: PageRequest, story_id: str | None = None) -> Page[ClaimView]:
        if story_id is not None and story_id not in self._stories:
            raise NotFound("story", story_id)
        ids = self._stories[story_id][1] if story_id is not None else list(self._articles)
        docs = [d for d in self._docs(ids) if _passes(d, filters)]
        return page.slice([claim for doc in docs for claim in story_parts.claims(doc)])

    def entity(self, entity_id: str) -> EntityView:
        found = self._entity_index.get(entity_id)
        if not found:
            raise NotFound("entity", entity_id)
        names = Counter(name for _, name, _, _ in found)
        aliases = sorted({a for _, name, _, more in found for a in (name, *more)})
        article_ids = list(dict.fromkeys(aid for aid, _, _, _ in found))
        docs = self._docs(article_ids)
        story_ids = list(dict.fromkeys(self._story_of[a] for a in article_ids if a in self._story_of))
        return EntityView(
            id=entity_id,
            name=names.most_common(1)[0][0],
            type=found[0][2],
            aliases=aliases,
            articles=[_ref(doc, []) for doc in docs],
            stories=[self._summary(sid) for sid in story_ids],
            quotes=[q for doc in docs for q in story_parts.quotes_of(doc, entity_id)],
            claims=[c for doc in docs for c in story_parts.claims(doc, about=entity_id)],
        )

    @cached_property
    def _entity_index(self) -> dict[str, list[tuple[str, str, str, tuple[str, ...]]]]:
        """Join key -> (article id, name, type, aliases) for every entity and resolved place."""
        index: dict[str, list[tuple[str, str, str, tuple[str, ...]]]] = defaultdict(list)
        for aid, doc in self._articles.items():
            keys = set()
            for entity in doc.entities:
                if entity.join_key:
                    index[entity.join_key].append((aid, entity.name, str(entity.type), entity.aliases))
                    keys.add(entity.join_key)
            for place in doc.places:
                key = place_join_key(place.geonameid, place.lat, place.lon, place.name)
                if key not in keys:
                    index[key].append((aid, place.name, "place", ()))
                    keys.add(key)
        return dict(index)

    # -- search ----------------------------------------------------------------------------------

    def search(self, query: str, page: PageRequest) -> Page[SearchHit]:
        words = query.casefold().split()
        if not words:
            raise BadParameter("q", "give at least one word to search for")
        if len(query) > MAX_QUERY:
            raise BadParameter("q", f"at most {MAX_QUERY} characters, got {len(query)}")
        hits = [
            SearchHit(
                kind="story", id=sid, title=title, snippet=f"{len(ids)} article(s)", link=f"/stories/{sid}"
            )
            for sid, (title, ids) in self._stories.items()
            if _has_all(title, words)
        ]
        for key, found in self._entity_index.items():
            names = {n for _, n, _, more in found for n in (n, *more)}
            if any(_has_all(n, words) for n in names):
                hits.append(
                    SearchHit(
                        kind="entity",
                        id=key,
                        title=found[0][1],
                        snippet=f"{found[0][2]} in {len({a for a, *_ in found})} article(s)",
                        link=entity_link(key),
                    )
                )
        for doc in self._articles.values():
            hit = _article_hit(doc, words)
            if hit is not None:
                hits.append(hit)
        return page.slice(hits)

    def _docs(self, ids: Iterable[str]) -> list[AnnotatedArticle]:
        return [self._articles[aid] for aid in ids if aid in self._articles]


def _stories(document: dict[str, Any], articles: list[AnnotatedArticle]) -> dict[str, tuple[str, list[str]]]:
    """Story id -> (title, article ids), from the document's ``stories`` or one story of all."""
    given = document.get("stories")
    if isinstance(given, list) and given:
        out: dict[str, tuple[str, list[str]]] = {}
        for index, story in enumerate(given):
            ids = [str(a) for a in story.get("articles") or ()]
            sid = str(story.get("id") or f"s{index + 1}")
            out[sid] = (str(story.get("title") or _title([a for a in articles if a.article.id in ids])), ids)
        return out
    return {ALL_STORY: (_title(articles), [doc.article.id for doc in articles])}


def _title(docs: list[AnnotatedArticle]) -> str:
    """A story's title when none is given: its earliest dated article's title."""
    dated = sorted(docs, key=lambda d: d.article.published or "9999")
    return next((d.article.title for d in dated if d.article.title), "Untitled story")


def article_view(doc: AnnotatedArticle, story_id: str | None, derived: list[str]) -> ArticleView:
    """One article's page: its text in segments, comments, claims, quotes and entities (one per
    corpus-wide join key), whichever source holds it."""
    seen: dict[str, EntityRef] = {}
    for entity in doc.entities:
        if entity.join_key and entity.join_key not in seen:
            seen[entity.join_key] = EntityRef(
                id=entity.join_key,
                name=entity.name,
                type=str(entity.type),
                link=entity_link(entity.join_key),
            )
    return ArticleView(
        ref=_ref(doc, derived),
        story_id=story_id,
        url=_safe_url(doc.article.url),
        byline=doc.article.byline,
        subtitle=doc.article.subtitle,
        segments=_segments(doc),
        comments=story_parts.comments([doc]),
        claims=story_parts.claims(doc),
        quotes=[q for s in story_parts.speakers([doc]) for q in s.quotes],
        entities=sorted(seen.values(), key=lambda e: (e.type, e.name)),
        document=doc.to_dict(),
    )


def _ref(doc: AnnotatedArticle, derived_from: list[str]) -> ArticleRef:
    a = doc.article
    return ArticleRef(
        id=a.id,
        title=a.title,
        outlet=a.outlet,
        published=a.published,
        language=a.language,
        translated_from=a.translated_from,
        original_outlet=a.original_outlet,
        derived_from=list(derived_from),
        comments=len(a.comments),
    )


def _safe_url(url: str | None) -> str | None:
    """The page's address when it is http(s); a ``javascript:`` or ``data:`` address is never linked."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _segments(doc: AnnotatedArticle) -> list[Segment]:
    """The body cut into sentences and the text between them, in order."""
    body = doc.article.body
    out: list[Segment] = []
    at = 0
    for span in sorted(doc.sentences, key=lambda s: s.start):
        if span.start < at:
            continue
        if span.start > at:
            out.append(Segment(start=at, end=span.start, text=body[at : span.start], sentence=False))
        out.append(Segment(start=span.start, end=span.end, text=body[span.start : span.end], sentence=True))
        at = span.end
    if at < len(body):
        out.append(Segment(start=at, end=len(body), text=body[at:], sentence=False))
    return out


def _names(doc: AnnotatedArticle, place_only: bool) -> set[str]:
    values: set[str] = set()
    for entity in doc.entities:
        if place_only and str(entity.type) != "place":
            continue
        values.update(n.casefold() for n in (entity.join_key, entity.name, *entity.aliases) if n)
    for place in doc.places:
        values.add(place_join_key(place.geonameid, place.lat, place.lon, place.name).casefold())
        values.add(place.name.casefold())
    return values


def _passes(doc: AnnotatedArticle, filters: Filters) -> bool:
    a = doc.article
    day = (a.published or "")[:10]
    if filters.since and not (day and day >= filters.since[:10]):
        return False
    if filters.until and not (day and day <= filters.until[:10]):
        return False
    if filters.language and (a.language or "").casefold() != filters.language.casefold():
        return False
    if filters.outlet and filters.outlet.casefold() not in {
        (a.outlet or "").casefold(),
        (outlet_key(doc) or "").casefold(),
    }:
        return False
    if filters.place and filters.place.casefold() not in _names(doc, place_only=True):
        return False
    return not (filters.entity and filters.entity.casefold() not in _names(doc, place_only=False))


def _has_all(text: str | None, words: list[str]) -> bool:
    folded = (text or "").casefold()
    return all(word in folded for word in words)


def _article_hit(doc: AnnotatedArticle, words: list[str]) -> SearchHit | None:
    a = doc.article
    if not _has_all(f"{a.title or ''}\n{a.body}", words):
        return None
    title = a.title or a.id
    for span in doc.sentences:
        sentence = a.body[span.start : span.end]
        if words[0] in sentence.casefold():
            return SearchHit(
                kind="article",
                id=a.id,
                title=title,
                snippet=sentence.strip(),
                link=sentence_link(a.id, span.start, span.end),
            )
    return SearchHit(
        kind="article", id=a.id, title=title, snippet=a.body[:200].strip(), link=article_link(a.id)
    )
