"""Linking in the store (issues 13 and 14) on both back ends: the seeds and the demo corpus become
the stories, derivations and claims that demo/README.md and the issues state; re-ingesting
changes nothing; an updated article is linked again; a batch that fails leaves no link behind;
the nearest-neighbour index is loaded from the store once and then incrementally."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from tests.store_helpers import demo_articles
from wirewatch.model import AnnotatedArticle, OriginSourcing
from wirewatch.settings import load_settings
from wirewatch.store import AddOutcome, Store
from wirewatch.store.ingest import ingest_paths
from wirewatch.store.link_state import _INDEXES, SqlLinkState
from wirewatch.store.linking import StoreLinker, assessed_members

# demo/README.md, "Stories": the files of each story.
S1_FILES = ("01_", "02_", "03_", "04_", "05_", "06_", "07_", "08_", "naryn", "zolotaryov")
S2_FILES = ("09_", "quake")
S3_FILES = ("13_", "14_", "15_", "16_", "17_", "18_")
LINK_TABLES = ("stories", "story_articles", "duplicates", "derivations", "story_claims", "link_articles",
               "link_bands", "link_postings", "link_key_counts", "link_stories", "link_counters",
               "link_origin_records")


@pytest.fixture(scope="module")
def linker() -> StoreLinker:
    """One linker (one embedder) for the module."""
    return StoreLinker.from_settings(load_settings(None))


def _name(doc: AnnotatedArticle) -> str:
    source = doc.article.source
    return doc.article.id if "feed.jsonl" in source else Path(source).name


def _story_files(store: Store) -> dict[str, set[str]]:
    names = {doc.article.id: _name(doc) for doc in demo_articles()}
    with store.engine.connect() as connection:
        rows = connection.execute(text("SELECT story_id, article_id FROM story_articles")).all()
    out: dict[str, set[str]] = {}
    for story_id, article_id in rows:
        out.setdefault(story_id, set()).add(names.get(article_id, article_id))
    return out


def _matches(files: set[str], wanted: tuple[str, ...]) -> bool:
    return len(files) == len(wanted) and all(any(w in f for f in files) for w in wanted)


def _snapshot(store: Store) -> dict[str, list[Any]]:
    with store.engine.connect() as connection:
        return {table: sorted(map(repr, connection.execute(text(f"SELECT * FROM {table}")).all()))
                for table in LINK_TABLES}


def test_demo_stories_duplicates_claims_and_reingest(store_url: str, linker: StoreLinker) -> None:
    docs = demo_articles()
    with Store.open(store_url) as store:
        assert store.add_many(docs, then=linker.link) == [AddOutcome.ADDED] * len(docs)
        stories = _story_files(store)
        assert len(stories) == 3
        s1 = next(s for s, files in stories.items() if _matches(files, S1_FILES))
        s2 = next(s for s, files in stories.items() if _matches(files, S2_FILES))
        assert any(_matches(files, S3_FILES) for files in stories.values())
        stats = store.stats()
        assert (stats.stories, stats.duplicates) == (3, 1)
        by_name = {_name(d): d.article.id for d in docs}
        with store.engine.connect() as connection:
            (dup,) = connection.execute(text("SELECT article_id, duplicate_of FROM duplicates")).all()
            row = connection.execute(text("SELECT title, first_seen, last_updated, languages FROM stories "
                                          "WHERE id = :s"), {"s": s1}).one()
        a02 = next(v for k, v in by_name.items() if k.startswith("02_"))
        a04 = next(v for k, v in by_name.items() if k.startswith("04_"))
        assert tuple(dup) == (a04, a02)  # demo/README.md: A04 is a partial copy of A02
        # demo/README.md: first seen 17 June (A01), last updated 23 June (A08).
        assert row.first_seen.startswith("2026-06-17") and row.last_updated.startswith("2026-06-23")
        languages = json.loads(row.languages) if isinstance(row.languages, str) else row.languages
        assert languages == ["en", "ru"]

        kinds = {(d.article, str(d.kind)) for d in store.derivations(s1)}
        a03 = next(v for k, v in by_name.items() if k.startswith("03_"))
        assert (a02, "citation") in kinds and (a03, "translation") in kinds and (a04, "reuse") in kinds
        claims = store.story_claims(s1)
        assert claims and all(c.story == s1 for c in claims)
        assert max(c.independent_origins for c in claims) >= 2  # the offer: the scoop and the ministry
        assert all(c.story == s2 for c in store.story_claims(s2))
        before = _snapshot(store)
        assert store.add_many(docs, then=linker.link) == [AddOutcome.UNCHANGED] * len(docs)
        assert _snapshot(store) == before


def test_seeds_one_story_kommersant_citation_one_origin(store_url: str, linker: StoreLinker,
                                                         seeds_dir: Path) -> None:
    from tests.pipeline_helpers import default_annotator, shared_resources
    from wirewatch.run import Pipeline

    pipeline = Pipeline(default_annotator(), shared_resources().catalog)
    with Store.open(store_url) as store:
        report = ingest_paths(store, [seeds_dir], load_settings(None), pipeline=pipeline, linker=linker)
        assert report.counts["added"] == 2 and report.errors == []
        assert store.stats().stories == 1
        (story_id,) = _story_files(store)
        docs = list(store.articles())
        fmt = next(d for d in docs if d.article.outlet == "Free Malaysia Today")
        scoop = next(d for d in docs if d is not fmt)
        cited = [d for d in store.derivations(story_id)
                 if d.article == fmt.article.id and d.derived_from.outlet == "Kommersant"]
        assert [str(d.kind) for d in cited] == ["citation"]
        offers = [c for c in store.story_claims(story_id) if c.subject == "Vladimir Putin"
                  and c.predicate == "offer" and set(c.reported_by) == {fmt.article.id, scoop.article.id}]
        (offer,) = offers
        assert offer.independent_origins == 1
        assert [(o.key, o.sourcing) for o in offer.origins] == [
            ("outlet:kommersant", OriginSourcing.ANONYMOUS)]
        assert "Kremlin" in {n.subject for n in offer.non_answers}


def test_an_updated_article_is_linked_again(store_url: str, linker: StoreLinker) -> None:
    docs = demo_articles()
    quake = next(d for d in docs if _name(d).startswith("09_"))
    denial = next(d for d in docs if _name(d).startswith("06_"))
    with Store.open(store_url) as store:
        store.add_many(docs, then=linker.link)
        before = _story_files(store)
        s1 = next(s for s, files in before.items() if _matches(files, S1_FILES))
        s2 = next(s for s, files in before.items() if _matches(files, S2_FILES))
        # The quake page's address now carries the denial's text: the same article, another event.
        moved = replace(denial, article=replace(denial.article, id=quake.article.id, url=quake.article.url,
                                                source=quake.article.source))
        assert store.add_many([moved], then=linker.link) == [AddOutcome.UPDATED]
        stories = _story_files(store)
        assert quake.article.id in {a for a in _members(store, s1)}
        assert set(stories) == set(before) and len(stories[s2]) == 1  # the Russian quake report stays, alone
        with store.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM link_articles")).scalar_one() == len(docs)
            members = connection.execute(text("SELECT count(*) FROM story_articles")).scalar_one()
        assert members == len(docs)
        assert {c.story for c in store.story_claims()} <= set(stories)
        # The page's earlier version read again does not roll the article back, nor its links.
        assert store.add_many([quake], then=linker.link) == [AddOutcome.UNCHANGED]
        assert quake.article.id in _members(store, s1)


def _members(store: Store, story_id: str) -> set[str]:
    with store.engine.connect() as connection:
        return set(connection.execute(text("SELECT article_id FROM story_articles WHERE story_id = :s"),
                                      {"s": story_id}).scalars())


def test_a_failed_batch_leaves_no_link_and_the_index_loads_incrementally(store_url: str,
                                                                          linker: StoreLinker) -> None:
    docs = demo_articles()

    def fails(connection: Any, done: list[tuple[AnnotatedArticle, AddOutcome]]) -> None:
        linker.link(connection, done)
        raise RuntimeError("killed mid-batch")

    with Store.open(store_url) as store:
        with pytest.raises(RuntimeError):
            store.add_many(docs[:6], then=fails)
        assert store.stats().articles == 0
        assert all(rows == [] for rows in _snapshot(store).values())
        store.add_many(docs[:6], then=linker.link)
        store.add_many(docs[6:], then=linker.link)
        with store.engine.begin() as connection:
            state = SqlLinkState(connection, linker.embedder.dim)
            index = state._index
            # Loaded up to the newest vector, each stored vector once (the failed batch's never).
            assert index.loaded == connection.execute(text("SELECT max(seq) FROM link_articles")).scalar_one()
            assert len(index.index) == len(docs)
            doc = docs[0]
            vector = linker.embedder.embed([doc.article.title or ""])[0]
            assert len(state.nearest(vector, 3)) == 3
            loaded = index.loaded
        with store.engine.begin() as connection:
            again = SqlLinkState(connection, linker.embedder.dim)
            assert again._index is index and index.loaded == loaded  # once per process, nothing reloaded
        assert index in _INDEXES.values()


def test_assessed_members_are_capped() -> None:
    ids = [f"a{n}" for n in range(10)]
    assert assessed_members(ids, 20) == ids
    assert assessed_members(ids, 4) == ["a0", "a1", "a8", "a9"]
    assert assessed_members(ids, 5) == ["a0", "a1", "a2", "a8", "a9"]


def _json_out(capsys: pytest.CaptureFixture[str], argv: list[str], code: int = 0) -> Any:
    from wirewatch.cli import main

    assert main(argv) == code
    return json.loads(capsys.readouterr().out)


def test_cli_ingest_links_and_the_story_commands(store_url: str, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from wirewatch.present.json_output import document_header

    docs = demo_articles()
    saved = tmp_path / "demo.jsonl"
    saved.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n"
                             for line in [document_header(), *(d.to_dict() for d in docs)]), encoding="utf-8")
    db = ["--db", store_url]
    counts = _json_out(capsys, ["ingest", str(saved), *db, "--json", "-q", "--no-link"])
    assert counts["added"] == len(docs)
    assert _json_out(capsys, ["stories", *db, "--json"]) == {"stories": []}
    # Unchanged articles never linked are linked by the next ingest that links.
    counts = _json_out(capsys, ["ingest", str(saved), *db, "--json", "-q"])
    assert counts["unchanged"] == len(docs)
    stats = _json_out(capsys, ["stats", *db, "--json"])
    assert (stats["stories"], stats["duplicates"]) == (3, 1)
    listed = _json_out(capsys, ["stories", *db, "--json"])["stories"]
    assert sorted(len(s["articles"]) for s in listed) == [2, 6, 10]
    listed.sort(key=lambda s: -len(s["articles"]))  # the talks (S1) first
    assert set(listed[0]) == {"id", "title", "articles", "first_seen", "last_updated", "languages", "outlets"}
    first = listed[0]["id"]
    shown = _json_out(capsys, ["story", first, *db, "--json"])
    assert set(shown) == {"story", "articles", "duplicates", "derivations", "claims"}
    assert shown["story"] == listed[0] and [a["id"] for a in shown["articles"]] == listed[0]["articles"]
    assert {d["kind"] for d in shown["derivations"]} >= {"citation", "translation", "reuse"}
    for derivation in shown["derivations"]:
        assert {"article", "derived_from", "kind", "evidence"} <= set(derivation)
        assert set(derivation["derived_from"]) >= {"article", "outlet"}
    claims = _json_out(capsys, ["claims", "--story", first, *db, "--json"])
    assert claims["story"] == first and claims["claims"] == shown["claims"] and claims["claims"]
    for claim in claims["claims"]:
        assert {"id", "text", "story", "reported_by", "origins", "independent_origins", "sourcing",
                "contradicted_by", "non_answers", "grade", "reasons"} <= set(claim)
        assert set(claim["grade"]) == {"reliability", "credibility"} and claim["story"] == first
    every = _json_out(capsys, ["claims", *db, "--json"])["claims"]
    assert len(every) >= len(claims["claims"])
    exported = _json_out(capsys, ["export", *db, "--story", first, "-q"])
    assert [s["id"] for s in exported["stories"]] == [first] and len(exported["articles"]) == 10
    assert exported["claims"] == claims["claims"] and exported["derivations"] == shown["derivations"]
    from wirewatch.cli import main

    assert main(["brief", first, *db, "-q"]) == 0
    assert capsys.readouterr().out.startswith("# Brief: ")
    assert main(["story", "s404", *db]) == 2
    assert "no story 's404'" in capsys.readouterr().err
    assert main(["export", *db, str(saved)]) == 2
