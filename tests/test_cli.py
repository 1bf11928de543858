"""The `wirewatch` command end to end: real files, real models, the JSON contract, bad input."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from wirewatch.cli import EXIT_OK, EXIT_SOME_INPUTS_FAILED, EXIT_USAGE, main
from wirewatch.model import SCHEMA_VERSION
from wirewatch.present.json_output import json_schema

REPO = Path(__file__).resolve().parent.parent


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any], str]:
    code = main(["analyze", *argv])
    captured = capsys.readouterr()
    document = json.loads(captured.out) if captured.out.strip() else {}
    return code, document, captured.err


@pytest.fixture(scope="module")
def seeds_output(seeds_dir: Path) -> dict[str, Any]:
    """The seeds analysed once through the CLI, with publication dates given by JSONL."""
    records = []
    for path in sorted(seeds_dir.glob("*.txt")):
        records.append({"id": path.stem, "published": "2021-07-17", "language": "en",
                        "text": path.read_text(encoding="utf-8")})
    feed = Path(__file__).parent / "_seeds_feed.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    try:
        out = Path(__file__).parent / "_seeds_out.json"
        assert main(["analyze", str(feed), "-o", str(out), "--quiet"]) == EXIT_OK
        document: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
        out.unlink()
    finally:
        feed.unlink()
    return document


def _article(document: dict[str, Any], article_id: str) -> dict[str, Any]:
    return next(a for a in document["articles"] if a["id"] == article_id)


def test_output_validates_against_the_published_schema(seeds_output: dict[str, Any]) -> None:
    jsonschema.validate(seeds_output, json_schema())
    assert seeds_output["wirewatch"] == SCHEMA_VERSION == "1.3"
    # The seeds (a scoop and its rewrite) are one story; both articles are in it.
    assert [sorted(s["articles"]) for s in seeds_output["stories"]] == [
        sorted(a["id"] for a in seeds_output["articles"])]


def test_analyze_outputs_the_seeds_derivations_and_claims(seeds_output: dict[str, Any]) -> None:
    """Issue 14 on the seeds, in memory (no store): FMT derived from Kommersant by citation; the
    base-offer claim reported by both articles from 1 independent origin, Kommersant's anonymous
    sources, with the Kremlin's no comment."""
    fmt = next(a["id"] for a in seeds_output["articles"] if a["outlet"] == "Free Malaysia Today")
    (story,) = seeds_output["stories"]
    cited = [d for d in seeds_output["derivations"]
             if d["article"] == fmt and d["derived_from"]["outlet"] == "Kommersant"]
    assert [d["kind"] for d in cited] == ["citation"]
    for derivation in seeds_output["derivations"]:
        assert {"article", "derived_from", "kind", "evidence"} <= set(derivation)
    offers = [c for c in seeds_output["claims"]
              if (c["subject"], c["predicate"]) == ("Vladimir Putin", "offer") and len(c["reported_by"]) == 2]
    (offer,) = offers
    assert offer["story"] == story["id"] and offer["independent_origins"] == 1
    assert [(o["key"], o["sourcing"]) for o in offer["origins"]] == [("outlet:kommersant", "anonymous")]
    assert "Kremlin" in {n["subject"] for n in offer["non_answers"]}
    assert set(offer["grade"]) == {"reliability", "credibility"}


def _field_text(article: dict[str, Any], field: str) -> str:
    """The text a mention's ``field`` names: body, title, subtitle or caption:N."""
    if field.startswith("caption:"):
        return str(article["captions"][int(field.removeprefix("caption:"))])
    return str(article[field])


def test_every_offset_points_at_its_text(seeds_output: dict[str, Any]) -> None:
    fields = set()
    for article in seeds_output["articles"]:
        mentions = [m for e in article["entities"] for m in e["mentions"]]
        mentions += [m for p in article["places"] for m in p["mentions"]] + article["times"]
        for mention in mentions:
            fields.add(mention["field"])
            text = _field_text(article, mention["field"])
            assert text[mention["start"]:mention["end"]] == mention["text"]
    assert {"body", "title", "caption:0"} <= fields


