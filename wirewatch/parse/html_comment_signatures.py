"""Signature lines of reader comments: the dated line that names who posted.

"Posted by Paul on January 6, 2008 2:09 PM | Report this comment", "jackie July 7, 2012 at
12:27 am", "Anna on 06.01.2008 14:09 said:", «Гость, вчера в 12:30 | Ответить». A signature
is short, holds a date or a time, and (unless it is little more than date and name) a cue: an
author word ("posted by", "said") or a comment action ("Reply", "Report", "Permalink").
"""

from __future__ import annotations

import re

from wirewatch.resources.lexicon import COMMENT_SIGNATURE_VERBS

_MONTH_EN = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
             r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_MONTH_RU = (r"(?:январ[яь]|феврал[яь]|марта?|апрел[яь]|ма[яй]|июн[яь]|июл[яь]|августа?"
             r"|сентябр[яь]|октябр[яь]|ноябр[яь]|декабр[яь]|янв|фев|апр|авг|сент?|окт|нояб?|дек)\.?")
_MONTH = f"(?:{_MONTH_EN}|{_MONTH_RU})"
DATE = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{2,4}}"
    rf"|\b{_MONTH_EN}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b"
    r"|\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\b\.?)?"
    r"|\b\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b"
    r"|\b\d+\s+(?:секунд\w*|минут\w*|час\w*|дн\w+|день|недел\w+|месяц\w*|год\w*|лет)\s+назад"
    r"|\b(?:yesterday|today|вчера|сегодня)\b",
    re.IGNORECASE,
)
# Words that a post's signature carries and a dated list of links does not.
_CUE = re.compile(
    r"\b(?:posted|written|submitted|commented)\b"
    r"|\breply\b|\brespond\b|\breport\b|\bpermalink\b|\bquote\b|\bflag\b|\brecommend\b"
    r"|\blink to (?:this )?comment\b|\babuse\b"
    r"|ответить|пожаловаться|цитировать|комментарий",
    re.IGNORECASE,
)
# "Paul said on ...:" is a cue; "..., top adviser says" in a cited headline is not: the verb
# must follow the line's first few words, with no punctuation or quotes between.
_SAID = re.compile(r"^\W*[^,.;:\"“”«»]{1,60}?\s(?:" + "|".join(COMMENT_SIGNATURE_VERBS) + r")\b",
                   re.IGNORECASE)


def cued(text: str) -> bool:
    return _CUE.search(text) is not None or _SAID.match(text) is not None
_AUTHOR_PATTERNS = (
    re.compile(r"(?:posted|written|submitted|commented|comment)\s+by\s*:?\s*(?P<a>.+?)"
               r"\s*(?:\bon\b|\bat\b|\bin\b|\||\(|,|—|–|\s-\s|$)", re.IGNORECASE),
    re.compile(r"^(?P<a>[^|:]{1,60}?)\s*(?:" + "|".join(COMMENT_SIGNATURE_VERBS) + r")\b",
               re.IGNORECASE),
)
_AUTHOR_LABEL = re.compile(
    r"^\s*(?:by|from|author|posted(?: by)?|written(?: by)?|date|time|автор)\s*:?\s*",
    re.IGNORECASE,
)
# "Posted: Sun Jan 6" leaves a weekday where a name would be.
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?$|^(?:пн|вт|ср|чт|пт|сб|вс)\.?,?$",
                      re.IGNORECASE)
# Headings over a comment section: "Comments", "12 comments", "4 thoughts on “...”",
# "Leave a Reply", "Reader comments (3)", «Комментарии», «5 комментариев».
# A signature is a short line: longer text holding a date is a sentence of the post.
MAX_SIGNATURE_CHARS = 160
# Without a cue word, a dated line must be mostly the date and a name.
MAX_UNCUED_EXTRA_CHARS = 60
# An author longer than this is a sentence, not a name.
MAX_AUTHOR_CHARS = 60


def is_signature_text(text: str) -> bool:
    """True for a line that reads like the signature of a post."""
    if not text or len(text) > MAX_SIGNATURE_CHARS:
        return False
    date = DATE.search(text)
    if date is None:
        return False
    if cued(text):
        return True
    return len(text) - len(date.group(0)) <= MAX_UNCUED_EXTRA_CHARS


_TRAILING_LINK_WORDS = re.compile(
    r"(?:\s*(?:\bon\b|\bat\b|\bsaid\b|\bsays\b|\bwrote\b|\bwrites\b|\bпишет\b|[|,:\-—–(]))+\s*$",
    re.IGNORECASE,
)


def signature_author(text: str) -> str | None:
    """The poster's name in a signature line, or None when the line names nobody.

    "Posted by: Paul | January 6, 2008" and "jackie July 7, 2012 at 12:27 am" and
    "Paul on January 6, 2008 2:09 PM said:" all give the name before the date.
    """
    text = " ".join(text.split())
    match = _AUTHOR_PATTERNS[0].search(text)
    if match:
        return _clean_author(match.group("a"))
    date = DATE.search(text)
    if date is not None:
        name = _clean_author(_TRAILING_LINK_WORDS.sub("", text[: date.start()]))
        if name:
            return name
    match = _AUTHOR_PATTERNS[1].search(text)
    return _clean_author(match.group("a")) if match else None


def _clean_author(name: str) -> str | None:
    name = _AUTHOR_LABEL.sub("", name).strip(" |:-—–,.(")
    if not name or _WEEKDAY.match(name):
        return None
    if len(name) > MAX_AUTHOR_CHARS or DATE.search(name) or _CUE.fullmatch(name):
        return None
    return name


__all__ = ["DATE", "MAX_AUTHOR_CHARS", "MAX_SIGNATURE_CHARS", "cued", "is_signature_text",
           "signature_author"]
