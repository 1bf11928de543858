"""One error shape everywhere: ``{"error": {"code": ..., "message": ...}}`` for the API, and an
error page with the same code and message for the HTML pages. Bad input is a 4xx, never a 500."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from wirewatch.desk import DeskError, NotFound
from wirewatch.web.security import WriteRefused

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    422: "bad_parameter",
    501: "not_implemented",
}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code


def _respond(request: Request, status: int, code: str, message: str) -> Response:
    if (
        request.url.path.startswith("/api/")
        or request.url.path == "/openapi.json"
        or ("text/html" not in request.headers.get("accept", ""))
    ):
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)
    templates = request.app.state.templates
    html: HTMLResponse = templates.TemplateResponse(
        request, "error.html", {"status": status, "code": code, "message": message}, status_code=status
    )
    return html


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors()[:5]:
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {error.get('msg', 'invalid')}")
    return "; ".join(parts)


def install(app: FastAPI) -> None:
    async def desk_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, DeskError)
        status = 404 if isinstance(exc, NotFound) else 400
        return _respond(request, status, exc.code, str(exc))

    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError | WriteRefused)
        return _respond(request, exc.status, exc.code, str(exc))

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return _respond(request, 400, "bad_parameter", _validation_message(exc))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        message: Any = exc.detail
        return _respond(request, exc.status_code, _CODES.get(exc.status_code, "http_error"), str(message))

    async def crash(request: Request, exc: Exception) -> Response:
        # A bug, not bad input: say so without echoing internals.
        return _respond(request, 500, "internal_error", "internal error; the server log has the details")

    app.add_exception_handler(DeskError, desk_error)
    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(WriteRefused, api_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, crash)
