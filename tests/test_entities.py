"""The entities stage on the seeds and on Russian and mixed-script text (real spaCy, natasha)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from tests.pipeline_helpers import annotator as build_annotator
from tests.pipeline_helpers import entity_stage, parse, run_stage
from wirewatch.annotate.entities.spans import glued_repeat
from wirewatch.annotate.entities.stage import EntityAnnotator
from wirewatch.model import AnnotatedArticle, Article, Entity, EntityType
from wirewatch.names import match_key, trim_span

# Body paragraphs are the long ones; headings, captions of a few words and chrome are short.
BODY_PARAGRAPH_CHARS = 80


def make_article(body: str, language: str | None) -> Article:
    return Article(
        id="test", source="test", url=None, outlet=None, title=None, subtitle=None,
        byline=None, published=None, published_from=None, language=language,
        translated_from=None, original_outlet=None, body=body,
    )  # fmt: skip


def seed_body(path: Path) -> str:
    """From the first body paragraph to the credit line or the page chrome after the text."""
    text = path.read_text(encoding="utf-8")
    for marker in ("\nSource: ", "\nStay current"):
        if marker in text:
            text = text[: text.index(marker)]
    paragraphs = text.split("\n\n")
    first = next(i for i, p in enumerate(paragraphs) if len(p) > BODY_PARAGRAPH_CHARS)
    return "\n\n".join(paragraphs[first:]).strip()


@pytest.fixture(scope="module")
def annotator() -> EntityAnnotator:
    return entity_stage()


def entities_of(body: str, language: str | None, **outlets: str) -> tuple[Entity, ...]:
    """The entity stage's entities of ``body``, parsed as the annotator parses it."""
    return entity_stage().entities(body, parse(body, language), **outlets)


def annotate(annotator: EntityAnnotator, body: str, language: str | None) -> AnnotatedArticle:
    doc = run_stage(annotator, make_article(body, language))
    for entity in doc.entities:
        for mention in entity.mentions:
            mention.check_against(body)
    return doc


def by_key(doc: AnnotatedArticle, name: str) -> list[Entity]:
    return [e for e in doc.entities if e.key == match_key(name)]


def the_entity(doc: AnnotatedArticle, name: str) -> Entity:
    found = by_key(doc, name)
    assert len(found) == 1, (name, [(e.name, e.type) for e in doc.entities])
    return found[0]


@pytest.fixture(scope="module")
def scoop(annotator: EntityAnnotator, scoop_path: Path) -> AnnotatedArticle:
    return annotate(annotator, seed_body(scoop_path), "en")


@pytest.fixture(scope="module")
def rewrite(annotator: EntityAnnotator, rewrite_path: Path) -> AnnotatedArticle:
    return annotate(annotator, seed_body(rewrite_path), "en")


def covered(entity: Entity, start: int, end: int) -> bool:
    return any(m.start <= start and end <= m.end for m in entity.mentions)


def test_stage_protocol(annotator: EntityAnnotator) -> None:
    assert annotator.name == "entities"
    doc = build_annotator([annotator])(make_article("Reuters reported that Joe Biden spoke.", "en"))
    assert isinstance(doc, AnnotatedArticle)
    assert {e.name for e in doc.entities} >= {"Reuters", "Joe Biden"}


def test_scoop_people(scoop: AnnotatedArticle) -> None:
    body = scoop.article.body
    lavrov = the_entity(scoop, "Sergei Lavrov")
    assert lavrov.type is EntityType.PERSON
    assert lavrov.name == "Sergei Lavrov"
    occurrences = [m.span() for m in re.finditer(r"\bLavrov\b", body)]
    assert occurrences and all(covered(lavrov, s, e) for s, e in occurrences)
    for name in (
        "Vladimir Putin", "Joe Biden", "Shavkat Mirziyoyev", "Zalmay Khalilzad",
        "Ashraf Ghani", "Anthony Blinken",
    ):  # fmt: skip
        entity = the_entity(scoop, name)
        assert entity.type is EntityType.PERSON, entity
        assert entity.name == name
        surname = name.split()[-1]
        assert all(surname in m.text for m in entity.mentions)


