"""Read inputs from paths: files, directories (recursively), JSON Lines and standard input.

Yields one ``Document`` per page, or one ``InputError`` per input that cannot be read, so that
a bad file never stops the batch, and ``InputWarning`` items (before the document they concern)
for what was read but not understood. This is the only module that touches the file system on
the way in.

``-`` reads standard input, its format sniffed (JSON Lines, JSON, HTML or text). A URL is refused
with a message (fetching is not built yet) rather than read as a path, which would collapse its
``//``. wirewatch's own output is recognised and refused: analysing it would read a JSON document
as the text of an article.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from wirewatch.errors import BadInputError, TooLargeError, one_line
from wirewatch.ingest.decode import Gunzipped, decode_text, gunzip
from wirewatch.ingest.jsonl import (
    iter_json_documents,
    iter_jsonl_bytes,
    iter_jsonl_documents,
    iter_jsonl_wide,
)
from wirewatch.ingest.wide import wide_encoding
from wirewatch.model import Document, Hints, InputError, InputFormat, InputWarning

Item = Document | InputError | InputWarning

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
DEFAULT_MAX_BYTES = 20_000_000
STDIN = "-"
# Bytes decoded to sniff the format of an input with no telling name.
SNIFF_BYTES = 64 * 1024
STDIN_SOURCE = "<stdin>"
# "https://", "ftp://", "s3://": a URL, not a path.
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
# The start of wirewatch's own output: the JSON document or the JSON Lines header line.
_OWN_OUTPUT = re.compile(r'^\s*\{\s*"wirewatch"\s*:\s*"[^"]*"\s*,\s*"generator"\s*:\s*"wirewatch\b')
OWN_OUTPUT_REASON = ("this is wirewatch analyze output, not an article; use `wirewatch export` "
                     "to read it back")
URL_REASON = ("fetching URLs is not supported yet: download the page first "
              "(e.g. curl -L -o page.html 'URL') and pass the file")


@dataclass(frozen=True)
class IngestOptions:
    """Limits on what is read. ``max_bytes`` applies to a page after decompression."""

    max_bytes: int = DEFAULT_MAX_BYTES


def _kind(path: Path) -> str | None:
    """'html', 'text', 'jsonl' from the suffix, looking through a trailing .gz; None if unknown."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    last = suffixes[-1] if suffixes else ""
    if last in HTML_SUFFIXES:
        return "html"
    if last in TEXT_SUFFIXES:
        return "text"
    if last in JSONL_SUFFIXES:
        return "jsonl"
    if last in JSON_SUFFIXES:
        return "json"
    return None


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head


def is_analyze_output(text: str) -> bool:
    """Whether ``text`` is what ``wirewatch analyze`` writes: the JSON document (an object whose
    first fields are the "wirewatch" schema version and the "generator") or JSON Lines whose
    first line is that header."""
    return bool(_OWN_OUTPUT.match(text[:4096]))


def sniff_kind(text: str) -> str:
    """'jsonl', 'json', 'html' or 'text' for content with no telling file name (stdin, no suffix)."""
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        first_line = stripped.split("\n", 1)[0]
        try:
            if isinstance(json.loads(first_line), dict):
                return "jsonl"
        except (ValueError, RecursionError):  # RecursionError: "[" nested 50,000 deep
            pass
        try:
            json.loads(stripped)
            return "json"
        except (ValueError, RecursionError):
            pass
    return "html" if _looks_like_html(text) else "text"


