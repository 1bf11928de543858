
"""An article's own publication date, from the page's metadata or from the lines by its headline.

Steps, in order (the first that finds a date wins):

1. ``html-metadata``: htmldate on the HTML, original (not last-modified) date, metadata and
   markup only (``extensive_search=False``): it never reads dates out of the running text.
2. ``text-near-headline``: a full date (day, month and year) on one of the first
   ``HEAD_LINES`` non-empty lines, on a line with few other words or after a cue such as
   "Published:" / «Опубликовано». Lines further down are never read: a date there is the date
   of an event the article reports, not of the article.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

HEAD_LINES = 8
# A date line ("June 12, 2026 10:15", "By A. Writer | 12 June 2026") has few other words;
# a sentence of the story that names a date has more.
MAX_OTHER_WORDS = 7
SOURCE_HTML = "html-metadata"
SOURCE_TEXT = "text-near-headline"

_EN_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
              "sep": 9, "oct": 10, "nov": 11, "dec": 12}
_RU_MONTHS = {"январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7,
              "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12}
_CUE = re.compile(
    r"^\s*(?:published|posted|date|updated|last updated|опубликовано|дата публикации|обновлено)"
    r"\b", re.IGNORECASE)
_UPDATED = re.compile(r"\b(?:updated|обновлено)\b", re.IGNORECASE)
_EN_MONTH = r"(?P<mon>[A-Z][a-z]{2,8}\.?)"
_RU_MONTH = r"(?P<mon>[а-яА-Я]{3,8})"
_CLOCK = r"(?:\s*(?:,|at|в|-|–|\|)?\s*(?P<h>[012]?\d):(?P<mi>[0-5]\d)(?:\s*(?P<ap>[ap]\.?m\.?))?)?"
_PATTERNS = (
    re.compile(rf"\b{_EN_MONTH}\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b{_CLOCK}",
               re.IGNORECASE),
    re.compile(rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+{_EN_MONTH},?\s+(?P<y>(?:19|20)\d\d)\b{_CLOCK}",
               re.IGNORECASE),
    re.compile(rf"\b(?P<d>[0-3]?\d)\s+{_RU_MONTH}\s+(?P<y>(?:19|20)\d\d)(?:\s*(?:года|г\.))?{_CLOCK}"),
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)"
               r"(?:[T ](?P<h>[012]\d):(?P<mi>[0-5]\d))?"),
    re.compile(rf"\b(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)\b{_CLOCK}"),
)


def _month_number(name: str) -> int | None:
    word = name.lower().rstrip(".")
    if word[:3] in _EN_MONTHS and (len(word) == 3 or word[:3] != "mar" or word == "march"):
        return _EN_MONTHS[word[:3]]
    for stem, number in _RU_MONTHS.items():
        if word.startswith(stem) and (stem != "ма" or word in ("мая", "май")):
            return number
    return None


def _iso(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    month = int(groups["m"]) if groups.get("m") else _month_number(groups.get("mon") or "")
    if month is None:
        return None
    try:
        day = date(int(groups["y"]), month, int(groups["d"]))
    except ValueError:
        return None
    if groups.get("h") is None:
        return day.isoformat()
    hour = int(groups["h"])
    ap = (groups.get("ap") or "").lower()
    if ap.startswith("p") and hour < 12:
        hour += 12
    elif ap.startswith("a") and hour == 12:
        hour = 0
    if hour > 23:
        return day.isoformat()
    return f"{day.isoformat()}T{hour:02d}:{int(groups['mi']):02d}"


def _date_in_line(line: str) -> tuple[str, int] | None:
    """The first full date in ``line`` and how many words the line has besides it."""
    for pattern in _PATTERNS:
        for match in pattern.finditer(line):
            value = _iso(match)
            if value:
                rest = line[: match.start()] + " " + line[match.end() :]
                return value, len(re.findall(r"\w+", rest))
    return None


def date_near_headline(body_lines: list[str]) -> str | None:
    """A full date written by the headline: on a date line or after a publication cue.
    A "Published" date is preferred to an "Updated" one (the original date is wanted)."""
    lines = [line.strip() for line in body_lines if line.strip()][:HEAD_LINES]
    candidates: list[tuple[int, str]] = []
    for line in lines:
        found = _date_in_line(line)
        if found and (found[1] <= MAX_OTHER_WORDS or _CUE.match(line)):
            candidates.append((1 if _UPDATED.search(line) else 0, found[0]))
    return min(candidates, key=lambda c: c[0])[1] if candidates else None


def date_from_html(html: str) -> str | None:
    """The original publication date from HTML metadata and markup (htmldate, no text search)."""
    from htmldate import find_date  # imported here: only pages with HTML need it

    try:
        found = find_date(html, original_date=True, extensive_search=False,
                          outputformat="%Y-%m-%d")
    except (ValueError, TypeError):
        return None
    return found if isinstance(found, str) else None


def find_published(body_lines: list[str], html: str | None = None) -> tuple[str | None, str | None]:
    """(ISO 8601 date or datetime, where it came from) or (None, None) when nothing says."""
    if html:
        value = date_from_html(html)
        if value:
            return value, SOURCE_HTML
    value = date_near_headline(body_lines)
    if value:
        return value, SOURCE_TEXT
    return None, None


# A clock anywhere in a date hint ("7:58 AM ET, Sat January 3, 2015"), for dates written with
# the time before them.
_ANY_CLOCK = re.compile(r"\b(?P<h>[012]?\d):(?P<mi>[0-5]\d)(?::[0-5]\d)?(?:\s*(?P<ap>[ap])\.?m\.?)?",
                        re.IGNORECASE)
_SLASHED_YMD = re.compile(r"^(?P<y>\d{4})/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)\b")
# "17/07/2021" or "07/17/2021": read only when one number cannot be a month.
_SLASHED_DMY = re.compile(r"^(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>\d{4})\b")
_RFC2822 = re.compile(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d\d")


def _from_iso(text: str) -> str | None:
    """ISO 8601 as given when already in extended form, else rewritten so ("20161123")."""
    try:
        if len(text) in (8, 10) and "T" not in text:
            value: date | datetime = date.fromisoformat(text)
        else:
            value = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    return text if re.match(r"^\d{4}-\d\d-\d\d(?:T|$)", text) else value.isoformat()


def _from_rfc2822(text: str) -> str | None:
    """RSS dates: "Wed, 23 Nov 2016 16:58:00 -0500" (only that shape: the parser behind it reads
    "Nov 23, 2016 4:58 p.m." too, and drops the "p.m.")."""
    if not _RFC2822.match(text):
        return None
    try:
        value = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return value.isoformat() if value is not None else None


def _valid_date(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date_text(text: str) -> str | None:
    """A publication date given as text in any common format, as ISO 8601; None when none is.

    Tried in order: ISO 8601 (with or without time and zone), RFC 2822 (RSS, e-mail), then the
    written dates the headline finder reads ("January 3, 2015", "3 Jan 2015", «23 ноября 2016»,
    "23.11.2016", "2016/11/23"), with a clock before or after the date ("7:58 AM ET, Sat January
    3, 2015"). A zone named by letters ("ET") is not resolved: the time is kept as local time.
    """
    value = text.strip()
    if not value:
        return None
    found = _from_iso(value) or _from_rfc2822(value)
    if found:
        return found
    slashed = _SLASHED_YMD.match(value)
    if slashed:
        return _valid_date(int(slashed["y"]), int(slashed["m"]), int(slashed["d"]))
    slashed = _SLASHED_DMY.match(value)
    if slashed:
        first, second = int(slashed["a"]), int(slashed["b"])
        if (first > 12) == (second > 12):
            return None  # 05/07/2021: May or July, the text cannot say
        day, month = (first, second) if first > 12 else (second, first)
        return _valid_date(int(slashed["y"]), month, day)
    in_line = _date_in_line(value)
    if in_line is None:
        return None
    found_day = in_line[0]
    clock = _ANY_CLOCK.search(value)
    if "T" in found_day or clock is None:
        return found_day
    hour = int(clock["h"])
    ap = (clock["ap"] or "").lower()
    if ap == "p" and hour < 12:
        hour += 12
    elif ap == "a" and hour == 12:
        hour = 0
    return f"{found_day}T{hour:02d}:{clock['mi']}" if hour < 24 else found_day
