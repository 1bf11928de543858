"""Typed dependencies shared by the API and the pages: the desk source, filters and paging."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request

from wirewatch.desk import DeskSource, Filters, PageRequest
from wirewatch.desk.views import DEFAULT_LIMIT

_TEXT = 300  # longest filter value taken; longer is a bad parameter, not a slow scan


def get_source(request: Request) -> DeskSource:
    source: DeskSource = request.app.state.source
    return source


def get_filters(
    since: Annotated[str | None, Query(max_length=40, description="ISO date: published on or after")] = None,
    until: Annotated[str | None, Query(max_length=40, description="ISO date: published on or before")] = None,
    place: Annotated[str | None, Query(max_length=_TEXT, description="place id (join key) or name")] = None,
    entity: Annotated[str | None, Query(max_length=_TEXT, description="entity id (join key) or name")] = None,
    language: Annotated[str | None, Query(max_length=20, description="language code, e.g. en")] = None,
    outlet: Annotated[str | None, Query(max_length=_TEXT, description="outlet name or id")] = None,
) -> Filters:
    # An empty form field means "no filter", as a browser sends it.
    return Filters(
        since=since or None,
        until=until or None,
        place=place or None,
        entity=entity or None,
        language=language or None,
        outlet=outlet or None,
    )


def get_page(
    limit: Annotated[int, Query(description="items per page (1-200)")] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(description="items to skip")] = 0,
) -> PageRequest:
    return PageRequest(limit=limit, offset=offset)


Source = Annotated[DeskSource, Depends(get_source)]
FiltersDep = Annotated[Filters, Depends(get_filters)]
PageDep = Annotated[PageRequest, Depends(get_page)]
