"""The top-level lists of a saved analyze output other than its articles and errors.

``read_analyzed`` streams articles and errors; the exports and the brief also need the lists that
link and assess add next to them (schema 1.2): ``stories``, ``derivations``, ``claims`` and
``duplicates``. In a JSON document they are top-level keys; in JSON Lines, one
``{"story": {...}}``, ``{"derivation": {...}}``, ``{"claim": {...}}`` or ``{"duplicate": {...}}``
line each; a header or trailer line holding whole lists (``{"stories": [...]}``), or a whole
document written on one line, is read too. An article line's own ``claims`` are not the
story-level ones and are left alone. A file that cannot be read gives no lists:
``read_analyzed`` reports why.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from wirewatch.ingest.analyzed import _is_json_lines, _read_text

TOP_LEVEL_LISTS = ("stories", "derivations", "claims", "duplicates")
# The key of one item's line in JSON Lines, and the list it belongs to.
_LINE_KEYS = {"story": "stories", "derivation": "derivations", "claim": "claims", "duplicate": "duplicates"}


def read_top_level_lists(path: str | Path) -> dict[str, list[Any]]:
    """Each of ``TOP_LEVEL_LISTS`` the file has, by name (absent when the file has no such list)."""
    try:
        text = _read_text(Path(path))
    except (OSError, UnicodeDecodeError, EOFError):
        return {}
    found: dict[str, list[Any]] = {}
    if _is_json_lines(text):
        for line in text.splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if not isinstance(record, dict):
                continue
            if len(record) == 1 and next(iter(record)) in _LINE_KEYS:
                key, value = next(iter(record.items()))
                found.setdefault(_LINE_KEYS[key], []).append(value)
            elif "body" not in record:
                # A header or trailer line holding whole lists, or a whole document written on one
                # line; not an article, whose own "claims" are not the story-level ones.
                for key in TOP_LEVEL_LISTS:
                    if isinstance(record.get(key), list):
                        found.setdefault(key, []).extend(record[key])
        return found
    try:
        document = json.loads(text)
    except ValueError:
        return {}
    if not isinstance(document, dict):
        return {}
    return {key: document[key] for key in TOP_LEVEL_LISTS if isinstance(document.get(key), list)}
