"""Corpus-wide join keys: the value two entities of different articles share when they are the
same thing, whatever the script or spelling.

- places: their GeoNames id (``geonames:1512569``), or their coordinates when the gazetteer entry
  has none (airports, US post-office towns);
- outlets: the catalogue's id, a slug of the canonical name (``outlet:kommersant``);
- people, organisations and other names: a cross-script key of the name (``person:sergei lavrov``).

The name key is not ``names.match_key``. That key drops vowels so that one article can join
"Lavrov" quoted in a Russian text to Лавров, but across a corpus it merges different names
(Oman = Amman, Homs = Hamas, Iran = Irina, Kyiv = Kia = Key). ``name_key`` keeps the vowels and
folds only the alternations that transliteration schemes and press spellings make of one
Russian letter (``bench/join_keys.py`` measures both keys on real name lists).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import iuliia

from wirewatch.model import EntityType
from wirewatch.names import to_latin

# Letters of Latin-script transliterations (ISO 9, GOST 7.79, scientific) and of other languages
# that Unicode does not decompose into a base letter and a mark, or whose mark stands for a
# sound of its own: written out as the English-style digraph first, so Alimdžanov = Alimdzhanov.
_LETTER_SPELLINGS = {
    "š": "sh", "ž": "zh", "č": "ch", "ŝ": "shch", "ć": "ch", "ś": "s", "ź": "z", "ż": "zh",
    "û": "yu", "â": "ya", "ë": "e", "ĭ": "y", "ȳ": "y", "ł": "l", "ø": "o", "æ": "ae",
    "œ": "oe", "ß": "ss", "đ": "d", "ı": "i", "þ": "th", "ð": "d",
}  # fmt: skip
# Signs for ь and ъ in the schemes that keep them (Il'in, Ob"edinennye), and BGN/PCGN's dot
# between letters that are not a digraph (t·s is т + с, not ц; D·evid is Дэвид).
_SIGN = "'’ʹʺʼ`\"”"
_DOT = "·"
_WORD = re.compile(rf"[^\W_]+(?:[{_SIGN}{_DOT}][^\W_]+)*")
_VOWEL = "aeiouy"
# A sign before a vowel is the iotation that other schemes write as y (Il'in / Ilyin, Ob"edinennye
# / Obyedinennye); anywhere else it is only softness and goes.
_IOTATING_SIGN = re.compile(rf"[{_SIGN}](?=[{_VOWEL}])")
_OTHER_SIGN = re.compile(rf"[{_SIGN}{_DOT}]")

# One Russian sound, several Latin spellings; applied in order to a lower-case word, so that a
# digraph is folded before its letters are. A folded sound is written with a letter no
# spelling produces (š, č, ʒ, ŧ), so that "sh" cannot also be s + h (Iskhakov / Ishakov).
_DIGRAPHS: tuple[tuple[str, str], ...] = (
    (r"shch|shh|sch|sh", "š"),  # щ and ш: Shchukin / Schukin / Shhukin; Schmidt / Шмидт
    (r"dzh|dj|zh", "ʒ"),  # дж and ж: Alimdzhanov / Alimjanov, Zhaparov / Japarov
    (r"tch|ch|cz", "č"),  # ч: Chaykovsky / Tchaikovsky
    (r"kh", "h"),  # х: Khamas / Hamas, Mukhriddin / Muhriddin
    (r"ts|tz|tc", "ŧ"),  # ц: Tsoy / Tsoi, GOST 52535 "Tcoi"
)
_LETTERS: tuple[tuple[str, str], ...] = (
    (r"th", "t"),
    (r"ph", "f"),  # Adolph / Adolf
    (r"gh", "g"),
    (r"ck|q", "k"),  # Barack / Барак
    (r"x", "ks"),  # Alexei / Aleksei
    (r"w", "v"),
    (r"c(?=[eiy])", "s"),
    (r"c", "k"),
    (r"z", "s"),  # Selenskyj (German press) / Zelensky
    # j is a consonant at the start of a word or after a consonant (John, Alimjanov) and й or
    # an iotation elsewhere (Sergej, Mirzijojev, Marija).
    (rf"(?<=[{_VOWEL}])j|j(?![{_VOWEL}])", "y"),
    (r"j", "ʒ"),
)
_VOWELS: tuple[tuple[str, str], ...] = (
    # Iotated е and ё lose their y (Yeltsin / Eltsin, Mirziyoyev / Mirzieev), as ё is е in
    # Russian texts written either way; not "yo" that starts a word (York, Йозеф).
    (rf"(?<=[{_VOWEL}])y[eo]|^ye", "e"),
    # After a consonant, ье and ьё are written ye, yo, ie or e (Solovyov / Solovyev / Soloviev /
    # Solovev), and ые as ye or yye (Novye / Novyye, once the iotation above is gone); a final
    # ie stays (Marie).
    (rf"(?<=[^{_VOWEL}])(?:y[eo]|ie(?=.))", "e"),
    (r"y", "i"),  # ы, й and и: Zelenskyy / Zelenskiy / Zelenskii; Yury / Iurii
    # -ий, -ый and -yy end in one i (Zelenskii / Zelensky). Other doubled letters stay: they are
    # written alike in every scheme (Kommersant, Хиллари), and tell names apart (Hof / Hoff,
    # Cameron / Cameroon, Monterey / Monterrey).
    (r"i{2,}", "i"),
)
# A silent final h (Sarah / Сара); before kh becomes h, so that Лех keeps its h.
_SILENT_H = (rf"(?<=[{_VOWEL}])h$", "")
_WORD_FOLDS = tuple((re.compile(p), r) for p, r in (_SILENT_H, *_DIGRAPHS, *_LETTERS, *_VOWELS))
# An acronym is spelt letter by letter: only Cyrillic letters written as digraphs are folded
# (МЧС / MChS / MČS, ЕС / YeS / ES), and it stays in capitals, apart from words (ISA / Issa).
_ACRONYM_FOLDS = tuple((re.compile(p), r) for p, r in (*_DIGRAPHS, (r"^ye", "e")))
# Longest word in capitals read as an acronym (NATO, FIFA, ОДКБ; not OBAMA).
MAX_ACRONYM = 4
_WORD_SOUNDS = str.maketrans({"ʒ": "j", "ŧ": "ts"})
_ACRONYM_SOUNDS = str.maketrans({"Ʒ": "J", "Ŧ": "TS"})


def outlet_join_key(canonical_name: str) -> str:
    """``outlet:`` and a slug of the outlet's canonical catalogue name."""
    slug = "-".join(re.findall(r"[a-z0-9]+", to_latin(canonical_name).lower()))
    return f"outlet:{slug}"


