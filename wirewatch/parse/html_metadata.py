"""Page metadata (title, author, date, site name, canonical url, declared language).

trafilatura's ``extract_metadata`` also collects categories, tags and the licence, which
wirewatch does not use and which cost about a tenth of the whole extraction time; this module
asks trafilatura's and htmldate's single-field extractors only for the fields we keep.
"""

from __future__ import annotations

import contextlib
import html
import re
from dataclasses import dataclass

from lxml.html import HtmlElement

_LANG = re.compile(r"^([a-zA-Z]{2})(?:[-_][A-Za-z0-9]+)*$")
_SITE_FROM_URL = re.compile(r"https?://(?:www\.|w[0-9]+\.)?([^/]+)")
# Longer values are page text caught by a loose selector, not a title or a name.
MAX_FIELD_CHARS = 1000


# Class names news templates give the standfirst under the headline.
_SUBTITLE_CLASSES = ("standfirst", "subtitle", "subheadline", "sub-headline", "dek", "article-lead",
                     "article__lead", "entry-subtitle", "summary-lead", "intro-text")
_SUBTITLE_CLASS_SET = frozenset(_SUBTITLE_CLASSES)
MAX_SUBTITLE_CHARS = 400

# Quotation marks by their closing partner. trafilatura's author normaliser strips trailing
# punctuation, closing marks included («Служба новостей Радио «Олтин Водий»» loses its »).
_CLOSING_QUOTE = {"«": "»", "„": "“", "“": "”", "‹": "›"}


@dataclass(frozen=True)
class PageMetadata:
    title: str | None = None
    subtitle: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    sitename: str | None = None
    language: str | None = None


def page_metadata(
    tree: HtmlElement, url: str | None, *, extensive_date_search: bool = True
) -> PageMetadata:
    """Metadata fields of the page, each None when the page does not give it."""
    from htmldate import find_date
    from trafilatura.metadata import (
        examine_meta,
        extract_author,
        extract_meta_json,
        extract_sitename,
        extract_title,
        extract_url,
    )

    found = examine_meta(tree)
    # a one-word meta author is usually a site handle or "admin", not a byline
    if found.author and " " not in found.author:
        found.author = None
    # JSON-LD on real pages is often broken; the other sources remain
    with contextlib.suppress(Exception):
        found = extract_meta_json(tree, found)
    title = found.title or extract_title(tree)
    author = found.author or extract_author(tree)
    page_url = found.url or extract_url(tree, url)
    published = find_date(tree, extensive_search=extensive_date_search, original_date=True,
                          url=page_url)
    sitename = found.sitename or extract_sitename(tree)
    if sitename:
        sitename = sitename.lstrip("@")
    elif page_url and (m := _SITE_FROM_URL.match(page_url)):
        sitename = m.group(1)
    return PageMetadata(
        title=_clean(title),
        subtitle=page_subtitle(tree),
        author=_closed_quotes(_clean(author)),
        published=_clean(published),
        url=_clean(page_url),
        sitename=_clean(sitename),
        language=declared_language(tree),
    )


def page_subtitle(tree: HtmlElement) -> str | None:
    """The standfirst under the headline, from the class names templates give it."""
    # One walk over the elements that have a class (an XPath per class name cost 4 ms a page).
    for element in tree.iter():
        classes = element.get("class") if isinstance(element.tag, str) else None
        if classes and _SUBTITLE_CLASS_SET.intersection(classes.split()):
            text = _clean(element.text_content())
            if text and len(text) <= MAX_SUBTITLE_CHARS:
                return text
    return None


def declared_language(tree: HtmlElement) -> str | None:
    """ISO 639-1 code the page declares (``<html lang>``, og:locale, content-language)."""
    root = tree.getroottree().getroot()
    declared = [root.get("lang"), root.get("{http://www.w3.org/XML/1998/namespace}lang")]
    for meta in root.iter("meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("http-equiv") or "").lower()
        if name in {"og:locale", "content-language", "language", "dc.language"}:
            declared.append(meta.get("content"))
    for value in declared:
        m = _LANG.match((value or "").strip())
        if m:
            return m.group(1).lower()
    return None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(html.unescape(value).split())
    return value[:MAX_FIELD_CHARS] or None


def _closed_quotes(name: str | None) -> str | None:
    """``name`` with the closing quotation marks it opens and lacks put back at its end."""
    if not name:
        return name
    unclosed: list[str] = []
    for char in name:
        if unclosed and char == _CLOSING_QUOTE[unclosed[-1]]:
            unclosed.pop()  # checked first: “ closes „ as well as opening ”
        elif char in _CLOSING_QUOTE:
            unclosed.append(char)
    return name + "".join(_CLOSING_QUOTE[mark] for mark in reversed(unclosed))


__all__ = ["PageMetadata", "declared_language", "page_metadata", "page_subtitle"]
