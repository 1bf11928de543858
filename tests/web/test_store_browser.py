"""The desk over a store in real Chromium (Debian's, driven by playwright): open a story, see the
map pins and the linker's derivation graph, click a graded claim and land on its sentence, run a
search, save a watchlist. Screenshots go to a temporary folder, or to docs/screenshots/ when
WIREWATCH_SCREENSHOTS=1 (how the README's pictures are made). The poisoned XSS corpus, stored and
linked, is viewed page by page, the store's own pages (watchlists, ingest, brief) included: no
script may run."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from tests.desk_store_helpers import fill_store
from tests.pipeline_helpers import default_annotator, shared_resources
from tests.store_helpers import demo_articles
from tests.web import xss_corpus
from tests.web.conftest import LiveServer
from tests.web.test_store_desk import demo_analysis
from tests.web.test_xss import DOM_CHECK
from wirewatch.desk.store_source import StoreSource
from wirewatch.model import AnnotatedArticle
from wirewatch.run import Pipeline
from wirewatch.store import Store, watchlists
from wirewatch.web import create_app
from wirewatch.web.app import vendor_built

SCREENSHOTS = Path(__file__).resolve().parent.parent.parent / "docs" / "screenshots"
WAIT_MS = 20_000


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("WIREWATCH_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        return SCREENSHOTS
    return tmp_path_factory.mktemp("store-screenshots")


@pytest.fixture(scope="module")
def store_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    if not vendor_built():
        pytest.fail("front-end assets not built: python3 web/frontend/build_assets.py (make install does)")
    store = Store.open(f"sqlite:///{tmp_path_factory.mktemp('browser') / 'store.db'}")
    fill_store(store, demo_articles())
    pipeline = Pipeline(default_annotator(), shared_resources().catalog)
    with LiveServer(create_app(StoreSource(store, pipeline=pipeline))) as live:
        yield live
    store.close()


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


def test_stored_story_map_graph_and_claim_to_sentence(
    page: Any, store_server: LiveServer, shots: Path
) -> None:
    stories, _, claims = demo_analysis()
    big = max(stories, key=lambda s: len(s.articles))
    page.goto(store_server.url + "/")
    page.screenshot(path=str(shots / "store-stories.png"))
    page.locator(f'a.story-link[href="/stories/{big.id}"]').click()
    page.wait_for_url(re.compile(rf"/stories/{big.id}$"))
    page.wait_for_selector("#map[data-pins]", timeout=WAIT_MS)
    page.wait_for_selector("#graph[data-nodes]", timeout=WAIT_MS)
    assert int(page.locator("#map").get_attribute("data-pins")) >= 1
    assert page.locator("#map path.pin").count() == int(page.locator("#map").get_attribute("data-pins"))
    assert page.locator("#graph canvas").count() >= 1
    assert int(page.locator("#graph").get_attribute("data-nodes")) >= len(big.articles)
    # The claims are the assessment's, graded.
    assert page.locator("a.claim").count() == len(claims[big.id])
    assert page.locator(".brief-button").count() == 1
    page.locator("#graph").scroll_into_view_if_needed()
    page.locator("#graph").screenshot(path=str(shots / "store-story-graph.png"))
    page.screenshot(path=str(shots / "store-story.png"))
    claim = page.locator("a.claim").first
    match = re.fullmatch(r"/articles/([^#]+)#s=(\d+)-(\d+)", claim.get_attribute("href"))
    assert match
    body = next(a.article.body for a in demo_articles() if a.article.id == match.group(1))
    expected = body[int(match.group(2)) : int(match.group(3))]
    claim.click()
    page.wait_for_url(re.compile("#s="))
    highlighted = page.locator(".sent.hl")
    highlighted.first.wait_for(timeout=WAIT_MS)
    assert "".join(highlighted.all_inner_texts()).strip() == expected.strip()
    page.screenshot(path=str(shots / "store-article.png"))
    assert page.problems == []


def test_search_and_save_a_watchlist(page: Any, store_server: LiveServer, shots: Path) -> None:
    page.goto(store_server.url + "/")
    page.fill("header input[name=q]", "Bishkek")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=Bishkek"))
    assert page.locator(".hit-entity").count() >= 1 and page.locator(".hit-article").count() >= 1
    page.screenshot(path=str(shots / "store-search.png"))
    page.goto(store_server.url + "/watchlists")
    page.fill("form.watch-form input[name=name]", "Bishkek watch")
    page.fill("form.watch-form input[name=place]", "Bishkek")
    page.click("form.watch-form button[type=submit]")
    page.wait_for_url(re.compile(r"/watchlists/\d+$"))
    assert "Bishkek watch" in page.locator("h1").inner_text()
    assert page.locator(".new-count").inner_text() == "0"
    page.goto(store_server.url + "/watchlists")
    assert page.locator("li.watchlist").filter(has_text="Bishkek watch").count() == 1
    page.screenshot(path=str(shots / "store-watchlists.png"))
    assert page.problems == []


def test_map_and_timeline_across_stories(page: Any, store_server: LiveServer, shots: Path) -> None:
    """/map draws a pin per located place, each opening links to its stories; /timeline draws
    every story's two lanes, each item linking to its article."""
    stories = demo_analysis()[0]
    page.goto(store_server.url + "/")
    page.click("header a[href='/map']")
    page.wait_for_url(re.compile(r"/map$"))
    page.wait_for_selector("#overview-map[data-pins]", timeout=WAIT_MS)
    pins = int(page.locator("#overview-map").get_attribute("data-pins"))
    assert pins >= 10 and pins == page.locator("tr.pin-row").count()
    assert page.locator("#overview-map path.pin").count() == pins
    # The most named place first: its pin opens a popup listing the stories naming it.
    page.locator("#overview-map path.pin").first.dispatch_event("click")
    links = page.locator(".leaflet-popup a.pin-story")
    links.first.wait_for(timeout=WAIT_MS)
    assert links.count() >= 2
    page.screenshot(path=str(shots / "map.png"))
    target = links.first.get_attribute("href")
    assert target in {f"/stories/{s.id}" for s in stories}
    links.first.click()
    page.wait_for_url(re.compile(re.escape(target) + "$"))

    page.click("header a[href='/timeline']")
    page.wait_for_url(re.compile(r"/timeline$"))
    page.wait_for_selector("#overview-timeline[data-items]", timeout=WAIT_MS)
    assert int(page.locator("#overview-timeline").get_attribute("data-items")) >= len(stories) * 2
    assert page.locator("#overview-timeline .vis-item").count() >= 1
    assert page.locator("#overview-timeline .vis-label a").count() == 2 * len(stories)
    assert page.locator("#overview-timeline .vis-item.tl-event").count() >= 1
    assert page.locator("#overview-timeline .vis-item.tl-report").count() >= 1
    page.locator("#overview-timeline .vis-item.vis-box").first.wait_for(timeout=WAIT_MS)
    page.wait_for_timeout(1500)  # vis-timeline stacks and clusters the items over the next frames
    page.screenshot(path=str(shots / "timeline.png"))
    page.locator("#overview-timeline .vis-item.vis-box.tl-report").first.click()
    page.wait_for_url(re.compile(r"/articles/"))
    assert page.problems == []


