"""The desk in real Chromium (Debian's, driven by playwright) over the analysed demo: open a story,
see the map pins, the derivation graph and the timeline, click a claim and land on its highlighted
sentence, run a search. Screenshots go to a temporary folder, or to docs/screenshots/ when
WIREWATCH_SCREENSHOTS=1 (how the README's pictures are made)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import LiveServer

SCREENSHOTS = Path(__file__).resolve().parent.parent.parent / "docs" / "screenshots"
WAIT_MS = 20_000


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("WIREWATCH_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        return SCREENSHOTS
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    opened.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    opened.problems = problems
    yield opened
    context.close()


def test_story_page_map_graph_timeline(
    page: Any, demo_server: LiveServer, demo_document: dict[str, Any], shots: Path
) -> None:
    page.goto(demo_server.url + "/")
    page.screenshot(path=str(shots / "stories.png"))
    page.locator("a.story-link").first.click()
    page.wait_for_url(re.compile(r"/stories/"))
    page.wait_for_selector("#map[data-pins]", timeout=WAIT_MS)
    page.wait_for_selector("#graph[data-nodes]", timeout=WAIT_MS)
    page.wait_for_selector("#timeline[data-items]", timeout=WAIT_MS)
    located = {
        (p["lat"], p["lon"]) for a in demo_document["articles"] for p in a["places"] if p["lat"] is not None
    }
    pins = int(page.locator("#map").get_attribute("data-pins"))
    assert pins >= 10 and page.locator("#map path.pin").count() == pins
    assert pins <= len(located)
    assert (
        page.locator("#map path.leaflet-interactive").count() >= pins
    )  # countries drawn too, not interactive
    assert page.locator("#graph canvas").count() >= 1
    assert int(page.locator("#graph").get_attribute("data-nodes")) >= len(demo_document["articles"])
    # vis-timeline draws its items on the next animation frames.
    page.wait_for_selector(".vis-item.tl-event", state="attached", timeout=WAIT_MS)
    page.wait_for_selector(".vis-item.tl-report", state="attached", timeout=WAIT_MS)
    assert page.locator(".vis-item.tl-event").count() > 0 and page.locator(".vis-item.tl-report").count() > 0
    assert page.locator(".comment .comment-badge").count() == sum(
        len(a["comments"]) for a in demo_document["articles"]
    )
    assert page.locator(".anon-badge").count() >= 1
    page.locator("#graph").scroll_into_view_if_needed()
    page.locator("#graph").screenshot(path=str(shots / "story-graph.png"))
    page.locator("#map").screenshot(path=str(shots / "story-map.png"))
    page.locator("#timeline").screenshot(path=str(shots / "story-timeline.png"))
    page.screenshot(path=str(shots / "story.png"))
    assert page.problems == []


def test_click_a_claim_and_land_on_its_sentence(
    page: Any, demo_server: LiveServer, demo_document: dict[str, Any], shots: Path
) -> None:
    page.goto(demo_server.url + "/stories/all")
    claim = page.locator("a.claim").nth(3)
    href = claim.get_attribute("href")
    match = re.fullmatch(r"/articles/([^#]+)#s=(\d+)-(\d+)", href)
    assert match
    article = next(a for a in demo_document["articles"] if a["id"] == match.group(1))
    expected = article["body"][int(match.group(2)) : int(match.group(3))]
    claim.click()
    page.wait_for_url(re.compile("#s="))
    highlighted = page.locator(".sent.hl")
    highlighted.first.wait_for(timeout=WAIT_MS)
    assert "".join(highlighted.all_inner_texts()).strip() == expected.strip()
    assert highlighted.first.is_visible()
    page.screenshot(path=str(shots / "article.png"))
    assert page.problems == []


def test_search_then_open_the_sentence(page: Any, demo_server: LiveServer, shots: Path) -> None:
    page.goto(demo_server.url + "/")
    page.fill("header input[name=q]", "Vostrikov")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=Vostrikov"))
    assert page.locator(".hit-entity").count() >= 1 and page.locator(".hit-article").count() >= 3
    page.screenshot(path=str(shots / "search.png"))
    page.locator(".hit-article a").first.click()
    page.wait_for_url(re.compile("#s="))
    assert "Vostrikov" in page.locator(".sent.hl").first.inner_text()
    page.go_back()
    page.locator(".hit-entity a").first.click()
    page.wait_for_url(re.compile(r"/entities/"))
    assert "Vostrikov" in page.locator("h1.entity-name").inner_text()
    assert page.locator("li.quote-item, li.claim-item").count() >= 1
    assert page.problems == []
