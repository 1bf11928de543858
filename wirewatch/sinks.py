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
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from wirewatch.errors import without_surrogates
from wirewatch.model import (
    AnnotatedArticle,
    Derivation,
    Duplicate,
    InputError,
    InputWarning,
    Story,
    StoryClaim,
)
from wirewatch.present.json_output import document_header

if TYPE_CHECKING:
    from wirewatch.link.batch import BatchLinker

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


class _Links:
    """Hands each article to an optional in-memory linker; at the end, its stories and
    near-duplicates (the latter merged after the run's exact duplicates)."""

    def __init__(self, linker: BatchLinker | None) -> None:
        self.linker = linker
        self.stories: list[Story] = []
        self.derivations: list[Derivation] = []
        self.claims: list[StoryClaim] = []

    def link(self, doc: AnnotatedArticle) -> None:
        if self.linker is not None:
            self.linker.add(doc)

    def finish_links(self, duplicates: list[Duplicate]) -> list[Duplicate]:
        if self.linker is None:
            return duplicates
        from wirewatch.link.batch import merge_duplicates

        result = self.linker.finish()
        self.stories = result.stories
        self.derivations = result.derivations
        self.claims = result.claims
        return merge_duplicates(duplicates, result.duplicates)


class CollectingSink(_KeepsReports):
    """Keeps everything in memory, in input order: for the summary, the exports and tests.
    With a linker, ``stories`` and the near-duplicates are filled in by ``finish()``."""

    def __init__(self, linker: BatchLinker | None = None) -> None:
        super().__init__()
        self.articles: list[AnnotatedArticle] = []
        self.finished = False
        self._links = _Links(linker)
        self.stories: list[Story] = []
        self.derivations: list[Derivation] = []  # with a linker that assesses, after finish()
        self.claims: list[StoryClaim] = []

    def article(self, doc: AnnotatedArticle) -> None:
        self.articles.append(doc)
        self._links.link(doc)

    def finish(self) -> None:
        self.duplicates = self._links.finish_links(self.duplicates)
        self.stories = self._links.stories
        self.derivations = self._links.derivations
        self.claims = self._links.claims
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
    ``dumps(report_to_json(articles, errors, warnings, duplicates, stories))``. With a linker,
    ``stories`` (and the near-duplicates among ``duplicates``) come from it at the end, and, when
    it assesses, ``derivations`` and ``claims`` after them."""

    def __init__(self, stream: TextIO, linker: BatchLinker | None = None) -> None:
        super().__init__()
        self.stream = stream
        self.count = 0
        self._links = _Links(linker)

    @property
    def stories(self) -> list[Story]:
        """The stories written at the end (empty before ``finish()`` or without a linker)."""
        return self._links.stories

    @property
    def derivations(self) -> list[Derivation]:
        """The derivations written at the end (empty unless the linker assesses)."""
        return self._links.derivations

    @property
    def claims(self) -> list[StoryClaim]:
        """The story-level claims written at the end (empty unless the linker assesses)."""
        return self._links.claims

    def _open_document(self) -> None:
        # The header object's own layout, its closing brace replaced by the articles array.
        header = _dumps(document_header(), indent=2)
        self.stream.write(header.removesuffix("\n}") + ',\n  "articles": [')

    def article(self, doc: AnnotatedArticle) -> None:
        if self.count == 0:
            self._open_document()
        self.stream.write(("\n" if self.count == 0 else ",\n") + _indented(doc.to_dict()))
        self.count += 1
        self._links.link(doc)

    def finish(self) -> None:
        if self.count == 0:
            self._open_document()
        self.stream.write("]" if self.count == 0 else "\n  ]")
        self.duplicates = self._links.finish_links(self.duplicates)
        reports: tuple[tuple[str, list[Any]], ...] = (
            ("errors", self.errors), ("warnings", self.warnings), ("duplicates", self.duplicates),
            ("stories", self._links.stories))
        if self._links.linker is not None and self._links.linker.assess:
            reports += (("derivations", self._links.derivations), ("claims", self._links.claims))
        for key, items in reports:
            values = [_indented(item.to_dict()) for item in items]
            self.stream.write(f',\n  "{key}": ' + ("[\n" + ",\n".join(values) + "\n  ]" if values else "[]"))
        self.stream.write("\n}\n")
        self.stream.flush()


class JsonLinesSink:
    """JSON Lines (docs/schema.md, "JSON Lines"): a header line with the schema version, then one
    line per article, one ``{"error": {...}}`` line per failed input, ``{"warning": {...}}`` and
    ``{"duplicate": {...}}`` lines, in input order, each flushed as it is written so that a reader
    can follow the file while the run goes on. With a linker, the near-duplicates and then one
    ``{"story": {...}}`` line per story follow at the end: a story is only known whole when the
    last article is in, so these lines are the run's last."""

    def __init__(self, stream: TextIO, linker: BatchLinker | None = None) -> None:
        self.stream = stream
        self.started = False
        self.linker = linker

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
        if self.linker is not None:
            self.linker.add(doc)

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
        if self.linker is not None:
            result = self.linker.finish()
            for duplicate in result.duplicates:
                self._write({"duplicate": duplicate.to_dict()})
            for story in result.stories:
                self._write({"story": story.to_dict()})
            for derivation in result.derivations:
                self._write({"derivation": derivation.to_dict()})
            for claim in result.claims:
                self._write({"claim": claim.to_dict()})
