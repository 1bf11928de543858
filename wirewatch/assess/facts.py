"""What one article's claim says about its event, read off the article: who acts (a join key),
the predicate, the event's place and time, the figures it gives, the entities its sentence names.

These are the comparable parts of a claim across articles and languages: join keys are
script-independent, places are GeoNames ids, times ISO 8601 values, figures plain numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from wirewatch.model import BODY, AnnotatedArticle, ArticleEvidence, Claim, Place, Polarity

# A figure in a claim's object: digits with a decimal point or comma ("$1.2 billion", "1,2 млрд").
_FIGURE = re.compile(r"\d+(?:[.,]\d+)?")
# Seasons and other coarse values do not pin an event down enough to conflict with a date.
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclass(frozen=True)
class ClaimFacts:
    """One article's claim with the parts alignment compares."""

    article: AnnotatedArticle
    claim: Claim
    order: int  # position in the story's reading order (publication, then article, then claim)
    subject_key: str | None
    predicate: str
    place: Place | None  # the event's place; None when unsaid or only inside the object
    span: tuple[date, date] | None  # the event's time as an interval; None when unsaid or vague
    report_day: bool  # the time is the article's own publication day (often the act of reporting)
    figures: frozenset[float]
    entity_keys: frozenset[str]  # join keys of the entities named in the claim's sentences

    @property
    def article_id(self) -> str:
        return self.article.article.id

    @property
    def negative(self) -> bool:
        return self.claim.polarity in (Polarity.DENIED, Polarity.NEGATED)

    def evidence(self) -> tuple[ArticleEvidence, ...]:
        return tuple(ArticleEvidence(self.article_id, e.start, e.end) for e in self.claim.evidence)


def read_facts(article: AnnotatedArticle, claim: Claim, order: int) -> ClaimFacts:
    subject_key = None
    if claim.subject_entity is not None:
        entity = article.entity(claim.subject_entity)
        subject_key = entity.join_key or entity.key if entity is not None else None
    if subject_key is None and claim.subject:
        subject_key = "text:" + " ".join(claim.subject.casefold().split())
    span, report_day = _event_time(article, claim)
    return ClaimFacts(
        article=article,
        claim=claim,
        order=order,
        subject_key=subject_key,
        # "not_sign" negates "sign": the same predicate for contradiction finding.
        predicate=claim.predicate.casefold().removeprefix("not_"),
        place=_event_place(article, claim),
        span=span,
        report_day=report_day,
        figures=frozenset(float(f.replace(",", ".")) for f in _FIGURE.findall(claim.object or "")),
        entity_keys=_entity_keys(article, claim),
    )


def _event_place(article: AnnotatedArticle, claim: Claim) -> Place | None:
    """The claim's place, unless it is named inside the object ("bases in Central Asia",
    "a dam in Kyrgyzstan"): then it says where the thing is, not where the event happened."""
    if claim.place_index is None or not 0 <= claim.place_index < len(article.places):
        return None
    place = article.places[claim.place_index]
    inside = claim.object or ""
    if any(m.text in inside for m in place.mentions) or place.name in inside:
        return None
    return place


def _event_time(article: AnnotatedArticle, claim: Claim) -> tuple[tuple[date, date] | None, bool]:
    span = parse_span(claim.time) if claim.time else None
    published = (article.article.published or "")[:10]
    return span, bool(claim.time) and claim.time == published


def parse_span(value: str) -> tuple[date, date] | None:
    """An ISO 8601 value as a closed interval of days; None for what it cannot pin (seasons)."""
    if "/" in value:
        first, _, last = value.partition("/")
        a, b = parse_span(first), parse_span(last)
        return (a[0], b[1]) if a and b else None
    try:
        if m := _DAY.match(value):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := _MONTH.match(value):
            first_day = date(int(m[1]), int(m[2]), 1)
            next_month = (first_day + timedelta(days=32)).replace(day=1)
            return first_day, next_month - timedelta(days=1)
        if m := _YEAR.match(value):
            return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
        if m := _WEEK.match(value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + timedelta(days=6)
    except ValueError:
        return None
    return None


def _entity_keys(article: AnnotatedArticle, claim: Claim) -> frozenset[str]:
    spans = [(e.start, e.end) for e in claim.evidence]
    keys = set()
    for entity in article.entities:
        if any(m.field == BODY and any(s <= m.start < e for s, e in spans) for m in entity.mentions):
            keys.add(entity.join_key or entity.key)
    for place in article.places:
        if place.geonameid is not None and any(
            m.field == BODY and any(s <= m.start < e for s, e in spans) for m in place.mentions
        ):
            keys.add(f"geonames:{place.geonameid}")
    return frozenset(k for k in keys if k)


def places_conflict(a: Place | None, b: Place | None) -> bool:
    """Two resolved places that cannot be the same event's: different entries, neither the
    country the other lies in."""
    if a is None or b is None or a.geonameid is None or b.geonameid is None:
        return False
    if a.geonameid == b.geonameid:
        return False
    for outer, inner in ((a, b), (b, a)):
        if outer.feature == "country" and outer.country is not None and outer.country == inner.country:
            return False
    return True


def times_conflict(a: ClaimFacts, b: ClaimFacts) -> bool:
    """Two event times that do not overlap. A time that is its article's publication day is
    left out when the other is earlier: "reported on Wednesday" dates the report, not the event."""
    if a.span is None or b.span is None:
        return False
    if a.span[1] < b.span[0] or b.span[1] < a.span[0]:
        return not ((a.report_day and b.span[1] < a.span[0]) or (b.report_day and a.span[1] < b.span[0]))
    return False


def figures_conflict(a: ClaimFacts, b: ClaimFacts) -> bool:
    """Both objects give figures and none of them agree ("$1.2 billion" against "$2 billion")."""
    return bool(a.figures and b.figures and not a.figures & b.figures)