def test_seed_scoop_structure(seeds_output: dict[str, Any]) -> None:
    scoop = _article(seeds_output, "000_75d49b24c4eb6244")
    assert scoop["title"] == "Russia Offered US Use of Central Asia Bases for Afghan Intel"
    assert scoop["translated_from"] == "ru" and scoop["original_outlet"] == "Kommersant"
    assert scoop["published"] == "2021-07-17" and scoop["published_from"] == "input"
    assert [c["author"] for c in scoop["comments"]] == ["Raptar Driver", "ken", "Steve Kastl", "Malatok"]
    assert "Raptar" not in scoop["body"] and "Leave A Reply" not in scoop["body"]
    entities = {e["name"]: e for e in scoop["entities"]}
    lavrov = entities["Sergei Lavrov"]
    assert lavrov["type"] == "person"
    assert {m["text"] for m in lavrov["mentions"]} >= {"Sergei Lavrov"}
    assert len(lavrov["mentions"]) == scoop["body"].count("Lavrov")
    assert not any(n == "Lavrov" for n in entities)  # the surname joined the full name
    for outlet in ("Kommersant", "Bloomberg", "Reuters"):
        assert entities[outlet]["type"] == "outlet"
    for person in ("Vladimir Putin", "Joe Biden", "Zalmay Khalilzad", "Ashraf Ghani"):
        assert entities[person]["type"] == "person"


def test_seed_rewrite_structure(seeds_output: dict[str, Any]) -> None:
    rewrite = _article(seeds_output, "004_6c32ec5bf3dc3ad4")
    assert rewrite["comments"] == [] and rewrite["dateline"] == "MOSCOW"
    assert rewrite["captions"][0].endswith("(AP pic)")
    assert "Subscribe" not in rewrite["body"] and "Follow FMT" not in rewrite["body"]
    entities = {e["name"]: e["type"] for e in rewrite["entities"]}
    assert entities["Kommersant"] == "outlet" and entities["Sergei Lavrov"] == "person"
    assert entities["Vladimir Putin"] == "person"


def test_demo_corpus_runs_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, document, err = _run(capsys, str(REPO / "demo" / "corpus"))
    assert code == EXIT_OK, err
    assert len(document["articles"]) >= 12 and document["errors"] == []
    jsonschema.validate(document, json_schema())
    languages = {a["language"] for a in document["articles"]}
    assert languages == {"en", "ru"}


def test_bad_inputs_are_reported_and_the_batch_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rewrite_path: Path
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(rewrite_path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "junk.html").write_bytes(bytes(range(256)) * 50)
    (tmp_path / "broken.html").write_text("<html><body><div><p", encoding="utf-8")
    (tmp_path / "chrome.txt").write_text("Share\n\nSubscribe to our newsletter", encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text('{"id": "ok", "text": "Fine text here."}\n{oops\n',
                                          encoding="utf-8")
    russian = "Министр Сергей Лавров заявил в Ташкенте, что переговоры идут. " * 5
    (tmp_path / "ru1251.txt").write_bytes(("Заголовок\n\n" + russian).encode("cp1251"))
    (tmp_path / "ru16.txt").write_bytes(("Другой заголовок\n\nВчера. " + russian).encode("utf-16"))
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(
        b"<html><body><article><p>" + b"Officials met in Geneva on Monday. " * 20
        + b"</p></article></body></html>"))
    huge = tmp_path / "huge.html"
    with huge.open("wb") as handle:
        handle.truncate(50_000_000)
    code, document, err = _run(capsys, str(tmp_path), str(tmp_path / "missing.txt"))
    assert code == EXIT_SOME_INPUTS_FAILED
    error_lines = [line for line in err.splitlines() if line.startswith("wirewatch: error:")]
    reasons = {Path(e["source"].split(":")[0]).name: e["reason"] for e in document["errors"]}
    assert len(error_lines) == len(document["errors"]) == 7
    assert "Traceback" not in err
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["junk.html"]
    assert "no article text" in reasons["broken.html"]
    assert "no article text" in reasons["chrome.txt"]
    assert "malformed JSON" in reasons["lines.jsonl"]
    assert "50.0 MB" in reasons["huge.html"]
    assert "no such file" in reasons["missing.txt"]
    analysed = {Path(a["source"]).name.split(":")[0]: a for a in document["articles"]}
    assert set(analysed) == {"good.txt", "lines.jsonl", "ru1251.txt", "ru16.txt", "page.html.gz"}
    assert analysed["ru1251.txt"]["language"] == "ru" and "Лавров" in analysed["ru1251.txt"]["body"]
    assert "Лавров" in analysed["ru16.txt"]["body"]


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad_config = tmp_path / "w.toml"
    bad_config.write_text("max_mb = 'lots'", encoding="utf-8")
    assert main(["analyze", "--config", str(bad_config), str(tmp_path)]) == EXIT_USAGE
    assert "max_mb" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["analyze"])
    assert exc.value.code == EXIT_USAGE


