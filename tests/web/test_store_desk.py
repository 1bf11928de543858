"""The desk over the store, over HTTP against a running server: the demo corpus stored, linked,
derived and assessed (tests/desk_store_helpers.py) on SQLite and PostgreSQL; watchlists, ingest
from the app and the brief on SQLite; the write guards; bad input is a 4xx, never a 500."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from tests.desk_store_helpers import Analysis, fill_store
from tests.pipeline_helpers import default_annotator, shared_resources
from tests.store_helpers import BACKENDS, PostgresCluster, demo_articles
from tests.web.conftest import LiveServer
from wirewatch.desk import DocumentSource, Filters, PageRequest
from wirewatch.desk.store_source import StoreSource
from wirewatch.run import Pipeline
from wirewatch.store import Store
from wirewatch.web import create_app

GRADE = re.compile(r"[A-F][1-6]")


@lru_cache(maxsize=1)
def demo_analysis() -> Analysis:
    """What the store's linker makes of the demo corpus (on SQLite, once): the expectations."""
    with tempfile.TemporaryDirectory() as folder, Store.open(f"sqlite:///{folder}/expected.db") as store:
        return fill_store(store, demo_articles())


def _filled(url: str) -> Store:
    store = Store.open(url)
    fill_store(store, demo_articles())
    return store


@pytest.fixture(scope="module", params=BACKENDS)
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('desk') / 'store.db'}"
    else:
        cluster: PostgresCluster = request.getfixturevalue("postgres")
        url = cluster.new_database()
    store = _filled(url)
    with LiveServer(create_app(StoreSource(store))) as live:
        yield live
    store.close()


@pytest.fixture(scope="module")
def client(server: LiveServer) -> httpx.Client:
    return httpx.Client(base_url=server.url, timeout=60)


def _error(response: httpx.Response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] == code
    message: str = body["error"]["message"]
    return message


def test_stories_list_counts_order_and_filters(client: httpx.Client) -> None:
    stories, _, _ = demo_analysis()
    listed = client.get("/api/stories").json()
    assert listed["total"] == len(stories)
    items = listed["items"]
    assert {s["id"] for s in items} == {s.id for s in stories}
    # Newest first.
    assert [s["last_updated"] for s in items] == sorted((s["last_updated"] for s in items), reverse=True)
    by_id = {s.id: s for s in stories}
    for item in items:
        story = by_id[item["id"]]
        assert item["articles"] == len(story.articles)
        assert item["outlets"] == len(story.outlets) and item["languages"] == len(story.languages)
        assert 1 <= item["independent_origins"] <= item["articles"] + item["outlets"]
    # Filters narrow and paging pages.
    assert client.get("/api/stories", params={"since": "2100-01-01"}).json()["total"] == 0
    first_day = min(s["first_seen"] for s in items)[:10]
    assert client.get("/api/stories", params={"until": first_day}).json()["total"] >= 1
    assert client.get("/api/stories", params={"language": "RU"}).json()["total"] >= 1
    assert client.get("/api/stories", params={"language": "xx"}).json()["total"] == 0
    outlet = items[0]["outlet_names"][0]
    assert items[0]["id"] in {
        s["id"] for s in client.get("/api/stories", params={"outlet": outlet}).json()["items"]
    }
    second = client.get("/api/stories", params={"limit": 1, "offset": 1}).json()
    assert second["total"] == len(stories) and [s["id"] for s in second["items"]] == [items[1]["id"]]


def test_story_page_data_from_the_stored_analysis(client: httpx.Client) -> None:
    stories, derivations, claims = demo_analysis()
    big = max(stories, key=lambda s: len(s.articles))
    view = client.get(f"/api/stories/{big.id}").json()
    assert [a["id"] for a in view["articles"]] and {a["id"] for a in view["articles"]} == set(big.articles)
    # The graph is the linker's: one edge per decided derivation among the story's articles.
    decided = [d for d in derivations[big.id] if str(d.direction) != "undecided"]
    assert len(view["edges"]) == len(decided) > 0
    assert any(a["derived_from"] for a in view["articles"])
    # Claims are the assessment's, each with a grade and reasons, and its sentence link.
    assert [c["id"] for c in view["claims"]] == [c.id for c in claims[big.id]]
    for claim in view["claims"]:
        assert GRADE.fullmatch(claim["grade"]) and claim["reasons"] and claim["sources"]
        assert claim["link"].startswith("/articles/")
    # A place filter by its id finds the story.
    place = view["places"][0]["id"]
    found = client.get("/api/stories", params={"place": place}).json()["items"]
    assert big.id in {s["id"] for s in found}


