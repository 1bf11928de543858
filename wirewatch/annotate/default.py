"""The default annotate pipeline, in the order stages depend on each other.

entities first (the others use canonical names and place mentions), then places and times
(claims read them), then quotes, citations and claims.
"""

from __future__ import annotations

from wirewatch.annotate.pipeline import Annotator, Stage
from wirewatch.resources.outlets import OutletCatalog, default_catalog


def default_stages(catalog: OutletCatalog | None = None) -> list[Stage]:
    from wirewatch.annotate.attribution.stage import QuoteAnnotator
    from wirewatch.annotate.citations.stage import CitationAnnotator
    from wirewatch.annotate.claims.stage import ClaimAnnotator
    from wirewatch.annotate.entities.stage import EntityAnnotator
    from wirewatch.annotate.places.stage import PlacesAnnotator
    from wirewatch.annotate.times.stage import TimeAnnotator

    catalog = catalog or default_catalog()

    def outlet_country(name: str) -> str | None:
        outlet = catalog.lookup(name)
        return outlet.country if outlet else None

    return [
        EntityAnnotator(catalog),
        PlacesAnnotator(outlet_countries=outlet_country),
        TimeAnnotator(),
        QuoteAnnotator(),
        CitationAnnotator(catalog),
        ClaimAnnotator(),
    ]


def default_annotator(catalog: OutletCatalog | None = None) -> Annotator:
    return Annotator(default_stages(catalog))
