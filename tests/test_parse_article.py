"""Whole pages to Articles: metadata from hints, pages and text; the seeds and the demo corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wirewatch.errors import EmptyInputError, TooLargeError
from wirewatch.ingest.files import iter_documents
from wirewatch.model import Article, Document, Hints, InputFormat
from wirewatch.parse import parse_document
from wirewatch.parse.article import stable_id

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "demo" / "corpus"


def _parse(path: Path) -> Article:
    (document,) = list(iter_documents([path]))
    assert isinstance(document, Document)
    return parse_document(document)


def test_scoop_translation_and_credit(scoop_path: Path) -> None:
    article = _parse(scoop_path)
    assert article.translated_from == "ru"
    assert article.original_outlet == "Kommersant"
    assert article.language == "en"
    assert article.published is None and article.published_from is None  # never invented
    assert article.credits == ("Source: Kommersant",)
    assert len(article.comments) == 4


def test_rewrite_outlet_from_its_own_chrome(rewrite_path: Path) -> None:
    article = _parse(rewrite_path)
    assert article.outlet == "Free Malaysia Today"
    assert article.translated_from is None and article.original_outlet is None
    assert article.dateline == "MOSCOW"
    assert article.body.startswith("President Vladimir Putin")


def test_hints_win_over_guesses(scoop_path: Path) -> None:
    text = scoop_path.read_text(encoding="utf-8")
    hints = Hints(id="k1", url="https://example.org/k", outlet="Example Wire",
                  published="2021-07-17", title="Given title", language="en")
    article = parse_document(Document("x", text, InputFormat.TEXT, hints))
    assert (article.id, article.url, article.outlet, article.published, article.published_from,
            article.title) == ("k1", "https://example.org/k", "Example Wire", "2021-07-17",
                               "input", "Given title")


def test_ids_are_stable_and_url_based() -> None:
    assert stable_id("https://www.example.org/a/", "x") == stable_id("http://example.org/a", "y")
    assert stable_id(None, "Same  text") == stable_id(None, "same text")
    assert stable_id(None, "one") != stable_id(None, "two")


def test_page_of_chrome_only_is_an_empty_input() -> None:
    page = "Share this\n\nSubscribe to our newsletter\n\nLeave A Reply"
    with pytest.raises(EmptyInputError, match="no article text"):
        parse_document(Document("chrome.txt", page, InputFormat.TEXT))


def test_demo_corpus_metadata() -> None:
    """Every demo page parses; published dates come from where the page states them."""
    articles = {Path(a.source).name: a for a in _demo_articles()}
    assert len(articles) >= 12
    scoop = articles["01_dvestnik_scoop_ru.html"]
    assert scoop.language == "ru" and scoop.published_from == "html-metadata"
    assert scoop.published is not None and scoop.published.startswith("2026-06-17")
    translation = articles["03_borderlands_mt_en.txt"]
    assert translation.translated_from == "ru" and translation.published is None
    assert translation.original_outlet == "Delovoy Vestnik"
    local = articles["07_oshweek_local_ru.cp1251.txt"]
    assert local.language == "ru" and "Ош" in local.body  # cp1251 decoded
    assert local.published_from == "text-near-headline"
    quake = articles["09_tienshan_quake_en.txt"]
    assert quake.published == "2026-06-15"
    jsonl = [a for a in articles.values() if a.published_from == "input"]
    assert len(jsonl) == 3


def _demo_articles() -> list[Article]:
    out = []
    for document in iter_documents([DEMO]):
        assert isinstance(document, Document), document
        out.append(parse_document(document))
    return out


def test_demo_jsonl_records_keep_their_ids() -> None:
    records = [json.loads(line) for line in (DEMO / "feed.jsonl").read_text().splitlines() if line]
    ids = {a.id for a in _demo_articles()}
    assert {r["id"] for r in records} <= ids


def test_a_book_sized_text_is_refused_with_a_reason() -> None:
    """Regression: a 1 MB text reached spaCy, which failed with its own long message (E088)."""
    paragraph = "The minister said the talks in Geneva would resume on Monday after a pause. " * 20
    page = "A title\n\n" + "\n\n".join([paragraph] * 250)
    with pytest.raises(TooLargeError, match="split it into articles"):
        parse_document(Document("book.txt", page, InputFormat.TEXT))


_STORY = (
    "Council approves new bridge\n\n"
    "The city council approved the construction of a second bridge over the river on Tuesday, "
    "after two years of debate about its cost and its route through the old town.\n\n"
    "Work is due to start in the spring and to take three years, the mayor's office said.\n\n"
)


def _text_page(text: str) -> Article:
    return parse_document(Document("page.txt", text, InputFormat.TEXT, Hints()))


@pytest.mark.parametrize(
    ("chrome", "outlet"),
    [
        # A journalist's follow line is no outlet (23 Breitbart articles of PolNeAR).
        ("Follow Pam Key on Twitter @pamkeyNEN", None),
        ("Follow Jane Roe on Facebook", None),
        ("Follow Northern Courier on Telegram for breaking news", "Northern Courier"),
        ("Stay current - Follow FMT on WhatsApp", "Free Malaysia Today"),
        # A journalist first, then the site: the site is the outlet.
        ("Follow Jane Roe on Twitter\n\n© 2026 Valley Gazette. All rights reserved.", "Valley Gazette"),
        # Russian chrome names the site in the accusative.
        ("Подписывайтесь на «Северную звезду» в Telegram — все новости региона.", "Северная звезда"),
    ],
)
def test_the_outlet_a_page_chrome_names(chrome: str, outlet: str | None) -> None:
    assert _text_page(_STORY + chrome).outlet == outlet


def test_demo_local_weekly_is_its_own_outlet() -> None:
    """Regression (issue 11, demo A07): «Ошская неделя» names itself only in its Russian
    subscribe line («Подписывайтесь на «Ошскую неделю»…»), which was not read."""
    assert _parse(DEMO / "07_oshweek_local_ru.cp1251.txt").outlet == "Ошская неделя"
