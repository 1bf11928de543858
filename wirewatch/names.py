"""Canonical names: titles, possessives, articles, acronyms and script-independent match keys.

Pure string functions shared by the entity stage and the outlet catalogue. Spans are trimmed
by returning new offsets (never by copying text), so a trimmed mention still points into the
article body.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import iuliia

from wirewatch.model import EntityType

# Apostrophes seen in the wild: straight, curly, modifier letter, prime, backtick.
APOSTROPHES = "'’ʼ′`´"
_POSSESSIVE = re.compile(rf"(?:[{APOSTROPHES}][sS]|(?<=[sS])[{APOSTROPHES}])$")

# Leading words that are not part of a name. Role titles are lower-cased for comparison; a
# capitalised nationality adjective ("Russian Foreign Minister") is handled separately because
# it is an open class: any capitalised word directly before a title word is stripped with it.
_ROLE_TITLES_TEXT = """
    president vice prime minister foreign defence defense interior finance economy
    secretary state deputy first chairman chairwoman chair head chief leader spokesman
    spokeswoman spokesperson envoy special ambassador general gen lt col maj capt colonel
    major captain admiral commander king queen prince princess sheikh emir sultan pope
    chancellor senator sen rep representative governor gov mayor judge justice
    mr mrs ms dr prof professor sir lord lady dame former late acting interim premier u.s
    director ceo chairperson speaker counterpart official officials adviser advisor
    president-elect patriarch ayatollah mullah imam lieutenant sergeant marshal field
    commissioner commandant ombudsman attorney council national security us u.s. un
    президент премьер министр глава председатель госсекретарь спикер посол генерал
    генсек генеральный секретарь пресс-секретарь замминистра вице-премьер министра
    директор губернатор мэр лидер помощник советник спецпосланник представитель экс
    господин госпожа
    """
ROLE_TITLES = frozenset(_ROLE_TITLES_TEXT.split())

# Words that may precede a name inside an NER span but are never part of it.
LEADING_ARTICLES = frozenset({"the", "a", "an"})

# Function words skipped when building an acronym from a long name (English and Russian).
_ACRONYM_STOPWORDS_TEXT = (
    "of the and for on in at to de la le du des del di da "  # English, French, Spanish...
    "и в о об по на для при"  # Russian
)
ACRONYM_STOPWORDS = frozenset(_ACRONYM_STOPWORDS_TEXT.split())

# Characters that never belong at the edge of a name.
_EDGE_JUNK = " \t\n\r\"'«»“”„‘’‹›()[]{},;:.!?-–—/*•|"

# Quotation marks that may stand inside a name ("ГЭС «Нарын-4»", "the “Freedom” party").
_NAME_QUOTE_PAIRS = (("«", "»"), ("“", "”"), ("„", "“"))

_WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*", re.UNICODE)
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_INITIALS_DOT = re.compile(r"(?:^|(?<=\W))(?:\w\.){2,}$")
_LATIN = re.compile(r"[A-Za-z]")


def is_cyrillic(text: str) -> bool:
    """True when ``text`` has more Cyrillic than Latin letters."""
    return len(_CYRILLIC.findall(text)) > len(_LATIN.findall(text))


def trim_span(body: str, start: int, end: int, *, strip_titles: bool = False) -> tuple[int, int]:
    """Narrow ``body[start:end]`` to the name itself.

    Removes edge punctuation and quotes, a trailing possessive ("Kommersant’s" -> "Kommersant"),
    a leading article ("the Collective Security Treaty Organization") and, for people, leading
    role titles with the nationality adjective before them ("Russian Foreign Minister Sergei
    Lavrov" -> "Sergei Lavrov"). Returns ``(start, end)``; ``start == end`` means nothing is left.
    """
    while start < end and body[start] in _EDGE_JUNK:
        start += 1
    while end > start and body[end - 1] in _EDGE_JUNK:
        end -= 1
    end = _keep_closing_mark(body, start, end)
    if _INITIALS_DOT.search(body, start, min(end + 1, len(body))) and body[end : end + 1] == ".":
        end += 1  # "U.S.", "L.A.": the last dot belongs to the abbreviation
    match = _POSSESSIVE.search(body[start:end])
    if match and end - start - len(match.group(0)) > 1:
        end = start + match.start()
        while end > start and body[end - 1] in _EDGE_JUNK:
            end -= 1
    words = list(_WORD.finditer(body, start, end))
    drop = 0
    while drop < len(words) - 1 and words[drop].group(0).lower() in LEADING_ARTICLES:
        drop += 1
    if strip_titles:
        last_title = -1
        for i in range(drop, len(words) - 1):
            if words[i].group(0).lower().rstrip(".") in ROLE_TITLES:
                last_title = i
        # Only strip a prefix made of titles and capitalised modifiers ending in a title:
        # "Russian Foreign Minister" goes, "Abdulaziz Kamilov" stays.
        if last_title >= drop:
            drop = last_title + 1
    if drop and drop < len(words):
        start = words[drop].start()
    return start, end


def _keep_closing_mark(body: str, start: int, end: int) -> int:
    """Give back the closing quotation mark of a name quoted inside it: ГЭС «Нарын-4»."""
    inner = body[start:end]
    for opening, closing in _NAME_QUOTE_PAIRS:
        if inner.count(opening) > inner.count(closing) and body[end : end + 1] == closing:
            return end + 1
    return end


def strip_name_edges(text: str, edge: str) -> str:
    """``text`` without the characters of ``edge`` at its ends, minus a closing quotation mark
    that belongs to a name quoted inside it (ГЭС «Нарын-4»)."""
    stripped = text.strip(edge)
    if not stripped:
        return stripped
    start = text.index(stripped)
    return text[start : _keep_closing_mark(text, start, start + len(stripped))]


def acronym(name: str) -> str:
    """Initials of the significant words: "Collective Security Treaty Organization" -> "CSTO"."""
    words = [w for w in _WORD.findall(name) if w.lower() not in ACRONYM_STOPWORDS]
    if len(words) < 2:
        return ""
    return "".join(w[0] for w in words).upper()


def is_acronym(text: str) -> bool:
    """An all-capitals token of 2-6 letters such as CSTO, NATO or ОДКБ."""
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(letters) <= 6 and all(c.isupper() for c in letters) and " " not in text


@lru_cache(maxsize=65536)
def to_latin(text: str) -> str:
    """Cyrillic to Latin (iuliia Wikipedia scheme, closest to English-language press spellings).

    ё is read as е first because Russian texts write it either way (Мирзиёев / Мирзиеев).
    """
    text = text.replace("ё", "е").replace("Ё", "Е")
    if _CYRILLIC.search(text):
        text = iuliia.WIKIPEDIA.translate(text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Spelling variants of one sound, applied in order to lower-case Latin text. Digraphs go
# first so that their letters are not rewritten one by one.
_SOUND_RULES: tuple[tuple[str, str], ...] = (
    (r"shch|sch|sh|ch(?=sh)", "S"),
    (r"dzh|dj", "J"),
    (r"tch|ch|tsch|cz", "C"),
    (r"zh", "J"),  # Жапаров is Japarov in Kyrgyz and Kazakh Latin spellings
    (r"kh", "H"),
    (r"gh", "g"),  # Ghani / Гани, Afghanistan / Афганистан
    (r"ts|tz", "c"),
    (r"th", "t"),
    (r"ph", "f"),
    (r"ck|q", "k"),
    (r"x", "ks"),
    (r"w", "v"),
    (r"c(?=[eiy])", "s"),
    (r"c", "k"),
    (r"z", "s"),
    # j is a consonant before a vowel (Joe, Sirojiddin) and a vowel otherwise (Sergej).
    (r"j(?=[aeiouy])", "J"),
    (r"j", "y"),
)
_COMPILED_RULES = tuple((re.compile(p), r) for p, r in _SOUND_RULES)
_VOWELS = re.compile(r"[aeiouy]+")
# Below this many consonants a word's skeleton keeps vowel marks.
MIN_SKELETON = 3
# All-capital words up to this length are acronyms, keyed letter for letter.
MAX_LITERAL_ACRONYM = 4


def _skeleton(word: str) -> str:
    for pattern, repl in _COMPILED_RULES:
        word = pattern.sub(repl, word)
    # Vowels differ most between transliterations (Mirziyoyev / Mirzieev, Entoni / Anthony):
    # keep only whether the word starts with one, then the consonants.
    initial = "a" if word[:1] in "aeiouy" else ""
    body = word[1:] if initial else word
    # Doubled letters are spelling noise (Kommersant / Komersant, Mukhriddin / Muhridin).
    body = re.sub(r"(.)\1+", r"\1", body)
    consonants = _VOWELS.sub("", body)
    if len(consonants) < MIN_SKELETON:
        # Too few consonants to tell words apart (South / State both "st"): keep a mark
        # where the vowels were, which still ignores which vowels they were.
        consonants = _VOWELS.sub("v", body).rstrip("v")
    consonants = re.sub(r"(.)\1+", r"\1", consonants)  # Constitution: t-t-t
    return (initial + consonants).lower()


@lru_cache(maxsize=65536)
def match_key(name: str) -> str:
    """A loose, script-independent key: equal for Сергей Лавров and Sergei Lavrov.

    Cyrillic is transliterated, diacritics and punctuation dropped, spelling variants folded
    and vowels removed (see ``_skeleton``). Words stay separate and in order. Short acronyms
    (NATO, EU, ОДКБ) are kept letter for letter: a skeleton of initials means nothing.
    """
    latin = to_latin(name).replace("'", "").replace("’", "")
    keys: list[str] = []
    for word in re.findall(r"[A-Za-z0-9]+", latin):
        if word.isupper() and len(word) <= MAX_LITERAL_ACRONYM:
            keys.append(word.lower())
        else:
            keys.append(_skeleton(word.lower()))
    return " ".join(k for k in keys if k)


def spelling_key(name: str) -> str:
    """A strict key: the Latin transliteration, lower-cased, words only (Лавров = Lavrov).

    Within one article names are grouped by this key; the loose ``match_key`` only joins
    spellings across scripts, where it cannot confuse Russia with Rose or Canada with Kennedy.
    """
    return " ".join(re.findall(r"[a-z0-9]+", to_latin(name).lower()))


def normalize_space(text: str) -> str:
    return " ".join(text.split())


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def last_word(text: str) -> str:
    words = _WORD.findall(text)
    return words[-1] if words else ""


@dataclass(frozen=True)
class RawMention:
    """One span found by an NER model or the outlet catalogue, before canonicalisation.

    ``label`` is None when the model's label says nothing reliable about the type (spaCy's
    NORP): such a mention only counts if it joins an entity typed by other mentions.
    ``normal`` is the model's normal form (nominative for Russian); ``source`` the raw label.
    """

    start: int
    end: int
    label: EntityType | None
    normal: str
    source: str
    # True when ``normal`` comes from the model's morphology (natasha's nominative) rather
    # than from the surface text, so trimming the span must not replace it.
    morphological: bool = False
