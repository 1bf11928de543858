"""Where each report of a claim comes from: origins found by following derivations and citations.

A report's origin is found in this order (docs/assessment.md):
1. on the record (a named person, an official body, a document, the denier of a denial): the
   speaker is the origin of their own statement, however many outlets carry it;
2. relayed ("Delovoy Vestnik reported, citing sources"): the outlet the claim names as its channel;
3. otherwise the root of the article's derivations (its citation, translation, reuse or wire
   source, followed back; a cycle stops at its earliest article), or the article itself when it
   derives from nothing: its outlet's own reporting.
Reports with one origin key are one origin: ten rewrites of one scoop count once, and an outlet
repeating its own anonymous scoop does not confirm it. ``independent_origins`` counts the keys.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from wirewatch.assess.align import ClaimGroup
from wirewatch.assess.facts import ClaimFacts
from wirewatch.assess.inputs import Source
from wirewatch.join_keys import name_join_key, name_key, outlet_join_key
from wirewatch.model import AnnotatedArticle, EntityType, Origin, OriginSourcing, Sourcing, SpeakerType

# Strongest first: the story-level claim's sourcing is its strongest origin's.
SOURCING_STRENGTH = (OriginSourcing.OFFICIAL, OriginSourcing.NAMED, OriginSourcing.DOCUMENT,
                     OriginSourcing.ANONYMOUS, OriginSourcing.UNKNOWN)
_ON_RECORD = (Sourcing.NAMED, Sourcing.OFFICIAL, Sourcing.DENIAL)


@dataclass(frozen=True)
class Trace:
    """One report's origin before reports are merged by key."""

    key: str
    outlet: str | None
    article: str | None
    source: str | None
    sourcing: OriginSourcing
    report: ClaimFacts


class StoryOutlets:
    """The story's articles by id and by outlet, and what each derives from."""

    def __init__(self, articles: Sequence[AnnotatedArticle], sources: Mapping[str, list[Source]]) -> None:
        self.by_id = {a.article.id: a for a in articles}
        self.sources = sources
        # Each outlet's articles in reading order, by the outlet's cross-script name key (one
        # for "Kavkazsky Express" and «Кавказский экспресс», whose slugs differ).
        self.of_outlet: dict[str, list[AnnotatedArticle]] = {}
        for article in articles:
            outlet = outlet_of(article)
            if outlet:
                self.of_outlet.setdefault(name_key(outlet), []).append(article)

    def outlet_key(self, article: AnnotatedArticle) -> str:
        outlet = outlet_of(article)
        return outlet_join_key(outlet) if outlet else f"article:{article.article.id}"

    def earliest(self, outlet: str, reporting: set[str]) -> AnnotatedArticle | None:
        """The outlet's earliest article in the story that reports the claim, else its earliest
        (the report a relay names is the one that carries the claim)."""
        articles = self.of_outlet.get(name_key(outlet), [])
        return next((a for a in articles if a.article.id in reporting), articles[0] if articles else None)

    def root(
        self, article: AnnotatedArticle, reporting: set[str]
    ) -> tuple[AnnotatedArticle | None, str | None]:
        """The article (in the story) or cited outlet (name) that ``article`` derives from, followed
        back; a source that itself reports the claim is preferred, and a citation is followed
        only to a source that reports the claim (``_leads_to``).
        (article, None) or (None, outlet)."""
        seen = [article.article.id]
        current = article
        while True:
            options = [s for s in self.sources.get(current.article.id, []) if _leads_to(s, reporting)]
            if not options:
                return current, None
            ranked = sorted(options, key=lambda s: (s.article not in reporting, s.article not in self.by_id))
            source = ranked[0]
            if source.article in self.by_id:
                if source.article in seen:  # a cycle: its earliest article is the root
                    return next(self.by_id[i] for i in self.by_id if i in seen), None
                seen.append(source.article)
                current = self.by_id[source.article]
                continue
            if source.outlet:
                earliest = self.earliest(source.outlet, reporting)
                if earliest is not None and earliest.article.id not in seen:
                    seen.append(earliest.article.id)
                    current = earliest
                    continue
                return None, source.outlet
            return current, None


def _leads_to(source: Source, reporting: set[str]) -> bool:
    """Whether a claim of the derived article may come from ``source``: copied text
    (translation, reuse, wire) carries all it says; a citation only what the cited report says,
    so a citation is followed only to a source that reports the claim, or to an outlet that is
    only cited (nothing to check), and a mention never otherwise."""
    if source.kind != "citation" or source.article in reporting:
        return True
    return source.role != "mention" and source.article is None


def outlet_of(article: AnnotatedArticle) -> str | None:
    """The article's outlet; for a page that only says it translates another outlet, that one's."""
    return article.article.outlet or article.article.original_outlet


