"""Small hand-made stories for the assess tests: articles of one or more sentences, each sentence
one claim, with the entities and places the claim's roles point at. Written here (not taken
from the pipeline) so each case states exactly what the annotate stage would have found."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from wirewatch.join_keys import name_join_key, outlet_join_key
from wirewatch.model import (
    AnnotatedArticle,
    Article,
    Claim,
    Entity,
    EntityType,
    Evidence,
    Mention,
    Place,
    Polarity,
    Sourcing,
    Span,
)
from wirewatch.resources.embeddings import Embedder, build_embedder

# GeoNames ids of the places the cases use (real entries; the gazetteer's own values).
PLACES = {
    "Geneva": (2660646, "CH", "city"),
    "Tashkent": (1512569, "UZ", "city"),
    "Bishkek": (1528675, "KG", "city"),
    "Kyrgyzstan": (1527747, "KG", "country"),
    "Uzbekistan": (1512440, "UZ", "country"),
}


@lru_cache(maxsize=1)
def embedder() -> Embedder:
    return build_embedder("use-multilingual-v3")


@dataclass
class S:
    """One sentence and the claim it makes. ``subject`` is an entity name (its join key computed
    the way the entities stage does), ``place`` a key of PLACES, ``speaker`` who it is
    attributed to, ``channel`` the outlet that relayed it."""

    text: str
    subject: str | None
    predicate: str
    object: str | None = None
    place: str | None = None
    time: str | None = None
    polarity: Polarity = Polarity.AFFIRMED
    sourcing: Sourcing = Sourcing.UNATTRIBUTED
    speaker: str | None = None
    speaker_type: EntityType = EntityType.PERSON
    channel: str | None = None
    subject_type: EntityType = EntityType.ORGANIZATION
    extra_entities: list[tuple[str, EntityType]] = field(default_factory=list)


def _join_key(name: str, kind: EntityType) -> str:
    if name in PLACES:
        return f"geonames:{PLACES[name][0]}"
    return outlet_join_key(name) if kind is EntityType.OUTLET else name_join_key(name, kind)


def article(article_id: str, outlet: str | None, published: str | None, sentences: list[S],
            language: str = "en", original_outlet: str | None = None) -> AnnotatedArticle:
    body = " ".join(s.text for s in sentences)
    entities: dict[tuple[str, EntityType], Entity] = {}
    places: list[Place] = []
    claims: list[Claim] = []
    spans: list[Span] = []

    def entity(name: str, kind: EntityType, start: int) -> str:
        found = body.find(name, start)
        mention = (Mention(name, found, found + len(name)),) if found >= 0 else ()
        key = (name, kind)
        if key not in entities:
            entities[key] = Entity(name, kind, mention, name.casefold(), id=f"e{len(entities) + 1}",
                                   join_key=_join_key(name, kind))
        return entities[key].id

    def place(name: str, start: int) -> int:
        geonameid, country, feature = PLACES[name]
        found = body.find(name, start)
        mention = (Mention(name, found, found + len(name)),) if found >= 0 else ()
        places.append(Place(name, geonameid, 0.0, 0.0, country, feature, mention))
        return len(places) - 1

    start = 0
    for i, s in enumerate(sentences):
        end = start + len(s.text)
        spans.append(Span(start, end))
        subject_kind = EntityType.PLACE if s.subject in PLACES else s.subject_type
        for name, kind in s.extra_entities:
            entity(name, kind, start)
        claims.append(Claim(
            id=f"{article_id}-c{i}",
            text=s.text,
            subject=s.subject,
            predicate=s.predicate,
            object=s.object,
            place=s.place,
            time=s.time,
            attributed_to=s.speaker,
            sourcing=s.sourcing,
            evidence=(Evidence(start, end),),
            subject_entity=entity(s.subject, subject_kind, start) if s.subject else None,
            attributed_entity=(entity(s.speaker, s.speaker_type, start)
                               if s.speaker and s.sourcing is not Sourcing.ANONYMOUS else None),
            place_index=place(s.place, start) if s.place else None,
            polarity=s.polarity,
            channel=s.channel,
            channel_entity=entity(s.channel, EntityType.OUTLET, start) if s.channel else None,
        ))
        start = end + 1
    return AnnotatedArticle(
        article=Article(id=article_id, source=f"{article_id}.txt", url=None, outlet=outlet, title=None,
                        subtitle=None, byline=None, published=published, published_from=None,
                        language=language, translated_from=None, original_outlet=original_outlet,
                        body=body),
        sentences=tuple(spans),
        entities=tuple(entities.values()),
        places=tuple(places),
        claims=tuple(claims),
    )


def derivation(article: str, source_article: str | None, outlet: str | None, kind: str) -> dict[str, object]:
    """A derivation record in the link package's JSON shape."""
    return {"article": article, "derived_from": {"article": source_article, "outlet": outlet},
            "kind": kind, "evidence": [], "direction": "publication order"}
