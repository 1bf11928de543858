"""One set of resources for the whole test session, and stages assembled from it.

Tests build stages the way ``annotate/default.py`` does, from one ``Resources``, so that models
load once per test session. ``run_stage`` parses an article and runs one stage over it, as the
annotator would.
"""

from __future__ import annotations

from functools import lru_cache

from wirewatch.annotate.attribution.stage import QuoteAnnotator
from wirewatch.annotate.citations.stage import CitationAnnotator
from wirewatch.annotate.claims.stage import ClaimAnnotator
from wirewatch.annotate.entities.stage import EntityAnnotator
from wirewatch.annotate.pipeline import Annotator, Stage
from wirewatch.annotate.places.stage import PlacesAnnotator
from wirewatch.model import AnnotatedArticle, Article
from wirewatch.resources.article_parse import ArticleParse
from wirewatch.resources.bundle import Resources, build_resources
from wirewatch.settings import load_settings


@lru_cache(maxsize=1)
def shared_resources() -> Resources:
    return build_resources(load_settings())


def parse(body: str, language: str | None) -> ArticleParse:
    """The annotator's parse of ``body``."""
    return shared_resources().parser.parse_text(body, language)


def start(article: Article) -> tuple[AnnotatedArticle, ArticleParse]:
    """An article as the annotator hands it to the first stage, with its parse."""
    parsed = shared_resources().parser(article)
    return AnnotatedArticle(article=article, sentences=parsed.sentences), parsed


def run_stage(stage: Stage, doc: AnnotatedArticle | Article) -> AnnotatedArticle:
    """``stage`` over one article (or an annotated article from earlier stages)."""
    article = doc if isinstance(doc, Article) else doc.article
    first, parsed = start(article)
    return stage(first if isinstance(doc, Article) else doc, parsed)


def annotator(stages: list[Stage]) -> Annotator:
    return Annotator(stages, shared_resources().parser)


def entity_stage() -> EntityAnnotator:
    r = shared_resources()
    return EntityAnnotator(r.catalog, r.nlp)


def places_stage(**outlets: str) -> PlacesAnnotator:
    r = shared_resources()
    return PlacesAnnotator(r.gazetteer, r.nlp, outlet_countries=outlets or None)


def quote_stage() -> QuoteAnnotator:
    r = shared_resources()
    return QuoteAnnotator(r.catalog, r.nlp)


def citation_stage() -> CitationAnnotator:
    return CitationAnnotator(shared_resources().catalog)


def claim_stage() -> ClaimAnnotator:
    r = shared_resources()
    return ClaimAnnotator(r.catalog, r.nlp)


def default_annotator() -> Annotator:
    from wirewatch.annotate.default import default_annotator as build

    return build(shared_resources())
