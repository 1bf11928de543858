"""Read inputs from paths: files, directories (recursively) and JSON Lines.

Yields one ``Document`` per page, or one ``InputError`` per input that cannot be read, so that
a bad file never stops the batch. This is the only module that touches the file system on the
way in.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from wirewatch.errors import BadInputError, TooLargeError
from wirewatch.ingest.decode import decode_text, decompress
from wirewatch.ingest.jsonl import iter_jsonl_documents
from wirewatch.model import Document, Hints, InputError, InputFormat

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
DEFAULT_MAX_BYTES = 20_000_000


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
    return None


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head


def _read_bytes(path: Path, options: IngestOptions) -> bytes:
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
    return decompress(data, options.max_bytes)


def read_file(path: Path, options: IngestOptions) -> Iterator[Document | InputError]:
    """Documents in one file (one for a page, one per line for JSON Lines)."""
    source = str(path)
    kind = _kind(path)
    try:
        data = _read_bytes(path, options)
        if kind == "jsonl":
            yield from iter_jsonl_documents(data, source, options.max_bytes)
            return
        text = decode_text(data)
    except BadInputError as exc:
        yield InputError(source, str(exc))
        return
    if kind is None:
        kind = "html" if _looks_like_html(text) else "text"
    fmt = InputFormat.HTML if kind == "html" else InputFormat.TEXT
    yield Document(source=source, content=text, format=fmt, hints=Hints())


def _walk(directory: Path) -> Iterator[Path]:
    """Files under ``directory`` with a known suffix, in a stable order, hidden entries skipped."""
    for root, dirs, files in os.walk(directory, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root, name)
            if not name.startswith(".") and _kind(path) is not None:
                yield path


def iter_documents(
    paths: Iterable[str | Path], options: IngestOptions | None = None
) -> Iterator[Document | InputError]:
    """Every document from every path, or an ``InputError`` for each one that fails."""
    options = options or IngestOptions()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            if not os.access(path, os.R_OK | os.X_OK):
                yield InputError(str(path), "cannot read the directory: permission denied")
                continue
            for file_path in _walk(path):
                yield from read_file(file_path, options)
        elif path.exists():
            yield from read_file(path, options)
        else:
            yield InputError(str(path), "no such file or directory")
