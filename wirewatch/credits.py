"""Credit lines ("Source: Kommersant", «Источник: „Коммерсантъ“»): which outlet one names.

Shared by the parse layer (which sets such lines apart as ``Article.credits``) and the
citations stage (which cites the credited outlet), so that neither layer imports the other.
"""

from __future__ import annotations

import re

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