def test_scoop_outlets(scoop: AnnotatedArticle) -> None:
    body = scoop.article.body
    for name in ("Kommersant", "Bloomberg", "Reuters"):
        entity = the_entity(scoop, name)
        assert entity.type is EntityType.OUTLET
    kommersant = the_entity(scoop, "Kommersant")
    occurrences = [m.span() for m in re.finditer(r"\bKommersant\b", body)]
    assert all(covered(kommersant, s, e) for s, e in occurrences)
    # Possessives are outside the mention: "Kommersant’s sources" -> "Kommersant".
    assert all(not m.text.endswith(("s", "’", "'")) for m in kommersant.mentions)
    assert "Kommersant’s" in body


def test_entities_sorted_and_mentions_ordered(scoop: AnnotatedArticle) -> None:
    firsts = [e.mentions[0].start for e in scoop.entities]
    assert firsts == sorted(firsts)
    for entity in scoop.entities:
        starts = [m.start for m in entity.mentions]
        assert starts == sorted(starts)
        assert all(a.end <= b.start for a, b in itertools.pairwise(entity.mentions))


def test_no_bare_nationality_adjectives(scoop: AnnotatedArticle) -> None:
    names = {e.name for e in scoop.entities}
    assert "Russian" not in names and "Afghans" not in names and "American" not in names


def test_acronym_joins_long_form(scoop: AnnotatedArticle) -> None:
    csto = the_entity(scoop, "Collective Security Treaty Organization")
    assert csto.type is EntityType.ORGANIZATION
    assert "CSTO" in {m.text for m in csto.mentions}
    assert not any(e.name == "CSTO" for e in scoop.entities)


def test_rewrite_surnames_join_full_names(rewrite: AnnotatedArticle) -> None:
    lavrov = the_entity(rewrite, "Sergei Lavrov")
    assert lavrov.type is EntityType.PERSON
    assert {m.text for m in lavrov.mentions} == {"Sergei Lavrov", "Lavrov"}
    biden = the_entity(rewrite, "Joe Biden")
    assert "Biden" in {m.text for m in biden.mentions}
    assert the_entity(rewrite, "Kommersant").type is EntityType.OUTLET
    assert the_entity(rewrite, "Associated Press").type is EntityType.OUTLET
    assert not by_key(rewrite, "Lavrov") and not by_key(rewrite, "Biden")


def test_titles_stripped_from_person_mentions(annotator: EntityAnnotator) -> None:
    body = "Russian Foreign Minister Sergei Lavrov met President Vladimir Putin. Lavrov's aide spoke."
    doc = annotate(annotator, body, "en")
    lavrov = the_entity(doc, "Sergei Lavrov")
    assert {m.text for m in lavrov.mentions} == {"Sergei Lavrov", "Lavrov"}
    assert the_entity(doc, "Vladimir Putin").mentions[0].text == "Vladimir Putin"


RUSSIAN = (
    "Министр иностранных дел России Сергей Лавров заявил, что миссия США в Афганистане "
    "провалилась. Лаврову возразил госсекретарь США Энтони Блинкен. Как сообщила газета "
    "«Коммерсантъ», Владимир Путин предложил Джо Байдену использовать российские базы. "
    "Об этом «Коммерсанту» рассказали источники. Президент Узбекистана Шавкат Мирзиёев "
    "встретился с Сергеем Лавровым в Ташкенте. Организация Договора о коллективной "
    "безопасности (ОДКБ) готова помочь, сообщает ТАСС."
)


def test_russian_nominative_names(annotator: EntityAnnotator) -> None:
    doc = annotate(annotator, RUSSIAN, "ru")
    lavrov = the_entity(doc, "Сергей Лавров")
    assert lavrov.name == "Сергей Лавров" and lavrov.type is EntityType.PERSON
    assert {"Лаврову", "Сергеем Лавровым"} <= {m.text for m in lavrov.mentions}
    assert the_entity(doc, "Джо Байден").name == "Джо Байден"
    assert the_entity(doc, "Шавкат Мирзиёев").name == "Шавкат Мирзиёев"
    kommersant = the_entity(doc, "Kommersant")
    assert kommersant.type is EntityType.OUTLET and len(kommersant.mentions) == 2
    assert the_entity(doc, "TASS").type is EntityType.OUTLET
    assert the_entity(doc, "Ташкент").name == "Ташкент"
    csto = the_entity(doc, "Организация Договора о коллективной безопасности")
    assert "ОДКБ" in {m.text for m in csto.mentions}