def test_claim_link_lands_on_its_sentence(client: httpx.Client) -> None:
    claim = client.get("/api/claims", params={"limit": 1}).json()["items"][0]
    match = re.fullmatch(r"/articles/([^#]+)#s=(\d+)-(\d+)", claim["link"])
    assert match is not None
    article = client.get(f"/api/articles/{match.group(1)}").json()
    start, end = int(match.group(2)), int(match.group(3))
    # The highlighted stretch starts inside a sentence of the body, and is the claim's evidence.
    assert any(s["sentence"] and s["start"] <= start < s["end"] for s in article["segments"])
    assert 0 <= start < end <= len(article["document"]["body"])
    assert article["story_id"] is not None


def test_claims_page_through_every_story_claim(client: httpx.Client) -> None:
    _, _, claims = demo_analysis()
    every = {c.id for story in claims.values() for c in story}
    first = client.get("/api/claims", params={"limit": 7}).json()
    assert first["total"] == len(every)
    seen: list[str] = []
    for offset in range(0, first["total"], 7):
        seen += [
            c["id"] for c in client.get("/api/claims", params={"limit": 7, "offset": offset}).json()["items"]
        ]
    assert sorted(seen) == sorted(every)
    story = next(sid for sid, found in claims.items() if found)
    assert client.get("/api/claims", params={"story": story}).json()["total"] == len(claims[story])


def test_entity_pages_and_an_outlets_record(client: httpx.Client) -> None:
    stories, _, claims = demo_analysis()
    big = max(stories, key=lambda s: len(s.articles))
    article = client.get(f"/api/articles/{quote(big.articles[0], safe='')}").json()
    outlets = [e for e in article["entities"] if e["type"] == "outlet"]
    assert outlets
    records = []
    for entity in outlets:
        view = client.get(f"/api/entities/{quote(entity['id'], safe='')}").json()
        assert view["articles"] and view["stories"]
        records.append(view["record"])
    # Some cited outlet originated assessed claims: its record counts them.
    originated = {o.outlet for story in claims.values() for c in story for o in c.origins if o.outlet}
    assert originated
    record = next(r for r in records if r)
    assert record["claims"] >= 1
    assert record["confirmed"] + record["contradicted"] + record["unresolved"] >= record["claims"]


def test_search_finds_stories_entities_and_articles(client: httpx.Client) -> None:
    stories, _, _ = demo_analysis()
    word = stories[0].title.split()[0] if stories[0].title else "Kyrgyz"
    found = client.get("/api/search", params={"q": word}).json()
    assert found["total"] >= 1 and found["items"]
    kinds = {
        h["kind"] for h in client.get("/api/search", params={"q": "Bishkek", "limit": 50}).json()["items"]
    }
    assert {"entity", "article"} <= kinds
    assert client.get("/api/search", params={"q": "zzzqqqxxnotaword"}).json()["total"] == 0


@pytest.mark.parametrize(
    "path",
    [
        "/api/stories?since=yesterday",
        "/api/stories?limit=0",
        "/api/stories?limit=abc",
        "/api/stories?offset=-1",
        "/api/stories/no-such-story",
        "/api/articles/%00%ff",
        "/api/stories/%00",
        "/api/entities/" + "e" * 2000,
        "/api/stories?entity=%00x",
        "/api/search?q=a%00b",
        "/api/claims?story=%00",
        "/api/entities/nobody",
        "/api/claims?story=nope",
        "/api/search?q=",
        "/api/search?q=" + "x" * 600,
        "/api/watchlists/0",
        "/api/watchlists/99999",
        "/api/watchlists/abc",
        "/stories/nope/brief",
        "/stories/nope/brief?format=exe",
        "/watchlists/12345",
    ],
)
def test_bad_input_is_a_4xx_never_a_500(client: httpx.Client, path: str) -> None:
    response = client.get(path)
    assert 400 <= response.status_code < 500, (path, response.status_code, response.text)
    assert response.json()["error"]["code"]


