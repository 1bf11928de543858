"""The plain-text page parser on the seeds and on layouts written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirewatch.parse.boilerplate import ParagraphKind, classify, split_dateline, translation_source
from wirewatch.parse.comments import find_comment_section, parse_comments
from wirewatch.parse.parts import PageParts
from wirewatch.parse.site_name import nominative_ru, site_name_from_chrome
from wirewatch.parse.text import parse_text

CHROME_WORDS = ("Leave A Reply", "email address", "Subscribe", "Follow FMT", "newsletter")


@pytest.fixture(scope="module")
def scoop(scoop_path: Path) -> PageParts:
    return parse_text(scoop_path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rewrite(rewrite_path: Path) -> PageParts:
    return parse_text(rewrite_path.read_text(encoding="utf-8"))


def test_scoop_header(scoop: PageParts) -> None:
    assert scoop.title == "Russia Offered US Use of Central Asia Bases for Afghan Intel"
    assert scoop.subtitle == "As an alternative to US bases Russia does not want"
    assert scoop.notes == ["Machine translated from Russian."]
    assert scoop.credits == ["Source: Kommersant"]


def test_scoop_body_is_the_article_only(scoop: PageParts) -> None:
    body = "\n\n".join(scoop.paragraphs)
    assert body.startswith("The rapidly degrading situation in Afghanistan")
    assert body.rstrip().endswith("based on their own interests. “")
    assert "Challenges alone" in body  # section heads are article text
    for leaked in ("Raptar Driver", "parasitic country", "Machine translated", "Source: Kommersant",
                   *CHROME_WORDS):
        assert leaked not in body
    assert scoop.title is not None and scoop.title not in body


def test_scoop_comments_with_authors_and_replies(scoop: PageParts) -> None:
    authors = [c.author for c in scoop.comments]
    assert authors == ["Raptar Driver", "ken", "Steve Kastl", "Malatok"]
    replies = {c.author: c.reply_to for c in scoop.comments}
    assert replies == {"Raptar Driver": None, "ken": 0, "Steve Kastl": None, "Malatok": None}
    ken = scoop.comments[1]
    assert ken.text.startswith("Agreed")
    assert "economy will collapse" in ken.text  # a second paragraph stays with its comment
    assert not any("Leave A Reply" in c.text or "email address" in c.text for c in scoop.comments)


def test_rewrite_layout(rewrite: PageParts) -> None:
    assert rewrite.title is not None and rewrite.title.startswith("‘Rare offer’")
    assert rewrite.subtitle is not None and rewrite.subtitle.startswith("The withdrawal of American")
    assert rewrite.captions and rewrite.captions[0].endswith("(AP pic)")
    assert rewrite.paragraphs[0].startswith("MOSCOW: President Vladimir Putin in June offered")
    body = "\n\n".join(rewrite.paragraphs)
    assert "(AP pic)" not in body and rewrite.title not in body
    for leaked in CHROME_WORDS:
        assert leaked not in body
    assert rewrite.comments == []
    assert rewrite.site_names == ["FMT"]  # the site names itself in its follow line


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Share this article on Facebook", ParagraphKind.CHROME),
        ("Подписывайтесь на наш канал в Telegram", ParagraphKind.CHROME),
        ("Перевод с английского.", ParagraphKind.NOTE),
        ("This article was automatically translated from Ukrainian.", ParagraphKind.NOTE),
        ("Originally published by The Daily Example.", ParagraphKind.CREDIT),
        ("Источник: Коммерсантъ", ParagraphKind.CREDIT),
        ("(Reporting by Anna Roe in Kabul; additional reporting by Li Wei in London; editing by "
         "Paul Doe)", ParagraphKind.CREDIT),
        ("Protesters gather in the square. (Reuters photo)", ParagraphKind.CAPTION),
        ("By Anna Ivanova and John Smith", ParagraphKind.BYLINE),
        ("Published: 12 June 2026", ParagraphKind.DATE_LINE),
        ("Readers who subscribe to the theory that the talks failed are wrong, officials said, "
         "because the ministers met twice and agreed on a plan to share information about "
         "the situation on the border, according to three people who attended the meetings.",
         ParagraphKind.BODY),
    ],
)
def test_paragraph_classes(line: str, kind: ParagraphKind) -> None:
    assert classify(line) is kind


def test_translation_languages() -> None:
    assert translation_source("Machine translated from Russian.") == "ru"
    assert translation_source("Перевод с английского") == "en"
    assert translation_source("Translated by Jane Roe from the French") == "fr"
    assert translation_source("Translated text of the agreement follows below") is None


def test_datelines() -> None:
    assert split_dateline("ОШ, 18 июня. — Фермеры")[:2] == ("ОШ", None)
    assert split_dateline("ТАШКЕНТ, 18 июня. Министерство")[2] == "Министерство"
    assert split_dateline("NATO. The alliance")[0] is None
    assert split_dateline("KABUL (Reuters) - Fighting spread.") == ("KABUL", "Reuters", "Fighting spread.")
    assert split_dateline("WASHINGTON — The plan.") == ("WASHINGTON", None, "The plan.")
    assert split_dateline("Note: this is text.")[0] is None
    assert split_dateline("US officials: no comment.")[0] is None


def test_comments_without_numbers_and_with_chrome() -> None:
    lines = [
        "Body of the article.",
        "",
        "Comments (2)",
        "Anna K. wrote:",
        "July 17, 2021 at 9:15 am",
        "First comment text.",
        "Reply",
        "    Boris says",
        "    I disagree.",
        "Leave a comment",
    ]
    start = find_comment_section(lines)
    assert start == 2
    comments = parse_comments(lines[start:])
    assert [(c.author, c.text, c.reply_to) for c in comments] == [
        ("Anna K.", "First comment text.", None),
        ("Boris", "I disagree.", 0),
    ]


def test_prose_with_says_is_not_a_comment_section() -> None:
    text = "Title\n\nThe minister says\n\nthat the talks went well.\n\nHe says\n\nmore."
    parts = parse_text(text)
    assert parts.comments == []
    assert "the talks went well" in "\n".join(parts.paragraphs)


def test_wrapped_lines_are_joined() -> None:
    page = "A title\n\nThe first line of a paragraph\nthat was hard-wrapped. And more\ntext.\n\nSecond one."
    parts = parse_text(page)
    assert parts.paragraphs[0] == "The first line of a paragraph that was hard-wrapped. And more text."


# Issue 11, "A title-less text loses its lede": only a headline-like first block is a title.
@pytest.mark.parametrize(
    ("first", "is_title"),
    [
        ("A New York man who was accused of faking his death last summer pleaded guilty to "
         "insurance fraud on Tuesday, prosecutors said.", False),
        ("Об этом сообщает газета «Деловой вестник» со ссылкой на источник.", False),
        ("Fire kills three in Leeds. Police arrest a neighbour", False),  # two sentences
        ("LONDON: Fire kills three in Leeds", False),  # a dateline lead
        ("By Anna Smith", False),  # a byline
        ("Fire kills three in Leeds as U.S. envoy visits", True),
        ("Water deal? Not so fast, say farmers in the valley", True),
        ("Пожар в Лидсе: три человека погибли", True),
    ],
)
def test_only_a_headline_like_first_block_is_a_title(first: str, is_title: bool) -> None:
    body = "The fire started at 3 a.m. in a terraced house, the fire service said.\n\nMore text."
    parts = parse_text(f"{first}\n\n{body}")
    assert (parts.title == first) is is_title
    text = "\n\n".join(parts.paragraphs)
    if not is_title and not first.startswith("By "):
        assert text.startswith(first), "the lede stays in the body"
    assert "The fire started at 3 a.m." in text


def test_a_title_hint_keeps_the_lede_in_the_body() -> None:
    """A feed's ``text`` with its ``title`` given apart: a short, one-sentence first paragraph is
    still the lede, not a second title or a subtitle; a repeated title is dropped."""
    lede = "Moscow offered Bishkek a deal"
    text = f"{lede}\n\nThe offer was made on Friday.\n\nMore."
    parts = parse_text(text, title_hint="Russia makes an offer")
    assert parts.title is None and parts.subtitle is None
    assert parts.paragraphs[0] == lede
    page = ("Russia makes an offer\n\nRussia makes an offer\n\n"
            "Moscow offered a deal. Bishkek said no.\n\nMore.")
    repeated = parse_text(page, title_hint="Russia  makes an offer")
    assert repeated.title == "Russia makes an offer"
    assert repeated.paragraphs[0] == "Moscow offered a deal. Bishkek said no."


# Issue 11, "Reader comments that vanish": author lines with a time stamp instead of "says".
def test_comments_signed_by_name_and_date_with_a_named_parent() -> None:
    lines = [
        "Body of the article.", "", "More body.", "",
        "Комментарии (3)", "",
        "Ольга, 02.03.2025 10:05", "Первый комментарий.", "Ответить", "",
        "Пётр, 02.03.2025 11:00", "Второй.", "", "Второй абзац второго.", "Ответить", "",
        "Гость, 02.03.2025 12:40, ответ пользователю Ольга", "Ответ Ольге без отступа.", "Ответить", "",
        "Оставить комментарий",
    ]
    start = find_comment_section(lines)
    assert start == 4
    comments = parse_comments(lines[start:])
    assert [(c.author, c.reply_to) for c in comments] == [("Ольга", None), ("Пётр", None), ("Гость", 0)]
    assert comments[1].text == "Второй.\n\nВторой абзац второго."
    assert not any("Оставить" in c.text or "Ответить" in c.text for c in comments)


def test_comments_signed_below_their_text_without_a_heading() -> None:
    """An older layout: each comment's text, then "Posted by NAME on DATE | Report this comment"."""
    article = [f"Paragraph {n} of the article, long enough to be prose." for n in range(6)]
    page = "\n\n".join([
        "Council votes to close the library", *article,
        "I used that library every week.",
        "Posted by Paul on January 6, 2008 2:09 PM | Report this comment",
        "Shame on the council.\nThey never listen.",
        "Posted by Jo Ann on January 6, 2008 3:15 PM | Report this comment",
    ])
    parts = parse_text(page)
    body = "\n\n".join(parts.paragraphs)
    assert "every week" not in body and "Posted by" not in body
    assert body.endswith("Paragraph 5 of the article, long enough to be prose.")
    assert [(c.author, c.text) for c in parts.comments] == [
        ("Paul", "I used that library every week."),
        ("Jo Ann", "Shame on the council. They never listen."),
    ]


