"""Render time of the desk's pages over a store of 10,000 articles on SQLite (issue 15: story,
article and search pages under 300 ms; the map and the timeline across stories measured too).

The store is built quickly: the demo corpus is analysed, linked, derived and assessed once, then
replicated until the store holds ``--articles`` (10,000: 556 copies of the demo's 18 articles):
each copy of an article gets its own id and url, a line added at the end of its body and its
publication date moved one day per copy, and each copy of a story its own id over its copies,
with the derivations and claims of the original written under the new ids. Articles go in
through ``Store.add_many`` (so the search index is the real one); stories, derivations and
claims are written as rows directly, as the linker would write them, since linking 10k articles
anew is not what is measured.

Each page is fetched over HTTP from a real server (uvicorn on loopback) for ``--samples`` random
ids; the time is the full request, rendering included. p50 and p95 per page. Entity pages (not
in the issue's target) are measured too, over a random sample of the stored entities.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import socket
import statistics
import tempfile
import threading
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import uvicorn
from sqlalchemy import insert, select

from bench.common import RESULTS_DIR, write_results
from wirewatch.model import AnnotatedArticle
from wirewatch.store import Store
from wirewatch.store.schema import DerivationRow, EntityRow, StoryArticleRow, StoryClaimRow, StoryRow

REPO = Path(__file__).resolve().parent.parent
TARGET_MS = 300.0
BATCH = 500


def _shift(value: str | None, days: int) -> str | None:
    """An ISO date or timestamp moved by ``days`` (unchanged when it does not start with a date)."""
    if not value or not re.match(r"\d{4}-\d\d-\d\d", value):
        return value
    moved = date.fromisoformat(value[:10]) + timedelta(days=days)
    return moved.isoformat() + value[10:]


def _copy(doc: AnnotatedArticle, number: int) -> AnnotatedArticle:
    article = replace(
        doc.article,
        id=f"{doc.article.id}-c{number}",
        url=f"https://example.org/copies/{number}/{doc.article.id}",
        body=doc.article.body + f"\n\nCopy number {number}.",
        published=_shift(doc.article.published, number),
    )
    return replace(doc, article=article)


def _renamed(data: Any, ids: dict[str, str]) -> Any:
    """``data`` (JSON) with every string that is an article id replaced by its copy's id."""
    if isinstance(data, str):
        return ids.get(data, data)
    if isinstance(data, list):
        return [_renamed(item, ids) for item in data]
    if isinstance(data, dict):
        return {key: _renamed(value, ids) for key, value in data.items()}
    return data