def test_summary_format(capsys: pytest.CaptureFixture[str], rewrite_path: Path) -> None:
    code = main(["analyze", str(rewrite_path), "--format", "summary", "--quiet"])
    out = capsys.readouterr().out
    assert code == EXIT_OK
    assert "‘Rare offer’" in out and "Free Malaysia Today" in out and "Kommersant" in out


def test_export_geojson_and_timeline(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                     seeds_dir: Path) -> None:
    feed = tmp_path / "seeds.jsonl"
    feed.write_text("\n".join(
        json.dumps({"id": p.stem, "published": "2021-07-17", "text": p.read_text(encoding="utf-8")})
        for p in sorted(seeds_dir.glob("*.txt"))), encoding="utf-8")
    assert main(["export", "--geojson", str(feed), "--quiet"]) == EXIT_OK
    collection = json.loads(capsys.readouterr().out)
    assert collection["type"] == "FeatureCollection"
    names = {f["properties"]["name"] for f in collection["features"]}
    assert {"Tashkent", "Geneva", "Kabul"} <= names
    geneva = next(f for f in collection["features"] if f["properties"]["name"] == "Geneva")
    lon, lat = geneva["geometry"]["coordinates"]
    assert abs(lat - 46.2) < 0.2 and abs(lon - 6.15) < 0.2
    mention = geneva["properties"]["mentions"][0]
    assert "Geneva" in mention["sentence"] and mention["article_id"].startswith("00")

    out = tmp_path / "timeline.json"
    assert main(["export", "--timeline", str(feed), "-o", str(out), "--quiet"]) == EXIT_OK
    timeline = json.loads(out.read_text(encoding="utf-8"))
    values = [e["value"] for e in timeline["events"]]
    # chronological: 9/11 before the Geneva summit before "yesterday"
    assert values.index("2001-09-11") < values.index("2021-06-16") < values.index("2021-07-16")
    assert "2021-06-16" in values and "2021-07-16" in values  # June 16; "yesterday" / "on Friday"


@pytest.mark.parametrize("output_format", ["json", "jsonl"])
def test_export_reads_an_earlier_analyze_output(tmp_path: Path, seeds_dir: Path, output_format: str) -> None:
    """`export` given a saved `analyze` output reads it back instead of analysing it again (and
    instead of refusing it as an unreadable page): the export equals the one made from the pages."""
    saved = tmp_path / f"seeds.{output_format}"
    analyze = ["analyze", str(seeds_dir), "--format", output_format, "-o", str(saved), "--quiet"]
    assert main(analyze) == EXIT_OK
    from_pages, from_saved = tmp_path / "pages.geojson", tmp_path / "saved.geojson"
    assert main(["export", "--geojson", str(seeds_dir), "-o", str(from_pages), "--quiet"]) == EXIT_OK
    assert main(["export", "--geojson", str(saved), "-o", str(from_saved), "--quiet"]) == EXIT_OK
    assert from_saved.read_text(encoding="utf-8") == from_pages.read_text(encoding="utf-8")
    assert json.loads(from_saved.read_text(encoding="utf-8"))["features"]


