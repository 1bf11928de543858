"""English expressions that name a date through something else: an earlier date in the text
("that day", "the following year", "the previous Friday") or a holiday ("Thanksgiving",
"Christmas Eve", "Easter"). Resolvers for the grammar in ``times_en``.

Anaphors get a value counted from the reference date (the publication date) here; the pass
``times_core.resolve_anaphora`` then re-counts it from the latest date named before them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from wirewatch.annotate.times.core import (
    FUTURE_DISTANCE_WEIGHT,
    Anaphor,
    Context,
    Found,
    iso_day,
    iso_week,
    refer,
)

TIMES_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_DIRECTIONS = {"following": 1, "next": 1, "after": 1, "later": 1,
               "previous": -1, "preceding": -1, "before": -1, "earlier": -1}
# Before "the following year" these make it a stretch of time (TimeML tags "for the following
# year" as a duration, which the span rules produce), not a point.
_DURATION_CUE = re.compile(r"\b(?:over|for|within|throughout|during)\s+$", re.IGNORECASE)
# "the next day" points back to a referent, but "the next week/month/year" in news nearly
# always counts forward from publication ("next week" in other words): left to other rules.
_NEXT_ANAPHORIC = frozenset({"day", "morning", "afternoon", "evening", "night"})


def _anaphor_found(anaphor: Anaphor, ctx: Context) -> Found:
    kind = "TIME" if anaphor.suffix else "DATE"
    return Found(refer(anaphor, ctx.anchor), kind=kind, relative=True, anaphor=anaphor)


def anaphoric(m: re.Match[str], ctx: Context) -> Found | None:
    """"that day", "later that year", "the same month", "the following year", "the day
    before", "that morning": the unit of a date named earlier, shifted by the direction word."""
    word = m.group("au").lower()
    direction = (m.groupdict().get("dir") or "").lower()
    if direction == "next" and word not in _NEXT_ANAPHORIC:
        return None
    if direction and _DURATION_CUE.search(ctx.text[max(0, m.start() - 20) : m.start()]):
        return None
    unit = "day" if word in TIMES_OF_DAY else word
    anaphor = Anaphor(unit, _DIRECTIONS.get(direction, 0), suffix=TIMES_OF_DAY.get(word, ""))
    return _anaphor_found(anaphor, ctx)


def anaphoric_weekday(m: re.Match[str], ctx: Context) -> Found | None:
    """"the previous Friday", "the following Monday": that weekday before or after the day
    named earlier."""
    shift = _DIRECTIONS[m.group("dir").lower()]
    return _anaphor_found(Anaphor("day", shift, WEEKDAYS[m.group("wd")[:3].lower()]), ctx)


def the_year(m: re.Match[str], ctx: Context) -> Found | None:
    """"for the year", "the full year", "the fiscal year": the year being reported on, taken
    as the reference year; "the year ended March 31" is a twelve-month period (TimeML: P1Y)."""
    if re.match(r"\s+(?:ended|ending|to\b)", ctx.text[m.end() :]):
        return Found("P1Y", kind="DURATION")
    return Found(str(ctx.anchor.year), relative=True)


def easter(year: int) -> date:
    """Western Easter Sunday (the Gregorian computus, in its "anonymous" arithmetic form)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday of a month (n = -1: the last one)."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _fixed(month: int, day: int) -> Callable[[int], date]:
    return lambda year: date(year, month, day)


# Holidays whose date is fixed by rule each year; keys are lower case, "'s" and "day" optional
# in the pattern. US ones are included because English-language wire copy uses them bare.
HOLIDAYS: dict[str, Callable[[int], date]] = {
    "christmas eve": _fixed(12, 24),
    "christmas": _fixed(12, 25),
    "boxing": _fixed(12, 26),
    "new year's eve": _fixed(12, 31),
    "new year": _fixed(1, 1),
    "valentine": _fixed(2, 14),
    "halloween": _fixed(10, 31),
    "independence": _fixed(7, 4),
    "bastille": _fixed(7, 14),
    "veterans": _fixed(11, 11),
    "armistice": _fixed(11, 11),
    "easter": easter,
    "good friday": lambda year: easter(year) - timedelta(days=2),
    "easter monday": lambda year: easter(year) + timedelta(days=1),
    "thanksgiving": lambda year: nth_weekday(year, 11, 3, 4),
    "labor": lambda year: nth_weekday(year, 9, 0, 1),
    "memorial": lambda year: nth_weekday(year, 5, 0, -1),
    # US federal elections: the Tuesday after the first Monday of November.
    "election": lambda year: nth_weekday(year, 11, 0, 1) + timedelta(days=1),
}
HOLIDAY_PATTERN = (r"(?P<hol>Christmas\s+Eve|Christmas|Boxing|New\s+Year's\s+Eve|New\s+Year|"
                   r"Valentine|Halloween|Independence|Bastille|Veterans|Armistice|"
                   r"Good\s+Friday|Easter\s+Monday|Easter|Thanksgiving|Labou?r|Memorial|Election)")
# Names that are a holiday only with "Day": "Labor" alone is the party, "Independence" the idea.
_NEEDS_DAY = frozenset({"boxing", "valentine", "independence", "bastille", "veterans",
                        "armistice", "labor", "memorial", "election"})


def holiday(m: re.Match[str], ctx: Context) -> Found | None:
    """A holiday: in the year given, else the nearest occurrence with the same past bias as a
    month and day named without a year ("last" and "next" pick the one before or after).
    "Easter week" is the week the holiday falls in."""
    name = re.sub(r"\s+", " ", m.group("hol").lower()).replace("labour", "labor")
    if name in _NEEDS_DAY and not m.group("dayw"):
        return None
    when = HOLIDAYS[name]
    week = bool(m.group("weekw"))
    if m.group("year"):
        day = when(int(m.group("year")))
        return Found(iso_week(day) if week else iso_day(day))
    mod = (m.group("mod") or "").lower()
    a = ctx.anchor
    this_year = when(a.year)
    if mod == "this":
        day = this_year
    elif mod == "next":
        day = this_year if this_year > a else when(a.year + 1)
    elif mod == "last":
        day = this_year if this_year < a else when(a.year - 1)
    else:
        weight = 1.0 if ctx.future(m.start()) else FUTURE_DISTANCE_WEIGHT
        candidates = [when(y) for y in (a.year - 1, a.year, a.year + 1)]
        day = min(candidates, key=lambda d: (d - a).days * (weight if d > a else -1.0))
    return Found(iso_week(day) if week else iso_day(day), relative=True)
