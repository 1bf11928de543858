"""English time expressions: the resolvers. Each turns one match of a pattern in the grammar
(``times_en``) into a TIMEX3 value, relative ones against the reference date in ``Context``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from wirewatch.annotate.times.core import (
    Context,
    Found,
    day_without_year,
    explicit_day,
    iso_day,
    iso_month,
    iso_week,
    month_year,
    quarter_of,
    season_year,
    shift_months,
    shift_quarter,
    stepped_season_year,
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


def full_date(m: re.Match[str], ctx: Context) -> Found | None:
    year, month, day = int(m.group("year")), _month(m), int(m.group("day"))
    return explicit_day(year, month, day)


def month_day(m: re.Match[str], ctx: Context) -> Found | None:
    return day_without_year(ctx.anchor, _month(m), int(m.group("day")), ctx.future(m.start()))


def month_of_year(m: re.Match[str], ctx: Context) -> Found | None:
    return Found(iso_month(int(m.group("year")), _month(m)))


def bare_month(m: re.Match[str], ctx: Context) -> Found | None:
    mod = (m.group("mod") or "").lower()
    if m.group("mon") == "May" and not (mod or m.group("prep")):
        return None  # "May" alone is as often the modal verb at a sentence start.
    month = _month(m)
    future = mod == "next" or ctx.future(m.start())
    year = ctx.anchor.year if mod == "this" else month_year(ctx.anchor, month, future)
    if mod == "last" and month >= ctx.anchor.month:
        year = ctx.anchor.year - 1
    return Found(iso_month(year, month), relative=True)


def numeric_date(m: re.Match[str], ctx: Context) -> Found | None:
    year, month, day = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    year += 1900 if year < 100 and year >= 30 else 2000 if year < 100 else 0
    return explicit_day(year, month, day)


def weekday(m: re.Match[str], ctx: Context) -> Found | None:
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


def deictic_day(m: re.Match[str], ctx: Context) -> Found | None:
    word = m.group("deic").lower()
    shift = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}.get(word, 0)
    if "before yesterday" in word:
        shift = -2
    day = ctx.anchor + timedelta(days=shift)
    tod = "night" if word == "tonight" else m.group("tod")
    return _with_time_of_day(day, tod)


def this_part_of_day(m: re.Match[str], ctx: Context) -> Found | None:
    shift = -1 if m.group("which").lower() == "last" else 0
    return _with_time_of_day(ctx.anchor + timedelta(days=shift), m.group("tod"))


def relative_unit(m: re.Match[str], ctx: Context) -> Found | None:
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
    year = stepped_season_year(a, season, step, ctx.future(m.start()))
    return Found(f"{year}-{season}", relative=True)


def season(m: re.Match[str], ctx: Context) -> Found | None:
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
    if re.match(r"\.\d", ctx.text[m.end() :]):
        return False  # "closed at 2082.1": an index level
    after = ctx.text[m.end() : m.end() + 20].split()
    return not (after and after[0].lower().strip(".,;:") in COUNT_NOUNS)


def year(m: re.Match[str], ctx: Context) -> Found | None:
    return Found(m.group("year")) if _plausible_year(m, ctx) else None


def _two_digit_year(text: str, century_of: str) -> str:
    return century_of[:2] + text[-2:] if len(text) == 2 else text


def year_range(m: re.Match[str], ctx: Context) -> Found | None:
    first = m.group("y1")
    last = _two_digit_year(m.group("y2"), first)
    if int(last) <= int(first):
        return None
    parts = ((m.start("y1"), m.end("y1"), first), (m.start("y2"), m.end("y2"), last))
    return Found(f"{first}/{last}", parts=parts)


_POSSESSIVE_BEFORE = re.compile(r"\b(?:his|her|their|my|your|our|its)\s+(?:(?:early|late|mid)"
                                r"[\s-]+)?$", re.IGNORECASE)
DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                "seventies": 7, "eighties": 8, "nineties": 9}


def spelt_decade(m: re.Match[str], ctx: Context) -> Found | None:
    """"the nineties": a decade of the 20th century (TIMEX3 value ``199``)."""
    return Found(f"19{DECADE_WORDS[m.group('dw').lower()]}")


def decade(m: re.Match[str], ctx: Context) -> Found | None:
    digits = m.group("dec")
    if len(digits) == 2 and _POSSESSIVE_BEFORE.search(ctx.text[max(0, m.start() - 20) : m.start()]):
        return None  # "in his 30s" is an age
    if len(digits) == 2:
        digits = ("19" if int(digits) >= 30 else "20") + digits
    return Found(digits[:3])


def century(m: re.Match[str], ctx: Context) -> Found | None:
    return Found(f"{int(m.group('cent')) - 1:02d}")


def fiscal(m: re.Match[str], ctx: Context) -> Found | None:
    year = m.group("fy")
    return Found("FY" + (_two_digit_year(year.lstrip("'\u2019"), "19") if len(year) <= 3 else year))


def quarter(m: re.Match[str], ctx: Context) -> Found | None:
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


def latest_quarter(m: re.Match[str], ctx: Context) -> Found | None:
    year, q = shift_quarter(ctx.anchor.year, quarter_of(ctx.anchor), -1)
    return Found(f"{year}-Q{q}", relative=True)


def ago(m: re.Match[str], ctx: Context) -> Found | None:
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


def span(m: re.Match[str], ctx: Context) -> Found | None:
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
    if m.groupdict().get("half"):
        return Found(_duration_and_half(_number(num) if num else 1, unit), kind="DURATION")
    if not num and m.group("pl") in ("s", "ies"):
        return Found(_duration(None, unit), kind="DURATION")  # "the coming weeks"
    n = _number(num) if num else 1
    return Found(_duration(n, unit), kind="DURATION")


# "and a half" of a unit, written in the next smaller unit (TIMEX3: "5 1/2 hours" = PT5H30M).
_HALVES = {"year": "6M", "day": "T12H", "hour": "30M", "minute": "30S"}


def _duration_and_half(n: int | None, unit: str) -> str:
    whole = _duration(n, unit)
    if n is None or unit not in _HALVES:
        return whole
    return whole + _HALVES[unit]


def vague_span(m: re.Match[str], ctx: Context) -> Found | None:
    return Found(_duration(None, m.group("unit").lower()), kind="DURATION")


def set(m: re.Match[str], ctx: Context) -> Found | None:
    word = m.group("setw").lower()
    unit = {"dai": "day", "week": "week", "month": "month", "annual": "year", "year": "year",
            "quarter": "quarter", "hour": "hour"}
    for prefix, name in unit.items():
        if word.startswith(prefix):
            return Found(_duration(1, name), kind="SET")
    num = m.groupdict().get("num")
    return Found(_duration(_number(num) if num else 1, m.group("unit").lower()), kind="SET")


def ref(m: re.Match[str], ctx: Context) -> Found | None:
    word = m.group("ref").lower()
    if word in ("recently", "recent", "the past", "previously", "formerly", "lately"):
        return Found("PAST_REF")
    if word in ("soon", "the future", "future", "shortly") or word.endswith(
        ("future", "term", "date", "quarters")
    ):
        return Found("FUTURE_REF")
    return Found("PRESENT_REF")


def clock(m: re.Match[str], ctx: Context) -> Found | None:
    hour = int(m.group("h"))
    minute = int(m.group("min") or 0)
    ampm = (m.group("ap") or "").lower()
    if (hour > 12 and ampm) or hour > 23:
        return None
    hour += 12 if ampm.startswith("p") and hour < 12 else 0
    hour -= 12 if ampm.startswith("a") and hour == 12 else 0
    return Found(f"{iso_day(ctx.anchor)}T{hour:02d}:{minute:02d}", kind="TIME", relative=True)


def noon(m: re.Match[str], ctx: Context) -> Found | None:
    clock = "24:00" if m.group("noon").lower() == "midnight" else "12:00"
    return Found(f"{iso_day(ctx.anchor)}T{clock}", kind="TIME", relative=True)


def weekend(m: re.Match[str], ctx: Context) -> Found | None:
    word = m.group(0).lower().split()[0]
    a = ctx.anchor
    if word == "next" or (word == "this" and a.weekday() < 5 and ctx.future(m.start())):
        day = weekday_near(a + timedelta(days=1), 5, future=True)
    else:
        day = weekday_near(a, 5, future=word == "this" and a.weekday() < 5)
        if word == "last":
            day = weekday_near(a - timedelta(days=2), 5, future=False)
    return Found(iso_week(day) + "-WE", relative=True)


def spelt_year(m: re.Match[str], ctx: Context) -> Found | None:
    words = m.group("spelt").lower().replace("-", " ").replace(" and ", " ").split()
    if words[0] == "two":
        return Found(str(2000 + sum(NUMBERS[w] for w in words[2:])))
    return Found(str(1900 + sum(NUMBERS[w] for w in words[1:])))


def year_earlier(m: re.Match[str], ctx: Context) -> Found | None:
    return Found(str(ctx.anchor.year - 1), relative=True)


def year_end(m: re.Match[str], ctx: Context) -> Found | None:
    return Found(str(ctx.anchor.year), relative=True)