def place_join_key(geonameid: int | None, lat: float | None, lon: float | None, name: str) -> str:
    """``geonames:ID``; without an id, the point rounded to about 100 m, else the name key."""
    if geonameid is not None:
        return f"geonames:{geonameid}"
    if lat is not None and lon is not None:
        return f"point:{lat:.3f},{lon:.3f}"
    return f"place:{name_key(name)}"


def name_join_key(name: str, entity_type: EntityType) -> str:
    """A cross-script key for a person, organisation or other name, prefixed by its type."""
    return f"{entity_type}:{name_key(name)}"


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The cross-script key of a whole name: equal for Сергей Лавров, Sergei Lavrov and Sergey
    Lavrov, different for Oman and Amman.

    Each word is written in Latin letters (Cyrillic by the Wikipedia scheme), lower-cased, and
    its transliteration alternations folded (``_DIGRAPHS``, ``_LETTERS``, ``_VOWELS``); vowels
    stay. Every word counts, in its order. An acronym (NATO, НАТО, МЧС / MChS) keeps its
    letters, in capitals. A name with no letters or digits keys as itself, lower-cased.
    """
    words = [_word_key(w) for w in _WORD.findall(name)]
    key = " ".join(w for w in words if w)
    return key or " ".join(name.lower().split())


def _word_key(word: str) -> str:
    latin = _latin(word)
    if _is_acronym(word):
        for pattern, repl in _ACRONYM_FOLDS:
            latin = pattern.sub(repl, latin)
        return latin.upper().translate(_ACRONYM_SOUNDS)
    for pattern, repl in _WORD_FOLDS:
        latin = pattern.sub(repl, latin)
    return latin.translate(_WORD_SOUNDS)


def _is_acronym(word: str) -> bool:
    """NATO, ОДКБ, and acronyms transliterated letter by letter (MChS for МЧС, SShA for США).
    A longer word in capitals is a name in a headline (OBAMA, HILLARY CLINTON)."""
    upper = sum(c.isupper() for c in word)
    lower = sum(c.islower() for c in word)
    return upper >= 2 and (0 < lower < upper or (not lower and upper <= MAX_ACRONYM))


def _latin(word: str) -> str:
    """``word`` in lower-case ASCII letters and digits: Cyrillic transliterated, signs dropped or
    read as iotation, other letters written out or stripped of their marks (Alimdžanov ->
    alimdzhanov, Erdoğan -> erdogan)."""
    text = word.lower()
    if any("а" <= c <= "я" or c == "ё" for c in text):
        text = iuliia.WIKIPEDIA.translate(text.replace("ё", "е"))
    text = "".join(_LETTER_SPELLINGS.get(c, c) for c in text)
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in decomposed if not unicodedata.combining(c))
    text = _OTHER_SIGN.sub("", _IOTATING_SIGN.sub("y", text))
    return "".join(c for c in text if c.isascii() and c.isalnum())
