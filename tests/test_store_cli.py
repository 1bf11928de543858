"""The store commands over real databases on both back ends: ingest, stats, search, reanalyze
(JSON outputs parsed), exit codes, and a large ingest killed with SIGKILL at random points."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select, text

from tests.store_helpers import REPO_ROOT, demo_articles, variant
from wirewatch.cli import main
from wirewatch.model import AnnotatedArticle, Provenance
from wirewatch.present.json_output import document_header
from wirewatch.store import Store
from wirewatch.store.schema import ArticleRow


def _write_jsonl(path: Path, docs: list[AnnotatedArticle]) -> Path:
    lines = [document_header(), *(d.to_dict() for d in docs)]
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    return path


def _json_out(capsys: pytest.CaptureFixture[str], argv: list[str], code: int = 0) -> object:
    assert main(argv) == code
    return json.loads(capsys.readouterr().out)


def test_ingest_stats_search_commands(store_url: str, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    docs = list(demo_articles())
    saved = _write_jsonl(tmp_path / "demo.jsonl", docs)
    db = ["--db", store_url]
    counts = _json_out(capsys, ["ingest", str(saved), *db, "--json", "-q"])
    assert counts == {"added": len(docs), "unchanged": 0, "updated": 0, "reanalysed": 0, "errors": 0}
    counts = _json_out(capsys, ["ingest", str(saved), *db, "--json", "-q"])
    assert counts == {"added": 0, "unchanged": len(docs), "updated": 0, "reanalysed": 0, "errors": 0}
    stats = _json_out(capsys, ["stats", *db, "--json"])
    with Store.open(store_url) as store:
        assert stats == store.stats().to_dict()
        assert isinstance(stats, dict) and stats["articles"] == len(docs)
    found = _json_out(capsys, ["search", "плотину", *db, "--json", "--limit", "3"])
    assert isinstance(found, dict) and found["query"] == "плотину" and 1 <= len(found["hits"]) <= 3
    for hit in found["hits"]:
        assert set(hit) == {"id", "title", "url", "outlet", "published", "language", "snippet", "rank"}
        assert "плотин" in hit["snippet"].casefold()
    assert main(["search", "плотину", *db]) == 0
    assert "плотин" in capsys.readouterr().out.casefold()


def test_ingest_analyses_pages_and_reports_bad_inputs(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'news.db'}"
    page = REPO_ROOT / "demo" / "corpus" / "09_tienshan_quake_en.txt"
    assert main(["ingest", str(page), str(tmp_path / "missing.txt"), "--db", db, "--json"]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out) == {"added": 1, "unchanged": 0, "updated": 0, "reanalysed": 0,
                                        "errors": 1}
    assert "missing.txt" in captured.err
    with Store.open(db) as store:
        assert [h.title for h in store.search("earthquakes")] == [
            next(d.article.title for d in demo_articles() if d.article.source.endswith(page.name))]


def test_store_errors_are_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--db", "mysql://nobody@localhost/x"]) == 2
    assert "unsupported database URL" in capsys.readouterr().err
    assert main(["stats", "--db", "postgresql://nobody@127.0.0.1:1/none"]) == 2
    assert "cannot open the store" in capsys.readouterr().err
    assert main(["search", "x", "--db", f"sqlite:///{tmp_path / 'a.db'}", "--limit", "0"]) == 2


def test_database_from_the_environment_and_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("WIREWATCH_DATA_DIR", str(tmp_path / "data"))
    assert _json_out(capsys, ["stats", "--json"]) == {name: 0 for name in (
        "articles", "stories", "entities", "outlets", "languages", "duplicates", "versions")}
    assert (tmp_path / "data" / "wirewatch.db").is_file()
    monkeypatch.setenv("WIREWATCH_DB", f"sqlite:///{tmp_path / 'env.db'}")
    assert main(["stats"]) == 0
    assert (tmp_path / "env.db").is_file()


def test_reanalyze_command(store_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    doc = demo_articles()[0]
    with Store.open(store_url) as store:
        stale = replace(doc, produced_by=Provenance("0.0.1", "old"), entities=())
        store.add_many([stale, demo_articles()[3]])
    counts = _json_out(capsys, ["reanalyze", "--db", store_url, "--json", "-q"])
    assert isinstance(counts, dict) and counts["reanalysed"] == 1 and counts["errors"] == 0
    with Store.open(store_url) as store:
        assert store.get_article(doc.article.id) == doc
    counts = _json_out(capsys, ["reanalyze", "--db", store_url, "--json", "-q"])
    assert isinstance(counts, dict) and sum(counts.values()) == 0


def _consistency(store: Store) -> dict[str, int]:
    """Row counts that must agree whatever moment a writer died at (or while one writes), read
    in one snapshot."""
    with store.engine.connect() as connection:
        if store.dialect == "postgresql":
            connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            def one(sql: str) -> int:
                return int(connection.execute(text(sql)).scalar_one())

            counts = {
                "articles": one("SELECT count(*) FROM articles"),
                "search_documents": one("SELECT count(*) FROM search_documents"),
                "articles_without_search": one(
                    "SELECT count(*) FROM articles a WHERE NOT EXISTS "
                    "(SELECT 1 FROM search_documents d WHERE d.article_id = a.id)"),
                "entities": one("SELECT count(*) FROM entities"),
                # Linked in the same transaction: every article in exactly one story, indexed once.
                "story_articles": one("SELECT count(*) FROM story_articles"),
                "link_articles": one("SELECT count(*) FROM link_articles WHERE seq IS NOT NULL"),
                "empty_stories": one("SELECT count(*) FROM stories s WHERE NOT EXISTS "
                                     "(SELECT 1 FROM story_articles a WHERE a.story_id = s.id)"),
            }
            if store.dialect == "sqlite":
                counts["fts"] = one("SELECT count(*) FROM search_fts_docsize")
            stored = connection.execute(select(ArticleRow.data)).scalars().all()
    assert len(stored) == counts["articles"]
    assert counts["search_documents"] == counts["articles"] and counts["articles_without_search"] == 0
    assert counts["entities"] == sum(len(data["entities"]) for data in stored)
    assert counts.get("fts", counts["articles"]) == counts["articles"]
    assert counts["story_articles"] == counts["link_articles"] == counts["articles"]
    assert counts["empty_stories"] == 0
    return counts


def _count(store: Store) -> int:
    with store.engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM articles")).scalar_one())


def test_sigkill_during_a_large_ingest_loses_and_doubles_nothing(store_url: str, tmp_path: Path) -> None:
    base = demo_articles()
    total = 240
    docs = [variant(base[n % len(base)], n) for n in range(total)]
    saved = _write_jsonl(tmp_path / "many.jsonl", docs)
    command = [sys.executable, "-m", "wirewatch.cli", "ingest", str(saved), "--db", store_url, "-q"]
    # Linked as ingest does by default; stories assessed on a few articles each, to keep it quick.
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "WIREWATCH_BATCH_SIZE": "16",
           "WIREWATCH_LINK_ASSESS_ARTICLES": "4"}
    chance = random.Random(13)
    kills = 0
    with Store.open(store_url) as store:  # the schema exists before the first count
        for _ in range(3):
            stored = _consistency(store)["articles"]
            target = stored + chance.randint(1, 60)
            process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            while process.poll() is None and _count(store) < target:
                time.sleep(chance.uniform(0.0, 0.05))
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                kills += 1
            process.wait()
            assert _consistency(store)["articles"] >= stored
        assert kills >= 2, "the ingest finished before it could be killed: make it larger"
        finished = subprocess.run(command, env=env, capture_output=True, text=True)
        assert finished.returncode == 0, finished.stderr
        final = _consistency(store)
        assert final["articles"] == total
        assert final["entities"] == sum(len(doc.entities) for doc in docs)
        assert store.stats().versions == 0
        assert store.add_many(docs[:50]) == ["unchanged"] * 50


def test_ingest_paths_service_reports_counts_errors_and_warnings(tmp_path: Path) -> None:
    from wirewatch.settings import load_settings
    from wirewatch.store.ingest import IngestReport, ingest_paths

    docs = list(demo_articles())[:3]
    saved = _write_jsonl(tmp_path / "three.jsonl", docs)
    with Store.open(f"sqlite:///{tmp_path / 'news.db'}") as store:
        report = ingest_paths(store, [saved, tmp_path / "missing.txt"], load_settings(None), link=False)
        assert isinstance(report, IngestReport)
        assert report.counts == {"added": 3, "unchanged": 0, "updated": 0, "reanalysed": 0}
        assert len(report.errors) == 1 and "missing.txt" in report.errors[0]
        assert "\n" not in report.errors[0]
        again = ingest_paths(store, [str(saved)], load_settings(None), link=False)
        assert again.counts["unchanged"] == 3 and again.errors == [] and again.to_dict()["errors"] == 0
        assert store.stats().articles == 3
