"""Join-key benchmark: how often distinct names share a key, and how often spellings of one
name do not, for the old ``names.match_key`` and the corpus-wide ``join_keys.name_key``.

Run: ``.venv/bin/python -m bench.join_keys [--articles N]`` (N PolNeAR train/dev articles for the
English list; default all 924). Writes bench/results/join_keys.json and .md.

Name lists (``bench/join_keys_names.py``): English PERSON/ORG names spaCy finds in the PolNeAR
articles (train and dev only); Russian Person/Org names from the factRuEval-2016 devset gold
objects, in the nominative; each Russian name under 12 transliteration schemes (``iuliia``).

- collisions: names that differ (different ``spelling_key``, the strict Latin form) but share
  a key, counted per list and apart for one-word and longer names ("Lavrov" and "Sergei Lavrov"
  are different names; no whole-name key joins them anyway). Some are one name spelt two ways
  (Sergei / Sergey): the report lists every group of the new key so that they can be told apart.
- transliteration collisions: keys shared by the spellings of two different Russian names.
- variant recall: share of pairs of spellings of one Russian name (Cyrillic and the schemes)
  that get one key, and per scheme the share of names keyed like their Cyrillic form.
- cross-script joins: keys shared by an English and a Russian name.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from itertools import combinations
from typing import Any

from bench.common import RESULTS_DIR, write_results
from bench.join_keys_names import SCHEMES, Name, load_names, spellings
from bench.join_keys_report import markdown
from wirewatch.join_keys import name_key
from wirewatch.names import is_cyrillic, match_key, spelling_key

KEYS: dict[str, Callable[[str], str]] = {"match_key (old)": match_key, "name_key (new)": name_key}
# Spellings of one name seen in the press and in transliteration (the hand cases).
HAND_VARIANTS: tuple[tuple[str, ...], ...] = (
    ("Alimdzhanov", "Alimjanov", "Алимджанов"),
    ("Mirziyoyev", "Мирзиёев", "Mirzijojev", "Mirzieev"),
    ("Sergei Lavrov", "Sergey Lavrov", "Сергей Лавров"),
    ("Zelensky", "Zelenskyy", "Зеленский", "Zelenskiy"),
    ("Dmitry Peskov", "Dmitriy Peskov", "Дмитрий Песков"),
    ("Alexei Navalny", "Alexey Navalny", "Алексей Навальный"),
    ("Yeltsin", "Ельцин"),
    ("Khrushchev", "Хрущёв"),
    ("Sadyr Japarov", "Садыр Жапаров", "Sadyr Zhaparov"),
)
# Different names the old key merges.
HAND_DISTINCT: tuple[tuple[str, ...], ...] = (
    ("Oman", "Amman"),
    ("Homs", "Hamas"),
    ("India", "Andy"),
    ("Iran", "Irina"),
    ("Kyiv", "Kia", "Key"),
)


def collisions(names: Iterable[str], key: Callable[[str], str]) -> dict[str, Any]:
    """Distinct names (by spelling_key) grouped by key; the groups with more than one name."""
    by_key: dict[str, dict[str, str]] = defaultdict(dict)
    for name in names:
        by_key[key(name)].setdefault(spelling_key(name), name)
    shared = {k: sorted(v.values()) for k, v in by_key.items() if len(v) > 1}
    total = sum(len(v) for v in by_key.values())
    involved = sum(len(v) for v in shared.values())
    return {
        "names": total,
        "keys": len(by_key),
        "shared_keys": len(shared),
        "names_sharing": involved,
        "share_of_names": round(involved / total, 4) if total else 0.0,
        "groups": dict(sorted(shared.items(), key=lambda kv: (-len(kv[1]), kv[0]))),
    }


def by_length(names: Sequence[Name], key: Callable[[str], str]) -> dict[str, Any]:
    one = [n.text for n in names if len(spelling_key(n.text).split()) == 1]
    more = [n.text for n in names if len(spelling_key(n.text).split()) > 1]
    return {"one_word": collisions(one, key), "several_words": collisions(more, key)}


def variant_recall(russian: Sequence[Name], key: Callable[[str], str]) -> dict[str, Any]:
    pairs = agreeing = 0
    per_scheme = dict.fromkeys(SCHEMES, 0)
    misses: list[list[str]] = []
    cyrillic = [n.text for n in russian if is_cyrillic(n.text)]
    for name in cyrillic:
        forms = spellings(name)
        base = key(name)
        for scheme in SCHEMES:
            per_scheme[scheme] += key(forms[scheme]) == base
        distinct = sorted(set(forms.values()))
        for a, b in combinations(distinct, 2):
            pairs += 1
            agreeing += key(a) == key(b)
        if any(key(f) != base for f in forms.values() if not _scholarly(f, forms)):
            misses.append(distinct)
    n = len(cyrillic)
    return {
        "names": n,
        "pairs": pairs,
        "pair_recall": round(agreeing / pairs, 4) if pairs else 0.0,
        "per_scheme": {s: round(v / n, 4) if n else 0.0 for s, v in per_scheme.items()},
        "press_scheme_misses": misses,
    }


def _scholarly(form: str, forms: dict[str, str]) -> bool:
    """Spellings with j for й and c for ц (scientific, GOST 7.79), which English press never uses."""
    return form in (forms["scientific"], forms["gost_779"])


def transliteration_collisions(russian: Sequence[Name], key: Callable[[str], str]) -> dict[str, Any]:
    """Keys shared by spellings (any scheme) of two different Russian names."""
    owners: dict[str, dict[str, str]] = defaultdict(dict)
    for name in (n.text for n in russian if is_cyrillic(n.text)):
        for form in set(spellings(name).values()):
            owners[key(form)].setdefault(spelling_key(name), name)
    shared = {k: sorted(v.values()) for k, v in owners.items() if len(v) > 1}
    return {
        "shared_keys": len(shared),
        "names_sharing": sum(len(v) for v in shared.values()),
        "groups": dict(sorted(shared.items())),
    }


def cross_script(
    english: Sequence[Name], russian: Sequence[Name], key: Callable[[str], str]
) -> dict[str, Any]:
    """Keys an English name shares with a Cyrillic one, and the pairs of names they join."""
    en: dict[str, set[str]] = defaultdict(set)
    for n in english:
        en[key(n.text)].add(n.text)
    ru: dict[str, set[str]] = defaultdict(set)
    for n in russian:
        k = key(n.text)
        if is_cyrillic(n.text) and k in en:
            ru[k].add(n.text)
    pairs = sorted([a, b] for k in ru for a in en[k] for b in ru[k])
    return {"joined_keys": len(ru), "pairs": pairs}


def hand_cases() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for kind, groups in (("same name", HAND_VARIANTS), ("different names", HAND_DISTINCT)):
        for group in groups:
            row: dict[str, Any] = {"kind": kind, "names": list(group)}
            for label, key in KEYS.items():
                keys = [key(n) for n in group]
                row[label] = keys
                together = len(set(keys)) == 1
                apart = len(set(keys)) == len(keys)
                row[f"{label} right"] = together if kind == "same name" else apart
            rows.append(row)
    return rows


def run(limit: int | None) -> dict[str, Any]:
    started = time.perf_counter()
    names = load_names(limit)
    english, russian = names["english"], names["russian"]
    results: dict[str, Any] = {
        "english_names": len(english),
        "russian_names": len(russian),
        "russian_cyrillic_names": sum(is_cyrillic(n.text) for n in russian),
        "schemes": list(SCHEMES),
        "hand_cases": hand_cases(),
        "keys": {},
    }
    for label, key in KEYS.items():
        results["keys"][label] = {
            "english": by_length(english, key),
            "russian": by_length(russian, key),
            "transliterations": transliteration_collisions(russian, key),
            "variants": variant_recall(russian, key),
            "cross_script": cross_script(english, russian, key),
        }
    results["seconds"] = round(time.perf_counter() - started, 1)
    return results


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--articles", type=int, default=None, help="PolNeAR articles (default all)")
    args = parser.parse_args(argv)
    results = run(args.articles)
    path = write_results("join_keys", results)
    (RESULTS_DIR / "join_keys.md").write_text(markdown(results), encoding="utf-8")
    print(f"wrote {path} and join_keys.md in {results['seconds']} s")


if __name__ == "__main__":
    main()
