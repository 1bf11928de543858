"""JSON Lines input: one article per line, with metadata that wins over guesses."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from wirewatch.errors import BadInputError
from wirewatch.ingest.decode import decode_text
from wirewatch.model import Document, Hints, InputError, InputFormat

KNOWN_FIELDS = ("id", "url", "outlet", "published", "title", "language", "text", "html")


def _iso_published(value: Any) -> str | None:
    """The ``published`` field checked as ISO 8601 (date or date-time); None when absent."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise BadInputError(f"'published' must be an ISO 8601 string, got {type(value).__name__}")
    text = value.strip()
    try:
        if len(text) == 10:
            date.fromisoformat(text)
        else:
            datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise BadInputError(
            f"'published' {value!r} is not ISO 8601 (expected e.g. 2021-07-17 or 2021-07-17T09:30:00Z)"
        ) from exc
    return text


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str | int):
        raise BadInputError(f"'{key}' must be a string, got {type(value).__name__}")
    return str(value).strip() or None


def document_from_record(record: Any, source: str) -> Document:
    """One JSONL record as a ``Document``, or ``BadInputError`` saying what is wrong with it."""
    if not isinstance(record, dict):
        raise BadInputError(f"expected a JSON object, got {type(record).__name__}")
    text, html = record.get("text"), record.get("html")
    if isinstance(html, str) and html.strip():
        content, fmt = html, InputFormat.HTML
    elif isinstance(text, str) and text.strip():
        content, fmt = text, InputFormat.TEXT
    else:
        raise BadInputError("record has no 'text' or 'html' with content")
    hints = Hints(
        id=_optional_str(record, "id"),
        url=_optional_str(record, "url"),
        outlet=_optional_str(record, "outlet"),
        published=_iso_published(record.get("published")),
        title=_optional_str(record, "title"),
        language=(_optional_str(record, "language") or "").lower()[:2] or None,
    )
    return Document(source=hints.url or source, content=content, format=fmt, hints=hints)


def iter_jsonl_documents(data: bytes, source: str, max_bytes: int) -> Iterator[Document | InputError]:
    """Each line of a JSON Lines file as a Document; a bad line is an error naming its number."""
    text = decode_text(data)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        if len(line.encode("utf-8", "replace")) > max_bytes:
            yield InputError(where, f"line is over the {max_bytes / 1e6:.0f} MB limit")
            continue
        try:
            record = json.loads(line)
            document = document_from_record(record, where)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        except BadInputError as exc:
            yield InputError(where, str(exc))
            continue
        # Keep the line position as the source when the record has no url.
        yield document
