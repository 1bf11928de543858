"""Stories: each new article joins the story of the event it reports, or starts a new one.

Incremental and indexed: an article's candidate stories come from (1) the stories of its
``ANN_NEIGHBOURS`` nearest articles in the embedding index and (2) the inverted index of the
join keys of its people, organisations and places (``LinkState.key_postings``), skipping keys so
common that their postings would grow with the store (``MAX_POSTINGS``). It is never compared
with every stored article. A story whose latest article is more than ``window_days`` older than
the new article is not a candidate (a quiet story does not absorb a new event).

Each candidate is scored with weights calibrated per encoder (``CALIBRATED``, chosen on ECB+
dev topics 1-11 by ``python -m bench.stories``; never on topics 23-45):

    score = emb_best * best neighbour cosine + (1 - emb_best) * cosine to the story's centroid
          + entity * entity overlap + time * (time proximity - 1/2)

- entity overlap: the share of the article's key weight that the story also mentions, each key
  weighed by its inverse document frequency (a rare name says more than "Russia") and credited by
  how specific it is to the story: (share of the story's members that mention it) **
  ``SPECIFICITY``. A name every report of the story carries counts in full, one that a single
  member of a large story mentioned in passing hardly counts, so a story does not grow into one
  that every article sharing a common name matches (a store of US politics otherwise drifted
  into one story of thousands of articles; ``bench/link_cost.py``);
- time proximity: 1 when the article and the story mention event dates (day precision) within a
  day of each other, falling to 0 at ``TIME_SCALE_DAYS`` apart; 1/2 (no evidence) when either side
  has none. ECB+ pairs two similar events per topic: the specific names (and, where the texts are
  dated, the event dates and the window) are what separate them when the wording is alike.

The article joins the best story scoring at least ``threshold``, else starts a new one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime

import numpy as np

from wirewatch.link.state import MAX_POSTINGS as MAX_POSTINGS  # re-exported: the store reads it here
from wirewatch.link.state import LinkState, StoryRecord
from wirewatch.model import AnnotatedArticle, EntityType, Story, TimePrecision
from wirewatch.resources.embeddings import E5_SMALL, USE_MULTILINGUAL, Vectors

ANN_NEIGHBOURS = 20
MAX_CANDIDATES = 50  # stories scored per article, at most
TIME_SCALE_DAYS = 7.0
WINDOW_DAYS = 10.0
SPECIFICITY = 0.5  # a shared key counts (share of the story's members mentioning it) ** SPECIFICITY
_LINKED_TYPES = (EntityType.PERSON, EntityType.ORGANIZATION, EntityType.PLACE)
_DAY = 86_400.0
_GAPS = range(math.ceil(TIME_SCALE_DAYS) + 1)  # day gaps with a proximity above 0


@dataclass(frozen=True)
class Weights:
    """The scoring weights and threshold (the benchmark sweeps them; ``CALIBRATED`` holds the
    chosen ones per encoder, whose cosines live on different scales)."""

    emb_best: float = 0.5
    entity: float = 0.5
    time: float = 0.0
    threshold: float = 0.65
    window_days: float = WINDOW_DAYS


# Chosen by ``python -m bench.stories`` on ECB+ topics 1-11 (best B-cubed F1, the strictest
# threshold of near ties); docs/benchmarks.md, section Stories, has the figures on 12-22. ECB+ has
# no publication dates, so few event dates resolve there and the time weight stays 0 (ties): the
# time evidence is the window (``window_days``) until a dated set can calibrate it.
CALIBRATED: dict[str, Weights] = {
    USE_MULTILINGUAL: Weights(emb_best=0.5, entity=0.5, time=0.0, threshold=0.65),
    E5_SMALL: Weights(emb_best=0.5, entity=0.15, time=0.0, threshold=0.9),
}


def weights_for(embedder_name: str, window_days: float = WINDOW_DAYS) -> Weights:
    """The calibrated weights of an encoder, with the story window of the settings."""
    return replace(CALIBRATED.get(embedder_name, Weights()), window_days=window_days)


@dataclass(frozen=True)
class LinkInput:
    """What the story linker needs of one article."""

    article_id: str
    vector: Vectors
    title: str | None = None
    language: str | None = None
    outlet: str | None = None
    published: str | None = None  # as the article gives it
    join_keys: frozenset[str] = frozenset()
    event_days: frozenset[int] = frozenset()  # day-precision event dates, as date ordinals


@dataclass
class Assignment:
    story_id: str
    created: bool
    score: float | None
    candidates: int = 0
    scores: dict[str, float] = field(default_factory=dict)


def utc_published(published: str | None) -> tuple[str | None, float | None]:
    """(UTC ISO 8601 text, POSIX seconds) of a publication time. A date alone stays a date
    (midnight UTC for ordering); a time without a zone is kept without one and ordered as UTC."""
    if not published:
        return None, None
    text = published.strip()
    try:
        if len(text) <= 10:
            day = date.fromisoformat(text)
            return day.isoformat(), datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()
        moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None, None
    if moment.tzinfo is None:
        return moment.isoformat(timespec="seconds"), moment.replace(tzinfo=UTC).timestamp()
    utc = moment.astimezone(UTC)
    return utc.isoformat(timespec="seconds").replace("+00:00", "Z"), utc.timestamp()


def link_input(doc: AnnotatedArticle, vector: Vectors) -> LinkInput:
    """The linker's view of an annotated article: its join keys and its day-precision event dates."""
    article = doc.article
    keys = frozenset(e.join_key for e in doc.entities if e.type in _LINKED_TYPES and e.join_key)
    days: set[int] = set()
    for ref in doc.times:
        if ref.precision == TimePrecision.DAY and ref.value:
            try:
                days.add(date.fromisoformat(ref.value[:10]).toordinal())
            except ValueError:
                continue
    return LinkInput(article.id, vector, article.title, article.language, article.outlet,
                     article.published, keys, frozenset(days))


