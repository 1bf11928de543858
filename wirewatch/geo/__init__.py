"""Offline geography: the GeoNames gazetteer, toponym detection and resolution."""

from wirewatch.geo.gazetteer import Gazetteer, GeoEntry, build_gazetteer, cache_path, open_gazetteer
from wirewatch.geo.resolve import Resolution, Resolver, Toponym, distance_km

FEATURES = ("country", "region", "admin1", "admin2", "city", "airport", "military_base",
            "landmark", "water", "other")

__all__ = [
    "FEATURES",
    "Gazetteer",
    "GeoEntry",
    "Resolution",
    "Resolver",
    "Toponym",
    "build_gazetteer",
    "cache_path",
    "distance_km",
    "open_gazetteer",
]
