"""Plain-text pages: the layout of a copied web page, without markup to help.

Expected shape, every part optional but the body::

    Title
    (the title again, as copied pages often repeat it)
    Subtitle
    Machine translated from Russian.        <- note
    An Afghan soldier walks ... (AP pic)    <- caption
    MOSCOW: First paragraph ...             <- dateline + body
    ...
    Source: Kommersant                      <- credit
    Stay current - Follow X on WhatsApp     <- chrome
      1. Name says                          <- reader comments
         ...
    Leave A Reply                           <- chrome
"""

from __future__ import annotations

import re

from wirewatch.parse.boilerplate import (
    ParagraphKind,
    byline_name,
    classify,
    site_name_from_chrome,
    sort_paragraphs,
    split_dateline,
)
from wirewatch.parse.comments import find_comment_section, parse_comments
from wirewatch.parse.parts import PageParts

# A title or subtitle is a short block; longer ones are body text.
MAX_TITLE_CHARS = 300
MAX_SUBTITLE_CHARS = 250
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def normalise(text: str) -> str:
    """Unify newlines, drop control characters and a BOM, expand tabs."""
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\xa0", " ")
    return _CONTROL.sub("", text.expandtabs(4))


def blocks_of(lines: list[str]) -> list[str]:
    """Blank-line separated blocks, wrapped lines joined, surrounding space removed.

    A block whose lines include a line of another kind (a date line above a byline, a caption
    under a paragraph) is not a wrapped paragraph: each of its lines stands alone.
    """
    blocks: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        stripped = line.strip()
        if stripped:
            current.append(re.sub(r"\s+", " ", stripped))
        elif current:
            if len(current) > 1 and any(classify(c) is not ParagraphKind.BODY for c in current):
                blocks.extend(current)
            else:
                blocks.append(" ".join(current))
            current = []
    return blocks


def _is_subtitle(block: str) -> bool:
    """A standfirst: short, one sentence at most, not a dateline lead."""
    if len(block) > MAX_SUBTITLE_CHARS or split_dateline(block)[0]:
        return False
    sentences = re.findall(r"[.!?](?:\s|$)", block)
    return len(sentences) <= 1


def parse_text(text: str) -> PageParts:
    """Split a plain-text page into title, subtitle, notes, body, comments and the rest."""
    lines = normalise(text).split("\n")
    cut = find_comment_section(lines)
    comments = parse_comments(lines[cut:]) if cut is not None else []
    blocks = blocks_of(lines[:cut] if cut is not None else lines)

    # Leading chrome (breadcrumbs, "Share") before the title is dropped.
    while blocks and classify(blocks[0]) is ParagraphKind.CHROME:
        blocks.pop(0)
    title = None
    if len(blocks) > 1 and len(blocks[0]) <= MAX_TITLE_CHARS:
        title = blocks.pop(0)
        while blocks and blocks[0].casefold() == title.casefold():
            blocks.pop(0)

    subtitle = None
    for index, block in enumerate(blocks):
        kind = classify(block)
        if kind is ParagraphKind.BODY:
            later_body = any(classify(b) is ParagraphKind.BODY for b in blocks[index + 1 :])
            if title and later_body and _is_subtitle(block):
                subtitle = blocks.pop(index)
            break

    parts = sort_paragraphs(blocks)
    outlet = next(
        (name for line in parts.chrome if (name := site_name_from_chrome(line))), None
    )
    return PageParts(
        paragraphs=parts.body,
        title=title,
        subtitle=subtitle,
        byline=", ".join(_byline_names(parts.bylines)) or None,
        outlet=outlet,
        comments=comments,
        captions=parts.captions,
        credits=parts.credits,
        notes=parts.notes,
        date_lines=parts.date_lines,
    )


def _byline_names(bylines: list[str]) -> list[str]:
    return [name for line in bylines if (name := byline_name(line))]
