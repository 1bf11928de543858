"""What a layout parser (plain text or HTML) finds on a page, before metadata is settled.

``PageParts`` is the hand-over between the format-specific parsers (``text.py``, ``html.py``)
and ``article.py``, which merges it with the input's hints into an ``Article``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wirewatch.model import Comment


@dataclass
class PageParts:
    """Pieces of a page. ``paragraphs`` are the article body only, in reading order."""

    paragraphs: list[str]
    title: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    published: str | None = None
    published_from: str | None = None
    url: str | None = None
    outlet: str | None = None
    # Names the page's chrome gives the site ("Follow FMT on WhatsApp"), in page order: only
    # candidates, since chrome names journalists too.
    site_names: list[str] = field(default_factory=list)
    language: str | None = None
    dateline: str | None = None
    translated_from: str | None = None
    original_outlet: str | None = None
    comments: list[Comment] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # Lines such as "Published: 12 June 2026" that state the page's date, for the date finder.
    date_lines: list[str] = field(default_factory=list)
    # The raw HTML, when the page was HTML, for metadata finders that need the markup.
    html: str | None = None
