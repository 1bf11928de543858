"""The JSON API over HTTP against a real server (uvicorn on loopback) over the analysed demo."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import httpx
import pytest
from starlette.requests import Request

from tests.web.conftest import LiveServer
from wirewatch.cli import main
from wirewatch.desk import DocumentSource
from wirewatch.web import create_app
from wirewatch.web.security import WriteRefused, check_write


@pytest.fixture(scope="module")
def client(demo_server: LiveServer) -> httpx.Client:
    return httpx.Client(base_url=demo_server.url, timeout=30)


def _error(response: httpx.Response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] == code
    message: str = body["error"]["message"]
    assert message
    return message


def test_stories_story_article_entity_and_claims(client: httpx.Client, demo_document: dict[str, Any]) -> None:
    stories = client.get("/api/stories").json()
    assert stories["total"] == 1 and stories["limit"] == 20 and stories["offset"] == 0
    [story] = stories["items"]
    assert (story["articles"], story["outlets"], story["languages"]) == (18, 10, 2)
    view = client.get(f"/api/stories/{story['id']}").json()
    assert {
        "summary",
        "articles",
        "nodes",
        "edges",
        "claims",
        "speakers",
        "places",
        "timeline",
        "comments",
    } <= set(view)
    assert {e["kind"] for e in view["timeline"]} == {"event", "report"}
    assert len(view["comments"]) == sum(len(a["comments"]) for a in demo_document["articles"])
    first = demo_document["articles"][0]
    article = client.get(f"/api/articles/{first['id']}").json()
    assert article["document"]["body"] == first["body"] and article["story_id"] == story["id"]
    entity_id = next(e["join_key"] for e in first["entities"] if e["type"] == "person")
    entity = client.get(f"/api/entities/{quote(entity_id, safe='')}").json()
    assert entity["id"] == entity_id and entity["articles"]
    claims = client.get("/api/claims", params={"limit": 200}).json()
    assert claims["total"] == sum(len(a["claims"]) for a in demo_document["articles"])
    assert client.get("/api/claims", params={"story": story["id"], "language": "ru"}).json()["total"] == sum(
        len(a["claims"]) for a in demo_document["articles"] if a["language"] == "ru"
    )


def test_pagination_and_filters(client: httpx.Client) -> None:
    everything = client.get("/api/claims", params={"limit": 200}).json()
    page = client.get("/api/claims", params={"limit": 5, "offset": 5}).json()
    assert page["items"] == everything["items"][5:10] and page["total"] == everything["total"]
    assert client.get("/api/stories", params={"since": "2030-01-01"}).json()["total"] == 0
    assert (
        client.get("/api/stories", params={"language": "ru", "place": "geonames:1528675"}).json()["total"]
        == 1
    )
    assert client.get("/api/stories", params={"outlet": "Kestrel News Agency"}).json()["total"] == 1
    assert client.get("/api/stories", params={"outlet": "No Such Outlet"}).json()["total"] == 0


def test_search(client: httpx.Client) -> None:
    hits = client.get("/api/search", params={"q": "Vostrikov"}).json()["items"]
    kinds = {h["kind"] for h in hits}
    assert {"entity", "article"} <= kinds
    article_hit = next(h for h in hits if h["kind"] == "article")
    assert "Vostrikov" in article_hit["snippet"] and "#s=" in article_hit["link"]


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/stories/no-such-story", 404, "not_found"),
        ("/api/articles/no-such-article", 404, "not_found"),
        ("/api/entities/person:nobody", 404, "not_found"),
        ("/api/claims?story=nope", 404, "not_found"),
        ("/api/no-such-endpoint", 404, "not_found"),
        ("/api/stories?limit=0", 400, "bad_parameter"),
        ("/api/stories?limit=abc", 400, "bad_parameter"),
        ("/api/stories?offset=-1", 400, "bad_parameter"),
        ("/api/stories?limit=99999999999999999999999", 400, "bad_parameter"),
        ("/api/stories?since=yesterday", 400, "bad_parameter"),
        ("/api/claims?until=" + "9" * 100, 400, "bad_parameter"),
        ("/api/search", 400, "bad_parameter"),
        ("/api/search?q=%20%20", 400, "bad_parameter"),
        ("/api/search?q=" + "x" * 600, 400, "bad_parameter"),
        ("/api/stories?entity=" + "e" * 5000, 400, "bad_parameter"),
    ],
)
def test_one_error_shape_for_bad_input(client: httpx.Client, path: str, status: int, code: str) -> None:
    _error(client.get(path), status, code)


def test_never_a_500_for_odd_input(client: httpx.Client) -> None:
    odd = [
        "",
        " ",
        "%00",
        "\u202e",
        "../../etc/passwd",
        "<script>",
        "'; DROP TABLE x;--",
        "🙂" * 50,
        "%ff%fe",
        "a/b/c",
        "..",
        "%2e%2e%2f",
    ]
    for value in odd:
        for path in (
            f"/api/stories/{value}",
            f"/api/articles/{value}",
            f"/api/entities/{value}",
            f"/api/search?q={value}",
            f"/api/stories?place={value}&since={value}",
            f"/stories/{value}",
            f"/search?q={value}",
        ):
            response = client.get(path)
            assert response.status_code < 500, (path, response.text)


def test_method_not_allowed_has_the_error_shape(client: httpx.Client) -> None:
    _error(client.post("/api/stories"), 405, "method_not_allowed")


def test_security_headers_on_pages_api_and_errors(client: httpx.Client) -> None:
    for path in ("/", "/api/stories", "/api/stories/nope", "/static/app.js"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
        assert headers["x-content-type-options"] == "nosniff"


def test_openapi_lists_the_api(client: httpx.Client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/articles/{article_id}",
        "/api/entities/{entity_id}",
        "/api/claims",
        "/api/search",
        "/api/ingest",
    ):
        assert path in paths
    assert "/stories/{story_id}" not in paths  # pages are not the API


def test_ingest_without_a_store_is_a_clear_501(client: httpx.Client) -> None:
    assert "--db" in _error(client.post("/api/ingest"), 501, "no_store")


def test_read_only_and_token_guard_writes(demo_document: dict[str, Any]) -> None:
    source = DocumentSource(demo_document)
    with LiveServer(create_app(source, read_only=True)) as server:
        _error(httpx.post(f"{server.url}/api/ingest"), 403, "read_only")
    with LiveServer(create_app(source, token="s3cret")) as server:
        _error(httpx.post(f"{server.url}/api/ingest"), 401, "token_required")
        _error(
            httpx.post(f"{server.url}/api/ingest", headers={"Authorization": "Bearer wrong"}),
            401,
            "token_required",
        )
        # The right token passes the guard; this source has no store to ingest into.
        _error(
            httpx.post(f"{server.url}/api/ingest", headers={"Authorization": "Bearer s3cret"}),
            501,
            "no_store",
        )


def test_writes_from_beyond_loopback_need_a_token() -> None:
    def request(host: str, auth: str | None = None) -> Request:
        headers = [(b"authorization", auth.encode())] if auth else []
        return Request(
            {
                "type": "http",
                "method": "POST",
                "path": "/api/ingest",
                "headers": headers,
                "client": (host, 40000),
            }
        )

    check_write(request("127.0.0.1"), read_only=False, token=None)
    check_write(request("::1"), read_only=False, token=None)
    with pytest.raises(WriteRefused) as refused:
        check_write(request("10.1.2.3"), read_only=False, token=None)
    assert refused.value.status == 403
    check_write(request("10.1.2.3", "Bearer tok"), read_only=False, token="tok")


def test_serve_refuses_an_open_host_without_a_token_and_a_store_it_lacks(
    tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "doc.json"
    saved.write_text('{"articles": []}', encoding="utf-8")
    assert main(["serve", "--input", str(saved), "--host", "0.0.0.0"]) == 2
    assert "--token" in capsys.readouterr().err
    assert main(["serve", "--db", "mysql://nobody@nowhere/x"]) == 2
    assert "unsupported database URL" in capsys.readouterr().err
    (tmp_path / "bad.json").write_text("[1, 2]", encoding="utf-8")
    assert main(["serve", "--input", str(tmp_path / "bad.json")]) == 2
    assert "not a wirewatch analyze JSON document" in capsys.readouterr().err
