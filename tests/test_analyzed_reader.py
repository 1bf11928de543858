"""Reading back an earlier ``analyze`` output (wirewatch/ingest/analyzed.py), in both layouts."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from wirewatch.ingest.analyzed import is_analyze_output, read_analyzed
from wirewatch.model import (
    SCHEMA_VERSION,
    AnnotatedArticle,
    Article,
    Citation,
    CitationKind,
    Duplicate,
    Entity,
    EntityType,
    InputError,
    Mention,
    Provenance,
    Quote,
    SpeakerType,
    Story,
)
from wirewatch.present.json_output import dumps

DEMO = Path(__file__).resolve().parent.parent / "demo" / "corpus"
BODY = "Kommersant reported that Sergei Lavrov met envoys.\n\nLavrov said: “We are ready.”"


def _mention(text: str, after: int = 0) -> Mention:
    start = BODY.index(text, after)
    return Mention(text, start, start + len(text))


def _article(article_id: str) -> AnnotatedArticle:
    lavrov = Entity(
        "Sergei Lavrov", EntityType.PERSON,
        (_mention("Sergei Lavrov"), _mention("Lavrov", after=BODY.index("\n"))), "lvrv", id="e2",
        join_key="person:lvrv",
    )  # fmt: skip
    kommersant = Entity("Kommersant", EntityType.OUTLET, (_mention("Kommersant"),), "kmrsnt",
                        id="e1", join_key="outlet:kommersant")
    article = Article(
        id=article_id, source=f"{article_id}.txt", url=None, outlet=None, title="Talks", subtitle=None,
        byline=None, published="2021-07-17", published_from="input", language="en",
        translated_from=None, original_outlet=None, body=BODY,
    )  # fmt: skip
    quoted = _mention("We are ready.")
    return AnnotatedArticle(
        article=article,
        entities=(kommersant, lavrov),
        quotes=(Quote(quoted.text, quoted.start, quoted.end, "Sergei Lavrov", SpeakerType.NAMED_PERSON,
                      "Lavrov", "said", True, speaker_entity="e2"),),
        citations=(Citation("Kommersant", "Kommersant reported", 0, 19, CitationKind.REPORTED,
                            outlet_entity="e1"),),
        produced_by=Provenance("0.1.0", "0123456789abcdef"),
    )  # fmt: skip


def _document(
    articles: list[dict[str, Any]], errors: list[dict[str, str]], version: str = SCHEMA_VERSION
) -> str:
    return dumps({"wirewatch": version, "generator": "test", "articles": articles, "errors": errors})


def test_the_fixture_is_consistent() -> None:
    doc = _article("a1")
    for entity in doc.entities:
        for mention in entity.mentions:
            mention.check_against(BODY)
    assert doc.entities[1].mentions[1].start > doc.entities[1].mentions[0].end


def test_reads_the_json_document(tmp_path: Path) -> None:
    docs = [_article("a1"), _article("a2")]
    path = tmp_path / "out.json"
    path.write_text(_document([d.to_dict() for d in docs], [{"source": "x.html", "reason": "empty body"}]))
    assert is_analyze_output(path)
    assert list(read_analyzed(path)) == [*docs, InputError("x.html", "empty body")]


def test_reads_json_lines_with_a_header_and_error_lines(tmp_path: Path) -> None:
    doc = _article("a1")
    lines = [
        json.dumps({"wirewatch": SCHEMA_VERSION, "generator": "wirewatch test"}),
        json.dumps(doc.to_dict(), ensure_ascii=False),
        json.dumps({"error": {"source": "x.html", "reason": "empty body"}}),
        "",
        json.dumps({"source": "y.html", "reason": "not UTF-8"}),
    ]
    path = tmp_path / "out.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert is_analyze_output(path)
    assert list(read_analyzed(path)) == [
        doc, InputError("x.html", "empty body"), InputError("y.html", "not UTF-8")
    ]


def test_json_lines_report_lines_are_not_read_as_inputs(tmp_path: Path) -> None:
    """Regression: warning, duplicate and (1.2) story lines were read back as input errors."""
    doc = _article("a1")
    lines = [
        json.dumps({"wirewatch": SCHEMA_VERSION, "generator": "wirewatch test"}),
        json.dumps({"warning": {"source": "f.jsonl:1", "reason": "unknown field 'x'"}}),
        json.dumps(doc.to_dict(), ensure_ascii=False),
        json.dumps({"duplicate": Duplicate("a2", "a1", 0.5, "b", "a", kept=True).to_dict()}),
        json.dumps({"story": Story("s1", "Talks", ("a1",), "2021-07-17", "2021-07-17").to_dict()}),
    ]
    path = tmp_path / "out.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert list(read_analyzed(path)) == [doc]


def test_json_lines_without_a_header_and_gzipped(tmp_path: Path) -> None:
    doc = _article("a1")
    path = tmp_path / "out.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
    assert is_analyze_output(path)
    assert list(read_analyzed(path)) == [doc]


def test_a_bad_record_is_an_error_naming_its_file_and_line(tmp_path: Path) -> None:
    good = _article("a1").to_dict()
    lacking = {k: v for k, v in _article("a2").to_dict().items() if k != "entities"}
    path = tmp_path / "out.jsonl"
    path.write_text("\n".join([json.dumps(good), "{not json", json.dumps(lacking), "[1, 2]"]) + "\n")
    records = list(read_analyzed(path))
    assert isinstance(records[0], AnnotatedArticle)
    errors = [r for r in records[1:] if isinstance(r, InputError)]
    assert [e.source for e in errors] == [f"{path}:2", f"{path}:3", f"{path}:4"]
    assert "not valid JSON" in errors[0].reason
    assert "'entities'" in errors[1].reason and str(errors[1]).startswith(f"{path}:3: ")


def test_a_bad_article_in_a_document_is_named_by_its_line(tmp_path: Path) -> None:
    broken = _article("a2").to_dict()
    broken["entities"][0]["type"] = "planet"
    text = _document([_article("a1").to_dict(), broken], [])
    path = tmp_path / "out.json"
    path.write_text(text, encoding="utf-8")
    records = list(read_analyzed(path))
    assert isinstance(records[0], AnnotatedArticle) and isinstance(records[1], InputError)
    line = records[1].source.rsplit(":", 1)[1]
    assert text.split("\n")[int(line) - 1].strip() == "{"  # the line where that article opens
    assert '"a2"' in text.split("\n")[int(line)] and "planet" in records[1].reason


@pytest.mark.parametrize("layout", ["json", "jsonl"])
def test_another_major_version_is_refused(tmp_path: Path, layout: str) -> None:
    article = _article("a1").to_dict()
    path = tmp_path / f"out.{layout}"
    if layout == "json":
        path.write_text(_document([article], [], version="2.0"))
    else:
        path.write_text(json.dumps({"wirewatch": "2.0"}) + "\n" + json.dumps(article) + "\n")
    records = list(read_analyzed(path))
    assert len(records) == 1 and isinstance(records[0], InputError)
    assert records[0].source == str(path)
    assert "2.0" in records[0].reason and "1.x" in records[0].reason


def test_concatenated_json_lines_skip_only_the_refused_run(tmp_path: Path) -> None:
    first, second = _article("a1"), _article("a2")
    lines = [
        json.dumps({"wirewatch": "2.3"}),
        json.dumps(first.to_dict()),
        json.dumps({"wirewatch": SCHEMA_VERSION}),
        json.dumps(second.to_dict()),
    ]
    path = tmp_path / "runs.jsonl"
    path.write_text("\n".join(lines) + "\n")
    refused, article = read_analyzed(path)
    assert isinstance(refused, InputError) and "2.3" in refused.reason
    assert article == second


def test_a_later_minor_version_with_new_fields_is_read(tmp_path: Path) -> None:
    doc = _article("a1")
    article = doc.to_dict()
    article["stories"] = ["s1"]  # a field a later 1.x adds
    article["entities"][0]["salience"] = 0.5
    path = tmp_path / "out.json"
    path.write_text(_document([article], [], version="1.9"))
    assert list(read_analyzed(path)) == [doc]


def test_a_1_0_document_is_read_with_the_new_fields_defaulted(tmp_path: Path) -> None:
    """Schema 1.0 had no ids, references, sentences or provenance."""
    added = {"id", "join_key", "speaker_entity", "outlet_entity", "sentences", "produced_by"}

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            # An article's own "id" is 1.0; an entity's is new.
            return {k: strip(v) for k, v in value.items() if _kept(k, value)}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    def _kept(key: str, record: dict[str, Any]) -> bool:
        return key not in added or ("body" in record and key == "id")

    old = strip(_article("a1").to_dict())
    assert "id" in old and "id" not in old["entities"][0] and "produced_by" not in old
    path = tmp_path / "old.json"
    path.write_text(_document([old], [], version="1.0"))
    (doc,) = read_analyzed(path)
    assert isinstance(doc, AnnotatedArticle)
    assert doc.entities[0].id == "" and doc.quotes[0].speaker_entity is None and doc.produced_by is None
    assert doc.quotes[0].speaker == "Sergei Lavrov" and doc.article.body == BODY


def test_a_truncated_document_says_so(tmp_path: Path) -> None:
    text = _document([_article("a1").to_dict(), _article("a2").to_dict()], [])
    path = tmp_path / "cut.json"
    path.write_text(text[: len(text) // 2])
    records = list(read_analyzed(path))
    assert len(records) == 1 and isinstance(records[0], InputError)
    assert records[0].source.startswith(f"{path}:") and "not a complete analyze output" in records[0].reason


def test_inputs_are_not_mistaken_for_analyze_output(tmp_path: Path) -> None:
    assert not is_analyze_output(DEMO / "feed.jsonl")  # JSONL of pages to analyse
    assert not is_analyze_output(DEMO / "02_kestrel_wire_en.html")
    assert not is_analyze_output(tmp_path / "missing.json")
