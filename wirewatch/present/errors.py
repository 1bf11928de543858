"""What the exports and the brief refuse, as narrow exceptions the CLI turns into messages."""

from __future__ import annotations


class UnknownStoryError(LookupError):
    """``--story ID`` (or the brief's STORY) names no story of the input."""


class PdfUnavailableError(RuntimeError):
    """WeasyPrint (or the Pango library it needs) is not installed."""
