"""English time expressions: the grammar, a table of regular expressions each paired with the
resolver in ``times_en_rules`` that turns its match into a TIMEX3 value, and the passes that
join or refine what the table found.

Month and weekday names must be capitalised (so the verbs "may" and "march" are not read as
months); the other words match in any case. Values are TIMEX3 strings (see ``times_core``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from functools import lru_cache

from wirewatch.annotate.times import en_refs as x
from wirewatch.annotate.times import en_rules as r
from wirewatch.annotate.times.core import Rule, Timex, apply_rules, resolve_anaphora
from wirewatch.model import Span

# Abbreviations need their full stop: "Jan" alone is as likely a first name.
_MONTH = (r"(?P<mon>Jan(?:uary|\.)|Feb(?:ruary|\.)|Mar(?:ch|\.)|Apr(?:il|\.)|May|June?|"
          r"July?|Aug(?:ust|\.)|Sept(?:ember|\.)|Sep\.|Oct(?:ober|\.)|Nov(?:ember|\.)|"
          r"Dec(?:ember|\.))(?![\w])")
_WEEKDAY = (r"(?P<wd>Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?:'s|\u2019s)?")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?P<year>(?:1[6-9]|20)\d\d)(?![\d%])"
_NUM = (r"(?P<num>\d{1,3}(?:\.\d+)?(?!\d)|a couple of|couple of|a|an|one|two|three|four|"
        r"five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
        r"nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ]\w+)?|"
        r"hundred|several|a few|few|many|some)")
_UNIT = r"(?P<unit>second|minute|hour|day|week|month|quarter|year|decade|centur)(?P<pl>s|ies|y)?"
_Y1 = r"(?P<y1>(?:1[6-9]|20)\d\d)"
_Y2 = r"(?P<y2>(?:1[6-9]|20)\d\d|\d\d)(?![\d%])"
_ANAPHOR_UNIT = r"(?P<au>day|morning|afternoon|evening|night|week|month|quarter|year)"
_WD_PREFIX = rf"(?:{_WEEKDAY.replace('?P<wd>', '')},?\s+)?"

@lru_cache(maxsize=1)
def rules() -> list[Rule]:
    """The grammar, compiled once. Longer matches win over shorter overlapping ones."""
    i = re.IGNORECASE
    tod = r"(?:\s+(?P<tod>(?i:morning|afternoon|evening)))?"
    table: list[tuple[str, object, int]] = [
        # Anaphors first: on a tie with a span rule ("the following year") they win.
        (r"\b(?:(?:earlier|later|late|early)\s+)?(?:that|the\s+same|that\s+same)\s+"
         rf"{_ANAPHOR_UNIT}\b", x.anaphoric, i),
        (rf"\bthe\s+(?P<dir>following|next|previous|preceding)\s+{_ANAPHOR_UNIT}\b",
         x.anaphoric, i),
        (r"\bthe\s+(?P<au>day|week|month|year)\s+(?P<dir>before|after)(?=\s*(?:[,.;:!?]|$))",
         x.anaphoric, i),
        (rf"\b(?i:the)\s+(?P<dir>(?i:following|next|previous|preceding))\s+{_WEEKDAY}",
         x.anaphoric_weekday, 0),
        (r"\b(?:(?:earlier|later)\s+in\s+)?the\s+(?:(?:full|whole|entire|fiscal)\s+)?year\b"
         r"(?![-\u2019']|\s+(?:ago|earlier|before|after|later|or\b|and\b))", x.the_year, i),
        (rf"\b(?:(?P<mod>(?i:last|next|this))\s+)?{x.HOLIDAY_PATTERN}(?:['\u2019]s)?"
         rf"(?P<dayw>\s+Day)?(?P<weekw>\s+week)?(?:,?\s+(?:of\s+)?{_YEAR})?\b", x.holiday, 0),
        (rf"\b{_WD_PREFIX}{_MONTH}\s+{_DAY},?\s+{_YEAR}", r.full_date, 0),
        (rf"\b{_WD_PREFIX}{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}", r.full_date, 0),
        (rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}", r.month_of_year, 0),
        (rf"\b{_WD_PREFIX}{_MONTH}\s+{_DAY}", r.month_day, 0),
        (rf"\b{_WD_PREFIX}{_DAY}\s+(?:of\s+)?{_MONTH}", r.month_day, 0),
        (rf"(?:\b(?P<prep>(?i:in|since|until|by|during|through|of|from))\s+)?(?P<t>\b(?:"
         rf"(?P<mod>(?i:last|this|next|early|late|mid|the end of|the beginning of))[\s-]+)?"
         rf"{_MONTH})", r.bare_month, 0),
        (r"\b(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)\b", r.numeric_date, 0),
        (r"\b(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d\d)\b", r.numeric_date, 0),
        (rf"\b(?:(?P<mod>(?i:last|next|this|coming))\s+)?{_WEEKDAY}{tod}\b", r.weekday, 0),
        (r"\b(?P<deic>the day before yesterday|today|tonight|tomorrow|yesterday)(?:'s|\u2019s)?"
         r"(?:\s+(?P<tod>morning|afternoon|evening|night))?\b", r.deictic_day, i),
        (r"\b(?P<which>this|last)\s+(?P<tod>morning|afternoon|evening|night)\b",
         r.this_part_of_day, i),
        (r"\b(?:(?:earlier|later)\s+)?(?P<the>the\s+)?(?P<mod>last|this|next|past|coming|previous|"
         r"current)\s+(?P<ru>week|weekend|month|(?:fiscal\s+)?year|quarter|decade|century|spring|summer|fall|"
         r"autumn|winter)\b", r.relative_unit, i),
        (r"(?:\b(?P<prep>in|during|since|by|until|through)\s+)?(?P<t>\b(?:(?P<det>the|this)\s+)?"
         r"(?P<season>spring|summer|fall|autumn|winter)(?:(?:\s+of)?,?\s+"
         rf"{_YEAR})?)(?=[\s.,;:!?)]|$)", r.season, i),
        (rf"(?P<t>(?:\b(?i:early|late|mid|the end of|the beginning of|the start of)[\s-]+)?"
         rf"(?<![\d,.$£€])\b{_YEAR})(?!\s*(?:-|\u2013|\u2014|to\b|and\b)\s*\d)", r.year, 0),
        (rf"(?:\b(?i:from)\s+)?\b{_Y1}\s*(?:-|\u2013|\u2014|\s(?i:to|through|until|till)\s)\s*{_Y2}",
         r.year_range, 0),
        (rf"\b(?i:between)\s+{_Y1}\s+(?i:and)\s+{_Y2}", r.year_range, 0),
        (r"\b(?:the\s+)?year-(?:earlier|ago)(?:\s+(?:quarter|period))?\b", r.year_earlier, i),
        (r"\b(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?:['\u2019]|\b)(?P<dec>(?:1[6-9]|20)?\d0)s\b",
         r.decade, i),
        (r"\b(?:the\s+)?(?P<cent>1\d|2[01]|[1-9])(?:st|nd|rd|th)\s+century\b", r.century, i),
        (r"\b(?:fiscal|FY)\s*(?:year\s+)?(?P<fy>(?:1[6-9]|20)\d\d|['\u2019]?\d\d)\b", r.fiscal, i),
        (r"\b(?:the\s+)?(?:(?P<qmod>this year's|last year's|year-earlier|year-ago|fiscal)\s+)?"
         r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final)[\s-]+(?P<qu>quarter|half)\b"
         rf"(?:\s+(?:of|in)\s+(?:fiscal\s+)?{_YEAR})?", r.quarter, i),
        (r"\bthe\s+(?:(?:latest|most recent|recent|just-ended|just ended)\s+(?:quarter|period)|"
         r"quarter)\b", r.latest_quarter, i),
        (r"\b(?:the|this|last|next)\s+weekend\b", r.weekend, i),
        (r"\b(?:the\s+year\s+)?(?P<spelt>nineteen[\s-]+(?:twenty|thirty|forty|fifty|sixty|seventy|"
         r"eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|two thousand"
         r"(?:[\s-]+(?:and[\s-]+)?(?:one|two|three|four|five|six|seven|eight|nine|ten))?)\b",
         r.spelt_year, i),
        (rf"\b{_NUM}[\s-]+{_UNIT}\s+(?P<dir>ago|earlier|before|later|from now|hence)\b", r.ago, i),
        (rf"\b(?:(?:the\s+)?(?:past|last|next|first|previous|coming|final|latest|following)\s+)"
         rf"?(?:{_NUM}(?P<half>\s+1/2|\s*\u00bd)?[\s-]+)(?:(?:more|additional|extra|further)\s+)?"
         rf"{_UNIT}\b", r.span, i),
        (rf"\b(?:a|an|one)\s+{_UNIT}(?P<half>\s+and\s+a\s+half)\b", r.span, i),
        (rf"\b(?:the\s+)?(?:past|last|next|first|previous|coming|final|latest|following)\s+"
         rf"{_UNIT}\b", r.span, i),
        (r"\b(?:(?:the\s+)?(?:past|last|next|coming)\s+few|recent|several|many|few|a few|the "
         r"past|the last|the coming|the next)\s+(?P<unit>second|minute|hour|day|week|month|"
         r"year|decade)s\b", r.vague_span, i),
        (r"(?:\b(?:for|in|over|within)\s+)(?P<t>(?P<unit>hour|day|week|month|year|decade)s)\b",
         r.vague_span, i),
        (rf"\b(?P<setw>every|each|per)\s+(?:{_NUM}\s+)?{_UNIT}\b", r.set, i),
        # Only the words TimeBank tags most of the time: "soon", "previously", "future" and
        # "recent" are tagged in under a third of their uses.
        (r"\b(?P<ref>now|currently|current|nowadays|these days|at present|recently|lately|"
         r"the past|the future)\b", r.ref, i),
        (r"\b(?P<setw>daily|weekly|annually|yearly|hourly)\b", r.set, i),
        (r"\b(?P<h>[012]?\d)(?:[:.](?P<min>[0-5]\d))?\s*(?P<ap>[ap]\.m\.|[ap]m\b)", r.clock, i),
        (r"\b(?P<h>[012]?\d):(?P<min>[0-5]\d)(?=\s*(?:GMT|UTC|EST|EDT|CET|MSK|local time))(?P<ap>)",
         r.clock, 0),
        (r"\b(?P<noon>noon|midnight|midday|mid-day)\b", r.noon, i),
        (r"\bthe\s+(?:(?:early|late|mid)[\s-]+)?(?P<dw>twenties|thirties|forties|fifties|sixties|"
         r"seventies|eighties|nineties)\b", r.spelt_decade, i),
        (r"\b(?P<ref>the\s+near\s+future|the\s+(?:near|short|long)\s+term|a\s+later\s+date|"
         r"(?:coming|future)\s+quarters)\b", r.ref, i),
        (r"\b(?:the\s+)?(?:year-end|end of the year)\b", r.year_end, i),
    ]
    compiled: list[Rule] = []
    for pattern, handler, flags in table:
        if handler is None:
            continue
        compiled.append(Rule(re.compile(pattern, flags), handler))  # type: ignore[arg-type]
    return compiled


_YEAR_BACK = re.compile(r"year[- ](?:earlier|ago)", re.IGNORECASE)
_QUARTER_VALUE = re.compile(r"^(\d{4})-Q(\d)$")


def _refine_year_back(found: list[Timex]) -> list[Timex]:
    """"A year earlier" in a quarterly report means the same quarter a year before: use the
    nearest quarter named before it (financial news compares quarter with quarter)."""
    out: list[Timex] = []
    quarter: re.Match[str] | None = None
    for t in found:
        match = _QUARTER_VALUE.match(t.value or "")
        if match:
            quarter = match
        elif quarter and t.value and t.value.isdigit() and _YEAR_BACK.search(t.text):
            value = f"{int(quarter.group(1)) - 1}-Q{quarter.group(2)}"
            t = replace(t, value=value, shape=value)
        out.append(t)
    return out


_CLOCK_VALUE = re.compile(r"^\d{4}-\d\d-\d\d(T\d\d:\d\d)$")
_DAY_VALUE = re.compile(r"^\d{4}-\d\d-\d\d$")
_CLOCK_DAY_GAP = re.compile(r"^(?:\s|,|EST|EDT|GMT|UTC|local time|on)*$")


def _merge_clock_and_day(found: list[Timex], text: str) -> list[Timex]:
    """"10 p.m. Wednesday", "5 p.m. EST Nov. 9": a clock time followed by the day it falls on is
    one expression, on that day rather than on the publication day."""
    out: list[Timex] = []
    for t in found:
        prev = out[-1] if out else None
        if (prev is not None and prev.kind == "TIME" and t.value and _DAY_VALUE.match(t.value)
                and _CLOCK_DAY_GAP.match(text[prev.end : t.start])):
            clock = _CLOCK_VALUE.match(prev.value or "")
            if clock:
                value = t.value + clock.group(1)
                out[-1] = replace(prev, end=t.end, text=text[prev.start : t.end], value=value,
                                  shape=value, relative=t.relative)
                continue
        out.append(t)
    return out


def find_english(text: str, anchor: date | None, sentences: Sequence[Span] | None = None) -> list[Timex]:
    """All English time expressions in ``text``, resolved against ``anchor`` where relative
    (``sentences``: the text's segmentation, see ``apply_rules``)."""
    found = apply_rules(rules(), text, anchor, sentences)
    return resolve_anaphora(_merge_clock_and_day(_refine_year_back(found), text))
