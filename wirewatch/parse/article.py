"""Settle an article's metadata: what the input says wins over what the page suggests.

Order for each field: the input's hints (JSONL fields), then what the page states (HTML metadata,
a credit line, a translation note), then what can be inferred (language identification, a date
near the headline). Nothing is invented: an unknown date stays None.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

from wirewatch.credits import credited_outlet
from wirewatch.errors import EmptyInputError, TooLargeError
from wirewatch.model import Article, Document
from wirewatch.parse.boilerplate import split_dateline, translation_source
from wirewatch.parse.language import detect_language
from wirewatch.parse.parts import PageParts
from wirewatch.parse.published import find_published
from wirewatch.resources.outlet_names import outlet_name
from wirewatch.resources.outlets import OutletCatalog

ID_HEX_CHARS = 16
# Longest article text analysed: about 50,000 words, several times the longest news feature. The
# annotators' parser needs memory in proportion to the text (spaCy refuses 1,000,000 characters).
MAX_BODY_CHARS = 300_000
# Paragraphs from the top of the page searched for a publication date when nothing else gives one.
HEADER_PARAGRAPHS_FOR_DATE = 3


def stable_id(url: str | None, body: str) -> str:
    """An id that survives re-runs: from the url when there is one, else from the text."""
    if url:
        parts = urlsplit(url.strip())
        key = f"url:{parts.netloc.lower().removeprefix('www.')}{parts.path.rstrip('/')}"
        if parts.query:
            key += f"?{parts.query}"
    else:
        key = "text:" + re.sub(r"\s+", " ", body).strip().casefold()
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:ID_HEX_CHARS]


def _canonical_outlet(name: str | None, catalog: OutletCatalog) -> str | None:
    if not name:
        return None
    outlet = catalog.lookup_hint(name)
    return outlet.name if outlet else name.strip()


def _outlet_from_url(url: str | None, catalog: OutletCatalog) -> str | None:
    if not url:
        return None
    host = urlsplit(url).netloc.lower().removeprefix("www.")
    if not host:
        return None
    # A subdomain (en.example.com) belongs to its outlet's domain (example.com).
    for outlet in catalog.outlets:
        if outlet.domain and (host == outlet.domain or host.endswith("." + outlet.domain)):
            return outlet.name
    return None


def _outlet_from_chrome(site_names: list[str], catalog: OutletCatalog) -> str | None:
    """The first name the page's chrome gives the site that is an outlet's: "Follow FMT on
    WhatsApp" names the site, "Follow Pam Key on Twitter" a journalist."""
    return next((name for candidate in site_names if (name := outlet_name(candidate, catalog))), None)


def build_article(document: Document, parts: PageParts, catalog: OutletCatalog) -> Article:
    """Merge the input's hints with what the page gave into an ``Article``."""
    hints = document.hints
    paragraphs = [p.strip() for p in parts.paragraphs if p.strip()]
    dateline, credits = parts.dateline, list(parts.credits)
    dateline_text: str | None = None
    if paragraphs and dateline is None:
        place, agency, rest = split_dateline(paragraphs[0])
        if place and rest.strip():
            printed = paragraphs[0][: len(paragraphs[0]) - len(rest)]
            dateline_text = printed.strip().rstrip(":—–-").strip() or None
            dateline, paragraphs[0] = place, rest.strip()
            if agency:
                credits.append(f"({agency})")
    body = "\n\n".join(paragraphs)
    if not body:
        raise EmptyInputError("no article text found (only page chrome, comments or metadata)")
    if len(body) > MAX_BODY_CHARS:
        raise TooLargeError(
            f"article text is {len(body):,} characters, over the {MAX_BODY_CHARS:,} wirewatch "
            "analyses as one article: is it a book or a feed dump? split it into articles (JSONL)"
        )
    url = hints.url or parts.url
    outlet = (
        _canonical_outlet(hints.outlet, catalog)
        or _outlet_from_url(url, catalog)
        or _canonical_outlet(parts.outlet, catalog)
        or _outlet_from_chrome(parts.site_names, catalog)
    )
    translated_from = parts.translated_from or next(
        (code for note in parts.notes if (code := translation_source(note))), None
    )
    credited = [name for line in parts.credits if (name := credited_outlet(line))]
    original = parts.original_outlet or next(iter(credited), None)
    original_outlet = _canonical_outlet(original, catalog)
    if original_outlet and original_outlet == outlet:
        original_outlet = None

    published, published_from = (hints.published, "input") if hints.published else (None, None)
    if not published and parts.published:
        published, published_from = parts.published, parts.published_from
    if not published:
        published, published_from = find_published(
            parts.date_lines + paragraphs[:HEADER_PARAGRAPHS_FOR_DATE], parts.html
        )
    language = hints.language or detect_language(body) or parts.language
    return Article(
        id=hints.id or stable_id(url, body),
        source=document.source,
        url=url,
        outlet=outlet,
        title=hints.title or parts.title,
        subtitle=parts.subtitle,
        byline=hints.byline or parts.byline,
        published=published,
        published_from=published_from,
        language=language,
        translated_from=translated_from,
        original_outlet=original_outlet,
        body=body,
        comments=tuple(parts.comments),
        dateline=dateline,
        dateline_text=dateline_text,
        captions=tuple(parts.captions),
        credits=tuple(credits),
        notes=tuple(parts.notes),
    )
