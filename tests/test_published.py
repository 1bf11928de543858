"""find_published: HTML metadata first, then a date by the headline, never one from the body."""

from __future__ import annotations

from wirewatch.parse.published import find_published

STORY = "The summit took place on June 16, 2021 in Geneva, officials said on Friday."


def test_html_metadata_wins() -> None:
    html = ('<html><head><meta property="article:published_time" '
            'content="2021-07-17T09:00:00+00:00"></head><body><p>' + STORY + "</p></body></html>")
    assert find_published([STORY], html) == ("2021-07-17", "html-metadata")


def test_html_without_metadata_falls_back_to_headline_lines() -> None:
    html = f"<html><body><h1>Bases</h1><p>{STORY}</p></body></html>"
    lines = ["Bases offered", "Published: 12 June 2026", STORY]
    assert find_published(lines, html) == ("2026-06-12", "text-near-headline")


def test_text_date_forms() -> None:
    assert find_published(["Title", "June 12, 2026 10:15"]) == ("2026-06-12T10:15",
                                                                "text-near-headline")
    assert find_published(["Заголовок", "12 июня 2026, 14:05"]) == ("2026-06-12T14:05",
                                                                    "text-near-headline")
    assert find_published(["Title", "By A. Writer | 2026-06-12"])[0] == "2026-06-12"


def test_published_preferred_to_updated() -> None:
    lines = ["Title", "Updated: 14 June 2026", "Published: 12 June 2026"]
    assert find_published(lines)[0] == "2026-06-12"


def test_event_dates_in_the_body_are_not_publication_dates() -> None:
    # A long sentence near the top and dates far down are events, not the article's date.
    lines = ["Title", STORY] + ["More of the story."] * 10 + ["Published: 12 June 2026"]
    assert find_published(lines) == (None, None)
    assert find_published(["Title", STORY, "Published: 12 June 2026"])[0] == "2026-06-12"
