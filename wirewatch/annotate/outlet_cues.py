"""Outlets the catalogue does not know, recognised by how the text introduces them.

"the Russian business daily Delovoy Vestnik", "the news agency Kestrel", "Vestnik newspaper",
«газета „Деловой вестник“», «агентство Интерфакс»: a name right after (or right before) a word for
a kind of news outlet is an outlet, whatever NER tagged it. The catalogue stays the authority for
known outlets; this only catches the others (regional papers, new sites, fictional ones).
"""

from __future__ import annotations

import re

from wirewatch.model import OutletKind

# Characters of text before a name searched for the outlet noun.
LOOKBACK_CHARS = 40
_KIND_WORDS: tuple[tuple[OutletKind, str], ...] = (
    (OutletKind.NEWSPAPER, r"newspaper|daily|weekly|tabloid|broadsheet|газет[аыеуой]|еженедельник[аеу]?"),
    (OutletKind.WIRE, r"news agency|wire service|информационн\w+ агентств\w*|агентств[оау]|агентством"),
    (OutletKind.BROADCASTER,
     r"broadcaster|tv channel|television channel|radio station|телеканал\w*|радиостанци\w+"),
    (OutletKind.MAGAZINE, r"magazine|журнал[аеу]?"),
    (OutletKind.ONLINE,
     r"news site|news website|news portal|online outlet|интернет-издани\w+|издани[еяю]|портал[аеу]?"),
)
_OPEN_QUOTE = r"[«\"“„']?"
# Capitalised words between the outlet noun and the name NER found: in "the business daily Delovoy
# Vestnik" NER may tag "Vestnik" alone; the outlet is "Delovoy Vestnik".
_NAME_LEAD = r"(?P<lead>(?:[A-ZА-ЯЁ][\w-]*\s+){0,3})"
_BEFORE = tuple(
    # The outlet noun in any case, the name's words capitalised (so no IGNORECASE on the whole).
    (kind, re.compile(rf"(?:^|\W)(?i:{words})\s+{_OPEN_QUOTE}{_NAME_LEAD}$"))
    for kind, words in _KIND_WORDS
)
_AFTER = tuple(
    (kind, re.compile(rf"^[»\"”']?\s+(?:{words})\b", re.IGNORECASE))
    for kind, words in _KIND_WORDS
    if kind in (OutletKind.NEWSPAPER, OutletKind.WIRE, OutletKind.MAGAZINE)
)


def described_outlet(body: str, start: int, end: int) -> tuple[OutletKind, int] | None:
    """The kind of outlet the text calls the name at ``start:end``, and where the outlet's name
    really starts (before ``start`` when NER missed its first words), or None."""
    before = body[max(0, start - LOOKBACK_CHARS) : start]
    for kind, pattern in _BEFORE:
        match = pattern.search(before)
        if match:
            return kind, start - len(match.group("lead"))
    after = body[end : end + LOOKBACK_CHARS]
    for kind, pattern in _AFTER:
        if pattern.match(after):
            return kind, start
    return None
