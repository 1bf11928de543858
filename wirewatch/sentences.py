"""One sentence segmentation of an article body, and lookups over it.

The annotator computes the segmentation once per article from its parse (``resources.article_parse``):
spaCy's sentences for English and other Latin-script text (the paragraph component makes every
blank line a boundary), natasha's (razdel) for Russian, each cut at line breaks, and
``regex_sentences`` below for other scripts. Every stage and export reads that one segmentation
(``AnnotatedArticle.sentences``) instead of splitting sentences itself.

``regex_sentences`` is also the documented fallback for a body that has no parse, such as an
article read back from output written before sentences were recorded: a sentence ends at
. ! ? or … (with any closing quotes or brackets) followed by white space, or at a line break.
It does not know abbreviations ("U.S. officials" is cut after "U.S."): that is why it is only
the fallback.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

from wirewatch.model import Span

_SENTENCE_END = re.compile(r"[.!?…][\"'”»’)]*\s+|\n+")


def trimmed(text: str, start: int, end: int) -> Span | None:
    """``text[start:end]`` without its edge white space, or None when nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def cut_at_line_breaks(text: str, spans: Iterable[tuple[int, int]]) -> tuple[Span, ...]:
    """The given sentence bounds, trimmed, and cut where a line break runs through one (a
    headline, a dateline or a list item is a sentence of its own)."""
    out: list[Span] = []
    for start, end in spans:
        piece_start = start
        while True:
            newline = text.find("\n", piece_start, end)
            piece_end = end if newline < 0 else newline
            span = trimmed(text, piece_start, piece_end)
            if span is not None:
                out.append(span)
            if newline < 0:
                break
            piece_start = newline + 1
    return tuple(out)


def regex_sentences(text: str) -> tuple[Span, ...]:
    """Sentences by punctuation and line breaks: the fallback for text without a parse."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        bounds.append((start, match.end()))
        start = match.end()
    bounds.append((start, len(text)))
    return cut_at_line_breaks(text, bounds)


def sentence_at(sentences: Sequence[Span], pos: int) -> Span | None:
    """The sentence holding offset ``pos`` (``sentences`` in text order), or None when it
    falls between sentences (white space)."""
    starts = [s.start for s in sentences]
    index = bisect.bisect_right(starts, pos) - 1
    if index >= 0 and pos < sentences[index].end:
        return sentences[index]
    return None


def sentence_start_before(sentences: Sequence[Span], pos: int) -> int:
    """The start of the last sentence starting at or before ``pos`` (0 when none does)."""
    starts = [s.start for s in sentences]
    index = bisect.bisect_right(starts, pos) - 1
    return starts[index] if index >= 0 else 0


def within(sentences: Sequence[Span], start: int, end: int) -> list[Span]:
    """The sentences overlapping ``start:end``, clipped to it."""
    out = []
    for s in sentences:
        if s.start < end and start < s.end:
            out.append(Span(max(s.start, start), min(s.end, end)))
    return out


def sentence_bounds(sentences: Sequence[Span], start: int, end: int) -> tuple[int, int]:
    """Offsets of the sentence(s) holding ``start:end``: from the start of the first sentence
    it overlaps to the end of the last; the span itself where it overlaps none."""
    overlapping = [s for s in sentences if s.start < end and start < s.end]
    if not overlapping:
        return start, end
    return overlapping[0].start, overlapping[-1].end


def article_sentences(sentences: Sequence[Span], body: str) -> Sequence[Span]:
    """An annotated article's recorded segmentation, or the punctuation fallback for an article
    that has none (read back from output written before sentences were recorded)."""
    return sentences if sentences else regex_sentences(body)
