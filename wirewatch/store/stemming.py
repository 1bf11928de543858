"""Search terms for the SQLite index: each word reduced to a form its inflections share.

SQLite's FTS5 stems English only (its ``porter`` tokenizer), so the store indexes a copy of the
text in which every word is already reduced, and reduces the query the same way. Words are
reduced by their script, not by the article's language, so a Latin name in a Russian article and
a mixed query both work: Cyrillic words to their dictionary form (pymorphy2's lemma, through
natasha's ``MorphVocab``, already a dependency: «водохранилища» -> «водохранилище»), Latin words
by the English Snowball ("Porter2") stemmer below, the algorithm PostgreSQL's ``english``
configuration runs, written out here rather than adding a package for 150 lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

WORD = re.compile(r"\w+", re.UNICODE)
_CYRILLIC = re.compile(r"[а-яё]")
# Distinct words whose reduced form is remembered: a news vocabulary fits, memory stays small.
CACHE_WORDS = 200_000


@lru_cache(maxsize=1)
def _russian_morphology() -> Any:
    from natasha import MorphVocab  # heavy (the dictionary): only when a Russian word comes

    return MorphVocab()


class Reducer:
    """Words to search terms. Built once per store; caches each word's term."""

    def __init__(self) -> None:
        self.term: Callable[[str], str] = lru_cache(maxsize=CACHE_WORDS)(self._term)

    def _term(self, word: str) -> str:
        word = word.casefold().replace("ё", "е")
        if _CYRILLIC.search(word):
            parses = _russian_morphology().parse(word)
            lemma = parses[0].normal_form if parses else word
            return str(lemma).replace("ё", "е")
        if word.isascii() and word.isalpha():
            return english_stem(word)
        return word

    def terms(self, text: str) -> list[str]:
        return [self.term(word) for word in WORD.findall(text)]

    def text(self, text: str) -> str:
        """``text`` as space-separated search terms (what the FTS5 index holds)."""
        return " ".join(self.terms(text))


