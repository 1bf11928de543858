"""Issue 14 on the demo corpus, end to end: story S3 (the port of Poti, demo/README.md "S3").

The whole demo corpus is annotated and linked into stories by the real pipeline; S3's
derivations come from ``derive_all`` over the story's articles, and ``assess_story`` grades its
claims with no earlier record (every reliability F). The README states what each step must find:
two independent confirmations of the halt (a maritime agency on the record in English, a named
eyewitness in Russian), and a scoop that comes back to its outlet through two other outlets and
two languages (one anonymous origin, however many outlets repeat it), with its non-answers.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.assess_helpers import embedder
from tests.pipeline_helpers import default_annotator, shared_resources
from wirewatch.assess import assess_story
from wirewatch.ingest.files import iter_documents
from wirewatch.link.batch import BatchLinker
from wirewatch.link.derivation_graph import derivation_graph
from wirewatch.link.derivations import derive_all
from wirewatch.model import (
    AnnotatedArticle,
    CitationRole,
    Derivation,
    DerivationKind,
    OriginSourcing,
    Polarity,
    StoryClaim,
)
from wirewatch.run import Pipeline, run
from wirewatch.sinks import CollectingSink

DEMO = Path(__file__).resolve().parent.parent / "demo" / "corpus"
# demo/README.md "Files": S3's article ids and files.
S3 = {
    "A13": "13_blacksea_port_halt_en.html",
    "A14": "14_kavexpress_poti_ru.html",
    "A15": "15_blacksea_licence_scoop_en.html",
    "A16": "16_kavexpress_licence_ru.html",
    "A17": "17_freightreview_licence_en.html",
    "A18": "18_blacksea_licence_followup_en.html",
}


class Demo:
    """The linked demo corpus, S3's articles by README id, their derivations and claims."""

    def __init__(self) -> None:
        sink = CollectingSink(BatchLinker(embedder()))
        run(iter_documents([DEMO]), sink, pipeline=Pipeline(default_annotator(), shared_resources().catalog))
        assert sink.errors == []
        self.sink = sink
        files = {Path(a.article.source).name: a for a in sink.articles}
        self.articles: dict[str, AnnotatedArticle] = {name: files[file] for name, file in S3.items()}
        self.names = {a.article.id: name for name, a in self.articles.items()}
        story = next(s for s in sink.stories if self.articles["A13"].article.id in s.articles)
        self.story = story
        members = [a for a in sink.articles if a.article.id in story.articles]
        self.derivations: list[Derivation] = derive_all(members, embedder())
        self.claims: list[StoryClaim] = assess_story(story.id, members, self.derivations, embedder())

    def named(self, ids: tuple[str, ...] | list[str]) -> set[str]:
        return {self.names.get(i, i) for i in ids}

    def claim(self, predicate: str, *reported: str) -> StoryClaim:
        (found,) = [c for c in self.claims
                    if c.predicate == predicate and set(reported) <= self.named(c.reported_by)]
        return found


@pytest.fixture(scope="module")
def demo() -> Demo:
    return Demo()


def test_s3_is_a_story_of_its_own(demo: Demo) -> None:
    """The linker keeps S3 apart from the water talks (S1) and the quake (S2)."""
    assert demo.named(demo.story.articles) == set(S3)
    assert len(demo.sink.stories) == 3
    assert set(demo.story.languages) == {"en", "ru"}


def test_s3_derivations_follow_the_scoop_round_the_circle(demo: Demo) -> None:
    """demo/README.md "S3 derivations": A16 (ru) takes A15's scoop, A17 (en) takes A16's, and
    A18 cites both back as confirmation; the halt's two reports derive from nothing."""
    rows = {(demo.names[d.article], demo.names.get(d.derived_from.article or ""), str(d.kind),
             None if d.role is None else str(d.role)) for d in demo.derivations}
    assert rows == {
        ("A16", "A15", "citation", "source"),
        ("A17", "A16", "citation", "source"),
        ("A18", "A17", "citation", "mention"),
        ("A18", "A16", "citation", "mention"),
    }
    relay = next(d for d in demo.derivations if demo.names[d.article] == "A17")
    assert relay.derived_from.outlet == "Кавказский экспресс"  # cited as "Kavkazsky Express"
    graph = derivation_graph(list(demo.articles.values()), demo.derivations)
    assert demo.named(graph.origins()) == {"A15"}  # the halt's reports are nobody's source
    edges = {(demo.names[e.source], demo.names[e.target]) for e in graph.edges}
    assert edges == {("A15", "A16"), ("A16", "A17")}  # A18's citations are mentions


