"""Title, subtitle and captions are annotated too (issue 11): entities, places and times found
there carry their ``field`` and offsets into that text, join the body's entities and places,
and never reach quotes or claims."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pipeline_helpers import default_annotator, shared_resources
from wirewatch.annotate.fields.entities import joined
from wirewatch.model import (
    BODY,
    AnnotatedArticle,
    Article,
    Document,
    Entity,
    EntityType,
    Hints,
    InputFormat,
    Mention,
    TimeRef,
)
from wirewatch.names import match_key
from wirewatch.parse import parse_document
from wirewatch.present.geojson import places_geojson
from wirewatch.present.timeline import timeline

# An article of our own: the title names a person the body calls by surname only after the
# first mention; the caption names a town and a day the body never mentions.
TITLE = "Governor Amara Okafor pledges flood relief for the delta"
SUBTITLE = "Okafor said the state would rebuild the bridges by spring."
CAPTION = "Residents wade through a flooded street in Onitsha on August 12. (Reuters photo)"
BODY_TEXT = (
    "The governor of Anambra State, Amara Okafor, promised on Wednesday to pay for the repair "
    "of every road damaged by the floods.\n\n"
    "\"We will not leave anyone behind,\" Okafor told reporters in Awka, the state capital."
)


def _article(**changes: object) -> Article:
    fields: dict[str, object] = dict(
        id="flood-1", source="flood-1.txt", url=None, outlet=None, title=TITLE, subtitle=SUBTITLE,
        byline=None, published="2024-08-14", published_from="given", language="en",
        translated_from=None, original_outlet=None, body=BODY_TEXT, captions=(CAPTION,),
    )
    fields.update(changes)
    return Article(**fields)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def flood() -> AnnotatedArticle:
    return default_annotator()(_article())


def _in_field(mentions: tuple[Mention, ...], field: str) -> list[Mention]:
    return [m for m in mentions if m.field == field]


def test_every_mention_points_at_its_own_field(flood: AnnotatedArticle) -> None:
    mentions = [m for e in flood.entities for m in e.mentions] + [m for p in flood.places for m in p.mentions]
    assert {m.field for m in mentions} >= {BODY, "title", "caption:0"}
    for mention in mentions:
        mention.check_against(flood.article)
    for ref in flood.times:
        assert flood.article.field_text(ref.field)[ref.start : ref.end] == ref.text


def test_the_person_of_the_title_and_the_body_is_one_entity(flood: AnnotatedArticle) -> None:
    surname = match_key("Okafor")
    people = [e for e in flood.entities if e.type is EntityType.PERSON and e.key.endswith(surname)]
    assert len(people) == 1
    okafor = people[0]
    assert _in_field(okafor.mentions, BODY) and _in_field(okafor.mentions, "title")
    # The subtitle calls him by surname only: still him.
    assert [m.text for m in _in_field(okafor.mentions, "subtitle")] == ["Okafor"]
    assert okafor.mentions[0].field == BODY  # body mentions first: the id order is the body's


def test_the_caption_puts_its_town_on_the_map_and_its_day_on_the_timeline(flood: AnnotatedArticle) -> None:
    onitsha = [p for p in flood.places if _in_field(p.mentions, "caption:0")]
    assert [p.name for p in onitsha] == ["Onitsha"]
    assert onitsha[0].country == "NG"
    day = [t for t in flood.times if t.field == "caption:0"]
    assert [(t.text, t.value) for t in day] == [("August 12", "2024-08-12")]
    # The body's own times are still the body's.
    assert any(t.field == BODY and t.text == "Wednesday" for t in flood.times)


def test_quotes_and_claims_see_only_the_body(flood: AnnotatedArticle) -> None:
    """Entities and places named only outside the body come after the body's and are never a
    quote's speaker or a claim's subject."""
    body_only = default_annotator()(_article(title=None, subtitle=None, captions=()))
    assert body_only.quotes == flood.quotes
    assert body_only.claims == flood.claims
    # Ids handed out for the body do not change when the other fields are annotated.
    assert [(e.id, e.name) for e in body_only.entities] == [(e.id, e.name) for e in flood.entities][
        : len(body_only.entities)]
    assert [p.name for p in body_only.places] == [p.name for p in flood.places][: len(body_only.places)]


def test_exports_give_the_sentence_of_the_mentions_field(flood: AnnotatedArticle) -> None:
    features = places_geojson([flood])["features"]
    onitsha = next(f for f in features if f["properties"]["name"] == "Onitsha")
    [mention] = onitsha["properties"]["mentions"]
    assert mention["field"] == "caption:0"
    assert mention["sentence"].startswith("Residents wade through a flooded street in Onitsha")
    events = timeline([flood])["events"]
    caption_event = next(e for e in events if e["field"] == "caption:0")
    assert caption_event["value"] == "2024-08-12"
    assert "Onitsha on August 12" in caption_event["sentence"]
    body_event = next(e for e in events if e["field"] == BODY)
    assert body_event["sentence"] in BODY_TEXT


def test_fields_round_trip_and_old_output_reads_as_body(flood: AnnotatedArticle) -> None:
    assert AnnotatedArticle.from_dict(flood.to_dict()) == flood
    old = {"text": "Awka", "start": 3, "end": 7}
    assert Mention.from_dict(old).field == BODY
    ref = TimeRef.from_dict({"text": "May", "start": 0, "end": 3, "value": None, "precision": "month",
                             "anchor": "unresolved"})
    assert ref.field == BODY


def test_check_against_names_the_field() -> None:
    article = _article()
    at = CAPTION.index("Onitsha")
    Mention("Onitsha", at, at + 7, "caption:0").check_against(article)
    with pytest.raises(ValueError, match="caption:0"):
        Mention("Onitsha", 0, 7, "caption:0").check_against(article)
    assert article.field_text("caption:3") == ""


def test_a_title_case_headline_adds_no_entities_of_its_own() -> None:
    """Capitals in "Flood Waters Rise Across Delta As Rains Continue" say nothing of names."""
    doc = default_annotator()(_article(title="Flood Waters Rise Across Delta As Rains Continue",
                                       subtitle=None, captions=()))
    assert not [e for e in doc.entities if all(m.field == "title" for m in e.mentions)]


def test_an_ambiguous_surname_joins_no_one() -> None:
    """"Okafor" in a field with two Okafors in the body is given to neither."""
    def person(name: str, start: int) -> Entity:
        mention = Mention(name, start, start + len(name))
        return Entity(name, EntityType.PERSON, (mention,), match_key(name), id=f"e{start + 1}")

    body = (person("Amara Okafor", 0), person("Chidi Okafor", 20))
    found = Entity("Okafor", EntityType.PERSON, (Mention("Okafor", 0, 6, "title"),), match_key("Okafor"))
    assert joined(body, [(found, True)]) == body
    one = joined(body[:1], [(found, True)])
    assert [m.field for m in one[0].mentions] == [BODY, "title"]


def test_parse_has_the_fields_in_the_bodys_language() -> None:
    article = _article(title="Москва", language=None)
    parsed = shared_resources().parser(article)
    assert set(parsed.fields) == {"title", "subtitle", "caption:0"}
    # A one-word Cyrillic title of an English article is parsed as English, like its body.
    assert not parsed.fields["title"].is_russian


def test_seed_caption_puts_bagram_on_the_map_and_july_5_on_the_timeline(rewrite_path: Path) -> None:
    """The wire seed's caption: "the American military left Bagram air base in Kabul on July 5"."""
    document = Document(str(rewrite_path), rewrite_path.read_text(encoding="utf-8"), InputFormat.TEXT,
                        Hints(published="2021-07-17", language="en"))
    article = parse_document(document)
    assert any("Bagram" in c for c in article.captions)
    doc = default_annotator()(article)
    bagram = [p for p in doc.places if any(m.field.startswith("caption:") and "Bagram" in m.text
                                           for m in p.mentions)]
    assert len(bagram) == 1
    kabul = next(p for p in doc.places if p.name == "Kabul")
    assert bagram[0].country == "AF" and bagram[0].feature in ("military_base", "airport")
    assert (bagram[0].lat, bagram[0].lon) != (kabul.lat, kabul.lon)  # Bagram is not in Kabul city
    july = [t for t in doc.times if t.field.startswith("caption:") and t.text == "July 5"]
    assert [t.value for t in july] == ["2021-07-05"]
    assert any(e["text"] == "July 5" for e in timeline([doc])["events"])


