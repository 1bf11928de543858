"""The default annotate pipeline, in the order stages depend on each other."""

from __future__ import annotations

from wirewatch.annotate.pipeline import Annotator, Stage


def default_stages() -> list[Stage]:
    """Entities first (others use canonical names), then places and times, then who said what."""
    from wirewatch.annotate.entities import EntityAnnotator

    return [EntityAnnotator()]


def default_annotator() -> Annotator:
    return Annotator(default_stages())
