"""The streaming runner and its sinks: the JSON document byte for byte, JSON Lines, order, the
process pool, batches that keep failures in place, and results written before the input ends."""

from __future__ import annotations

import dataclasses
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.pipeline_helpers import annotator, default_annotator, shared_resources
from wirewatch.ingest.files import iter_documents
from wirewatch.model import AnnotatedArticle, Document, InputError, InputFormat
from wirewatch.present.json_output import dumps, json_schema, report_to_json
from wirewatch.resources.article_parse import ArticleParse
from wirewatch.run import Pipeline, RunOptions, results, run
from wirewatch.sinks import CollectingSink, JsonDocumentSink, JsonLinesSink, TeeSink

DEMO = Path(__file__).resolve().parent.parent / "demo" / "corpus"


def _inputs() -> list[Document | InputError]:
    """The demo corpus with an input error in the middle, a page with no article text, and a copy
    of the first page under another name (a duplicate, reported as an error)."""
    documents = list(iter_documents([DEMO]))
    first = documents[0]
    assert isinstance(first, Document)
    return [
        *documents[:3],
        InputError("missing.html", "no such file or directory"),
        Document("chrome.txt", "Share\n\nSubscribe", InputFormat.TEXT),
        *documents[3:],
        dataclasses.replace(first, source="copy-of-" + first.source),
    ]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(default_annotator(), shared_resources().catalog)


@pytest.fixture(scope="module")
def outputs(pipeline: Pipeline) -> tuple[CollectingSink, str, str]:
    """One in-process run into all three sinks at once: collected, JSON text, JSON Lines text."""
    collected, document, lines = CollectingSink(), io.StringIO(), io.StringIO()
    sink = TeeSink(collected, JsonDocumentSink(document), JsonLinesSink(lines))
    tally = run(_inputs(), sink, RunOptions(batch_size=4), pipeline=pipeline)
    assert collected.finished
    assert (tally.articles, tally.errors) == (len(collected.articles), len(collected.errors))
    return collected, document.getvalue(), lines.getvalue()


def _from_lines(text: str) -> dict[str, Any]:
    """The JSON document that a JSON Lines output stands for."""
    header, *records = (json.loads(line) for line in text.splitlines())
    return {
        **header,
        "articles": [r for r in records if "error" not in r],
        "errors": [r["error"] for r in records if "error" in r],
    }


def test_json_sink_writes_exactly_the_collected_document(outputs: tuple[CollectingSink, str, str]) -> None:
    collected, document, _ = outputs
    assert len(collected.articles) == 12 and len(collected.errors) == 3
    assert document == dumps(report_to_json(collected.articles, collected.errors))
    jsonschema.validate(json.loads(document), json_schema())


@pytest.mark.parametrize("errors", [[], [InputError("a.txt", "empty file"), InputError("b", "binary")]])
def test_json_sink_without_articles(errors: list[InputError]) -> None:
    stream = io.StringIO()
    sink = JsonDocumentSink(stream)
    for error in errors:
        sink.error(error)
    sink.finish()
    assert stream.getvalue() == dumps(report_to_json([], errors))


def test_results_keep_input_order_and_the_first_of_duplicates(
    outputs: tuple[CollectingSink, str, str],
) -> None:
    collected, _, _ = outputs
    reasons = {error.source: error.reason for error in collected.errors}
    assert reasons["missing.html"] == "no such file or directory"
    assert "no article text" in reasons["chrome.txt"]
    copy = next(source for source in reasons if source.startswith("copy-of-"))
    assert reasons[copy].startswith("same article as " + copy.removeprefix("copy-of-"))
    expected = [d.source for d in _inputs()[:-1] if isinstance(d, Document) and d.source != "chrome.txt"]
    assert [doc.article.source for doc in collected.articles] == expected


