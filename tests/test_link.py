"""Linking: near-duplicates and stories, on the demo corpus, the seeds and texts of our own making.

The demo's ground truth (demo/README.md): S1 = A01..A08, A10, A11; S2 = A09, A12 (the English and
the Russian quake reports); S3 = A13..A18 (the port of Poti); A04 is a partial copy of A02. Real
models, real indexes, no mocks.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest

from tests.pipeline_helpers import default_annotator, shared_resources
from wirewatch.ingest.files import iter_documents
from wirewatch.link.batch import BatchLinker
from wirewatch.link.duplicates import link_duplicates
from wirewatch.link.state import MemoryLinkState
from wirewatch.link.stories import LinkInput, assign, utc_published
from wirewatch.model import DuplicateKind
from wirewatch.resources.embeddings import USE_MULTILINGUAL, Embedder, build_embedder
from wirewatch.run import Pipeline, run
from wirewatch.sinks import CollectingSink

DEMO = Path(__file__).resolve().parent.parent / "demo" / "corpus"
S1 = {"01_dvestnik_scoop_ru.html", "02_kestrel_wire_en.html", "03_borderlands_mt_en.txt",
      "04_tienshan_rewrite_en.html", "05_oltinvodiy_denial_ru.html", "06_kestrel_denial_en.html",
      "07_oshweek_local_ru.cp1251.txt", "08_kestrel_followup_en.html",
      "feed-eurasia-observer-2026-06-17-naryn", "feed-tienshan-2026-06-19-zolotaryov"}
S2 = {"09_tienshan_quake_en.txt", "feed-oltinvodiy-2026-06-15-quake"}
S3 = {"13_blacksea_port_halt_en.html", "14_kavexpress_poti_ru.html", "15_blacksea_licence_scoop_en.html",
      "16_kavexpress_licence_ru.html", "17_freightreview_licence_en.html",
      "18_blacksea_licence_followup_en.html"}


@lru_cache(maxsize=1)
def embedder() -> Embedder:
    return build_embedder(USE_MULTILINGUAL)


def _linked(paths: list[Path]) -> CollectingSink:
    sink = CollectingSink(BatchLinker(embedder()))
    run(iter_documents(paths), sink, pipeline=Pipeline(default_annotator(), shared_resources().catalog))
    assert sink.errors == []
    return sink


def _name(article_id: str, source: str) -> str:
    """A demo article's key: its file name, or for a feed record its id (demo/README.md)."""
    return article_id if ".jsonl:" in source else Path(source).name


@pytest.fixture(scope="module")
def demo() -> CollectingSink:
    return _linked([DEMO])


def _named_stories(sink: CollectingSink) -> list[set[str]]:
    names = {doc.article.id: _name(doc.article.id, doc.article.source) for doc in sink.articles}
    return [{names[a] for a in story.articles} for story in sink.stories]


def test_demo_stories_are_s1_s2_and_s3_exactly(demo: CollectingSink) -> None:
    assert sorted(_named_stories(demo), key=len) == [S2, S3, S1]


def test_demo_story_records(demo: CollectingSink) -> None:
    by_size = sorted(demo.stories, key=lambda s: len(s.articles))
    quake, port, talks = by_size
    assert [s.id for s in demo.stories] == ["s1", "s2", "s3"]  # numbered by first article, in input order
    assert set(port.languages) == {"en", "ru"} and "Black Sea Courier" in port.outlets
    assert set(talks.languages) == {"en", "ru"} and set(quake.languages) == {"en", "ru"}
    assert "Kestrel News Agency" in talks.outlets and "Деловой вестник" in talks.outlets
    assert talks.first_seen is not None and talks.first_seen.startswith("2026-06-17")
    assert talks.last_updated is not None and talks.last_updated.startswith("2026-06-23")
    # The English title of the earliest English article (A02), not the Russian scoop's.
    assert talks.title is not None and talks.title.startswith("Russia offered to bankroll")


def test_demo_near_duplicate_is_a04_of_a02(demo: CollectingSink) -> None:
    near = [d for d in demo.duplicates if d.kind == DuplicateKind.NEAR]
    assert [(Path(d.source).name, Path(d.first_source).name) for d in near] == [
        ("04_tienshan_rewrite_en.html", "02_kestrel_wire_en.html")]
    assert 0.3 <= near[0].similarity < 1.0 and near[0].kept


