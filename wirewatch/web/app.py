"""``create_app``: the FastAPI application over a desk source.

JSON API under ``/api/`` (OpenAPI at ``/openapi.json``), HTML pages at ``/``, static assets
(our ``app.js`` and the vendored libraries built from web/frontend) at ``/static``. No
interactive docs page: it would load script from a CDN, which the CSP forbids and offline
machines cannot reach.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from wirewatch import __version__
from wirewatch.desk import DeskSource
from wirewatch.web import api, errors, pages
from wirewatch.web.security import add_security_headers

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
VENDOR = STATIC / "vendor"


def vendor_built() -> bool:
    """Whether the front-end libraries are in place (``make install`` builds them)."""
    return (VENDOR / "manifest.json").is_file()


def _no_icon() -> Response:
    return Response(status_code=204)


def create_app(source: DeskSource, *, read_only: bool = False, token: str | None = None) -> FastAPI:
    """The web app over ``source``. ``read_only`` refuses every write; ``token``, when set, is
    required (``Authorization: Bearer``) on every write; without one, writes are taken from
    loopback clients only."""
    app = FastAPI(
        title="wirewatch",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        description="The analyst's desk: stories, articles, entities, claims and search, "
        'offline. Errors: {"error": {"code", "message"}}.',
    )
    app.state.source = source
    app.state.read_only = read_only
    app.state.token = token or None
    environment = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True)
    environment.globals["vendor_built"] = vendor_built()
    environment.globals["read_only"] = read_only or not source.writable
    environment.globals["store"] = source.writable
    environment.globals["token_required"] = bool(token)
    app.state.templates = Jinja2Templates(env=environment)
    app.middleware("http")(add_security_headers)
    errors.install(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_api_route("/favicon.ico", _no_icon, include_in_schema=False)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