def test_worker_pool_gives_the_same_document(tmp_path: Path) -> None:
    """Parallel annotation (-j 2) changes nothing in the output, order included."""
    demo = str(REPO / "demo" / "corpus")
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    assert main(["analyze", demo, "-o", str(one), "--quiet"]) == EXIT_OK
    assert main(["analyze", demo, "-j", "2", "-o", str(two), "--quiet"]) == EXIT_OK
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")


def test_bad_settings_values_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "-j", "0", str(REPO / "demo")]) == EXIT_USAGE
    assert "workers" in capsys.readouterr().err
    assert main(["analyze", "--max-mb", "-1", str(REPO / "demo")]) == EXIT_USAGE
    assert "max_mb" in capsys.readouterr().err


def test_a_name_ending_in_an_institution_word_is_no_person(seeds_output: dict[str, Any]) -> None:
    """Regression: spaCy tags "Russian Railways" PERSON in the scoop."""
    scoop = _article(seeds_output, "000_75d49b24c4eb6244")
    types = {e["name"]: e["type"] for e in scoop["entities"]}
    assert types["Russian Railways"] == "organization"


def test_config_file_reaches_the_gazetteer_without_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The --config file's cache_dir is where the gazetteer index is looked for, passed in the
    Settings (regression: the CLI used to hand the file to later readers through
    WIREWATCH_CONFIG in os.environ)."""
    import os

    from tests.pipeline_helpers import shared_resources
    from wirewatch.settings import CONFIG_FILE_ENV

    # A new name for the cache already built, so that the check does not rebuild the index.
    built = Path(shared_resources().gazetteer_path).parent
    shared_resources().gazetteer  # noqa: B018 - make sure it exists
    (tmp_path / "cache").symlink_to(built, target_is_directory=True)
    monkeypatch.delenv(CONFIG_FILE_ENV, raising=False)
    monkeypatch.delenv("WIREWATCH_CACHE_DIR", raising=False)
    config = tmp_path / "w.toml"
    config.write_text(f'cache_dir = "{tmp_path / "cache"}"\n', encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    assert main(["analyze", "--config", str(config), "--quiet", str(empty)]) == EXIT_SOME_INPUTS_FAILED
    assert CONFIG_FILE_ENV not in os.environ
    capsys.readouterr()
    assert main(["setup", "--config", str(config)]) == 0
    assert f"already built at {tmp_path / 'cache'}" in capsys.readouterr().err


def test_jsonl_format_is_the_json_document_one_article_per_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], seeds_dir: Path
) -> None:
    feed = tmp_path / "seeds.jsonl"
    feed.write_text("\n".join(
        json.dumps({"id": p.stem, "published": "2021-07-17", "text": p.read_text(encoding="utf-8")})
        for p in sorted(seeds_dir.glob("*.txt"))) + "\n{oops\n", encoding="utf-8")
    as_json = tmp_path / "out.json"
    assert main(["analyze", str(feed), "-o", str(as_json), "--quiet"]) == EXIT_SOME_INPUTS_FAILED
    capsys.readouterr()
    assert main(["analyze", str(feed), "--format", "jsonl"]) == EXIT_SOME_INPUTS_FAILED
    captured = capsys.readouterr()
    header, *records = (json.loads(line) for line in captured.out.splitlines())
    document = json.loads(as_json.read_text(encoding="utf-8"))
    assert header == {"wirewatch": document["wirewatch"], "generator": document["generator"]}
    reports = {"error", "story", "derivation", "claim"}
    assert [r for r in records if not reports & set(r)] == document["articles"]
    assert [r["error"] for r in records if "error" in r] == document["errors"] != []
    # Stories come after the articles, one line each, the same as the document's (both articles:
    # one story); then (1.3) the story's derivations and claims, the run's last lines.
    assert [r["story"] for r in records if "story" in r] == document["stories"] != []
    assert [r["derivation"] for r in records if "derivation" in r] == document["derivations"] != []
    assert [r["claim"] for r in records if "claim" in r] == document["claims"] != []
    kinds = [next(iter(set(r) & reports), "article") for r in records]
    assert kinds.index("story") < kinds.index("derivation") < kinds.index("claim") and kinds[-1] == "claim"
    for claim in document["claims"]:
        assert {"id", "text", "story", "reported_by", "origins", "independent_origins", "sourcing",
                "contradicted_by", "non_answers", "grade", "reasons"} <= set(claim)
    assert "wirewatch: error: " in captured.err and "1 input(s) failed" in captured.err


def test_a_repost_and_odd_hints_are_reported_and_exit_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rewrite_path: Path
) -> None:
    """Issue 11: an identical re-post is a duplicate (info line, `duplicates`), a date hint in
    another format is read, one that cannot be is a warning; none of them is a failure."""
    text = rewrite_path.read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")  # the same page saved twice
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in [
        {"guid": "f1", "pubDate": "Wed, 23 Nov 2016 16:58:00 -0500", "content": "Officials met. " * 5},
        {"guid": "f2", "date": "sometime in May", "content": "Farmers protested. " * 5, "mood": "x"},
    ]), encoding="utf-8")
    code, document, err = _run(capsys, str(tmp_path))
    assert code == EXIT_OK, err
    jsonschema.validate(document, json_schema())
    assert document["errors"] == []
    [duplicate] = document["duplicates"]
    assert duplicate["article"] == duplicate["duplicate_of"] and duplicate["similarity"] == 1.0
    assert (Path(duplicate["source"]).name, Path(duplicate["first_source"]).name) == ("b.txt", "a.txt")
    assert [Path(a["source"]).name.split(":")[0] for a in document["articles"]] == [
        "a.txt", "feed.jsonl", "feed.jsonl"]
    published = {a["id"]: (a["published"], a["published_from"]) for a in document["articles"]}
    assert published["f1"] == ("2016-11-23T16:58:00-05:00", "input")
    assert published["f2"] == (None, None)
    warned = {(w["source"].rsplit("/", 1)[1], w["reason"].split(" ")[0]) for w in document["warnings"]}
    assert warned == {("feed.jsonl:2", "'published'"), ("feed.jsonl:2", "unknown")}
    assert sum(line.startswith("wirewatch: warning: ") and "feed.jsonl:2: " in line
               for line in err.splitlines()) == 2
    assert any(line.startswith("wirewatch: info: ") and "b.txt: duplicate of" in line
               for line in err.splitlines())


def test_inputs_a_user_tries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`-` reads standard input; a URL and wirewatch's own output are refused with clear messages."""
    import io
    import sys

    piped = json.dumps({"id": "p1", "title": "Piped",
                        "text": "Officials met in Geneva on Monday. The talks went on."}) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(piped.encode())))
    code, document, err = _run(capsys, "-", "https://example.org/story")
    assert code == EXIT_SOME_INPUTS_FAILED
    assert [(a["id"], a["source"]) for a in document["articles"]] == [("p1", "<stdin>:1")]
    assert document["articles"][0]["body"].startswith("Officials met in Geneva")
    assert "wirewatch: error: https://example.org/story: fetching URLs is not supported yet" in err
    out = tmp_path / "out.json"
    out.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    code, again, err = _run(capsys, str(out))
    assert code == EXIT_SOME_INPUTS_FAILED and again["articles"] == []
    assert f"{out}: this is wirewatch analyze output" in err and "wirewatch export" in err


def test_the_summary_shows_who_copied_whom_and_each_claims_origins(
        seeds_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The digest an analyst reads at a terminal: the story's derivations and its claims with their
    grade and independent origins (the base offer: Kommersant's anonymous sources, one origin)."""
    assert main(["analyze", str(seeds_dir), "--format", "summary"]) == EXIT_OK
    out = capsys.readouterr().out
    story = out[out.index("1 story:"):]
    assert "Free Malaysia Today ← Kommersant (citation)" in story
    offer = next(line for line in story.splitlines() if "informed sources of Kommersant" in line)
    detail = story.splitlines()[story.splitlines().index(offer) + 1]
    assert "1 independent origin(s), anonymous; reported by 2 article(s)" in detail
