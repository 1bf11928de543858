"""The model (wirewatch/model.py) and the published JSON Schema cannot drift apart.

Every output type, found by walking ``AnnotatedArticle``'s field types, has a definition in
``wirewatch/schema/analyze.schema.json`` with exactly its fields, of matching JSON types, its
enumerations equal to the model's ``StrEnum`` values, and a ``required`` list that is exactly
what ``from_dict`` cannot do without. A field added to one side only fails here.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from enum import StrEnum
from typing import Any

import pytest

from wirewatch import model
from wirewatch.model import SCHEMA_VERSION, AnnotatedArticle, Article, InputError
from wirewatch.present.json_output import json_schema

# The schema definition of each output type. AnnotatedArticle's JSON object is its Article's
# fields and its own annotation lists side by side (one "article" object).
DEFINITIONS: dict[type, str] = {
    AnnotatedArticle: "article",
    model.Comment: "comment",
    model.Span: "span",
    model.Entity: "entity",
    model.Mention: "mention",
    model.Place: "place",
    model.TimeRef: "time",
    model.Quote: "quote",
    model.Citation: "citation",
    model.Claim: "claim",
    model.Evidence: "evidence",
    model.Provenance: "provenance",
    model.Skipped: "skipped",
    InputError: "error",
    # The story-level claims (issue 14): top-level ``claims``, not part of an article.
    model.StoryClaim: "story_claim",
    model.ClaimMember: "claim_member",
    model.Origin: "origin",
    model.Contradiction: "contradiction",
    model.NonAnswer: "non_answer",
    model.Grade: "grade",
    model.Reason: "reason",
    model.ArticleEvidence: "article_evidence",
    model.Derivation: "derivation",
    model.DerivedFrom: "derived_from",
    model.DerivationEvidence: "derivation_evidence",
    model.Story: "story",
}
# Output types outside the articles: top-level records of the document.
TOP_LEVEL: tuple[type, ...] = (InputError, model.Derivation, model.StoryClaim, model.Story)
_JSON_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean"}


def _fields(cls: type) -> dict[str, Any]:
    """JSON field name -> type hint for an output type."""
    hints = typing.get_type_hints(cls, vars(model))
    out = {f.name: hints[f.name] for f in dataclasses.fields(cls)}
    if cls is AnnotatedArticle:
        del out["article"]
        out = {**_fields(Article), **out}
    return out


def _unwrap(hint: Any) -> tuple[Any, bool]:
    """(the type without None, whether None is allowed)."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        assert len(args) == 1, f"unexpected union {hint}"
        return args[0], True
    return hint, False


def _is_record(hint: Any) -> bool:
    """Whether a type hint is one of the model's dataclasses (plain bool: no narrowing)."""
    return isinstance(hint, type) and dataclasses.is_dataclass(hint)


def _output_types() -> set[type]:
    """Every dataclass reachable from AnnotatedArticle's and the top-level records' fields."""
    found: set[type] = set()
    todo: list[type] = [AnnotatedArticle, *TOP_LEVEL]
    while todo:
        cls = todo.pop()
        if cls in found:
            continue
        found.add(cls)
        for hint in _fields(cls).values():
            inner, _ = _unwrap(hint)
            if typing.get_origin(inner) is tuple:
                inner = typing.get_args(inner)[0]
            if _is_record(inner):
                todo.append(inner)
    return found


def _definition(schema: dict[str, Any], name: str) -> dict[str, Any]:
    definition: dict[str, Any] = schema["$defs"][name]
    return definition


