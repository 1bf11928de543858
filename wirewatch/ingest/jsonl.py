"""JSON Lines input: one article per line, with metadata that wins over guesses.

Feeds and datasets name the same things differently (``link`` for ``url``, ``pubDate`` for
``published``, ``content`` for ``text``): each hint is read from the first of its usual names
present (``FIELD_NAMES``). A field wirewatch does not read, a hint of the wrong type and a date it
cannot parse are each named in a warning, never silently dropped; the article is analysed
without that hint. Only a record with no text at all, or a line that is not a JSON object, fails.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from wirewatch.errors import BadInputError, echo, without_surrogates
from wirewatch.ingest.decode import decode_bytes, utf8_error
from wirewatch.ingest.wide import wide_lines
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
# Lines with non-ASCII bytes, none of them UTF-8, for a JSON Lines file to be read as a legacy
# code page (cp1251...): one bad line is damage, every such line an encoding.
LEGACY_MIN_LINES = 2
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
        record = _without_surrogates(record, warnings)
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
                self._once(warnings, f"field:{name}", f"unknown field {echo(name)} ignored "
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
        # The record is named by where it is (FILE:LINE), never by its url: a url may be long,
        # hold a newline, or be shared by two records.
        return Document(source=source, content=content, format=fmt, hints=hints), warnings

    def _once(self, warnings: list[str], key: str, message: str) -> None:
        if key not in self.warned:
            self.warned.add(key)
            warnings.append(message + " (said once per file)")


def _without_surrogates(record: dict[str, Any], warnings: list[str]) -> dict[str, Any]:
    """The record with unpaired surrogates (``"\\udfff"`` escapes, valid JSON but no text)
    replaced by U+FFFD in its fields and their values, one warning per field, so that writing
    the output can never fail on them. The values wirewatch reads are strings, lists and objects
    of strings: two levels are looked at."""
    fixed: dict[str, Any] = {}
    for key, value in record.items():
        clean_key = without_surrogates(key)
        clean = _clean_value(value)
        if clean_key != key or clean is not value:
            warnings.append(f"field {echo(clean_key)}: unpaired surrogate escape (\\ud800-\\udfff) "
                            "replaced by U+FFFD")
        fixed[clean_key] = clean
    return fixed


def _clean_value(value: Any, depth: int = 0) -> Any:
    """``value`` with surrogates replaced in its strings, or ``value`` itself when it has none."""
    if isinstance(value, str):
        clean = without_surrogates(value)
        return value if clean == value else clean
    if depth >= 2:
        return value
    if isinstance(value, list):
        items = [_clean_value(item, depth + 1) for item in value]
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if isinstance(value, dict):
        pairs = {without_surrogates(k): _clean_value(v, depth + 1) for k, v in value.items()}
        same = all(k in value and pairs[k] is value[k] for k in pairs) and len(pairs) == len(value)
        return value if same else pairs
    return value


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
            warnings.append(f"'published' {echo(value)} is no timestamp: analysed with the date unknown")
            return None
    if not isinstance(value, str):
        warnings.append(f"'published' ignored: expected a date string, got {type(value).__name__}")
        return None
    parsed = parse_date_text(value)
    if parsed is None:
        warnings.append(f"'published' {echo(value)} is not a date wirewatch can read (e.g. 2021-07-17, "
                        "2021-07-17T09:30:00Z, Sat, 17 Jul 2021 09:30:00 +0000, 17 July 2021): "
                        "analysed with the date unknown")
        return None
    return _plausible(parsed, value, warnings)


def _plausible(parsed: str, value: object, warnings: list[str]) -> str | None:
    if MIN_PUBLISHED_YEAR <= int(parsed[:4]) <= MAX_PUBLISHED_YEAR:
        return parsed
    warnings.append(f"'published' {echo(value)} is outside {MIN_PUBLISHED_YEAR}-{MAX_PUBLISHED_YEAR}, "
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


def _json_error(exc: ValueError | RecursionError) -> str:
    """Why a line is not JSON, on one line: "malformed JSON (Unterminated string starting at
    column 236)", "JSON nested too deeply"..."""
    if isinstance(exc, RecursionError):
        return "malformed JSON: nested too deeply (arrays or objects within each other)"
    if isinstance(exc, json.JSONDecodeError):
        # json's messages end with " at" for some errors ("Unterminated string starting at").
        return f"malformed JSON ({exc.msg.removesuffix(' at')} at column {exc.colno:,})"
    if "digits" in str(exc):
        return "malformed JSON: a number of more than 4,300 digits (Python's limit on integers)"
    return f"malformed JSON ({echo(str(exc), 160)})"


Line = tuple[int, str] | InputError


def _records(lines: Iterator[Line], source: str,
             max_bytes: int) -> Iterator[Document | InputError | InputWarning]:
    """Each numbered line as a Document after its warnings, or an error naming FILE:LINE; an
    error among the lines (one that did not decode) is passed on in its place."""
    reader = RecordReader()
    for item in lines:
        if isinstance(item, InputError):
            yield item
            continue
        number, line = item
        if not line.strip():
            continue
        where = f"{source}:{number}"
        if len(line) > max_bytes:
            yield InputError(where, f"line is over the {max_bytes / 1e6:.0f} MB limit")
            continue
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as exc:
            yield InputError(where, _json_error(exc))
            continue
        try:
            document, warnings = reader.read(record, where)
        except BadInputError as exc:
            yield InputError(where, str(exc))
            continue
        except Exception as exc:  # a reader bug must cost this record only, never the batch
            yield InputError(where, f"cannot read the record ({type(exc).__name__}: {echo(str(exc))})")
            continue
        for reason in warnings:
            yield InputWarning(where, reason)
        yield document


