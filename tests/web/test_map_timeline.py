"""The map and the timeline across stories (issue 15), over HTTP against a running server: on the
store (the demo corpus stored and linked, SQLite and PostgreSQL) and on an analyze document.
Expected counts are recomputed here from the analysed articles and the linker's stories."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.desk_store_helpers import fill_store
from tests.store_helpers import BACKENDS, PostgresCluster, demo_articles
from tests.web.conftest import LiveServer
from wirewatch.desk.store_source import StoreSource
from wirewatch.join_keys import place_join_key
from wirewatch.model import AnnotatedArticle, Story
from wirewatch.present.timeline import sort_key
from wirewatch.store import Store
from wirewatch.web import create_app


@pytest.fixture(scope="module", params=BACKENDS)
def stored(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[httpx.Client, list[Story]]]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('map') / 'store.db'}"
    else:
        cluster: PostgresCluster = request.getfixturevalue("postgres")
        url = cluster.new_database()
    store = Store.open(url)
    stories = fill_store(store, demo_articles())[0]
    with LiveServer(create_app(StoreSource(store))) as live:
        yield httpx.Client(base_url=live.url, timeout=60), stories
    store.close()


@pytest.fixture(scope="module")
def document_client(demo_server: LiveServer) -> httpx.Client:
    return httpx.Client(base_url=demo_server.url, timeout=30)


def _place_keys(doc: AnnotatedArticle) -> set[str]:
    keys = {e.join_key for e in doc.entities if str(e.type) == "place" and e.join_key}
    return keys | {place_join_key(p.geonameid, p.lat, p.lon, p.name) for p in doc.places}


def _coordinates(docs: tuple[AnnotatedArticle, ...]) -> dict[str, tuple[float, float]]:
    return {
        place_join_key(p.geonameid, p.lat, p.lon, p.name): (p.lon, p.lat)
        for doc in docs
        for p in doc.places
        if p.lat is not None and p.lon is not None
    }


def _check_map(body: dict[str, Any], docs: list[AnnotatedArticle], story_of: dict[str, str]) -> None:
    """Each pin's coordinates, article and story counts as the articles say; the most named first."""
    assert body["type"] == "FeatureCollection" and body["features"]
    where = _coordinates(tuple(docs))
    for feature in body["features"]:
        key = feature["id"]
        props = feature["properties"]
        naming = [d for d in docs if key in _place_keys(d)]
        assert feature["geometry"] == {"type": "Point", "coordinates": list(where[key])}
        assert props["link"].startswith("/entities/geonames%3A") or props["link"].startswith("/entities/")
        # The store counts a place its entities name; an analyze document also its resolved places.
        assert props["articles"] == len(naming) or props["articles"] == len(
            [d for d in naming if key in {e.join_key for e in d.entities}]
        )
        stories = Counter(story_of[d.article.id] for d in naming if key in {e.join_key for e in d.entities})
        assert props["stories"] in (len(stories), len({story_of[d.article.id] for d in naming}))
        assert props["top_stories"] and all(s["link"] == "/stories/" + s["id"] for s in props["top_stories"])
        counts = [s["articles"] for s in props["top_stories"]]
        assert counts == sorted(counts, reverse=True) and sum(counts) <= props["articles"]
    ranks = [f["properties"]["articles"] for f in body["features"]]
    assert ranks == sorted(ranks, reverse=True)


def test_store_map_pins_counts_filters_and_bounds(stored: tuple[httpx.Client, list[Story]]) -> None:
    client, stories = stored
    docs = list(demo_articles())
    story_of = {a: s.id for s in stories for a in s.articles}
    body = client.get("/api/map").json()
    _check_map(body, docs, story_of)
    named = set().union(*(_place_keys(d) for d in docs))
    assert body["places"] <= len(named) and not body["truncated"]
    assert len(body["features"]) + body["unlocated"] == body["places"]
    # Kyrgyzstan is named in more than one story; its pin links to each.
    top = body["features"][0]["properties"]
    assert top["stories"] >= 2 and len(top["top_stories"]) == top["stories"]

    russian = [d for d in docs if d.article.language == "ru"]
    only_ru = client.get("/api/map", params={"language": "ru"}).json()
    _check_map(only_ru, russian, story_of)
    assert only_ru["places"] < body["places"]

    few = client.get("/api/map", params={"limit": 3}).json()
    assert few["limit"] == 3 and few["truncated"] and few["places"] == body["places"]
    assert len(few["features"]) + few["unlocated"] == 3
    assert client.get("/api/map", params={"since": "2031-01-01"}).json()["features"] == []


