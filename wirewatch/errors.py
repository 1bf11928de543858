"""Exceptions for bad input. Each carries a message fit to show a user on one line."""

from __future__ import annotations


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