def _text_lines(text: str) -> Iterator[Line]:
    # "\n" only: str.splitlines() also breaks at U+2028, U+2029, U+0085 and \x1c-\x1e, which
    # JSON allows unescaped inside strings, and would cut a valid record in two.
    for number, line in enumerate(text.split("\n"), start=1):
        yield number, line.removesuffix("\r")


def iter_jsonl_documents(
    text: str, source: str, max_bytes: int
) -> Iterator[Document | InputError | InputWarning]:
    """Each line of a JSON Lines text as a Document, after the warnings it raised; a bad line is
    an error naming its number."""
    yield from _records(_text_lines(text), source, max_bytes)


def iter_jsonl_bytes(
    data: bytes, source: str, max_bytes: int, truncated: bool = False
) -> Iterator[Document | InputError | InputWarning]:
    """JSON Lines from bytes, decoded line by line as UTF-8 (RFC 8259): a line with a bad byte is
    an error naming it, and the other lines are read, never the whole file guessed into another
    code page. Only a file in which no line with non-ASCII bytes is UTF-8 (two at least) is
    taken for a legacy encoding, detected for the whole file, with a warning.
    ``truncated``: the data is what a cut gzip gave; its last line is reported as lost."""
    yielded = False
    for item in _jsonl_items(data, source, max_bytes, truncated):
        yielded = True
        yield item
    if not yielded:  # nothing but blank lines: say so, or the input vanishes from the report
        yield InputError(source, "empty file: no JSON Lines records (only blank lines)")


def iter_jsonl_wide(
    data: bytes, encoding: str, bom: int, source: str, max_bytes: int
) -> Iterator[Document | InputError | InputWarning]:
    """JSON Lines in UTF-16/32 (``encoding``, after a byte-order mark of ``bom`` bytes), each
    line decoded on its own (``wide.wide_lines``): a damaged or foreign line is an error of its
    own, never the end of the file."""
    yielded = False
    for item in _records(wide_lines(data, encoding, bom, source), source, max_bytes):
        yielded = True
        yield item
    if not yielded:
        yield InputError(source, "empty file: no JSON Lines records (only blank lines)")


def _jsonl_items(
    data: bytes, source: str, max_bytes: int, truncated: bool
) -> Iterator[Document | InputError | InputWarning]:
    data = data.removeprefix(codecs.BOM_UTF8)
    raw_lines = data.split(b"\n")
    if raw_lines and not raw_lines[-1].strip():
        raw_lines.pop()
    cut_line = None
    if truncated:
        cut_line = len(raw_lines) if data and not data.endswith(b"\n") else len(raw_lines) + 1
        if data and not data.endswith(b"\n"):
            raw_lines.pop()  # the partial record at the cut
    try:
        text = b"\n".join(raw_lines).decode("utf-8")
        yield from _records(_text_lines(text), source, max_bytes)
    except UnicodeDecodeError:
        yield from _undecodable(raw_lines, source, max_bytes)
    if cut_line is not None:
        yield InputError(f"{source}:{cut_line}", f"truncated gzip: the file ends mid-stream at line "
                         f"{cut_line:,}; the records before it were read, any after it are lost")


def _undecodable(raw_lines: list[bytes], source: str,
                 max_bytes: int) -> Iterator[Document | InputError | InputWarning]:
    """JSON Lines that are not all UTF-8: each line decoded on its own."""
    decoded: list[str | UnicodeDecodeError] = []
    for raw in raw_lines:
        try:
            decoded.append(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            decoded.append(exc)
    non_ascii = [d for raw, d in zip(raw_lines, decoded, strict=True) if not raw.isascii()]
    if len(non_ascii) >= LEGACY_MIN_LINES and all(isinstance(d, UnicodeDecodeError) for d in non_ascii):
        try:
            text, encoding = decode_bytes(b"\n".join(raw_lines))
        except BadInputError as exc:
            yield InputError(source, str(exc))
            return
        yield InputWarning(source, f"not UTF-8 on any line, as JSON Lines should be: read as {encoding}, "
                           "the code page its text reads best in (check the Cyrillic in the output)")
        yield from _records(_text_lines(text), source, max_bytes)
        return
    yield from _records(_decoded_lines(raw_lines, decoded, source), source, max_bytes)


def _decoded_lines(raw_lines: list[bytes], decoded: list[str | UnicodeDecodeError],
                   source: str) -> Iterator[Line]:
    for number, (raw, line) in enumerate(zip(raw_lines, decoded, strict=True), start=1):
        if isinstance(line, UnicodeDecodeError):
            yield InputError(f"{source}:{number}", f"not valid UTF-8 ({utf8_error(raw, line)}); "
                             "JSON Lines must be UTF-8: the line is damaged or in another encoding")
        else:
            yield number, line.removesuffix("\r")


def iter_json_documents(text: str, source: str) -> Iterator[Document | InputError | InputWarning]:
    """A JSON file: one record (an object) or a list of records, each read as a JSONL line is.
    Raises ``BadInputError`` when the file is not JSON."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInputError(f"malformed JSON ({exc.msg.removesuffix(' at')} at line {exc.lineno:,}, "
                            f"column {exc.colno:,})") from exc
    except (ValueError, RecursionError) as exc:
        raise BadInputError(_json_error(exc)) from exc
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