def test_a_body_name_written_alike_in_a_field_is_found_where_ner_missed_it() -> None:
    """NER reads captions badly: a name written in a caption exactly as in the body is the body's
    entity; a lower-case word that happens to spell it is not."""
    from wirewatch.annotate.fields.entities import with_known_names

    mine = Entity("Kestrel Mining", EntityType.ORGANIZATION, (Mention("Kestrel Mining", 10, 24),),
                  match_key("Kestrel Mining"), id="e1")
    caption = "Workers leave the Kestrel Mining pit; kestrel mining is hard work."
    [found] = with_known_names((mine,), {"caption:0": caption})
    extra = [m for m in found.mentions if m.field == "caption:0"]
    assert [(m.text, m.start) for m in extra] == [("Kestrel Mining", caption.index("Kestrel"))]
    for mention in extra:
        mention.check_against(caption)


def test_a_datelines_place_and_date_are_annotated_in_its_own_field() -> None:
    """Regression (demo A02, A05-A08): the dateline was cut from the body and its date lost. The
    whole dateline is kept as printed and annotated as field ``dateline``."""
    text = ("Dam talks stall over summer water\n\n"
            "DUSHANBE, March 3 (Reuters) - Engineers from both countries met at the Nurek dam "
            "on Tuesday and agreed to meet again in April.")
    article = parse_document(Document("dam.txt", text, InputFormat.TEXT, Hints(published="2025-03-04")),
                             shared_resources().catalog)
    assert article.dateline == "DUSHANBE" and article.dateline_text == "DUSHANBE, March 3 (Reuters)"
    assert not article.body.startswith("DUSHANBE")
    doc = default_annotator()(article)
    dated = [(t.text, t.value) for t in doc.times if t.field == "dateline"]
    assert dated == [("March 3", "2025-03-03")]
    placed = {p.name for p in doc.places for m in p.mentions if m.field == "dateline"}
    assert placed == {"Dushanbe"}