def test_mixed_script_mentions_merge(annotator: EntityAnnotator) -> None:
    body = RUSSIAN + " Агентство Reuters процитировало слова Lavrov о базах."
    doc = annotate(annotator, body, "ru")
    lavrov = the_entity(doc, "Sergei Lavrov")
    assert lavrov.name == "Сергей Лавров"
    assert "Lavrov" in {m.text for m in lavrov.mentions}
    assert "Lavrov" in lavrov.aliases
    english = "Sergei Lavrov spoke in Tashkent. The minister, Лавров in Russian, left."
    doc = annotate(annotator, english, "en")
    lavrov = the_entity(doc, "Sergei Lavrov")
    assert "Лавров" in {m.text for m in lavrov.mentions}


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Сергей Лавров", "Sergei Lavrov"),
        ("Сергей Лавров", "Sergey Lavrov"),
        ("Шавкат Мирзиёев", "Shavkat Mirziyoyev"),
        ("Шавкат Мирзиеев", "Shavkat Mirziyoyev"),
        ("Ашраф Гани", "Ashraf Ghani"),
        ("Энтони Блинкен", "Anthony Blinken"),
        ("Залмай Халилзад", "Zalmay Khalilzad"),
        ("Джо Байден", "Joe Biden"),
        ("Владимир Зеленский", "Volodymyr Zelenskyy"),
        ("Мария Захарова", "Maria Zakharova"),
        ("Садыр Жапаров", "Sadyr Japarov"),
        ("Коммерсантъ", "Kommersant"),
        ("Вашингтон", "Washington"),
    ],
)
def test_keys_equal_across_scripts(cyrillic: str, latin: str) -> None:
    assert match_key(cyrillic) == match_key(latin)
    assert match_key(latin) == match_key(latin).lower()


@pytest.mark.parametrize(
    ("a", "b"),
    [("Sergei Lavrov", "Sergei Shoigu"), ("South", "State"), ("NATO", "EU"), ("Putin", "Biden")],
)
def test_keys_differ_for_different_names(a: str, b: str) -> None:
    assert match_key(a) != match_key(b)


@pytest.mark.parametrize(
    ("text", "expected", "titles"),
    [
        ("Kommersant’s", "Kommersant", False),
        ("Kommersant's", "Kommersant", False),
        ("Reuters'", "Reuters", False),
        ("the Collective Security Treaty Organization", "Collective Security Treaty Organization",
         False),
        ("Russian Foreign Minister Sergei Lavrov", "Sergei Lavrov", True),
        ("US Secretary of State Anthony Blinken", "Anthony Blinken", True),
        ("«Коммерсантъ»", "Коммерсантъ", False),
    ],
)  # fmt: skip
def test_trim_span(text: str, expected: str, titles: bool) -> None:
    body = f"x {text} y"
    start, end = trim_span(body, 2, 2 + len(text), strip_titles=titles)
    assert body[start:end] == expected


def test_other_scripts_get_outlets_only(annotator: EntityAnnotator) -> None:
    doc = annotate(annotator, "据路透社报道, Reuters 称 Joe Biden 将访问北京。", "zh")
    assert [(e.name, e.type) for e in doc.entities] == [("Reuters", EntityType.OUTLET)]


def test_language_guessed_from_script(annotator: EntityAnnotator) -> None:
    doc = annotate(annotator, RUSSIAN, None)
    assert the_entity(doc, "Сергей Лавров").type is EntityType.PERSON


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("The Russian business daily Novaya Gorka reported the offer on Tuesday.", "Novaya Gorka"),
        ("Officials spoke to the news agency Kestrel Press on Monday.", "Kestrel Press"),
        ("Об этом сообщила газета «Северная звезда» со ссылкой на источники.", "Северная звезда"),
        # The kind after the name, with describing words between.
        ("The Delovoy Vestnik business daily reported on Monday that talks took place.", "Delovoy Vestnik"),
        ("Officials told the Kestrel Press state news agency that talks took place.", "Kestrel Press"),
    ],
)
def test_outlets_the_catalogue_lacks_are_recognised_by_their_description(body: str, name: str) -> None:
    """An outlet named after "daily", "news agency" or «газета» is an outlet, not an organisation."""
    language = "ru" if any("а" <= c <= "я" for c in body) else "en"
    entities = entities_of(body, language)
    outlet = next(e for e in entities if name in e.name or e.name in name)
    assert outlet.type is EntityType.OUTLET


