"""What the linker remembers between articles, behind one small protocol.

``LinkState`` is exactly the set of lookups and writes that ``duplicates.py`` and ``stories.py``
make; every lookup is by key (a band bucket, an article id, a join key, a story id) or through the
approximate-nearest-neighbour index, so that the cost of linking one article does not grow with
the number of articles stored. ``MemoryLinkState`` keeps it all in dicts and an in-memory usearch
index (``wirewatch analyze`` runs, tests, benchmarks). A store-backed implementation keeps band
rows, signatures, vectors, key postings and story rows in tables and the usearch index as a file
cache rebuilt from the vector table when missing; it implements the same methods.

Every lookup answers in bounded work: a band bucket's first ``BUCKET_LIMIT`` members
(``duplicates.py``), a key's postings at most ``MAX_POSTINGS + 1`` stories, ``k`` neighbours.

``comparisons`` counts the candidate articles and stories the linker scored: tests and the
cost benchmark read it to show that the work per article stays flat as the state grows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
from usearch.index import Index

from wirewatch.resources.embeddings import Vectors

MAX_POSTINGS = 200  # a key in more stories than this is too common to find candidates by


@dataclass
class StoryRecord:
    """A story as the linker keeps it: members in arrival order with what the title, the time
    window and the scoring need. ``centroid`` is the sum of the members' unit vectors (its
    direction is the story's mean); ``keys`` counts the members that mention each join key;
    ``event_days`` are the day-precision event dates its members mention (ordinal days)."""

    id: str
    articles: list[str] = field(default_factory=list)
    titles: list[str | None] = field(default_factory=list)
    languages: list[str | None] = field(default_factory=list)
    outlets: list[str | None] = field(default_factory=list)
    published: list[str | None] = field(default_factory=list)  # UTC ISO 8601, or None
    centroid: Vectors | None = None
    keys: dict[str, int] = field(default_factory=dict)
    event_days: set[int] = field(default_factory=set)
    last_seen: float | None = None  # latest publication time, POSIX seconds


class LinkState(Protocol):
    """The linker's memory. Implementations must answer every lookup without scanning all
    articles (the index and the key tables do the finding)."""

    comparisons: int

    # -- near-duplicates: MinHash LSH bands --
    def band_members(self, band: int, key: bytes) -> Sequence[str]:
        """Ids of the articles whose signature has this key in this band."""
        ...

    def add_article_bands(self, article_id: str, keys: Sequence[bytes], signature: Sequence[int]) -> None:
        """Record an article's band keys (band i has keys[i]) and its MinHash signature."""
        ...

    def signature(self, article_id: str) -> Sequence[int] | None: ...

    # -- embeddings: one vector per article, nearest neighbours --
    def add_vector(self, article_id: str, vector: Vectors) -> None: ...

    def nearest(self, vector: Vectors, k: int) -> list[tuple[str, float]]:
        """Up to ``k`` (article id, cosine similarity) pairs, most similar first."""
        ...

    # -- inverted entity index --
    def key_postings(self, join_key: str) -> dict[str, float]:
        """Story id -> last time (POSIX seconds, 0 when unknown) a member mentioning the key was seen.
        At most ``MAX_POSTINGS + 1`` stories, the latest to mention the key: a key in more stories
        than ``MAX_POSTINGS`` is too common to find candidates by, and its postings stop growing."""
        ...

    def key_frequency(self, join_key: str) -> int:
        """How many articles mention the join key (for weighing rare keys higher)."""
        ...

    def add_keys(self, story_id: str, join_keys: Iterable[str], seen: float | None) -> None: ...

    def article_total(self) -> int:
        """Articles linked so far."""
        ...

    # -- stories --
    def story_of(self, article_id: str) -> str | None: ...

    def story(self, story_id: str) -> StoryRecord: ...

    def put_story(self, record: StoryRecord) -> None:
        """Insert or replace a story (and map each member article to it). The linker only appends
        members (one per call), so an implementation may write just the members it has not seen."""
        ...

    def new_story_id(self) -> str:
        """The next story id: ``s1``, ``s2``... in creation order (deterministic for one input order)."""
        ...

    def stories(self) -> list[StoryRecord]:
        """Every story in creation order (for output; not used while linking)."""
        ...


class MemoryLinkState:
    """``LinkState`` in memory: dicts, and a usearch HNSW index over cosine distance."""

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self.comparisons = 0
        self._bands: dict[tuple[int, bytes], list[str]] = {}
        self._signatures: dict[str, Sequence[int]] = {}
        self._index = Index(ndim=dim, metric="cos", dtype="f32")
        self._labels: list[str] = []  # usearch key -> article id
        self._postings: dict[str, dict[str, float]] = {}
        self._frequency: dict[str, int] = {}
        self._articles = 0
        self._story_of: dict[str, str] = {}
        self._stories: dict[str, StoryRecord] = {}
        self._mapped: dict[str, int] = {}  # story id -> members already in _story_of

    def band_members(self, band: int, key: bytes) -> Sequence[str]:
        return self._bands.get((band, key), ())

    def add_article_bands(self, article_id: str, keys: Sequence[bytes], signature: Sequence[int]) -> None:
        for band, key in enumerate(keys):
            self._bands.setdefault((band, key), []).append(article_id)
        self._signatures[article_id] = signature

    def signature(self, article_id: str) -> Sequence[int] | None:
        return self._signatures.get(article_id)

    def add_vector(self, article_id: str, vector: Vectors) -> None:
        self._index.add(len(self._labels), np.asarray(vector, dtype=np.float32).reshape(self.dim))
        self._labels.append(article_id)

    def nearest(self, vector: Vectors, k: int) -> list[tuple[str, float]]:
        if not self._labels:
            return []
        found = self._index.search(np.asarray(vector, dtype=np.float32).reshape(self.dim), k)
        return [(self._labels[int(key)], 1.0 - float(distance))
                for key, distance in zip(found.keys, found.distances, strict=True)]

    def key_postings(self, join_key: str) -> dict[str, float]:
        return self._postings.get(join_key, {})

    def key_frequency(self, join_key: str) -> int:
        return self._frequency.get(join_key, 0)

    def add_keys(self, story_id: str, join_keys: Iterable[str], seen: float | None) -> None:
        self._articles += 1
        for key in set(join_keys):
            self._frequency[key] = self._frequency.get(key, 0) + 1
            postings = self._postings.setdefault(key, {})
            # Most recently mentioned last; past the bound, the story mentioned longest ago goes.
            last = max(postings.pop(story_id, 0.0), seen or 0.0)
            postings[story_id] = last
            if len(postings) > MAX_POSTINGS + 1:
                del postings[next(iter(postings))]

    def article_total(self) -> int:
        return self._articles

    def story_of(self, article_id: str) -> str | None:
        return self._story_of.get(article_id)

    def story(self, story_id: str) -> StoryRecord:
        return self._stories[story_id]

    def put_story(self, record: StoryRecord) -> None:
        # Members are only ever appended: map the ones not mapped yet (not the whole story again).
        self._stories[record.id] = record
        for article_id in record.articles[self._mapped.get(record.id, 0):]:
            self._story_of[article_id] = record.id
        self._mapped[record.id] = len(record.articles)

    def new_story_id(self) -> str:
        return f"s{len(self._stories) + 1}"

    def stories(self) -> list[StoryRecord]:
        return list(self._stories.values())
