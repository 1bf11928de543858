"""The parse stage: a ``Document`` (decoded page + hints) becomes an ``Article``."""

from __future__ import annotations

from wirewatch.model import Article, Document, InputFormat
from wirewatch.parse.article import build_article
from wirewatch.parse.boilerplate import sort_paragraphs
from wirewatch.parse.html import parse_html
from wirewatch.parse.html_limits import tame_markup
from wirewatch.parse.parts import PageParts
from wirewatch.parse.site_name import site_name_from_chrome
from wirewatch.parse.text import parse_text
from wirewatch.resources.outlets import OutletCatalog, default_catalog

__all__ = ["parse_document"]


def _parse_html_page(document: Document) -> PageParts:
    # Tamed once here: the page is read twice (the extractor, then the date finder).
    html = tame_markup(document.content)
    parts = parse_html(html, url=document.hints.url)
    # The extractor keeps some chrome, notes and credits as paragraphs: sort them like text pages.
    sorted_paragraphs = sort_paragraphs(parts.paragraphs)
    parts.paragraphs = sorted_paragraphs.body
    parts.notes += sorted_paragraphs.notes
    parts.credits += sorted_paragraphs.credits
    parts.captions += sorted_paragraphs.captions
    parts.date_lines += sorted_paragraphs.date_lines
    parts.site_names += [n for line in sorted_paragraphs.chrome if (n := site_name_from_chrome(line))]
    parts.html = html
    return parts


def parse_document(document: Document, catalog: OutletCatalog | None = None) -> Article:
    """Parse one page. Raises ``BadInputError`` with a one-line reason when it holds no article."""
    if document.format is InputFormat.HTML:
        parts = _parse_html_page(document)
    else:
        parts = parse_text(document.content, title_hint=document.hints.title)
    return build_article(document, parts, catalog or default_catalog())
