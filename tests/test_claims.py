"""Claims: normalised, matchable statements with their sourcing and evidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.attribution_helpers import annotate, make_article, seed_article
from tests.pipeline_helpers import default_annotator
from wirewatch.annotate.pipeline import Annotator
from wirewatch.model import AnnotatedArticle, Claim


@pytest.fixture(scope="module")
def scoop(scoop_path: Path) -> AnnotatedArticle:
    return annotate(seed_article(scoop_path))


@pytest.fixture(scope="module")
def rewrite(rewrite_path: Path) -> AnnotatedArticle:
    return annotate(seed_article(rewrite_path))


def _offers(doc: AnnotatedArticle) -> list[Claim]:
    return [c for c in doc.claims if c.subject == "Vladimir Putin" and c.predicate == "offer"]


def test_base_offer_claim_comes_out_of_both_seeds(scoop: AnnotatedArticle, rewrite: AnnotatedArticle) -> None:
    scoop_offer = _offers(scoop)
    rewrite_offer = _offers(rewrite)
    assert scoop_offer and rewrite_offer
    # The scoop's offer claim is Kommersant's, from anonymous sources, in Geneva.
    claim = next(c for c in scoop_offer if "Geneva" in c.text)
    assert claim.attributed_to == "Kommersant"
    assert claim.sourcing == "anonymous"
    assert claim.place == "Geneva"
    # The rewrite's "proposed" normalises to the same predicate and cites Kommersant too.
    assert any(c.attributed_to == "Kommersant" for c in rewrite_offer)
    assert any("proposed" in c.text for c in rewrite_offer)


def test_evidence_points_into_the_body(scoop: AnnotatedArticle) -> None:
    body = scoop.article.body
    assert scoop.claims
    for claim in scoop.claims:
        for ev in claim.evidence:
            assert claim.text == body[ev.start : ev.end].strip()


def test_kremlin_no_comment_is_a_claim(scoop: AnnotatedArticle, rewrite: AnnotatedArticle) -> None:
    for doc in (scoop, rewrite):
        no_comment = [c for c in doc.claims if c.predicate == "no_comment"]
        assert any(c.subject == "Kremlin" and c.sourcing == "no_comment" for c in no_comment)


def test_claim_ids_are_stable(scoop_path: Path, scoop: AnnotatedArticle) -> None:
    again = annotate(seed_article(scoop_path))
    assert [c.id for c in again.claims] == [c.id for c in scoop.claims]
    assert len({c.id for c in scoop.claims}) == len(scoop.claims)


def test_denial_and_refusal() -> None:
    doc = annotate(
        make_article(
            "Dmitry Peskov denied the report on Tuesday. "
            "Antony Blinken declined to comment on the talks in Geneva."
        )
    )
    # The entity stage decides the canonical name ("Peskov" or "Dmitry Peskov").
    by_surname = {(c.subject or "").split()[-1]: c for c in doc.claims}
    assert by_surname["Peskov"].predicate == "deny"
    assert by_surname["Peskov"].sourcing == "denial"
    assert by_surname["Blinken"].predicate == "no_comment"


def test_russian_no_comment() -> None:
    doc = annotate(make_article("В Кремле не стали комментировать эту информацию.", language="ru"))
    assert [c.predicate for c in doc.claims] == ["no_comment"]


def test_offer_object_is_the_thing_offered_not_the_recipient(rewrite: AnnotatedArticle) -> None:
    """Regression: "offered US counterpart Joe Biden the use of Russian military bases" gave the
    recipient as the object; the object is what was offered, as written in the body."""
    lead = next(c for c in _offers(rewrite) if "information gathering" in c.text)
    assert lead.object is not None
    assert lead.object.startswith("use of Russian military bases")
    assert "Joe Biden" not in lead.object
    assert lead.object in rewrite.article.body


def test_khalilzad_refusing_to_comment_is_a_claim(scoop: AnnotatedArticle) -> None:
    """Regression: the subject "US special envoy for Afghanistan Zalmay Khalilzad" is a title
    with the name as its appositive; the non-answer is Khalilzad's."""
    refusals = [c for c in scoop.claims if c.subject == "Zalmay Khalilzad"]
    assert any(c.predicate == "no_comment" and c.sourcing == "no_comment" for c in refusals)


@pytest.fixture(scope="module")
def full_pipeline() -> Annotator:
    return default_annotator()


