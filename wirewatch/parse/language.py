"""Language identification of article text (py3langid, offline, bundled model)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

# Below this many letters the identifier is unreliable; trust the script instead.
MIN_LETTERS_FOR_MODEL = 20
# Share of Cyrillic letters above which a short text is taken as Russian.
CYRILLIC_SHARE = 0.5
# Text sampled for identification: plenty for a verdict on prose, and the cost grows with it.
SAMPLE_CHARS = 1500


@lru_cache(maxsize=1)
def _identifier() -> Any:
    import py3langid

    return py3langid


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text to tell."""
    sample = text[:SAMPLE_CHARS]
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return None
    if len(letters) < MIN_LETTERS_FOR_MODEL:
        cyrillic = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
        return "ru" if cyrillic / len(letters) > CYRILLIC_SHARE else None
    code, _probability = _identifier().classify(sample)
    return str(code)
