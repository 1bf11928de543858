"""Is a name an outlet's, and is it this article's own outlet? Questions the catalogue cannot
answer alone.

A page's chrome ("Follow X on Telegram"), a picture credit ("(KNA pic)") or a copyright line
names someone: an outlet (known to the catalogue or not), a journalist, a photographer or a press
office. Only the first may become the article's outlet or a cited outlet. And an outlet credits
itself under short forms (Tien Shan Herald's "(TSH photo)", Kestrel News Agency's
"Kestrel/Erlan Sadykov"): those are no citation of another outlet.
"""

from __future__ import annotations

import re

from wirewatch.resources.lexicon import OUTLET_NAME_STEMS_RU, OUTLET_NAME_WORDS
from wirewatch.resources.outlets import OutletCatalog, ru_stem

_QUOTES = "\"'«»“”„‟‹›"
# An acronym of this many capitals is a brand ("FMT", "KNA", "BBC"), not a person's name.
_ACRONYM = re.compile(r"^[A-ZА-ЯЁ&]{2,6}$")
# A brand written with a capital inside a word ("HuffPost", "TechCrunch").
_INNER_CAPITAL = re.compile(r"^[A-Z][a-z]+[A-Z]\w*$")
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")


def looks_like_outlet(name: str) -> bool:
    """True when ``name`` reads as an outlet's, whether or not the catalogue lists it: an
    acronym, a domain, a brand with an inner capital, a quoted name («Ошская неделя»), or a name
    with a word for a kind of outlet ("Tien Shan Herald", "Kestrel News Agency"). A person's name
    ("Pam Key", "AWR Hawkins") is none of these."""
    text = name.strip()
    if not text:
        return False
    if text[0] in _QUOTES and text[-1] in _QUOTES and len(text) > 2:
        return True
    if _ACRONYM.match(text) or _DOMAIN.match(text) or _INNER_CAPITAL.match(text):
        return True
    for word in _WORD.findall(text):
        lowered = word.lower()
        if lowered in OUTLET_NAME_WORDS:
            return True
        if not word.isascii() and lowered.startswith(OUTLET_NAME_STEMS_RU):
            return True
    return False


def outlet_name(name: str, catalog: OutletCatalog) -> str | None:
    """The outlet ``name`` stands for: its catalogue name, else the name itself (quotes taken off)
    when it looks like an outlet's, else None."""
    known = catalog.lookup(name, strict=True)
    if known is not None:
        return known.name
    if looks_like_outlet(name):
        return name.strip().strip(_QUOTES).strip() or None
    return None


def _words(name: str) -> list[str]:
    return [ru_stem(w.lower()) for w in _WORD.findall(name)]


def is_same_outlet(name: str, outlet: str | None, catalog: OutletCatalog) -> bool:
    """True when ``name`` is ``outlet`` under another form: the same catalogue entry, the same
    words up to Russian case endings («Ошской недели»), its initials ("TSH" for Tien Shan
    Herald), or its first words ("Kestrel" for Kestrel News Agency)."""
    if not outlet:
        return False
    known, own = catalog.lookup(name), catalog.lookup(outlet)
    if known is not None and own is not None:
        return known.name == own.name
    words, own_words = _words(name), _words(outlet)
    if not words or not own_words:
        return False
    if words == own_words or words == own_words[: len(words)]:
        return True
    initials = "".join(w[0] for w in _WORD.findall(outlet))
    compact = "".join(_WORD.findall(name))
    return len(compact) >= 2 and compact.isupper() and compact.lower() == initials.lower()
