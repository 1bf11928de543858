"""Spans of quotations and attributions, and text between quotation marks found tolerantly:
real pages get the marks wrong in many ways.

Handles curly, straight, guillemet and low-high („…“) marks; machine-translation artefacts
where the closing mark is separated from its quote (``Kabul, ”said``) or written as an
opening mark (``interests. “``); and multi-paragraph quotes, where an opening mark starts a
paragraph and the closing mark only comes paragraphs later (each continuing paragraph may
start with an opening mark again, as style guides ask).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

# Opening mark -> the marks that may close it. “ may also close a “ (machine-translation
# artefact), and a straight quote closes either curly opener on sloppy pages.
CLOSERS: dict[str, str] = {
    "“": '”“"',
    "«": "»",
    "„": "“”",
    '"': '"”',
    "‘": "’",
    "‹": "›",
}

# How many paragraphs a quote opened at a paragraph start may run on before we give up
# looking for its closing mark and end it with its first paragraph.
MAX_QUOTE_PARAGRAPHS = 6

# A mark opens a quote only after whitespace, an opening bracket, a dash or a colon.
_OPEN_BEFORE = " \t\n([{—–-:/"


@dataclass(frozen=True)
class QuoteSpan:
    """Offsets of a quotation: ``start``/``end`` enclose the content, ``outer_*`` the marks."""

    start: int
    end: int
    outer_start: int
    outer_end: int


@dataclass(frozen=True)
class Attribution:
    """Offsets of one attribution: its content, cue and source (the last two may be missing).

    ``resolve_*`` name the phrase to resolve the speaker with when it is not the source
    phrase itself (a relative "who" stands for the noun before it; an outlet that "quoted a
    source as saying" passes on that source's words, and ``channel_*`` then name the outlet's
    phrase). ``pieces`` are the quotations of a quote split around its cue (“A,” she said.
    “B.”): the content then runs from the first to the last, cue included, as attribution
    corpora mark it, while the product reports each piece as a quote of its own."""

    content_start: int
    content_end: int
    direct: bool
    cue_start: int | None = None
    cue_end: int | None = None
    source_start: int | None = None
    source_end: int | None = None
    source_head: str | None = None
    resolve_start: int | None = None
    resolve_end: int | None = None
    resolve_head: str | None = None
    pieces: tuple[tuple[int, int], ...] = ()
    channel_start: int | None = None
    channel_end: int | None = None

    def shifted(self, offset: int) -> Attribution:
        """This attribution ``offset`` characters further on: found in a paragraph parsed on
        its own, at its place in the whole text."""

        def at(pos: int | None) -> int | None:
            return None if pos is None else pos + offset

        return replace(
            self,
            content_start=self.content_start + offset,
            content_end=self.content_end + offset,
            cue_start=at(self.cue_start),
            cue_end=at(self.cue_end),
            source_start=at(self.source_start),
            source_end=at(self.source_end),
            resolve_start=at(self.resolve_start),
            resolve_end=at(self.resolve_end),
            channel_start=at(self.channel_start),
            channel_end=at(self.channel_end),
            pieces=tuple((a + offset, b + offset) for a, b in self.pieces),
        )


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """Offsets of the blank-line-separated paragraphs of ``text`` (single newlines also split,
    since plain-text pages often put one paragraph per line)."""
    bounds: list[tuple[int, int]] = []
    pos = 0
    for match in re.finditer(r"\n", text):
        if text[pos : match.start()].strip():
            bounds.append((pos, match.start()))
        pos = match.end()
    if text[pos:].strip():
        bounds.append((pos, len(text)))
    return bounds


def _is_opening(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    opens_after = before.isspace() or before in _OPEN_BEFORE or before in '«“„"'
    return opens_after and not after.isspace()


def _is_closing(text: str, i: int, opener: str) -> bool:
    mark = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else "\n"
    if mark == "’" and after.isalpha():
        return False  # an apostrophe (Kommersant’s), not a closing mark
    if mark == opener and mark in '“"':
        # The same mark closes only when it cannot open: after a word or punctuation, or
        # when followed by the end of a line ("... interests. “").
        return not before.isspace() or after in "\n" or (after.isspace() and before in ".,!?")
    return True


def _double_apostrophes(text: str) -> str:
    """``text`` with each pair of apostrophes used as a quotation mark (''like this'', the
    plain-text convention of some wire archives) rewritten, at the same offsets, as one
    straight double quote and a space: the space goes outside the quote (before an opening
    pair, after a closing one) so that the usual opening and closing tests apply."""
    if "''" not in text:
        return text

    def pair(match: re.Match[str]) -> str:
        start = match.start()
        before = text[start - 1] if start > 0 else "\n"
        opening = before.isspace() or before in _OPEN_BEFORE
        return ' "' if opening else '" '

    return _PAIR.sub(pair, text)


_PAIR = re.compile(r"(?<!')''(?!')")


def find_quotes(text: str) -> list[QuoteSpan]:
    """All quotations in ``text``, in order, outermost only."""
    original = text
    text = _double_apostrophes(text)
    paragraphs = paragraph_bounds(text)
    para_of = _paragraph_index(paragraphs)
    spans: list[QuoteSpan] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch not in CLOSERS or not _is_opening(text, i):
            i += 1
            continue
        p = para_of(i)
        if p is None:
            i += 1
            continue
        close = _find_close(text, i, paragraphs[p][1])
        if close is None and text[paragraphs[p][0] : i].strip() == "":
            close = _find_close_across(text, i, paragraphs, p)
        if close is None:
            i += 1
            continue
        content_end, outer_end = close
        if content_end > i + 1:
            spans.append(_whole_marks(original, QuoteSpan(i + 1, content_end, i, outer_end)))
        i = outer_end
    return spans


def _whole_marks(text: str, q: QuoteSpan) -> QuoteSpan:
    """``q`` with its outer span over both apostrophes of a ''double apostrophe'' mark (found
    as one straight quote where the second, or the first, apostrophe of the pair was)."""
    outer_start, outer_end = q.outer_start, q.outer_end
    if text[outer_start - 1 : outer_start + 1] == "''":
        outer_start -= 1
    if text[outer_end - 1 : outer_end + 1] == "''":
        outer_end += 1
    return replace(q, outer_start=outer_start, outer_end=outer_end)


def _find_close(text: str, i: int, limit: int) -> tuple[int, int] | None:
    opener = text[i]
    for j in range(i + 1, limit):
        if text[j] in CLOSERS[opener] and _is_closing(text, j, opener):
            return j, j + 1
    return None


def _find_close_across(text: str, i: int, paragraphs: list[tuple[int, int]], p: int) -> tuple[int, int]:
    """Closing mark of a quote opened at a paragraph start, searched in later paragraphs.

    The next paragraph is always searched (translations drop the re-opening mark); further
    ones only while they re-open the quote, as the multi-paragraph convention asks.
    """
    opener = text[i]
    for q in range(p + 1, min(len(paragraphs), p + MAX_QUOTE_PARAGRAPHS)):
        start, end = paragraphs[q]
        while start < end and text[start].isspace():
            start += 1
        reopens = text[start] in CLOSERS
        if q > p + 1 and not reopens:
            break
        for j in range(start + 1 if reopens else start, end):
            if text[j] in CLOSERS[opener] and _is_closing(text, j, opener):
                return j, j + 1
    # No closing mark anywhere: the quote is its first paragraph.
    return paragraphs[p][1], paragraphs[p][1]


def _paragraph_index(paragraphs: list[tuple[int, int]]) -> Callable[[int], int | None]:
    starts = [s for s, _ in paragraphs]

    def lookup(pos: int) -> int | None:
        k = bisect.bisect_right(starts, pos) - 1
        if k >= 0 and paragraphs[k][0] <= pos < paragraphs[k][1]:
            return k
        return None

    return lookup
