"""Russian NER (real natasha): spans cut at brackets, names the grammar garbles refused."""

from __future__ import annotations

import pytest

from tests.pipeline_helpers import entity_stage, parse, shared_resources
from wirewatch.annotate.entities.ru import RussianNer, _follows_surface
from wirewatch.annotate.entities.stage import EntityAnnotator
from wirewatch.model import EntityType


@pytest.fixture(scope="module")
def ner() -> RussianNer:
    return RussianNer(shared_resources().nlp)


@pytest.fixture(scope="module")
def annotator() -> EntityAnnotator:
    return entity_stage()


BRACKETED = (
    "Правозащитники потребовали освободить журналиста Джошуа Вольфа (Joshua Wolf), "
    "которого задержали в Сан-Франциско."
)


def test_span_with_original_spelling_is_cut_at_brackets(ner: RussianNer) -> None:
    mentions = ner(BRACKETED, parse(BRACKETED, "ru").russian)
    surfaces = [BRACKETED[m.start : m.end] for m in mentions]
    assert not any("(" in s or ")" in s for s in surfaces)
    assert "Джошуа Вольфа" in surfaces and "Joshua Wolf" in surfaces
    wolf = next(m for m in mentions if BRACKETED[m.start : m.end] == "Джошуа Вольфа")
    assert wolf.normal == "Джошуа Вольф"  # each piece is still normalised by morphology


def test_bracketed_spelling_joins_the_person(annotator: EntityAnnotator) -> None:
    people = [e for e in annotator.entities(BRACKETED, parse(BRACKETED, "ru")) if e.type is EntityType.PERSON]
    assert len(people) == 1
    assert people[0].name == "Джошуа Вольф"
    assert {m.text for m in people[0].mentions} == {"Джошуа Вольфа", "Joshua Wolf"}


def test_name_with_acronym_stays_whole_for_the_stage(annotator: EntityAnnotator) -> None:
    body = "Страны Организации Договора о коллективной безопасности (ОДКБ) провели учения."
    orgs = [e for e in annotator.entities(body, parse(body, "ru")) if e.type is EntityType.ORGANIZATION]
    assert len(orgs) == 1
    assert "ОДКБ" in {m.text for m in orgs[0].mentions}


def test_reordered_grammar_name_is_refused(annotator: EntityAnnotator) -> None:
    # natasha's names grammar reads an unknown Japanese name backwards ("Харада Синдзи").
    body = "В Токио министр Синдзи Харада заявил журналистам, что визит состоится."
    people = [e for e in annotator.entities(body, parse(body, "ru")) if e.type is EntityType.PERSON]
    assert [p.name for p in people] == ["Синдзи Харада"]


@pytest.mark.parametrize(
    ("name", "surface", "expected"),
    [
        ("Сергей Лавров", "Сергея Лаврова", True),
        ("Сергей Лавров", "Сергея  Лаврова,", True),
        ("Харада Синдзи", "Синдзи Харада", False),
        ("Кими", "Кими Райкконена", False),
        ("А Кудрин", "А. Кудрин", True),
    ],
)
def test_follows_surface(name: str, surface: str, expected: bool) -> None:
    assert _follows_surface(name, surface) is expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # The tagger reads the name as a masculine genitive agreeing with «ведомства»; the
        # feminine verb and the apposition to the subject say it is a woman in the nominative.
        ("Об этом заявила пресс-секретарь ведомства Дилноза Рахимова.", "Дилноза Рахимова"),
        ("Заявление сделала Дилноза Рахимова.", "Дилноза Рахимова"),
        # A genitive name stays a genitive to normalise, whatever the parse attaches it to.
        ("Об этом сообщил помощник министра Сергея Лаврова.", "Сергей Лавров"),
        ("Об этом заявил пресс-секретарь президента Дмитрий Песков.", "Дмитрий Песков"),
        # natasha runs the ministry into the name: the span is cut to the name's own phrase.
        ("Пресс-секретарь узбекского Минводхоза Дилноза Рахимова заявила об этом.", "Дилноза Рахимова"),
        # Tagged nominative, but no nominative ends in -овым: an unfamiliar name, declined.
        ("Он встретился с министром водного хозяйства Фаррухом Алимджановым.", "Фаррух Алимджанов"),
        ("Он встретился с Анной Петровой.", "Анна Петрова"),
    ],
)
def test_feminine_names_in_subject_position_stay_feminine(ner: RussianNer, text: str, name: str) -> None:
    people = [m.normal for m in ner(text, parse(text, "ru").russian) if m.label is EntityType.PERSON]
    assert people == [name]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Adjectives sharing one noun: each is a place of its own, named in the singular.
        ("Обстрелы продолжаются в Донецкой и Луганской областях.", ["Донецкая область", "Луганская область"]),
        (
            "Графики подачи воды в Андижанскую, Наманганскую и Ферганскую области согласованы.",
            ["Андижанская область", "Наманганская область", "Ферганская область"],
        ),
        # Plural names stay plural, their adjectives agreeing with the noun.
        ("Делегация Соединённых Штатов прибыла.", ["Соединённые Штаты"]),
        ("На Курильских островах прошли учения.", ["Курильские острова"]),
        ("Он посетил Херсонскую область.", ["Херсонская область"]),
        # One-word places natasha leaves declined, read from the dictionary's place names.
        ("Раздел воды Нарына и Сырдарьи остаётся болезненным вопросом.", ["Нарын", "Сырдарья"]),
        ("Источник в правительстве РФ сообщил об этом.", ["РФ"]),  # abbreviations do not decline
    ],
)
def test_adjectival_place_names_are_normalised(ner: RussianNer, text: str, names: list[str]) -> None:
    places = [m.normal for m in ner(text, parse(text, "ru").russian) if m.label is EntityType.PLACE]
    assert places == names


def test_quoted_name_inside_an_entity_keeps_its_closing_mark(annotator: EntityAnnotator) -> None:
    text = "Москва готова профинансировать достройку ГЭС «Нарын-4» на территории Киргизии."
    names = [e.name for e in annotator.entities(text, parse(text, "ru"))]
    assert "ГЭС «Нарын-4»" in names
