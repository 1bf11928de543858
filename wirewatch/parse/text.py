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
    sort_paragraphs,
    split_dateline,
)
from wirewatch.parse.comments import find_comment_section, parse_comments
from wirewatch.parse.parts import PageParts
from wirewatch.parse.site_name import site_name_from_chrome

# A title or subtitle is a short block; longer ones are body text.
MAX_TITLE_CHARS = 300
MAX_SUBTITLE_CHARS = 250
# Headlines are short: a first block with more words is a lede, however it ends.
MAX_TITLE_WORDS = 30
# A sentence ends inside the block: ". Next" (not "U.S. Army", "No. 5"). Headlines do set "?" and
# "!" mid-way ("Water deal? Not so fast"), so only a full stop counts.
_SENTENCE_BREAK = re.compile(r"(?<![A-ZА-ЯЁ.])(?<!\b[Nn]o)\.[»”\"’')]*\s+[«“\"‘'(]*[A-ZА-ЯЁ]")
# A title may end in "?", "!", a quote mark or nothing; a full stop ends a sentence of prose.
# "..." and "…" (a teaser headline) are allowed, an abbreviation such as "U.S." too.
_PROSE_END = re.compile(r"(?<![.…])(?<!\b[A-ZА-ЯЁ])\.[»”\"’')]*$")
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


def is_headline(block: str) -> bool:
    """Whether a page's first block reads as a headline rather than as the lede of a story.

    A headline is short (``MAX_TITLE_CHARS``, ``MAX_TITLE_WORDS``), one clause with no sentence
    break inside, does not end with a full stop, and is neither a dateline lead ("MOSCOW: ...")
    nor another kind of line (byline, date line, caption). A lede fails at least one of these:
    "A New York man who was accused of faking his death ... pleaded guilty to ... ." ends like
    prose, and most ledes are longer or hold two sentences.
    """
    text = block.strip()
    if not text or len(text) > MAX_TITLE_CHARS or len(text.split()) > MAX_TITLE_WORDS:
        return False
    if _PROSE_END.search(text) or _SENTENCE_BREAK.search(text):
        return False
    if split_dateline(text)[0]:
        return False
    return classify(text) is ParagraphKind.BODY


def _same_text(a: str, b: str) -> bool:
    """Equal but for spacing, case and a closing full stop ("Title." repeating "Title")."""

    def norm(text: str) -> str:
        return " ".join(text.split()).casefold().rstrip(".:; ")

    return norm(a) == norm(b)


def parse_text(text: str, title_hint: str | None = None) -> PageParts:
    """Split a plain-text page into title, subtitle, notes, body, comments and the rest.

    ``title_hint`` is a title given with the input (a JSONL ``title``): the text's first block is
    taken as the title only when it repeats that title; otherwise the text is all body (a feed's
    ``text`` usually starts with the lede, and that lede must not be lost as a second title).
    Without a hint the first block is the title only when it reads as a headline.
    """
    lines = normalise(text).split("\n")
    cut = find_comment_section(lines)
    comments = parse_comments(lines[cut:]) if cut is not None else []
    blocks = blocks_of(lines[:cut] if cut is not None else lines)

    # Leading chrome (breadcrumbs, "Share") before the title is dropped.
    while blocks and classify(blocks[0]) is ParagraphKind.CHROME:
        blocks.pop(0)
    title = None
    if title_hint is not None:
        if blocks and _same_text(blocks[0], title_hint):
            title = blocks.pop(0)
    elif len(blocks) > 1 and is_headline(blocks[0]):
        title = blocks.pop(0)
    if title is not None:
        while blocks and _same_text(blocks[0], title):
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
    # Chrome after the comments ("Subscribe ... the best of X delivered") names the site too.
    trailing = [line for line in lines[cut:] if classify(line) is ParagraphKind.CHROME] if cut else []
    site_names = [name for line in parts.chrome + trailing if (name := site_name_from_chrome(line))]
    return PageParts(
        paragraphs=parts.body,
        title=title,
        subtitle=subtitle,
        byline=", ".join(_byline_names(parts.bylines)) or None,
        site_names=site_names,
        comments=comments,
        captions=parts.captions,
        credits=parts.credits,
        notes=parts.notes,
        date_lines=parts.date_lines,
    )


def _byline_names(bylines: list[str]) -> list[str]:
    return [name for line in bylines if (name := byline_name(line))]
