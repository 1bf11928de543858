"""Exceptions for bad input. Each carries a message fit to show a user on one line."""

from __future__ import annotations

import re


class WirewatchError(Exception):
    """Base class for errors wirewatch reports to users."""


class BadInputError(WirewatchError):
    """An input (file, JSONL line, page) cannot be analysed; the message says why."""


class EmptyInputError(BadInputError):
    """The input has no content, or no article text once page chrome is removed."""


class BinaryInputError(BadInputError):
    """The input is not text (images, executables, archives...)."""


class EncodingError(BadInputError):
    """The input's text encoding could not be determined."""


class TooLargeError(BadInputError):
    """The input is larger than the configured limit."""


# Characters of an input's value echoed in a message: enough to recognise it, never a page of it.
MAX_ECHO_CHARS = 80
# A console line longer than this is cut: one record's error must not flood the terminal.
MAX_LINE_CHARS = 1000
_LINE_BREAKS = re.compile(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_SURROGATES = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """``text`` with unpaired surrogates (from ``\\udfff`` escapes in JSON or undecodable file
    names) replaced by U+FFFD, so that it can be written as UTF-8."""
    return _SURROGATES.sub("\ufffd", text)


def one_line(text: str, limit: int = MAX_LINE_CHARS) -> str:
    """``text`` fit for one line of a message: line breaks shown as ``\\n``, surrogates
    replaced, cut to ``limit`` characters with "…"."""
    text = without_surrogates(_LINE_BREAKS.sub(lambda m: repr(m.group())[1:-1], text))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def echo(value: object, limit: int = MAX_ECHO_CHARS) -> str:
    """An input's value quoted in a message: its repr on one line, cut to ``limit`` characters."""
    if isinstance(value, str) and len(value) > limit:
        value = value[:limit]  # the repr of a 20 MB string, only to cut it, would be waste
    text = repr(value)
    return one_line(text, limit) if len(text) <= limit else one_line(text[: limit - 1], limit) + "…"


class StoreError(WirewatchError):
    """The store cannot be opened or used; the message names the database and what to do."""
