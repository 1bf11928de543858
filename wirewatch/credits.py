"""Credit lines ("Source: Kommersant", «Источник: „Коммерсантъ“»): which outlet one names.

Shared by the parse layer (which sets such lines apart as ``Article.credits``) and the
citations stage (which cites the credited outlet), so that neither layer imports the other.
"""

from __future__ import annotations

import re

from wirewatch.resources.lexicon import PHOTO_CREDIT_WORDS

# A credit line is page furniture: longer than this, a paragraph is body text that happens to
# start with "Source".
MAX_CREDIT_CHARS = 220

_CREDIT = re.compile(
    r"""^(?:source|sources|originally\ (?:published|appeared)\ (?:by|in|on|at)|first\ published\ (?:by|in)
        |this\ (?:article|story)\ (?:first\ |originally\ )?(?:appeared|was\ published)\ (?:in|on|by)
        |republished\ (?:from|with\ permission\ (?:from|of))|courtesy(?:\ of)?|источник|по\ материалам)
        \s*[:\-–—]?\s*(?P<name>[^.\n]{2,80}?)\.?$""",
    re.IGNORECASE | re.VERBOSE,
)


def credited_outlet(paragraph: str) -> str | None:
    """The outlet a credit line names ("Source: Kommersant" -> "Kommersant")."""
    text = paragraph.strip()
    if len(text) > MAX_CREDIT_CHARS:
        return None
    match = _CREDIT.match(text)
    if not match:
        return None
    return match.group("name").strip(" \"'«»“”")


_PHOTO_WORDS = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in PHOTO_CREDIT_WORDS)
# Where a caption names who made or supplied its picture; each gives the credited name(s).
_PHOTO_CREDITS = tuple(
    re.compile(pattern, re.IGNORECASE | re.VERBOSE)
    for pattern in (
        # "(KNA pic)", "(Reuters photo)", "(AP Photo/Evan Vucci)"
        rf"\(\s*(?P<name>[^()]{{1,40}}?)\s+(?:{_PHOTO_WORDS})(?:\s*/[^()]{{1,40}})?\s*\)",
        # "(Photo: AFP)", "(Фото: ТАСС)"
        rf"\(\s*(?:{_PHOTO_WORDS})\s*(?:by)?\s*[:|]\s*(?P<name>[^()]{{1,60}}?)\s*\)",
        # "... Photo: Timur Isakov / Delovoy Vestnik" ending the caption (a short credit only:
        # "Photo: Residents outside a house" is a caption starting with the word).
        rf"(?:^|[.!?]\s+|\s)(?:{_PHOTO_WORDS})\s*(?:by)?\s*[:|]\s*(?P<name>[^.:()]{{2,60}}?)\s*$",
        # "© «Ошская неделя»", "© 2026 Reuters"
        r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?(?P<name>[^.()\n]{2,60}?)\s*\.?\s*$",
        # "Kestrel/Erlan Sadykov", "Reuters/Yuri Gripas": agency/photographer closing the caption.
        r"(?:^|[.!?]\s+)(?P<name>[A-ZА-ЯЁ][\w&-]*(?:\s+[A-ZА-ЯЁ][\w&-]*){0,2})\s*/\s*"
        r"[A-ZА-ЯЁ][\w'-]+(?:\s+[A-ZА-ЯЁ][\w'-]+){0,2}\s*$",
    )
)


def photo_credits(caption: str) -> list[tuple[str, str]]:
    """The names a caption credits its picture to, each with the credit as written:
    "... (KNA pic)" -> [("KNA", "(KNA pic)")], "Фото: Тимур Исаков / «Деловой вестник»" ->
    [("Тимур Исаков", ...), ("«Деловой вестник»", ...)]. Whether a name is an outlet is the
    caller's question."""
    found: list[tuple[str, str]] = []
    for pattern in _PHOTO_CREDITS:
        for match in pattern.finditer(caption):
            credit = match.group(0).strip(" .")
            for name in re.split(r"\s*[/,;]\s*|\s+and\s+|\s+и\s+", match.group("name")):
                if name.strip() and (name.strip(), credit) not in found:
                    found.append((name.strip(), credit))
    return found
