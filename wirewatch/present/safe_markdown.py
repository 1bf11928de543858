"""Markdown that article text cannot subvert, and its rendering to HTML.

Article titles, outlet names, quotes and comments are hostile input: a title such as
``[click](javascript:alert(1))`` or ``<img src=x onerror=alert(1)>`` must come out as the words it
is, whichever Markdown renderer the analyst uses. So every piece of such text goes through
``escape``: whitespace (line breaks included) collapses to one space, so text cannot start a block
(a heading, a list, a fence), and every ASCII punctuation character that Markdown or HTML gives a
meaning to gets a backslash, which CommonMark defines as "this character, literally". Links are
written only by ``link`` and only for http, https and mailto addresses or relative ones.

``render_html`` renders with markdown-it-py with raw HTML disabled and a link validator that
allows only those schemes, so that even Markdown not written by ``escape`` cannot carry script.
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt

# Every ASCII punctuation character that opens something in CommonMark, GFM or HTML anywhere in a
# line: emphasis, code, links and images, autolinks, raw HTML, entities, headings, tables,
# strikethrough. Left alone: - + = : ; @ $ , . ' " ? % / (they mean something only at the start of a
# line or of a list item's content, handled by _LEADING, or not at all: GFM autolinks only http,
# https, www. and e-mail addresses).
_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#!|&~^])")
# Text placed where a block could start (a list item's content): a list marker or a numbered one.
_LEADING = re.compile(r"^(?:([-+])|(\d+)([.)]))")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")
SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def escape(text: str | None) -> str:
    """``text`` as literal inline Markdown: one line, every meaningful character escaped."""
    if not text:
        return ""
    flat = " ".join(_CONTROL.sub(" ", text).split())
    escaped = _SPECIAL.sub(r"\\\1", flat)
    return _LEADING.sub(_escape_leading, escaped)


def _escape_leading(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    return match.group(2) + "\\" + match.group(3)


def safe_url(url: str | None) -> bool:
    """Whether a link may point there: http, https, mailto, or a relative address (no scheme).

    Browsers ignore tabs and line breaks inside a scheme (``java\\tscript:``), so they are
    removed before the scheme is read; a relative address may not start with ``//`` either
    (another host, with the page's scheme)."""
    if not url:
        return False
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", url)
    match = _SCHEME.match(cleaned)
    if match is None:
        return not cleaned.startswith(("//", "\\\\", "/\\"))
    return match.group(1).lower() in SAFE_SCHEMES


def _destination(url: str) -> str:
    """A link destination in ``<...>`` with the characters that could end it percent-encoded."""
    return "<" + url.replace("<", "%3C").replace(">", "%3E").replace(
        "\\", "%5C").replace(" ", "%20").replace("\n", "") + ">"


def link(label: str, url: str | None) -> str:
    """``[label](url)`` when the address is safe; else the label with the address as text."""
    if url and safe_url(url) and "\n" not in url:
        return f"[{escape(label)}]({_destination(url)})"
    return escape(label) + (f" ({escape(url)})" if url else "")


def markdown_renderer() -> MarkdownIt:
    """CommonMark with tables, raw HTML off, links only to safe addresses."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")

    def validate(url: str) -> bool:
        return safe_url(url)

    md.validateLink = validate  # type: ignore[method-assign]
    return md


def render_html(markdown: str, renderer: MarkdownIt | None = None, **env: Any) -> str:
    rendered: str = (renderer or markdown_renderer()).render(markdown, env)
    return rendered
