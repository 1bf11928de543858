"""The default annotate pipeline, in the order stages depend on each other.

entities first (the others use canonical names and place mentions), then places and times
(claims read them), then quotes, citations and claims; last the title's, subtitle's and
captions' entities, places and times (``fields``), which no body stage sees. Each stage gets
its resources from one ``Resources``; ``Annotator`` checks the order against what each stage
requires.
"""

from __future__ import annotations

from wirewatch.annotate.budget import Budget
from wirewatch.annotate.pipeline import Annotator, Stage
from wirewatch.resources.bundle import Resources


def default_stages(resources: Resources) -> list[Stage]:
    from wirewatch.annotate.attribution.stage import QuoteAnnotator
    from wirewatch.annotate.citations.stage import CitationAnnotator
    from wirewatch.annotate.claims.stage import ClaimAnnotator
    from wirewatch.annotate.entities.stage import EntityAnnotator
    from wirewatch.annotate.fields.stage import FieldAnnotator
    from wirewatch.annotate.places.stage import PlacesAnnotator
    from wirewatch.annotate.times.stage import TimeAnnotator

    entities = EntityAnnotator(resources.catalog, resources.nlp)
    places = PlacesAnnotator(resources.gazetteer, resources.nlp, outlet_countries=resources.outlet_country)
    return [
        entities,
        places,
        TimeAnnotator(),
        QuoteAnnotator(resources.catalog, resources.nlp),
        CitationAnnotator(resources.catalog),
        ClaimAnnotator(resources.catalog, resources.nlp),
        FieldAnnotator(entities, places),
    ]


def default_annotator(resources: Resources) -> Annotator:
    settings = resources.settings
    budget = Budget(settings.max_body_chars, settings.article_seconds)
    return Annotator(default_stages(resources), resources.parser, budget)
