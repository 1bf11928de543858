"""Russian NER (real natasha): spans cut at brackets, names the grammar garbles refused."""

from __future__ import annotations

import pytest

from wirewatch.annotate.entities import EntityAnnotator
from wirewatch.annotate.ner_ru import RussianNer, _follows_surface
from wirewatch.model import EntityType


@pytest.fixture(scope="module")
def ner() -> RussianNer:
    return RussianNer()


@pytest.fixture(scope="module")
def annotator() -> EntityAnnotator:
    return EntityAnnotator()


BRACKETED = (
    "Правозащитники потребовали освободить журналиста Джошуа Вольфа (Joshua Wolf), "
    "которого задержали в Сан-Франциско."
)


def test_span_with_original_spelling_is_cut_at_brackets(ner: RussianNer) -> None:
    mentions = ner(BRACKETED)
    surfaces = [BRACKETED[m.start : m.end] for m in mentions]
    assert not any("(" in s or ")" in s for s in surfaces)
    assert "Джошуа Вольфа" in surfaces and "Joshua Wolf" in surfaces
    wolf = next(m for m in mentions if BRACKETED[m.start : m.end] == "Джошуа Вольфа")
    assert wolf.normal == "Джошуа Вольф"  # each piece is still normalised by morphology


def test_bracketed_spelling_joins_the_person(annotator: EntityAnnotator) -> None:
    people = [e for e in annotator.entities(BRACKETED, "ru") if e.type is EntityType.PERSON]
    assert len(people) == 1
    assert people[0].name == "Джошуа Вольф"
    assert {m.text for m in people[0].mentions} == {"Джошуа Вольфа", "Joshua Wolf"}


def test_name_with_acronym_stays_whole_for_the_stage(annotator: EntityAnnotator) -> None:
    body = "Страны Организации Договора о коллективной безопасности (ОДКБ) провели учения."
    orgs = [e for e in annotator.entities(body, "ru") if e.type is EntityType.ORGANIZATION]
    assert len(orgs) == 1
    assert "ОДКБ" in {m.text for m in orgs[0].mentions}


def test_reordered_grammar_name_is_refused(annotator: EntityAnnotator) -> None:
    # natasha's names grammar reads an unknown Japanese name backwards ("Харада Синдзи").
    body = "В Токио министр Синдзи Харада заявил журналистам, что визит состоится."
    people = [e for e in annotator.entities(body, "ru") if e.type is EntityType.PERSON]
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
