"""The store on both back ends (SQLite and a real PostgreSQL server): migrations, adding,
updating, re-analysis, search and counts, over the demo corpus analysed once per session."""

from __future__ import annotations

import re
from dataclasses import replace

from sqlalchemy import inspect, text

from tests.pipeline_helpers import default_annotator
from tests.store_helpers import demo_articles
from wirewatch.model import (
    AnnotatedArticle,
    Derivation,
    DerivationDirection,
    DerivationKind,
    DerivedFrom,
    Grade,
    Origin,
    OriginSourcing,
    Provenance,
    StoryClaim,
)
from wirewatch.resources.fingerprint import pipeline_fingerprint
from wirewatch.store import AddOutcome, Store
from wirewatch.store.migrate import current_revision, downgrade, head_revision, schema_differences, upgrade
from wirewatch.store.sink import reanalyze

TABLES = {"articles", "article_versions", "entities", "search_documents", "stories", "story_articles",
          "duplicates", "derivations", "story_claims", "link_articles", "link_bands", "link_postings",
          "link_key_counts", "link_stories", "link_counters", "link_origin_records"}


def _texts(doc: AnnotatedArticle) -> str:
    return "\n".join([doc.article.title or "", doc.article.body, *(q.text for q in doc.quotes)]).casefold()


def test_migrations_and_model_agree(store_url: str) -> None:
    with Store.open(store_url) as store, store.engine.begin() as connection:
        assert current_revision(connection) == head_revision()
        assert schema_differences(connection) == []
        assert set(inspect(connection).get_table_names()) >= TABLES
        downgrade(connection, "base")
        assert not TABLES & set(inspect(connection).get_table_names())
        upgrade(connection)
        assert schema_differences(connection) == []


def test_ingest_the_demo_then_again_changes_nothing(store_url: str) -> None:
    docs = demo_articles()
    assert len(docs) >= 10
    with Store.open(store_url) as store:
        assert store.add_many(docs) == [AddOutcome.ADDED] * len(docs)
        assert store.add_many(docs) == [AddOutcome.UNCHANGED] * len(docs)
        stats = store.stats()
        assert stats.articles == len(docs)
        assert stats.outlets == len({d.article.outlet for d in docs if d.article.outlet})
        assert stats.languages == len({d.article.language for d in docs if d.article.language}) == 2
        assert stats.entities == len({e.join_key for d in docs for e in d.entities if e.join_key})
        assert (stats.stories, stats.duplicates, stats.versions) == (0, 0, 0)
        for doc in docs:
            assert store.get_article(doc.article.id) == doc
        with store.engine.connect() as connection:
            rows = connection.execute(text("SELECT count(*) FROM entities")).scalar_one()
        assert rows == sum(len(d.entities) for d in docs)
        assert [d.article.id for d in store.articles(language="ru")] == sorted(
            d.article.id for d in docs if d.article.language == "ru")
    # Opening again migrates nothing and finds everything.
    with Store.open(store_url) as store:
        assert store.stats().articles == len(docs)


def test_new_content_at_the_same_url_updates_and_keeps_the_earlier_version(store_url: str) -> None:
    first = demo_articles()[0]
    changed = replace(first, article=replace(first.article, body=first.article.body + "\n\nCorrection: "
                                             "an earlier version misnamed the ministry xylophonist."))
    with Store.open(store_url) as store:
        assert store.add(first) is AddOutcome.ADDED
        assert store.add(changed) is AddOutcome.UPDATED
        assert store.get_article(first.article.id) == changed
        assert store.versions(first.article.id) == [first]
        assert store.stats().articles == 1 and store.stats().versions == 1
        assert [h.id for h in store.search("xylophonist")] == [first.article.id]
        # The old copy read again does not roll the article back; the new one is as stored.
        assert store.add(first) is AddOutcome.UNCHANGED
        assert store.add(changed) is AddOutcome.UNCHANGED
        assert store.get_article(first.article.id) == changed


