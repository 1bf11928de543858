"""The XSS corpus (tests/web/xss_corpus.py) analysed by the real pipeline, its output poisoned in
every displayed field, and every page of it viewed in real Chromium: no script may run.

Three independent checks per page: the payloads' own effects (a dialog, ``window.__xss``); the
DOM (no element carries an event-handler attribute, every script is one of ours, no
``javascript:`` link, no frame); and no Content Security Policy violation, which would mean
markup got through the escaping and only the policy stopped it."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest

from tests.web import xss_corpus
from tests.web.conftest import LiveServer

DOM_CHECK = """() => {
  const handlers = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) handlers.push(el.tagName + ' ' + attr.name);
    }
  }
  const scripts = [...document.scripts].map(s => s.getAttribute('src') || 'INLINE');
  const jsLinks = [...document.querySelectorAll('[href],[src],[action]')].map(
      e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action'))
      .filter(v => /^\\s*(javascript|data|vbscript):/i.test(v));
  return {handlers, scripts, jsLinks, frames: document.querySelectorAll('iframe,frame,object,embed').length,
          flag: typeof window.__xss === 'undefined' ? null : window.__xss, text: document.body.innerText};
}"""


def _pages(document: dict[str, Any]) -> list[str]:
    paths = [
        "/",
        "/search?q=script",
        "/search?q=" + quote(xss_corpus.PAYLOADS[0]),
        "/stories/" + quote(xss_corpus.PAYLOADS[0], safe=""),
        "/entities/" + quote(xss_corpus.PAYLOADS[1]),
        "/map",
        "/timeline",
    ]
    paths += ["/stories/" + quote(story["id"], safe="") for story in document["stories"]]
    for article in document["articles"]:
        paths.append("/articles/" + quote(article["id"], safe="") + "#s=0-10")
        paths += ["/entities/" + quote(e["join_key"], safe="") for e in article["entities"][:6]]
    return list(dict.fromkeys(paths))


def test_no_script_runs_on_any_page(
    browser: Any, hostile_server: LiveServer, hostile_document: dict[str, Any]
) -> None:
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
    paths = _pages(hostile_document)
    assert len(paths) > 15
    unshown = []
    for path in paths:
        response = page.goto(hostile_server.url + path)
        assert response is not None and response.status < 500, path
        page.wait_for_load_state("networkidle")
        found = page.evaluate(DOM_CHECK)
        assert found["flag"] is None, path
        assert found["handlers"] == [], (path, found["handlers"])
        assert all(s.startswith("/static/") for s in found["scripts"]), (path, found["scripts"])
        assert found["jsLinks"] == [] and found["frames"] == 0, (path, found)
        # The payloads are shown as the text they are.
        if response.status == 200 and not any(p in found["text"] for p in xss_corpus.PAYLOADS):
            unshown.append(path)
    assert dialogs == []
    assert [m for m in console if "Content Security Policy" in m or "xss" in m.lower()] == []
    assert unshown == []
    context.close()


@pytest.mark.parametrize("field", ["title", "outlet", "author", "speaker", "name"])
def test_hostile_fields_reach_the_pages_escaped(
    hostile_server: LiveServer, hostile_document: dict[str, Any], field: str
) -> None:
    """The corpus really puts payloads in each field the issue names (else the test above proves little)."""
    import httpx

    article = hostile_document["articles"][0]
    html = httpx.get(
        hostile_server.url + "/stories/" + quote(hostile_document["stories"][0]["id"], safe="")
    ).text
    html += httpx.get(hostile_server.url + "/articles/" + quote(article["id"], safe="")).text
    values = {
        "title": article["title"],
        "outlet": article["outlet"],
        "author": next(c["author"] for a in hostile_document["articles"] for c in a["comments"]),
        "speaker": next(
            q["speaker"] for a in hostile_document["articles"] for q in a["quotes"] if q["speaker"]
        ),
        "name": article["entities"][0]["name"],
    }
    value = values[field]
    assert "<" in value
    escaped = (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&#34;")
        .replace("'", "&#39;")
    )
    assert escaped[:40] in html and value[:40] not in html
