"""Tidying a text's attributions: split quotes joined, nested attributions settled.

Two conventions of attribution-annotated news (checked on the PolNeAR training split):

- A quote split around its cue (“A,” she said. “B.”) is one attribution running from the
  first quotation to the last, the cue in between included (185 of 203 train cases).
- An attribution inside another one's content ("X said experts say that ...") is not
  annotated on its own: the outer one covers it (about 430 of 500 nested predictions on the
  train sample matched no gold attribution). The exception is a second cue of the same speaker
  hanging off the first ("X criticised Y, saying that ..."): that is a second attribution, and
  the first one ends where the second cue's clause begins.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import pairwise

from spacy.tokens import Doc, Token

from wirewatch.annotate.attribution.quote_marks import Attribution, QuoteSpan

# A split quote's cue clause ("Trump said, noting that ...") is at most this long; a longer
# stretch between two quotations is narration, and the second quote stands on its own.
MAX_SPLIT_GAP_CHARS = 200
# How a same-speaker second cue hangs off the first: a participle or adverbial clause
# ("..., saying"), a coordinated verb ("... and added").
SECOND_CUE_DEPS = frozenset({"advcl", "conj"})
# Where a report of its own sits inside another's content: an adverbial clause with its own
# subject and reported clause ("..., after he told reporters that ..."). Relative clauses and
# conjuncts of the same shape were tried: on train they match gold less than 40% of the time.
OWN_REPORT_DEPS = frozenset({"advcl"})


def merge_split_quotes(
    text: str,
    quotes: Sequence[QuoteSpan],
    directs: dict[int, Attribution],
    paragraphs: Sequence[tuple[int, int]],
) -> list[Attribution]:
    """Direct attributions with split quotes joined. ``directs`` maps the index of a quote in
    ``quotes`` to its attribution (quotes too short to be quotes have none)."""

    def paragraph(pos: int) -> int:
        return next((i for i, (s, e) in enumerate(paragraphs) if s <= pos < e), -1)

    out: list[Attribution] = []
    last: tuple[int, Attribution] | None = None  # index of the last quote joined, its attribution
    for k in sorted(directs):
        att, q = directs[k], quotes[k]
        # Quotations between the two that are no quotes of their own (a scare quote in the cue
        # clause: “A?” asked X, who calls it the “crooked” process. “B.”) do not separate them.
        if last is not None and (
            _continues(text, quotes[last[0]], last[1], q, att, paragraph)
            or _next_paragraph(text, quotes[last[0]], last[1], q, att, paragraphs, paragraph)
        ):
            first = last[1]
            pieces = first.pieces or ((first.content_start, first.content_end),)
            merged = replace(first, content_end=q.end, pieces=(*pieces, (q.start, q.end)))
            out[-1] = merged
            last = (k, merged)
            continue
        out.append(att)
        last = (k, att)
    return out


def _continues(
    text: str,
    prev_q: QuoteSpan,
    prev: Attribution,
    q: QuoteSpan,
    att: Attribution,
    paragraph: Callable[[int], int],
) -> bool:
    """Whether quote ``q`` continues ``prev``'s quote: same paragraph, ``prev``'s cue sits
    between the two, and ``q`` has no cue of its own (or shares that one)."""
    if prev.cue_start is None or prev.pieces:
        return False  # only a first piece carries the cue between the pieces
    if not prev_q.outer_end <= prev.cue_start < q.outer_start:
        return False
    if att.cue_start is not None and att.cue_start != prev.cue_start:
        return False
    if q.outer_start - prev_q.outer_end > MAX_SPLIT_GAP_CHARS:
        return False
    return paragraph(prev_q.outer_start) == paragraph(q.outer_start)


def _next_paragraph(
    text: str,
    prev_q: QuoteSpan,
    prev: Attribution,
    q: QuoteSpan,
    att: Attribution,
    paragraphs: Sequence[tuple[int, int]],
    paragraph: Callable[[int], int],
) -> bool:
    """Whether quote ``q``, a paragraph that is a quotation with no cue of its own, goes on
    with ``prev``'s quote in the paragraph before (“A,” she said.¶“B.”)."""
    if att.cue_start is not None or prev.cue_start is None or prev.cue_start < prev_q.outer_end:
        return False
    p = paragraph(q.outer_start)
    if p < 1 or paragraph(max(prev_q.outer_end - 1, prev_q.outer_start)) != p - 1:
        return False
    return not text[paragraphs[p][0] : q.outer_start].strip()


