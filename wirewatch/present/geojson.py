"""GeoJSON export of places: one Point feature per distinct place, with every mention's sentence."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from wirewatch.model import AnnotatedArticle, Place
from wirewatch.sentences import article_sentences, sentence_bounds


def sentence_around(doc: AnnotatedArticle, start: int, end: int) -> str:
    """The sentence of the article's body that holds the span ``start:end`` (from the article's
    one segmentation)."""
    body = doc.article.body
    left, right = sentence_bounds(article_sentences(doc.sentences, body), start, end)
    return body[left:right].strip()


def _place_key(place: Place) -> tuple[object, ...]:
    # Places without a GeoNames id (macro-regions) are told apart by name.
    return (place.geonameid,) if place.geonameid is not None else ("name", place.name)


def places_geojson(docs: Sequence[AnnotatedArticle]) -> dict[str, Any]:
    """A FeatureCollection over ``docs``: one feature per distinct place (by GeoNames id).

    Places without coordinates are left out (GeoJSON needs a geometry).
    """
    features: dict[tuple[object, ...], dict[str, Any]] = {}
    for doc in docs:
        article = doc.article
        for place in doc.places:
            if place.lat is None or place.lon is None:
                continue
            key = _place_key(place)
            if key not in features:
                features[key] = {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
                    "properties": {
                        "name": place.name,
                        "geonameid": place.geonameid,
                        "country": place.country,
                        "feature": place.feature,
                        "mentions": [],
                    },
                }
            features[key]["properties"]["mentions"].extend(
                {
                    "article_id": article.id,
                    "title": article.title,
                    "sentence": sentence_around(doc, m.start, m.end),
                    "start": m.start,
                    "end": m.end,
                }
                for m in place.mentions
            )
    return {"type": "FeatureCollection", "features": list(features.values())}
