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


def _kinds(found: tuple[Citation, ...]) -> set[tuple[str, CitationKind]]:
    return {(c.outlet, c.kind) for c in found}


@pytest.mark.parametrize(
    ("body", "outlet", "phrase"),
    [
        # The forms the Russian press uses (issue 11), on outlets the catalogue knows.
        ("Об этом сообщает газета «Ведомости» со ссылкой на источники в банке.", "Vedomosti",
         "сообщает газета «Ведомости»"),
        ("По данным РБК, сделка сорвалась в последний момент.", "RBC", "По данным РБК"),
        ("Как пишет „Коммерсантъ“, переговоры продолжатся.", "Kommersant", "Как пишет „Коммерсантъ“"),
        ("Ранее агентство «Интерфакс» со ссылкой на собеседника в правительстве сообщило, что "
         "решение принято.", "Interfax",
         "агентство «Интерфакс» со ссылкой на собеседника в правительстве сообщило"),
        ("Министерство опровергло вчерашнюю статью российской газеты «Ведомости» о продаже.",
         "Vedomosti", "статью российской газеты «Ведомости»"),
        ("Переговоры идут третий день, передает РИА Новости.", "RIA Novosti", "передает РИА Новости"),
        # Follow-ups naming the scoop.
        ("The plan was first reported by the Japanese business daily Nikkei on Monday.", "Nikkei",
         "first reported by the Japanese business daily Nikkei"),
        ("Bloomberg was the first to report the merger talks.", "Bloomberg",
         "Bloomberg was the first to report"),
        ("According to a report in the Financial Times, the bank will close.", "Financial Times",
         "According to a report in the Financial Times"),
        ("Asked about the report in Vedomosti, the spokesman said nothing.", "Vedomosti",
         "report in Vedomosti"),
    ],
)
def test_citing_phrases(stage: CitationAnnotator, body: str, outlet: str, phrase: str) -> None:
    found = _cite(stage, make_article(body, language="ru" if not body.isascii() else "en"))
    cited = [c for c in found if c.outlet == outlet]
    assert [c.kind for c in cited] == [CitationKind.REPORTED], found
    assert cited[0].text == phrase
    assert cited[0].start is not None and body[cited[0].start : cited[0].end] == phrase


def test_names_joined_before_a_verb_must_be_outlets(stage: CitationAnnotator) -> None:
    """Regression (demo A11): in "the report in X, Zolotaryov said" the verb is the speaker's;
    "X, Y and Z reported" still cites all three."""
    asked = make_article("Pressed on Reuters, Peskov said the Kremlin had nothing to add.")
    assert _cite(stage, asked) == ()
    joint = make_article("Reuters, AFP and Bloomberg reported the deal on Monday.")
    assert _kinds(_cite(stage, joint)) == {
        ("Reuters", CitationKind.REPORTED),
        ("Agence France-Presse", CitationKind.REPORTED),
        ("Bloomberg", CitationKind.REPORTED),
    }


def test_a_russian_outlet_citing_its_sources_before_its_verb(stage: CitationAnnotator) -> None:
    body = "РБК со ссылкой на ТАСС пишет, что ответа нет."
    kinds = _kinds(_cite(stage, make_article(body, language="ru")))
    assert kinds == {("RBC", CitationKind.REPORTED), ("TASS", CitationKind.CITING)}


@pytest.mark.parametrize(
    ("caption", "own", "expected"),
    [
        ("Protesters outside parliament on Monday. (Reuters photo)", "Example Times",
         [("Reuters", "(Reuters photo)")]),
        # An outlet the catalogue does not know, credited by its initials.
        ("The dam in April. (XNA pic)", "Example Times", [("XNA", "(XNA pic)")]),
        ("A man crosses the bridge. Photo: Anna Smith / Reuters", "Example Times",
         [("Reuters", "Photo: Anna Smith / Reuters")]),
        ("A market in Osh. (Photo: AFP)", None, [("Agence France-Presse", "(Photo: AFP)")]),
        # The article's own outlet, by its initials, its first word or its name: no citation.
        ("The square at dawn. (ETT photo)", "Example Tribune Today", []),
        ("Sunset over the river. Example/Ivan Petrov", "Example Wire", []),
        ("Ворота завода. © «Северная звезда»", "Северная звезда", []),
        ("Flooded streets in the old town. © Reuters", "Example Times", [("Reuters", "© Reuters")]),
        # People and press offices are no outlets.
        ("Министр на брифинге. Фото: пресс-служба министерства", "Example Times", []),
        ("A village after the flood. Photo: Maria Lenz", "Example Times", []),
    ],
)
def test_picture_credits(
    stage: CitationAnnotator, caption: str, own: str | None, expected: list[tuple[str, str]]
) -> None:
    article = make_article("Nothing is cited in the body.", outlet=own, captions=(caption,))
    found = [c for c in _cite(stage, article) if c.kind is CitationKind.PHOTO_CREDIT]
    assert [(c.outlet, c.text) for c in found] == expected
    assert all(c.start is None and c.end is None for c in found)


def test_a_picture_credit_is_no_text_citation(stage: CitationAnnotator, rewrite_path: Path) -> None:
    """The wire rewrite seed's "(AP pic)" credits the photo, parsed apart as a caption: the
    Associated Press is cited for the picture only, Kommersant and Reuters for the text."""
    from wirewatch.ingest.files import iter_documents
    from wirewatch.model import Document
    from wirewatch.parse import parse_document

    document = next(iter_documents([rewrite_path]))
    assert isinstance(document, Document)
    found = _cite(stage, parse_document(document))
    assert ("Associated Press", CitationKind.PHOTO_CREDIT) in _kinds(found)
    assert {c.kind for c in found if c.outlet == "Associated Press"} == {CitationKind.PHOTO_CREDIT}
    assert ("Kommersant", CitationKind.REPORTED) in _kinds(found)


def test_a_citing_phrase_starting_a_paragraph_starts_at_the_outlet(stage: CitationAnnotator) -> None:
    """Regression: the phrase took in the line break before the paragraph ("\\nCBS News reports")."""
    body = "The letter arrived on Thursday.\n\nReuters reports that it was postmarked in Texas."
    (found,) = _cite(stage, make_article(body))
    assert found.text == "Reuters reports" and body[found.start : found.end] == found.text


def test_an_outlet_naming_itself_under_its_publisher_field_is_no_citation(
    stage: CitationAnnotator,
) -> None:
    """Regression: a New York Times article given with PolNeAR's publisher "nyt" cited itself
    ("said in a recent report in The New York Times")."""
    from wirewatch.model import Document, Hints, InputFormat
    from wirewatch.parse import parse_document

    text = (
        "Microsoft bets on the cloud\n\n"
        "Microsoft will spend more on data centres next year, its chief executive said on "
        "Thursday, after a quarter in which cloud sales grew faster than any other business.\n\n"
        "The company's chief executive said in a recent report in The New York Times that the "
        "cloud business would keep growing, and Reuters reported that investors agreed.\n\n"
        "Shares rose two percent on Friday, the third gain in a row for the company this month."
    )
    article = parse_document(Document("nyt.txt", text, InputFormat.TEXT, Hints(outlet="nyt")))
    assert article.outlet == "The New York Times"
    assert _kinds(_cite(stage, article)) == {("Reuters", CitationKind.REPORTED)}