def test_a_nationality_before_newspaper_is_not_an_outlet() -> None:
    entities = entities_of("A Russian newspaper said Sergei Lavrov met Joe Biden.", "en")
    assert not any(e.type is EntityType.OUTLET for e in entities)


@pytest.mark.parametrize(
    "body",
    [
        "Sergei Lavrov said the newspaper had lied about the talks.",  # a verb between: no outlet
        "On Monday Joe Biden daily briefings resumed in Washington.",
    ],
)
def test_a_person_before_an_outlet_word_stays_a_person(body: str) -> None:
    entities = entities_of(body, "en")
    assert not any(e.type is EntityType.OUTLET for e in entities)


def test_a_described_outlet_does_not_take_the_nationality_before_it() -> None:
    body = "Officials told the Russian Kestrel Press news agency that talks took place."
    entities = entities_of(body, "en")
    outlet = next(e for e in entities if e.type is EntityType.OUTLET)
    assert outlet.name == "Kestrel Press"



def test_a_described_outlet_keeps_its_full_name_everywhere() -> None:
    """Regression: NER tagged "Vestnik" of "the business daily Delovoy Vestnik" as a person, and
    again in "According to Delovoy Vestnik"; both are the outlet "Delovoy Vestnik"."""
    body = ("Russia offered a deal, the Russian business daily Delovoy Vestnik reported on Wednesday. "
            "According to Delovoy Vestnik, the sides aim to sign a memorandum in Tashkent.")
    entities = entities_of(body, "en")
    outlet = next(e for e in entities if e.type is EntityType.OUTLET)
    assert outlet.name == "Delovoy Vestnik" and len(outlet.mentions) == 2
    assert not any(e.type is EntityType.PERSON and "Vestnik" in e.name for e in entities)


def test_a_person_behind_a_title_ner_took_for_an_organisation() -> None:
    body = (
        "Arkady Vostrikov flew to Bishkek on Thursday, landing at Manas International Airport, and the "
        "next day held a many-hour meeting with the Minister of Energy of Kyrgyzstan Bakyt Sydykbekov "
        "and the Minister of Water Management of Uzbekistan Farrukh Alimdzhanov. Yesterday, the "
        "Minister of Energy of Kyrgyzstan Bakyt Sydykbekov did not confirm the report."
    )
    entities = entities_of(body, "en")
    person = next(e for e in entities if e.name == "Bakyt Sydykbekov")
    assert person.type is EntityType.PERSON and len(person.mentions) == 2
    assert not any("Minister" in e.name for e in entities)


def test_a_name_ner_cut_in_two_is_joined_where_the_article_names_it_whole() -> None:
    body = (
        "Plans linking Central and South Asia must take the situation into account. "
        "The conference on Central and South Asia took place in Tashkent."
    )
    entities = entities_of(body, "en")
    region = next(e for e in entities if e.name == "Central and South Asia")
    assert len(region.mentions) == 2
    assert not any(e.name in ("Central", "South Asia") for e in entities)


def test_the_portfolio_in_a_title_is_no_organisation() -> None:
    body = "On July 1, US Secretary of State Anthony Blinken met the Minister of Energy in Washington."
    entities = entities_of(body, "en")
    assert not any(e.name in ("State", "Energy") for e in entities)
    assert any(e.name == "Anthony Blinken" for e in entities)


def test_the_portfolio_before_a_title_is_no_organisation() -> None:
    body = (
        "Speaking in Bishkek yesterday, Kyrgyz Energy Minister Bakyt Sydykbekov denied the report. "
        "The document, signed by Deputy Energy Minister Ruslan Imanaliev, names no one."
    )
    entities = entities_of(body, "en")
    assert not any("Energy" in e.name for e in entities)
    assert {"Bakyt Sydykbekov", "Ruslan Imanaliev"} <= {e.name for e in entities}


