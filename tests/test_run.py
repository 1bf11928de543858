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
from wirewatch.model import (
    AnnotatedArticle,
    Document,
    Duplicate,
    Hints,
    InputError,
    InputFormat,
    InputWarning,
)
from wirewatch.present.json_output import dumps, json_schema, report_to_json
from wirewatch.resources.article_parse import ArticleParse
from wirewatch.run import Pipeline, RunOptions, results, run
from wirewatch.sinks import CollectingSink, JsonDocumentSink, JsonLinesSink, TeeSink

DEMO = Path(__file__).resolve().parent.parent / "demo" / "corpus"


def _inputs() -> list[Document | InputError | InputWarning]:
    """The demo corpus with an input error in the middle, a page with no article text, a warning,
    a copy of the first page under another name (same id: a duplicate left out of the articles)
    and a feed article re-posted at another address (its own id: a duplicate kept)."""
    documents = [d for d in iter_documents([DEMO]) if isinstance(d, Document)]
    first = documents[0]
    fed = next(d for d in documents if d.hints.url)
    return [
        *documents[:3],
        InputError("missing.html", "no such file or directory"),
        Document("chrome.txt", "Share\n\nSubscribe", InputFormat.TEXT),
        InputWarning("feed.jsonl:9", "unknown field 'tags' ignored"),
        *documents[3:],
        dataclasses.replace(first, source="copy-of-" + first.source),
        dataclasses.replace(fed, source="repost", hints=dataclasses.replace(fed.hints, id=None,
                                                                             url="https://other.example/x")),
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
    reports = {"error": "errors", "warning": "warnings", "duplicate": "duplicates", "story": "stories"}
    return {
        **header,
        "articles": [r for r in records if not set(reports) & set(r)],
        **{key: [r[kind] for r in records if kind in r] for kind, key in reports.items()},
    }


def test_json_sink_writes_exactly_the_collected_document(outputs: tuple[CollectingSink, str, str]) -> None:
    collected, document, _ = outputs
    assert len(collected.articles) == 19 and len(collected.errors) == 2
    assert len(collected.warnings) == 1 and len(collected.duplicates) == 2
    assert document == dumps(report_to_json(collected.articles, collected.errors, collected.warnings,
                                            collected.duplicates))
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
    expected = [d.source for d in _inputs()[:-2] if isinstance(d, Document) and d.source != "chrome.txt"]
    assert [doc.article.source for doc in collected.articles] == [*expected, "repost"]
    assert collected.warnings == [InputWarning("feed.jsonl:9", "unknown field 'tags' ignored")]


def test_an_identical_repost_is_a_duplicate_not_a_failure(outputs: tuple[CollectingSink, str, str]) -> None:
    """Issue 11: a second copy used to be an input error (exit 1). A copy under the same id is a
    duplicate left out of the articles; the same text under its own id is kept and marked."""
    collected, _, _ = outputs
    by_source = {doc.article.source: doc.article.id for doc in collected.articles}
    same_id, repost = collected.duplicates
    first = _inputs()[0]
    assert (same_id.source, same_id.first_source) == ("copy-of-" + first.source, first.source)
    assert same_id.article == same_id.duplicate_of == by_source[first.source]
    assert (same_id.similarity, same_id.kept) == (1.0, False)
    fed = next(d for d in _inputs() if isinstance(d, Document) and d.hints.url and d.source != "repost")
    assert (repost.article, repost.duplicate_of) == (by_source["repost"], by_source[fed.source])
    assert (repost.similarity, repost.kept) == (1.0, True)
    assert repost.article != repost.duplicate_of


def test_same_id_for_another_text_is_an_error(pipeline: Pipeline) -> None:
    """Ids must be unique: two different texts under one id are no copies of each other."""
    texts = ["The council voted to close the library on Monday after a long debate.",
             "Floods closed the northern motorway for a second day, police said."]
    documents = [Document(f"f.jsonl:{n}", text, InputFormat.TEXT, Hints(id="same"))
                 for n, text in enumerate(texts, start=1)]
    items = list(results(documents, pipeline=pipeline))
    assert isinstance(items[0], AnnotatedArticle)
    assert isinstance(items[1], InputError) and "ids must be unique" in items[1].reason
    # A corrected version of a longer story (one word changed) is a duplicate, not a clash.
    story = " ".join(f"Paragraph {n} says the library closes on Monday for good." for n in range(20))
    versions = [Document(f"g.jsonl:{n}", text, InputFormat.TEXT, Hints(id="story"))
                for n, text in enumerate([story, story.replace("Paragraph 7", "Section 7")], start=1)]
    duplicate = list(results(versions, pipeline=pipeline))[1]
    assert isinstance(duplicate, Duplicate) and 0.5 <= duplicate.similarity < 1.0


def test_json_lines_stand_for_the_same_document(outputs: tuple[CollectingSink, str, str]) -> None:
    _, document, lines = outputs
    records = lines.splitlines()
    assert len(records) == 1 + 19 + 2 + 1 + 2  # header, articles, errors, warning, duplicates
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
