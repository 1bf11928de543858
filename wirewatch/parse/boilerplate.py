"""What a paragraph of a page is, besides article text.

Copied and extracted pages carry lines that are not the article: page chrome (share, follow,
subscribe, reply forms), translation notes, credit lines naming the original outlet, photo
captions, bylines, publication-date lines, datelines. These classifiers work on one paragraph at
a time and are shared by the plain-text and the HTML parsers.

Chrome patterns only apply to short paragraphs: a long paragraph that mentions "subscribe" is
article text, a 12-word "Subscribe to our newsletter" line is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from wirewatch.credits import MAX_CREDIT_CHARS, credited_outlet

# Paragraphs longer than this are never chrome, notes or credits, whatever words they contain.
MAX_CHROME_CHARS = MAX_CREDIT_CHARS
MAX_CAPTION_CHARS = 400


class ParagraphKind(StrEnum):
    BODY = "body"
    CHROME = "chrome"
    NOTE = "note"
    CREDIT = "credit"
    CAPTION = "caption"
    BYLINE = "byline"
    DATE_LINE = "date_line"


_CHROME = re.compile(
    r"""^(?:
        (?:stay\ current\W+)?follow\ (?:us|\S+(?:\ \S+){0,3})\ (?:on|for|at|via)\b
      | (?:please\ )?(?:subscribe|sign\ up)\b
      | (?:click\ here|read\ more|read\ also|see\ also|more\ from)\b
      | related(?:\ (?:articles|stories|posts|news))?\b
      | share\ (?:this|on|via)\b | share:?$ | tweet$ | print$ | e-?mail$
      | leave\ a\ (?:reply|comment)\b | (?:post|add)\ (?:a\ )?comment\b
      | your\ email\ address\ will\ not\ be\ published
      | required\ fields\ are\ marked | save\ my\ name,\ email
      | (?:\d+\ )?comments?(?:\ \(\d+\))?:?$ | reader\ comments$
      | (?:advertisement|sponsored(?:\ content)?|ad)$
      | (?:copyright\b|©|\(c\)\ ) | all\ rights\ reserved
      | (?:privacy\ policy|terms\ of\ (?:use|service)|cookie)
      | download\ (?:our|the)\ app\b | get\ (?:the\ )?(?:latest\ )?news\ delivered
      | join\ (?:us\ on|our\ (?:telegram|whatsapp))\b | tags?:\
      | like\ this:?$ | loading\.\.\.$
      | подпис(?:ывайтесь|аться|ка)\b | читайте\ (?:также|нас)\b | поделиться\b
      | комментари(?:и|ев)(?:\ \(\d+\))?:?$ | реклама$ | все\ права\ защищены | оставить\ комментарий
    )""",
    re.IGNORECASE | re.VERBOSE,
)

_LANGUAGE_WORD = r"(?P<lang>[A-Za-zА-Яа-яЁё]+)"
_TRANSLATION_NOTES = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"^(?:this (?:article|story|text) (?:was|has been|is) )?(?:(?:machine|automatically|google)"
        rf"[\s-]*)?translated from (?:the )?{_LANGUAGE_WORD}\b",
        rf"^translated by [^.]{{1,60}}? from (?:the )?{_LANGUAGE_WORD}\b",
        rf"^(?:машинный |автоматический )?перевод(?: статьи)? с {_LANGUAGE_WORD}",
        rf"^(?:автоматически )?переведено с {_LANGUAGE_WORD}",
    )
)


# A caption ends with a picture credit "(AP pic)", "(Reuters photo)", "(Photo: AFP)" or starts
# with "Photo:"/"Фото:".
_CAPTION = re.compile(
    r"""(?:\((?:[^()]{1,40}\ )?(?:pic|photo|picture|image|file\ photo|фото)(?:\ [^()]{1,40})?\)\s*$)
      | (?:^(?:photo|image|picture|фото|file\ photo)\s*(?:by)?\s*[:|])
      | (?:(?:photo|image|фото)\s*:\s*[^.]{2,60}$)""",
    re.IGNORECASE | re.VERBOSE,
)

_NAME_WORD = r"[A-ZА-ЯЁ][\w.'’-]+"
_BYLINE = re.compile(
    rf"^(?:[Bb]y|[Оо]т|[Аа]втор:?|[Tt]ext\ by)\s+"
    rf"(?P<name>{_NAME_WORD}(?:[\s,]+(?:and\s+|и\s+)?{_NAME_WORD}){{0,6}})"
    r"(?:\s+(?:staff|correspondents?|reporters?|and\s+agencies|in\s+[A-Z][\w-]+))?\s*$",
    re.VERBOSE,
)

_MONTH_EN = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_MONTH_RU = r"(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*"
_DATE_LINE = re.compile(
    rf"""^(?:published|updated|posted|last\ updated|date|опубликовано|обновлено|дата)\b[^\n]{{0,80}}\d
      | ^(?:\d{{1,2}}\ (?:{_MONTH_EN}|{_MONTH_RU})\ \d{{4}}|{_MONTH_EN}\ \d{{1,2}},?\ \d{{4}}
          |\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{4}})
        (?:(?:,|\ at|\ в)?\ \d{{1,2}}:\d{{2}}(?:\ ?[ap]\.?m\.?)?(?:\ [A-Z]{{2,4}})?)?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)

