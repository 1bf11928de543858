"""The fields stage: entities, places and times of the title, subtitle and captions.

The body's stages run first and alone, so quotes, citations and claims only ever see the body
(a name only in a headline is never a speaker). This stage runs after them and adds what the
other texts of the article name, each mention with its ``field`` (``title``, ``subtitle``,
``caption:N``) and offsets into that text:

1. Entities by the entities stage's NER and repairs over each field's own parse
   (``EntityAnnotator.field_entities``), joined to the body's entities they name; the body's
   names found as written, and people by surname, where NER missed them (``fields.entities``).
2. Places by the places stage's detection over each field, resolved with the body's places as
   context; joined to the body's places, or appended (``fields.places``).
3. Times by the times grammars over each field, against ``published`` (``times.field_times``).

Ids already handed out do not change: new entities get the next free numbers, new places are
appended after the body's (claims refer to places by index).
"""

from __future__ import annotations

import dataclasses

from wirewatch.annotate.entities.ids import numbered, with_join_keys
from wirewatch.annotate.entities.stage import EntityAnnotator
from wirewatch.annotate.fields.entities import joined, with_known_names
from wirewatch.annotate.fields.places import field_places
from wirewatch.annotate.places.stage import PlacesAnnotator
from wirewatch.annotate.times.stage import field_times
from wirewatch.model import AnnotatedArticle, Entity, Place
from wirewatch.resources.article_parse import ArticleParse


class FieldAnnotator:
    """Annotate stage ``fields``: adds the title's, subtitle's and captions' mentions to
    ``entities``, ``places`` and ``times``, using the entities and places stages' methods."""

    name = "fields"
    requires = ("parse", "entities", "places", "times")
    produces = ("entities", "places", "times")

    def __init__(self, entities: EntityAnnotator, places: PlacesAnnotator) -> None:
        self.entity_stage = entities
        self.places_stage = places

    def __call__(self, doc: AnnotatedArticle, parsed: ArticleParse) -> AnnotatedArticle:
        if not parsed.fields:
            return doc
        article = doc.article
        texts = article.extra_fields()
        found = [
            pair
            for field, field_parse in parsed.fields.items()
            for pair in self.entity_stage.field_entities(
                texts[field], field_parse, field, own_outlet=article.outlet)
        ]
        entities = with_known_names(joined(doc.entities, found), texts)
        places, entities = field_places(self.places_stage, article, parsed.fields, entities, doc.places)
        times = (*doc.times, *field_times(article, parsed.fields))
        return dataclasses.replace(doc, entities=_numbered(entities, places), places=places, times=times)


def _numbered(entities: tuple[Entity, ...], places: tuple[Place, ...]) -> tuple[Entity, ...]:
    """Ids for the new entities (the next free numbers, in order found) and join keys for them;
    the body's entities keep theirs."""
    fresh = {i for i, e in enumerate(entities) if not e.id}
    entities = numbered(entities)
    keyed = with_join_keys([entities[i] for i in sorted(fresh)], places)
    by_index = dict(zip(sorted(fresh), keyed, strict=True))
    return tuple(by_index.get(i, e) for i, e in enumerate(entities))
