"""The exports (CSV tables, STIX 2.1, JSON and GeoJSON by story) over the analyze document, on the
demo corpus (as analyze writes it today, and with the stories, derivations and graded claims that
link and assess add) and on hostile input."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from stix2validator import ValidationOptions, validate_instance, validate_string

from tests.export_helpers import PAYLOADS, demo_document, demo_ids, enriched_demo, hostile_document
from wirewatch.cli import main
from wirewatch.ingest.saved_lists import read_top_level_lists
from wirewatch.present.analysis import ALL_STORY, analysis_document, analysis_from_document
from wirewatch.present.csv_tables import FORMULA_STARTS, csv_tables, table_text, write_csv
from wirewatch.present.errors import UnknownStoryError
from wirewatch.present.exports import export_text
from wirewatch.present.stix import CONFIDENCE, stix_bundle, stix_id


@pytest.fixture(scope="module")
def enriched() -> dict[str, Any]:
    return enriched_demo()


def _read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


# --- CSV -------------------------------------------------------------------------------------------

def test_csv_tables_round_trip_through_csv_reader(enriched: dict[str, Any]) -> None:
    analysis = analysis_from_document(enriched)
    tables = csv_tables(analysis)
    assert set(tables) == {"articles", "entities", "places", "quotes", "claims", "article_claims",
                           "stories", "derivations"}
    for name, (header, rows) in tables.items():
        text = table_text(header, rows)
        assert "\r\n" in text, name  # RFC 4180 line ends
        parsed = _read_csv(text)
        assert parsed[0] == header
        assert len(parsed) == len(rows) + 1, name
        for row, back in zip(rows, parsed[1:], strict=True):
            expected = ["" if v is None else ("true" if v is True else "false" if v is False else str(v))
                        for v in row]
            # Only formula-like text may differ, by its leading quote.
            assert [b.removeprefix("'") if b.startswith("'") and not e.startswith("'") else b
                    for b, e in zip(back, expected, strict=True)] == expected, name
    # Every article, quote and story-level claim is there once, with multi-line bodies kept whole.
    articles = _read_csv(table_text(*tables["articles"]))
    assert {row[0] for row in articles[1:]} == {a["id"] for a in enriched["articles"]}
    stories = {row[0]: row[1] for row in articles[1:]}
    ids = demo_ids(enriched)
    assert stories[ids["A01"]] == "s1" and stories[ids["A12"]] == "s2"
    quotes = _read_csv(table_text(*tables["quotes"]))
    assert len(quotes) - 1 == sum(len(a["quotes"]) for a in enriched["articles"])
    claims = {row[0]: dict(zip(_read_csv(table_text(*tables["claims"]))[0], row, strict=True))
              for row in _read_csv(table_text(*tables["claims"]))[1:]}
    assert claims["c1"]["grade"] == "F5" and claims["c1"]["independent_origins"] == "1"
    assert claims["c1"]["contradicted_by"] == "c2"
    assert claims["c3"]["grade"] == "B1" and claims["c3"]["independent_origins"] == "2"


def test_csv_without_stories_or_claims_keeps_the_articles_claims() -> None:
    # An output of an earlier version (or of another tool) with articles only.
    document = {key: value for key, value in demo_document().items()
                if key not in ("stories", "derivations", "claims")}
    analysis = analysis_from_document(document)
    tables = csv_tables(analysis)
    assert "stories" not in tables and "derivations" not in tables
    header, rows = tables["claims"]
    assert len(rows) == sum(len(a["claims"]) for a in document["articles"])
    record = dict(zip(header, rows[0], strict=True))
    assert record["story"] == ALL_STORY and record["grade"] is None


def test_formula_injection_is_neutralised() -> None:
    analysis = analysis_from_document(hostile_document())
    tables = csv_tables(analysis)
    cells = [cell for name, (header, rows) in tables.items()
             for row in _read_csv(table_text(header, rows))[1:] for cell in row]
    for payload in PAYLOADS:
        if payload.startswith(FORMULA_STARTS):
            assert "'" + payload in cells, payload
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    # Numbers stay numbers: a negative longitude is not text.
    assert table_text(["lon"], [[-74.5]]).splitlines()[1] == "-74.5"


def test_csv_goes_to_a_directory_or_a_zip(tmp_path: Path, enriched: dict[str, Any]) -> None:
    analysis = analysis_from_document(enriched)
    written = write_csv(analysis, tmp_path / "tables")
    assert sorted(p.name for p in written) == sorted(f"{n}.csv" for n in csv_tables(analysis))
    archive = write_csv(analysis, tmp_path / "tables.zip")[0]
    with zipfile.ZipFile(archive) as z:
        assert sorted(z.namelist()) == sorted(p.name for p in written)
        assert z.read("claims.csv") == (tmp_path / "tables" / "claims.csv").read_bytes()
    first = archive.read_bytes()
    write_csv(analysis, tmp_path / "tables.zip")
    assert archive.read_bytes() == first  # same analysis, same bytes


# --- STIX ------------------------------------------------------------------------------------------

def _errors(bundle: dict[str, Any]) -> list[str]:
    result = validate_instance(bundle, ValidationOptions())
    return [str(e) for e in result.errors]


def test_stix_bundle_is_valid_and_maps_the_story(enriched: dict[str, Any]) -> None:
    analysis = analysis_from_document(enriched)
    bundle = stix_bundle(analysis)
    assert _errors(bundle) == []
    assert validate_string(json.dumps(bundle), ValidationOptions()).is_valid
    types = Counter(o["type"] for o in bundle["objects"])
    assert {"report", "grouping", "identity", "location", "note", "opinion"} <= set(types)
    assert types["report"] == types["grouping"] == 2  # s1, s2
    by_id = {o["id"]: o for o in bundle["objects"]}
    report = by_id[stix_id("report", "story:s1")]
    assert report["name"] == "Naryn water-for-power talks"
    assert report["published"].startswith("2026-06-17T04:00:00")
    assert all(ref in by_id for ref in report["object_refs"])
    grouping = by_id[stix_id("grouping", "story:s1")]
    notes = [by_id[ref] for ref in grouping["object_refs"]]
    assert len(notes) == 10 and all(n["type"] == "note" for n in notes)
    # Places: Bishkek with its coordinates and country.
    bishkek = [o for o in bundle["objects"] if o["type"] == "location" and o["name"] in ("Bishkek", "Бишкек")]
    assert bishkek and bishkek[0]["country"] == "KG" and abs(bishkek[0]["latitude"] - 42.87) < 0.1
    outlets = {o["name"] for o in bundle["objects"] if o["type"] == "identity" and "sectors" in o}
    assert {"Деловой вестник", "Kestrel News Agency"} <= outlets


def test_stix_opinions_carry_the_grade(enriched: dict[str, Any]) -> None:
    bundle = stix_bundle(analysis_from_document(enriched))
    by_id = {o["id"]: o for o in bundle["objects"]}
    for claim in enriched["claims"]:
        opinion = by_id[stix_id("opinion", f"claim:{claim['id']}")]
        grade = claim["grade"]
        code = f"{grade['reliability']}{grade['credibility']}"
        assert opinion["x_wirewatch_grade"]["code"] == code
        assert code in opinion["explanation"]
        assert opinion.get("confidence") == CONFIDENCE.get(grade["credibility"])
        note = by_id[opinion["object_refs"][0]]
        assert note["type"] == "note" and note["content"].startswith(claim["text"])
    assert by_id[stix_id("opinion", "claim:c1")]["opinion"] == "strongly-disagree"  # credibility 5
    assert by_id[stix_id("opinion", "claim:c3")]["opinion"] == "strongly-agree"  # credibility 1


def test_stix_is_stable_and_valid_without_stories_or_claims() -> None:
    document = demo_document()
    first = stix_bundle(analysis_from_document(document))
    again = stix_bundle(analysis_from_document(demo_document()))
    assert first == again
    assert _errors(first) == []
    assert not [o for o in first["objects"] if o["type"] == "opinion"]  # nothing graded


def test_stix_of_hostile_input_is_valid() -> None:
    bundle = stix_bundle(analysis_from_document(hostile_document()))
    assert _errors(bundle) == []
    note = next(o for o in bundle["objects"] if o["type"] == "note" and o.get("x_wirewatch_article"))
    assert note["abstract"] == " ".join(PAYLOADS)  # kept as data (STIX is JSON; consumers escape)


# --- JSON, GeoJSON, stories ------------------------------------------------------------------------

def test_story_filter_keeps_one_story(enriched: dict[str, Any]) -> None:
    analysis = analysis_from_document(enriched).for_story("s2")
    document = analysis_document(analysis)
    ids = demo_ids(enriched)
    assert {a["id"] for a in document["articles"]} == {ids["A09"], ids["A12"]}
    assert [s["id"] for s in document["stories"]] == ["s2"]
    assert document["claims"] == [] and document["derivations"] == []
    geo = json.loads(export_text(analysis, "geojson"))
    assert geo["features"] and all(f["properties"]["stories"] == ["s2"] for f in geo["features"])
    with pytest.raises(UnknownStoryError, match="s1, s2"):
        analysis_from_document(enriched).for_story("s9")


def test_saved_lists_from_a_document_and_json_lines(tmp_path: Path, enriched: dict[str, Any]) -> None:
    path = tmp_path / "saved.json"
    path.write_text(json.dumps(enriched), encoding="utf-8")
    lists = read_top_level_lists(path)
    assert [s["id"] for s in lists["stories"]] == ["s1", "s2"] and len(lists["claims"]) == 3
    lines = tmp_path / "saved.jsonl"
    records = [{"wirewatch": "1.2"}, *enriched["articles"], *({"story": s} for s in enriched["stories"]),
               *({"claim": c} for c in enriched["claims"])]
    lines.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    lists = read_top_level_lists(lines)
    assert [s["id"] for s in lists["stories"]] == ["s1", "s2"] and [c["id"] for c in lists["claims"]] == [
        "c1", "c2", "c3"]


# --- CLI -------------------------------------------------------------------------------------------

def test_cli_exports_a_saved_analysis(tmp_path: Path, enriched: dict[str, Any],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    saved = tmp_path / "analysis.json"
    saved.write_text(json.dumps(enriched, ensure_ascii=False), encoding="utf-8")
    assert main(["export", "--format", "stix", "--story", "s1", str(saved), "-o", str(tmp_path / "b.json"),
                 "-q"]) == 0
    bundle = json.loads((tmp_path / "b.json").read_text("utf-8"))
    assert _errors(bundle) == [] and sum(o["type"] == "report" for o in bundle["objects"]) == 1
    assert main(["export", "--format", "csv", str(saved), "-o", str(tmp_path / "t.zip"), "-q"]) == 0
    assert "stories.csv" in zipfile.ZipFile(tmp_path / "t.zip").namelist()
    assert main(["export", "--geojson", str(saved), "-q"]) == 0  # the old spelling still works
    assert json.loads(capsys.readouterr().out)["type"] == "FeatureCollection"
    assert main(["export", str(saved), "--story", "s2", "-q"]) == 0  # json by default
    assert len(json.loads(capsys.readouterr().out)["articles"]) == 2
    assert main(["export", "--format", "stix", "--story", "nope", str(saved)]) == 2
    assert "no story 'nope'" in capsys.readouterr().err
    assert main(["export", "--format", "csv", str(saved)]) == 2  # csv needs -o
    assert "-o DIR" in capsys.readouterr().err
