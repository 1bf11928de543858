"""JSON Lines input: one article per line, with metadata that wins over guesses.

Feeds and datasets name the same things differently (``link`` for ``url``, ``pubDate`` for
``published``, ``content`` for ``text``): each hint is read from the first of its usual names
present (``FIELD_NAMES``). A field wirewatch does not read, a hint of the wrong type and a date it
cannot parse are each named in a warning, never silently dropped; the article is analysed
without that hint. Only a record with no text at all, or a line that is not a JSON object, fails.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from wirewatch.errors import BadInputError
from wirewatch.model import Document, Hints, InputError, InputFormat, InputWarning
from wirewatch.parse.boilerplate import language_code
from wirewatch.parse.published import parse_date_text

# The names each hint goes by in feeds (RSS/Atom as JSON, NewsAPI, Common Crawl news extracts,
# news-please, PolNeAR and similar datasets), in order of preference: the first present wins.
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "id": ("id", "guid", "uuid", "doc_id", "article_id"),
    "url": ("url", "link", "href", "uri", "canonical_url", "source_url"),
    "outlet": ("outlet", "publisher", "source", "source_name", "site_name", "site", "feed"),
    "published": ("published", "date", "pubDate", "pub_date", "published_at", "publish_date",
                  "date_published", "datePublished", "datetime", "timestamp", "created_at"),
    "title": ("title", "headline"),
    "byline": ("byline", "author", "authors", "creator", "dc:creator"),
    "language": ("language", "lang", "locale", "inLanguage"),
    "text": ("text", "content", "body", "maintext", "full_text", "article", "articleBody"),
    "html": ("html", "raw_html", "content_html"),
}
KNOWN_FIELDS = tuple(name for names in FIELD_NAMES.values() for name in names)
# Epoch timestamps above this are in milliseconds (1e11 seconds is the year 5138).
_EPOCH_MS_FROM = 1e11
# Publication years read as such. Outside them a date is a placeholder ("9999-12-31", "0001-01-01"
# for "no date") or a typo, and relative dates resolved against it would run off the calendar.
MIN_PUBLISHED_YEAR = 1800
MAX_PUBLISHED_YEAR = 2200


@dataclass
class RecordReader:
    """Reads the records of one file; remembers which field warnings it gave, so that a field
    unknown on every line of a large feed is named once, not once per line."""

    warned: set[str] = field(default_factory=set)

    def read(self, record: Any, source: str) -> tuple[Document, list[str]]:
        """One record as a ``Document`` and the warnings it raised, or ``BadInputError``."""
        if not isinstance(record, dict):
            raise BadInputError(f"expected a JSON object, got {type(record).__name__}")
        warnings: list[str] = []
        values: dict[str, Any] = {}
        for hint, names in FIELD_NAMES.items():
            present = [name for name in names if record.get(name) not in (None, "", [])]
            if present:
                values[hint] = record[present[0]]
            for other in present[1:]:
                self._once(warnings, f"field:{other}",
                           f"field '{other}' ignored: '{present[0]}' gives the {hint}")
        for name in record:
            if name not in KNOWN_FIELDS:
                self._once(warnings, f"field:{name}", f"unknown field '{name}' ignored "
                           f"(read: {', '.join(FIELD_NAMES)}; see docs/operations.md)")
        content, fmt = _content(values)
        published = _published(values.get("published"), warnings)
        hints = Hints(
            id=_text_hint(values, "id", warnings),
            url=_text_hint(values, "url", warnings),
            outlet=_text_hint(values, "outlet", warnings),
            published=published,
            title=_text_hint(values, "title", warnings),
            language=_language(_text_hint(values, "language", warnings)),
            byline=_text_hint(values, "byline", warnings),
        )
        return Document(source=hints.url or source, content=content, format=fmt, hints=hints), warnings

    def _once(self, warnings: list[str], key: str, message: str) -> None:
        if key not in self.warned:
            self.warned.add(key)
            warnings.append(message + " (said once per file)")


def _content(values: dict[str, Any]) -> tuple[str, InputFormat]:
    html, text = values.get("html"), values.get("text")
    if isinstance(html, str) and html.strip():
        return html, InputFormat.HTML
    if isinstance(text, str) and text.strip():
        # Some feeds put the page's HTML in "content": read it as HTML.
        stripped = text.lstrip()[:200].lower()
        if stripped.startswith(("<!doctype html", "<html", "<p>", "<p ", "<div")):
            return text, InputFormat.HTML
        return text, InputFormat.TEXT
    raise BadInputError("record has no 'text' or 'html' with content (nor content, body, "
                        "maintext, articleBody...)")


def _text_hint(values: dict[str, Any], hint: str, warnings: list[str]) -> str | None:
    """A hint as one string: numbers as text, a list of names joined ("author": ["A", "B"]),
    an object by its name ("source": {"id": "bbc", "name": "BBC News"}); else a warning."""
    value = values.get(hint)
    if value is None:
        return None
    if isinstance(value, dict):
        value = value.get("name") or value.get("title")
    if isinstance(value, list) and all(isinstance(v, str | int) for v in value):
        value = ", ".join(str(v).strip() for v in value if str(v).strip())
    if isinstance(value, bool) or not isinstance(value, str | int):
        warnings.append(f"'{hint}' ignored: expected a string, got {type(values[hint]).__name__}")
        return None
    return str(value).strip() or None


def _published(value: Any, warnings: list[str]) -> str | None:
    """The publication date as ISO 8601; a value that cannot be read is a warning and None."""
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = value / 1000 if value > _EPOCH_MS_FROM else value
        try:
            return _plausible(datetime.fromtimestamp(seconds, UTC).isoformat(), value, warnings)
        except (OverflowError, OSError, ValueError):
            warnings.append(f"'published' {value!r} is no timestamp: analysed with the date unknown")
            return None
    if not isinstance(value, str):
        warnings.append(f"'published' ignored: expected a date string, got {type(value).__name__}")
        return None
    parsed = parse_date_text(value)
    if parsed is None:
        warnings.append(f"'published' {value!r} is not a date wirewatch can read (e.g. 2021-07-17, "
                        "2021-07-17T09:30:00Z, Sat, 17 Jul 2021 09:30:00 +0000, 17 July 2021): "
                        "analysed with the date unknown")
        return None
    return _plausible(parsed, value, warnings)


def _plausible(parsed: str, value: object, warnings: list[str]) -> str | None:
    if MIN_PUBLISHED_YEAR <= int(parsed[:4]) <= MAX_PUBLISHED_YEAR:
        return parsed
    warnings.append(f"'published' {value!r} is outside {MIN_PUBLISHED_YEAR}-{MAX_PUBLISHED_YEAR}, "
                    "taken for a placeholder: analysed with the date unknown")
    return None


def _language(value: str | None) -> str | None:
    """An ISO 639-1 code from "en", "en-US", "ru_RU", "English" or «русский»."""
    if not value:
        return None
    code = value.strip().replace("_", "-").split("-")[0].lower()
    if len(code) > 3:
        return language_code(code)
    return code[:2] or None


def document_from_record(record: Any, source: str) -> Document:
    """One JSONL record as a ``Document`` (its warnings dropped), or ``BadInputError``."""
    return RecordReader().read(record, source)[0]


def iter_jsonl_documents(
    text: str, source: str, max_bytes: int
) -> Iterator[Document | InputError | InputWarning]:
    """Each line of a JSON Lines file as a Document, after the warnings it raised; a bad line is
    an error naming its number."""
    reader = RecordReader()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        if len(line.encode("utf-8", "replace")) > max_bytes:
            yield InputError(where, f"line is over the {max_bytes / 1e6:.0f} MB limit")
            continue
        try:
            record = json.loads(line)
            document, warnings = reader.read(record, where)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        except BadInputError as exc:
            yield InputError(where, str(exc))
            continue
        for reason in warnings:
            yield InputWarning(where, reason)
        # The record's url, when it has one, is its source; else the line position.
        yield document


def iter_json_documents(text: str, source: str) -> Iterator[Document | InputError | InputWarning]:
    """A JSON file: one record (an object) or a list of records, each read as a JSONL line is.
    Raises ``BadInputError`` when the file is not JSON."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInputError(f"malformed JSON ({exc.msg} at line {exc.lineno})") from exc
    records = value if isinstance(value, list) else [value]
    reader = RecordReader()
    for number, record in enumerate(records, start=1):
        where = f"{source}#{number}" if isinstance(value, list) else source
        try:
            document, warnings = reader.read(record, where)
        except BadInputError as exc:
            yield InputError(where, str(exc))
            continue
        for reason in warnings:
            yield InputWarning(where, reason)
        yield document