# English Snowball stemmer (Porter2), https://snowballstem.org/algorithms/english/stemmer.html
_VOWELS = frozenset("aeiouy")
_DOUBLES = ("bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt")
_LI_ENDINGS = frozenset("cdeghkmnrt")
_EXCEPTIONS = {
    "skis": "ski", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie", "idly": "idl",
    "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli", "singly": "singl",
    "sky": "sky", "news": "news", "howe": "howe", "atlas": "atlas", "cosmos": "cosmos",
    "bias": "bias", "andes": "andes",
}
_AFTER_1A = frozenset({"inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"})
_STEP2 = (
    ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("abli", "able"),
    ("entli", "ent"), ("ization", "ize"), ("izer", "ize"), ("ation", "ate"), ("ator", "ate"),
    ("alism", "al"), ("aliti", "al"), ("alli", "al"), ("fulness", "ful"), ("ousli", "ous"),
    ("ousness", "ous"), ("iveness", "ive"), ("iviti", "ive"), ("biliti", "ble"), ("bli", "ble"),
    ("fulli", "ful"), ("lessli", "less"),
)
_STEP3 = (
    ("ational", "ate"), ("tional", "tion"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"),
    ("ical", "ic"), ("ful", ""), ("ness", ""),
)
_STEP4 = ("ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous",
          "ive", "ize", "al", "er", "ic")


def _is_vowel(char: str) -> bool:
    return char in _VOWELS


def _region_after(word: str, start: int) -> int:
    """Where the region after the first non-vowel following a vowel (from ``start``) begins."""
    for i in range(start + 1, len(word)):
        if not _is_vowel(word[i]) and _is_vowel(word[i - 1]):
            return i + 1
    return len(word)


def _regions(word: str) -> tuple[int, int]:
    for prefix in ("gener", "commun", "arsen"):
        if word.startswith(prefix):
            r1 = len(prefix)
            break
    else:
        r1 = _region_after(word, 0)
    return r1, _region_after(word, r1)


def _short_syllable_ends(word: str) -> bool:
    """Whether ``word`` ends in a short syllable."""
    if len(word) == 2:
        return _is_vowel(word[0]) and not _is_vowel(word[1])
    return (len(word) >= 3 and not _is_vowel(word[-3]) and _is_vowel(word[-2])
            and not _is_vowel(word[-1]) and word[-1] not in "wxY")


def _has_vowel(part: str) -> bool:
    return any(_is_vowel(c) for c in part)


def english_stem(word: str) -> str:
    """The Porter2 stem of a lower-case ASCII word."""
    if len(word) <= 2:
        return word
    if word in _EXCEPTIONS:
        return _EXCEPTIONS[word]
    word = word.lstrip("'")
    if word.startswith("y"):
        word = "Y" + word[1:]
    word = word[0] + "".join("Y" if c == "y" and _is_vowel(word[i]) else c
                             for i, c in enumerate(word[1:]))
    r1, r2 = _regions(word)
    # Step 0: possessives.
    for suffix in ("'s'", "'s", "'"):
        if word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    # Step 1a: plurals.
    if word.endswith("sses"):
        word = word[:-2]
    elif word.endswith(("ied", "ies")):
        word = word[:-2] if len(word) > 4 else word[:-1]
    elif word.endswith(("us", "ss")):
        pass
    elif word.endswith("s") and _has_vowel(word[:-2]):
        word = word[:-1]
    if word in _AFTER_1A:
        return word
    # Step 1b: -ed, -ing.
    if word.endswith(("eedly", "eed")):
        suffix = "eedly" if word.endswith("eedly") else "eed"
        if len(word) - len(suffix) >= r1:
            word = word[: -len(suffix)] + "ee"
    else:
        for suffix in ("ingly", "edly", "ing", "ed"):
            if word.endswith(suffix):
                stem = word[: -len(suffix)]
                if _has_vowel(stem):
                    word = stem
                    if word.endswith(("at", "bl", "iz")):
                        word += "e"
                    elif word.endswith(_DOUBLES):
                        word = word[:-1]
                    elif r1 >= len(word) and _short_syllable_ends(word):
                        word += "e"
                break
    # Step 1c: a final y after a consonant (not the first letter) becomes i.
    if len(word) > 2 and word[-1] in "yY" and not _is_vowel(word[-2]):
        word = word[:-1] + "i"

    def in_r1(suffix: str) -> bool:
        return len(word) - len(suffix) >= r1

    # Step 2.
    for suffix, replacement in _STEP2:
        if word.endswith(suffix):
            if in_r1(suffix):
                word = word[: -len(suffix)] + replacement
            break
    else:
        if word.endswith("ogi") and in_r1("ogi") and word[-4:-3] == "l":
            word = word[:-1]
        elif word.endswith("li") and in_r1("li") and word[-3:-2] in _LI_ENDINGS and len(word) > 2:
            word = word[:-2]
    # Step 3.
    for suffix, replacement in _STEP3:
        if word.endswith(suffix):
            if in_r1(suffix):
                word = word[: -len(suffix)] + replacement
            break
    else:
        if word.endswith("ative") and len(word) - 5 >= r2:
            word = word[:-5]
    # Step 4.
    for suffix in _STEP4:
        if word.endswith(suffix):
            if len(word) - len(suffix) >= r2:
                word = word[: -len(suffix)]
            break
    else:
        if word.endswith(("sion", "tion")) and len(word) - 3 >= r2:
            word = word[:-3]
    # Step 5.
    if word.endswith("e"):
        stem = word[:-1]
        if len(stem) >= r2 or (len(stem) >= r1 and not _short_syllable_ends(stem)):
            word = stem
    elif word.endswith("ll") and len(word) - 1 >= r2:
        word = word[:-1]
    return word.replace("Y", "y")
