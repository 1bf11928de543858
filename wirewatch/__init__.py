"""wirewatch: turn a stream of news reports into a sourced picture, offline."""

from __future__ import annotations

from wirewatch.model import (
    SCHEMA_VERSION,
    AnnotatedArticle,
    Article,
    Citation,
    Claim,
    Comment,
    Document,
    Duplicate,
    Entity,
    Hints,
    InputError,
    InputWarning,
    Mention,
    Modality,
    Place,
    Polarity,
    Provenance,
    Quote,
    Skipped,
    Sourcing,
    Span,
    TimeRef,
)

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "AnnotatedArticle",
    "Article",
    "Citation",
    "Claim",
    "Comment",
    "Document",
    "Duplicate",
    "Entity",
    "Hints",
    "InputError",
    "InputWarning",
    "Mention",
    "Modality",
    "Place",
    "Polarity",
    "Provenance",
    "Quote",
    "Skipped",
    "Sourcing",
    "Span",
    "TimeRef",
    "__version__",
]
