"""Claims across articles, corroboration and grading (issue 14), as pure functions over one
story's annotated articles and their derivations, so a store can re-run it per story.

``assess_story`` aligns the articles' claims into story-level claims (``align``), traces each
report back to its origin (``origins``), links denials, negations and incompatible figures,
places and dates (``contradictions``), records non-answers, and grades each claim with reasons
that point at the sentences they count (``grading``, docs/assessment.md).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

from wirewatch.assess.align import (
    DEFAULT_THRESHOLDS,
    AlignThresholds,
    ClaimGroup,
    align,
    read_story,
    reading_order,
)
from wirewatch.assess.contradictions import (
    Link,
    assign_non_answers,
    attach_confirmations,
    find_contradictions,
)
from wirewatch.assess.facts import ClaimFacts
from wirewatch.assess.grading import (
    CREDIBILITY_WORDS,
    MIN_JUDGED,
    ON_RECORD,
    RELIABILITY_WORDS,
    Counts,
    OutletRecord,
    best_reliability,
    credibility,
    outlet_record,
)
from wirewatch.assess.inputs import DerivationLike, Derivations, sources_by_article
from wirewatch.assess.origins import StoryOutlets, origins_of, strongest
from wirewatch.model import (
    AnnotatedArticle,
    ArticleEvidence,
    ClaimMember,
    Contradiction,
    Grade,
    NonAnswer,
    Origin,
    Reason,
    StoryClaim,
)
from wirewatch.resources.embeddings import Embedder

__all__ = ["AlignThresholds", "DerivationLike", "OutletRecord", "assess_story", "outlet_record"]


def assess_story(
    story_id: str,
    articles: Sequence[AnnotatedArticle],
    derivations: Derivations,
    embedder: Embedder,
    records: Mapping[str, OutletRecord] | None = None,
    limits: AlignThresholds = DEFAULT_THRESHOLDS,
) -> list[StoryClaim]:
    """The story-level claims of one story, in order of first report. ``records``: each origin
    key's record over earlier stories (``outlet_record``); none: every reliability is F."""
    sources = sources_by_article(derivations)
    ordered = reading_order(articles, sources)
    story = read_story(ordered, embedder, sources)
    groups = attach_confirmations(story, align(story, limits))
    outlets = StoryOutlets(ordered, sources)
    traced = [origins_of(group, outlets) for group in groups]
    ids = [_claim_id(story_id, group) for group in groups]
    links = find_contradictions(story, groups, limits)
    non_answers = assign_non_answers(story, groups)
    records = records or {}
    out = []
    for i, group in enumerate(groups):
        origins = [origin for origin, _ in traced[i]]
        against = [link for link in links if link.a == i]
        contradictions = tuple(_contradiction(ids[link.b], link, groups[link.b]) for link in against)
        counts = Counts(
            independent_origins=len(origins),
            sourcing=strongest(origins),
            contradicted=bool(against),
            contradicted_on_record=any(strongest([o for o, _ in traced[link.b]]) in ON_RECORD
                                       for link in against),
        )
        digit, rule = credibility(counts)
        letter, graded_by = best_reliability(origins, records)
        quiet = tuple(_non_answer(fact) for fact in non_answers.get(i, []))
        reasons = _reasons(group, traced[i], against, ids, groups, quiet, letter, graded_by, records,
                           digit, rule)
        out.append(StoryClaim(
            id=ids[i],
            text=group.first.claim.text,
            story=story_id,
            reported_by=tuple(group.articles),
            origins=tuple(origins),
            independent_origins=len(origins),
            sourcing=counts.sourcing,
            contradicted_by=contradictions,
            non_answers=quiet,
            grade=Grade(letter, digit),
            reasons=reasons,
            members=tuple(ClaimMember(m.article_id, m.claim.id) for m in group.members),
            polarity=group.polarity,
            subject=group.first.claim.subject,
            predicate=group.first.claim.predicate,
            first_reported=group.first.article.article.published,
        ))
    return out


def _claim_id(story_id: str, group: ClaimGroup) -> str:
    # The first report names the claim: a later report joining it keeps the id.
    first = group.first
    return hashlib.sha1(f"{story_id}\x1f{first.article_id}\x1f{first.claim.id}".encode()).hexdigest()[:16]


def _evidence(reports: Sequence[ClaimFacts]) -> tuple[ArticleEvidence, ...]:
    """The first report's sentences in each article."""
    seen: dict[str, ClaimFacts] = {}
    for report in reports:
        seen.setdefault(report.article_id, report)
    return tuple(e for report in seen.values() for e in report.evidence())


def _contradiction(other_id: str, link: Link, other: ClaimGroup) -> Contradiction:
    return Contradiction(claim=other_id, kind=link.kind, articles=tuple(other.articles),
                         evidence=_evidence(other.members))


def _non_answer(fact: ClaimFacts) -> NonAnswer:
    return NonAnswer(article=fact.article_id, claim=fact.claim.id, subject=fact.claim.subject,
                     text=fact.claim.text, evidence=fact.evidence())


def _cut(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _reasons(
    group: ClaimGroup,
    traced: list[tuple[Origin, list[ClaimFacts]]],
    against: list[Link],
    ids: list[str],
    groups: list[ClaimGroup],
    quiet: tuple[NonAnswer, ...],
    letter: str,
    graded_by: Origin | None,
    records: Mapping[str, OutletRecord],
    digit: int,
    rule: str,
) -> tuple[Reason, ...]:
    articles = group.articles
    outlets = sorted({m.article.article.outlet or "unknown outlet" for m in group.members})
    reasons = [Reason(
        f"Reported by {len(articles)} article(s) ({', '.join(articles)}) from {len(outlets)} outlet(s) "
        f"({', '.join(outlets)}), which lead back to {len(traced)} independent origin(s).",
        _evidence(group.members))]
    for origin, reports in traced:
        where = f"article {origin.article}" if origin.article else "cited, not in the store"
        source = f" ({origin.source})" if origin.source else ""
        repeats = [a for a in origin.reported_by if a != origin.article]
        repeated = f"; repeated by {', '.join(repeats)}" if repeats else ""
        reasons.append(Reason(
            f"Origin: {origin.outlet or 'unknown outlet'} ({where}), "
            f"{origin.sourcing} sourcing{source}{repeated}.",
            _evidence(reports)))
    for link in against:
        other = groups[link.b]
        reasons.append(Reason(
            f"Contradicted ({link.kind}) by claim {ids[link.b]} in {', '.join(other.articles)}: "
            f"“{_cut(other.first.claim.text)}”.",
            _evidence(other.members)))
    for answer in quiet:
        who = answer.subject or "someone asked"
        reasons.append(Reason(f"Non-answer, not a denial: {who} in {answer.article}: “{_cut(answer.text)}”.",
                              answer.evidence))
    if graded_by is None:
        reasons.append(Reason("Reliability F: no origin to judge.", ()))
    else:
        record = records.get(graded_by.key, OutletRecord())
        reasons.append(Reason(
            f"Reliability {letter} ({RELIABILITY_WORDS[letter]}): the origin "
            f"{graded_by.source or graded_by.outlet} "
            f"has {record.confirmed} earlier claim(s) independently confirmed and {record.contradicted} "
            f"contradicted ({record.judged} judged; fewer than {MIN_JUDGED} is no record).",
            _evidence(next(r for o, r in traced if o is graded_by))))
    reasons.append(Reason(f"Credibility {digit} ({CREDIBILITY_WORDS[digit]}): {rule}.",
                          _evidence([m for _, reports in traced for m in reports])))
    return tuple(reasons)