def test_story_title_in_the_language_asked_for(demo: CollectingSink) -> None:
    linker = BatchLinker(embedder(), story_language="ru")
    for doc in demo.articles:
        linker.add(doc)
    talks = max(linker.finish().stories, key=lambda s: len(s.articles))
    assert talks.title is not None and talks.title.startswith("«Вода в обмен на свет»")


def test_seeds_are_one_story(seeds_dir: Path) -> None:
    sink = _linked([seeds_dir])
    assert len(sink.articles) == 2
    assert [len(s.articles) for s in sink.stories] == [2]


def _vector(seed: int, dim: int = 16) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=dim).astype(np.float32)
    return v / np.linalg.norm(v)


def test_adding_an_article_costs_the_same_whatever_the_store_size() -> None:
    """Candidate comparisons for one new article do not grow with the number stored: each
    lookup goes through the indexes (ANN neighbours, key postings, LSH bands)."""
    state = MemoryLinkState(16)
    rng = np.random.default_rng(7)
    costs: dict[int, int] = {}
    for n in range(1, 2001):
        # Unrelated articles: their own names, random topics, distinct texts.
        words = " ".join(f"w{x}" for x in rng.integers(0, 50_000, size=60))
        link_duplicates(f"a{n}", words, state)
        assign(LinkInput(f"a{n}", _vector(n), published="2026-06-01",
                         join_keys=frozenset({f"person:p{n}", "place:everywhere"})), state)
        if n in (100, 2000):
            before = state.comparisons
            probe = " ".join(f"w{x}" for x in rng.integers(0, 50_000, size=60))
            link_duplicates(f"probe{n}", probe, state)
            assign(LinkInput(f"probe{n}", _vector(10_000 + n), published="2026-06-01",
                             join_keys=frozenset({"place:everywhere"})), state)
            costs[n] = state.comparisons - before
    # "place:everywhere" is in every story: too common to find candidates by; the ANN neighbours are
    # bounded. The cost at 2,000 stored is that at 100, give or take the neighbours' stories.
    assert costs[2000] <= costs[100] + 5, costs
    assert costs[2000] <= 60, costs


def test_a_quiet_story_does_not_take_a_new_event() -> None:
    state = MemoryLinkState(16)
    v = _vector(1)
    keys = frozenset({"person:a b", "geonames:1"})
    first = assign(LinkInput("a1", v, published="2026-01-01", join_keys=keys), state)
    again = assign(LinkInput("a2", v, published="2026-01-03", join_keys=keys), state)
    late = assign(LinkInput("a3", v, published="2026-03-01", join_keys=keys), state)
    assert again.story_id == first.story_id and not again.created
    assert late.created and late.story_id != first.story_id


def test_unrelated_same_region_articles_stay_apart() -> None:
    """Two texts of our own about different events in one region (shared places, different
    people, different days) are two stories; a second report of the first event joins it."""
    emb = embedder()
    texts = [
        "Floods in Osh: heavy rain swept away two bridges on Tuesday and the emergency ministry evacuated "
        "300 families from villages near the Kara-Darya river, officials said.",
        "Kyrgyzstan and Uzbekistan sign a border trade agreement in Osh; Prime Minister Adylbek "
        "Kasymaliev said new customs posts would open in the autumn to speed up trucks to the Fergana "
        "Valley.",
        "Rescuers evacuated hundreds of families after floods destroyed two bridges near Osh on Tuesday, the "
        "Kyrgyz emergency ministry said; the Kara-Darya river burst its banks after heavy rain.",
    ]
    vectors = emb.embed(texts)
    state = MemoryLinkState(emb.dim)
    region = frozenset({"geonames:1527534", "geonames:1527747"})  # Osh, Kyrgyzstan
    river = region | {"place:kara-daria"}
    flood = assign(LinkInput("f1", vectors[0], published="2026-05-12", join_keys=river,
                             event_days=frozenset({739748})), state)
    trade = assign(LinkInput("t1", vectors[1], published="2026-05-13",
                             join_keys=region | {"person:adilbek kasimaliev"}), state)
    flood2 = assign(LinkInput("f2", vectors[2], published="2026-05-12", join_keys=river,
                              event_days=frozenset({739748})), state)
    assert trade.created and trade.story_id != flood.story_id
    assert flood2.story_id == flood.story_id


def test_utc_published() -> None:
    assert utc_published("2026-06-17T07:00:00+03:00") == ("2026-06-17T04:00:00Z", 1781668800.0)
    assert utc_published("2026-06-17")[0] == "2026-06-17"
    assert utc_published("2026-06-18T16:40")[0] == "2026-06-18T16:40:00"
    assert utc_published("not a date") == (None, None)