def _check_timeline(body: dict[str, Any], members: dict[str, list[AnnotatedArticle]]) -> None:
    for lane in body["stories"]:
        docs = members[lane["story"]["id"]]
        entries = lane["entries"]
        reports = [e for e in entries if e["kind"] == "report"]
        events = [e for e in entries if e["kind"] == "event"]
        dated = sum(1 for d in docs if d.article.published)
        resolved = sum(1 for d in docs for t in d.times if t.value)
        assert lane["entries_total"] == dated + resolved and lane["articles_read"] == len(docs)
        if lane["entries_total"] <= body["entry_limit"]:
            assert (len(reports), len(events)) == (dated, resolved)
        else:  # the earliest entries, as many as the bound allows
            assert len(entries) == body["entry_limit"] and reports and events
        assert lane["story"]["link"] == "/stories/" + lane["story"]["id"]
        keys = [sort_key(e["value"]) for e in entries]
        assert keys == sorted(keys)
        assert all(e["link"].startswith("/articles/" + e["article_id"]) for e in entries)


def test_store_timeline_per_story_event_and_report_time(stored: tuple[httpx.Client, list[Story]]) -> None:
    client, stories = stored
    by_id = {d.article.id: d for d in demo_articles()}
    members = {s.id: [by_id[a] for a in s.articles] for s in stories}
    body = client.get("/api/timeline").json()
    assert body["total"] == len(stories) == len(body["stories"])
    assert [lane["story"]["id"] for lane in body["stories"]] == [
        s["id"] for s in client.get("/api/stories").json()["items"]
    ]
    _check_timeline(body, members)
    ru = {sid: [d for d in docs if d.article.language == "ru"] for sid, docs in members.items()}
    only_ru = client.get("/api/timeline", params={"language": "ru"}).json()
    assert only_ru["total"] == sum(1 for docs in ru.values() if docs)
    _check_timeline(only_ru, ru)
    second = client.get("/api/timeline", params={"limit": 1, "offset": 1}).json()
    assert [lane["story"]["id"] for lane in second["stories"]] == [body["stories"][1]["story"]["id"]]


@pytest.mark.parametrize(
    "path",
    [
        "/api/map?limit=0",
        "/api/map?limit=5000",
        "/api/map?limit=many",
        "/api/map?since=yesterday",
        "/api/timeline?limit=51",
        "/api/timeline?offset=-1",
        "/api/timeline?until=soon",
        "/map?since=yesterday",
        "/timeline?limit=500",
    ],
)
def test_bad_map_and_timeline_parameters_are_a_4xx(
    stored: tuple[httpx.Client, list[Story]], path: str
) -> None:
    response = stored[0].get(path)
    assert 400 <= response.status_code < 500, (path, response.status_code, response.text)
    if path.startswith("/api/"):
        assert set(response.json()) == {"error"} and response.json()["error"]["code"]


def test_map_and_timeline_pages_link_every_pin_and_item_to_its_story(
    stored: tuple[httpx.Client, list[Story]],
) -> None:
    client, stories = stored
    header = '<a href="/map">Map</a> <a href="/timeline">Timeline</a>'
    map_page = client.get("/map").text
    timeline_page = client.get("/timeline").text
    assert header in map_page and header in client.get("/").text
    assert 'id="overview-map"' in map_page and 'data-api="/api/map?"' in map_page
    assert 'id="overview-timeline"' in timeline_page
    for story in stories:
        assert f'href="/stories/{story.id}"' in timeline_page
    pins = client.get("/api/map").json()["features"]
    assert map_page.count('class="pin-row"') == len(pins)
    filtered = client.get("/map", params={"language": "ru"}).text
    assert 'data-api="/api/map?language=ru"' in filtered


def test_document_map_and_timeline(document_client: httpx.Client, demo_document: dict[str, Any]) -> None:
    docs = [AnnotatedArticle.from_dict(a) for a in demo_document["articles"]]
    story_of = {d.article.id: "all" for d in docs}
    body = document_client.get("/api/map").json()
    _check_map(body, docs, story_of)
    assert body["places"] == len(set().union(*(_place_keys(d) for d in docs)))
    assert all(f["properties"]["top_stories"][0]["id"] == "all" for f in body["features"])
    timeline = document_client.get("/api/timeline").json()
    assert timeline["total"] == 1
    _check_timeline(timeline, {"all": docs})
    assert document_client.get("/api/timeline?limit=51").status_code == 400
    schema = document_client.get("/openapi.json").json()
    assert {"/api/map", "/api/timeline"} <= set(schema["paths"])
