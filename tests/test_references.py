"""Annotations refer to each other by id, within their own article (issue 10, part 1).

Over the demo corpus and the two seeds, analysed once through the CLI: every entity has a
unique id, every reference (a quote's speaker, a claim's subject, attribution and place, a
citation's outlet) resolves in the same article, and the JSON output read back with
``from_dict`` and written again is byte-identical.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from wirewatch.cli import EXIT_OK, main
from wirewatch.ingest.analyzed import read_analyzed
from wirewatch.model import (
    AnnotatedArticle,
    Derivation,
    Duplicate,
    InputError,
    InputWarning,
    Story,
    StoryClaim,
)
from wirewatch.present.json_output import dumps
from wirewatch.resources.fingerprint import provenance

DEMO = Path(__file__).resolve().parent.parent / "demo" / "corpus"


@pytest.fixture(scope="module")
def output_path(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("references") / "analysed.json"
    assert main(["analyze", str(DEMO), str(seeds_dir), "-o", str(out), "--quiet"]) == EXIT_OK
    return out


@pytest.fixture(scope="module")
def articles(output_path: Path) -> list[dict[str, Any]]:
    document = json.loads(output_path.read_text(encoding="utf-8"))
    found: list[dict[str, Any]] = document["articles"]
    assert len(found) == 20  # fifteen demo pages, three feed records, two seeds
    return found


def _entities(article: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in article["entities"]}


def test_entity_ids_are_unique_and_numbered(articles: list[dict[str, Any]]) -> None:
    for article in articles:
        ids = [e["id"] for e in article["entities"]]
        assert len(ids) == len(set(ids)), article["source"]
        assert all(re.fullmatch(r"e[1-9][0-9]*", i) for i in ids)
    # Numbered in order of first mention; a merged entity keeps the id of the one that leads
    # («Россия» absorbs «РФ», whose number is then unused).
    scoop = next(a for a in articles if a["source"].endswith("01_dvestnik_scoop_ru.html"))
    assert [e["id"] for e in scoop["entities"][:3]] == ["e1", "e2", "e3"]
    assert scoop["entities"][0]["name"] == "Россия"


def test_entity_ids_are_stable_across_runs(articles: list[dict[str, Any]], tmp_path: Path) -> None:
    """Another process (another hash seed) gives every entity the same id."""
    page = DEMO / "01_dvestnik_scoop_ru.html"
    out = tmp_path / "again.json"
    command = [sys.executable, "-m", "wirewatch.cli", "analyze", str(page), "-o", str(out), "--quiet"]
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run(command, check=True, env=env, cwd=Path(__file__).resolve().parent.parent)
    again = json.loads(out.read_text(encoding="utf-8"))["articles"][0]
    first = next(a for a in articles if a["source"].endswith(page.name))

    def ids(article: dict[str, Any]) -> list[tuple[str, str, int]]:
        return [(e["id"], e["name"], e["mentions"][0]["start"]) for e in article["entities"]]

    assert ids(again) == ids(first) and len(ids(first)) > 10


def test_every_reference_resolves_in_its_own_article(articles: list[dict[str, Any]]) -> None:
    checked = 0
    for article in articles:
        entities = _entities(article)
        for quote in article["quotes"]:
            if quote["speaker_entity"] is not None:
                assert entities[quote["speaker_entity"]]["name"] == quote["speaker"]
                checked += 1
            if quote["channel_entity"] is not None:
                channel = entities[quote["channel_entity"]]
                assert (channel["type"], channel["name"]) == ("outlet", quote["channel"])
                checked += 1
        for citation in article["citations"]:
            if citation["outlet_entity"] is not None:
                outlet = entities[citation["outlet_entity"]]
                assert (outlet["type"], outlet["name"]) == ("outlet", citation["outlet"])
                checked += 1
        for claim in article["claims"]:
            for key in ("subject_entity", "attributed_entity", "channel_entity"):
                if claim[key] is not None:
                    assert claim[key] in entities, (article["source"], claim["text"])
                    checked += 1
            if claim["place_index"] is not None:
                assert article["places"][claim["place_index"]]["name"] == claim["place"]
                checked += 1
            if claim["time_index"] is not None:
                assert article["times"][claim["time_index"]]["value"] == claim["time"]
                checked += 1
    assert checked > 150  # the demo and seeds are full of references: they were really checked


def _names_something(subject: str) -> bool:
    """A subject that names something: its head (last) word is capitalised ("Russia", "Bakyt
    Sydykbekov", "Kremlin"). Common-noun subjects ("government", "spokesman", "American media",
    «пресс-служба министерства энергетики») are unnamed bodies with no entity to point at."""
    return subject.split()[-1][:1].isupper()


def test_a_claim_whose_subject_names_something_refers_to_its_entity(
    articles: list[dict[str, Any]],
) -> None:
    """Before ids, 14 of the 85 claim subjects here named no entity of their own article
    («Россия» was the entity, "Russia" the subject). Now every named subject has its entity."""
    named = missing = 0
    for article in articles:
        for claim in article["claims"]:
            if claim["subject"] is None or not _names_something(claim["subject"]):
                continue
            named += 1
            missing += claim["subject_entity"] is None
    assert named > 60 and missing == 0


def test_a_place_subject_refers_to_the_entity_written_there(articles: list[dict[str, Any]]) -> None:
    """«Россия предложила ...»: the subject shows the resolved place's name ("Russia") and
    points at the Russian entity, whose join key is that place's GeoNames id."""
    scoop = next(a for a in articles if a["source"].endswith("01_dvestnik_scoop_ru.html"))
    entities = _entities(scoop)
    offer = next(c for c in scoop["claims"] if c["predicate"] == "offer" and c["subject"] == "Russia")
    russia = entities[offer["subject_entity"]]
    assert russia["name"] == "Россия" and "РФ" in russia["aliases"]
    place = next(p for p in scoop["places"] if p["name"] == "Russia")
    assert russia["join_key"] == f"geonames:{place['geonameid']}"


