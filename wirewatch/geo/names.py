"""Match keys for place names: script-preserving, case-, accent-, hyphen- and space-insensitive.

Two keys per name:
- ``name_key``: casefolded, accents and ё stripped, every non-alphanumeric dropped, so
  "Mazari-Sharif", "Mazar-i-Sharif" and "Mazar i Sharif" share the key ``mazarisharif``.
- ``skeleton``: the key's consonant frame (first letter kept, later vowels dropped, doubled
  letters collapsed), so transliteration variants meet: "Termez" and "Tirmiz" are both ``trmz``.
  Skeleton hits are only candidates: the resolver checks them with ``similarity``.
"""

from __future__ import annotations

import unicodedata
from difflib import SequenceMatcher

_VOWELS = frozenset("aeiouyаеёиоуыэюяь")
# Letters dropped with vowels: Cyrillic soft/hard signs carry no consonant.
_SILENT = frozenset("ъь'")


def fold(text: str) -> str:
    """Casefold and strip combining accents (é -> e, ё -> е, й -> и)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_key(text: str) -> str:
    """The exact-match key of a place name."""
    return "".join(ch for ch in fold(text) if ch.isalnum())


# Short forms local news writes for the generic words of place names ("Mt. Pleasant",
# "Platte Co."), and the long forms: GeoNames lists some places under one, some under the other.
_LEADING_FORMS = (("mt", "mount"), ("st", "saint"), ("ste", "sainte"), ("ft", "fort"),
                  ("pt", "point"))
_TRAILING_FORMS = (("co", "county"), ("twp", "township"), ("par", "parish"))


def abbreviation_variants(text: str) -> list[str]:
    """Other spellings of a name's generic word: "Mt. Pleasant" -> "Mount Pleasant",
    "Saint Cloud" -> "St Cloud", "Platte Co." -> "Platte County" (the name itself excluded)."""
    words = text.replace(".", " ").split()
    if len(words) < 2:
        return []
    out: list[str] = []
    first, last = words[0].casefold(), words[-1].casefold()
    for short, long in _LEADING_FORMS:
        for a, b in ((short, long), (long, short)):
            if first == a:
                out.append(" ".join([b.title(), *words[1:]]))
    for short, long in _TRAILING_FORMS:
        if last == short:  # only short -> long: "County" is never written "Co." in GeoNames
            out.append(" ".join([*words[:-1], long.title()]))
    return out


def skeleton(key: str) -> str:
    """The consonant frame of a ``name_key`` (first letter kept)."""
    if not key:
        return ""
    out = [key[0]]
    for ch in key[1:]:
        if ch in _VOWELS or ch in _SILENT:
            continue
        if ch != out[-1]:
            out.append(ch)
    return "".join(out)


def similarity(a: str, b: str) -> float:
    """Similarity of two keys in [0, 1] (difflib ratio: cheap and good enough for short names)."""
    return SequenceMatcher(None, a, b).ratio()


def has_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def romanize(text: str) -> str:
    """Cyrillic to Latin (iuliia's Wikipedia scheme, the press spelling: Ханабад -> Khanabad)."""
    import iuliia

    return str(iuliia.WIKIPEDIA.translate(text.replace("ё", "е").replace("Ё", "Е")))


def is_latin_or_cyrillic(text: str) -> bool:
    """True when every letter is Latin or Cyrillic: the scripts wirewatch reads (en, ru)."""
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            if not (name.startswith("LATIN") or name.startswith("CYRILLIC")):
                return False
    return True