def _idf(state: LinkState, key: str) -> float:
    return math.log(1.0 + (state.article_total() + 1) / (state.key_frequency(key) + 1))


def _time_proximity(days: frozenset[int], story_days: set[int]) -> float:
    """Looks up the story's days at each gap that counts (``_GAPS``), never scanning them all:
    the cost does not grow with the story."""
    if not days or not story_days:
        return 0.5
    gap = next((g for g in _GAPS if any(d - g in story_days or d + g in story_days for d in days)), None)
    return 0.0 if gap is None else max(0.0, 1.0 - max(0, gap - 1) / TIME_SCALE_DAYS)


def _candidates(item: LinkInput, state: LinkState, seen: float | None, weights: Weights) -> dict[str, float]:
    """Candidate story ids -> best cosine of one of their articles among the neighbours (0 when
    found through the entity index only), without stories quiet for longer than the window."""
    found: dict[str, float] = {}
    for article_id, similarity in state.nearest(item.vector, ANN_NEIGHBOURS):
        story_id = state.story_of(article_id)
        if story_id is not None and similarity > found.get(story_id, -1.0):
            found[story_id] = similarity
    horizon = None if seen is None else seen - weights.window_days * _DAY
    for key in item.join_keys:
        postings = state.key_postings(key)
        if len(postings) > MAX_POSTINGS:
            continue
        for story_id, last in postings.items():
            if story_id not in found and (horizon is None or not last or last >= horizon):
                found.setdefault(story_id, 0.0)
    if len(found) > MAX_CANDIDATES:
        found = dict(sorted(found.items(), key=lambda kv: -kv[1])[:MAX_CANDIDATES])
    return found


def _quiet(story: StoryRecord, seen: float | None, weights: Weights) -> bool:
    if seen is None or story.last_seen is None:
        return False  # an undated article or story: no evidence that it is quiet
    return seen - story.last_seen > weights.window_days * _DAY


