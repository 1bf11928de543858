"""The outlet catalogue: lookup in any script and case, and word-boundary-safe finding."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirewatch.model import OutletKind
from wirewatch.resources.outlet_names import is_same_outlet, looks_like_outlet, outlet_name
from wirewatch.resources.outlets import _TOKEN, OutletCatalog, _surface_key, default_catalog

MIN_OUTLETS = 150
DEMO_CORPUS = Path(__file__).resolve().parent.parent / "demo" / "corpus"


@pytest.fixture(scope="module")
def catalog() -> OutletCatalog:
    return default_catalog()


def test_catalog_size_and_fields(catalog: OutletCatalog) -> None:
    assert len(catalog.outlets) >= MIN_OUTLETS
    names = [o.name for o in catalog.outlets]
    assert len(names) == len(set(names)), "duplicate outlet names"
    for outlet in catalog.outlets:
        assert isinstance(outlet.kind, OutletKind)
        assert outlet.country is None or (len(outlet.country) == 2 and outlet.country.isupper())
        assert outlet.domain is None or "." in outlet.domain
        assert not any(a.startswith(("?", '"')) for a in outlet.aliases), outlet


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Kommersant", "Kommersant"),
        ("the Kommersant newspaper", "Kommersant"),
        ("Kommersant’s", "Kommersant"),
        ("Kommersant's", "Kommersant"),
        ("Коммерсантъ", "Kommersant"),
        ("«Коммерсанту»", "Kommersant"),
        ("Коммерсанта", "Kommersant"),
        ("газета «Коммерсантъ»", "Kommersant"),
        ("ТАСС", "TASS"),
        ("РИА Новости", "RIA Novosti"),
        ("Интерфакс", "Interfax"),
        ("Рейтер", "Reuters"),
        ("Блумберг", "Bloomberg"),
        ("the Associated Press", "Associated Press"),
        ("AP", "Associated Press"),
        ("AFP", "Agence France-Presse"),
        ("Ведомостям", "Vedomosti"),
        ("Новой газете", "Novaya Gazeta"),
        ("The New York Times", "The New York Times"),
        ("FMT", "Free Malaysia Today"),
        ("RFE/RL", "Radio Free Europe/Radio Liberty"),
        ("Al-Jazeera", "Al Jazeera"),
    ],
)
def test_lookup(catalog: OutletCatalog, name: str, expected: str) -> None:
    outlet = catalog.lookup(name)
    assert outlet is not None, name
    assert outlet.name == expected


@pytest.mark.parametrize("name", ["ap", "Sergei Lavrov", "Tashkent", "b", "the"])
def test_lookup_rejects(catalog: OutletCatalog, name: str) -> None:
    assert catalog.lookup(name) is None


def test_ambiguous_forms_need_context_in_strict_lookup(catalog: OutletCatalog) -> None:
    assert catalog.lookup("Dawn") is not None
    assert catalog.lookup("Dawn", strict=True) is None
    assert catalog.lookup('"b"') is not None  # Kommersant's nickname, machine-translated


def _found(catalog: OutletCatalog, text: str) -> list[tuple[str, str]]:
    out = []
    for start, end, outlet in catalog.find(text):
        out.append((text[start:end], outlet.name))
    return out


def test_find_is_word_boundary_and_case_safe(catalog: OutletCatalog) -> None:
    text = "The CAP rules; tap ap. Photo (AP pic). Visit rt.com or RT @user. Reuters said."
    found = _found(catalog, text)
    assert ("AP", "Associated Press") in found
    assert ("Reuters", "Reuters") in found
    assert all(surface not in {"CAP", "ap", "rt"} for surface, _ in found)
    assert not any(name == "RT" for _, name in found)  # no reporting cue near the retweet


def test_find_ambiguous_with_cue(catalog: OutletCatalog) -> None:
    assert ("RT", "RT") in _found(catalog, "The broadcaster RT reported on Monday.")
    assert _found(catalog, "At dawn the troops moved. Dawn broke over Kabul.") == []
    assert ("Dawn", "Dawn") in _found(catalog, "Pakistan's Dawn newspaper reported the talks.")


def test_find_russian_case_forms(catalog: OutletCatalog) -> None:
    text = "Как сообщила газета «Коммерсантъ», источники «Коммерсанта» и РИА Новости, а также ТАСС."
    found = _found(catalog, text)
    assert found == [
        ("Коммерсантъ", "Kommersant"),
        ("Коммерсанта", "Kommersant"),
        ("РИА Новости", "RIA Novosti"),
        ("ТАСС", "TASS"),
    ]


def test_find_skips_longer_names(catalog: OutletCatalog) -> None:
    found = _found(catalog, "The Reuters Institute published a study. The Guardian Council met.")
    assert found == []


def test_find_on_seeds(catalog: OutletCatalog, scoop_path: Path, rewrite_path: Path) -> None:
    scoop = scoop_path.read_text(encoding="utf-8")
    names = {o.name for _, _, o in catalog.find(scoop)}
    assert {"Kommersant", "Bloomberg", "Reuters"} <= names
    for start, end, outlet in catalog.find(scoop):
        assert catalog.lookup(scoop[start:end]) in (outlet, None)
    rewrite = rewrite_path.read_text(encoding="utf-8")
    names = {o.name for _, _, o in catalog.find(rewrite)}
    assert {"Kommersant", "Reuters", "Associated Press", "Free Malaysia Today"} <= names


@pytest.mark.parametrize(
    ("name", "is_outlet"),
    [
        ("Tien Shan Herald", True),
        ("Kestrel News Agency", True),
        ("FMT", True),
        ("HuffPost", True),
        ("northern-courier.example", True),
        ("«Ошская неделя»", True),
        ("Вечерний вестник", True),
        # Journalists' follow lines (Breitbart's "Follow Pam Key on Twitter @pamkeyNEN").
        ("Pam Key", False),
        ("AWR Hawkins", False),
        ("Warner Todd Huston", False),
        ("Тимур Исаков", False),
        ("пресс-служба Минводхоза", False),
    ],
)
def test_names_that_read_as_outlets(name: str, is_outlet: bool) -> None:
    assert looks_like_outlet(name) is is_outlet


def test_outlet_name_prefers_the_catalogue(catalog: OutletCatalog) -> None:
    assert outlet_name("FMT", catalog) == "Free Malaysia Today"
    assert outlet_name("«Ошская неделя»", catalog) == "Ошская неделя"
    assert outlet_name("Pam Key", catalog) is None


@pytest.mark.parametrize(
    ("name", "outlet", "same"),
    [
        ("TSH", "Tien Shan Herald", True),  # initials
        ("Kestrel", "Kestrel News Agency", True),  # first word
        ("Ошской недели", "Ошская неделя", True),  # Russian case forms
        ("Коммерсанта", "Kommersant", True),  # the catalogue's forms
        ("KNA", "Tien Shan Herald", False),
        ("Reuters", "Kommersant", False),
        ("Herald", "Tien Shan Herald", False),
        ("TSH", None, False),
    ],
)
def test_an_outlet_under_another_form(
    catalog: OutletCatalog, name: str, outlet: str | None, same: bool
) -> None:
    assert is_same_outlet(name, outlet, catalog) is same


@pytest.mark.parametrize(
    ("hint", "expected"),
    [
        ("breitbart", "Breitbart"),
        ("nyt", "The New York Times"),  # an acronym in lower case
        ("bbc", "BBC"),
        ("wash-post", "The Washington Post"),  # a slug of word beginnings (PolNeAR's publishers)
        ("huff-post", "HuffPost"),
        ("west-journal", "The Western Journal"),
        ("new-york", None),  # not The New Yorker: the last word must be whole
        ("acme-weekly", None),
    ],
)
def test_publisher_fields_as_datasets_write_them(
    catalog: OutletCatalog, hint: str, expected: str | None
) -> None:
    found = catalog.lookup_hint(hint)
    assert (found.name if found else None) == expected


def _find_keying_every_ngram(catalog: OutletCatalog, text: str) -> list[tuple[int, int, str]]:
    """``find`` as it was before its first-word shortcut: every n-gram at every word keyed."""
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(tokens):
        start = tokens[i][0]
        hit = None
        if not (start > 0 and text[start - 1] in "@#/."):
            for n in range(min(catalog._longest, len(tokens) - i), 0, -1):
                end = tokens[i + n - 1][1]
                if "\n" in text[start:end]:
                    continue
                form = catalog._surface.get(_surface_key(text[start:end]))
                if form is None and text[start:end].count(".") and text[end : end + 1] == ".":
                    form = catalog._surface.get(_surface_key(text[start : end + 1]))
                if form is not None and catalog._accept(text, tokens, i, n, form):
                    hit = (n, form)
                    break
        if hit is None:
            i += 1
            continue
        n, form = hit
        found.append((start, tokens[i + n - 1][1], form.outlet.name))
        i += n
    return found


def test_find_shortcut_keeps_every_match(catalog: OutletCatalog, seeds_dir: Path) -> None:
    """Regression guard for the speed-up of ``find`` (a word no key starts with is skipped
    without keying its n-grams): it must find exactly what keying every n-gram finds."""
    texts = [p.read_bytes().decode("utf-8", "replace") for p in sorted(DEMO_CORPUS.iterdir())]
    texts += [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.iterdir()) if p.is_file()]
    texts.append(
        "Bloomberg L.P. and the U.S. Associated Press-reported story; REUTERS/Kommersant-Daily, "
        "«Коммерсанту» и «Ведомостям», РИА-Новости, New York Times' desk, The New York Times."
    )
    for text in texts:
        expected = _find_keying_every_ngram(catalog, text)
        assert [(s, e, o.name) for s, e, o in catalog.find(text)] == expected
    assert any(_find_keying_every_ngram(catalog, text) for text in texts)
