"""English time expressions: a small grammar of regular expressions, each with its resolver.

Month and weekday names must be capitalised (so the verbs "may" and "march" are not read as
months); the other words match in any case. Values are TIMEX3 strings (see ``times_core``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache

from wirewatch.annotate.times_core import (
    Context,
    Found,
    Rule,
    Timex,
    apply_rules,
    day_month_year,
    iso_day,
    iso_month,
    iso_week,
    month_year,
    quarter_of,
    season_of,
    season_year,
    shift_months,
    shift_quarter,
    valid_day,
    weekday_near,
)

MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
          "sep": 9, "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
           "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
           "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
           "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
           "couple": 2, "a couple of": 2, "half a": 0}
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
            "4th": 4}
# TIMEX3 duration unit codes; time units go after "T".
UNITS = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M",
         "quarter": "Q", "year": "Y", "decade": "DE", "centur": "CE"}
TIME_UNITS = {"second", "minute", "hour"}
TIMES_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
# Words that, right after a bare four-digit number, show it counts things rather than years.
COUNT_NOUNS = frozenset({
    "people", "men", "women", "children", "troops", "soldiers", "police", "personnel", "feet",
    "metres", "meters", "miles", "km", "tons", "tonnes", "dollars", "euros", "barrels", "units",
    "cases", "votes", "seats", "jobs",
})

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
_WD_PREFIX = rf"(?:{_WEEKDAY.replace('?P<wd>', '')},?\s+)?"


def _month(m: re.Match[str]) -> int:
    return MONTHS[m.group("mon")[:3].lower()]


def _number(word: str) -> int | None:
    """An integer for a number word or digits; None for vague ones (several, a few)."""
    word = word.lower().replace("-", " ")
    if word[:1].isdigit():
        return int(float(word)) if float(word).is_integer() else None
    if word in NUMBERS:
        return NUMBERS[word]
    parts = word.split()
    if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS:
        return NUMBERS[parts[0]] + NUMBERS[parts[1]]
    return None


def _duration(n: int | None, unit: str) -> str:
    count = "X" if n is None else str(n)
    code = UNITS["centur" if unit.startswith("centur") else unit]
    return f"PT{count}{code}" if unit in TIME_UNITS else f"P{count}{code}"


def _full_date(m: re.Match[str], ctx: Context) -> Found | None:
    year, month, day = int(m.group("year")), _month(m), int(m.group("day"))
    return Found(iso_day(date(year, month, day))) if valid_day(year, month, day) else None


def _month_day(m: re.Match[str], ctx: Context) -> Found | None:
    month, day = _month(m), int(m.group("day"))
    if not 1 <= day <= 31:
        return None
    year = day_month_year(ctx.anchor, month, day, ctx.future(m.start()))
    if not valid_day(year, month, day):
        return None
    return Found(iso_day(date(year, month, day)), relative=True)


def _month_of_year(m: re.Match[str], ctx: Context) -> Found | None:
    return Found(iso_month(int(m.group("year")), _month(m)))


def _bare_month(m: re.Match[str], ctx: Context) -> Found | None:
    mod = (m.group("mod") or "").lower()
    if m.group("mon") == "May" and not (mod or m.group("prep")):
        return None  # "May" alone is as often the modal verb at a sentence start.
    month = _month(m)
    future = mod == "next" or ctx.future(m.start())
    year = ctx.anchor.year if mod == "this" else month_year(ctx.anchor, month, future)
    if mod == "last" and month >= ctx.anchor.month:
        year = ctx.anchor.year - 1
    return Found(iso_month(year, month), relative=True)


def _numeric_date(m: re.Match[str], ctx: Context) -> Found | None:
    year, month, day = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    year += 1900 if year < 100 and year >= 30 else 2000 if year < 100 else 0
    return Found(iso_day(date(year, month, day))) if valid_day(year, month, day) else None


def _weekday(m: re.Match[str], ctx: Context) -> Found | None:
    wd = WEEKDAYS[m.group("wd")[:3].lower()]
    mod = (m.group("mod") or "").lower()
    a = ctx.anchor
    if mod == "last":
        day = weekday_near(a - timedelta(days=1), wd, future=False)
    elif mod in ("next", "coming", "this"):
        day = weekday_near(a + timedelta(days=1), wd, future=True)
    else:
        day = weekday_near(a, wd, ctx.future(m.start()))
    return _with_time_of_day(day, m.group("tod"))


def _with_time_of_day(day: date, tod: str | None) -> Found:
    if tod:
        return Found(f"{iso_day(day)}T{TIMES_OF_DAY[tod.lower()]}", kind="TIME", relative=True)
    return Found(iso_day(day), relative=True)


def _deictic_day(m: re.Match[str], ctx: Context) -> Found | None:
    word = m.group("deic").lower()
    shift = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}.get(word, 0)
    if "before yesterday" in word:
        shift = -2
    day = ctx.anchor + timedelta(days=shift)
    tod = "night" if word == "tonight" else m.group("tod")
    return _with_time_of_day(day, tod)


def _this_part_of_day(m: re.Match[str], ctx: Context) -> Found | None:
    shift = -1 if m.group("which").lower() == "last" else 0
    return _with_time_of_day(ctx.anchor + timedelta(days=shift), m.group("tod"))


def _relative_unit(m: re.Match[str], ctx: Context) -> Found | None:
    mod = m.group("mod").lower().split()[-1]
    word = m.group("ru").lower().split()[-1]
    if m.group("the") and mod in ("past", "last"):
        # "the past year" is a stretch of time, "last year" a calendar year (TIMEX3 convention).
        if word in SEASONS or word == "weekend":
            return None
        return Found(_duration(1, word.rstrip("s")), kind="DURATION")
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(mod, 0)
    a = ctx.anchor
    if word == "week":
        return Found(iso_week(a + timedelta(weeks=step)), relative=True)
    if word == "weekend":
        return Found(iso_week(a + timedelta(weeks=step)) + "-WE", relative=True)
    if word == "month":
        return Found(iso_month(*shift_months(a.year, a.month, step)), relative=True)
    if word == "quarter":
        year, q = shift_quarter(a.year, quarter_of(a), step)
        return Found(f"{year}-Q{q}", relative=True)
    if word == "year":
        return Found(str(a.year + step), relative=True)
    if word == "decade":
        return Found(str(a.year // 10 + step), relative=True)
    if word == "century":
        return Found(f"{a.year // 100 + step:02d}", relative=True)
    season = SEASONS[word]
    order = ["WI", "SP", "SU", "FA"]
    named, current = order.index(season), order.index(season_of(a))
    if step < 0:
        year = a.year if named < current else a.year - 1
    elif step > 0:
        year = a.year if named > current else a.year + 1
    else:
        year = season_year(a, season, ctx.future(m.start()))
    return Found(f"{year}-{season}", relative=True)


def _season(m: re.Match[str], ctx: Context) -> Found | None:
    if not (m.group("prep") or m.group("det") or m.group("year")):
        return None  # "prices fall", "a spring": a season needs "the", "this", "in" or a year.
    season = SEASONS[m.group("season").lower()]
    if m.group("year"):
        return Found(f"{m.group('year')}-{season}")
    year = season_year(ctx.anchor, season, ctx.future(m.start()))
    return Found(f"{year}-{season}", relative=True)


def _plausible_year(m: re.Match[str], ctx: Context) -> bool:
    """A bare four-digit number is a year unless it is money, a number or a count of things."""
    before = ctx.text[max(0, m.start("year") - 3) : m.start("year")]
    if before.rstrip().endswith(("$", "#", "No", "№", "£", "€")):
        return False
    after = ctx.text[m.end() : m.end() + 20].split()
    return not (after and after[0].lower().strip(".,;:") in COUNT_NOUNS)


def _year(m: re.Match[str], ctx: Context) -> Found | None:
    return Found(m.group("year")) if _plausible_year(m, ctx) else None


def _two_digit_year(text: str, century_of: str) -> str:
    return century_of[:2] + text[-2:] if len(text) == 2 else text


def _year_range(m: re.Match[str], ctx: Context) -> Found | None:
    first = m.group("y1")
    last = _two_digit_year(m.group("y2"), first)
    if int(last) <= int(first):
        return None
    parts = ((m.start("y1"), m.end("y1"), first), (m.start("y2"), m.end("y2"), last))
    return Found(f"{first}/{last}", parts=parts)


def _decade(m: re.Match[str], ctx: Context) -> Found | None:
    digits = m.group("dec")
    if len(digits) == 2:
        digits = ("19" if int(digits) >= 30 else "20") + digits
    return Found(digits[:3])


def _century(m: re.Match[str], ctx: Context) -> Found | None:
    return Found(f"{int(m.group('cent')) - 1:02d}")


def _fiscal(m: re.Match[str], ctx: Context) -> Found | None:
    year = m.group("fy")
    return Found("FY" + (_two_digit_year(year.lstrip("'\u2019"), "19") if len(year) <= 3 else year))


def _quarter(m: re.Match[str], ctx: Context) -> Found | None:
    n = ORDINALS.get(m.group("ord").lower(), 4)
    half = m.group("qu").lower() == "half"
    a = ctx.anchor
    if m.group("year"):
        year, relative = int(m.group("year")), False
    else:
        relative = True
        current = (a.month - 1) // 6 + 1 if half else quarter_of(a)
        year = a.year if n <= current or ctx.future(m.start()) else a.year - 1
        if (m.group("qmod") or "").lower() in ("last year's", "year-earlier", "year-ago"):
            year -= 1
    return Found(f"{year}-{'H' if half else 'Q'}{n}", relative=relative)


def _latest_quarter(m: re.Match[str], ctx: Context) -> Found | None:
    year, q = shift_quarter(ctx.anchor.year, quarter_of(ctx.anchor), -1)
    return Found(f"{year}-Q{q}", relative=True)


def _ago(m: re.Match[str], ctx: Context) -> Found | None:
    n = _number(m.group("num"))
    unit = m.group("unit").lower()
    if n is None or unit in TIME_UNITS:
        return Found(_duration(n, unit), kind="DURATION") if n is None else None
    a = ctx.anchor
    direction = m.group("dir").lower()
    if direction in ("earlier", "later", "before") and unit in ("day", "week", "month"):
        # "three days later" counts from an event in the text, not from publication.
        return Found(_duration(n, unit), kind="DURATION")
    sign = 1 if direction in ("later", "from now", "hence") else -1
    if unit == "day":
        return Found(iso_day(a + timedelta(days=sign * n)), relative=True)
    if unit == "week":
        return Found(iso_week(a + timedelta(weeks=sign * n)), relative=True)
    if unit == "month":
        return Found(iso_month(*shift_months(a.year, a.month, sign * n)), relative=True)
    if unit == "quarter":
        year, q = shift_quarter(a.year, quarter_of(a), sign * n)
        return Found(f"{year}-Q{q}", relative=True)
    if unit == "year":
        return Found(str(a.year + sign * n), relative=True)
    if unit == "decade":
        return Found(str(a.year // 10 + sign * n), relative=True)
    return Found(f"{a.year // 100 + sign * n:02d}", relative=True)


def _span(m: re.Match[str], ctx: Context) -> Found | None:
    if ctx.text[m.end() : m.end() + 4].lower() in ("-old", " old"):
        return None  # "a 35-year-old man" is an age, not a stretch of time.
    unit = m.group("unit").lower()
    if unit == "centur" and m.group("pl") not in ("y", "ies"):
        return None
    num = m.groupdict().get("num")
    if unit in ("second", "quarter") and (num or "").lower() in ("a", "an", "one", ""):
        return None  # "a second time", "a quarter of the vote"
    if unit == "quarter" and ctx.text[m.end() : m.end() + 3] == " of":
        return None  # "three-quarters of"
    n = _number(num) if num else 1
    return Found(_duration(n, unit), kind="DURATION")


def _vague_span(m: re.Match[str], ctx: Context) -> Found | None:
    return Found(_duration(None, m.group("unit").lower()), kind="DURATION")


def _set(m: re.Match[str], ctx: Context) -> Found | None:
    word = m.group("setw").lower()
    unit = {"dai": "day", "week": "week", "month": "month", "annual": "year", "year": "year",
            "quarter": "quarter", "hour": "hour"}
    for prefix, name in unit.items():
        if word.startswith(prefix):
            return Found(_duration(1, name), kind="SET")
    num = m.groupdict().get("num")
    return Found(_duration(_number(num) if num else 1, m.group("unit").lower()), kind="SET")


def _ref(m: re.Match[str], ctx: Context) -> Found | None:
    word = m.group("ref").lower()
    if word in ("recently", "recent", "the past", "previously", "formerly", "lately"):
        return Found("PAST_REF")
    if word in ("soon", "the future", "future", "shortly"):
        return Found("FUTURE_REF")
    return Found("PRESENT_REF")


def _clock(m: re.Match[str], ctx: Context) -> Found | None:
    hour = int(m.group("h"))
    minute = int(m.group("min") or 0)
    ampm = (m.group("ap") or "").lower()
    if (hour > 12 and ampm) or hour > 23:
        return None
    hour += 12 if ampm.startswith("p") and hour < 12 else 0
    hour -= 12 if ampm.startswith("a") and hour == 12 else 0
    return Found(f"{iso_day(ctx.anchor)}T{hour:02d}:{minute:02d}", kind="TIME", relative=True)


def _noon(m: re.Match[str], ctx: Context) -> Found | None:
    clock = "12:00" if m.group("noon").lower() == "noon" else "24:00"
    return Found(f"{iso_day(ctx.anchor)}T{clock}", kind="TIME", relative=True)


def _weekend(m: re.Match[str], ctx: Context) -> Found | None:
    word = m.group(0).lower().split()[0]
    a = ctx.anchor
    if word == "next" or (word == "this" and a.weekday() < 5 and ctx.future(m.start())):
        day = weekday_near(a + timedelta(days=1), 5, future=True)
    else:
        day = weekday_near(a, 5, future=word == "this" and a.weekday() < 5)
        if word == "last":
            day = weekday_near(a - timedelta(days=2), 5, future=False)
    return Found(iso_week(day) + "-WE", relative=True)


def _spelt_year(m: re.Match[str], ctx: Context) -> Found | None:
    words = m.group("spelt").lower().replace("-", " ").replace(" and ", " ").split()
    if words[0] == "two":
        return Found(str(2000 + sum(NUMBERS[w] for w in words[2:])))
    return Found(str(1900 + sum(NUMBERS[w] for w in words[1:])))


def _year_earlier(m: re.Match[str], ctx: Context) -> Found | None:
    return Found(str(ctx.anchor.year - 1), relative=True)


def _year_end(m: re.Match[str], ctx: Context) -> Found | None:
    return Found(str(ctx.anchor.year), relative=True)


@lru_cache(maxsize=1)
def rules() -> list[Rule]:
    """The grammar, compiled once. Longer matches win over shorter overlapping ones."""
    i = re.IGNORECASE
    tod = r"(?:\s+(?P<tod>(?i:morning|afternoon|evening)))?"
    table: list[tuple[str, object, int]] = [
        (rf"\b{_WD_PREFIX}{_MONTH}\s+{_DAY},?\s+{_YEAR}", _full_date, 0),
        (rf"\b{_WD_PREFIX}{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}", _full_date, 0),
        (rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}", _month_of_year, 0),
        (rf"\b{_WD_PREFIX}{_MONTH}\s+{_DAY}", _month_day, 0),
        (rf"\b{_WD_PREFIX}{_DAY}\s+(?:of\s+)?{_MONTH}", _month_day, 0),
        (rf"(?:\b(?P<prep>(?i:in|since|until|by|during|through|of|from))\s+)?(?P<t>\b(?:"
         rf"(?P<mod>(?i:last|this|next|early|late|mid|the end of|the beginning of))[\s-]+)?"
         rf"{_MONTH})", _bare_month, 0),
        (r"\b(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)\b", _numeric_date, 0),
        (r"\b(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d\d)\b", _numeric_date, 0),
        (rf"\b(?:(?P<mod>(?i:last|next|this|coming))\s+)?{_WEEKDAY}{tod}\b", _weekday, 0),
        (r"\b(?P<deic>the day before yesterday|today|tonight|tomorrow|yesterday)(?:'s|\u2019s)?"
         r"(?:\s+(?P<tod>morning|afternoon|evening|night))?\b", _deictic_day, i),
        (r"\b(?P<which>this|last)\s+(?P<tod>morning|afternoon|evening|night)\b",
         _this_part_of_day, i),
        (r"\b(?:(?:earlier|later)\s+)?(?P<the>the\s+)?(?P<mod>last|this|next|past|coming|previous|"
         r"current)\s+(?P<ru>week|weekend|month|(?:fiscal\s+)?year|quarter|decade|century|spring|summer|fall|"
         r"autumn|winter)\b", _relative_unit, i),
        (r"(?:\b(?P<prep>in|during|since|by|until|through)\s+)?(?P<t>\b(?:(?P<det>the|this)\s+)?"
         r"(?P<season>spring|summer|fall|autumn|winter)(?:(?:\s+of)?,?\s+"
         rf"{_YEAR})?)(?=[\s.,;:!?)]|$)", _season, i),
        (rf"(?P<t>(?:\b(?i:early|late|mid|the end of|the beginning of|the start of)[\s-]+)?"
         rf"(?<![\d,.$£€])\b{_YEAR})(?!\s*(?:-|\u2013|\u2014|to\b|and\b)\s*\d)", _year, 0),
        (rf"(?:\b(?i:from)\s+)?\b{_Y1}\s*(?:-|\u2013|\u2014|\s(?i:to|through|until|till)\s)\s*{_Y2}",
         _year_range, 0),
        (rf"\b(?i:between)\s+{_Y1}\s+(?i:and)\s+{_Y2}", _year_range, 0),
        (r"\b(?:the\s+)?year-(?:earlier|ago)(?:\s+(?:quarter|period))?\b", _year_earlier, i),
        (r"\b(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?:['\u2019]|\b)(?P<dec>(?:1[6-9]|20)?\d0)s\b",
         _decade, i),
        (r"\b(?:the\s+)?(?P<cent>1\d|2[01]|[1-9])(?:st|nd|rd|th)\s+century\b", _century, i),
        (r"\b(?:fiscal|FY)\s*(?:year\s+)?(?P<fy>(?:1[6-9]|20)\d\d|['\u2019]?\d\d)\b", _fiscal, i),
        (r"\b(?:the\s+)?(?:(?P<qmod>this year's|last year's|year-earlier|year-ago|fiscal)\s+)?"
         r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final)[\s-]+(?P<qu>quarter|half)\b"
         rf"(?:\s+(?:of|in)\s+(?:fiscal\s+)?{_YEAR})?", _quarter, i),
        (r"\bthe\s+(?:(?:latest|most recent|recent|just-ended|just ended)\s+(?:quarter|period)|"
         r"quarter)\b", _latest_quarter, i),
        (r"\b(?:the|this|last|next)\s+weekend\b", _weekend, i),
        (r"\b(?:the\s+year\s+)?(?P<spelt>nineteen[\s-]+(?:twenty|thirty|forty|fifty|sixty|seventy|"
         r"eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|two thousand"
         r"(?:[\s-]+(?:and[\s-]+)?(?:one|two|three|four|five|six|seven|eight|nine|ten))?)\b",
         _spelt_year, i),
        (rf"\b{_NUM}[\s-]+{_UNIT}\s+(?P<dir>ago|earlier|before|later|from now|hence)\b", _ago, i),
        (rf"\b(?:(?:the\s+)?(?:past|last|next|first|previous|coming|final|latest|following)\s+)"
         rf"?(?:{_NUM}[\s-]+){_UNIT}\b", _span, i),
        (rf"\b(?:the\s+)?(?:past|last|next|first|previous|coming|final|latest|following)\s+"
         rf"{_UNIT}\b", _span, i),
        (r"\b(?:(?:the\s+)?(?:past|last|next|coming)\s+few|recent|several|many|few|a few|the "
         r"past|the last|the coming|the next)\s+(?P<unit>second|minute|hour|day|week|month|"
         r"year|decade)s\b", _vague_span, i),
        (r"(?:\b(?:for|in|over|within)\s+)(?P<t>(?P<unit>hour|day|week|month|year|decade)s)\b",
         _vague_span, i),
        (rf"\b(?P<setw>every|each|per)\s+(?:{_NUM}\s+)?{_UNIT}\b", _set, i),
        # Only the words TimeBank tags most of the time: "soon", "previously", "future" and
        # "recent" are tagged in under a third of their uses.
        (r"\b(?P<ref>now|currently|current|nowadays|these days|at present|recently|lately|"
         r"the past|the future)\b", _ref, i),
        (r"\b(?P<setw>daily|weekly|annually|yearly|hourly)\b", _set, i),
        (r"\b(?P<h>[012]?\d)(?:[:.](?P<min>[0-5]\d))?\s*(?P<ap>[ap]\.m\.|[ap]m\b)", _clock, i),
        (r"\b(?P<h>[012]?\d):(?P<min>[0-5]\d)(?=\s*(?:GMT|UTC|EST|EDT|CET|MSK|local time))(?P<ap>)",
         _clock, 0),
        (r"\b(?P<noon>noon|midnight)\b", _noon, i),
        (r"\b(?:the\s+)?(?:year-end|end of the year)\b", _year_end, i),
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


def find_english(text: str, anchor: date | None) -> list[Timex]:
    """All English time expressions in ``text``, resolved against ``anchor`` where relative."""
    found = apply_rules(rules(), text, anchor)
    return _merge_clock_and_day(_refine_year_back(found), text)
