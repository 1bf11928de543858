"""Text reuse between two articles: which sentences of one reappear in the other.

Two aligners over sentence spans, both pure functions:

- ``align_same_language``: word 5-gram shingles (lower case, letters and digits only). A
  sentence pair scores the share of the *shorter* sentence's shingles found in the longer one
  (containment), so a trimmed or extended copy of a sentence still scores high while two
  sentences on the same topic share few 5-grams. Pairs are matched greedily, best first, each
  sentence at most once (reordered paragraphs are found as well as kept ones).
- ``align_across_languages``: sentence embeddings (``resources.embeddings``). Pairs above a
  cosine threshold are aligned monotonically (a translation keeps the order of its original),
  by dynamic programming over the similarity matrix.

``coverage`` turns an alignment into the share of each side's words inside aligned sentences:
the measure derivation kinds and the benchmark's wholly/partially/not classes are read from.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from wirewatch.model import Span
from wirewatch.resources.embeddings import Vectors

# Word n-gram length for shingles: 5 words rarely repeat by chance between two news texts on
# one topic ("the Russian Foreign Ministry declined" is 5 words, so quoted boilerplate can),
# while a copied sentence keeps most of its 5-grams even after light editing.
SHINGLE_WORDS = 5
# A sentence pair is aligned when this share of the shorter sentence's shingles is in the other.
MIN_CONTAINMENT = 0.5
# Sentences shorter than this many words are matched only whole (crossheads, datelines): their
# one "shingle" is the whole sentence.
MIN_SENTENCE_WORDS = 3
# Cosine of USE-multilingual v3 sentence vectors at or above which two sentences in different
# languages are taken as one translated from the other. Unrelated sentences score near 0 and
# a translation 0.7-0.95; two independent reports of one briefing in two languages (the demo's
# A05/A06, the same quotes translated apart) reach 0.6-0.7 on many sentences, so 0.6 would
# make them near-copies.
MIN_CROSS_LINGUAL_COSINE = 0.7

_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """Lower-case words (runs of letters and digits; ё read as е)."""
    return [w.replace("ё", "е") for w in _WORD.findall(text.lower())]


def shingles(tokens: Sequence[str], n: int = SHINGLE_WORDS) -> set[tuple[str, ...]]:
    """The word n-grams of ``tokens``; a shorter run is one shingle of itself."""
    if len(tokens) < n:
        return {tuple(tokens)} if tokens else set()
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


@dataclass(frozen=True)
class Unit:
    """One sentence of a text, by offsets, with its words counted and shingled."""

    span: Span
    n_words: int
    shingles: frozenset[tuple[str, ...]]


def units(text: str, spans: Sequence[Span]) -> list[Unit]:
    """The sentences ``spans`` of ``text`` as alignment units (sentences without words dropped)."""
    out: list[Unit] = []
    for span in spans:
        tokens = words(text[span.start : span.end])
        if not tokens:
            continue
        grams = shingles(tokens) if len(tokens) >= MIN_SENTENCE_WORDS else {tuple(tokens)}
        out.append(Unit(span, len(tokens), frozenset(grams)))
    return out


@dataclass(frozen=True)
class Pair:
    """Sentence ``a`` of one text aligned to sentence ``b`` of the other (indexes into the
    unit lists), with the score that aligned them (containment or cosine)."""

    a: int
    b: int
    score: float


def align_same_language(
    a: Sequence[Unit], b: Sequence[Unit], *, min_containment: float = MIN_CONTAINMENT
) -> list[Pair]:
    """Greedy one-to-one sentence matching by shingle containment, best pairs first."""
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for j, unit in enumerate(b):
        for gram in unit.shingles:
            index[gram].append(j)
    scored: list[Pair] = []
    for i, unit in enumerate(a):
        shared: dict[int, int] = defaultdict(int)
        for gram in unit.shingles:
            for j in index.get(gram, ()):
                shared[j] += 1
        for j, count in shared.items():
            smaller = min(len(unit.shingles), len(b[j].shingles))
            score = count / smaller
            if score >= min_containment:
                scored.append(Pair(i, j, score))
    return _greedy(scored)


def _greedy(scored: list[Pair]) -> list[Pair]:
    # Best first; ties broken by position so the result does not depend on dict order.
    scored.sort(key=lambda p: (-p.score, p.a, p.b))
    used_a: set[int] = set()
    used_b: set[int] = set()
    kept: list[Pair] = []
    for pair in scored:
        if pair.a in used_a or pair.b in used_b:
            continue
        used_a.add(pair.a)
        used_b.add(pair.b)
        kept.append(pair)
    return sorted(kept, key=lambda p: p.a)


def cosine_matrix(a: Vectors, b: Vectors) -> npt.NDArray[np.float32]:
    """Cosine of every row of ``a`` with every row of ``b`` (rows are unit vectors)."""
    if len(a) == 0 or len(b) == 0:
        return np.zeros((len(a), len(b)), dtype=np.float32)
    return np.asarray(a @ b.T, dtype=np.float32)


def align_across_languages(
    similarity: npt.NDArray[np.float32], *, min_cosine: float = MIN_CROSS_LINGUAL_COSINE
) -> list[Pair]:
    """The monotone alignment (both sides in order) maximising the summed cosine of its pairs,
    counting only pairs at or above ``min_cosine``: dynamic programming, O(n*m)."""
    n, m = similarity.shape
    gain = np.where(similarity >= min_cosine, similarity, 0.0)
    best = np.zeros((n + 1, m + 1), dtype=np.float64)
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            best[i, j] = max(best[i - 1, j], best[i, j - 1], best[i - 1, j - 1] + gain[i - 1, j - 1])
    pairs: list[Pair] = []
    i, j = n, m
    while i > 0 and j > 0:
        if gain[i - 1, j - 1] > 0 and best[i, j] == best[i - 1, j - 1] + gain[i - 1, j - 1]:
            pairs.append(Pair(i - 1, j - 1, float(similarity[i - 1, j - 1])))
            i, j = i - 1, j - 1
        elif best[i, j] == best[i - 1, j]:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


@dataclass(frozen=True)
class Coverage:
    """The share of each side's words inside aligned sentences (0..1)."""

    a: float
    b: float


def coverage(a: Sequence[Unit], b: Sequence[Unit], pairs: Sequence[Pair]) -> Coverage:
    total_a = sum(u.n_words for u in a) or 1
    total_b = sum(u.n_words for u in b) or 1
    return Coverage(
        a=sum(a[p.a].n_words for p in pairs) / total_a,
        b=sum(b[p.b].n_words for p in pairs) / total_b,
    )


def shingle_jaccard(a_text: str, b_text: str, n: int = SHINGLE_WORDS) -> float:
    """Plain word n-gram Jaccard of two whole texts (the benchmark's baseline)."""
    sa, sb = shingles(words(a_text), n), shingles(words(b_text), n)
    union = len(sa | sb)
    return len(sa & sb) / union if union else 0.0
