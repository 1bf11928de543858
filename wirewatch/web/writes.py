"""What the write endpoints share: the store-backed source they need, and ingest of uploads.

Uploaded files are written under a fresh temporary directory with names reduced to safe
characters (their extension kept: it tells the reader the format), pasted text as a text file,
and the files handed to the source's ``ingest`` (``store.ingest.ingest_paths``). The
directory is removed afterwards. Size is bounded: ``MAX_UPLOAD_BYTES`` in all.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fastapi import UploadFile

from wirewatch.desk import DeskSource
from wirewatch.desk.store_source import StoreSource
from wirewatch.web.errors import ApiError

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_FILES = 100
MAX_TEXT = 1_000_000  # characters of pasted text
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def store_source(source: DeskSource) -> StoreSource:
    """The source as a store, or a clear 501 when the server serves a saved document."""
    if not isinstance(source, StoreSource):
        raise ApiError(
            501,
            "no_store",
            "this needs a store: start the server with --db URL "
            "(this one serves a saved analyze document, read-only)",
        )
    return source


def safe_name(name: str | None, index: int) -> str:
    """A file name that cannot leave the upload directory or hide its kind."""
    base = _UNSAFE.sub("_", Path(name or "").name).strip("._") or "upload"
    return f"{index:03d}-{base[-120:]}"


def _pasted(text: str, title: str | None) -> str:
    """Pasted text as the plain-text reader takes it: a title line, a blank line, the body."""
    head = " ".join((title or "").split())
    return f"{head}\n\n{text.strip()}\n" if head else text.strip() + "\n"


def run_ingest(
    source: StoreSource, files: Sequence[UploadFile], text: str | None, title: str | None
) -> dict[str, Any]:
    """Write the uploads to a temporary directory and ingest it; the report as JSON."""
    if len(files) > MAX_FILES:
        raise ApiError(413, "too_large", f"at most {MAX_FILES} files at once, got {len(files)}")
    if not files and not (text or "").strip():
        raise ApiError(400, "bad_parameter", "give files to upload or text to paste")
    with tempfile.TemporaryDirectory(prefix="wirewatch-upload-") as folder:
        total = 0
        written: list[str] = []
        paths: list[Path] = []
        for index, upload in enumerate(files):
            data = upload.file.read(MAX_UPLOAD_BYTES - total + 1)
            total += len(data)
            if total > MAX_UPLOAD_BYTES:
                raise ApiError(
                    413, "too_large", f"uploads are limited to {MAX_UPLOAD_BYTES // 2**20} MB in all"
                )
            if not data:
                continue
            path = Path(folder) / safe_name(upload.filename, index)
            path.write_bytes(data)
            paths.append(path)
            written.append(upload.filename or path.name)
        if (text or "").strip():
            pasted = Path(folder) / "pasted.txt"
            pasted.write_text(_pasted(text or "", title), encoding="utf-8")
            paths.append(pasted)
            written.append("pasted text")
        if not written:
            raise ApiError(400, "bad_parameter", "the uploads are empty: nothing to ingest")
        # Each file named: a directory walk would skip names it does not take for pages.
        report = source.ingest(paths)
    # Error lines name the temporary path: show the upload's own name instead.
    report["errors"] = [line.replace(folder + "/", "") for line in report["errors"]]
    report["warnings"] = [line.replace(folder + "/", "") for line in report["warnings"]]
    report["received"] = written
    return report
