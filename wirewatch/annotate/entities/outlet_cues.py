"""Outlets the catalogue does not know, recognised by how the text introduces them.

"the Russian business daily Delovoy Vestnik", "the news agency Kestrel", "Vestnik newspaper",
«газета „Деловой вестник“», «агентство Интерфакс»: a name right after (or right before) a word for
a kind of news outlet is an outlet, whatever NER tagged it. The catalogue stays the authority for
known outlets; this only catches the others (regional papers, new sites, fictional ones).
"""

from __future__ import annotations

import re

from wirewatch.model import OutletKind
from wirewatch.resources import lexicon as cues

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
# Words that may describe an outlet between its name and its kind: "Vestnik business daily",
# "Kestrel state news agency". A closed list, so "Putin said the newspaper ..." is no outlet.
OUTLET_MODIFIERS = (
    r"business|financial|economic|state|state-run|state-owned|national|local|regional|independent"
    r"|online|pro-government|pro-kremlin|opposition|official|evening|morning|sunday|daily|weekly"
    r"|english-language|russian-language|news|деловая|деловой|ежедневная|ежедневный"
)
# "daily" and "weekly" are adjectives too ("Joe Biden daily briefings"): right after a name
# they make it an outlet only before punctuation or a reporting verb.
_AMBIGUOUS_KINDS = r"daily|weekly"
_AFTER_AMBIGUOUS = (
    r"(?:[^\w\s]|$|\s+(?:"
    + "|".join(cues.OUTLET_KIND_VERBS_AFTER)
    + r"|has|had|is|was|also|on|in|that|,))"
)
_AFTER = tuple(
    (
        kind,
        re.compile(
            rf"^[»\"”']?\s+(?:(?:(?:{OUTLET_MODIFIERS})\s+){{1,2}}(?:{words})\b"
            rf"|(?:(?!{_AMBIGUOUS_KINDS})(?:{words})\b|(?:{_AMBIGUOUS_KINDS})(?={_AFTER_AMBIGUOUS})))",
            re.IGNORECASE,
        ),
    )
    for kind, words in _KIND_WORDS
    if kind in (OutletKind.NEWSPAPER, OutletKind.WIRE, OutletKind.MAGAZINE)
)
# Capitalised words right before a name NER cut short ("Delovoy" of "Delovoy Vestnik").
_NAME_TAIL = re.compile(r"(?P<lead>(?:[A-ZА-ЯЁ][\w-]*\s+){1,3})$")
# Nationality adjectives ("Russian", "Chinese", "British", "Uzbek" is let through) describe the
# outlet rather than name it.
_DEMONYM = re.compile(r"(?:[ai]an|ese|ish|ic)$")
_NOT_NAME_WORDS_TEXT = (
    "The A An This That In On At By From For And But According Monday Tuesday Wednesday Thursday"
    " Friday Saturday Sunday January February March April May June July August September October"
    " November December"
)
_NOT_NAME_WORDS = frozenset(_NOT_NAME_WORDS_TEXT.split())


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
            return kind, start - len(_name_tail(before))
    return None


_TRAILING = tuple(
    (kind, re.compile(rf"\s+(?:(?:{OUTLET_MODIFIERS})\s+){{0,2}}(?:{words})$", re.IGNORECASE))
    for kind, words in _KIND_WORDS
    if kind in (OutletKind.NEWSPAPER, OutletKind.WIRE, OutletKind.MAGAZINE)
)


def kind_inside(body: str, start: int, end: int) -> tuple[OutletKind, int] | None:
    """An outlet whose kind NER took into the name ("the Kestrel Press state news agency"):
    the kind, and where the name ends without it; None otherwise."""
    text = body[start:end]
    for kind, pattern in _TRAILING:
        match = pattern.search(text)
        # A capitalised kind word is part of the name ("China Daily", "Moscow News Agency").
        if match and match.start() > 0 and match.group().split()[-1].islower():
            return kind, start + match.start()
    return None


def name_start(body: str, start: int, end: int) -> int:
    """Where an outlet's name starts inside ``body[start:end]``: after nationality adjectives
    and articles NER took in ("the Russian Novaya Gorka daily")."""
    for word in re.finditer(r"\S+", body[start:end]):
        if word.group() not in _NOT_NAME_WORDS and not _DEMONYM.search(word.group()):
            return start + word.start()
    return start


def _name_tail(before: str) -> str:
    """The capitalised words that end ``before`` and belong to the name after it."""
    match = _NAME_TAIL.search(before)
    if match is None:
        return ""
    words: list[str] = []
    for word in reversed(match.group("lead").split()):
        if word in _NOT_NAME_WORDS or _DEMONYM.search(word):
            break
        words.insert(0, word)
    if not words:
        return ""
    # The words as written, with the space before the name.
    return before[before.rindex(words[0]) :]
