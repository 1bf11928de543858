"""The places stage: every place mention in the body, resolved to one GeoNames entry.

Detection uses the place entities another stage already found (``doc.entities`` of type place)
or, when there are none, the NER of the article's parse (spaCy's for English, natasha's for
Russian), which the annotator hands to every stage. Resolution (``wirewatch.geo.resolve``)
scores candidates against the whole article: the other places, the outlet's country,
population, feature class, "X in Y".

Capitals named as governments. "Washington is ready to discuss" speaks of the United States,
not of a city: a capital's mention that is not after a locative preposition and sits next to a
verb of saying or acting (``GOVERNMENT_CUES_AFTER`` / ``_BEFORE``) is resolved to its *country*
(feature "country"), merged with the country's other mentions, so no city pin is drawn for it.
Mentions of the same capital as a location ("talks in Washington") stay city pins.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping, Sequence

from wirewatch.annotate.entities.ids import numbered, with_join_keys
from wirewatch.annotate.places.entities import MISTYPED, merged_by_place, retyped, with_unnamed_places
from wirewatch.geo.detect import (
    SETTLEMENT_BEFORE,
    Span,
    gazetteer_spans,
    host_spans,
    names_a_facility,
    natasha_spans,
    spacy_hosts,
    spacy_spans,
    toponyms,
)
from wirewatch.geo.gazetteer import Gazetteer, GeoEntry
from wirewatch.geo.names import has_cyrillic
from wirewatch.geo.resolve import Resolution, Resolver
from wirewatch.model import BODY, AnnotatedArticle, Entity, EntityType, Mention, Place
from wirewatch.resources import lexicon as cues
from wirewatch.resources.article_parse import ArticleParse
from wirewatch.resources.nlp import NlpModels

# Words right after a capital that make it the government's name ("Washington has ...").
GOVERNMENT_CUES_AFTER = re.compile(
    r"^\s+(?:" + "|".join(cues.GOVERNMENT_VERBS_AFTER) + r")\b",
    re.IGNORECASE,
)
# Words right before it that make it the object of such a verb ("offered Washington an ...").
GOVERNMENT_CUES_BEFORE = re.compile(
    r"\b(?:" + "|".join(cues.GOVERNMENT_VERBS_BEFORE) + r")\s+$", re.IGNORECASE)
LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|to|from|near|into|outside|around|of|в|во|из|под|около)\s+$", re.IGNORECASE)


# Country names that are a demonym plus a tail: Kyrgyz -> Kyrgyzstan, Uzbek -> Uzbekistan.
_COUNTRY_TAILS = ("stan", "istan")
# Entity types whose mentions may name an airport or a base.
_FACILITY_TYPES = (EntityType.ORGANIZATION, EntityType.OTHER)
_LOCATIVE_BEFORE = re.compile(
    r"(?:^|\s)(?:in|at|to|from|near|into|outside|в|во|из|под|до)\s+$", re.IGNORECASE
)


# Words around a name that make it a place whatever NER said: "at Kant", "to Astana", «в Оше»;
# "the air base Kant"; "the Namangan region", "the Toktogul reservoir".
_PLACE_HEAD_AFTER = re.compile(
    r"^\s+(?:regions?|province|oblast|district|county|valley|reservoir|river|lake|airport|air\s?base)\b",
    re.IGNORECASE,
)
_FACILITY_BEFORE_EN = re.compile(r"(?:air\s?base|airport|airfield)\s+$", re.IGNORECASE)


# Types the small English model gives unfamiliar hyphenated town names.
_GUESSED_TYPES = (EntityType.ORGANIZATION, EntityType.PERSON)
# One word of capitalised parts joined by hyphens: "Tash-Kumyr", "Kara-Suu", «Таш-Кумыр».
_HYPHENATED_NAME = re.compile(r"^[A-ZА-ЯЁ][^\W\d_]+(?:-[A-ZА-ЯЁ]?[^\W\d_]+)+$")
# Words around a name that make it an organisation's: a company or institution word after it,
# or an article before it ("the Coca-Cola", towns take none).
_ORG_CUE_AFTER = re.compile(
    r"\s+(?:Inc|Ltd|LLC|Corp|Co|Group|Company|Corporation|Holding|Bank|Airlines|Motors|"
    r"Energy|Oil|Gas|Coal|Mining|Police|Council|University|Club|FC|United)\b")
_ORG_CUE_BEFORE = re.compile(r"\b(?:the|a|an)\s+$", re.IGNORECASE)


def _nominative(entity: Entity, mention: Mention) -> str | None:
    """The name to look a Russian mention up under: its entity's name, which the entities stage
    gave in the nominative («Оше» -> «Ош», «Андижанской» -> «Андижанская область»)."""
    if has_cyrillic(mention.text) and entity.name != mention.text and has_cyrillic(entity.name):
        return entity.name
    return None


def _in_place_context(body: str, mention: Mention) -> bool:
    """Whether the words around a one-word name make it a place (checked with the gazetteer)."""
    if " " in mention.text:
        return False
    before = body[max(0, mention.start - 20) : mention.start]
    return bool(
        _LOCATIVE_BEFORE.search(before)
        or SETTLEMENT_BEFORE.search(before)
        or _FACILITY_BEFORE_EN.search(before)
        or _PLACE_HEAD_AFTER.match(body[mention.end : mention.end + 20])
    )


class PlacesAnnotator:
    """Fills ``AnnotatedArticle.places`` (and retypes ``entities`` that name places).

    ``outlet_countries`` maps an outlet name (``Article.outlet``) to its ISO country code, or is a
    callable doing so; the outlet's country is one of the resolution hints. ``nlp`` gives the
    Russian morphological dictionary that normalises natasha's spans when no entity stage ran.
    """

    name = "places"
    # The entities stage's places are used when it ran before; without it the parse's NER is.
    requires = ("parse", "sentences")
    produces = ("places", "entities")

    def __init__(
        self,
        gazetteer: Gazetteer,
        nlp: NlpModels,
        outlet_countries: Mapping[str, str] | Callable[[str], str | None] | None = None,
    ) -> None:
        self.gazetteer = gazetteer
        self.resolver = Resolver(self.gazetteer)
        self._nlp = nlp
        self._outlets = outlet_countries

    def outlet_country(self, outlet: str | None) -> str | None:
        if outlet is None or self._outlets is None:
            return None
        if callable(self._outlets):
            return self._outlets(outlet)
        return self._outlets.get(outlet)

    def detect(self, doc: AnnotatedArticle, parsed: ArticleParse) -> list[Span]:
        """Place spans: the entity stage's places when present, else the parse's NER."""
        return self.detect_in(doc.article.body, doc.entities, parsed)

    def detect_in(
        self, body: str, entities: Sequence[Entity], parsed: ArticleParse, field: str = BODY,
        *, ner_fallback: bool = True,
    ) -> list[Span]:
        """Place spans of one text of the article (``field``; ``parsed`` is its parse): its
        entities' place mentions when there are any, else (with ``ner_fallback``) the parse's
        NER; names the gazetteer knows in either case."""
        named = [(e, m) for e in entities for m in e.mentions if m.field == field]
        # An airport or base tagged as an organisation ("Manas airport") is still a place.
        given = [
            Span(m.start, m.end, lemma=_nominative(e, m))
            for e, m in named
            if e.type == EntityType.PLACE
            or (e.type in _FACILITY_TYPES and names_a_facility(body, m.start, m.end))
            or (e.type in MISTYPED and _in_place_context(body, m) and self.gazetteer.lookup(m.text))
            or (e.type == EntityType.PERSON and self._names_a_state(m.text))
            or (e.type in _GUESSED_TYPES and self._names_a_town(body, e, field))
        ]
        hosts: list[tuple[int, int]] = []
        if given:
            taken_spans = {(g.start, g.end) for g in given}
            others = [(m.start, m.end) for _, m in named if (m.start, m.end) not in taken_spans]
            hosts = [(m.start, m.end) for e in entities if e.type == EntityType.ORGANIZATION
                     for m in e.mentions if m.field == field]
            spans = given
        elif not ner_fallback:
            spans, others = [], [(m.start, m.end) for _, m in named]
        elif parsed.is_russian:
            spans, others = natasha_spans(parsed.russian, self._nlp.russian["vocab"]), []
        else:
            spans, others = spacy_spans(parsed.english)
            hosts = spacy_hosts(parsed.english)
        taken = [(s.start, s.end) for s in spans] + others
        return (spans + gazetteer_spans(body, self.gazetteer, taken, parsed.sentences)
                + host_spans(body, self.gazetteer, hosts))

    def __call__(self, doc: AnnotatedArticle, parsed: ArticleParse) -> AnnotatedArticle:
        body = doc.article.body
        topos = toponyms(body, self.detect(doc, parsed))
        resolved = self.resolver.resolve(topos, self.outlet_country(doc.article.outlet))
        places = self.places(body, resolved)
        entities = with_unnamed_places(retyped(doc.entities, places), places)
        entities = merged_by_place(entities, places, self._geonameids)
        # Added place entities get fresh ids; all get their join keys from the resolved places.
        entities = with_join_keys(numbered(entities), places)
        return dataclasses.replace(doc, places=places, entities=entities)

    def _names_a_state(self, text: str) -> bool:
        """A one-word "person" that is a country's or a capital's main name ("Astana was not
        invited"): NER's metonymy mistake. Only main names of places of this weight, so that a
        surname that is also a small town's name stays a person."""
        if " " in text or not text[:1].isupper():
            return False
        return any(
            entry.name == text and (entry.feature == "country" or (entry.capital and entry.feature == "city"))
            for entry in self.gazetteer.lookup(text)
        )

    def _names_a_town(self, body: str, entity: Entity, field: str = BODY) -> bool:
        """An "organisation" or "person" whose name is one hyphenated word that is a town's main
        name ("Tash-Kumyr", "Kara-Balta"), with no word around any mention that makes it an
        organisation ("Tash-Kumyr Coal Company", "the Kara-Suu"): NER's guess at an unfamiliar
        compound. Names of more than one word (people's, firms') stay as they are."""
        name = entity.name
        if not _HYPHENATED_NAME.match(name):
            return False
        if any(_ORG_CUE_AFTER.match(body, m.end) or _ORG_CUE_BEFORE.search(body[max(0, m.start - 12):m.start])
               for m in entity.mentions if m.field == field):
            return False
        return any(e.primary and e.feature == "city" for e in self.gazetteer.lookup(name))

    def _geonameids(self, name: str) -> list[int | None]:
        """GeoNames ids of the places called ``name``, or of the country its demonym names
        ("Irish"; "Kyrgyz", "Uzbek": the country is the word with -stan/-istan)."""
        ids = [entry.geonameid for entry in self.gazetteer.lookup(name)]
        demonym = self.resolver.demonym(name)
        if demonym is not None:
            ids.append(demonym.geonameid)
        for tail in _COUNTRY_TAILS:
            ids += [e.geonameid for e in self.gazetteer.lookup(name + tail) if e.feature == "country"]
        return ids

    def places(self, body: str, resolved: list[Resolution]) -> tuple[Place, ...]:
        """Group resolved mentions into places (one per entry and feature), in order of first mention."""
        groups: dict[tuple[int, str], tuple[GeoEntry, str, str, list[Mention]]] = {}
        for res in resolved:
            placed = self.placed(body, res)
            if placed is None:
                continue
            key, entry, feature, name, mention = placed
            if key not in groups:
                groups[key] = (entry, feature, name, [])
            groups[key][3].append(mention)
        return tuple(
            Place(name=name, geonameid=entry.geonameid, lat=entry.lat, lon=entry.lon,
                  country=entry.country or None, feature=feature, mentions=tuple(mentions))
            for entry, feature, name, mentions in groups.values()
        )

    def placed(
        self, body: str, res: Resolution, field: str = BODY
    ) -> tuple[tuple[int, str], GeoEntry, str, str, Mention] | None:
        """Where one resolved mention of ``body`` (the text ``field`` names) goes: its place's
        key (one place per entry and facility kind), entry, feature and name, and the mention;
        None when it was not resolved."""
        entry = res.entry
        if entry is None:
            return None
        topo = res.toponym
        feature = topo.facility or entry.feature
        # A facility mention keeps its own words unless the gazetteer knows the facility.
        name = body[topo.start:topo.end] if topo.facility and entry.feature not in (
            "airport", "military_base") else entry.name
        if topo.facility is None and entry.capital and self._is_government(body, topo.start, topo.end):
            country = self.gazetteer.country(entry.country)
            if country is not None:
                entry, feature, name = country, "country", country.name
        key = (entry.rowid, feature if topo.facility else "")
        return key, entry, feature, name, Mention(body[topo.start:topo.end], topo.start, topo.end, field)

    @staticmethod
    def _is_government(body: str, start: int, end: int) -> bool:
        before = body[max(0, start - 25):start]
        if LOCATIVE_BEFORE.search(before):
            return False
        return bool(GOVERNMENT_CUES_AFTER.match(body[end:end + 30])
                    or GOVERNMENT_CUES_BEFORE.search(before))
