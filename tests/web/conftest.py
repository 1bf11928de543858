"""Shared fixtures of the web tests: the demo corpus and a hostile corpus analysed once per
session, and real servers (uvicorn on a free loopback port) over each."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from tests.pipeline_helpers import default_annotator, shared_resources
from tests.web import xss_corpus
from wirewatch.desk import DocumentSource
from wirewatch.ingest.files import iter_documents
from wirewatch.present.json_output import report_to_json
from wirewatch.run import Pipeline, run
from wirewatch.sinks import CollectingSink
from wirewatch.web import create_app

DEMO = Path(__file__).resolve().parent.parent.parent / "demo" / "corpus"
CHROMIUM = Path("/usr/bin/chromium")


def analyse(paths: list[str]) -> dict[str, Any]:
    """The analyze JSON document of ``paths``, through the real pipeline."""
    report = CollectingSink()
    run(iter_documents(paths), report, pipeline=Pipeline(default_annotator(), shared_resources().catalog))
    document: dict[str, Any] = report_to_json(report.articles, report.errors)
    return document


class LiveServer:
    """A uvicorn server in a thread on a free loopback port."""

    def __init__(self, app: Any) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        )
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)


@pytest.fixture(scope="session")
def demo_document() -> dict[str, Any]:
    document = analyse([str(DEMO)])
    assert document["errors"] == [] and len(document["articles"]) == 18
    return document


@pytest.fixture(scope="session")
def demo_server(demo_document: dict[str, Any]) -> Iterator[LiveServer]:
    with LiveServer(create_app(DocumentSource(demo_document))) as server:
        yield server


@pytest.fixture(scope="session")
def hostile_document(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The XSS corpus analysed, then every displayed string of the output made hostile too (an
    analyze document is itself input the server must not trust)."""
    folder = tmp_path_factory.mktemp("xss")
    xss_corpus.write(folder)
    document = analyse([str(folder)])
    assert document["articles"], document["errors"]
    return xss_corpus.poison(json.loads(json.dumps(document)))


@pytest.fixture(scope="session")
def hostile_server(hostile_document: dict[str, Any]) -> Iterator[LiveServer]:
    with LiveServer(create_app(DocumentSource(hostile_document))) as server:
        yield server


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is not installed: apt-get install chromium (.ci/run does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield launched
        launched.close()
