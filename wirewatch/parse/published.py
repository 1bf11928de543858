
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
from datetime import date

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
