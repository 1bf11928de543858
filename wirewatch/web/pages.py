"""The HTML pages: stories, a story, an article, an entity, search. Server-rendered with Jinja2
(autoescape on); maps, the graph and the timeline are drawn by static/app.js from /api/."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from wirewatch.desk import Filters, PageRequest
from wirewatch.web.deps import FiltersDep, PageDep, Source

router = APIRouter(include_in_schema=False)


def _render(request: Request, name: str, context: dict[str, Any]) -> HTMLResponse:
    response: HTMLResponse = request.app.state.templates.TemplateResponse(request, name, context)
    return response


def _pager(request: Request, page: Any, request_page: PageRequest) -> dict[str, str | None]:
    """Links to the previous and next pages, keeping the other query parameters."""
    params = dict(request.query_params)

    def at(offset: int) -> str:
        return "?" + urlencode({**params, "offset": offset, "limit": request_page.limit})

    previous = at(max(0, page.offset - page.limit)) if page.offset > 0 else None
    following = at(page.offset + page.limit) if page.offset + page.limit < page.total else None
    return {"previous": previous, "next": following}


@router.get("/", response_class=HTMLResponse)
def stories_page(request: Request, source: Source, filters: FiltersDep, page: PageDep) -> HTMLResponse:
    found = source.stories(filters, page)
    return _render(
        request, "stories.html", {"page": found, "filters": filters, "pager": _pager(request, found, page)}
    )


@router.get("/stories/{story_id:path}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str, source: Source) -> HTMLResponse:
    return _render(request, "story.html", {"story": source.story(story_id)})


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, source: Source) -> HTMLResponse:
    return _render(request, "article.html", {"article": source.article(article_id)})


@router.get("/entities/{entity_id:path}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str, source: Source) -> HTMLResponse:
    return _render(request, "entity.html", {"entity": source.entity(entity_id)})


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request, source: Source, page: PageDep, q: Annotated[str, Query(max_length=500)] = ""
) -> HTMLResponse:
    found = source.search(q, page) if q.strip() else None
    return _render(
        request,
        "search.html",
        {"q": q, "page": found, "pager": _pager(request, found, page) if found else {}, "filters": Filters()},
    )
