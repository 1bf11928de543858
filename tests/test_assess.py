"""Claims across articles, origins, contradictions and grades (wirewatch.assess, issue 14), on
stories of our own making (tests/assess_helpers.py) and on the seeds, with the real multilingual
embedder. The demo corpus's assessment is checked in tests/test_demo.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.assess_helpers import S, article, derivation, embedder
from wirewatch.assess import assess_story, outlet_record
from wirewatch.assess.facts import parse_span
from wirewatch.assess.grading import OutletRecord, reliability
from wirewatch.model import (
    AnnotatedArticle,
    ContradictionKind,
    EntityType,
    OriginSourcing,
    Polarity,
    Sourcing,
    StoryClaim,
)

OFFER_EN = ("Russia offered Kyrgyzstan a loan of 500 million dollars for a new dam at talks in Bishkek, "
            "sources told the paper.")
OFFER_RU = ("Россия предложила Киргизии кредит в 500 миллионов долларов на новую плотину на переговорах "
            "в Бишкеке, сообщили источники газеты.")


def _offer(text: str = OFFER_EN, **kw: object) -> S:
    values: dict[str, object] = dict(subject="Russia", predicate="offer",
                                     object="a loan of 500 million dollars", place="Bishkek",
                                     sourcing=Sourcing.ANONYMOUS, speaker="sources")
    values.update(kw)
    return S(text, **values)  # type: ignore[arg-type]


def _claim_of(claims: list[StoryClaim], article_id: str, predicate: str = "offer") -> StoryClaim:
    found = [c for c in claims if article_id in c.reported_by and c.predicate == predicate
             and c.polarity is Polarity.AFFIRMED]
    assert len(found) == 1, [(c.predicate, c.reported_by) for c in claims]
    return found[0]


def test_a_russian_claim_and_its_english_rewrite_are_one_claim_with_one_origin() -> None:
    scoop = article("ru1", "Вечерний курьер", "2026-03-01T08:00:00+03:00", [_offer(OFFER_RU)], language="ru")
    rewrite = article("en1", "Harbour Wire", "2026-03-01T10:00:00Z",
                      [_offer(channel="Вечерний курьер", speaker="sources")])
    claims = assess_story("T", [rewrite, scoop], [derivation("en1", "ru1", None, "citation")], embedder())
    offer = _claim_of(claims, "ru1")
    assert offer.reported_by == ("ru1", "en1")
    assert offer.independent_origins == 1
    (origin,) = offer.origins
    assert origin.article == "ru1" and origin.sourcing is OriginSourcing.ANONYMOUS
    assert set(origin.reported_by) == {"ru1", "en1"}
    assert offer.grade.credibility == 3 and offer.grade.reliability == "F"


def test_ten_rewrites_of_one_scoop_are_one_origin() -> None:
    scoop = article("a0", "Scoop Daily", "2026-03-01T06:00:00Z", [_offer()])
    rewrites = [article(f"a{i}", f"Outlet {i}", f"2026-03-01T{6 + i:02d}:30:00Z",
                        [_offer(OFFER_EN.replace("told the paper", "told Scoop Daily"),
                                channel="Scoop Daily")])
                for i in range(1, 10)]
    # Some rewrites cite the scoop, others copy an earlier rewrite: all lead back to a0.
    derivations = [derivation(f"a{i}", "a0" if i % 2 else f"a{i - 1}", None, "reuse") for i in range(1, 10)]
    claims = assess_story("T", [scoop, *rewrites], derivations, embedder())
    offer = _claim_of(claims, "a0")
    assert len(offer.reported_by) == 10
    assert offer.independent_origins == 1 and offer.origins[0].article == "a0"
    assert offer.grade.credibility == 3  # one anonymous origin: possibly true, however often repeated


def test_two_outlets_each_with_their_own_sources_are_two_origins() -> None:
    first = article("b1", "North Post", "2026-03-01T06:00:00Z", [_offer()])
    second = article("b2", "South Times", "2026-03-01T09:00:00Z",
                     [_offer("Russia has offered Kyrgyzstan a 500 million dollar loan to build a dam, two "
                             "officials present at the Bishkek talks told South Times.")])
    claims = assess_story("T", [first, second], [], embedder())
    offer = _claim_of(claims, "b1")
    assert offer.reported_by == ("b1", "b2")
    assert offer.independent_origins == 2
    assert {o.outlet for o in offer.origins} == {"North Post", "South Times"}
    assert offer.grade.credibility == 1  # independently confirmed, not contradicted
    assert any("2 independent origin" in r.text for r in offer.reasons)


def test_outlets_citing_each_other_in_a_circle_are_one_origin() -> None:
    """A circular citation (each says the other reported it) must not make two origins."""
    one = article("c1", "Circle One", "2026-03-01T06:00:00Z", [_offer()])
    two = article("c2", "Circle Two", "2026-03-01T07:00:00Z", [_offer()])
    derivations = [derivation("c1", "c2", None, "citation"), derivation("c2", "c1", None, "citation")]
    claims = assess_story("T", [one, two], derivations, embedder())
    offer = _claim_of(claims, "c1")
    assert offer.independent_origins == 1 and offer.origins[0].article == "c1"


def test_an_outlet_cited_but_not_stored_is_the_origin() -> None:
    rewrite = article("d1", "Relay News", "2026-03-01T06:00:00Z", [_offer(channel="Kommersant")])
    copy = article("d2", "Copy Desk", "2026-03-01T07:00:00Z", [_offer()])
    claims = assess_story("T", [rewrite, copy],
                          [derivation("d1", None, "Kommersant", "citation"),
                           derivation("d2", None, "Kommersant", "citation")], embedder())
    offer = _claim_of(claims, "d1")
    assert offer.independent_origins == 1
    (origin,) = offer.origins
    assert origin.article is None and origin.key == "outlet:kommersant"


def test_an_official_on_the_record_is_the_origin_of_their_statement() -> None:
    said = ("Energy minister Bakyt Sydykbekov said Kyrgyzstan would build the Kambarata-1 dam by 2030.")
    one = article("e1", "North Post", "2026-03-01T06:00:00Z",
                  [S(said, "Kyrgyzstan", "build", "the Kambarata-1 dam", sourcing=Sourcing.NAMED,
                     speaker="Bakyt Sydykbekov")])
    two = article("e2", "South Times", "2026-03-01T08:00:00Z",
                  [S("Kyrgyzstan will complete the Kambarata-1 dam by 2030, energy minister Bakyt "
                     "Sydykbekov told reporters.", "Kyrgyzstan", "build", "the Kambarata-1 dam",
                     sourcing=Sourcing.NAMED, speaker="Bakyt Sydykbekov")])
    claims = assess_story("T", [one, two], [], embedder())
    build = _claim_of(claims, "e1", "build")
    assert build.reported_by == ("e1", "e2")
    assert build.independent_origins == 1
    assert build.origins[0].source == "Bakyt Sydykbekov" and build.sourcing is OriginSourcing.NAMED
    assert build.grade.credibility == 2  # one origin on the record: probably true


def test_the_same_offer_in_geneva_and_in_tashkent_is_two_claims() -> None:
    geneva = article("f1", "North Post", "2026-03-01T06:00:00Z",
                     [S("Russia offered the United States the use of its bases at the summit in Geneva.",
                        "Russia", "offer", "the use of its bases", place="Geneva")])
    tashkent = article("f2", "South Times", "2026-03-02T06:00:00Z",
                       [S("Russia offered the United States the use of its bases at the meeting in Tashkent.",
                          "Russia", "offer", "the use of its bases", place="Tashkent")])
    claims = assess_story("T", [geneva, tashkent], [], embedder())
    one, two = _claim_of(claims, "f1"), _claim_of(claims, "f2")
    assert one.id != two.id
    # One story, the same words, two places: the reports disagree on where it happened.
    assert [c.kind for c in one.contradicted_by] == [ContradictionKind.PLACE]
    assert one.contradicted_by[0].claim == two.id


def test_different_figures_for_one_fact_contradict() -> None:
    low = article("g1", "North Post", "2026-03-01T06:00:00Z", [_offer()])
    high = article("g2", "South Times", "2026-03-01T08:00:00Z",
                   [_offer(OFFER_EN.replace("500 million", "900 million"),
                           object="a loan of 900 million dollars")])
    claims = assess_story("T", [low, high], [], embedder())
    first, second = _claim_of(claims, "g1"), _claim_of(claims, "g2")
    assert first.id != second.id
    assert [c.kind for c in first.contradicted_by] == [ContradictionKind.FIGURE]


def _scoop_with_answers() -> list[AnnotatedArticle]:
    scoop = article("h1", "North Post", "2026-03-01T06:00:00Z", [
        _offer(extra_entities=[("Kyrgyzstan", EntityType.PLACE)]),
        S("The Kremlin did not comment.", "Kremlin", "no_comment", polarity=Polarity.NON_ANSWER,
          sourcing=Sourcing.NO_COMMENT),
    ])
    denial = article("h2", "South Times", "2026-03-02T06:00:00Z", [
        S("Kyrgyzstan's government denied that Russia had offered it a loan for a dam at talks in Bishkek.",
          "Kyrgyzstan", "deny", "that Russia had offered it a loan for a dam", polarity=Polarity.DENIED,
          sourcing=Sourcing.DENIAL),
    ])
    return [scoop, denial]


def test_a_denial_contradicts_and_a_non_answer_does_not() -> None:
    claims = assess_story("T", _scoop_with_answers(), [], embedder())
    offer = _claim_of(claims, "h1")
    (contradiction,) = offer.contradicted_by
    assert contradiction.kind is ContradictionKind.DENIAL and contradiction.articles == ("h2",)
    (answer,) = offer.non_answers
    assert answer.subject == "Kremlin" and answer.article == "h1"
    # Denied on the record with one anonymous origin: improbable.
    assert offer.grade.credibility == 5
    assert any(r.text.startswith("Non-answer, not a denial: Kremlin") for r in offer.reasons)
    denial = next(c for c in claims if c.polarity is Polarity.DENIED)
    assert denial.sourcing is OriginSourcing.OFFICIAL and denial.contradicted_by[0].claim == offer.id


def test_without_the_denial_the_non_answer_leaves_the_claim_possibly_true() -> None:
    claims = assess_story("T", _scoop_with_answers()[:1], [], embedder())
    offer = _claim_of(claims, "h1")
    assert offer.contradicted_by == () and len(offer.non_answers) == 1
    assert offer.grade.credibility == 3


def test_every_reason_points_into_its_articles() -> None:
    stories = _scoop_with_answers()
    bodies = {a.article.id: a.article.body for a in stories}
    for claim in assess_story("T", stories, [], embedder()):
        assert claim.reasons
        for reason in claim.reasons:
            for ev in reason.evidence:
                assert 0 <= ev.start < ev.end <= len(bodies[ev.article])


def test_reliability_comes_from_the_counted_record() -> None:
    assert reliability(None) == "F"
    assert reliability(OutletRecord(confirmed=2, contradicted=0)) == "F"  # too few judged
    assert reliability(OutletRecord(confirmed=10, contradicted=0)) == "A"
    assert reliability(OutletRecord(confirmed=8, contradicted=2)) == "B"
    assert reliability(OutletRecord(confirmed=3, contradicted=2)) == "C"
    assert reliability(OutletRecord(confirmed=2, contradicted=2)) == "D"
    assert reliability(OutletRecord(confirmed=1, contradicted=4)) == "E"


def test_an_outlets_record_grades_its_next_claim() -> None:
    earlier = []
    for i in range(3):  # three earlier scoops, each later confirmed by another outlet
        first = article(f"r{i}a", "North Post", f"2026-0{i + 1}-01T06:00:00Z", [_offer()])
        second = article(f"r{i}b", "South Times", f"2026-0{i + 1}-01T09:00:00Z",
                         [_offer("Russia has offered Kyrgyzstan a 500 million dollar loan to build a dam, "
                                 "officials at the Bishkek talks told South Times.")])
        earlier += assess_story(f"T{i}", [first, second], [], embedder())
    records = outlet_record(earlier)
    assert records["outlet:north-post"] == OutletRecord(confirmed=3, contradicted=0, unresolved=0)
    new = article("n1", "North Post", "2026-05-01T06:00:00Z", [_offer()])
    (offer,) = assess_story("T9", [new], [], embedder(), records)
    assert offer.grade.reliability == "B"  # 3 judged, all confirmed: usually reliable (A needs 10)
    assert any("3 earlier claim(s) independently confirmed" in r.text for r in offer.reasons)


def test_time_values_as_intervals() -> None:
    assert parse_span("2026-06-12") is not None
    assert parse_span("2019/2023") == (parse_span("2019")[0], parse_span("2023")[1])  # type: ignore[index]
    assert parse_span("2026-W25") == (parse_span("2026-06-15")[0], parse_span("2026-06-21")[0])  # type: ignore[index]
    assert parse_span("2026-SU") is None  # a season pins nothing down


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> list[AnnotatedArticle]:
    from tests.pipeline_helpers import default_annotator, shared_resources
    from wirewatch.ingest.files import iter_documents
    from wirewatch.run import Pipeline, run
    from wirewatch.sinks import CollectingSink

    report = CollectingSink()
    pipeline = Pipeline(default_annotator(), shared_resources().catalog)
    run(iter_documents([seeds_dir]), report, pipeline=pipeline)
    assert report.errors == [] and len(report.articles) == 2
    return list(report.articles)


def test_the_seeds_base_offer_has_one_independent_origin(seeds: list[AnnotatedArticle]) -> None:
    """issue 14: the base-offer claim (Putin offered Biden the use of the bases in Tajikistan and
    Kyrgyzstan) is reported by both articles, has 1 independent origin (Kommersant's anonymous
    sources), and the Kremlin's no comment is recorded."""
    scoop = next(a for a in seeds if a.article.outlet != "Free Malaysia Today")
    rewrite = next(a for a in seeds if a.article.outlet == "Free Malaysia Today")
    derivations = [derivation(rewrite.article.id, scoop.article.id, "Kommersant", "citation")]
    claims = assess_story("seeds", seeds, derivations, embedder())
    offers = [c for c in claims if c.subject == "Vladimir Putin" and c.predicate == "offer"]
    (offer,) = [c for c in offers if set(c.reported_by) == {scoop.article.id, rewrite.article.id}]
    texts = {c.id: c.text for c in rewrite.claims}
    assert any("Tajikistan and Kyrgyzstan" in texts[m.claim] for m in offer.members
               if m.article == rewrite.article.id)
    assert offer.independent_origins == 1
    (origin,) = offer.origins
    assert origin.key == "outlet:kommersant" and origin.sourcing is OriginSourcing.ANONYMOUS
    assert "Kremlin" in {n.subject for n in offer.non_answers}
    assert offer.contradicted_by == ()
    assert offer.grade.reliability == "F" and offer.grade.credibility == 3


