"""Citations: which outlets an article attributes its information to, and how."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.attribution_helpers import make_article, seed_article
from tests.pipeline_helpers import citation_stage, run_stage
from wirewatch.annotate.citations.stage import CitationAnnotator
from wirewatch.model import Article, Citation, CitationKind


@pytest.fixture(scope="module")
def stage() -> CitationAnnotator:
    return citation_stage()


def _cite(stage: CitationAnnotator, article: Article) -> tuple[Citation, ...]:
    return run_stage(stage, article).citations


def test_scoop_citations(stage: CitationAnnotator, scoop_path: Path) -> None:
    article = seed_article(scoop_path)
    found = _cite(stage, article)
    kinds = {(c.outlet, c.kind) for c in found}
    assert ("Kommersant", CitationKind.CREDIT) in kinds
    assert ("Bloomberg", CitationKind.REPORTED) in kinds
    assert ("Reuters", CitationKind.REPORTED) in kinds
    # "Bloomberg and Reuters, citing sources, reported" is two citations, one per outlet.
    joint = [c for c in found if c.start is not None and "citing sources, reported" in c.text]
    assert {c.outlet for c in joint} == {"Bloomberg", "Reuters"}
    assert any(c.text == "As Kommersant wrote" for c in found)
    credit = next(c for c in found if c.kind == CitationKind.CREDIT)
    assert credit.start is None and credit.end is None and credit.text == "Source: Kommersant"
    for c in found:
        if c.start is not None and c.end is not None:
            assert article.body[c.start : c.end] == c.text


def test_rewrite_cites_kommersant_and_reuters(stage: CitationAnnotator, rewrite_path: Path) -> None:
    found = _cite(stage, seed_article(rewrite_path))
    texts = {c.text: c for c in found}
    assert texts["the Kommersant newspaper reported"].outlet == "Kommersant"
    assert texts["Reuters reported"].kind == CitationKind.REPORTED
    assert "Associated Press" not in {c.outlet for c in found}  # "(AP pic)" is a photo credit


def test_mentions_that_are_not_citations(stage: CitationAnnotator) -> None:
    body = "Zalmay Khalilzad refused to give Kommersant a comment. He told Reuters nothing."
    assert _cite(stage, make_article(body)) == ()


def test_citing_and_translation(stage: CitationAnnotator) -> None:
    article = make_article(
        "The ministry denied the report, Interfax said, citing TASS.",
        translated_from="ru",
        original_outlet="Коммерсантъ",
    )
    found = _cite(stage, article)
    assert ("Interfax", CitationKind.REPORTED) in {(c.outlet, c.kind) for c in found}
    assert ("TASS", CitationKind.CITING) in {(c.outlet, c.kind) for c in found}
    origin = next(c for c in found if c.kind == CitationKind.TRANSLATED_FROM)
    assert origin.outlet == "Kommersant" and origin.start is None


def test_russian_citations(stage: CitationAnnotator) -> None:
    body = (
        "Как сообщил „Коммерсантъ“, Путин предложил США использовать базы. "
        "Переговоры продолжаются, по данным Reuters. "
        "РБК со ссылкой на ТАСС пишет, что ответа нет."
    )
    found = _cite(stage, make_article(body, language="ru", credits=("Источник: Коммерсантъ",)))
    kinds = {(c.outlet, c.kind) for c in found}
    assert ("Kommersant", CitationKind.REPORTED) in kinds
    assert ("Reuters", CitationKind.REPORTED) in kinds
    assert ("TASS", CitationKind.CITING) in kinds
    assert ("Kommersant", CitationKind.CREDIT) in kinds
    reported = next(c for c in found if c.outlet == "Kommersant" and c.start is not None)
    assert reported.text == "Как сообщил „Коммерсантъ“"


def test_outlet_with_describing_words_before_the_verb(stage: CitationAnnotator) -> None:
    body = "The Kommersant business daily reported on Wednesday, citing sources, that talks took place."
    found = _cite(stage, make_article(body))
    assert [(c.outlet, c.kind) for c in found] == [("Kommersant", CitationKind.REPORTED)]
    assert found[0].text.endswith("business daily reported")