def test_a_comment_section_without_author_lines_keeps_its_text() -> None:
    page = ("Title here\n\nThe article text.\n\nMore article text.\n\n"
            "Comments\n\nFirst remark.\n\nSecond remark.")
    parts = parse_text(page)
    assert [(c.author, c.text) for c in parts.comments] == [(None, "First remark."), (None, "Second remark.")]
    assert "remark" not in "\n\n".join(parts.paragraphs)


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Stay current - Follow FMT on WhatsApp, Google news and Telegram", "FMT"),
        ("Follow Pam Key on Twitter @pamkeyNEN", "Pam Key"),  # a candidate only: see article.py
        ("© 2026 Kestrel News Agency. All rights reserved.", "Kestrel News Agency"),
        ("© «Ошская неделя», 2026", "Ошская неделя"),
        ("Подписывайтесь на «Новую газету» в Telegram", "«Новая газета»"),
        ("Подписывайтесь на «Коммерсантъ» в Дзене", "«Коммерсантъ»"),
        ("Subscribe to our newsletter and get the best of Valley Gazette delivered to your inbox.",
         "Valley Gazette"),
        ("Sign up for the Valley Gazette newsletter", "Valley Gazette"),
        ("Share this article", None),
    ],
)
def test_site_names_in_chrome(line: str, name: str | None) -> None:
    assert site_name_from_chrome(line) == name


@pytest.mark.parametrize(
    ("accusative", "nominative"),
    [("Ошскую неделю", "Ошская неделя"), ("Медузу", "Медуза"), ("Синюю птицу", "Синяя птица"),
     ("Ведомости", "Ведомости"), ("Коммерсантъ", "Коммерсантъ"), ("Эхо", "Эхо")],
)
def test_russian_names_back_in_the_nominative(accusative: str, nominative: str) -> None:
    assert nominative_ru(accusative) == nominative
