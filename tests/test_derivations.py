"""Derivations: who copied whom, on the seeds, the demo corpus and texts made up here.

The seeds and the demo are analysed by the normal pipeline; the made-up cases are plain
articles (sentences by the regex fallback) whose text decides: a trimmed rewrite, an excerpt, a
reordered copy, a wire copy credited in its dateline, a translation nobody declares, an unrelated
article on the same topic, and a pair no date or credit orders.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.attribution_helpers import make_article
from tests.pipeline_helpers import default_annotator, shared_resources
from wirewatch.ingest.files import iter_documents
from wirewatch.link import published
from wirewatch.link.derivation_graph import derivation_graph
from wirewatch.link.derivations import derive, derive_all
from wirewatch.model import (
    AnnotatedArticle,
    CitationRole,
    Derivation,
    DerivationDirection,
    DerivationEvidence,
    DerivationKind,
    DerivedFrom,
)
from wirewatch.resources.embeddings import Embedder, build_embedder
from wirewatch.run import Pipeline, run
from wirewatch.sentences import regex_sentences
from wirewatch.sinks import CollectingSink

DEMO = Path(__file__).resolve().parent.parent / "demo" / "corpus"


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    return build_embedder("use-multilingual-v3")


def _analyse(path: Path) -> list[AnnotatedArticle]:
    report = CollectingSink()
    run(iter_documents([path]), report, pipeline=Pipeline(default_annotator(), shared_resources().catalog))
    assert report.errors == []
    return list(report.articles)


def _demo_name(doc: AnnotatedArticle) -> str:
    """A01..A18 as demo/README.md numbers them (files by their prefix, feed lines A10..A12)."""
    source = doc.article.source
    if ".jsonl:" in source:
        return f"A{9 + int(source.rsplit(':', 1)[1]):02d}"
    return f"A{Path(source).name[:2]}"


@pytest.fixture(scope="module")
def demo(embedder: Embedder) -> tuple[dict[str, AnnotatedArticle], list[Derivation]]:
    articles = _analyse(DEMO)
    names = {_demo_name(a): a for a in articles}
    return names, derive_all(articles, embedder)


def _table(
    demo: tuple[dict[str, AnnotatedArticle], list[Derivation]],
) -> set[tuple[str, str | None, str, str | None]]:
    names, found = demo
    back = {a.article.id: name for name, a in names.items()}
    return {
        (
            back[d.article],
            back.get(d.derived_from.article or ""),
            str(d.kind),
            None if d.role is None else str(d.role),
        )
        for d in found
        if d.direction != DerivationDirection.UNDECIDED
    }


def test_the_demo_derivations_table(demo: tuple[dict[str, AnnotatedArticle], list[Derivation]]) -> None:
    """demo/README.md "Derivations and provenance", row by row."""
    table = _table(demo)
    assert ("A02", "A01", "citation", "source") in table
    assert ("A03", "A01", "translation", "source") in table
    assert ("A04", "A02", "reuse", None) in table
    assert ("A04", "A02", "wire", None) in table
    assert ("A10", "A01", "citation", "source") in table
    for name in ("A05", "A06", "A07", "A08", "A11"):
        # They cite the scoop as the report they deny or discuss: a mention, no derivation.
        assert (name, "A01", "citation", "mention") in table
        assert not any(row[0] == name and row[3] != "mention" for row in table), name
    assert not any(row[0] in ("A09", "A12") or row[1] in ("A09", "A12") for row in table)
    assert not any(row[0] == "A01" for row in table)  # the scoop derives from nothing


def test_demo_evidence_points_at_sentences(
    demo: tuple[dict[str, AnnotatedArticle], list[Derivation]],
) -> None:
    names, found = demo
    by_id = {a.article.id: a for a in names.values()}
    reuse = next(d for d in found if d.kind == DerivationKind.REUSE and d.article == names["A04"].article.id)
    assert reuse.similarity is not None and 0.5 <= reuse.similarity <= 0.9  # "about 60%" shared
    assert reuse.direction == DerivationDirection.CITATION  # same day; the "(KNA pic)" credit decides
    sides = {e.article for e in reuse.evidence}
    assert sides == {names["A04"].article.id, names["A02"].article.id}
    for e in reuse.evidence:
        doc = by_id[e.article]
        assert e.start is not None and e.end is not None
        assert any(s.start == e.start and s.end == e.end for s in doc.sentences)
    # Pairs: the copied sentence and its source say nearly the same words.
    first = [e for e in reuse.evidence if e.pair == 0]
    texts = [by_id[e.article].article.body[e.start : e.end] for e in first if e.start is not None]
    assert len(texts) == 2 and texts[0].split()[:4] == texts[1].split()[:4]
    cite = next(
        d for d in found if d.article == names["A02"].article.id and d.kind == DerivationKind.CITATION
    )
    citing = next(e for e in cite.evidence if e.article == names["A02"].article.id)
    assert "Delovoy Vestnik" in names["A02"].article.body[citing.start : citing.end]
    assert cite.derived_from.outlet == "Деловой вестник"


def test_the_demo_graph_is_a_dag_with_the_scoop_as_origin(
    demo: tuple[dict[str, AnnotatedArticle], list[Derivation]],
) -> None:
    names, found = demo
    s1 = [a for name, a in names.items() if name not in ("A09", "A12") and name < "A13"]  # S1 only
    ids = {a.article.id for a in s1}
    graph = derivation_graph(s1, [d for d in found if d.article in ids])
    assert graph.dropped == []
    assert graph.origins() == [names["A01"].article.id]
    edges = {(e.source, e.target): e.kinds for e in graph.edges}
    assert set(edges[(names["A02"].article.id, names["A04"].article.id)]) == {"reuse", "wire"}
    assert (names["A01"].article.id, names["A05"].article.id) not in edges  # a mention
    assert len(graph.mentions) == 5


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path, embedder: Embedder) -> tuple[list[AnnotatedArticle], list[Derivation]]:
    articles = _analyse(seeds_dir)
    return articles, derive_all(articles, embedder)


def test_fmt_derives_from_kommersant_by_citation(
    seeds: tuple[list[AnnotatedArticle], list[Derivation]],
) -> None:
    articles, found = seeds
    fmt = next(a for a in articles if a.article.outlet == "Free Malaysia Today")
    from_kommersant = [
        d for d in found if d.article == fmt.article.id and d.derived_from.outlet == "Kommersant"
    ]
    assert [(str(d.kind), d.role) for d in from_kommersant] == [("citation", CitationRole.SOURCE)]
    # The English page is a translation of Kommersant, not Kommersant's own: the scoop is an
    # outlet node, the origin of both seeds.
    graph = derivation_graph(articles, found)
    assert graph.origins() == ["outlet:kommersant"]
    assert {e.target for e in graph.edges if e.source == "outlet:kommersant"} == {
        a.article.id for a in articles
    }


# -- made-up cases -------------------------------------------------------------------------

SOURCE_TEXT = (
    "The port authority of Varna said on Monday that it would close the northern grain terminal "
    "for three weeks of repairs after a crane collapsed during a storm. "
    "Nobody was hurt when the crane fell, but two berths were damaged and a conveyor line was cut. "
    "Exporters will have to move their shipments to the southern terminal, which can handle about "
    "half of the usual volume. "
    '"We expect delays of several days for every vessel waiting outside the port," harbour master '
    "Petar Ivanov told reporters at the quay. "
    "The terminal handled 4.2 million tonnes of wheat and maize last year, most of it bound for "
    "Egypt and Turkey. "
    "Insurers have sent inspectors to assess the damage, and the operator said it would publish a "
    "report on the cause of the collapse by the end of the month. "
    "Farmers' associations warned that storage space inland was already short after a record harvest."
)
UNRELATED_SAME_TOPIC = (
    "Grain exports from the Bulgarian Black Sea coast slowed this week as a storm closed part of the "
    "port of Varna. "
    "Traders in Sofia said prices for maize rose slightly on the news, while wheat was unchanged. "
    "A spokesman for the agriculture ministry said the government saw no risk to supplies. "
    "Shipping agents reported a queue of eleven bulk carriers waiting at anchor near the city. "
    "The ministry plans to meet exporters on Thursday to discuss alternative routes through Burgas."
)


def _doc(body: str, article_id: str, *, language: str = "en", **extra: object) -> AnnotatedArticle:
    article = make_article(body, language=language, article_id=article_id, **extra)
    return AnnotatedArticle(article=article, sentences=regex_sentences(body))


def _sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in regex_sentences(text)]


def test_a_trimmed_rewrite_is_reuse_from_the_earlier(embedder: Embedder) -> None:
    parts = _sentences(SOURCE_TEXT)
    # Every other sentence kept, each cut short by its last words, and a new closing line.
    trimmed = " ".join(" ".join(p.split()[:-3]) + "." for p in parts[::2]) + " More updates will follow."
    source = _doc(SOURCE_TEXT, "src", published="2026-03-02T08:00:00Z")
    rewrite = _doc(trimmed, "rw", published="2026-03-02T11:00:00Z")
    found = derive(rewrite, [source], embedder)
    assert [(str(d.kind), d.derived_from.article, str(d.direction)) for d in found] == [
        ("reuse", "src", "publication_order")
    ]
    assert found[0].similarity is not None and found[0].similarity > 0.6


def test_an_excerpt_and_a_reordered_copy(embedder: Embedder) -> None:
    parts = _sentences(SOURCE_TEXT)
    source = _doc(SOURCE_TEXT, "src", published="2026-03-02")
    excerpt = _doc(
        " ".join(parts[2:4]) + " The city council will discuss the closure.", "ex", published="2026-03-04"
    )
    reordered = _doc(" ".join(reversed(parts)), "ro", published="2026-03-05")
    for doc in (excerpt, reordered):
        found = derive(doc, [source], embedder)
        assert [(d.article, d.derived_from.article, str(d.kind)) for d in found] == [
            (doc.article.id, "src", "reuse")
        ]
    # The excerpt covers itself more than its source.
    record = derive(source, [excerpt], embedder)[0]
    assert record.article == "ex" and record.similarity is not None and record.similarity > 0.6


def test_an_unrelated_article_on_the_same_topic_is_no_derivation(embedder: Embedder) -> None:
    source = _doc(SOURCE_TEXT, "src", published="2026-03-02")
    other = _doc(UNRELATED_SAME_TOPIC, "other", published="2026-03-03")
    assert derive(other, [source], embedder) == []


def test_undated_uncredited_copies_are_undecided(embedder: Embedder) -> None:
    a = _doc(SOURCE_TEXT, "a")
    b = _doc(SOURCE_TEXT.replace("Monday", "Tuesday"), "b")
    found = derive(a, [b], embedder)
    assert len(found) == 1
    record = found[0]
    assert record.direction == DerivationDirection.UNDECIDED
    assert record.derived_from == DerivedFrom(None, None) and record.shared_with == "b"
    # The same pair from the other side is the same single record in a story.
    assert len(derive_all([a, b], embedder)) == 1


def test_a_dateline_credit_makes_wire_copy(embedder: Embedder) -> None:
    wire = _doc(SOURCE_TEXT, "rtrs", outlet="Reuters", published="2026-03-02")
    paper = _doc(
        SOURCE_TEXT,
        "paper",
        outlet="Some Daily",
        published="2026-03-02",
        dateline_text="VARNA, March 2 (Reuters)",
    )
    found = derive(paper, [wire], embedder)
    kinds = {(str(d.kind), d.derived_from.article, str(d.direction)) for d in found}
    assert ("wire", "rtrs", "citation") in kinds and ("reuse", "rtrs", "citation") in kinds
    record = next(d for d in found if d.kind == DerivationKind.WIRE)
    assert any(e.text == "(Reuters)" for e in record.evidence)
    # Without the agency's article in the store, the credit alone still names the agency.
    alone = derive(paper, [], embedder)
    assert [(str(d.kind), d.derived_from) for d in alone] == [("wire", DerivedFrom(None, "Reuters"))]


RU_TEXT = (
    "Портовое управление Варны в понедельник заявило, что закроет северный зерновой терминал на три "
    "недели для ремонта после того, как во время шторма рухнул кран. "
    "При падении крана никто не пострадал, но были повреждены два причала и перерезана конвейерная линия. "
    "Экспортёрам придётся перенести отгрузки на южный терминал, который может принять примерно половину "
    "обычного объёма. "
    "«Мы ожидаем задержек на несколько дней для каждого судна, ожидающего у порта», — сказал журналистам "
    "начальник порта Петар Иванов. "
    "В прошлом году терминал перевалил 4,2 млн тонн пшеницы и кукурузы, в основном для Египта и Турции. "
    "Страховщики направили инспекторов для оценки ущерба, а оператор пообещал до конца месяца "
    "опубликовать доклад о причинах обрушения. "
    "Ассоциации фермеров предупредили, что складских мощностей внутри страны и так не хватает после "
    "рекордного урожая."
)


def test_an_undeclared_translation_is_found_across_languages(embedder: Embedder) -> None:
    source = _doc(SOURCE_TEXT, "en", published="2026-03-02")
    translation = _doc(RU_TEXT, "ru", language="ru", published="2026-03-03")
    found = derive(translation, [source], embedder)
    assert [(str(d.kind), d.derived_from.article, str(d.direction)) for d in found] == [
        ("translation", "en", "publication_order")
    ]
    # Without an embedder nothing is claimed across languages.
    assert derive(translation, [source], None) == []
    # A Russian article on the same topic written apart is no translation.
    other = _doc(
        "Экспорт зерна через Варну замедлился. Трейдеры в Софии говорят о росте цен на кукурузу. "
        "Министерство сельского хозяйства не видит угрозы поставкам. Власти обсудят маршруты через Бургас.",
        "ru2",
        language="ru",
        published="2026-03-03",
    )
    assert derive(other, [source], embedder) == []


def test_publication_windows() -> None:
    assert published.before("2026-06-16", "2026-06-18") is True
    assert published.before("2026-06-17", "2026-06-17T12:15:00+03:00") is None  # a date is a day anywhere
    assert published.before("2026-06-17T09:42:00Z", "2026-06-17T15:42:00+06:00") is None  # the same moment
    assert published.before("2026-06-17T09:42:00Z", "2026-06-17T15:43:00+06:00") is True
    assert published.before("2026-06-17T09:42:00Z", "2026-06-17T15:20:00+06:00") is False  # 09:20 UTC
    assert published.before(None, "2026-06-17") is None
    assert published.before("2026-07", "2026-06-30") is None  # July 1 in one zone is June 30 in another
    assert published.before("2026-07", "2026-06-20") is False


def _record(article: str, source: str, direction: DerivationDirection) -> Derivation:
    return Derivation(
        article=article,
        derived_from=DerivedFrom(source, None),
        kind=DerivationKind.CITATION,
        evidence=(DerivationEvidence(article, 0, 5),),
        direction=direction,
        role=CitationRole.SOURCE,
    )


def test_a_cycle_is_broken_by_publication_order_and_said() -> None:
    first = _doc(SOURCE_TEXT, "x", published="2026-03-01")
    second = _doc(UNRELATED_SAME_TOPIC, "y", published="2026-03-05")
    records = [
        _record("x", "y", DerivationDirection.PUBLICATION_ORDER),  # points back in time
        _record("y", "x", DerivationDirection.PUBLICATION_ORDER),
    ]
    graph = derivation_graph([first, second], records)
    assert [(e.source, e.target) for e in graph.edges] == [("x", "y")]
    assert [i for i, _ in graph.dropped] == [0] and "cycle" in graph.dropped[0][1]


def test_derivation_json_round_trip(demo: tuple[dict[str, AnnotatedArticle], list[Derivation]]) -> None:
    for record in demo[1]:
        assert Derivation.from_dict(record.to_dict()) == record