def test_an_article_of_another_pipeline_is_stale_and_reanalysed(store_url: str) -> None:
    doc = demo_articles()[1]
    old = replace(doc, produced_by=Provenance(wirewatch="0.0.1", pipeline="0000000000000000"),
                  quotes=(), claims=())
    current = pipeline_fingerprint()
    assert doc.produced_by is not None and doc.produced_by.pipeline == current
    with Store.open(store_url) as store:
        store.add_many([old, demo_articles()[2]])
        assert store.stale(current) == [doc.article.id]
        counts = reanalyze(store, default_annotator(), store.stale(current))
        assert counts[AddOutcome.REANALYSED] == 1 and not counts["errors"]
        assert store.stale(current) == []
        again = store.get_article(doc.article.id)
        assert again is not None and again.produced_by == doc.produced_by
        assert again.quotes == doc.quotes and again.claims == doc.claims
        assert store.versions(doc.article.id) == []


def _expected(docs: tuple[AnnotatedArticle, ...], pattern: str) -> set[str]:
    return {d.article.id for d in docs if re.search(pattern, _texts(d))}


def test_search_finds_inflected_forms_in_russian_and_english(store_url: str) -> None:
    docs = demo_articles()
    with Store.open(store_url) as store:
        store.add_many(docs)

        def found(query: str) -> set[str]:
            return {hit.id for hit in store.search(query, limit=50)}

        # Every form of the word, from any form of the query.
        reservoir = _expected(docs, r"\bводохранилищ")
        assert reservoir, "the demo mentions a reservoir"
        assert any("водохранилище" not in _texts(d) for d in docs if d.article.id in reservoir)
        assert found("водохранилище") == reservoir == found("водохранилищами")
        dams = _expected(docs, r"\bплотин")
        assert dams and found("плотина") == dams
        quakes = _expected(docs, r"\bquak")
        assert quakes and found("quakes") == quakes == found("quaking")
        assert found("dam OR плотина") == _expected(docs, r"\bdams?\b|\bплотин")
        assert found("quake -Andijan") == quakes - _expected(docs, r"\bandijan")
        assert found("zzqqxx") == set()
        hit = store.search("водохранилища", limit=1)[0]
        assert "[водохранилищ" in hit.snippet.casefold() and hit.rank > 0
        pages = [store.search("водохранилище", limit=1, offset=n) for n in range(len(reservoir) + 1)]
        assert [len(p) for p in pages] == [1] * len(reservoir) + [0]
        assert {p[0].id for p in pages[:-1]} == reservoir


def test_a_story_analysis_is_replaced_whole_and_read_back(store_url: str) -> None:
    docs = demo_articles()[:2]
    derived, source = docs[1].article.id, docs[0].article.id
    derivation = Derivation(article=derived, derived_from=DerivedFrom(article=source, outlet=None),
                            kind=DerivationKind.CITATION, evidence=(), direction=DerivationDirection.CITATION)
    claim = StoryClaim(
        id="s-test-c1", text="a claim", story="s-test", reported_by=(source, derived),
        origins=(Origin(outlet="Outlet", article=source, source="sources", sourcing=OriginSourcing.ANONYMOUS,
                        reported_by=(source, derived)),),
        independent_origins=1, sourcing=OriginSourcing.ANONYMOUS, contradicted_by=(), non_answers=(),
        grade=Grade(reliability="F", credibility=3), reasons=())
    with Store.open(store_url) as store:
        store.add_many(docs)
        with store.engine.begin() as connection:
            connection.execute(text("INSERT INTO stories (id, title, languages, outlets) "
                                    "VALUES ('s-test', 't', '[]', '[]')"))
        store.save_story_analysis("s-test", [derivation, derivation], [claim])
        store.save_story_analysis("s-test", [derivation], [claim])  # replaced, not added to
        assert store.derivations("s-test") == [derivation]
        assert store.story_claims("s-test") == [claim]
        assert store.story_claim("s-test-c1") == claim
        assert store.story_claims("another") == []