def test_paste_an_article_from_the_ingest_page(page: Any, store_server: LiveServer, shots: Path) -> None:
    page.goto(store_server.url + "/ingest")
    page.fill("form.ingest-form input[name=title]", "Mudflow blocks the Osh to Bishkek highway")
    page.fill(
        "form.ingest-form textarea[name=text]",
        "A mudflow blocked the highway between Osh and Bishkek on Tuesday, the emergencies ministry said. "
        "Crews expected to reopen the road by Wednesday morning.",
    )
    page.click("form.ingest-form button[type=submit]")
    page.wait_for_selector(".ingest-report", timeout=60_000)
    assert "1 added" in page.locator(".ingest-report").inner_text()
    page.screenshot(path=str(shots / "store-ingest.png"))
    page.fill("header input[name=q]", "mudflow")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=mudflow"))
    assert page.locator(".hit-article").filter(has_text="Mudflow blocks").count() == 1
    assert page.problems == []


@pytest.fixture(scope="module")
def hostile_store_server(
    tmp_path_factory: pytest.TempPathFactory, hostile_document: dict[str, Any]
) -> Iterator[tuple[LiveServer, list[str]]]:
    """The poisoned XSS corpus stored, linked, derived and assessed, with a watchlist named by a
    payload; the pages to visit."""
    docs = [AnnotatedArticle.from_dict(a) for a in hostile_document["articles"]]
    store = Store.open(f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'store.db'}")
    stories = fill_store(store, docs)[0]
    watch = watchlists.create(store, xss_corpus.PAYLOADS[0], keyword=xss_corpus.PAYLOADS[1])
    paths = [
        "/",
        "/watchlists",
        f"/watchlists/{watch.id}",
        "/ingest",
        "/search?q=script",
        "/map",
        "/timeline",
    ]
    for story in stories:
        sid = quote(story.id, safe="")
        paths += [f"/stories/{sid}", f"/stories/{sid}/brief"]
    for doc in docs:
        paths.append("/articles/" + quote(doc.article.id, safe="") + "#s=0-10")
        paths += ["/entities/" + quote(e.join_key, safe="") for e in doc.entities[:4] if e.join_key]
    with LiveServer(create_app(StoreSource(store))) as live:
        yield live, list(dict.fromkeys(paths))
    store.close()


def test_no_script_runs_on_any_page_over_a_hostile_store(
    browser: Any, hostile_store_server: tuple[LiveServer, list[str]]
) -> None:
    live, paths = hostile_store_server
    assert len(paths) > 15
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    console: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("console", lambda message: console.append(message.text))
    page.on("pageerror", lambda error: console.append(f"page error: {error}"))
    for path in paths:
        response = page.goto(live.url + path)
        assert response is not None and response.status == 200, path
        page.wait_for_load_state("networkidle")
        found = page.evaluate(DOM_CHECK)
        assert found["flag"] is None, path
        assert found["handlers"] == [], (path, found["handlers"])
        assert all(s.startswith("/static/") for s in found["scripts"]), (path, found["scripts"])
        assert found["jsLinks"] == [] and found["frames"] == 0, (path, found)
    assert dialogs == []
    assert [m for m in console if "Content Security Policy" in m or "xss" in m.lower()] == []
    context.close()