# --- relays, circles and same-day order (demo S3's shapes, made up here) ---------------------------

def _cited(article_id: str, source: str | None, outlet: str | None, role: str) -> dict[str, object]:
    return {**derivation(article_id, source, outlet, "citation"), "role": role}


def test_an_outlet_that_only_relays_is_a_channel_not_an_origin() -> None:
    """"Harbour Wire reported that ..." names the outlet the claim came through, not a speaker
    on the record: the claim goes back to that outlet's report of it."""
    scoop = article("r1", "Harbour Wire", "2026-03-01T06:00:00Z", [_offer()])
    relay = article("r2", "Inland Daily", "2026-03-02T06:00:00Z",
                    [_offer("Harbour Wire reported that Russia offered Kyrgyzstan a loan of 500 million "
                            "dollars for a new dam at talks in Bishkek.", sourcing=Sourcing.NAMED,
                            speaker="Harbour Wire", speaker_type=EntityType.OUTLET, channel="Harbour Wire")])
    claims = assess_story("T", [scoop, relay], [_cited("r2", "r1", "Harbour Wire", "mention")], embedder())
    offer = _claim_of(claims, "r1")
    assert offer.reported_by == ("r1", "r2") and offer.independent_origins == 1
    (origin,) = offer.origins
    assert (origin.article, origin.sourcing) == ("r1", OriginSourcing.ANONYMOUS)
    assert not origin.key.startswith("speaker:")


