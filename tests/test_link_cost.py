"""The work of linking one article does not grow with the store (issue 13), counted, not timed.

The synthetic store is made to grow the things that used to grow: a few topics repeated with
small edits (the LSH buckets of a topic fill up), names every article carries (their postings
fill up) and stories that stay active for the whole run (their members, keys and days pile up).
"""

from __future__ import annotations

import math

import numpy as np

from wirewatch.link.duplicates import BUCKET_LIMIT, link_duplicates
from wirewatch.link.state import MAX_POSTINGS, MemoryLinkState, StoryRecord
from wirewatch.link.stories import (
    MAX_CANDIDATES,
    TIME_SCALE_DAYS,
    LinkInput,
    Weights,
    _time_proximity,
    assign,
    score,
)

DIM = 16
TOPICS = 8
PROBES = 20


def _unit(v: np.ndarray) -> np.ndarray:
    out: np.ndarray = (v / np.linalg.norm(v)).astype(np.float32)
    return out


class Feed:
    """Article ``n``: topic ``n % TOPICS`` (its words with a few edited, its direction with noise),
    the names every article carries, a name of its topic and one of its own; 20 articles a day."""

    def __init__(self) -> None:
        rng = np.random.default_rng(1)
        self.centres = [_unit(rng.normal(size=DIM)) for _ in range(TOPICS)]
        self.words = [[f"t{t}w{i}" for i in range(80)] for t in range(TOPICS)]
        self.state = MemoryLinkState(DIM)
        self.added = 0

    def add(self) -> int:
        """Add the next article; the comparisons it cost."""
        n, before = self.added, self.state.comparisons
        rng = np.random.default_rng(1000 + n)
        topic = n % TOPICS
        words = list(self.words[topic])
        for i in rng.integers(0, len(words), size=4):
            words[int(i)] = f"edit{n}x{i}"
        link_duplicates(f"a{n}", " ".join(words), self.state)
        day = 1 + n // 20
        assign(LinkInput(f"a{n}", _unit(self.centres[topic] + rng.normal(0, 0.15, DIM)),
                         published=f"2026-{1 + (day - 1) // 28:02d}-{1 + (day - 1) % 28:02d}",
                         join_keys=frozenset({"place:everywhere", "person:the president",
                                              f"person:topic {topic}", f"person:only {n}"}),
                         event_days=frozenset({739_000 + day})), self.state)
        self.added += 1
        return self.state.comparisons - before

    def probe_cost(self, stored: int) -> float:
        while self.added < stored:
            self.add()
        return float(np.mean([self.add() for _ in range(PROBES)]))


def test_comparisons_per_added_article_do_not_grow_with_the_store() -> None:
    feed = Feed()
    small = feed.probe_cost(200)
    large = feed.probe_cost(2_000)
    # Each topic's bucket holds 25 copies at 200 and 250 at 2,000; a store-wide name is in every story.
    assert large <= 1.5 * small, (small, large)
    assert large <= BUCKET_LIMIT + MAX_CANDIDATES, large
    # The stories did grow: the bound is not the store being small.
    sizes = sorted(len(s.articles) for s in feed.state.stories())
    assert sizes[-1] >= 100, sizes[-5:]


def test_a_keys_postings_stop_growing() -> None:
    state = MemoryLinkState(DIM)
    for i in range(3 * MAX_POSTINGS):
        state.add_keys(f"s{i}", ["place:everywhere", f"person:only {i}"], float(i))
    postings = state.key_postings("place:everywhere")
    assert len(postings) == MAX_POSTINGS + 1
    assert min(postings.values()) == 3 * MAX_POSTINGS - MAX_POSTINGS - 1  # the latest stories are kept
    assert state.key_frequency("place:everywhere") == 3 * MAX_POSTINGS


def test_a_text_copied_many_times_costs_a_bounded_lookup_and_is_still_found() -> None:
    state = MemoryLinkState(DIM)
    text = " ".join(f"word{i}" for i in range(200))
    for n in range(5 * BUCKET_LIMIT):
        link_duplicates(f"c{n}", text, state)
    before = state.comparisons
    found = link_duplicates("last", text, state)
    assert state.comparisons - before <= BUCKET_LIMIT
    assert found is not None and found.duplicate_of == "c0" and found.similarity == 1.0


def test_a_name_a_large_story_mentioned_once_counts_less_than_its_own_names() -> None:
    vector = _unit(np.ones(DIM))
    story = StoryRecord(id="s1", articles=[f"a{i}" for i in range(100)], centroid=vector * 100,
                        keys={"person:core": 100, "person:passing": 1})
    weights = Weights(emb_best=0.5, entity=1.0, time=0.0, threshold=0.5)
    core = score(LinkInput("x", vector, join_keys=frozenset({"person:core"})), story, 1.0,
                 {"person:core": 1.0}, weights)
    passing = score(LinkInput("y", vector, join_keys=frozenset({"person:passing"})), story, 1.0,
                    {"person:passing": 1.0}, weights)
    assert math.isclose(core, 2.0) and math.isclose(passing, 1.0 + math.sqrt(0.01))


def test_time_proximity_looks_up_what_a_scan_would_find() -> None:
    rng = np.random.default_rng(3)
    for _ in range(300):
        days = frozenset(int(d) for d in rng.integers(0, 40, size=int(rng.integers(1, 4))))
        story_days = {int(d) for d in rng.integers(0, 40, size=int(rng.integers(1, 30)))}
        gap = min(abs(a - b) for a in days for b in story_days)
        assert math.isclose(_time_proximity(days, story_days),
                            max(0.0, 1.0 - max(0, gap - 1) / TIME_SCALE_DAYS))
    assert _time_proximity(frozenset(), {1}) == 0.5