def test_odd_search_syntax_is_read_leniently(client: httpx.Client) -> None:
    for q in ['"unclosed OR -', "OR", "-only -negated", "AND NOT NEAR", "*"]:
        response = client.get("/api/search", params={"q": q})
        assert response.status_code == 200, (q, response.text)


# -- SQLite only: writes and the brief ----------------------------------------------------------


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, Store]]:
    store = _filled(f"sqlite:///{tmp_path_factory.mktemp('desk-w') / 'store.db'}")
    resources = shared_resources()
    source = StoreSource(store, pipeline=Pipeline(default_annotator(), resources.catalog))
    with LiveServer(create_app(source)) as live:
        yield live, store
    store.close()


PASTED = (
    "Flooding closes the Bishkek ring road\n\n"
    "Heavy rain flooded the ring road around Bishkek on Monday, the city administration said. "
    "Traffic police closed two junctions and asked drivers to avoid the area until the water recedes."
)


def test_watchlist_shows_what_is_new_since_the_last_visit(writable: tuple[LiveServer, Store]) -> None:
    live, store = writable
    client = httpx.Client(base_url=live.url, timeout=120)
    saved = client.post("/api/watchlists", json={"name": "ring road", "keyword": "ring road"})
    assert saved.status_code == 201, saved.text
    watch = saved.json()
    assert watch["new"] == 0  # what was stored before it was saved is not new
    _error(client.post("/api/watchlists", json={"name": "empty"}), 400, "bad_parameter")
    before = store.stats().articles
    title, _, body = PASTED.partition("\n\n")
    report = client.post("/api/ingest", data={"text": body, "title": title})
    assert report.status_code == 202, report.text
    assert report.json()["errors"] == [] and store.stats().articles == before + 1
    now = client.get(f"/api/watchlists/{watch['id']}").json()
    assert now["new"] == 1 and now["articles"][0]["title"] == title
    assert client.get("/api/watchlists").json()["items"][0]["new"] == 1
    assert client.post(f"/api/watchlists/{watch['id']}/seen").json()["new"] == 0
    # The page shows the count and lists it.
    page = client.get("/watchlists", headers={"accept": "text/html"}).text
    assert "ring road" in page
    assert client.delete(f"/api/watchlists/{watch['id']}").status_code == 204
    _error(client.get(f"/api/watchlists/{watch['id']}"), 404, "not_found")


def test_ingest_files_and_bad_uploads(writable: tuple[LiveServer, Store]) -> None:
    live, _ = writable
    client = httpx.Client(base_url=live.url, timeout=120)
    files = [("files", ("../../etc/evil name.txt", PASTED.replace("Bishkek", "Osh").encode(), "text/plain"))]
    report = client.post("/api/ingest", files=files)
    assert report.status_code == 202, report.text
    assert report.json()["counts"]["added"] == 1
    _error(client.post("/api/ingest"), 400, "bad_parameter")
    _error(
        client.post("/api/ingest", files=[("files", ("empty.txt", b"", "text/plain"))]), 400, "bad_parameter"
    )
    # Garbage is reported as an input error, not a crash.
    garbage = client.post("/api/ingest", files=[("files", ("x.json", b"{not json", "application/json"))])
    assert garbage.status_code == 202 and garbage.json()["errors"]


def test_writes_refused_read_only_cross_origin_and_without_a_store(
    writable: tuple[LiveServer, Store], demo_document: dict[str, Any]
) -> None:
    live, store = writable
    _error(
        httpx.post(
            f"{live.url}/api/watchlists", json={"keyword": "x"}, headers={"origin": "https://evil.example"}
        ),
        403,
        "cross_origin",
    )
    _error(
        httpx.post(f"{live.url}/api/ingest", data={"text": "x"}, headers={"sec-fetch-site": "cross-site"}),
        403,
        "cross_origin",
    )
    same = httpx.post(f"{live.url}/api/watchlists", json={"keyword": "dam"}, headers={"origin": live.url})
    assert same.status_code == 201
    with LiveServer(create_app(StoreSource(store), read_only=True)) as server:
        _error(httpx.post(f"{server.url}/api/watchlists", json={"keyword": "x"}), 403, "read_only")
        _error(httpx.post(f"{server.url}/api/ingest", data={"text": "x"}), 403, "read_only")
    with LiveServer(create_app(StoreSource(store), token="s3cret")) as server:
        _error(httpx.post(f"{server.url}/api/watchlists", json={"keyword": "x"}), 401, "token_required")
        ok = httpx.post(
            f"{server.url}/api/watchlists", json={"keyword": "x"}, headers={"Authorization": "Bearer s3cret"}
        )
        assert ok.status_code == 201
    with LiveServer(create_app(DocumentSource(demo_document))) as server:
        _error(httpx.get(f"{server.url}/api/watchlists"), 501, "no_store")