def trace(report: ClaimFacts, story: StoryOutlets, reporting: set[str]) -> Trace:
    claim, article = report.claim, report.article
    channel = _channel_name(report)
    relay_only = _speaker_is_channel(report, channel)
    # 1. On the record: the speaker (or the body that speaks for itself) is the origin. An
    #    outlet that only relays the claim ("Freight Review reported that ...") is its channel.
    if claim.sourcing in _ON_RECORD and not relay_only:
        speaker_id = claim.attributed_entity or (None if claim.attributed_to else claim.subject_entity)
        entity = article.entity(speaker_id) if speaker_id else None
        name = entity.name if entity is not None else (claim.attributed_to or claim.subject)
        if name:
            key = (entity.join_key if entity is not None and entity.join_key
                   else name_join_key(name, EntityType.OTHER))
            return Trace(f"speaker:{key}", outlet_of(article), article.article.id, name,
                         _on_record_sourcing(report, entity.type if entity else None), report)
    sourcing = OriginSourcing.ANONYMOUS if claim.sourcing is Sourcing.ANONYMOUS else OriginSourcing.UNKNOWN
    source = None if relay_only else claim.attributed_to
    # 2. Relayed by another outlet the claim names: that outlet's report of it, followed back.
    own = outlet_of(article)
    if channel is not None and (own is None or name_key(channel) != name_key(own)):
        earliest = story.earliest(channel, reporting)
        if earliest is None:
            return Trace(outlet_join_key(channel), channel, None, source, sourcing, report)
        root, _ = story.root(earliest, reporting)
        origin = root or earliest
        return Trace(story.outlet_key(origin), outlet_of(origin), origin.article.id, source, sourcing, report)
    # 3. The root of the article's derivations, or the article itself.
    root, cited = story.root(article, reporting)
    if root is None:
        assert cited is not None
        return Trace(outlet_join_key(cited), cited, None, source, sourcing, report)
    return Trace(story.outlet_key(root), outlet_of(root), root.article.id, source, sourcing, report)


def _channel_name(report: ClaimFacts) -> str | None:
    """The outlet that relayed the claim, by name (its entity's name when it has one)."""
    claim = report.claim
    if claim.channel_entity:
        entity = report.article.entity(claim.channel_entity)
        if entity is not None:
            return entity.name
    return claim.channel


def _speaker_is_channel(report: ClaimFacts, channel: str | None) -> bool:
    """Whether the claim is attributed only to the outlet that relayed it: a report of a
    report, not that outlet speaking on the record about the fact."""
    claim = report.claim
    if channel is None:
        return False
    if claim.attributed_entity is not None and claim.attributed_entity == claim.channel_entity:
        return True
    return claim.attributed_to is not None and name_key(claim.attributed_to) == name_key(channel)


def _on_record_sourcing(report: ClaimFacts, speaker_type: EntityType | None) -> OriginSourcing:
    spans = [(e.start, e.end) for e in report.claim.evidence]
    for quote in report.article.quotes:
        overlaps = any(s < quote.end and quote.start < e for s, e in spans)
        if quote.speaker_type is SpeakerType.DOCUMENT and overlaps:
            return OriginSourcing.DOCUMENT
    if report.claim.sourcing is Sourcing.NAMED or speaker_type is EntityType.PERSON:
        return OriginSourcing.NAMED
    return OriginSourcing.OFFICIAL


def origins_of(group: ClaimGroup, story: StoryOutlets) -> list[tuple[Origin, list[ClaimFacts]]]:
    """The group's origins in order of first report, each with the reports that lead to it."""
    reporting = set(group.articles)
    merged: dict[str, list[Trace]] = {}
    for report in group.members:
        t = trace(report, story, reporting)
        merged.setdefault(t.key, []).append(t)
    out = []
    for key, traces in merged.items():
        # The most specific sourcing any report gives (a relay's "citing sources" says the
        # origin's are anonymous when the origin's own sentence does not).
        sourcing = min((t.sourcing for t in traces), key=SOURCING_STRENGTH.index)
        # The origin's own article: the one the traces lead to, else the earliest report.
        first = traces[0]
        reported_by = list(dict.fromkeys(t.report.article_id for t in traces))
        origin = Origin(
            outlet=first.outlet,
            article=first.article,
            source=next((t.source for t in traces if t.source), None),
            sourcing=sourcing,
            reported_by=tuple(reported_by),
            key=key,
        )
        out.append((origin, [t.report for t in traces]))
    return out


def strongest(origins: Sequence[Origin]) -> OriginSourcing:
    return min((o.sourcing for o in origins), key=SOURCING_STRENGTH.index, default=OriginSourcing.UNKNOWN)
