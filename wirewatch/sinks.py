"""Where a run's results go: one article, input error, warning or duplicate at a time, then
``finish()``.

A sink receives results in input order as the runner produces them, so a large batch never has
to be held in memory (except by ``CollectingSink``, whose job that is). ``finish()`` is called
once, after the last result of a run that completed; an interrupted run does not call it, so a
JSON document cut short stays visibly incomplete instead of looking whole. The sinks do not own
their streams: whoever opened a file closes it.

The later store is one more sink with the same three methods.
"""

from __future__ import annotations

import json
from typing import Any, Protocol, TextIO

from wirewatch.errors import without_surrogates
from wirewatch.model import AnnotatedArticle, Duplicate, InputError, InputWarning
from wirewatch.present.json_output import document_header

# Nesting of an item inside the JSON document: {"articles": [ ITEM ]} with indent=2.
_ITEM_INDENT = " " * 4


class Sink(Protocol):
    def article(self, doc: AnnotatedArticle) -> None: ...

    def error(self, error: InputError) -> None: ...

    def warning(self, warning: InputWarning) -> None: ...

    def duplicate(self, duplicate: Duplicate) -> None: ...

    def finish(self) -> None: ...


class _KeepsReports:
    """Keeps the run's errors, warnings and duplicates (small) in input order, for sinks that
    write or show them after the articles."""

    def __init__(self) -> None:
        self.errors: list[InputError] = []
        self.warnings: list[InputWarning] = []
        self.duplicates: list[Duplicate] = []

    def error(self, error: InputError) -> None:
        self.errors.append(error)

    def warning(self, warning: InputWarning) -> None:
        self.warnings.append(warning)

    def duplicate(self, duplicate: Duplicate) -> None:
        self.duplicates.append(duplicate)


class CollectingSink(_KeepsReports):
    """Keeps everything in memory, in input order: for the summary, the exports and tests."""

    def __init__(self) -> None:
        super().__init__()
        self.articles: list[AnnotatedArticle] = []
        self.finished = False

    def article(self, doc: AnnotatedArticle) -> None:
        self.articles.append(doc)

    def finish(self) -> None:
        self.finished = True


class TeeSink:
    """Hands every result to each of several sinks, in the order given."""

    def __init__(self, *sinks: Sink) -> None:
        self.sinks = sinks

    def article(self, doc: AnnotatedArticle) -> None:
        for sink in self.sinks:
            sink.article(doc)

    def error(self, error: InputError) -> None:
        for sink in self.sinks:
            sink.error(error)

    def warning(self, warning: InputWarning) -> None:
        for sink in self.sinks:
            sink.warning(warning)

    def duplicate(self, duplicate: Duplicate) -> None:
        for sink in self.sinks:
            sink.duplicate(duplicate)

    def finish(self) -> None:
        for sink in self.sinks:
            sink.finish()


def _dumps(value: dict[str, Any], indent: int | None = None) -> str:
    """JSON text that can always be written as UTF-8: an unpaired surrogate that got past the
    readers (a file name's undecodable byte, a stage's slip) becomes U+FFFD, instead of a
    ``UnicodeEncodeError`` that would lose the rest of the output."""
    return without_surrogates(json.dumps(value, ensure_ascii=False, indent=indent))


def _indented(value: dict[str, Any]) -> str:
    text = _dumps(value, indent=2)
    # json.dumps escapes newlines inside strings, so every line break here is layout.
    return "\n".join(_ITEM_INDENT + line for line in text.split("\n"))


class JsonDocumentSink(_KeepsReports):
    """Writes the JSON document of docs/schema.md as results come: articles at once; errors,
    warnings and duplicates (small) kept and written at the end. The bytes equal
    ``dumps(report_to_json(articles, errors, warnings, duplicates))``."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream
        self.count = 0

    def _open_document(self) -> None:
        # The header object's own layout, its closing brace replaced by the articles array.
        header = _dumps(document_header(), indent=2)
        self.stream.write(header.removesuffix("\n}") + ',\n  "articles": [')

    def article(self, doc: AnnotatedArticle) -> None:
        if self.count == 0:
            self._open_document()
        self.stream.write(("\n" if self.count == 0 else ",\n") + _indented(doc.to_dict()))
        self.count += 1

    def finish(self) -> None:
        if self.count == 0:
            self._open_document()
        self.stream.write("]" if self.count == 0 else "\n  ]")
        for key, items in (("errors", self.errors), ("warnings", self.warnings),
                           ("duplicates", self.duplicates)):
            values = [_indented(item.to_dict()) for item in items]
            self.stream.write(f',\n  "{key}": ' + ("[\n" + ",\n".join(values) + "\n  ]" if values else "[]"))
        self.stream.write("\n}\n")
        self.stream.flush()


class JsonLinesSink:
    """JSON Lines (docs/schema.md, "JSON Lines"): a header line with the schema version, then one
    line per article, one ``{"error": {...}}`` line per failed input, ``{"warning": {...}}`` and
    ``{"duplicate": {...}}`` lines, in input order, each flushed as it is written so that a reader
    can follow the file while the run goes on."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.started = False

    def _write(self, value: dict[str, Any]) -> None:
        self.stream.write(_dumps(value) + "\n")
        self.stream.flush()

    def _start(self) -> None:
        if not self.started:
            self.started = True
            self._write(document_header())

    def article(self, doc: AnnotatedArticle) -> None:
        self._start()
        self._write(doc.to_dict())

    def error(self, error: InputError) -> None:
        self._start()
        self._write({"error": error.to_dict()})

    def warning(self, warning: InputWarning) -> None:
        self._start()
        self._write({"warning": warning.to_dict()})

    def duplicate(self, duplicate: Duplicate) -> None:
        self._start()
        self._write({"duplicate": duplicate.to_dict()})

    def finish(self) -> None:
        self._start()  # an empty run still says what wrote it
