"""Shared pieces of the time-expression finder: the found-expression record, the rule type and
calendar arithmetic used to resolve relative expressions against a reference date.

Values follow TIMEX3 (TimeML) conventions internally, because they are a superset of what the
product shows: ``2021-06-16`` (day), ``2021-07`` (month), ``2021-W28`` (week), ``2021-SP``
(season), ``2021-Q3`` (quarter), ``2021`` (year), ``199`` (decade), ``P3Y`` (duration),
``PRESENT_REF``. ``wirewatch.annotate.times.stage`` maps them onto the product's ``TimeRef``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from wirewatch.model import Span
from wirewatch.sentences import regex_sentences

# Sentinel reference date used when an article has no publication date: relative rules are run
# against it only to learn the *shape* (precision) of their value, and the value is then dropped.
DUMMY_ANCHOR = date(2000, 6, 14)

# How far back (characters, same sentence) a future-tense cue may sit before a weekday or month
# name for it to be read as the next occurrence rather than the last one.
FUTURE_CUE_WINDOW = 80

_FUTURE_CUES = re.compile(
    r"\b(?:will|shall|'ll|going to|scheduled|expected to|plans? to|planned|due to|is to|are to|"
    r"next|upcoming|as soon as|as early as|planning|set to|"
    r"будет|будут|состоится|пройд[её]т|планиру\w*|намерен\w*|собира\w*|предстоящ\w*)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Anaphor:
    """How an expression refers back to a date named earlier in the text (TIMEX3 practice):
    "that day" is ``Anaphor("day")``, "the following year" ``Anaphor("year", 1)``, "that
    morning" ``Anaphor("day", suffix="TMO")``, "the previous Friday" ``Anaphor("day", -1, 4)``
    (the Friday before the referent day; ``weekday`` is Monday=0).
    """

    unit: str
    shift: int = 0
    weekday: int | None = None
    suffix: str = ""


@dataclass(frozen=True)
class Found:
    """What a rule made of one match.

    ``kind`` is the TIMEX3 type (DATE, TIME, DURATION, SET); ``relative`` is True when the value
    depended on the reference date; ``parts`` holds the endpoints of a range ("from 2001 to
    2014") as (start, end, value) so a TIMEX3 scorer can see them as two expressions.
    """

    value: str
    kind: str = "DATE"
    relative: bool = False
    parts: tuple[tuple[int, int, str], ...] = ()
    anaphor: Anaphor | None = None


@dataclass(frozen=True)
class Timex:
    """One time expression found in a text, with offsets (end exclusive).

    ``shape`` is the value computed even without an anchor (against ``DUMMY_ANCHOR``): it says
    what precision the expression has when ``value`` had to be dropped.
    """

    start: int
    end: int
    text: str
    value: str | None
    kind: str
    relative: bool
    shape: str
    parts: tuple[tuple[int, int, str], ...] = field(default=())
    anaphor: Anaphor | None = None


@dataclass(frozen=True)
class Context:
    """What a rule may look at besides its match: the whole text, the reference date and where
    the text's sentences start (sorted)."""

    text: str
    anchor: date
    sentence_starts: tuple[int, ...] = ()

    def future(self, pos: int) -> bool:
        """True when a future-tense cue precedes ``pos`` within its sentence."""
        index = bisect.bisect_right(self.sentence_starts, pos) - 1
        sentence_start = self.sentence_starts[index] if index >= 0 else 0
        window = self.text[max(0, pos - FUTURE_CUE_WINDOW, sentence_start) : pos]
        return _FUTURE_CUES.search(window) is not None


Handler = Callable[[re.Match[str], Context], Found | None]


@dataclass(frozen=True)
class Rule:
    """A compiled pattern and the function that turns its match into a value."""

    pattern: re.Pattern[str]
    handler: Handler


def iso_day(d: date) -> str:
    return d.isoformat()


def iso_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def iso_week(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def shift_quarter(year: int, quarter: int, delta: int) -> tuple[int, int]:
    index = year * 4 + (quarter - 1) + delta
    return index // 4, index % 4 + 1


def weekday_near(anchor: date, weekday: int, future: bool) -> date:
    """The given weekday on or before the anchor (on or after it in a future-tense sentence).

    A news article dated Friday that says "on Friday" means that very day, which is why the
    search includes the anchor itself (dateparser returns the Friday a week before).
    """
    if future:
        return anchor + timedelta(days=(weekday - anchor.weekday()) % 7)
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


# News mostly looks back: a month or date named without a year is taken as the nearest
# occurrence, with distances into the future counted this many times over. So in a July article
# "June" and "December" are this year's June and last December, but "August" is next month
# (TimeBank annotates near-future dates that way). A future-tense sentence drops the penalty.
FUTURE_DISTANCE_WEIGHT = 2.0


def _nearest_year(distances: dict[int, float], future: bool) -> int:
    weight = 1.0 if future else FUTURE_DISTANCE_WEIGHT
    return min(distances, key=lambda y: distances[y] * (weight if distances[y] > 0 else -1.0))


def month_year(anchor: date, month: int, future: bool) -> int:
    """The year of a month named without one: the nearest occurrence, biased to the past."""
    here = anchor.year * 12 + anchor.month
    return _nearest_year(
        {y: float(y * 12 + month - here) for y in (anchor.year - 1, anchor.year, anchor.year + 1)},
        future,
    )


def day_month_year(anchor: date, month: int, day: int, future: bool) -> int:
    """The year of a day and month named without one (same reasoning as ``month_year``)."""
    distances: dict[int, float] = {}
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        if valid_day(y, month, day):
            distances[y] = float((date(y, month, day) - anchor).days)
    return _nearest_year(distances, future) if distances else anchor.year


def season_of(d: date) -> str:
    """The TIMEX3 season code of a date (northern hemisphere, meteorological seasons)."""
    return {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP",
            6: "SU", 7: "SU", 8: "SU"}.get(d.month, "FA")


def season_year(anchor: date, season: str, future: bool) -> int:
    """The year of a season named without one: last year's when it has not started yet."""
    order = {"WI": 0, "SP": 1, "SU": 2, "FA": 3}
    current = order[season_of(anchor)]
    named = order[season]
    if future:
        return anchor.year + 1 if named < current and season != "WI" else anchor.year
    return anchor.year - 1 if named > current else anchor.year


def explicit_day(year: int, month: int, day: int) -> Found | None:
    """A fully stated date, or None when the numbers make no calendar day (February 30)."""
    return Found(iso_day(date(year, month, day))) if valid_day(year, month, day) else None


def day_without_year(anchor: date, month: int, day: int, future: bool) -> Found | None:
    """"June 16" / «16 июня»: the nearest such day to the anchor (see ``day_month_year``)."""
    if not 1 <= day <= 31:
        return None
    year = day_month_year(anchor, month, day, future)
    if not valid_day(year, month, day):
        return None
    return Found(iso_day(date(year, month, day)), relative=True)


def stepped_season_year(anchor: date, season: str, step: int, future: bool) -> int:
    """The year of "last/next/this <season>": ``step`` -1, +1 or 0 seasons from the anchor's."""
    order = ["WI", "SP", "SU", "FA"]
    named, current = order.index(season), order.index(season_of(anchor))
    if step < 0:
        return anchor.year if named < current else anchor.year - 1
    if step > 0:
        return anchor.year if named > current else anchor.year + 1
    return season_year(anchor, season, future)


def valid_day(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def select_longest(found: list[Timex]) -> list[Timex]:
    """Drop expressions overlapping a longer one (earlier start wins ties), keep text order."""
    ordered = sorted(found, key=lambda t: (-(t.end - t.start), t.start))
    kept: list[Timex] = []
    for cand in ordered:
        if all(cand.end <= k.start or cand.start >= k.end for k in kept):
            kept.append(cand)
    return sorted(kept, key=lambda t: t.start)


def apply_rules(
    rules: list[Rule], text: str, anchor: date | None, sentences: Sequence[Span] | None = None
) -> list[Timex]:
    """Run every rule over ``text``; relative values are dropped when there is no anchor.
    ``sentences`` are the text's segmentation; without one (a bare text, as in the TIMEX3
    benchmark) the punctuation fallback of ``wirewatch.sentences`` is used."""
    if sentences is None:
        sentences = regex_sentences(text)
    starts = tuple(sorted(s.start for s in sentences))
    ctx = Context(text=text, anchor=anchor or DUMMY_ANCHOR, sentence_starts=starts)
    found: list[Timex] = []
    for rule in rules:
        for m in rule.pattern.finditer(text):
            # A rule may match context words ("on", "last") and report only group "t".
            start, end = m.span("t") if "t" in rule.pattern.groupindex else m.span()
            if end <= start:
                continue
            result = rule.handler(m, ctx)
            if result is None:
                continue
            unresolved = anchor is None and result.relative
            found.append(
                Timex(
                    start=start,
                    end=end,
                    text=text[start:end],
                    value=None if unresolved else result.value,
                    kind=result.kind,
                    relative=result.relative,
                    shape=result.value,
                    parts=() if unresolved else result.parts,
                    anaphor=result.anaphor,
                )
            )
    return select_longest(found)


# How fine a referent must be for each unit an anaphor can ask for: "that day" needs a day,
# "that month" a day or a month, "that year" anything with a year (a week or a quarter may
# straddle two months or years, so it only serves the units it contains).
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4}
_SERVES = {"day": {"day"}, "week": {"day", "week"}, "month": {"day", "month"},
           "quarter": {"day", "month", "quarter"}, "year": set(_PRECISION_RANK)}
_CALENDAR_VALUE = re.compile(
    r"^(?P<y>\d{4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d))?|W(?P<w>\d\d)(?:-WE)?|Q(?P<q>\d)|H\d|"
    r"SP|SU|FA|WI))?(?:T.*)?$"
)


def calendar_point(value: str) -> tuple[str, date] | None:
    """The precision and first day of a calendar value (``2021-06-16``, ``2021-W28``,
    ``2021-07``, ``2021-Q3``, ``2021``); None for durations, references, decades."""
    m = _CALENDAR_VALUE.match(value)
    if m is None:
        return None
    year = int(m.group("y"))
    if m.group("d"):
        return ("day", date(year, int(m.group("m")), int(m.group("d"))))
    if m.group("m"):
        return ("month", date(year, int(m.group("m")), 1))
    if m.group("w"):
        return ("week", date.fromisocalendar(year, int(m.group("w")), 1))
    if m.group("q"):
        return ("quarter", date(year, 3 * int(m.group("q")) - 2, 1))
    return ("year", date(year, 1, 1))


def _precision(value: str) -> str | None:
    point = calendar_point(value)
    return point[0] if point else None


def refer(anaphor: Anaphor, point: date) -> str:
    """The value an anaphor takes when its referent falls on (or begins with) ``point``."""
    if anaphor.weekday is not None:
        step = 1 if anaphor.shift > 0 else -1
        return iso_day(weekday_near(point + timedelta(days=step), anaphor.weekday, step > 0))
    if anaphor.unit == "day":
        day = iso_day(point + timedelta(days=anaphor.shift))
        return f"{day}T{anaphor.suffix}" if anaphor.suffix else day
    if anaphor.unit == "week":
        return iso_week(point + timedelta(weeks=anaphor.shift))
    if anaphor.unit == "month":
        return iso_month(*shift_months(point.year, point.month, anaphor.shift))
    if anaphor.unit == "quarter":
        year, q = shift_quarter(point.year, quarter_of(point), anaphor.shift)
        return f"{year}-Q{q}"
    return str(point.year + anaphor.shift)


def resolve_anaphora(found: list[Timex]) -> list[Timex]:
    """Resolve "that day", "the following year"... against the latest date named before them
    that is fine enough (TIMEX3 practice), in text order, so one anaphor can serve the next.

    The result is relative (anchor "published") when that referent was, explicit when it was
    explicit, unresolved when it was unresolved. Without a referent the value the rule gave
    (counted from the publication date, "that day" = the day of publication) stays.
    """
    referents: list[Timex] = []
    out: list[Timex] = []
    for t in found:
        if t.anaphor is not None:
            wanted = _SERVES[t.anaphor.unit]
            referent = next((r for r in reversed(referents) if _precision(r.shape) in wanted),
                            None)
            if referent is not None:
                point = calendar_point(referent.value) if referent.value else None
                value = refer(t.anaphor, point[1]) if point else None
                t = replace(t, value=value, shape=refer(t.anaphor, DUMMY_ANCHOR),
                            relative=referent.relative)
        if t.kind in ("DATE", "TIME") and calendar_point(t.shape) is not None:
            referents.append(t)
        out.append(t)
    return out
