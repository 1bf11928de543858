"""A readable digest of an analysis, for people at a terminal (``--format summary``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from wirewatch.model import AnnotatedArticle, Derivation, InputError, Story, StoryClaim

MAX_LISTED = 8
QUOTE_CHARS = 90


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _article_lines(doc: AnnotatedArticle) -> list[str]:
    a = doc.article
    lines = [f"■ {a.title or '(untitled)'}"]
    facts = [
        f"outlet: {a.outlet or 'unknown'}",
        f"published: {a.published or 'unknown'}",
        f"language: {a.language or '?'}",
    ]
    if a.translated_from:
        facts.append(f"translated from {a.translated_from}")
    if a.original_outlet:
        facts.append(f"original: {a.original_outlet}")
    lines.append("  " + " · ".join(facts))
    lines.append(
        f"  {len(a.paragraphs())} paragraphs, {len(a.body.split())} words, "
        f"{len(a.comments)} reader comment(s)   [{a.source}]"
    )
    if doc.skipped:
        # One reason is the common case (the language): say it once.
        reasons = "; ".join(dict.fromkeys(s.reason.split(": ")[0] for s in doc.skipped))
        lines.append(f"  not annotated: {', '.join(s.annotation for s in doc.skipped)} ({reasons})")
    by_type: dict[str, list[str]] = {}
    for entity in doc.entities:
        by_type.setdefault(str(entity.type), []).append(entity.name)
    for kind in ("person", "organization", "outlet", "place"):
        names = by_type.get(kind, [])
        if names:
            more = f" (+{len(names) - MAX_LISTED})" if len(names) > MAX_LISTED else ""
            lines.append(f"  {kind}s: {', '.join(names[:MAX_LISTED])}{more}")
    if doc.places:
        lines.append("  map: " + ", ".join(
            f"{p.name} ({p.country or '?'})" for p in doc.places[:MAX_LISTED]))
    resolved = [t for t in doc.times if t.value]
    if doc.times:
        lines.append("  when: " + ", ".join(f"{t.text} → {t.value or '?'}" for t in resolved[:MAX_LISTED])
                     + f"  ({len(doc.times) - len(resolved)} unresolved)")
    for quote in doc.quotes[:MAX_LISTED]:
        who = quote.speaker or quote.speaker_description or "?"
        lines.append(f"  “{_clip(quote.text, QUOTE_CHARS)}” — {who}")
    if doc.citations:
        lines.append("  cites: " + ", ".join(sorted({c.outlet for c in doc.citations})))
    return lines


def _derivation_lines(derivations: Sequence[Derivation], names: dict[str, str]) -> list[str]:
    """Who copied whom: each article by its outlet (or title) and what it derives from."""
    lines = []
    for d in derivations:
        source = d.derived_from
        origin = names.get(source.article, source.article) if source.article else source.outlet or "unknown"
        lines.append(f"      {names.get(d.article, d.article)} ← {origin} ({d.kind})")
    return lines


def _claim_lines(claims: Sequence[StoryClaim]) -> list[str]:
    """Each story-level claim with its grade, independent origins and what stands against it."""
    lines = []
    for claim in claims:
        grade = f"{claim.grade.reliability}{claim.grade.credibility}"
        against = (f"; contradicted by {len(claim.contradicted_by)}" if claim.contradicted_by else "") + (
            f"; {len(claim.non_answers)} non-answer(s)" if claim.non_answers else "")
        lines.append(f"      [{grade}] {_clip(claim.text, QUOTE_CHARS)}")
        lines.append(f"          {claim.independent_origins} independent origin(s), {claim.sourcing}; "
                     f"reported by {len(claim.reported_by)} article(s){against}")
    return lines


def _story_lines(stories: Sequence[Story], derivations: Sequence[Derivation],
                 claims: Sequence[StoryClaim], names: dict[str, str]) -> list[str]:
    lines = [f"{len(stories)} stor{'y' if len(stories) == 1 else 'ies'}:"]
    for story in stories:
        span = " to ".join(dict.fromkeys(t for t in (story.first_seen, story.last_updated) if t)) or "undated"
        lines.append(f"  {story.id}  {_clip(story.title or '(untitled)', 80)}")
        lines.append(f"      {len(story.articles)} article(s), {span}; languages: "
                     f"{', '.join(story.languages) or '?'}; outlets: {', '.join(story.outlets) or '?'}")
        members = set(story.articles)
        lines.extend(_derivation_lines([d for d in derivations if d.article in members], names))
        lines.extend(_claim_lines([c for c in claims if c.story == story.id]))
    lines.append("")
    return lines


def summary_text(articles: Sequence[AnnotatedArticle], errors: Sequence[InputError] = (),
                 stories: Sequence[Story] = (), derivations: Sequence[Derivation] = (),
                 claims: Sequence[StoryClaim] = ()) -> str:
    lines: list[str] = []
    for doc in articles:
        lines.extend(_article_lines(doc))
        lines.append("")
    if stories:
        names = {doc.article.id: doc.article.outlet or _clip(doc.article.title or doc.article.id, 40)
                 for doc in articles}
        lines.extend(_story_lines(stories, derivations, claims, names))
    types = Counter(str(e.type) for doc in articles for e in doc.entities)
    lines.append(
        f"{len(articles)} article(s); entities: "
        + ", ".join(f"{n} {t}" for t, n in types.most_common())
        + (f"; {len(errors)} input(s) failed (see stderr)" if errors else "")
    )
    return "\n".join(lines) + "\n"
