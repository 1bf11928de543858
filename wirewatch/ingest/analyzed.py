"""Read back what ``wirewatch analyze`` wrote, instead of analysing the pages again.

Two layouts (docs/schema.md):

- the JSON document ``{"wirewatch": "1.x", "generator": ..., "articles": [...], "errors": [...]}``;
- JSON Lines (``analyze --format jsonl``): a header line ``{"wirewatch": "1.x", ...}``, then one
  article object per line and one ``{"error": {"source", "reason"}}`` line per input that failed
  (a bare ``{"source", "reason"}`` is read the same way). The header may be missing; the outputs
  of several runs may be concatenated, each header giving the version of the lines after it.

Each article comes back as an ``AnnotatedArticle`` (``from_dict``), each input the earlier run
could not analyse as the ``InputError`` it recorded, and each record that cannot be read as an
``InputError`` whose source is ``FILE:LINE``. What was written under another major version of
the schema is refused with one error saying so (the whole document; in JSON Lines, the lines
under that header): its fields may mean something else. A later minor version is read (its
added fields are ignored), as the schema's contract allows.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from wirewatch.model import SCHEMA_VERSION, AnnotatedArticle, InputError

# The start of a JSON document written by analyze: an object whose first key is the version.
_DOCUMENT_START = re.compile(r'^\s*\{\s*"wirewatch"\s*:')
# Bytes read to tell an analyze output from other input.
SNIFF_BYTES = 4096
_WHITESPACE = re.compile(r"\s*")

Record = AnnotatedArticle | InputError


class _BadRecord(Exception):
    """One record could not be read; the message says why."""


def _read_text(path: Path, limit: int | None = None) -> str:
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return handle.read() if limit is None else handle.read(limit)


def is_analyze_output(path: str | Path) -> bool:
    """Whether the file looks like an analyze output (either layout), from its first bytes:
    a document that opens with the ``wirewatch`` version, or JSON Lines whose first line is
    such a header or an article (``body`` and ``entities``)."""
    try:
        head = _read_text(Path(path), SNIFF_BYTES)
    except (OSError, UnicodeDecodeError, EOFError):
        return False
    if _DOCUMENT_START.match(head):
        return True
    first = head.lstrip().split("\n", 1)[0]
    try:
        record = json.loads(first)
    except ValueError:
        return False
    return isinstance(record, dict) and "body" in record and "entities" in record


def read_analyzed(path: str | Path) -> Iterator[Record]:
    """Each article (and each recorded input error) of an analyze output file, in order."""
    path = Path(path)
    try:
        text = _read_text(path)
    except (OSError, UnicodeDecodeError, EOFError) as exc:
        yield InputError(str(path), f"cannot read it as an analyze output ({exc})")
        return
    if _is_json_lines(text):
        yield from _json_lines(path, text)
        return
    try:
        yield from _document(path, text)
    except ValueError as exc:
        offset = getattr(exc, "pos", None)
        where = f"{path}:{_line_of(text, offset)}" if isinstance(offset, int) else str(path)
        yield InputError(where, f"not a complete analyze output, the rest is not read (invalid JSON: {exc})")


def _is_json_lines(text: str) -> bool:
    """JSON Lines when the first line is a whole JSON object (a document's first line is "{")."""
    first = text.lstrip().split("\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False


def version_problem(version: Any) -> str | None:
    """Why a document of this schema version cannot be read, or None when it can."""
    if not isinstance(version, str) or not re.fullmatch(r"\d+\.\d+", version):
        return f"its schema version {version!r} is not MAJOR.MINOR"
    ours = SCHEMA_VERSION.split(".")[0]
    if version.split(".")[0] != ours:
        return (
            f"it was written with schema version {version}; this wirewatch reads {ours}.x "
            f"(use the wirewatch that wrote it, or analyse the inputs again)"
        )
    return None


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


class _Lines:
    """Line numbers of increasing offsets, counting each stretch of text once (a document of
    many articles would otherwise be counted from its start for each)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offset = 0
        self.line = 1

    def at(self, offset: int) -> int:
        if offset < self.offset:
            return _line_of(self.text, offset)
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


def _document(path: Path, text: str) -> Iterator[Record]:
    """The JSON document, element by element, each with the line it starts on. Raises
    ValueError when the text is not one JSON object (the caller then tries JSON Lines)."""
    decoder = json.JSONDecoder()
    members = _members(decoder, text)
    key, _, value = next(members)
    problem = version_problem(value) if key == "wirewatch" else "it has no schema version"
    if problem is not None:
        yield InputError(str(path), f"not read: {problem}")
        return
    lines = _Lines(text)
    for key, offset, value in members:
        if key not in ("articles", "errors"):
            continue
        if not isinstance(value, list):
            yield InputError(f"{path}:{lines.at(offset)}", f"{key!r} is not a list")
            continue
        for item_offset, item in value:
            where = f"{path}:{lines.at(item_offset)}"
            yield _article(where, item) if key == "articles" else _error(where, item)


def _members(decoder: json.JSONDecoder, text: str) -> Iterator[tuple[str, int, Any]]:
    """(key, offset, value) of each member of the top-level object; the ``articles`` and
    ``errors`` lists come as lists of (offset, item) so that records know their line."""
    pos = _skip(text, 0)
    if text[pos : pos + 1] != "{":
        raise ValueError("not a JSON object")
    pos = _skip(text, pos + 1)
    while text[pos : pos + 1] != "}":
        key, pos = decoder.raw_decode(text, pos)
        pos = _skip(text, pos)
        if text[pos : pos + 1] != ":":
            raise ValueError(f"expected ':' at offset {pos}")
        pos = _skip(text, pos + 1)
        start = pos
        if key in ("articles", "errors") and text[pos : pos + 1] == "[":
            items, pos = _array(decoder, text, pos)
            value: Any = items
        else:
            value, pos = decoder.raw_decode(text, pos)
        yield key, start, value
        pos = _skip(text, pos)
        if text[pos : pos + 1] == ",":
            pos = _skip(text, pos + 1)
        elif text[pos : pos + 1] != "}":
            raise ValueError(f"expected ',' or '}}' at offset {pos}")
    if text[_skip(text, pos + 1) :]:
        raise ValueError("text after the document")


def _array(decoder: json.JSONDecoder, text: str, pos: int) -> tuple[list[tuple[int, Any]], int]:
    items: list[tuple[int, Any]] = []
    pos = _skip(text, pos + 1)
    while text[pos : pos + 1] != "]":
        start = pos
        item, pos = decoder.raw_decode(text, pos)
        items.append((start, item))
        pos = _skip(text, pos)
        if text[pos : pos + 1] == ",":
            pos = _skip(text, pos + 1)
        elif text[pos : pos + 1] != "]":
            raise ValueError(f"expected ',' or ']' at offset {pos}")
    return items, pos + 1


def _skip(text: str, pos: int) -> int:
    match = _WHITESPACE.match(text, pos)
    return match.end() if match else pos


# JSON Lines records that report on the run (docs/schema.md) rather than carry an article or error.
_REPORT_LINES = ("warning", "duplicate", "story", "derivation", "claim")


def _json_lines(path: Path, text: str) -> Iterator[Record]:
    """Line by line. Each header line gives the version of the lines after it (outputs of
    several runs may be concatenated); the lines under a refused header are skipped."""
    refused = False
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except ValueError as exc:
            if not refused:
                yield InputError(where, f"not valid JSON ({exc})")
            continue
        if isinstance(record, dict) and "wirewatch" in record and "body" not in record:
            problem = version_problem(record["wirewatch"])
            refused = problem is not None
            if problem is not None:
                yield InputError(where if number > 1 else str(path), f"not read: {problem}")
                continue
            for item in record.get("articles") or ():  # a whole document on one line
                yield _article(where, item)
            for item in record.get("errors") or ():
                yield _error(where, item)
        elif refused:
            continue
        elif not isinstance(record, dict):
            yield InputError(where, "not a JSON object")
        elif "body" in record:
            yield _article(where, record)
        elif any(key in record for key in _REPORT_LINES):
            continue  # the earlier run's own reports, not inputs to read back
        else:
            yield _error(where, record.get("error", record))


def _article(where: str, record: Any) -> Record:
    try:
        if not isinstance(record, dict):
            raise _BadRecord("not a JSON object")
        return AnnotatedArticle.from_dict(record)
    except _BadRecord as exc:
        return InputError(where, f"not a wirewatch article: {exc}")
    except KeyError as exc:
        return InputError(where, f"not a wirewatch article: field {exc} is missing")
    except (TypeError, ValueError, AttributeError) as exc:
        return InputError(where, f"not a wirewatch article: {exc}")


def _error(where: str, record: Any) -> InputError:
    """An input error the earlier run recorded, as it recorded it."""
    if isinstance(record, dict) and isinstance(record.get("source"), str) and isinstance(
        record.get("reason"), str
    ):
        return InputError.from_dict(record)
    return InputError(where, "neither an article nor an input error of an analyze output")