def test_json_lines_stand_for_the_same_document(outputs: tuple[CollectingSink, str, str]) -> None:
    _, document, lines = outputs
    records = lines.splitlines()
    assert len(records) == 1 + 12 + 3  # header, articles, errors
    rebuilt = _from_lines(lines)
    assert dumps(rebuilt) == document
    jsonschema.validate(rebuilt, json_schema())
    # errors sit where they happened: the missing file after the first three articles
    assert "error" in json.loads(records[4]) and "error" not in json.loads(records[3])


def test_an_empty_json_lines_run_still_has_its_header() -> None:
    stream = io.StringIO()
    JsonLinesSink(stream).finish()
    assert [json.loads(line) for line in stream.getvalue().splitlines()] == [
        {"wirewatch": report_to_json([], [])["wirewatch"], "generator": report_to_json([], [])["generator"]}
    ]


def test_process_pool_gives_the_same_results(outputs: tuple[CollectingSink, str, str]) -> None:
    """Two workers over batches of 3: results come back in input order, duplicates settled the
    same way, so the document is byte-identical to the one-process run."""
    _, document, _ = outputs
    stream = io.StringIO()
    run(_inputs(), JsonDocumentSink(stream), RunOptions(workers=2, batch_size=3))
    assert stream.getvalue() == document


class _FailOn:
    """A stage that raises on articles holding a marker word, to see the batch go on."""

    name = "fail-on-marker"
    requires: tuple[str, ...] = ()
    produces: tuple[str, ...] = ()

    def __call__(self, doc: AnnotatedArticle, parsed: ArticleParse) -> AnnotatedArticle:
        if "KABOOM" in doc.article.body:
            raise RuntimeError("marker found")
        return doc


def _text(source: str, body: str) -> Document:
    return Document(source, f"Title {source}\n\n{body} " * 3, InputFormat.TEXT)


def test_a_failing_article_becomes_an_error_in_its_place() -> None:
    pipeline = Pipeline(annotator([_FailOn()]), shared_resources().catalog)
    inputs = [_text("a", "Officials met in Geneva on Monday."), _text("b", "KABOOM went the stage."),
              Document("c", "", InputFormat.TEXT), _text("d", "Talks resumed in Vienna today.")]
    out = list(results(inputs, RunOptions(batch_size=4), pipeline=pipeline))
    assert [type(item).__name__ for item in out] == ["AnnotatedArticle", "InputError", "InputError",
                                                     "AnnotatedArticle"]
    failed = out[1]
    assert isinstance(failed, InputError)
    assert failed.source == "b" and failed.reason == "annotation failed (RuntimeError: marker found)"


def test_first_line_is_written_before_the_last_document_is_read(pipeline: Pipeline) -> None:
    """--format jsonl streams: results reach the sink batch by batch while input is still read."""
    stream = io.StringIO()
    written_when_last_read: list[int] = []
    documents = [d for d in iter_documents([DEMO]) if isinstance(d, Document)][:5]

    def feed() -> Iterator[Document]:
        yield from documents[:-1]
        written_when_last_read.append(len(stream.getvalue().splitlines()))
        yield documents[-1]

    run(feed(), JsonLinesSink(stream), RunOptions(batch_size=2), pipeline=pipeline)
    assert len(stream.getvalue().splitlines()) == 1 + 5
    assert written_when_last_read == [1 + 4]  # header and the first two batches, before the 5th


def test_a_built_pipeline_cannot_go_to_worker_processes(pipeline: Pipeline) -> None:
    with pytest.raises(ValueError, match="factory"):
        list(results([], RunOptions(workers=2), pipeline=pipeline))


@pytest.mark.parametrize(("count", "workers", "sizes"), [
    (10, 2, [5, 5]),            # a small input is shared among the workers, not one batch for one
    (7, 3, [3, 3, 1]),
    (100, 2, [32, 32, 32, 4]),  # a large one goes in full batches
    (0, 2, []),
])
def test_pool_batches(count: int, workers: int, sizes: list[int]) -> None:
    from wirewatch.run import _pool_batches

    items = [InputError(str(n), "x") for n in range(count)]
    batches = list(_pool_batches(items, 32, workers))
    assert [len(batch) for batch in batches] == sizes
    assert [item for batch in batches for item in batch] == items
