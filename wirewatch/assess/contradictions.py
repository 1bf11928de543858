"""Contradictions between story-level claims, and the non-answers recorded against them.

- A denial ("Uzbekistan denied that its minister took part") contradicts the fact it denies: the
  affirmed group whose sentences are most similar to the denial's, sharing at least one named
  entity or place with it, above ``DENIAL_MATCH``.
- A negation ("did not sign") contradicts the affirmation of the same subject and predicate
  ("signed") when their sentences agree above the alignment's same-predicate threshold.
- Two affirmations of the same subject and predicate whose sentences agree above
  ``SAME_FACT`` but give different figures, places or dates state one fact incompatibly
  (alignment kept them apart for exactly that reason).
- A confirmation ("the ministry confirmed that a draft was discussed") is matched the same way
  and its reports join the fact it confirms (``attach_confirmations``).
- A non-answer ("the Kremlin did not comment") is never a denial: it is recorded against the
  claims its article reports that rest on anonymous sources (what the reporter sought comment
  on: a claim any of whose reports says its sources are anonymous), or,
  when its article reports none, against the story's most similar anonymously sourced claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wirewatch.assess.align import AlignThresholds, ClaimGroup, StoryFacts, is_confirmation
from wirewatch.assess.facts import ClaimFacts, figures_conflict, places_conflict, times_conflict
from wirewatch.model import ContradictionKind, Polarity, Sourcing

# A denial's sentence against the denied report's (cosine): denials reword the report they deny
# ("denied that its minister had taken part in secret talks") well below a rewrite's 0.5-0.8.
DENIAL_MATCH = 0.35
# A confirmation's sentence against the confirmed report's. A confirmation answers the report in
# circulation: among the facts it is this close to, it goes to the one most articles report
# (the Kyrgyz ministry's "draft was discussed" scores 0.51-0.71 against five facts of its story).
CONFIRM_MATCH = 0.5
# Two affirmations about one fact, near-paraphrases apart from the figure, place or date.
SAME_FACT = 0.6


@dataclass(frozen=True)
class Link:
    """Group ``a`` is contradicted by group ``b`` (indexes into the group list)."""

    a: int
    b: int
    kind: ContradictionKind


def _best(story: StoryFacts, x: ClaimGroup, y: ClaimGroup) -> float:
    return max(story.similarity(m, n) for m in x.members for n in y.members)


def _same_structure(x: ClaimGroup, y: ClaimGroup) -> list[tuple[ClaimFacts, ClaimFacts]]:
    return [(m, n) for m in x.members for n in y.members
            if m.subject_key is not None and m.subject_key == n.subject_key and m.predicate == n.predicate]


def _keys(group: ClaimGroup) -> frozenset[str]:
    return frozenset().union(*(m.entity_keys for m in group.members))


def _target(story: StoryFacts, groups: Sequence[ClaimGroup], group: ClaimGroup, least: float,
            *, most_reported: bool = False) -> int | None:
    """The affirmed fact a denial or confirmation answers, among those that share a named entity
    or place with it, were reported no later than it, and whose closest sentence scores ``least``
    or more: the most similar one, or (``most_reported``) the one most articles report."""
    keys = _keys(group)
    scored = [(len(other.articles) if most_reported else 0, _best(story, group, other), j)
              for j, other in enumerate(groups)
              if other is not group and other.polarity is Polarity.AFFIRMED
              and not is_confirmation(other.first)
              and keys & _keys(other) and other.first.order <= group.members[-1].order]
    passing = [row for row in scored if row[1] >= least]
    return max(passing)[2] if passing else None


def attach_confirmations(story: StoryFacts, groups: list[ClaimGroup]) -> list[ClaimGroup]:
    """Each confirmation's reports joined to the fact it confirms, so its origin (the confirming
    official on the record) counts as one of that fact's origins; an unmatched one stays a fact."""
    merged = [ClaimGroup(list(g.members)) for g in groups]
    for i, group in enumerate(groups):
        if not is_confirmation(group.first):
            continue
        j = _target(story, groups, group, CONFIRM_MATCH, most_reported=True)
        if j is not None:
            merged[j].members.extend(group.members)
            merged[j].members.sort(key=lambda m: m.order)
            merged[i].members.clear()
    return [g for g in merged if g.members]


def find_contradictions(
    story: StoryFacts, groups: Sequence[ClaimGroup], limits: AlignThresholds
) -> list[Link]:
    links: list[Link] = []
    affirmed = [i for i, g in enumerate(groups) if g.polarity is Polarity.AFFIRMED]
    for i, group in enumerate(groups):
        if group.polarity is Polarity.NEGATED:
            for j in affirmed:
                pairs = _same_structure(group, groups[j])
                if any(story.similarity(m, n) >= limits.same_predicate for m, n in pairs):
                    links += [Link(j, i, ContradictionKind.NEGATION), Link(i, j, ContradictionKind.NEGATION)]
        elif group.polarity is Polarity.DENIED:
            target = _target(story, groups, group, DENIAL_MATCH)
            if target is not None:
                j = target
                links += [Link(j, i, ContradictionKind.DENIAL), Link(i, j, ContradictionKind.DENIAL)]
    for x, i in enumerate(affirmed):
        for j in affirmed[x + 1:]:
            kind = _conflict(story, groups[i], groups[j])
            if kind is not None:
                links += [Link(i, j, kind), Link(j, i, kind)]
    return links


def _conflict(story: StoryFacts, x: ClaimGroup, y: ClaimGroup) -> ContradictionKind | None:
    for m, n in _same_structure(x, y):
        if story.similarity(m, n) < SAME_FACT:
            continue
        if figures_conflict(m, n):
            return ContradictionKind.FIGURE
        if places_conflict(m.place, n.place):
            return ContradictionKind.PLACE
        if times_conflict(m, n):
            return ContradictionKind.DATE
    return None


def assign_non_answers(story: StoryFacts, groups: Sequence[ClaimGroup]) -> dict[int, list[ClaimFacts]]:
    """Group index -> the non-answers recorded against it."""
    out: dict[int, list[ClaimFacts]] = {}
    anonymous = [i for i, g in enumerate(groups)
                 if g.polarity is Polarity.AFFIRMED
                 and any(m.claim.sourcing is Sourcing.ANONYMOUS for m in g.members)]
    for fact in story.facts:
        if fact.claim.polarity is not Polarity.NON_ANSWER:
            continue
        here = [i for i in anonymous if fact.article_id in groups[i].articles]
        if not here and anonymous:
            here = [max(anonymous, key=lambda i: max(story.similarity(fact, m) for m in groups[i].members))]
        for i in here:
            out.setdefault(i, []).append(fact)
    return out
