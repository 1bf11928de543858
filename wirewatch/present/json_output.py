"""The public JSON document of ``wirewatch analyze`` (see docs/schema.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib import resources
from typing import Any

from wirewatch import __version__
from wirewatch.model import (
    SCHEMA_VERSION,
    AnnotatedArticle,
    Derivation,
    Duplicate,
    InputError,
    InputWarning,
    Story,
    StoryClaim,
)


def document_header() -> dict[str, Any]:
    """The top-level fields before the arrays: the schema version and what wrote the document."""
    return {"wirewatch": SCHEMA_VERSION, "generator": f"wirewatch {__version__}"}


def report_to_json(
    articles: Iterable[AnnotatedArticle],
    errors: Iterable[InputError],
    warnings: Iterable[InputWarning] = (),
    duplicates: Iterable[Duplicate] = (),
    stories: Iterable[Story] = (),
    derivations: Iterable[Derivation] | None = None,
    claims: Iterable[StoryClaim] | None = None,
) -> dict[str, Any]:
    """The analyze document (docs/schema.md); ``derivations`` and ``claims`` only when given."""
    document = {
        **document_header(),
        "articles": [article.to_dict() for article in articles],
        "errors": [error.to_dict() for error in errors],
        "warnings": [warning.to_dict() for warning in warnings],
        "duplicates": [duplicate.to_dict() for duplicate in duplicates],
        "stories": [story.to_dict() for story in stories],
    }
    if derivations is not None:
        document["derivations"] = [d.to_dict() for d in derivations]
    if claims is not None:
        document["claims"] = [c.to_dict() for c in claims]
    return document


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the analyze output, shipped with the package."""
    text = resources.files("wirewatch.schema").joinpath("analyze.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
