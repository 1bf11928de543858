"""GeoJSON export of places: one Point feature per distinct place, with every mention's sentence
(from the body, or from the title, subtitle or caption the mention is in: its ``field``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from wirewatch.model import BODY, AnnotatedArticle, Place
from wirewatch.sentences import article_sentences, regex_sentences, sentence_bounds


def sentence_span(doc: AnnotatedArticle, start: int, end: int, field: str = BODY) -> tuple[int, int]:
    """The bounds of the sentence that holds the span ``start:end`` of the text ``field`` names:
    the article's one segmentation for the body, punctuation for a title, subtitle or caption
    (short texts whose sentences were not recorded)."""
    if field == BODY:
        return sentence_bounds(article_sentences(doc.sentences, doc.article.body), start, end)
    return sentence_bounds(regex_sentences(doc.article.field_text(field)), start, end)


def sentence_around(doc: AnnotatedArticle, start: int, end: int, field: str = BODY) -> str:
    """The sentence that holds the span ``start:end`` of the text ``field`` names."""
    left, right = sentence_span(doc, start, end, field)
    return doc.article.field_text(field)[left:right].strip()


def _place_key(place: Place) -> tuple[object, ...]:
    # Places without a GeoNames id (macro-regions) are told apart by name.
    return (place.geonameid,) if place.geonameid is not None else ("name", place.name)


def places_geojson(docs: Sequence[AnnotatedArticle],
                   story_of: Mapping[str, str] | None = None) -> dict[str, Any]:
    """A FeatureCollection over ``docs``: one feature per distinct place (by GeoNames id).

    Places without coordinates are left out (GeoJSON needs a geometry). With ``story_of``
    (article id -> story id), each mention names its ``story`` and each feature lists its
    ``stories``, so a map can show the places of one story or colour them by story.
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
                    "sentence": sentence_around(doc, m.start, m.end, m.field),
                    "field": m.field,
                    "start": m.start,
                    "end": m.end,
                    **({"story": story_of.get(article.id)} if story_of is not None else {}),
                }
                for m in place.mentions
            )
    if story_of is not None:
        for feature in features.values():
            mentions = feature["properties"]["mentions"]
            feature["properties"]["stories"] = sorted({m["story"] for m in mentions if m["story"]})
    return {"type": "FeatureCollection", "features": list(features.values())}