# "MOSCOW:", "MOSCOW -", "MOSCOW (Reuters) -", "TASHKENT, July 17 (AFP) —", "ТАШКЕНТ, 18 июня. —"
_DATELINE = re.compile(
    rf"""^(?P<place>[A-ZА-ЯЁ][A-ZА-ЯЁ.'’-]+(?:[\ -][A-ZА-ЯЁ][A-ZА-ЯЁ.'’-]+){{0,3}})
        (?:,\ (?P<date>(?:{_MONTH_EN}\ \d{{1,2}}|\d{{1,2}}\ {_MONTH_RU})(?:,?\ \d{{4}})?))?
        (?:\ \((?P<agency>[^()\n]{{1,30}})\))?
        (?P<separator>\s*:|\.?\ [-–—]|\.(?=\ [A-ZА-ЯЁ«"]))\s+(?=\S)""",
    re.VERBOSE,
)

_LANGUAGE_NAMES = {
    "english": "en", "russian": "ru", "ukrainian": "uk", "french": "fr", "german": "de",
    "spanish": "es", "italian": "it", "portuguese": "pt", "chinese": "zh", "japanese": "ja",
    "korean": "ko", "arabic": "ar", "persian": "fa", "farsi": "fa", "dari": "fa", "pashto": "ps",
    "turkish": "tr", "uzbek": "uz", "kazakh": "kk", "kyrgyz": "ky", "tajik": "tg", "polish": "pl",
    "belarusian": "be", "georgian": "ka", "armenian": "hy", "azerbaijani": "az", "hebrew": "he",
    "hindi": "hi", "urdu": "ur", "dutch": "nl", "swedish": "sv", "czech": "cs", "romanian": "ro",
    "serbian": "sr", "bulgarian": "bg", "greek": "el", "hungarian": "hu", "finnish": "fi",
    # Russian names are matched by stem so that case endings (с русского, с английского) work.
    "английск": "en", "русск": "ru", "украинск": "uk", "французск": "fr", "немецк": "de",
    "испанск": "es", "итальянск": "it", "китайск": "zh", "японск": "ja", "арабск": "ar",
    "персидск": "fa", "турецк": "tr", "узбекск": "uz", "казахск": "kk", "киргизск": "ky",
    "кыргызск": "ky", "таджикск": "tg", "польск": "pl", "белорусск": "be", "грузинск": "ka",
}  # fmt: skip


@dataclass
class SortedParagraphs:
    """Paragraphs of a page sorted by kind, body in reading order."""

    body: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    chrome: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    date_lines: list[str] = field(default_factory=list)


def language_code(word: str) -> str | None:
    """ISO 639-1 code for a language name in English or Russian ("Russian", "русского")."""
    lowered = word.lower()
    if lowered in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[lowered]
    for stem, code in _LANGUAGE_NAMES.items():
        if not stem.isascii() and lowered.startswith(stem):
            return code
    return None


def translation_source(paragraph: str) -> str | None:
    """The language a translation note says the text was translated from, as ISO 639-1."""
    text = paragraph.strip()
    for pattern in _TRANSLATION_NOTES:
        match = pattern.match(text)
        if match:
            return language_code(match.group("lang"))
    return None


# A wire story's staff line: "(Reporting by A in B; additional reporting by C; editing by D)".
_STAFF_CREDIT = re.compile(
    r"^\(?\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|translated|produced)\s+by\b[^()]*\)?\.?$",
    re.IGNORECASE,
)


def byline_name(paragraph: str) -> str | None:
    match = _BYLINE.match(paragraph.strip())
    return match.group("name") if match else None


def split_dateline(paragraph: str) -> tuple[str | None, str | None, str]:
    """Split a leading dateline off a paragraph: (place, agency, rest).

    Only all-capital place names count, so an ordinary sentence that starts with a word and a
    colon is left alone.
    """
    match = _DATELINE.match(paragraph)
    if not match:
        return None, None, paragraph
    place = match.group("place").strip()
    # Two letters are a dateline only with a date ("ОШ, 18 июня. —"), else too often an acronym.
    min_letters = 2 if match.group("date") else 3
    if len(place) < min_letters or not any(c.isalpha() for c in place):
        return None, None, paragraph
    # "ABC. Next sentence" is an acronym ending a sentence; a bare full stop only ends a dateline
    # that carries a date ("ТАШКЕНТ, 18 июня. Министерство...").
    if match.group("separator") == "." and not match.group("date"):
        return None, None, paragraph
    return place, match.group("agency"), paragraph[match.end() :]


def classify(paragraph: str) -> ParagraphKind:
    """What one paragraph is. Anything not recognised as something else is body text."""
    text = paragraph.strip()
    if not text:
        return ParagraphKind.CHROME
    if len(text) <= MAX_CHROME_CHARS:
        if translation_source(text):
            return ParagraphKind.NOTE
        if credited_outlet(text) or _STAFF_CREDIT.match(text):
            return ParagraphKind.CREDIT
        if _DATE_LINE.match(text):
            return ParagraphKind.DATE_LINE
        if byline_name(text):
            return ParagraphKind.BYLINE
        if _CHROME.match(text):
            return ParagraphKind.CHROME
    if len(text) <= MAX_CAPTION_CHARS and _CAPTION.search(text):
        return ParagraphKind.CAPTION
    return ParagraphKind.BODY


def sort_paragraphs(paragraphs: list[str]) -> SortedParagraphs:
    """Sort a page's paragraphs by kind; body paragraphs keep their order."""
    out = SortedParagraphs()
    targets = {
        ParagraphKind.BODY: out.body,
        ParagraphKind.NOTE: out.notes,
        ParagraphKind.CREDIT: out.credits,
        ParagraphKind.CAPTION: out.captions,
        ParagraphKind.CHROME: out.chrome,
        ParagraphKind.BYLINE: out.bylines,
        ParagraphKind.DATE_LINE: out.date_lines,
    }
    for paragraph in paragraphs:
        text = paragraph.strip()
        if text:
            targets[classify(text)].append(text)
    return out