def _read_bytes(path: Path, options: IngestOptions) -> Gunzipped:
    try:
        size = path.stat().st_size
        if size > options.max_bytes and not path.name.lower().endswith(".gz"):
            raise TooLargeError(
                f"file is {size / 1e6:.1f} MB, over the {options.max_bytes / 1e6:.0f} MB limit "
                "(raise it with --max-mb)"
            )
        with path.open("rb") as handle:
            data = handle.read(options.max_bytes + 1)
    except PermissionError as exc:
        raise BadInputError("cannot read the file: permission denied") from exc
    except IsADirectoryError as exc:
        raise BadInputError("is a directory") from exc
    except OSError as exc:
        raise BadInputError(f"cannot read the file: {exc.strerror or exc}") from exc
    if len(data) > options.max_bytes:  # grew between stat() and read(), or a device file
        raise TooLargeError(f"file is over the {options.max_bytes / 1e6:.0f} MB limit "
                            "(raise it with --max-mb)")
    return gunzip(data, options.max_bytes)


def read_file(path: Path, options: IngestOptions) -> Iterator[Item]:
    """Documents in one file (one for a page, one per line for JSON Lines)."""
    source = display_path(path)
    try:
        unzipped = _read_bytes(path, options)
    except BadInputError as exc:
        yield InputError(source, str(exc))
        return
    yield from _documents_in(unzipped, source, _kind(path), options)


def read_stream(stream: BinaryIO, options: IngestOptions, source: str = STDIN_SOURCE) -> Iterator[Item]:
    """Documents in a byte stream (standard input), its format sniffed."""
    try:
        unzipped = gunzip(stream.read(options.max_bytes + 1), options.max_bytes)
        if len(unzipped.data) > options.max_bytes:
            raise TooLargeError(f"input is over the {options.max_bytes / 1e6:.0f} MB limit "
                                "(raise it with --max-mb)")
    except BadInputError as exc:
        yield InputError(source, str(exc))
        return
    yield from _documents_in(unzipped, source, None, options)


def display_path(path: Path) -> str:
    """A path as a source name fit for a message and for UTF-8 output: one line, undecodable
    bytes of the file name (kept by Python as surrogates) shown as U+FFFD."""
    return one_line(str(path), limit=len(str(path)) * 4 + 1)


def _lying_utf16_bom(data: bytes) -> bool:
    """A UTF-16 byte-order mark before 8-bit text (real UTF-16 text of JSON is about half NUL
    bytes, or 0x04 for Cyrillic; damage adds a few NULs to 8-bit text, never that many)."""
    return data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and wide_encoding(data) is None


def _documents_in(unzipped: Gunzipped, source: str, kind: str | None,
                  options: IngestOptions) -> Iterator[Item]:
    data = unzipped.data
    if kind is None:
        head = data[:SNIFF_BYTES].decode("utf-8", errors="replace")
        kind = "jsonl" if sniff_kind(head) == "jsonl" and not is_analyze_output(head) else None
    if kind == "jsonl":
        yield from _jsonl_in(unzipped, source, options)
        return
    try:
        text = decode_text(data)
    except BadInputError as exc:
        yield InputError(source, f"truncated gzip, and {exc}" if unzipped.truncated else str(exc))
        return
    if is_analyze_output(text):
        yield InputError(source, OWN_OUTPUT_REASON)
        return
    if kind is None:
        kind = sniff_kind(text)
    if unzipped.truncated and kind in ("jsonl", "json"):
        yield InputError(source, "truncated gzip: the file ends mid-stream; records after the cut "
                         "are lost")
    try:
        if kind == "jsonl":
            yield from iter_jsonl_documents(text, source, options.max_bytes)
            return
        if kind == "json":
            yield from iter_json_documents(text, source)
            return
    except BadInputError as exc:
        yield InputError(source, str(exc))
        return
    if unzipped.truncated:
        yield InputWarning(source, f"truncated gzip: the file ends mid-stream; analysed the "
                           f"{len(data):,} bytes recovered before the cut")
    fmt = InputFormat.HTML if kind == "html" else InputFormat.TEXT
    yield Document(source=source, content=text, format=fmt, hints=Hints())


