"""Entity ids and join keys: what other annotations and other articles refer to an entity by.

Ids (``e1``, ``e2``...) are numbered by the entities stage in order of first mention, so the same
input always gives the same ids. A later stage that merges entities keeps the surviving entity's
id; one that adds entities gives them the next free numbers, in order of first mention, so ids
stay unique and no id already handed out changes.

Join keys come from ``wirewatch.join_keys``: a place by its resolved GeoNames entry, an outlet by
its catalogue name (an outlet entity's name is the catalogue's canonical one), anything else by
the cross-script key of its name.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence

from wirewatch.join_keys import name_join_key, outlet_join_key, place_join_key
from wirewatch.model import Entity, EntityType, Place

ID_PREFIX = "e"


def _number(entity_id: str) -> int:
    digits = entity_id.removeprefix(ID_PREFIX)
    return int(digits) if entity_id.startswith(ID_PREFIX) and digits.isdigit() else 0


def numbered(entities: Sequence[Entity]) -> tuple[Entity, ...]:
    """The entities with an id each: those that have one keep it; the others, taken in the
    order given (order of first mention), get the next free numbers."""
    free = max((_number(e.id) for e in entities), default=0) + 1
    out: list[Entity] = []
    for entity in entities:
        if not entity.id:
            entity = dataclasses.replace(entity, id=f"{ID_PREFIX}{free}")
            free += 1
        out.append(entity)
    return tuple(out)


def place_of(entity: Entity, places: Sequence[Place]) -> int | None:
    """Index of the resolved place most of the entity's mentions overlap (the first such on a
    tie), or None when none of them was resolved."""
    votes = Counter(
        i
        for i, place in enumerate(places)
        for pm in place.mentions
        if any(m.field == pm.field and m.start < pm.end and pm.start < m.end for m in entity.mentions)
    )
    if not votes:
        return None
    best = max(votes.values())
    return min(i for i, n in votes.items() if n == best)


def join_key(entity: Entity, places: Sequence[Place] = ()) -> str:
    """The corpus-wide join key of one entity of an article whose resolved places are ``places``."""
    if entity.type is EntityType.OUTLET:
        return outlet_join_key(entity.name)
    if entity.type is EntityType.PLACE:
        index = place_of(entity, places)
        if index is None:
            return place_join_key(None, None, None, entity.name)
        place = places[index]
        return place_join_key(place.geonameid, place.lat, place.lon, place.name)
    return name_join_key(entity.name, entity.type)


def with_join_keys(entities: Sequence[Entity], places: Sequence[Place] = ()) -> tuple[Entity, ...]:
    """The entities with ``join_key`` set (again) from their type, name and resolved place."""
    return tuple(dataclasses.replace(e, join_key=join_key(e, places)) for e in entities)
