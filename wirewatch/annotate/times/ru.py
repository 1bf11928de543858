
"""Russian time expressions: «16 июня 2021 года», «вчера», «в пятницу», «в 2001–2014 годах»,
«с 2001 по 2014 год», «в начале июля», «в прошлом месяце», «весной»...

Words are matched by stem so that one pattern covers the cases Russian inflects them into
(«июнь», «июня», «июне»). Values are TIMEX3 strings (see ``times_core``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from functools import lru_cache

from wirewatch.annotate.times.core import (
    Anaphor,
    Context,
    Found,
    Handler,
    Rule,
    Timex,
    apply_rules,
    day_without_year,
    explicit_day,
    iso_day,
    iso_month,
    iso_week,
    month_year,
    quarter_of,
    refer,
    resolve_anaphora,
    season_year,
    shift_months,
    shift_quarter,
    stepped_season_year,
    weekday_near,
)
from wirewatch.model import Span

MONTH_STEMS = (("январ", 1), ("феврал", 2), ("март", 3), ("апрел", 4), ("ма", 5), ("июн", 6),
               ("июл", 7), ("август", 8), ("сентябр", 9), ("октябр", 10), ("ноябр", 11),
               ("декабр", 12))
WEEKDAY_STEMS = (("понедельник", 0), ("вторник", 1), ("сред", 2), ("четверг", 3), ("пятниц", 4),
                 ("суббот", 5), ("воскресень", 6))
SEASON_STEMS = (("весн", "SP"), ("лет", "SU"), ("осен", "FA"), ("зим", "WI"))
NUMBERS = {"один": 1, "одна": 1, "одну": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5,
           "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10, "двадцать": 20,
           "тридцать": 30, "сорок": 40, "пятьдесят": 50, "сто": 100}
UNIT_CODES = (("лет", "Y"), ("год", "Y"), ("месяц", "M"), ("недел", "W"), ("дн", "D"),
              ("день", "D"), ("час", "H"), ("минут", "M"), ("век", "CE"))
ROMAN = {"XVIII": 18, "XIX": 19, "XX": 20, "XXI": 21}
TIMES_OF_DAY = {"утр": "MO", "дн": "AF", "днём": "AF", "вечер": "EV", "ноч": "NI"}

_MONTH = (r"(?P<mon>январ[ьяе]|феврал[ьяе]|марта?|марте|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|"
          r"августа?|августе|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе])(?![\w])")
_DAY = r"(?P<day>[0-3]?\d)(?!\d)"
_YEAR = r"(?P<year>(?:1[6-9]|20)\d\d)(?!\d)"
_YEAR_WORD = r"(?:\s*(?:год[ауе]?|года|г\.|гг\.))"
_TOD = r"(?:\s+(?P<tod>утром|днём|днем|вечером|ночью))?"
_NUM = r"(?P<num>\d+|" + "|".join(NUMBERS) + r")"


def _stem_value(
    word: str, table: tuple[tuple[str, int], ...] | tuple[tuple[str, str], ...]
) -> object:
    word = word.lower()
    for stem, value in table:
        if word.startswith(stem):
            return value
    raise ValueError(f"no stem of {word!r} in the Russian word table")


def _month(m: re.Match[str]) -> int:
    value = _stem_value(m.group("mon"), MONTH_STEMS)
    assert isinstance(value, int)
    return value


def _full_date(m: re.Match[str], ctx: Context) -> Found | None:
    year, month, day = int(m.group("year")), _month(m), int(m.group("day"))
    return explicit_day(year, month, day)


def _numeric_date(m: re.Match[str], ctx: Context) -> Found | None:
    year, month, day = int(m.group("year")), int(m.group("m")), int(m.group("day"))
    return explicit_day(year, month, day)


def _day_month(m: re.Match[str], ctx: Context) -> Found | None:
    return day_without_year(ctx.anchor, _month(m), int(m.group("day")), ctx.future(m.start()))


def _month_of_year(m: re.Match[str], ctx: Context) -> Found | None:
    return Found(iso_month(int(m.group("year")), _month(m)))


def _bare_month(m: re.Match[str], ctx: Context) -> Found | None:
    month = _month(m)
    if month == 5 and not m.group("mod") and not m.group("prep"):
        return None  # «мая»/«мае» alone are too short to trust without a preposition.
    mod = (m.group("mod") or "").lower()
    if mod.startswith("прошл"):
        year = ctx.anchor.year - 1 if month >= ctx.anchor.month else ctx.anchor.year
    elif mod.startswith("следующ"):  # the next one after this month, as «прошл» is the last
        year = ctx.anchor.year + 1 if month <= ctx.anchor.month else ctx.anchor.year
    elif mod.startswith(("эт", "текущ")):
        year = ctx.anchor.year
    else:
        year = month_year(ctx.anchor, month, ctx.future(m.start()))
    return Found(iso_month(year, month), relative=True)


def _year(m: re.Match[str], ctx: Context) -> Found | None:
    return Found(m.group("year"))


def _year_range(m: re.Match[str], ctx: Context) -> Found | None:
    first, last = m.group("y1"), m.group("y2")
    if len(last) == 2:
        last = first[:2] + last
    if int(last) <= int(first):
        return None
    parts = ((m.start("y1"), m.end("y1"), first), (m.start("y2"), m.end("y2"), last))
    return Found(f"{first}/{last}", parts=parts)


def _decade(m: re.Match[str], ctx: Context) -> Found | None:
    return Found(m.group("dec")[:3])


def _century(m: re.Match[str], ctx: Context) -> Found | None:
    return Found(f"{ROMAN[m.group('cent')] - 1:02d}")


def _deictic(m: re.Match[str], ctx: Context) -> Found | None:
    word = m.group("deic").lower()
    shift = {"сегодня": 0, "вчера": -1, "позавчера": -2, "завтра": 1, "послезавтра": 2}[word]
    return _with_tod(ctx.anchor + timedelta(days=shift), m.group("tod"))


def _with_tod(day: date, tod: str | None) -> Found:
    if tod:
        code = next(v for k, v in TIMES_OF_DAY.items() if tod.lower().startswith(k))
        return Found(f"{iso_day(day)}T{code}", kind="TIME", relative=True)
    return Found(iso_day(day), relative=True)


def _weekday(m: re.Match[str], ctx: Context) -> Found | None:
    wd = _stem_value(m.group("wd"), WEEKDAY_STEMS)
    assert isinstance(wd, int)
    mod = (m.group("mod") or "").lower()
    a = ctx.anchor
    if mod.startswith("прошл"):
        day = weekday_near(a - timedelta(days=1), wd, future=False)
    elif mod.startswith(("следующ", "ближайш", "эт")):
        day = weekday_near(a + timedelta(days=1), wd, future=True)
    else:
        day = weekday_near(a, wd, ctx.future(m.start()))
    return _with_tod(day, m.group("tod"))


def _step(mod: str) -> int:
    mod = mod.lower()
    if mod.startswith("позапрошл"):
        return -2
    if mod.startswith("прошл"):
        return -1
    return 1 if mod.startswith(("следующ", "будущ")) else 0


def _relative_unit(m: re.Match[str], ctx: Context) -> Found | None:
    step = _step(m.group("mod"))
    unit = m.group("u").lower()
    a = ctx.anchor
    if unit.startswith("недел"):
        return Found(iso_week(a + timedelta(weeks=step)), relative=True)
    if unit.startswith("месяц"):
        return Found(iso_month(*shift_months(a.year, a.month, step)), relative=True)
    if unit.startswith("квартал"):
        year, q = shift_quarter(a.year, quarter_of(a), step)
        return Found(f"{year}-Q{q}", relative=True)
    if unit.startswith("год"):
        return Found(str(a.year + step), relative=True)
    season = _stem_value(unit, SEASON_STEMS)
    assert isinstance(season, str)
    year = stepped_season_year(a, season, step, ctx.future(m.start()))
    return Found(f"{year}-{season}", relative=True)


def _season(m: re.Match[str], ctx: Context) -> Found | None:
    season = _stem_value(m.group("season"), SEASON_STEMS)
    assert isinstance(season, str)
    if m.group("year"):
        return Found(f"{m.group('year')}-{season}")
    year = season_year(ctx.anchor, season, ctx.future(m.start()))
    return Found(f"{year}-{season}", relative=True)


def _unit_code(word: str) -> str:
    code = _stem_value(word, UNIT_CODES)
    assert isinstance(code, str)
    return code


def _number(word: str) -> int | None:
    return int(word) if word.isdigit() else NUMBERS.get(word.lower())


def _ago(m: re.Match[str], ctx: Context) -> Found | None:
    n, code = _number(m.group("num")), _unit_code(m.group("unit"))
    a = ctx.anchor
    if n is None:
        return None
    if code == "D":
        return Found(iso_day(a - timedelta(days=n)), relative=True)
    if code == "W":
        return Found(iso_week(a - timedelta(weeks=n)), relative=True)
    if code == "M" and not m.group("unit").lower().startswith("минут"):
        return Found(iso_month(*shift_months(a.year, a.month, -n)), relative=True)
    if code == "Y":
        return Found(str(a.year - n), relative=True)
    return None


def _span(m: re.Match[str], ctx: Context) -> Found | None:
    unit = m.group("unit").lower()
    code = _unit_code(unit)
    n = _number(m.group("num")) if m.group("num") else None
    count = "X" if n is None else str(n)
    time_unit = code == "H" or unit.startswith("минут")
    return Found(f"PT{count}{code}" if time_unit else f"P{count}{code}", kind="DURATION")


def _ref(m: re.Match[str], ctx: Context) -> Found | None:
    word = m.group("ref").lower()
    if word.startswith(("недавн", "ранее", "в последнее")):
        return Found("PAST_REF")
    if word.startswith(("скоро", "вскоре", "в будущем")):
        return Found("FUTURE_REF")
    return Found("PRESENT_REF")


# «в тот же день», «в том году», «на следующий день», «накануне»: the unit of the date named
# last before them (resolved by ``times_core.resolve_anaphora``), shifted by the word.
_ANAPHOR_UNITS = (("д", "day"), ("недел", "week"), ("месяц", "month"), ("год", "year"))


def _anaphoric(m: re.Match[str], ctx: Context) -> Found | None:
    word = (m.group("au") or "день").lower()
    unit = next(name for stem, name in _ANAPHOR_UNITS if word.startswith(stem))
    which = (m.group("which") or "").lower()
    shift = {"следующий": 1, "другой": 1, "накануне": -1}.get(which, 0)
    anaphor = Anaphor(unit, shift)
    return Found(refer(anaphor, ctx.anchor), relative=True, anaphor=anaphor)


@lru_cache(maxsize=1)
def rules() -> list[Rule]:
    """The Russian grammar, compiled once (case-insensitive, Unicode word boundaries)."""
    mods = r"(?P<mod>позапрошл\w*|прошл\w*|эт\w*|текущ\w*|нынешн\w*|следующ\w*|будущ\w*)"
    table: list[tuple[str, Handler]] = [
        (r"\b(?:в|на)\s+(?P<which>(?:тот|том|ту|той)(?:\s+же)?)\s+"
         r"(?P<au>день|дн[её]м|недел[еию]|месяц[еа]?|году)\b", _anaphoric),
        # «на следующей неделе», «в следующем году» count from publication ("next week"):
        # only the day after (or before) refers back to a date in the text.
        (r"\b(?:на\s+)?(?P<which>следующий|другой)\s+(?P<au>день)\b", _anaphoric),
        (r"\b(?P<which>накануне)\b(?P<au>)", _anaphoric),
        (rf"\b{_DAY}\s+{_MONTH}\s+{_YEAR}{_YEAR_WORD}?", _full_date),
        (rf"\b{_DAY}\.(?P<m>[01]\d)\.{_YEAR}", _numeric_date),
        (rf"\b{_DAY}\s+{_MONTH}", _day_month),
        (rf"\b{_MONTH}\s+{_YEAR}{_YEAR_WORD}?", _month_of_year),
        (rf"(?:\b(?P<prep>в|с|до|к|по|после|от)\s+)?(?P<t>\b(?:(?P<mod>начале|конце|середине|"
         rf"прошлом|прошлого|этом|этого|следующем|следующего)\s+)?{_MONTH})", _bare_month),
        # «прошлым августом», «этим маем»: a month in the instrumental case is a time only with
        # its modifier (a bare «маем», «мартом» is too rare as a date and too like a name).
        (r"\b(?P<mod>прошлым|этим|следующим)\s+(?P<mon>январ[её]м|феврал[её]м|мартом|апрелем|"
         r"маем|июнем|июлем|августом|сентябр[её]м|октябр[её]м|ноябр[её]м|декабр[её]м)\b(?P<prep>)",
         _bare_month),
        (rf"(?:\b(?:в|во|с|к|до)\s+)?\b{_YEAR}{_YEAR_WORD}", _year),
        (rf"(?<![\d.,])\b{_YEAR}(?![\s–—-]*\d)", _year),
        (r"\b(?:в\s+)?(?P<y1>(?:1[6-9]|20)\d\d)\s*(?:-|–|—)\s*(?P<y2>(?:1[6-9]|20)\d\d|\d\d)"
         r"(?!\d)(?:\s*(?:годах|годы|годов|гг\.))?", _year_range),
        (r"\bс\s+(?P<y1>(?:1[6-9]|20)\d\d)\s+(?:по|до)\s+(?P<y2>(?:1[6-9]|20)\d\d)(?!\d)"
         r"(?:\s*(?:год[аы]?|гг\.))?", _year_range),
        (r"\b(?:в\s+)?(?P<dec>(?:1[6-9]|20)\d0)-?(?:х|е|ые|ых)\b(?:\s*год\w*)?", _decade),
        (r"\b(?P<cent>XVIII|XIX|XXI|XX)\s+век\w*", _century),
        (rf"\b(?P<deic>позавчера|вчера|сегодня|послезавтра|завтра){_TOD}\b", _deictic),
        (rf"\b(?:в|во)\s+(?:(?P<mod>прошл\w+|эт\w+|следующ\w+|ближайш\w+)\s+)?(?P<wd>понедельник|"
         rf"вторник|среду|четверг|пятницу|субботу|воскресенье){_TOD}\b", _weekday),
        (rf"(?:\b(?:ранее|позднее|позже)\s+)?(?:\b(?:в|на)\s+)?\b{mods}\s+(?P<u>недел\w*|месяц\w*|"
         r"квартал\w*|год[ауе]?|весн\w*|летом|лет[ао]|осен\w*|зим\w*)\b", _relative_unit),
        (rf"\b(?:{mods}\s+)?(?P<season>весной|летом|осенью|зимой|весна|лето|осень|зима)"
         rf"(?:\s+{_YEAR}{_YEAR_WORD}?)?\b", _season),
        (rf"\b{_NUM}\s+(?P<unit>лет|года?|месяц\w*|недел\w*|дн\w*|день|час\w*|минут\w*)\s+назад\b",
         _ago),
        (rf"\b(?:(?:последние|ближайшие|прошедшие)\s+)?{_NUM}\s+(?P<unit>лет|года?|месяц\w*|"
         r"недел\w*|дн(?:я|ей)|день|час(?:а|ов)?|минут\w*)\b", _span),
        (r"\b(?:в\s+)?(?:последние|ближайшие|несколько)\s+(?P<num>)(?P<unit>лет|годы|месяц\w*|"
         r"недел\w*|дн(?:и|ей)|час\w*)\b", _span),
        (r"\b(?P<ref>сейчас|теперь|в настоящее время|в последнее время|недавно|ранее|скоро|"
         r"вскоре|в будущем)\b", _ref),
    ]
    return [Rule(re.compile(p, re.IGNORECASE), h) for p, h in table]


def find_russian(text: str, anchor: date | None, sentences: Sequence[Span] | None = None) -> list[Timex]:
    """All Russian time expressions in ``text``, resolved against ``anchor`` where relative
    (``sentences``: the text's segmentation, see ``apply_rules``)."""
    return resolve_anaphora(apply_rules(rules(), text, anchor, sentences))