def test_join_keys(articles: list[dict[str, Any]]) -> None:
    for article in articles:
        for entity in article["entities"]:
            assert entity["join_key"], entity
            if entity["type"] == "outlet":
                assert entity["join_key"].startswith("outlet:")
            elif entity["type"] != "place":
                assert entity["join_key"].startswith(f"{entity['type']}:")
    seed = next(a for a in articles if a["source"].endswith("000_75d49b24c4eb6244.txt"))
    keys = {e["name"]: e["join_key"] for e in seed["entities"]}
    assert keys["Kommersant"] == "outlet:kommersant"
    # The same outlet and the same place, whatever the article's language, join across articles.
    scoop_ru = next(a for a in articles if a["source"].endswith("01_dvestnik_scoop_ru.html"))
    wire_en = next(a for a in articles if a["source"].endswith("02_kestrel_wire_en.html"))
    places_ru = {e["join_key"] for e in scoop_ru["entities"] if e["type"] == "place"}
    places_en = {e["join_key"] for e in wire_en["entities"] if e["type"] == "place"}
    assert {"geonames:1527747", "geonames:1512440"} <= places_ru & places_en  # Kyrgyzstan, Uzbekistan


def test_output_read_back_and_written_again_is_byte_identical(output_path: Path) -> None:
    text = output_path.read_text(encoding="utf-8")
    document = json.loads(text)
    records = list(read_analyzed(output_path))
    assert all(isinstance(r, AnnotatedArticle) for r in records)
    again = {
        "wirewatch": document["wirewatch"],
        "generator": document["generator"],
        "articles": [r.to_dict() for r in records if isinstance(r, AnnotatedArticle)],
        "errors": [],
        "warnings": [InputWarning.from_dict(w).to_dict() for w in document["warnings"]],
        "duplicates": [Duplicate.from_dict(d).to_dict() for d in document["duplicates"]],
        "stories": [Story.from_dict(s).to_dict() for s in document["stories"]],
        # 1.3: the stories' derivations and claims, computed per story in memory.
        "derivations": [Derivation.from_dict(d).to_dict() for d in document["derivations"]],
        "claims": [StoryClaim.from_dict(c).to_dict() for c in document["claims"]],
    }
    assert dumps(again) == text


def test_each_article_records_what_produced_it(articles: list[dict[str, Any]]) -> None:
    expected = provenance().to_dict()
    assert all(a["produced_by"] == expected for a in articles)
    assert len(expected["pipeline"]) == 16 and int(expected["pipeline"], 16) >= 0


def test_run_reports_read_back_equal() -> None:
    """Errors, warnings and duplicates round-trip through their JSON shape like articles do."""
    def again(record: InputError | InputWarning | Duplicate) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(json.dumps(record.to_dict()))
        return data

    error = InputError("feed.jsonl:3", "malformed JSON (line 3, column 9)")
    warning = InputWarning("feed.jsonl:4", "unknown field 'foo' ignored")
    duplicate = Duplicate("b2", "a1", 0.97, "copy.html", "first.html", kept=True)
    assert InputError.from_dict(again(error)) == error
    assert InputWarning.from_dict(again(warning)) == warning
    assert Duplicate.from_dict(again(duplicate)) == duplicate