def _jsonl_in(unzipped: Gunzipped, source: str, options: IngestOptions) -> Iterator[Item]:
    """JSON Lines, read line by line: UTF-16/32 lines each decoded on their own, else each line
    as UTF-8 (a legacy code page only when no line is UTF-8)."""
    data = unzipped.data
    wide = wide_encoding(data)
    if wide is not None:
        if unzipped.truncated:
            yield InputError(source, "truncated gzip: the file ends mid-stream; records after the "
                             "cut are lost")
        yield from iter_jsonl_wide(data, *wide, source, options.max_bytes)
        return
    if _lying_utf16_bom(data):
        # A UTF-16 byte-order mark on a file whose bytes are 8-bit JSON Lines (an editor or a
        # pipeline added it): read as UTF-16 it is one line of garbage and every record is lost.
        yield InputWarning(source, "a UTF-16 byte-order mark starts this file but its text is 8-bit; "
                           "read as UTF-8, line by line")
        data = data[len(codecs.BOM_UTF16_LE):]
    if is_analyze_output(data[:SNIFF_BYTES].decode("utf-8", errors="replace")):
        yield InputError(source, OWN_OUTPUT_REASON)
        return
    yield from iter_jsonl_bytes(data, source, options.max_bytes, unzipped.truncated)


# Suffixes named in the "skipped" warning of a directory; the count covers all.
MAX_SKIPPED_SUFFIXES = 6


@dataclass
class _Skipped:
    """Files found in a directory and not read, by suffix, for one warning line."""

    count: int = 0
    suffixes: dict[str, None] = field(default_factory=dict)

    def add(self, path: Path) -> None:
        self.count += 1
        self.suffixes[path.suffix.lower() or "no suffix"] = None

    def warning(self, directory: Path) -> InputWarning:
        names = list(self.suffixes)
        shown = ", ".join(names[:MAX_SKIPPED_SUFFIXES])
        if len(names) > MAX_SKIPPED_SUFFIXES:
            shown += ", ..."
        files = "file" if self.count == 1 else "files"
        return InputWarning(display_path(directory), f"skipped {self.count:,} {files} ({shown}): not "
                            "pages (.html, .txt, .jsonl, optionally .gz); name them explicitly to try")


def _walk(directory: Path, skipped: _Skipped) -> Iterator[Path]:
    """Files under ``directory`` with a known suffix, in a stable order, hidden entries skipped;
    the others are counted in ``skipped``."""
    for root, dirs, files in os.walk(directory, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root, name)
            # JSON files are read when named, not when found in a directory: a folder of pages
            # often holds other JSON (settings, wirewatch's own output).
            if _kind(path) not in (None, "json"):
                yield path
            else:
                skipped.add(path)


def iter_documents(
    paths: Iterable[str | Path], options: IngestOptions | None = None, stdin: BinaryIO | None = None
) -> Iterator[Item]:
    """Every document from every path, or an ``InputError`` for each one that fails.

    ``-`` reads ``stdin`` (standard input when not given) once; a second ``-`` is an error.
    """
    options = options or IngestOptions()
    stdin_read = False
    for raw in paths:
        if isinstance(raw, str) and raw == STDIN:
            if stdin_read:
                yield InputError(STDIN_SOURCE, "standard input given twice ('-'); read once")
                continue
            stdin_read = True
            yield from read_stream(stdin if stdin is not None else sys.stdin.buffer, options)
            continue
        if isinstance(raw, str) and _URL.match(raw):
            yield InputError(one_line(raw), URL_REASON)
            continue
        path = Path(raw)
        if path.is_dir():
            if not os.access(path, os.R_OK | os.X_OK):
                yield InputError(display_path(path), "cannot read the directory: permission denied")
                continue
            skipped = _Skipped()
            for file_path in _walk(path, skipped):
                yield from read_file(file_path, options)
            if skipped.count:
                yield skipped.warning(path)
        elif path.exists():
            yield from read_file(path, options)
        else:
            yield InputError(display_path(path), "no such file or directory")