def build_store(url: str, articles: int) -> dict[str, Any]:
    """Fill the store at ``url``; returns what was built and how long it took."""
    from tests.desk_store_helpers import link
    from tests.store_helpers import demo_articles

    started = time.perf_counter()
    docs = list(demo_articles())
    copies = -(-articles // len(docs))
    stories, derivations, claims = link(docs)
    analysed = time.perf_counter() - started
    store = Store.open(url)
    pending: list[AnnotatedArticle] = []
    for number in range(copies):
        for doc in docs:
            pending.append(_copy(doc, number))
            if len(pending) >= BATCH:
                store.add_many(pending)
                pending = []
    if pending:
        store.add_many(pending)
    added = time.perf_counter() - started - analysed
    with store.engine.begin() as connection:
        for number in range(copies):
            ids = {doc.article.id: f"{doc.article.id}-c{number}" for doc in docs}
            for story in stories:
                sid = f"{story.id}-c{number}"
                connection.execute(
                    insert(StoryRow).values(
                        id=sid,
                        title=story.title,
                        first_seen=_shift(story.first_seen, number),
                        last_updated=_shift(story.last_updated, number),
                        languages=list(story.languages),
                        outlets=list(story.outlets),
                    )
                )
                connection.execute(
                    insert(StoryArticleRow), [{"story_id": sid, "article_id": ids[a]} for a in story.articles]
                )
                rows = [
                    {
                        "story_id": sid,
                        "position": i,
                        "article_id": ids.get(d.article, d.article),
                        "kind": str(d.kind),
                        "data": _renamed(d.to_dict(), ids),
                    }
                    for i, d in enumerate(derivations[story.id])
                ]
                if rows:
                    connection.execute(insert(DerivationRow), rows)
                found = []
                for i, claim in enumerate(claims[story.id]):
                    data = _renamed(claim.to_dict(), ids)
                    data["id"], data["story"] = f"{claim.id}-c{number}", sid
                    found.append(
                        {
                            "id": data["id"],
                            "story_id": sid,
                            "position": i,
                            "independent_origins": claim.independent_origins,
                            "reliability": claim.grade.reliability,
                            "credibility": claim.grade.credibility,
                            "data": data,
                        }
                    )
                if found:
                    connection.execute(insert(StoryClaimRow), found)
    written = time.perf_counter() - started - analysed - added
    stats = store.stats()
    store.close()
    return {
        "articles": stats.articles,
        "stories": stats.stories,
        "analyse_link_s": round(analysed, 1),
        "add_articles_s": round(added, 1),
        "write_story_rows_s": round(written, 1),
        "copies": copies,
        "story_ids": [s.id for s in stories],
        "article_ids": [d.article.id for d in docs],
    }


class _Server:
    def __init__(self, app: Any) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        while not self.server.started:
            time.sleep(0.02)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _entity_keys(store: Store) -> list[str]:
    """Every entity's join key in the store, sorted (persons, organisations, outlets, places)."""
    with store.engine.connect() as connection:
        rows = connection.execute(select(EntityRow.join_key).where(EntityRow.join_key != "").distinct())
        return sorted(rows.scalars())


def measure(url: str, built: dict[str, Any], copies: int, samples: int, seed: int = 15) -> dict[str, Any]:
    from wirewatch.desk.store_source import StoreSource
    from wirewatch.web import create_app

    rng = random.Random(seed)
    store = Store.open(url)
    paths: dict[str, list[str]] = {
        "stories list": ["/", "/?language=ru", "/?place=Bishkek", "/?offset=200"],
        "story": [
            f"/stories/{rng.choice(built['story_ids'])}-c{rng.randrange(copies)}" for _ in range(samples)
        ],
        "article": [
            f"/articles/{rng.choice(built['article_ids'])}-c{rng.randrange(copies)}" for _ in range(samples)
        ],
        "entity": [f"/entities/{quote(key, safe='')}" for key in rng.sample(_entity_keys(store), samples)],
        "search": [
            f"/search?q={q}"
            for q in (
                "Bishkek",
                "dam water",
                "Sydykbekov",
                "earthquake",
                "Ташкент",
                "energy minister",
                "Uzbekistan denied",
                "quake Jalal-Abad",
            )
        ],
        # Across stories: the pages and the API their scripts draw from (issue 15's map and timeline).
        "map": ["/map", "/api/map", "/map?language=ru", "/map?place=Bishkek", "/api/map?limit=2000"],
        "timeline": [
            "/timeline",
            "/api/timeline",
            "/timeline?language=ru",
            "/timeline?place=Bishkek",
            "/timeline?offset=200&limit=50",
        ],
    }
    timings: dict[str, list[float]] = {}
    with _Server(create_app(StoreSource(store))) as base, httpx.Client(base_url=base, timeout=60) as client:
        # Warm: the first connection, template compilation, and the word reducers' models (the
        # Russian lemmatiser loads on the first Cyrillic query), which load once per server.
        for path in ("/", "/search?q=Bishkek", "/search?q=Ташкент"):
            client.get(path)
        for page, wanted in paths.items():
            times: list[float] = []
            for round_ in range(
                max(1, samples // len(wanted)) if page in ("stories list", "search", "map", "timeline") else 1
            ):
                for path in wanted:
                    begun = time.perf_counter()
                    response = client.get(path, headers={"accept": "text/html"})
                    times.append((time.perf_counter() - begun) * 1000)
                    if response.status_code != 200:
                        raise SystemExit(f"{path}: {response.status_code} {response.text[:200]}")
                del round_
            timings[page] = times
    store.close()
    return {
        page: {
            "n": len(times),
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(_percentile(times, 0.95), 1),
            "max_ms": round(max(times), 1),
            "under_target": _percentile(times, 0.95) < TARGET_MS,
        }
        for page, times in timings.items()
    }


def write_up(results: dict[str, Any]) -> str:
    b = results["store"]
    lines = [
        "# Desk render time over the store",
        "",
        f"Pages of `wirewatch serve` over a SQLite store of {b['articles']:,} articles in {b['stories']:,} "
        "stories, fetched over HTTP from a local server (full request, rendering included); target: "
        f"under {TARGET_MS:.0f} ms. The store is the demo corpus analysed, linked, derived and assessed once "
        f"and replicated {results['copies']} times (each copy with its own ids, a line added to the body and "
        "dates moved a day per copy); articles added through `Store.add_many` (the real search index), "
        "stories, derivations and claims written as rows directly (`bench/desk_render.py` says how). "
        f"Building took {b['analyse_link_s']} s to analyse and link, {b['add_articles_s']} s to add the "
        f"articles and {b['write_story_rows_s']} s to write the story rows.",
        "",
        "| page | requests | p50 ms | p95 ms | max ms | p95 under target |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for page, row in results["pages"].items():
        lines.append(
            f"| {page} | {row['n']} | {row['p50_ms']} | {row['p95_ms']} | {row['max_ms']} | "
            f"{'yes' if row['under_target'] else 'no'} |"
        )
    lines += ["", "Reproduce: `python -m bench.desk_render` (about as long as the build above)."]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000, help="articles to store (at least)")
    parser.add_argument("--samples", type=int, default=40, help="requests per page")
    parser.add_argument(
        "--db",
        default=None,
        help="store file to build, or to reuse when this script built it before (default: a temporary one)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(args.db) if args.db else Path(folder) / "desk.db"
        url = f"sqlite:///{path}"
        info = path.with_suffix(".built.json")
        if args.db and path.exists() and info.exists():  # a store this script built before
            built = json.loads(info.read_text(encoding="utf-8"))
        else:
            built = build_store(url, args.articles)
            info.write_text(json.dumps(built), encoding="utf-8")
        pages = measure(url, built, built["copies"], args.samples)
    results = {
        "copies": built["copies"],
        "target_ms": TARGET_MS,
        "store": {k: v for k, v in built.items() if not k.endswith("_ids")},
        "pages": pages,
    }
    if args.articles >= 10_000:  # only the full-size run is the published result
        write_results("desk_render", results)
        (RESULTS_DIR / "desk_render.md").write_text(write_up(results), encoding="utf-8")
    print(write_up(results))
    print(json.dumps(pages, indent=2))


if __name__ == "__main__":
    main()
