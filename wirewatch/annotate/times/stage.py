
"""The times stage: every time expression in an article's body, normalised against its
publication date.

Finding and resolving are done by our own grammars (``times_en``, ``times_ru``) which produce
TIMEX3-style values; this module turns those into the product's ``TimeRef``:

- ``anchor`` is ``explicit`` when the text alone fixes the value ("September 11, 2001"),
  ``published`` when it was resolved against ``Article.published`` ("yesterday", "June 16",
  "on Friday"), ``unresolved`` (value None) when it is relative and the publication date is
  unknown: never a guess. Anaphors ("that day", "the following year", "the previous Friday")
  are resolved against the latest date named before them and take that date's anchor (the
  chain ends in the text or in the publication date); with no such date, against publication.
- precision: day, week, month, season (value ``2021-SP``, TIMEX3 season codes SP/SU/FA/WI),
  year, interval (``2001/2014``; quarters, halves, decades and centuries become intervals of
  months or years, e.g. ``2021-07/2021-09``).
- Not shown as TimeRefs, on purpose: durations ("three years"), recurrences ("every week"),
  vague spans ("in recent days", "recent weeks": they name no point or stretch one could put on
  a timeline), PRESENT_REF / PAST_REF words ("now", "recently"), bare clock times and fiscal
  years (whose calendar bounds vary by organisation). The TIMEX3 benchmark still scores them.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime

from wirewatch.annotate.times.core import Timex, select_longest
from wirewatch.annotate.times.en import find_english
from wirewatch.annotate.times.ru import find_russian
from wirewatch.model import AnnotatedArticle, Article, Span, TimeAnchor, TimePrecision, TimeRef
from wirewatch.resources.article_parse import ArticleParse

_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_DAY = re.compile(r"^(\d{4}-\d\d-\d\d)(?:T.*)?$")
_WEEK = re.compile(r"^(\d{4}-W\d\d)$")
_WEEKEND = re.compile(r"^(\d{4})-W(\d\d)-WE$")
_MONTH = re.compile(r"^\d{4}-\d\d$")
_SEASON = re.compile(r"^\d{4}-(?:SP|SU|FA|WI)$")
_YEAR = re.compile(r"^\d{4}$")
_RANGE = re.compile(r"^\d{4}/\d{4}$")
_PART = re.compile(r"^(\d{4})-([QH])(\d)$")
_DECADE = re.compile(r"^\d{3}$")
_CENTURY = re.compile(r"^\d{2}$")


def parse_anchor(published: str | None) -> date | None:
    """The calendar day of an ISO 8601 publication date or datetime; None if it names no day."""
    if not published or len(published) < 10:
        return None
    try:
        return datetime.fromisoformat(published.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(published[:10])
        except ValueError:
            return None


def find_times(
    text: str, language: str | None, anchor: date | None, sentences: Sequence[Span] | None = None
) -> list[Timex]:
    """TIMEX3-style expressions in ``text``: the grammar of its language, or both grammars when
    the language is unknown (Russian only where the text has Cyrillic letters). ``sentences``
    is the text's segmentation (None: the punctuation fallback of ``wirewatch.sentences``)."""
    lang = (language or "").lower()[:2]
    if lang == "ru":
        return find_russian(text, anchor, sentences)
    if lang == "en":
        return find_english(text, anchor, sentences)
    found = find_english(text, anchor, sentences)
    if _CYRILLIC.search(text):
        found = select_longest(found + find_russian(text, anchor, sentences))
    return found


def product_value(value: str) -> tuple[str, TimePrecision] | None:
    """Map a TIMEX3 value onto the product's (value, precision), or None when not shown."""
    day = _DAY.match(value)
    if day and (value == day.group(1) or re.search(r"T(?:MO|AF|EV|NI)$", value)):
        return day.group(1), TimePrecision.DAY
    weekend = _WEEKEND.match(value)
    if weekend:  # TIMEX3's "2026-W24-WE": its Saturday and Sunday, not the whole week
        iso_year, week_number = int(weekend.group(1)), int(weekend.group(2))
        saturday, sunday = (date.fromisocalendar(iso_year, week_number, day) for day in (6, 7))
        return f"{saturday.isoformat()}/{sunday.isoformat()}", TimePrecision.INTERVAL
    week = _WEEK.match(value)
    if week:
        return week.group(1), TimePrecision.WEEK
    if _MONTH.match(value):
        return value, TimePrecision.MONTH
    if _SEASON.match(value):
        return value, TimePrecision.SEASON
    if _YEAR.match(value):
        return value, TimePrecision.YEAR
    if _RANGE.match(value):
        return value, TimePrecision.INTERVAL
    part = _PART.match(value)
    if part:
        year, kind, n = part.group(1), part.group(2), int(part.group(3))
        months = 3 if kind == "Q" else 6
        first = (n - 1) * months + 1
        return f"{year}-{first:02d}/{year}-{first + months - 1:02d}", TimePrecision.INTERVAL
    if _DECADE.match(value):
        return f"{value}0/{value}9", TimePrecision.INTERVAL
    if _CENTURY.match(value):
        return f"{value}00/{value}99", TimePrecision.INTERVAL
    return None


def to_time_ref(timex: Timex) -> TimeRef | None:
    """The product's view of one expression (None for durations, sets and vague references)."""
    shaped = product_value(timex.shape)
    if shaped is None:
        return None
    precision = shaped[1]
    if timex.value is None:
        return TimeRef(timex.text, timex.start, timex.end, None, precision, TimeAnchor.UNRESOLVED)
    resolved = product_value(timex.value)
    if resolved is None:
        return None
    anchor = TimeAnchor.PUBLISHED if timex.relative else TimeAnchor.EXPLICIT
    return TimeRef(timex.text, timex.start, timex.end, resolved[0], resolved[1], anchor)


def annotate_times(
    text: str, language: str | None, published: str | None, sentences: Sequence[Span] | None = None
) -> list[TimeRef]:
    """The product's time references in ``text`` (a pure function of its arguments)."""
    refs = (to_time_ref(t) for t in find_times(text, language, parse_anchor(published), sentences))
    return [r for r in refs if r is not None]


def field_times(article: Article, parses: Mapping[str, ArticleParse]) -> list[TimeRef]:
    """The time references of the article's title, subtitle and captions (``parses``: their
    parses by field name), resolved against its publication date like the body's, each in its
    ``field``."""
    texts = article.extra_fields()
    return [
        dataclasses.replace(ref, field=field)
        for field, parsed in parses.items()
        for ref in annotate_times(texts[field], article.language, article.published, parsed.sentences)
    ]


class TimeAnnotator:
    """Pipeline stage filling ``AnnotatedArticle.times``. Holds no model: the grammars are
    compiled on first use and cached per process."""

    name = "times"
    requires = ("sentences",)
    produces = ("times",)

    def __call__(self, doc: AnnotatedArticle, parsed: ArticleParse) -> AnnotatedArticle:
        article = doc.article
        refs = annotate_times(article.body, article.language, article.published, parsed.sentences)
        return dataclasses.replace(doc, times=tuple(refs))