def test_brief_of_a_stored_story_has_every_claim_with_its_grade(writable: tuple[LiveServer, Store]) -> None:
    live, _ = writable
    stories, _, claims = demo_analysis()
    big = max(stories, key=lambda s: len(s.articles))
    markdown = httpx.get(f"{live.url}/stories/{big.id}/brief", params={"format": "md"}, timeout=60)
    assert markdown.status_code == 200 and markdown.headers["content-type"].startswith("text/markdown")
    text = markdown.text
    for claim in claims[big.id]:
        assert f"{claim.grade.reliability}{claim.grade.credibility}" in text
    html = httpx.get(f"{live.url}/stories/{big.id}/brief", timeout=60)
    assert html.status_code == 200 and "<script" not in html.text.lower()
    assert "script-src" not in html.headers["content-security-policy"]  # default-src 'none' covers it
    story_page = httpx.get(f"{live.url}/stories/{big.id}", headers={"accept": "text/html"}, timeout=60).text
    assert f'href="/stories/{big.id}/brief"' in story_page


def test_a_store_not_yet_linked_pages_the_articles_own_claims(store_url: str) -> None:
    """Before the linker and the assessment have written anything: no stories, and the claims are
    each article's own, paged over the articles in SQL (newest first)."""
    docs = sorted(demo_articles(), key=lambda d: (d.article.published or "", d.article.id), reverse=True)
    with Store.open(store_url) as store:
        store.add_many(docs)
        source = StoreSource(store)
        assert source.stories(Filters(), PageRequest()).total == 0
        expected = [(d.article.id, c.id) for d in docs for c in d.claims]
        got = []
        for offset in range(0, len(expected), 9):
            page = source.claims(Filters(), PageRequest(limit=9, offset=offset))
            assert page.total == len(expected)
            got += [(c.article_id, c.id) for c in page.items]
        assert sorted(got) == sorted(expected) and len(got) == len(expected)
        russian = source.claims(Filters(language="ru"), PageRequest(limit=200))
        assert russian.total == sum(len(d.claims) for d in docs if d.article.language == "ru") > 0


def test_wirewatch_serve_db_serves_the_store(tmp_path: Path) -> None:
    """``wirewatch serve --db URL`` as a real process; without --db and --input, the default store
    (the ``db`` setting, here from $WIREWATCH_DB)."""
    url = f"sqlite:///{tmp_path / 'served.db'}"
    _filled(url).close()
    for args, env in ((["--db", url], {}), ([], {"WIREWATCH_DB": url})):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        command = [sys.executable, "-m", "wirewatch.cli", "serve", *args, "--port", str(port)]
        process = subprocess.Popen(command, env={**os.environ, **env}, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    listed = httpx.get(f"http://127.0.0.1:{port}/api/stories", timeout=5)
                    break
                except httpx.TransportError:
                    assert process.poll() is None and time.monotonic() < deadline, "the server did not start"
                    time.sleep(0.2)
            assert listed.status_code == 200 and listed.json()["total"] == len(demo_analysis()[0])
        finally:
            process.terminate()
            _, stderr = process.communicate(timeout=30)
        assert "served.db" in stderr


def test_an_outlets_page_shows_its_record(client: httpx.Client) -> None:
    stories, _, _ = demo_analysis()
    big = max(stories, key=lambda s: len(s.articles))
    article = client.get(f"/api/articles/{quote(big.articles[0], safe='')}").json()
    for entity in (e for e in article["entities"] if e["type"] == "outlet"):
        record = client.get(f"/api/entities/{quote(entity['id'], safe='')}").json()["record"]
        if record:
            page = client.get(
                f"/entities/{quote(entity['id'], safe='')}", headers={"accept": "text/html"}
            ).text
            assert f"{record['confirmed']} later independently confirmed" in page
            assert f"{record['contradicted']} contradicted" in page
            return
    pytest.fail("no outlet of the story has a record")