def test_the_articles_own_outlet_is_an_outlet() -> None:
    """An uncatalogued outlet's own article names it without describing it («Деловому
    вестнику»): the article's outlet says what it is, and «издания» then points at it."""
    from tests.attribution_helpers import annotate as annotate_all
    from tests.attribution_helpers import make_article

    body = (
        "Как стало известно «Деловому вестнику», министр прилетел в Бишкек. "
        "По информации издания, встреча прошла в пятницу."
    )
    doc = annotate_all(make_article(body, language="ru", outlet="Деловой вестник"))
    outlet = next(e for e in doc.entities if e.type is EntityType.OUTLET)
    assert outlet.name == "Деловой вестник"
    assert any(q.speaker == "Деловой вестник" for q in doc.quotes)
    assert doc.citations == ()  # an outlet naming itself cites no one


def test_a_translations_original_outlet_is_found_by_its_initials() -> None:
    from tests.attribution_helpers import annotate as annotate_all
    from tests.attribution_helpers import make_article

    body = (
        "According to the interlocutors of “DV”, the scheme looks like this. "
        "On Saturday, Mr. Vostrikov, according to “DV”, visited the air base."
    )
    doc = annotate_all(make_article(body, translated_from="ru", original_outlet="Delovoy Vestnik"))
    outlet = next(e for e in doc.entities if e.type is EntityType.OUTLET)
    assert (outlet.name, outlet.aliases, len(outlet.mentions)) == ("Delovoy Vestnik", ("DV",), 2)
    assert {c.outlet for c in doc.citations if c.start is not None} == {"Delovoy Vestnik"}


def test_common_initials_are_not_taken_for_an_outlet() -> None:
    entities = entities_of(
        "The US and the EU met in Geneva.", "en", original_outlet="Ukrainska Svitlo"
    )
    assert not any(e.type is EntityType.OUTLET for e in entities)


def test_covered_spans_overlap_as_a_scan_would() -> None:
    """Regression guard for step 5's speed-up (covered mentions looked up by bisection instead
    of a scan per word): overlap must agree with the scan, nested and empty spans included."""
    from wirewatch.annotate.entities.stage import _Spans

    spans = [(10, 20), (12, 14), (30, 31), (40, 40), (5, 60), (70, 90), (75, 80)]
    for subset in (spans, spans[:4], spans[1:2], []):
        covered = _Spans(list(subset))
        for start, end in itertools.product(range(0, 95, 3), range(1, 96, 4)):
            expected = any(s < end and start < e for s, e in subset)
            assert covered.overlap(start, end) == expected, (subset, start, end)


# -- issue 11: a name glued to a repeat of itself -----------------------------------------------

@pytest.mark.parametrize(
    ("name", "cut"),
    [
        ("Kristi NoemKristi Noem", 11),
        ("Kristi NoemKristi", 11),
        ("Дмитрий ПесковДмитрий Песков", 14),
        ("Ronald McDonald", None),  # a capital inside a surname is no glue
        ("Ron DeSantis", None),
        ("JoAnn Smith", None),
        ("Ann Smith-Ann", None),
    ],
)
def test_glued_repeat(name: str, cut: int | None) -> None:
    assert glued_repeat(name) == cut


@pytest.mark.parametrize(
    ("body", "name"),
    [
        # Issue 11: a caption's name run into the text's by the page markup.
        ("Homeland Security Secretary Kristi NoemKristi Noem said on Monday that the border "
         "would stay open.", "Kristi Noem"),
        ("Energy minister Bakyt SydykbekovBakyt Sydykbekov told reporters the talks would go on "
         "in Bishkek.", "Bakyt Sydykbekov"),
    ],
)
def test_a_name_glued_to_its_repeat_is_cleaned(annotator: EntityAnnotator, body: str, name: str) -> None:
    doc = annotate(annotator, body, "en")
    person = the_entity(doc, name)
    assert person.name == name and person.type == EntityType.PERSON
    assert all(m.text == name for m in person.mentions)
    assert not any(name.split()[-1] + name.split()[0] in e.name for e in doc.entities)