def test_the_halt_has_two_independent_origins(demo: Demo) -> None:
    """Claim X: the port halted cargo operations. Two outlets in two languages, each with its
    own source: the Maritime Transport Agency on the record (A13), a named eyewitness (A14)."""
    halt = demo.claim("halt", "A13")
    assert demo.named(halt.reported_by) == {"A13", "A14"}  # a cross-language pair
    assert halt.independent_origins == 2
    agency, witness = halt.origins
    assert (demo.names[agency.article or ""], agency.sourcing, agency.source) == (
        "A13", OriginSourcing.OFFICIAL, "Maritime Transport Agency")
    assert (demo.names[witness.article or ""], witness.sourcing, witness.source) == (
        "A14", OriginSourcing.NAMED, "Гурам Чиковани")
    assert halt.contradicted_by == () and halt.polarity is Polarity.AFFIRMED
    assert (halt.grade.reliability, halt.grade.credibility) == ("F", 1)


def test_the_circular_scoop_is_one_anonymous_origin(demo: Demo) -> None:
    """Claim Y: the government plans to suspend the terminal operator's licence. Four reports
    by three outlets in two languages, but they all lead back to A15's anonymous officials:
    one origin, graded as one anonymous origin, and its non-answers recorded, not counted."""
    plan = demo.claim("suspend", "A15")
    assert demo.named(plan.reported_by) == {"A15", "A16", "A17", "A18"}
    assert plan.independent_origins == 1
    (scoop,) = plan.origins
    assert (demo.names[scoop.article or ""], scoop.outlet, scoop.sourcing) == (
        "A15", "Black Sea Courier", OriginSourcing.ANONYMOUS)
    assert demo.named(scoop.reported_by) == {"A15", "A16", "A17", "A18"}
    assert plan.contradicted_by == ()
    quiet = {(demo.names[n.article], n.subject) for n in plan.non_answers}
    assert ("A15", "Ministry of Economy") in quiet and ("A18", "Ministry of Economy") in quiet
    assert (plan.grade.reliability, plan.grade.credibility) == ("F", 3)
    assert plan.text.startswith("The Georgian government plans to suspend")  # the scoop, read first


def test_the_relays_are_channels_not_speakers(demo: Demo) -> None:
    """A17 and A18 attribute the plan to the outlet that carried it: a channel, never an origin."""
    a17 = next(c for c in demo.articles["A17"].claims if c.predicate == "suspend")
    a18 = next(c for c in demo.articles["A18"].claims if c.predicate == "suspend")
    assert a17.channel == "Kavkazsky Express" and a18.channel == "Transcaucasus Freight Review"
    plan = demo.claim("suspend", "A15")
    assert not any(o.key.startswith("speaker:") for o in plan.origins)


def test_background_facts_are_the_reporting_outlets_own(demo: Demo) -> None:
    """A17's port statistics come from the trade magazine itself, not from the scoop it cites."""
    teu = demo.claim("handle", "A17")
    (origin,) = teu.origins
    assert (origin.outlet, origin.sourcing) == ("Transcaucasus Freight Review", OriginSourcing.UNKNOWN)
    assert (teu.grade.reliability, teu.grade.credibility) == ("F", 6)


def test_russian_sourcing_after_the_fact(demo: Demo) -> None:
    """A14's «..., рассказал «Кавказскому экспрессу» судовой агент Гурам Чиковани» and A16's
    «Об этом сообщает ... Black Sea Courier со ссылкой на источники» source the sentence they
    follow."""
    halt = next(c for c in demo.articles["A14"].claims if c.predicate == "halt")
    assert (halt.attributed_to, str(halt.sourcing)) == ("Гурам Чиковани", "named")
    plan = next(c for c in demo.articles["A16"].claims if c.predicate == "suspend")
    assert (plan.channel, str(plan.sourcing)) == ("Black Sea Courier", "anonymous")
    assert plan.subject == "Georgia"  # «Правительство Грузии»


def test_the_scoop_is_cited_as_a_source(demo: Demo) -> None:
    """A16 takes its news from A15, not from the Courier's earlier article on the halt (A13)."""
    (record,) = [d for d in demo.derivations if demo.names[d.article] == "A16"]
    assert (record.kind, record.role) == (DerivationKind.CITATION, CitationRole.SOURCE)
    assert demo.names[record.derived_from.article or ""] == "A15"
