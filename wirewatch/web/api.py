"""The JSON API under ``/api/``: the desk's functions, one route each, JSON in the desk's shapes."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Path, Query, Request, Response, UploadFile
from pydantic import BaseModel, Field

from wirewatch.desk import to_dict
from wirewatch.desk.views import MAP_LIMIT, MAP_MAX_LIMIT, MapView
from wirewatch.web.deps import FiltersDep, PageDep, Source
from wirewatch.web.security import check_write
from wirewatch.web.writes import MAX_TEXT, run_ingest, store_source

router = APIRouter(prefix="/api", tags=["api"])


def _page(page: Any) -> dict[str, Any]:
    return {"items": to_dict(page.items), "total": page.total, "limit": page.limit, "offset": page.offset}


@router.get("/stories", summary="Stories, newest and most reported first")
def list_stories(source: Source, filters: FiltersDep, page: PageDep) -> dict[str, Any]:
    return _page(source.stories(filters, page))


def map_geojson(found: MapView) -> dict[str, Any]:
    """The map as a GeoJSON FeatureCollection: one Point feature per pin (longitude first), its
    counts and links in ``properties``; the bounds (``places``, ``limit``, ``truncated``,
    ``unlocated``) as members of the collection."""
    features = [
        {
            "type": "Feature",
            "id": pin["id"],
            "geometry": {"type": "Point", "coordinates": [pin.pop("lon"), pin.pop("lat")]},
            "properties": pin,
        }
        for pin in to_dict(found.pins)
    ]
    return {
        "type": "FeatureCollection",
        "features": features,
        "places": found.places,
        "limit": found.limit,
        "truncated": found.truncated,
        "unlocated": found.unlocated,
    }


@router.get(
    "/map",
    summary="Places across stories as GeoJSON: one pin per place with its article and story counts",
    description="The places named by the articles passing the filters, the most named first; at most "
    "`limit` are returned (`truncated` says when there were more). Each feature links to the place's "
    "page and to the stories naming it most.",
)
def get_map(
    source: Source,
    filters: FiltersDep,
    limit: Annotated[int, Query(description=f"places at most (1-{MAP_MAX_LIMIT})")] = MAP_LIMIT,
) -> dict[str, Any]:
    return map_geojson(source.places(filters, limit))


@router.get(
    "/timeline",
    summary="Timeline across stories: when things happened and when they were reported, per story",
    description="A page of the stories list (same filters and order), each story with its `event` "
    "entries (resolved times in the text) and `report` entries (publication dates), bounded per story "
    "(`article_limit`, `entry_limit`; `articles_read` and `entries_total` say what was cut).",
)
def get_timeline(source: Source, filters: FiltersDep, page: PageDep) -> dict[str, Any]:
    result: dict[str, Any] = to_dict(source.timeline(filters, page))
    return result


@router.get(
    "/stories/{story_id:path}",
    summary="One story: articles, derivation graph, claims, quotes, places, timeline",
)
def get_story(story_id: str, source: Source) -> dict[str, Any]:
    result: dict[str, Any] = to_dict(source.story(story_id))
    return result


@router.get(
    "/articles/{article_id:path}", summary="One article with its sentences, claims, quotes and comments"
)
def get_article(article_id: str, source: Source) -> dict[str, Any]:
    result: dict[str, Any] = to_dict(source.article(article_id))
    return result


@router.get(
    "/entities/{entity_id:path}", summary="A person, organisation, outlet or place by its id (join key)"
)
def get_entity(entity_id: str, source: Source) -> dict[str, Any]:
    result: dict[str, Any] = to_dict(source.entity(entity_id))
    return result


@router.get("/claims", summary="Claims, filtered like stories; with story=ID those of one story")
def list_claims(
    source: Source,
    filters: FiltersDep,
    page: PageDep,
    story: Annotated[str | None, Query(max_length=300)] = None,
) -> dict[str, Any]:
    return _page(source.claims(filters, page, story_id=story or None))


@router.get("/search", summary="Stories, entities and articles containing every word of q")
def search(source: Source, page: PageDep, q: Annotated[str, Query(max_length=500)]) -> dict[str, Any]:
    return _page(source.search(q, page))


@router.post(
    "/ingest",
    summary="Analyse uploaded files and pasted text into the store (needs a store; token beyond loopback)",
    status_code=202,
    responses={401: {}, 403: {}, 413: {}, 501: {}},
)
def ingest(
    request: Request,
    source: Source,
    files: Annotated[list[UploadFile] | None, File(description="pages, feeds or analyze outputs")] = None,
    text: Annotated[str | None, Form(max_length=MAX_TEXT, description="pasted article text")] = None,
    title: Annotated[str | None, Form(max_length=500, description="title of the pasted text")] = None,
) -> dict[str, Any]:
    check_write(request, read_only=request.app.state.read_only, token=request.app.state.token)
    return run_ingest(store_source(source), files or [], text, title)


class WatchlistIn(BaseModel):
    """A watchlist to save: at least one of entity, place, keyword."""

    name: str | None = Field(default=None, max_length=200)
    entity: str | None = Field(default=None, max_length=512, description="entity id (join key) or name")
    place: str | None = Field(default=None, max_length=512, description="place id (join key) or name")
    keyword: str | None = Field(default=None, max_length=500, description="full-text query")


@router.get("/watchlists", summary="Saved watchlists, each with its count of new articles")
def list_watchlists(source: Source) -> dict[str, Any]:
    found = store_source(source).watchlists()
    return {"items": to_dict(found), "total": len(found), "limit": len(found), "offset": 0}


@router.post(
    "/watchlists", summary="Save a watchlist", status_code=201, responses={401: {}, 403: {}, 501: {}}
)
def add_watchlist(request: Request, source: Source, body: WatchlistIn) -> dict[str, Any]:
    check_write(request, read_only=request.app.state.read_only, token=request.app.state.token)
    result: dict[str, Any] = to_dict(
        store_source(source).add_watchlist(body.name, body.entity, body.place, body.keyword)
    )
    return result


@router.get("/watchlists/{watchlist_id}", summary="A watchlist and its articles new since it was last seen")
def get_watchlist(source: Source, watchlist_id: Annotated[int, Path(ge=1, le=2**31)]) -> dict[str, Any]:
    result: dict[str, Any] = to_dict(store_source(source).watchlist(watchlist_id))
    return result


@router.post(
    "/watchlists/{watchlist_id}/seen",
    summary="Mark a watchlist seen: what it found so far is no longer new",
    responses={401: {}, 403: {}, 501: {}},
)
def watchlist_seen(
    request: Request, source: Source, watchlist_id: Annotated[int, Path(ge=1, le=2**31)]
) -> dict[str, Any]:
    check_write(request, read_only=request.app.state.read_only, token=request.app.state.token)
    result: dict[str, Any] = to_dict(store_source(source).mark_watchlist_seen(watchlist_id))
    return result


@router.delete(
    "/watchlists/{watchlist_id}", summary="Delete a watchlist", status_code=204, responses={401: {}, 403: {}}
)
def delete_watchlist(
    request: Request, source: Source, watchlist_id: Annotated[int, Path(ge=1, le=2**31)]
) -> Response:
    check_write(request, read_only=request.app.state.read_only, token=request.app.state.token)
    store_source(source).remove_watchlist(watchlist_id)
    return Response(status_code=204)
