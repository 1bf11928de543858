"""Places named in a title, subtitle or caption, resolved with the whole article as context.

Detection is the places stage's, over each field's text and parse. Resolution runs the field's
toponyms together with one toponym per place the body resolved (by the place's gazetteer name,
so it looks up exactly): the body's places are the context that tells "Bagram air base in
Kabul" is in Afghanistan, as they would for a body mention; "X in Y" within the field is used as
in the body. The body's places are not resolved again: claims already refer to them by index.
A field mention of a place the body has joins that place; a new place is appended.

One sense per name: a field's name that the body resolved takes the body's place, whatever the
field's few words would say: the place of the body mentions of the entity it belongs to
(«Бишкеку» in a title is the body's «Бишкек»), else of the body mentions spelled alike, when
that is one place. Not for a capital's name: whether "Moscow" is the city or the government
("Moscow offered" is Russia) depends on the field's own sentence, so it is resolved there.

Every field place mention gets an entity as in the body: the one whose mention it is, else the
place entity of that place, else a new place entity.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from wirewatch.annotate.places.entities import MISTYPED
from wirewatch.annotate.places.stage import PlacesAnnotator
from wirewatch.geo.detect import toponyms
from wirewatch.geo.resolve import Toponym
from wirewatch.join_keys import place_join_key
from wirewatch.model import BODY, Article, Entity, EntityType, Mention, Place
from wirewatch.names import match_key, spelling_key
from wirewatch.resources.article_parse import ArticleParse

_FACILITIES = ("airport", "military_base")


def _identity(place: Place) -> tuple[object, ...]:
    return (place.geonameid, place.lat, place.lon, place.feature, place.name)


def _context(places: Sequence[Place]) -> list[Toponym]:
    """One toponym per body place, by its gazetteer name (facilities, known by coordinates
    only, are left out)."""
    return [Toponym(p.name, 0, len(p.name)) for p in places if p.feature not in _FACILITIES]


def field_places(
    stage: PlacesAnnotator,
    article: Article,
    parses: Mapping[str, ArticleParse],
    entities: Sequence[Entity],
    places: Sequence[Place],
) -> tuple[tuple[Place, ...], tuple[Entity, ...]]:
    """``places`` and ``entities`` with the places of the article's title, subtitle and
    captions (``parses``: their parses by field name) added (see the module's doc)."""
    texts = article.extra_fields()
    context = _context(places)
    found: list[tuple[str, Toponym]] = []
    for field, parsed in parses.items():
        text = texts[field]
        first = len(context) + len(found)
        # The entities stage has read the field: what it left out, NER is not asked again.
        spans = stage.detect_in(text, entities, parsed, field, ner_fallback=False)
        for topo in toponyms(text, spans):
            if topo.container is not None:  # "X in Y" within the field: index in the joint list
                topo = dataclasses.replace(topo, container=topo.container + first)
            found.append((field, topo))
    if not found:
        return tuple(places), tuple(entities)
    country = stage.outlet_country(article.outlet)
    resolved = stage.resolver.resolve([*context, *(t for _, t in found)], country)
    out = list(places)
    index_of = {_identity(p): i for i, p in enumerate(out)}
    new_by_key: dict[tuple[int, str], int] = {}
    placed_mentions: list[tuple[Mention, int]] = []
    for (field, topo), res in zip(found, resolved[len(context):], strict=True):
        text = texts[field]
        index = _body_place(stage, places, entities, field, text, topo)
        if index is not None:
            mention = Mention(text[topo.start:topo.end], topo.start, topo.end, field)
        else:
            placed = stage.placed(text, res, field)
            if placed is None:
                continue
            key, entry, feature, name, mention = placed
            place = Place(name=name, geonameid=entry.geonameid, lat=entry.lat, lon=entry.lon,
                          country=entry.country or None, feature=feature, mentions=())
            index = index_of.get(_identity(place), new_by_key.get(key))
            if index is None:
                index = new_by_key[key] = len(out)
                out.append(place)
        out[index] = dataclasses.replace(out[index], mentions=(*out[index].mentions, mention))
        placed_mentions.append((mention, index))
    return tuple(out), _with_place_entities(entities, out, placed_mentions)


def _body_place(
    stage: PlacesAnnotator,
    places: Sequence[Place],
    entities: Sequence[Entity],
    field: str,
    text: str,
    topo: Toponym,
) -> int | None:
    """The index of the body's place a field toponym takes (see the module's doc), or None."""
    at = Mention(text[topo.start:topo.end], topo.start, topo.end, field)
    where = {(m.start, m.end): i for i, p in enumerate(places) for m in p.mentions if m.field == BODY}
    found = {
        where[(m.start, m.end)]
        for e in entities if any(_overlaps(at, m) for m in e.mentions)
        for m in e.mentions if m.field == BODY and (m.start, m.end) in where
    }
    if not found:
        spelled = spelling_key(at.text)
        found = {i for i, p in enumerate(places) for m in p.mentions
                 if m.field == BODY and spelling_key(m.text) == spelled}
    capital = any(e.capital and e.feature == "city" for e in stage.gazetteer.lookup(topo.text))
    return found.pop() if len(found) == 1 and not capital else None


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.field == b.field and a.start < b.end and b.start < a.end


def _with_place_entities(
    entities: Sequence[Entity], places: Sequence[Place], placed: Sequence[tuple[Mention, int]]
) -> tuple[Entity, ...]:
    """Each field place mention's entity: the entity that has it (a field's entity NER mistyped
    becomes a place when all its mentions are resolved places, as in the body), else the place
    entity of the same place, else a new place entity."""
    out = list(entities)
    resolved = {m for m, _ in placed}
    for i, entity in enumerate(out):
        field_only = all(m.field != BODY for m in entity.mentions)
        if field_only and not entity.id and entity.type in MISTYPED and set(entity.mentions) <= resolved:
            out[i] = dataclasses.replace(entity, type=EntityType.PLACE)
    for mention, index in placed:
        if any(_overlaps(mention, m) for e in out for m in e.mentions):
            continue
        place = places[index]
        key = place_join_key(place.geonameid, place.lat, place.lon, place.name)
        owner = next((i for i, e in enumerate(out) if e.type is EntityType.PLACE and e.join_key == key), None)
        if owner is None:
            out.append(Entity(mention.text, EntityType.PLACE, (mention,), match_key(mention.text),
                              join_key=key))
        else:
            owner_entity = out[owner]
            out[owner] = dataclasses.replace(owner_entity, mentions=(*owner_entity.mentions, mention))
    return tuple(out)
