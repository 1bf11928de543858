"""The HTML pages: stories, a story, an article, an entity, search. Server-rendered with Jinja2
(autoescape on); maps, the graph and the timeline are drawn by static/app.js from /api/."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, Path, Query, Request, Response, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse

from wirewatch.desk import Filters, PageRequest
from wirewatch.desk.views import MAP_LIMIT
from wirewatch.web.api import map_geojson
from wirewatch.web.deps import FiltersDep, PageDep, Source
from wirewatch.web.errors import ApiError
from wirewatch.web.security import check_write
from wirewatch.web.writes import MAX_TEXT, run_ingest, store_source

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


BRIEF_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; frame-ancestors 'none'"
)


@router.get("/stories/{story_id:path}/brief")
def story_brief(
    story_id: str, source: Source, format: Annotated[Literal["md", "html", "pdf"], Query()] = "html"
) -> Response:
    """The brief on the story (``present.brief``) over the document the exports read."""
    from wirewatch.present.analysis import analysis_from_document
    from wirewatch.present.brief import build_brief
    from wirewatch.present.brief_render import brief_html, brief_pdf
    from wirewatch.present.errors import PdfUnavailableError

    brief = build_brief(analysis_from_document(source.story_document(story_id)), story_id)
    name = re.sub(r"[^A-Za-z0-9_-]+", "_", story_id)[:60] or "story"
    if format == "md":
        return Response(
            brief.markdown(),
            media_type="text/markdown; charset=utf-8",
            headers={"Content-Disposition": f'inline; filename="brief-{name}.md"'},
        )
    if format == "pdf":
        try:
            data = brief_pdf(brief)
        except PdfUnavailableError as exc:
            raise ApiError(501, "pdf_unavailable", str(exc.args[0])) from exc
        return Response(
            data,
            media_type="application/pdf",
            headers={"Content-Disposition": f'attachment; filename="brief-{name}.pdf"'},
        )
    # A standalone page with no script; its own stylesheet is inline, so this one response
    # allows inline style and nothing else.
    return HTMLResponse(brief_html(brief), headers={"Content-Security-Policy": BRIEF_CSP})


@router.get("/stories/{story_id:path}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str, source: Source) -> HTMLResponse:
    return _render(request, "story.html", {"story": source.story(story_id)})


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, source: Source) -> HTMLResponse:
    return _render(request, "article.html", {"article": source.article(article_id)})


@router.get("/entities/{entity_id:path}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str, source: Source) -> HTMLResponse:
    return _render(request, "entity.html", {"entity": source.entity(entity_id)})


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, source: Source, filters: FiltersDep) -> HTMLResponse:
    """Places across stories; the pins are drawn by static/app.js from /api/map (same filters)."""
    found = source.places(filters, MAP_LIMIT)
    api = "/api/map?" + urlencode({k: v for k, v in request.query_params.items() if k != "limit"})
    # The pins travel in the page (a data attribute, escaped by tojson) rather than computed twice.
    return _render(
        request, "map.html", {"map": found, "filters": filters, "api": api, "geojson": map_geojson(found)}
    )


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, source: Source, filters: FiltersDep, page: PageDep) -> HTMLResponse:
    """Stories' timelines; drawn by static/app.js from /api/timeline (same filters and page)."""
    found = source.timeline(filters, page)
    api = "/api/timeline?" + urlencode(dict(request.query_params))
    return _render(
        request,
        "timeline.html",
        {"timeline": found, "filters": filters, "api": api, "pager": _pager(request, found, page)},
    )


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


def _guard(request: Request, form_token: str | None) -> None:
    check_write(
        request, read_only=request.app.state.read_only, token=request.app.state.token, form_token=form_token
    )


WatchlistId = Annotated[int, Path(ge=1, le=2**31)]
_FormText = Annotated[str | None, Form(max_length=512)]


@router.get("/watchlists", response_class=HTMLResponse)
def watchlists_page(request: Request, source: Source) -> HTMLResponse:
    return _render(request, "watchlists.html", {"watchlists": store_source(source).watchlists()})


@router.post("/watchlists")
def add_watchlist_form(
    request: Request,
    source: Source,
    name: Annotated[str | None, Form(max_length=200)] = None,
    entity: _FormText = None,
    place: _FormText = None,
    keyword: Annotated[str | None, Form(max_length=500)] = None,
    token: Annotated[str | None, Form(max_length=500)] = None,
) -> RedirectResponse:
    _guard(request, token)
    saved = store_source(source).add_watchlist(name, entity, place, keyword)
    return RedirectResponse(saved.link, status_code=303)


@router.get("/watchlists/{watchlist_id}", response_class=HTMLResponse)
def watchlist_page(request: Request, source: Source, watchlist_id: WatchlistId) -> HTMLResponse:
    return _render(request, "watchlist.html", {"watchlist": store_source(source).watchlist(watchlist_id)})


@router.post("/watchlists/{watchlist_id}/seen")
def watchlist_seen_form(
    request: Request,
    source: Source,
    watchlist_id: WatchlistId,
    token: Annotated[str | None, Form(max_length=500)] = None,
) -> RedirectResponse:
    _guard(request, token)
    seen = store_source(source).mark_watchlist_seen(watchlist_id)
    return RedirectResponse(seen.link, status_code=303)


@router.get("/ingest", response_class=HTMLResponse)
def ingest_page(request: Request, source: Source) -> HTMLResponse:
    return _render(request, "ingest.html", {"report": None, "writable": source.writable})


@router.post("/ingest", response_class=HTMLResponse)
def ingest_form(
    request: Request,
    source: Source,
    files: Annotated[list[UploadFile] | None, File()] = None,
    text: Annotated[str | None, Form(max_length=MAX_TEXT)] = None,
    title: Annotated[str | None, Form(max_length=500)] = None,
    token: Annotated[str | None, Form(max_length=500)] = None,
) -> HTMLResponse:
    _guard(request, token)
    # A browser sends an empty file part when no file is chosen.
    chosen = [f for f in files or [] if f.filename]
    report = run_ingest(store_source(source), chosen, text, title)
    return _render(request, "ingest.html", {"report": report, "writable": True})
