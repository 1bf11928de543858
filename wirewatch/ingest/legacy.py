"""Which legacy code page a file that is not UTF-8 is in, judged by how plausible the text reads.

A statistical detector (charset-normalizer) looks at byte patterns and can be swayed by bytes
that are no text at all: a koi8-r feed with a 100 KB line of brackets came out as mac_iceland,
and every Cyrillic word as symbols. Here each candidate decoding is read the way a person would
glance at it: words (runs of letters holding a non-ASCII letter) should be in one cased script,
not Latin and Cyrillic mixed ("cafй"), and be lower case or capitalised, not "мИНИСТР" (koi8-r
read as cp1251 swaps the cases) or all capitals (cp1251 read as koi8-r makes every lower-case
word upper case), and a Latin word is not all accented letters ("Ìèíèñòð" is Cyrillic read as
cp1252); characters that are neither letters nor punctuation (box drawing, "◊", "€" amid
letters) count against it.
The decoding whose non-ASCII characters most often sit in plausible words wins. Nothing here
knows a language: only scripts and letter case, which every cased alphabet shares.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

# Single-byte code pages of the languages wirewatch reads, most common first (a tie goes to
# the earlier one): Cyrillic (Windows, KOI8, DOS, ISO, Mac), then Western and Central European.
LEGACY_ENCODINGS = ("cp1251", "koi8-r", "koi8-u", "cp866", "iso8859-5", "mac_cyrillic",
                    "cp1252", "cp1250", "iso8859-2")
# Bytes of the file scored: stretches holding non-ASCII bytes, up to this much in all.
SAMPLE_BYTES = 16 * 1024
STRETCH_BYTES = 2048
# Weight of an all-capitals word: acronyms (ТАСС, NATO) are real, but a text of them is not.
ALL_CAPS_WEIGHT = 0.5
# Latin words longer than MAX_SHORT_WORD have some unaccented letters in every Latin-script
# language (Polish "Zażółć" has two of six); one of accented letters only ("Ìèíèñòð") is
# Cyrillic or Greek read in a Western code page.
MAX_SHORT_WORD = 3
MAX_ACCENTED = 0.75
# Below this share no candidate reads as text: the encoding is unknown (or the bytes no text).
MIN_PLAUSIBILITY = 0.5
# Weight of a word in a caseless script (CJK, Arabic...): real there, but a wrong multi-byte
# decoding of Cyrillic bytes (koi8-r read as Shift-JIS) is caseless too, and never fails a
# case test; so it has to beat a cased reading clearly.
CASELESS_WEIGHT = 0.6
_WORD = re.compile(r"[^\W\d_]+")
_DAMAGE = re.compile("\ufffd+")


def _sample(data: bytes) -> bytes:
    """The stretches of ``data`` that hold non-ASCII bytes, up to ``SAMPLE_BYTES``: a long
    ASCII run (brackets, markup) must not crowd the text out of the sample."""
    stretches: list[bytes] = []
    size = 0
    for start in range(0, len(data), STRETCH_BYTES):
        stretch = data[start:start + STRETCH_BYTES]
        if stretch.isascii():
            continue
        stretches.append(stretch)
        size += len(stretch)
        if size >= SAMPLE_BYTES:
            break
    return b"\n".join(stretches)


@cache
def _script(char: str) -> str:
    """The script of a letter, by the first word of its Unicode name: LATIN, CYRILLIC, GREEK..."""
    return unicodedata.name(char, "?").split(" ")[0]


def _word_weight(word: str) -> float:
    """How plausible one word is: 1 for lower case or capitalised in one cased script, half for
    all capitals, 0 for mixed scripts or case inside the word ("мИНИСТР")."""
    scripts = {_script(char) for char in word if char.isupper() or char.islower()}
    if len(scripts) > 1:
        return 0.0
    if scripts == {"LATIN"} and len(word) > MAX_SHORT_WORD and _accented_share(word) > MAX_ACCENTED:
        return 0.0
    if not scripts:
        return CASELESS_WEIGHT
    if word.islower() or word.istitle():
        return 1.0
    if word.isupper():
        return ALL_CAPS_WEIGHT if len(word) > 1 else 1.0
    return 0.0


def _accented_share(word: str) -> float:
    return sum(1 for char in word if not char.isascii()) / len(word)


def _neutral(char: str) -> bool:
    return unicodedata.category(char)[0] in "PZ"


def plausibility(text: str, damaged_utf8: bool = False) -> float:
    """The share of ``text``'s non-ASCII characters (punctuation aside) that sit in plausible
    words (0 to 1); a text without such characters is 1. ``damaged_utf8``: ``text`` is UTF-8
    decoded with replacement; U+FFFD (damage) is left out, and its non-ASCII punctuation counts
    as plausible: a curly quote or a dash that decodes is UTF-8's own evidence (in a code page it
    would read "â€œ")."""
    non_ascii = good = 0.0
    for char in text:
        if char.isascii() or (damaged_utf8 and char == "\ufffd"):
            continue
        if _neutral(char):
            if damaged_utf8:
                non_ascii += 1
                good += 1
            continue
        non_ascii += 1
    if not non_ascii:
        return 1.0
    for word in _WORD.findall(text):
        if not word.isascii():
            good += _word_weight(word) * sum(1 for char in word if not char.isascii())
    return good / non_ascii


def choose_encoding(data: bytes, extra: Iterable[str] = ()) -> tuple[str, float] | None:
    """The candidate encoding (``LEGACY_ENCODINGS``, then ``extra``: a detector's guess, or
    "utf-8" for data that may be damaged UTF-8, its damage then not counted) under which
    ``data`` reads most plausibly, and its score; None when none reads plausibly
    (``MIN_PLAUSIBILITY``)."""
    sample = _sample(data)
    best: tuple[str, float] | None = None
    seen: set[str] = set()
    for encoding in (*LEGACY_ENCODINGS, *extra):
        if encoding in seen:
            continue
        seen.add(encoding)
        try:
            # A run of undecodable bytes is one damaged spot, not one per byte.
            text = _DAMAGE.sub("\ufffd", sample.decode(encoding, errors="replace"))
        except LookupError:
            continue
        score = plausibility(text, damaged_utf8=encoding == "utf-8")
        if encoding in LEGACY_ENCODINGS and _UTF8_CHAR.search(sample):
            # UTF-8 pasted in is no evidence against the code page of the rest.
            score = max(score, plausibility(_DAMAGE.sub("\ufffd", decode_mixed(sample, encoding))))
        if score >= MIN_PLAUSIBILITY and (best is None or score > best[1]):
            best = (encoding, score)
    return best


# A multi-byte UTF-8 character (lead byte and continuation bytes); a stretch that fails to
# decode as UTF-8 (an overlong form, a surrogate) is left to the code page.
_UTF8_CHAR = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode_mixed(data: bytes, encoding: str) -> str:
    """``data`` with its valid multi-byte UTF-8 characters read as UTF-8 and every other byte in
    the code page ``encoding`` (undecodable bytes as U+FFFD): for a legacy file with UTF-8 pasted
    in, which either reading alone turns partly into mojibake."""
    pieces: list[str] = []
    done = 0
    for match in _UTF8_CHAR.finditer(data):
        try:
            char = match.group().decode("utf-8")
        except UnicodeDecodeError:
            continue
        pieces += [data[done:match.start()].decode(encoding, errors="replace"), char]
        done = match.end()
    pieces.append(data[done:].decode(encoding, errors="replace"))
    return "".join(pieces)


def mixed_reads_better(data: bytes, encoding: str) -> bool:
    """Whether ``decode_mixed`` reads more plausibly than ``encoding`` alone (on the sample):
    UTF-8 pasted into a cp1251 file makes "РћРЅ" of every Cyrillic word in it. Accidental
    UTF-8 in legacy text (koi8-r "сё" is the valid UTF-8 "ӣ") reads no better, and is left."""
    sample = _sample(data)
    if not _UTF8_CHAR.search(sample):
        return False
    alone = plausibility(_DAMAGE.sub("\ufffd", sample.decode(encoding, errors="replace")))
    return plausibility(_DAMAGE.sub("\ufffd", decode_mixed(sample, encoding))) > alone
