"""Entity ids: numbered once, kept through the places stage's merges, referred to by speakers."""

from __future__ import annotations

from wirewatch.annotate.attribution.speakers import SpeakerResolver
from wirewatch.annotate.entities.ids import join_key, numbered, with_join_keys
from wirewatch.annotate.places.entities import merged_by_place, with_unnamed_places
from wirewatch.model import Entity, EntityType, Mention, Place, SpeakerType
from wirewatch.names import match_key

BODY = "Россия и РФ. Кремль заявил, что Россия готова. Минск молчит."
RUSSIA_ID = 2017370


def _mentions(*forms: str) -> tuple[Mention, ...]:
    out = []
    for form in forms:
        start = BODY.find(form)
        while start >= 0:
            out.append(Mention(form, start, start + len(form)))
            start = BODY.find(form, start + 1)
    return tuple(sorted(out, key=lambda m: m.start))


def _entity(name: str, etype: EntityType, *forms: str) -> Entity:
    return Entity(name, etype, _mentions(*forms), match_key(name))


def _russia() -> Place:
    return Place("Russia", RUSSIA_ID, 60.0, 100.0, "RU", "country", _mentions("Россия", "РФ"))


def test_numbered_in_order_given_and_existing_ids_kept() -> None:
    entities = [_entity(n, EntityType.PERSON, n) for n in ("Россия", "РФ", "Кремль")]
    first = numbered(entities)
    assert [e.id for e in first] == ["e1", "e2", "e3"]
    assert numbered(first) == first
    added = _entity("Минск", EntityType.PLACE, "Минск")
    assert [e.id for e in numbered([first[0], first[2], added])] == ["e1", "e3", "e4"]  # no reuse


def test_a_merged_place_keeps_the_leading_entity_id_and_an_added_one_gets_a_fresh_id() -> None:
    entities = numbered([
        _entity("Россия", EntityType.PLACE, "Россия"),
        _entity("РФ", EntityType.PLACE, "РФ"),
        _entity("Кремль", EntityType.ORGANIZATION, "Кремль"),
    ])  # fmt: skip
    minsk = Place("Minsk", 625144, 53.9, 27.57, "BY", "city", _mentions("Минск"))
    places = (_russia(), minsk)

    def ids_of(name: str) -> list[int | None]:
        return [RUSSIA_ID] if name in ("Россия", "РФ") else []

    merged = merged_by_place(with_unnamed_places(entities, places), places, ids_of)
    out = with_join_keys(numbered(merged), places)
    by_name = {e.name: e for e in out}
    assert set(by_name) == {"Россия", "Кремль", "Минск"}
    assert by_name["Россия"].id == "e1" and by_name["Россия"].aliases == ("РФ",)
    assert len(by_name["Россия"].mentions) == 3
    assert by_name["Кремль"].id == "e3" and by_name["Минск"].id == "e4"
    assert by_name["Россия"].join_key == f"geonames:{RUSSIA_ID}"
    assert by_name["Минск"].join_key == "geonames:625144"


def test_join_keys_by_type() -> None:
    outlet = Entity("Kommersant", EntityType.OUTLET, (Mention("x", 0, 1),), "kmrsnt")
    assert join_key(outlet).startswith("outlet:kommersant")
    unresolved = _entity("Минск", EntityType.PLACE, "Минск")
    assert join_key(unresolved).startswith("place:")
    person = _entity("Кремль", EntityType.PERSON, "Кремль")
    assert join_key(person).startswith("person:")


def test_speakers_keep_the_entity_they_resolve_to() -> None:
    body = "Foreign Minister Sergei Lavrov arrived. He said talks went well. The minister added more."
    lavrov = Entity("Sergei Lavrov", EntityType.PERSON, (Mention("Sergei Lavrov", 17, 30),), "lvrv", id="e7")
    assert body[17:30] == "Sergei Lavrov"
    resolver = SpeakerResolver(body, [lavrov])
    pronoun = body.index("He said")
    assert resolver.resolve(pronoun, pronoun + 2).entity == "e7"
    title = body.index("The minister")
    speaker = resolver.resolve(title, title + len("The minister"))
    assert (speaker.name, speaker.type, speaker.entity) == ("Sergei Lavrov", SpeakerType.NAMED_PERSON, "e7")
    # An unnumbered entity (no entity stage ran) is referred to by no id.
    plain = SpeakerResolver(body, [Entity("Sergei Lavrov", EntityType.PERSON, lavrov.mentions, "lvrv")])
    assert plain.resolve(pronoun, pronoun + 2).entity is None


def test_an_unnamed_organisation_speaker_has_no_entity() -> None:
    body = "The government said it would wait."
    speaker = SpeakerResolver(body, []).resolve(0, len("The government"))
    assert speaker.type is SpeakerType.ORGANIZATION and speaker.name == "government"
    assert speaker.entity is None