def _resolve(schema: dict[str, Any], prop: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in prop:
        return _definition(schema, prop["$ref"].removeprefix("#/$defs/"))
    return prop


def _ref_name(prop: dict[str, Any]) -> str | None:
    ref = prop.get("$ref")
    return ref.removeprefix("#/$defs/") if isinstance(ref, str) else None


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json_schema()


def test_every_output_type_has_a_schema_definition() -> None:
    assert _output_types() == set(DEFINITIONS)


@pytest.mark.parametrize("cls", list(DEFINITIONS), ids=lambda c: c.__name__)
def test_fields_and_schema_properties_match_both_ways(cls: type, schema: dict[str, Any]) -> None:
    properties = _definition(schema, DEFINITIONS[cls])["properties"]
    assert set(_fields(cls)) == set(properties)


@pytest.mark.parametrize("cls", list(DEFINITIONS), ids=lambda c: c.__name__)
def test_field_types_match_the_schema(cls: type, schema: dict[str, Any]) -> None:
    properties = _definition(schema, DEFINITIONS[cls])["properties"]
    for name, hint in _fields(cls).items():
        prop = properties[name]
        inner, nullable = _unwrap(hint)
        if "oneOf" in prop:  # {"oneOf": [{"$ref": X}, {"type": "null"}]}
            refs = [_ref_name(p) for p in prop["oneOf"] if "$ref" in p]
            assert nullable and {"type": "null"} in prop["oneOf"], name
            assert refs == [DEFINITIONS[inner]], name
            continue
        if _is_record(inner):  # a nested record that is never null: {"$ref": X}
            assert not nullable and _ref_name(prop) == DEFINITIONS[inner], name
            continue
        resolved = _resolve(schema, prop)
        if isinstance(inner, type) and issubclass(inner, StrEnum):
            values: list[Any] = [str(member) for member in inner]
            assert resolved["enum"] == values + ([None] if nullable else []), f"{cls.__name__}.{name}"
        elif typing.get_origin(inner) is tuple:
            item = typing.get_args(inner)[0]
            assert resolved["type"] == "array", name
            if _is_record(item):
                assert _ref_name(resolved["items"]) == DEFINITIONS[item], name
            else:
                assert resolved["items"]["type"] == _JSON_TYPES[item], name
        else:
            expected = _JSON_TYPES[inner]
            declared = resolved["type"]
            assert (declared if isinstance(declared, list) else [declared]) == (
                [expected, "null"] if nullable else [expected]
            ), f"{cls.__name__}.{name}"


@pytest.mark.parametrize("cls", list(DEFINITIONS), ids=lambda c: c.__name__)
def test_required_is_exactly_what_from_dict_needs(cls: type, schema: dict[str, Any]) -> None:
    """A record with only the schema's required fields is readable (so a 1.0 document, which
    lacks the 1.1 fields, still is), and leaving out any one of them is refused."""
    definition = _definition(schema, DEFINITIONS[cls])
    required = definition["required"]
    full = _sample(cls, schema)
    minimal = {key: full[key] for key in required}
    cls.from_dict(minimal)  # type: ignore[attr-defined]
    for key in required:
        with pytest.raises(KeyError):
            cls.from_dict({k: v for k, v in minimal.items() if k != key})  # type: ignore[attr-defined]


def _sample(cls: type, schema: dict[str, Any]) -> dict[str, Any]:
    """A valid JSON record of ``cls`` built from the model's own types."""
    values: dict[str, Any] = {}
    for name, hint in _fields(cls).items():
        inner, _ = _unwrap(hint)
        if typing.get_origin(inner) is tuple:
            item = typing.get_args(inner)[0]
            values[name] = [_sample(item, schema)] if _is_record(item) else ["x"]
        elif _is_record(inner):
            values[name] = _sample(inner, schema)
        elif isinstance(inner, type) and issubclass(inner, StrEnum):
            values[name] = str(next(iter(inner)))
        else:
            values[name] = {str: "x", int: 1, float: 1.0, bool: True}[inner]
    if "end" in values:
        values["end"] = values["start"] + 1  # offsets must make a non-empty span
    if cls in (model.Mention, model.TimeRef):
        values["field"] = "caption:0"  # a field name, not any string (the schema's pattern)
    return values


def test_schema_version_is_the_models(schema: dict[str, Any]) -> None:
    assert schema["$id"].endswith(f"analyze-{SCHEMA_VERSION}.json")
    assert f"Schema version {SCHEMA_VERSION}" in schema["description"]


def test_sample_records_validate_against_the_schema(schema: dict[str, Any]) -> None:
    """The samples above are real records: the article sample validates as a document."""
    import jsonschema

    article = _sample(AnnotatedArticle, schema)
    article.update(language="en", translated_from=None, published=None)
    article["entities"][0]["id"] = "e1"
    for key in ("speaker_entity", "channel_entity"):
        article["quotes"][0][key] = "e1"
    claim = article["claims"][0]
    claim.update(subject_entity="e1", attributed_entity="e1", channel_entity="e1")
    claim.update(place_index=0, time_index=0)
    article["citations"][0]["outlet_entity"] = "e1"
    article["places"][0].update(lat=1.0, lon=1.0, country="KG")
    article["produced_by"]["pipeline"] = "0123456789abcdef"
    document = {"wirewatch": SCHEMA_VERSION, "articles": [article], "errors": []}
    jsonschema.validate(document, schema)
    assert AnnotatedArticle.from_dict(article).to_dict() == article


def test_a_story_claim_sample_validates_and_round_trips(schema: dict[str, Any]) -> None:
    import jsonschema

    claim = _sample(model.StoryClaim, schema)
    claim["grade"].update(reliability="F", credibility=6)
    jsonschema.validate(claim, {"$ref": "#/$defs/story_claim", "$defs": schema["$defs"]})
    assert model.StoryClaim.from_dict(claim).to_dict() == claim
    claim["grade"]["reliability"] = "G"  # not an Admiralty letter
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(claim, {"$ref": "#/$defs/story_claim", "$defs": schema["$defs"]})


def test_every_field_is_documented() -> None:
    """docs/schema.md names every field of every output type, and every enumeration value."""
    from pathlib import Path

    docs = (Path(__file__).resolve().parent.parent / "docs" / "schema.md").read_text(encoding="utf-8")
    for cls in DEFINITIONS:
        for name, hint in _fields(cls).items():
            assert f"`{name}`" in docs, f"{cls.__name__}.{name} is not in docs/schema.md"
            inner, _ = _unwrap(hint)
            if isinstance(inner, type) and issubclass(inner, StrEnum):
                for member in inner:
                    assert f"`{member}`" in docs, f"{inner.__name__} value {member} is not documented"


def test_duplicate_fields_match_the_schema(schema: dict[str, Any]) -> None:
    """The top-level duplicates (exact and near, 1.2) have exactly the model's fields and kinds."""
    properties = schema["properties"]["duplicates"]["items"]["properties"]
    assert set(_fields(model.Duplicate)) == set(properties)
    assert properties["kind"]["enum"] == [str(kind) for kind in model.DuplicateKind]
    record = model.Duplicate("b", "a", 0.5, "b.html", "a.html", kept=True, kind=model.DuplicateKind.NEAR)
    assert model.Duplicate.from_dict(record.to_dict()) == record
    legacy = {k: v for k, v in record.to_dict().items() if k != "kind"}  # a 1.1 duplicate
    assert model.Duplicate.from_dict(legacy).kind == model.DuplicateKind.EXACT


def test_a_document_with_stories_validates(schema: dict[str, Any]) -> None:
    import jsonschema

    story = model.Story("s1", "Title", ("a1", "a2"), "2026-06-17", "2026-06-23T10:05:00Z",
                        ("en", "ru"), ("KNA",))
    record = story.to_dict()
    document: dict[str, Any] = {"wirewatch": SCHEMA_VERSION, "articles": [], "errors": [],
                                "stories": [record]}
    jsonschema.validate(document, schema)
    assert model.Story.from_dict(record) == story
    record["articles"] = "a1"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)
