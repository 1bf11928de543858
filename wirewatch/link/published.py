"""Publication order of two articles, from ``Article.published`` as stated (never guessed).

A stated value is a window, not a point: a date alone ("2026-06-17") could be any moment of
that day in any time zone, a time without a zone any moment within the zones' spread, a month
any day of it. One article is *before* another only when its window ends before the other's
starts; otherwise (overlap, or a date missing) the order is unknown and the caller says so.
Two plain dates are the exception: they are ordered by the calendar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

# Local time zones span UTC-12..UTC+14: a local date or time is this uncertain in UTC.
_ZONE_SPREAD_BEFORE = timedelta(hours=14)
_ZONE_SPREAD_AFTER = timedelta(hours=12)

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Window:
    """The earliest and latest UTC moments a stated publication time allows."""

    earliest: datetime
    latest: datetime


def window(published: str | None) -> Window | None:
    """The window of a stated ``published`` value; None when absent or unreadable."""
    if not published:
        return None
    text = published.strip()
    try:
        if "T" in text or " " in text:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
            if moment.tzinfo is not None:
                point = moment.astimezone(UTC)
                return Window(point, point)
            naive = moment.replace(tzinfo=UTC)
            return Window(naive - _ZONE_SPREAD_BEFORE, naive + _ZONE_SPREAD_AFTER)
        month = _MONTH.match(text)
        year = _YEAR.match(text)
        if month:
            first = date(int(month.group(1)), int(month.group(2)), 1)
            last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        elif year:
            first, last = date(int(year.group(1)), 1, 1), date(int(year.group(1)), 12, 31)
        else:
            first = last = date.fromisoformat(text)
    except ValueError:
        return None
    start = datetime(first.year, first.month, first.day, tzinfo=UTC) - _ZONE_SPREAD_BEFORE
    end = datetime(last.year, last.month, last.day, tzinfo=UTC) + timedelta(days=1) + _ZONE_SPREAD_AFTER
    return Window(start, end)


def before(a: str | None, b: str | None) -> bool | None:
    """True when ``a`` was surely published before ``b``, False when surely after, None when the
    stated times cannot tell (missing, or windows that overlap)."""
    if a and b and _DATE.match(a.strip()) and _DATE.match(b.strip()):
        # Two dates: the calendar orders them (outlets of one story rarely write their dates a
        # whole day apart in zones); the same date is unordered.
        da, db = a.strip(), b.strip()
        return None if da == db else da < db
    wa, wb = window(a), window(b)
    if wa is None or wb is None:
        return None
    if wa.latest < wb.earliest:
        return True
    if wb.latest < wa.earliest:
        return False
    return None


def not_after(a: str | None, b: str | None) -> bool:
    """True unless ``a`` was surely published after ``b`` (a possible source of ``b``)."""
    return before(a, b) is not False


def sort_key(published: str | None) -> tuple[int, datetime]:
    """Earliest first; undated last."""
    found = window(published)
    if found is None:
        return (1, datetime.max.replace(tzinfo=UTC))
    return (0, found.earliest)
