"""Near-duplicates: syndicated copies and light rewrites, found with MinHash LSH.

An article's body becomes a set of word 4-shingles (``\\w+`` tokens, lower case), then a MinHash
signature of ``NUM_PERM`` values (datasketch). The signature is cut into ``BANDS`` bands of ``ROWS``
values; two articles that agree on a whole band are candidates. Each band's key is looked up in
the state (``LinkState.band_members``), so finding candidates costs ``BANDS`` key lookups however
many articles are stored, plus one signature comparison per candidate. A candidate is a
near-duplicate when the estimated Jaccard similarity (share of equal signature values) reaches
``THRESHOLD``.

Why 4-shingles and 0.3 (measured by ``python -m bench.stories``, section "Near-duplicates"): on
ECB+ dev topics 1-22, no pair of reports of the two different events of a topic passes 0.03, while
34 pairs of reports of one event reach 0.3 or more (copies and rewrites, up to 0.95); the demo's
independent reports are at most 0.04 apart and its wire rewrite (A04 of A02) is at 0.52. 0.3 sits
in that gap with room for the estimate's noise (standard error about 0.04 at 0.3 with 128
values). ``BANDS`` x ``ROWS`` = 42 x 3 is datasketch's optimum for 0.3 with false negatives
weighed 4 to 1 over false positives (a false candidate costs one signature comparison; a missed
copy is lost).

A bucket holds every article whose band agrees; only its first ``BUCKET_LIMIT`` members (the
earliest stored) are read, and of the articles read, the ``MAX_COMPARED`` that agree on the most
bands (the likeliest to be most similar: a pair of Jaccard J agrees on a band with probability
J ** ROWS) are compared. A text copied thousands of times then costs the same as one copied a few
times, and the copy is still found: each band gives its earliest members, the original among them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from wirewatch.link.state import LinkState

SHINGLE_WORDS = 4
NUM_PERM = 128
BANDS = 42
ROWS = 3
THRESHOLD = 0.3
BUCKET_LIMIT = 32  # members of one band bucket read, the earliest stored first
MAX_COMPARED = 32  # candidates compared, those agreeing on the most bands first
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class NearDuplicate:
    article: str
    duplicate_of: str
    similarity: float


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The body's word ``size``-shingles (the whole text as one shingle when it is shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


# The permutations of every signature (datasketch draws them from seed 1 on each construction;
# drawing them once gives the same values without the cost).
_TEMPLATE = MinHash(num_perm=NUM_PERM)


def signature(text: str) -> list[int]:
    minhash = MinHash(num_perm=NUM_PERM, permutations=_TEMPLATE.permutations, scheme=_TEMPLATE.scheme)
    minhash.update_batch(list(shingles(text)))
    return [int(v) for v in minhash.hashvalues]


def band_keys(values: Sequence[int]) -> list[bytes]:
    array = np.asarray(values, dtype=np.uint64)
    return [array[band * ROWS:(band + 1) * ROWS].tobytes() for band in range(BANDS)]


def estimated_jaccard(a: Sequence[int], b: Sequence[int]) -> float:
    return float(np.mean(np.asarray(a, dtype=np.uint64) == np.asarray(b, dtype=np.uint64)))


def link_duplicates(article_id: str, body: str, state: LinkState) -> NearDuplicate | None:
    """Record the article's bands and return the earlier article it most resembles, when that
    resemblance reaches ``THRESHOLD`` (ties: the earliest stored)."""
    values = signature(body)
    keys = band_keys(values)
    hits: dict[str, int] = {}  # candidate -> bands it agrees on (insertion order: first found first)
    for band, key in enumerate(keys):
        for other in state.band_members(band, key)[:BUCKET_LIMIT]:
            if other != article_id:
                hits[other] = hits.get(other, 0) + 1
    best: NearDuplicate | None = None
    for other in sorted(hits, key=lambda a: -hits[a])[:MAX_COMPARED]:  # stable: first found wins ties
        state.comparisons += 1
        other_values = state.signature(other)
        if other_values is None:
            continue
        similarity = estimated_jaccard(values, other_values)
        if similarity >= THRESHOLD and (best is None or similarity > best.similarity):
            best = NearDuplicate(article_id, other, round(similarity, 3))
    state.add_article_bands(article_id, keys, values)
    return best