def settle_nested(doc: Doc, atts: Sequence[Attribution]) -> list[Attribution]:
    """Attributions without those nested in another's content, except a same-speaker second
    cue ("criticised Y, saying ..."), which instead ends the outer content before its clause."""
    out = list(atts)
    drop: set[int] = set()
    for i, inner in enumerate(out):
        for j, outer in enumerate(out):
            if i == j or j in drop or not _inside(inner, outer) or _between_pieces(inner, outer):
                continue
            if _own_report(doc, inner, outer):
                continue
            cut = _same_speaker_cut(doc, inner, outer)
            if cut is not None:
                out[j] = replace(outer, content_end=cut)
                continue
            drop.add(i)
            break
    return [a for k, a in enumerate(out) if k not in drop]


def _cue_token(doc: Doc, att: Attribution) -> Token | None:
    if att.cue_start is None:
        return None
    span = doc.char_span(att.cue_start, att.cue_end or att.cue_start + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _own_report(doc: Doc, inner: Attribution, outer: Attribution) -> bool:
    """Whether ``inner`` is a report of its own inside ``outer``'s content: a cue with its own
    subject and reported clause, set into an adverbial clause ("..., when she said that ...")."""
    cue = _cue_token(doc, inner)
    if cue is None or cue.dep_ not in OWN_REPORT_DEPS:
        return False
    kids = {c.dep_ for c in cue.children}
    return bool(kids & {"nsubj", "nsubjpass"}) and "ccomp" in kids


def _between_pieces(inner: Attribution, outer: Attribution) -> bool:
    """Whether ``inner`` lies in the narration between two quotations of a split quote
    (“A,” she said, noting that X. “B.”): a statement of its own, not part of the quote."""
    gaps = pairwise(outer.pieces)
    return any(a[1] <= inner.content_start and inner.content_end <= b[0] for a, b in gaps)


def _inside(inner: Attribution, outer: Attribution) -> bool:
    within = outer.content_start <= inner.content_start and inner.content_end <= outer.content_end
    same = (inner.content_start, inner.content_end) == (outer.content_start, outer.content_end)
    return within and not same


def _same_speaker_cut(doc: Doc, inner: Attribution, outer: Attribution) -> int | None:
    """Where the outer content ends when ``inner`` is a second cue of the outer's speaker
    inside it; None when it is not."""
    if outer.direct or outer.source_start is None or inner.source_start != outer.source_start:
        return None
    if inner.cue_start is None or not outer.content_start < inner.cue_start < outer.content_end:
        return None
    span = doc.char_span(inner.cue_start, inner.cue_end or inner.cue_start + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    cue = span[0]
    # Only a cue hanging off the outer cue itself ("criticized ..., saying", "said ... and
    # added"); a cue inside the outer content ("slammed Trump for mocking ...") is part of it.
    if cue.dep_ not in SECOND_CUE_DEPS or cue.head.idx != outer.cue_start:
        return None
    first = min(t.i for t in cue.subtree)
    # The outer content ends at the last word before the second cue's clause.
    k = first - 1
    while k >= 0 and (doc[k].is_punct or doc[k].is_space or doc[k].dep_ == "cc"):
        k -= 1
    if k < 0 or doc[k].idx < outer.content_start:
        return None
    return doc[k].idx + len(doc[k].text)
