"""The JSON API under ``/api/``: the desk's functions, one route each, JSON in the desk's shapes."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from wirewatch.desk import to_dict
from wirewatch.web.deps import FiltersDep, PageDep, Source
from wirewatch.web.errors import ApiError
from wirewatch.web.security import check_write

router = APIRouter(prefix="/api", tags=["api"])


def _page(page: Any) -> dict[str, Any]:
    return {"items": to_dict(page.items), "total": page.total, "limit": page.limit, "offset": page.offset}


@router.get("/stories", summary="Stories, newest and most reported first")
def list_stories(source: Source, filters: FiltersDep, page: PageDep) -> dict[str, Any]:
    return _page(source.stories(filters, page))


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
    summary="Add documents to the store (needs a store; token beyond loopback)",
    status_code=202,
    responses={401: {}, 403: {}, 501: {}},
)
def ingest(request: Request, source: Source) -> dict[str, Any]:
    check_write(request, read_only=request.app.state.read_only, token=request.app.state.token)
    if not source.writable:
        raise ApiError(
            501,
            "no_store",
            "ingest needs a store: start the server with --db URL "
            "(this one serves a saved analyze document, read-only)",
        )
    raise ApiError(501, "not_implemented", "ingest into the store is not available in this build")
