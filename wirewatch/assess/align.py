"""Align the claims of one story's articles into story-level claims.

Two articles' claims state the same fact when they have the same subject (one join key), and
their sentences say the same thing across languages (multilingual sentence embeddings: a cosine
of the claim sentences above a threshold that depends on how much the structured parts agree),
and nothing pins them to different events: no conflicting place, time or figure (Russia's offer
in Geneva is not Russia's offer in Tashkent). Clustering is greedy in reading order: each claim
joins the group it is most similar to, if it agrees with every member of it (complete linkage on
the constraints), else starts its own. Non-answers are not facts and are left to
``contradictions.assign_non_answers``; confirmations ("the ministry confirmed that ...") are
grouped apart and joined to the fact they confirm by ``contradictions.attach_confirmations``.

Thresholds (cosine, USE-multilingual v3), calibrated as a set on the demo corpus and the seeds
(docs/assessment.md): a Russian sentence and its English rewrite score 0.5-0.8, sentences of one
story about different facts 0.1-0.5.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from wirewatch.assess.facts import ClaimFacts, figures_conflict, places_conflict, read_facts, times_conflict
from wirewatch.assess.inputs import Source
from wirewatch.model import AnnotatedArticle, Polarity
from wirewatch.resources.embeddings import Embedder, Vectors
from wirewatch.resources.lexicon import CONFIRM_LEMMAS, RU_CONFIRM_STEMS


@dataclass(frozen=True)
class AlignThresholds:
    # Same subject and predicate: the sentences need only be about the same thing.
    same_predicate: float = 0.45
    # Same subject, another predicate ("allocate" / "put up"): the sentences must say the same
    # (a spokesman's "Russia is always ready to help" scores 0.66 against the offer it dodges).
    same_subject: float = 0.72
    # No subject to compare on one side (an unnamed "the government"): near-copies only.
    unknown_subject: float = 0.75


DEFAULT_THRESHOLDS = AlignThresholds()


@dataclass
class ClaimGroup:
    """Per-article claims that state one fact; ``members`` in reading order."""

    members: list[ClaimFacts] = field(default_factory=list)

    @property
    def first(self) -> ClaimFacts:
        return self.members[0]

    @property
    def polarity(self) -> Polarity:
        return self.first.claim.polarity

    @property
    def articles(self) -> list[str]:
        seen: dict[str, None] = {}
        for member in self.members:
            seen.setdefault(member.article_id)
        return list(seen)


@dataclass(frozen=True)
class StoryFacts:
    """A story's claims read for comparison, with one embedding per claim (unit rows)."""

    facts: list[ClaimFacts]
    vectors: Vectors

    def similarity(self, a: ClaimFacts, b: ClaimFacts) -> float:
        return float(self.vectors[a.order] @ self.vectors[b.order])


def reading_order(
    articles: Sequence[AnnotatedArticle], sources: Mapping[str, Sequence[Source]] | None = None
) -> list[AnnotatedArticle]:
    """Articles by publication (an undated article last), then, among those published alike
    (often only the day is known), sources before what derives from them, then id: the order
    reports appeared."""
    depth = _derivation_depths([a.article.id for a in articles], sources or {})
    return sorted(articles, key=lambda a: (a.article.published is None, a.article.published or "",
                                           depth[a.article.id], a.article.id))


def _derivation_depths(ids: Sequence[str], sources: Mapping[str, Sequence[Source]]) -> dict[str, int]:
    """Each article's number of derivation steps back to an article of ``ids`` deriving from
    none of them (a cycle counts its first step once)."""
    known = set(ids)
    depths: dict[str, int] = {}

    def depth(article: str, path: frozenset[str]) -> int:
        if article not in depths:
            parents = [s.article for s in sources.get(article, ())
                       if s.article in known and s.article not in path]
            depths[article] = 1 + max((depth(p, path | {article}) for p in parents if p), default=-1)
        return depths[article]

    for article in ids:
        depth(article, frozenset())
    return depths


def read_story(
    articles: Sequence[AnnotatedArticle],
    embedder: Embedder,
    sources: Mapping[str, Sequence[Source]] | None = None,
) -> StoryFacts:
    facts: list[ClaimFacts] = []
    for article in reading_order(articles, sources):
        for claim in article.claims:
            facts.append(read_facts(article, claim, len(facts)))
    texts = [f.claim.text for f in facts]
    unique = sorted(set(texts))
    vectors = embedder.embed(unique) if unique else np.zeros((0, 1), dtype=np.float32)
    row = {text: i for i, text in enumerate(unique)}
    per_claim: Vectors = vectors[[row[t] for t in texts]] if facts else vectors
    return StoryFacts(facts, per_claim)


def threshold(a: ClaimFacts, b: ClaimFacts, limits: AlignThresholds) -> float | None:
    """The cosine two claims need to align, or None when their subjects differ."""
    if a.subject_key is None or b.subject_key is None:
        return limits.unknown_subject
    if a.subject_key != b.subject_key:
        return None
    return limits.same_predicate if a.predicate == b.predicate else limits.same_subject


def is_confirmation(fact: ClaimFacts) -> bool:
    """An affirmed "X confirmed that ..." (the lexicon's confirming verbs): it corroborates another
    claim rather than stating a fact of its subject's."""
    predicate = fact.predicate
    return fact.claim.polarity is Polarity.AFFIRMED and (
        predicate in CONFIRM_LEMMAS or predicate.startswith(RU_CONFIRM_STEMS))


def same_event(a: ClaimFacts, b: ClaimFacts) -> bool:
    return not (places_conflict(a.place, b.place) or times_conflict(a, b) or figures_conflict(a, b))


def align(story: StoryFacts, limits: AlignThresholds = DEFAULT_THRESHOLDS) -> list[ClaimGroup]:
    """Group the story's facts and denials (each polarity apart); non-answers are left out."""
    groups: list[ClaimGroup] = []
    for fact in story.facts:
        if fact.claim.polarity is Polarity.NON_ANSWER:
            continue
        best: tuple[float, ClaimGroup] | None = None
        for group in groups:
            if group.polarity is not fact.claim.polarity:
                continue
            if is_confirmation(group.first) != is_confirmation(fact):
                continue
            if not all(same_event(fact, m) and threshold(fact, m, limits) is not None for m in group.members):
                continue
            # The best member the claim is close enough to, by that pair's own threshold.
            passing = [s for m in group.members
                       if (s := story.similarity(fact, m)) >= (threshold(fact, m, limits) or 2.0)]
            if not passing:
                continue
            score = max(passing)
            if best is None or score > best[0]:
                best = (score, group)
        if best is None:
            groups.append(ClaimGroup([fact]))
        else:
            best[1].members.append(fact)
    return groups
