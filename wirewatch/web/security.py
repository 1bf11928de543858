"""Headers every response carries, and the guard in front of write endpoints.

The Content Security Policy allows scripts, styles, images and fetches from this server only:
no inline script, no inline style attribute, no framing. Article text is escaped on the way out
(templates autoescape); the policy is the second wall should an escape ever be missed.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from fastapi import Request, Response

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}


async def add_security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def is_loopback(host: str | None) -> bool:
    """Whether ``host`` (an address or ``localhost``) is this machine."""
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class WriteRefused(Exception):
    """A write request the server will not take: ``status`` 401 or 403, ``code`` for the error shape."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code


def check_same_origin(request: Request) -> None:
    """Refuse a write a page of another site makes the browser send. A browser says where the
    request comes from in ``Sec-Fetch-Site`` (``same-origin``, or ``none`` for one the user typed):
    anything else is refused. Without it, an ``Origin`` must name the host addressed (an
    ``Origin: null``, which no-referrer pages send, is refused). Clients that are not browsers
    send neither and pass."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        if site.lower() not in ("same-origin", "none"):
            raise WriteRefused(403, "cross_origin", f"writes from pages of another site ({site}) are refused")
        return
    origin = request.headers.get("origin")
    if origin is None:
        return
    host = request.headers.get("host", "")
    if origin == "null" or urlsplit(origin).netloc.lower() != host.lower():
        raise WriteRefused(403, "cross_origin", f"writes from pages of another origin ({origin}) are refused")


def check_write(
    request: Request, *, read_only: bool, token: str | None, form_token: str | None = None
) -> None:
    """Refuse a write in read-only mode; from another site's page; without the server's token
    when one is set (``Authorization: Bearer``, or a form's ``token`` field); and from beyond
    loopback when none is (a server without a token takes writes from this machine only)."""
    if read_only:
        raise WriteRefused(403, "read_only", "this server is read-only (started with --read-only)")
    check_same_origin(request)
    if token:
        given = request.headers.get("authorization", "")
        scheme, _, value = given.partition(" ")
        if form_token is not None and not given:
            scheme, value = "bearer", form_token
        if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
            raise WriteRefused(
                401,
                "token_required",
                "write endpoints need the server's token: send 'Authorization: Bearer TOKEN'",
            )
        return
    client = request.client.host if request.client else None
    if not is_loopback(client):
        raise WriteRefused(
            403,
            "token_required",
            "writes from beyond this machine need a server started with --token (or WIREWATCH_TOKEN)",
        )
