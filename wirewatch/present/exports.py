"""The one-text exports of an analysis by format name (``wirewatch export --format``); CSV, which
writes several files, is ``csv_tables.write_csv``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wirewatch.present.analysis import Analysis, analysis_document
from wirewatch.present.geojson import places_geojson
from wirewatch.present.json_output import dumps
from wirewatch.present.stix import stix_bundle
from wirewatch.present.timeline import timeline


def _geojson(analysis: Analysis) -> dict[str, Any]:
    story_of = {a: s.id for s in analysis.stories for a in s.articles} if analysis.has_stories else None
    return places_geojson(analysis.articles, story_of)


BUILDERS: dict[str, Callable[[Analysis], dict[str, Any]]] = {
    "json": analysis_document,
    "geojson": _geojson,
    "stix": stix_bundle,
    "timeline": lambda analysis: timeline(analysis.articles),
}


def export_text(analysis: Analysis, kind: str) -> str:
    """The export ``kind`` (json, geojson, stix, timeline) as JSON text."""
    return dumps(BUILDERS[kind](analysis))