def test_a_relay_leads_to_the_outlets_report_of_the_claim_across_scripts() -> None:
    """The channel's outlet has two articles in the story; the claim came from the one that
    reports it, and "Kavkazsky Express" is «Кавказский экспресс»."""
    earlier = article("k1", "Кавказский экспресс", "2026-03-01T06:00:00+03:00",
                      [S("Порт Поти остановил работу, рассказал агент Гурам Чиковани.", "Poti", "halt",
                         sourcing=Sourcing.NAMED, speaker="Гурам Чиковани")], language="ru")
    scoop = article("k2", "Кавказский экспресс", "2026-03-02T06:00:00+03:00",
                    [_offer(OFFER_RU)], language="ru")
    relay = article("k3", "Freight Review", "2026-03-03T06:00:00Z",
                    [_offer(channel="Kavkazsky Express")])
    claims = assess_story("T", [earlier, scoop, relay], [], embedder())
    offer = _claim_of(claims, "k2")
    assert offer.reported_by == ("k2", "k3") and offer.independent_origins == 1
    assert offer.origins[0].article == "k2"


def test_a_citation_is_followed_only_to_a_source_that_reports_the_claim() -> None:
    """An article that takes its news from another outlet still states its own background
    facts: a claim the cited source does not carry is the article's own."""
    scoop = article("f1", "Harbour Wire", "2026-03-01T06:00:00Z", [_offer()])
    rewrite = article("f2", "Inland Daily", "2026-03-02T06:00:00Z", [
        _offer(channel="Harbour Wire"),
        S("Kyrgyzstan produced 15 billion kilowatt-hours of electricity last year.", "Kyrgyzstan",
          "produce", "15 billion kilowatt-hours of electricity", subject_type=EntityType.PLACE)])
    claims = assess_story("T", [scoop, rewrite], [_cited("f2", "f1", "Harbour Wire", "source")], embedder())
    produced = _claim_of(claims, "f2", "produce")
    (origin,) = produced.origins
    assert (origin.article, origin.outlet) == ("f2", "Inland Daily")
    assert _claim_of(claims, "f1").origins[0].article == "f1"


def test_a_same_day_source_is_read_before_what_derives_from_it() -> None:
    """Only the day is known for both: the derivation tells which report came first, so the
    claim is named by the scoop's sentence, whatever the article ids."""
    scoop = article("z9", "Harbour Wire", "2026-03-01", [_offer()])
    rewrite = article("a1", "Inland Daily", "2026-03-01",
                      [_offer(OFFER_RU, channel="Harbour Wire")], language="ru")
    claims = assess_story("T", [rewrite, scoop], [_cited("a1", "z9", "Harbour Wire", "source")], embedder())
    offer = _claim_of(claims, "z9")
    assert offer.reported_by == ("z9", "a1") and offer.text == OFFER_EN
    assert offer.first_reported == "2026-03-01"
