"""Corpus-wide join keys: the value two entities of different articles share when they are the
same thing, whatever the script or spelling.

- places: their GeoNames id (``geonames:1512569``), or their coordinates when the gazetteer entry
  has none (airports, US post-office towns);
- outlets: the catalogue's id, a slug of the canonical name (``outlet:kommersant``);
- people, organisations and other names: a cross-script key of the name (``person:...``).
"""

from __future__ import annotations

import re

from wirewatch.model import EntityType
from wirewatch.names import match_key, to_latin


def outlet_join_key(canonical_name: str) -> str:
    """``outlet:`` and a slug of the outlet's canonical catalogue name."""
    slug = "-".join(re.findall(r"[a-z0-9]+", to_latin(canonical_name).lower()))
    return f"outlet:{slug}"


def place_join_key(geonameid: int | None, lat: float | None, lon: float | None, name: str) -> str:
    """``geonames:ID``; without an id, the point rounded to about 100 m, else the name key."""
    if geonameid is not None:
        return f"geonames:{geonameid}"
    if lat is not None and lon is not None:
        return f"point:{lat:.3f},{lon:.3f}"
    return f"place:{match_key(name)}"


def name_join_key(name: str, entity_type: EntityType) -> str:
    """A cross-script key for a person, organisation or other name, prefixed by its type."""
    return f"{entity_type}:{match_key(name)}"