def score(item: LinkInput, story: StoryRecord, best: float, key_weights: dict[str, float],
          weights: Weights) -> float:
    """The join score of an article for one story (see the module's docstring)."""
    centroid_cos = 0.0
    if story.centroid is not None:
        norm = float(np.linalg.norm(story.centroid))
        if norm > 0:
            centroid_cos = float(np.dot(story.centroid, item.vector.reshape(-1)) / norm)
    if best <= 0.0:  # found through its entities only: no neighbour's cosine
        best = centroid_cos
    total = sum(key_weights.values())
    members = max(1, len(story.articles))
    shared = sum(w * min(1.0, story.keys[k] / members) ** SPECIFICITY
                 for k, w in key_weights.items() if k in story.keys)
    overlap = shared / total if total > 0 else 0.0
    proximity = _time_proximity(item.event_days, story.event_days) if weights.time else 0.5
    return (weights.emb_best * best + (1 - weights.emb_best) * centroid_cos
            + weights.entity * overlap + weights.time * (proximity - 0.5))


def assign(item: LinkInput, state: LinkState, weights: Weights | None = None) -> Assignment:
    """Put one article in a story (an existing one or a new one) and update the indexes."""
    weights = weights or Weights()
    _, seen = utc_published(item.published)
    candidates = _candidates(item, state, seen, weights)
    key_weights = {key: _idf(state, key) for key in item.join_keys}
    scores: dict[str, float] = {}
    for story_id, best in candidates.items():
        story = state.story(story_id)
        if _quiet(story, seen, weights):
            continue
        state.comparisons += 1
        scores[story_id] = score(item, story, best, key_weights, weights)
    chosen = max(scores, key=lambda s: (scores[s], -int(s[1:]) if s[1:].isdigit() else 0), default=None)
    if chosen is not None and scores[chosen] >= weights.threshold:
        story, created = state.story(chosen), False
    else:
        story, created = StoryRecord(id=state.new_story_id()), True
    _add_member(story, item, seen)
    state.put_story(story)
    state.add_vector(item.article_id, item.vector)
    state.add_keys(story.id, item.join_keys, seen)
    return Assignment(story.id, created, None if chosen is None else scores[chosen], len(candidates), scores)


def _add_member(story: StoryRecord, item: LinkInput, seen: float | None) -> None:
    story.articles.append(item.article_id)
    story.titles.append(item.title)
    story.languages.append(item.language)
    story.outlets.append(item.outlet)
    story.published.append(item.published)
    vector = np.asarray(item.vector, dtype=np.float32).reshape(-1)
    story.centroid = vector.copy() if story.centroid is None else story.centroid + vector
    for key in item.join_keys:
        story.keys[key] = story.keys.get(key, 0) + 1
    story.event_days.update(item.event_days)
    if seen is not None:
        story.last_seen = seen if story.last_seen is None else max(story.last_seen, seen)


def story_view(record: StoryRecord, language: str = "en") -> Story:
    """The public ``Story`` of a record: the title of its earliest article in ``language``, else
    of its earliest article (articles without a publication time count as latest, in input order)."""
    moments = [utc_published(p) for p in record.published]

    def order(i: int) -> tuple[int, float, int]:
        seconds = moments[i][1]
        return (0, seconds, i) if seconds is not None else (1, 0.0, i)

    by_time = sorted(range(len(record.articles)), key=order)
    titled = [i for i in by_time if record.titles[i]]
    in_language = [i for i in titled if record.languages[i] == language]
    pick = (in_language or titled or [-1])[0]
    dated = [(moments[i][1], moments[i][0]) for i in by_time if moments[i][1] is not None]
    return Story(
        id=record.id,
        title=None if pick < 0 else record.titles[pick],
        articles=tuple(record.articles),
        first_seen=min(dated)[1] if dated else None,
        last_updated=max(dated)[1] if dated else None,
        languages=tuple(sorted({lang for lang in record.languages if lang})),
        outlets=tuple(sorted({outlet for outlet in record.outlets if outlet})),
    )


def link_stories(items: Iterable[LinkInput], state: LinkState,
                 weights: Weights | None = None) -> list[Assignment]:
    """Assign each article in turn (the order given is the order of arrival)."""
    return [assign(item, state, weights) for item in items]


def stories_of(state: LinkState, language: str = "en") -> list[Story]:
    return [story_view(record, language) for record in state.stories()]


def flat_clusters(assignments: Sequence[Assignment]) -> list[str]:
    """The story id of each article, in order (for scoring against gold clusters)."""
    return [a.story_id for a in assignments]