def _claims(annotator: Annotator, text: str, language: str) -> list[Claim]:
    return list(annotator(make_article(text, language=language)).claims)


def test_russian_event_claim_matches_the_english_one(full_pipeline: Annotator) -> None:
    """A Russian report and an English rewrite of the same fact give claims with the same
    subject (the resolved place's name) and the same normalised predicate."""
    ru = _claims(full_pipeline, "Россия предложила Киргизии и Узбекистану трёхстороннюю сделку.", "ru")
    en = _claims(full_pipeline, "Russia proposed a three-way deal to Kyrgyzstan and Uzbekistan.", "en")
    assert [(c.subject, c.predicate) for c in ru] == [("Russia", "offer")]
    assert [(c.subject, c.predicate) for c in en] == [("Russia", "offer")]
    assert ru[0].object == "трёхстороннюю сделку"  # the thing offered, not the recipients


def test_russian_claim_under_a_reporting_verb_is_the_reported_event(full_pipeline: Annotator) -> None:
    text = "Министр иностранных дел Сергей Лавров заявил, что Москва не будет вмешиваться в конфликт."
    claims = _claims(full_pipeline, text, "ru")
    assert len(claims) == 1
    assert claims[0].subject == "Moscow"
    assert claims[0].predicate.startswith("not_")  # negated, predicate outside the table kept
    assert claims[0].attributed_to == "Сергей Лавров"
    assert claims[0].sourcing == "named"


def test_russian_subject_after_the_verb(full_pipeline: Annotator) -> None:
    claims = _claims(full_pipeline, "Предложение озвучил министр энергетики Бакыт Сыдыкбеков.", "ru")
    assert [(c.subject, c.object) for c in claims] == [("Бакыт Сыдыкбеков", "Предложение")]


def test_russian_sentence_with_a_common_noun_subject_is_no_claim(full_pipeline: Annotator) -> None:
    claims = _claims(full_pipeline, "Встреча проходила в загородной резиденции под Бишкеком.", "ru")
    assert claims == []


def test_a_place_inside_a_subject_phrase_is_not_the_subject(full_pipeline: Annotator) -> None:
    """Regression: "US Secretary of State Anthony Blinken received ..." gave subject "United
    States" because the place check looked at the whole phrase instead of its head."""
    text = "On July 1, US Secretary of State Anthony Blinken received the foreign ministers in Washington."
    claims = _claims(full_pipeline, text, "en")
    assert [c.subject for c in claims] == ["Anthony Blinken"]


def test_russian_claim_from_an_outlet_citing_a_source_is_anonymous(full_pipeline: Annotator) -> None:
    text = (
        "Ранее газета «Северная звезда» со ссылкой на источник в правительстве сообщила, "
        "что Россия предложила Киргизии сделку."
    )
    claims = _claims(full_pipeline, text, "ru")
    assert [(c.subject, c.predicate, c.sourcing) for c in claims] == [("Russia", "offer", "anonymous")]
    assert claims[0].attributed_to == "Северная звезда"


def test_russian_denial_by_a_country_names_the_resolved_place(full_pipeline: Annotator) -> None:
    claims = _claims(full_pipeline, "Узбекистан опроверг сообщения о переговорах.", "ru")
    assert [(c.subject, c.predicate) for c in claims] == [("Uzbekistan", "deny")]


@pytest.mark.parametrize(
    "text",
    [
        # A reporting verb with no clause to follow is a quote's cue, not an event.
        "Министр Сергей Лавров напомнил о том, что переговоры продолжаются.",
        "Нэнси Пелоси отметила: «Мы продолжим работу».",
    ],
)
def test_russian_reporting_verbs_alone_make_no_claim(full_pipeline: Annotator, text: str) -> None:
    assert _claims(full_pipeline, text, "ru") == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # The place mentioned first in the sentence, not the one the article named first.
        ("Tajikistan hosts Russian troops. During the summit in Geneva, Vladimir Putin offered Joe "
         "Biden the use of Russian bases in Tajikistan.", "Geneva"),
        # Not the subject itself...
        ("Russia offered to finance a new dam in Kyrgyzstan.", "Kyrgyzstan"),
        # ... but a place that qualifies it, when the sentence has no other.
        ("Uzbekistan's Ministry of Water Resources denied the report on Thursday.", "Uzbekistan"),
    ],
)
def test_claim_place(full_pipeline: Annotator, text: str, place: str) -> None:
    claims = _claims(full_pipeline, text, "en")
    assert claims and claims[-1].place == place
