"""The outlet catalogue: news outlets and agencies, found by name in any script.

Independent of any NER model so that the parse step (credit lines such as "Source: Kommersant")
and the citation stage ("Reuters reported") can use it too. The data is
``wirewatch/data/outlets.tsv``; see its header for the columns and the alias markers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from wirewatch.model import Outlet, OutletKind
from wirewatch.names import APOSTROPHES
from wirewatch.resources import lexicon as cues

CATALOG_FILE = "outlets.tsv"

# Alias markers in the TSV (see the file header).
AMBIGUOUS_MARK = "?"
QUOTED_MARK = '"'

# How far (characters) around an ambiguous form to look for a reporting cue.
CUE_WINDOW = 60

# Words around an outlet name that say "this is a news outlet" (English and Russian stems).
# The cue verbs come from the lexicon; the alternatives are whole words (each ends at \b), so
# their order does not change what matches.
_CUES = re.compile(
    r"\b(?:"
    + "|".join(cues.OUTLET_CUE_VERBS)
    + r"|newspaper|daily|agency|news|channel|broadcaster|magazine|outlet|tv|radio|interview\w*|"
    r"correspondent|journalist|editor|columnist|website|source|published|aired|via|"
    + "|".join(cues.RU_OUTLET_CUE_VERBS)
    + r"|газет\w*|агентств\w*|издани\w*|телеканал\w*|канал\w*|корреспондент\w*|журнал\w*|"
    r"интервью|источник\w*|радио\w*)\b",
    re.IGNORECASE,
)

# Words that may wrap an outlet name in a mention and are not part of it.
_GENERIC_WORDS_TEXT = """
    the newspaper news agency daily paper outlet website channel tv broadcaster magazine
    wire service network radio station publication
    газета газеты газете газету газетой агентство агентства агентству агентством издание
    издания изданию изданием информагентство информагентства ия иа телеканал телеканала
    телеканалу телеканалом журнал журнала журналу журналом радиостанция радиостанции
    портал портала сайт сайта
    """
_GENERIC_WORDS = frozenset(_GENERIC_WORDS_TEXT.split())
_LEADING_ARTICLES = frozenset({"the"})

# Russian case endings, longest first, so that «Коммерсанту» and «Ведомостям» find their outlet.
_RU_ENDINGS = (
    "ами", "ями", "ого", "его", "ому", "ему", "ой", "ей", "ом", "ем", "ам", "ям", "ах", "ях",
    "ую", "юю", "ая", "яя", "ое", "ее", "ые", "ие", "ый", "ий", "ым", "им", "ых", "их", "ою",
    "а", "я", "у", "ю", "е", "ы", "и", "ъ", "ь", "й", "о",
)  # fmt: skip
_MIN_STEM = 3
_CYRILLIC_WORD = re.compile(r"^[А-Яа-яЁё]+$")
_QUOTES = "\"«»“”„‟‹›'"


def ru_stem(word: str) -> str:
    """Strip one Russian case ending from a lower-case word (kept if the stem would be short)."""
    if not _CYRILLIC_WORD.match(word):
        return word
    for ending in _RU_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            word = word[: -len(ending)]
            break
    # A vowel left before the ending belongs to the stem in some forms only
    # (Известия / Известий), so it goes too.
    while len(word) > _MIN_STEM and word[-1] in "аеёиоуыэюяйьъ":
        word = word[:-1]
    return word


def _fold(text: str, *, generic: bool = True, lower: bool = True) -> str:
    """Quotes, possessive, Russian endings and (``generic``) words like "newspaper" removed."""
    text = text.replace("ё", "е").replace("Ё", "Е").strip().strip(_QUOTES).strip()
    text = re.sub(rf"[{APOSTROPHES}][sS]$|(?<=[sS])[{APOSTROPHES}]$", "", text)
    words = [w.strip(_QUOTES + ",.:;()") for w in re.split(r"[\s\-]+", text)]
    words = [w for w in words if w]
    while words and words[0].lower() in _LEADING_ARTICLES:
        words.pop(0)
    if generic:
        while words and words[0].lower() in _GENERIC_WORDS:
            words.pop(0)
        while words and words[-1].lower() in _GENERIC_WORDS:
            words.pop()
    if lower:
        words = [w.lower() for w in words]
    return " ".join(ru_stem(w) if lower else w for w in words)


@dataclass(frozen=True)
class _Form:
    text: str
    outlet: Outlet
    ambiguous: bool
    quoted_only: bool


# What separates the words of a written form.
_SEPARATORS = re.compile(r"[\s\-]+")
_SEPARATOR = re.compile(r"[\s\-]")


def _surface_key(text: str) -> str:
    """Exact-case key of a written form: separators unified, Russian words reduced to stems."""
    return " ".join(_surface_word(w) for w in _SEPARATORS.split(text) if w)


@lru_cache(maxsize=65536)
def _surface_word(word: str) -> str:
    """One word of a surface key. Cached: ``find`` keys every word of every article several
    times over (once per n-gram it starts or ends)."""
    word = word.replace("ё", "е").replace("Ё", "Е").replace("’", "'")
    if _CYRILLIC_WORD.match(word) and not word.isupper() and len(word) > _MIN_STEM:
        return word[0] + ru_stem(word.lower())[1:]
    return word


# Tokens for the n-gram scan in ``find``: runs of letters and digits.
_TOKEN = re.compile(r"[^\W_]+")
# A capitalised word right after a match that is still part of the outlet mention.
_CONTINUATIONS_TEXT = "News Newspaper Daily Photo Pic Pics Video Television TV Radio Agency Online Report"
_CONTINUATIONS = frozenset(_CONTINUATIONS_TEXT.split()) | cues.OUTLET_CONTINUATION_VERBS
_MAX_FORM_WORDS = 8


class OutletCatalog:
    """Outlets by name: ``lookup`` one name, ``find`` every mention in a text."""

    def __init__(self, outlets: list[tuple[Outlet, list[tuple[str, str]]]]) -> None:
        """``outlets``: each outlet with its written forms as (text, marker) pairs."""
        self.outlets: tuple[Outlet, ...] = tuple(o for o, _ in outlets)
        self._forms: list[_Form] = []
        self._index: dict[str, list[_Form]] = {}
        for outlet, forms in outlets:
            for text, mark in forms:
                form = _Form(text, outlet, mark == AMBIGUOUS_MARK, mark == QUOTED_MARK)
                self._forms.append(form)
                for key in {_fold(text, generic=False), _fold(text)} - {""}:
                    self._index.setdefault(key, []).append(form)
        self._surface, self._longest = self._build_surface_index()
        # First words of the surface keys: most words of a text start no outlet name, and
        # checking one word rules out every n-gram starting there without keying it.
        self._first_words = frozenset(key.split(" ", 1)[0] for key in self._surface)

    @classmethod
    def from_tsv(cls, text: str) -> OutletCatalog:
        rows: list[tuple[Outlet, list[tuple[str, str]]]] = []
        for line_no, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.startswith("#") or line.startswith("name\t"):
                continue
            cols = line.split("\t")
            if len(cols) != 6:
                raise ValueError(
                    f"{CATALOG_FILE} line {line_no}: expected 6 tab-separated columns "
                    f"(name, kind, country, language, domain, aliases), got {len(cols)}"
                )
            name, kind, country, language, domain, alias_text = cols
            marked: dict[str, str] = {name: ""}
            for raw in filter(None, alias_text.split("|")):
                mark = raw[0] if raw[0] in (AMBIGUOUS_MARK, QUOTED_MARK) else ""
                marked[raw[len(mark) :]] = mark
            aliases = tuple(a for a in marked if a != name)
            outlet = Outlet(
                name=name,
                kind=OutletKind(kind),
                country=country or None,
                language=language or None,
                domain=domain or None,
                aliases=aliases,
            )
            rows.append((outlet, list(marked.items())))
        return cls(rows)

    def _build_surface_index(self) -> tuple[dict[str, _Form], int]:
        index: dict[str, _Form] = {}
        longest = 1
        # Earlier rows win a clash: the file lists the better-known outlet first.
        for form in self._forms:
            keys = [_surface_key(form.text)]
            # Headlines and datelines write names in capitals: REUTERS, KOMMERSANT.
            if len(form.text) >= 4 and not form.quoted_only:
                keys.append(_surface_key(form.text.upper()))
            if form.text.startswith("The "):
                keys.append(_surface_key("the " + form.text[4:]))
            for key in keys:
                index.setdefault(key, form)
                longest = max(longest, len(_TOKEN.findall(key)))
        return index, min(longest, _MAX_FORM_WORDS)

    def lookup(self, name: str, *, strict: bool = False) -> Outlet | None:
        """The outlet called ``name`` ("the Kommersant newspaper", "Kommersant’s", «Коммерсанту»).

        Forms that are also common words ("Dawn", "RT") count unless ``strict``; forms that
        count only in quotes (Kommersant's "Ъ") need the quotes in ``name``.
        """
        stripped = name.strip()
        quoted = len(stripped) >= 2 and stripped[0] in _QUOTES and stripped[-1] in _QUOTES
        for key in dict.fromkeys([_fold(name, generic=False), _fold(name)]):
            for form in self._index.get(key, []):
                if form.quoted_only and not quoted:
                    continue
                if strict and form.ambiguous:
                    continue
                if len(key) <= SHORT_ACRONYM and _fold(name, lower=False) != _fold(form.text, lower=False):
                    continue  # "AP" is an outlet, the word "ap" is not
                return form.outlet
        return None

    def lookup_hint(self, name: str) -> Outlet | None:
        """The outlet a publisher field names, also as datasets and feeds shorten it: "nyt"
        (an acronym in lower case), "wash-post", "huff-post" (a slug of word beginnings)."""
        found = self.lookup(name)
        if found is not None:
            return found
        text = name.strip()
        if _HINT_ACRONYM.match(text):
            return self.lookup(text.upper())
        parts = [p for p in _SLUG_SEPARATORS.split(text.lower()) if p]
        if len(parts) < 2 or not text.isascii():
            return None
        for form in self._forms:
            words = form.text.lower().split()
            if words and words[0] in _LEADING_ARTICLES:
                words = words[1:]
            # Word beginnings, the last word whole: "wash-post" is The Washington Post, but
            # "new-york" is not The New Yorker.
            if (
                len(words) == len(parts)
                and words[-1] == parts[-1]
                and all(w.startswith(p) for w, p in zip(words, parts, strict=True))
            ):
                return form.outlet
        return None

    def find(self, text: str) -> list[tuple[int, int, Outlet]]:
        """Every outlet mention in ``text`` as (start, end, outlet), in order, not overlapping.

        Matching is case-sensitive on whole words (so "AP" is found neither in "CAP" nor in
        the word "ap"); the longest form starting at a word wins.
        """
        tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
        found: list[tuple[int, int, Outlet]] = []
        i = 0
        while i < len(tokens):
            if self._starts_nothing(text, tokens, i):
                i += 1
                continue
            hit = self._match_at(text, tokens, i)
            if hit is None:
                i += 1
                continue
            n_words, form = hit
            start, end = tokens[i][0], tokens[i + n_words - 1][1]
            found.append((start, end, form.outlet))
            i += n_words
        return found

    def _starts_nothing(self, text: str, tokens: list[tuple[int, int]], i: int) -> bool:
        """The common case, decided before ``_match_at``: token ``i`` is a whole word (up to
        a space or hyphen) and no key starts with that word, so no n-gram from it matches."""
        start, end = tokens[i]
        if end < len(text) and not _SEPARATOR.match(text, end):
            return False  # "U" of "U.S.": n-grams ending inside the word are for _match_at
        return _surface_word(text[start:end]) not in self._first_words

    def _match_at(self, text: str, tokens: list[tuple[int, int]], i: int) -> tuple[int, _Form] | None:
        start = tokens[i][0]
        if start > 0 and text[start - 1] in "@#/.":
            return None  # handles, hashtags, paths and domains
        longest = min(self._longest, len(tokens) - i)
        # Where the first word of the n-grams starting here ends: a key's first word is known
        # before any n-gram is keyed, and most words start no outlet name.
        reach = tokens[i + longest - 1][1] + 1
        separator = _SEPARATOR.search(text, start, reach)
        first_end = separator.start() if separator else reach
        if _surface_word(text[start:first_end]) not in self._first_words:
            # No key starts with that word: only n-grams ending inside it ("U.S" of "U.S.")
            # can still match, usually none.
            while longest and tokens[i + longest - 1][1] >= first_end:
                longest -= 1
        for n in range(longest, 0, -1):
            end = tokens[i + n - 1][1]
            if "\n" in text[start:end]:
                continue
            form = self._surface_form(text, start, end, first_end)
            if form is None and text[start:end].count(".") and text[end : end + 1] == ".":
                # Forms ending in a dot ("Bloomberg L.P.") end one character after the token.
                form = self._surface_form(text, start, end + 1, first_end)
            if form is None or not self._accept(text, tokens, i, n, form):
                continue
            return n, form
        return None

    def _surface_form(self, text: str, start: int, end: int, first_end: int) -> _Form | None:
        """The form written as ``text[start:end]``, whose first word ends at ``first_end``."""
        if _surface_word(text[start : min(end, first_end)]) not in self._first_words:
            return None  # no key starts with this word, so neither does this n-gram's
        return self._surface.get(_surface_key(text[start:end]))

    def _accept(self, text: str, tokens: list[tuple[int, int]], i: int, n: int, form: _Form) -> bool:
        start, end = tokens[i][0], tokens[i + n - 1][1]
        if end < len(text) - 1 and text[end] == "." and text[end + 1].isalnum():
            return False  # a domain such as rt.com
        if i + n < len(tokens):
            nxt_start, nxt_end = tokens[i + n]
            nxt = text[nxt_start:nxt_end]
            if (
                text[end:nxt_start] == " "
                and nxt[:1].isupper()
                and nxt[:1].isascii()
                and nxt not in _CONTINUATIONS
                and not nxt.isupper()
            ):
                return False  # part of a longer name: "Reuters Institute", "Guardian Council"
        if form.quoted_only and not _is_quoted(text, start, end):
            return False
        return not (form.ambiguous and not _has_cue(text, start, end))


# Acronyms this short are outlets only when written in capitals.
SHORT_ACRONYM = 3
# A publisher field in lower-case letters this short is an acronym ("nyt", "bbc").
_HINT_ACRONYM = re.compile(r"^[a-z]{2,5}$")
_SLUG_SEPARATORS = re.compile(r"[-_\s.]+")


def _is_quoted(text: str, start: int, end: int) -> bool:
    return start > 0 and end < len(text) and text[start - 1] in _QUOTES and text[end] in _QUOTES


def _has_cue(text: str, start: int, end: int) -> bool:
    if _is_quoted(text, start, end):
        return True
    if start > 0 and end < len(text) and text[start - 1] == "(" and text[end] in ")/ ":
        return True  # "(AP pic)", "(RT)" credit brackets
    before = text[max(0, start - CUE_WINDOW) : start]
    after = text[end : end + CUE_WINDOW]
    # Stay inside the sentence / line: a cue in the next sentence says nothing about this one.
    before = re.split(r"[.!?\n]\s", before)[-1]
    after = re.split(r"[.!?\n]\s", after)[0]
    return bool(_CUES.search(before) or _CUES.search(after))


@lru_cache(maxsize=1)
def default_catalog() -> OutletCatalog:
    """The catalogue shipped in ``wirewatch/data/outlets.tsv`` (loaded once per process)."""
    data = resources.files("wirewatch").joinpath("data", CATALOG_FILE).read_text(encoding="utf-8")
    return OutletCatalog.from_tsv(data)
