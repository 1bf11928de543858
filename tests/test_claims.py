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
    # Issue 11: a claim about Putin sourced to the newspaper's anonymous sources, Kommersant
    # the channel; not an on-record statement by Putin, nor Kommersant's own knowledge.
    assert claim.attributed_to == "informed sources of Kommersant"
    assert claim.channel == "Kommersant"
    assert claim.sourcing == "anonymous"
    assert claim.place == "Geneva"
    # The rewrite's "proposed" normalises to the same predicate and cites Kommersant too.
    assert any(c.channel == "Kommersant" and c.sourcing == "anonymous" for c in rewrite_offer)
    assert all(c.attributed_to != "Vladimir Putin" for c in scoop_offer + rewrite_offer)
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
    assert claims[0].attributed_to == "источник в правительстве"
    assert claims[0].channel == "Северная звезда"


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


# ---- Issue 11: polarity, modality, the clause's place and time, the clause's sourcing ------


def _only(annotator: Annotator, text: str, language: str = "en") -> Claim:
    claims = _claims(annotator, text, language)
    assert len(claims) == 1, [(c.subject, c.predicate) for c in claims]
    return claims[0]


@pytest.mark.parametrize(
    "text",
    [
        "Finance Minister Anna Berg neither confirmed nor denied the report on Monday.",
        "Finance Minister Anna Berg did not confirm the report.",
        "The Norwegian Defence Ministry declined to comment.",
        "Norway's Energy Ministry did not respond to a request for comment.",
        "Mayor Tom Hale, who flew to Oslo on Sunday, has made no public comment.",
    ],
)
def test_a_non_answer_is_not_a_denial(full_pipeline: Annotator, text: str) -> None:
    claim = _only(full_pipeline, text)
    assert (claim.predicate, claim.polarity, claim.sourcing) == ("no_comment", "non_answer", "no_comment")
    assert claim.modality is None


@pytest.mark.parametrize(
    "text",
    [
        "Министр финансов Анна Берг не стала ни подтверждать, ни опровергать эти сведения.",
        "Вчера Анна Берг не стала подтверждать эту информацию.",
        "В министерстве финансов Норвегии от комментариев отказались.",
    ],
)
def test_a_russian_non_answer_is_not_a_denial(full_pipeline: Annotator, text: str) -> None:
    claim = _only(full_pipeline, text, "ru")
    assert (claim.predicate, claim.polarity) == ("no_comment", "non_answer")


def test_a_denial_is_denied(full_pipeline: Annotator) -> None:
    en = _only(full_pipeline, "Norway's Energy Ministry denied that it had cut gas supplies to Poland.")
    ru = _only(full_pipeline, "Министерство финансов Норвегии опровергло сообщения о займе.", "ru")
    for claim in (en, ru):
        assert (claim.predicate, claim.polarity, claim.sourcing) == ("deny", "denied", "denial")


def test_a_negative_determiner_keeps_the_negation(full_pipeline: Annotator) -> None:
    """"has no right to deploy" is negated, and the object keeps its "no" (issue 11)."""
    claim = _only(full_pipeline, "Norway has no right to block the pipeline without the consent of Denmark.")
    assert claim.polarity == "negated"
    assert claim.object is not None and claim.object.startswith("no right to block")


def test_a_verbal_negation_is_negated(full_pipeline: Annotator) -> None:
    en = _only(full_pipeline, "Chile did not sign the fisheries treaty.")
    ru = _only(full_pipeline, "Польша не будет закрывать границу с Литвой.", "ru")
    assert (en.predicate, en.polarity) == ("not_sign", "negated")
    assert ru.predicate.startswith("not_") and ru.polarity == "negated"


def test_an_affirmed_event_says_so(full_pipeline: Annotator) -> None:
    claim = _only(full_pipeline, "Chile signed the fisheries treaty.")
    assert (claim.predicate, claim.polarity, claim.modality) == ("sign", "affirmed", None)


@pytest.mark.parametrize(
    ("text", "predicate", "modality"),
    [
        ("Canada plans to open an embassy in Oslo.", "open", "planned"),
        ("Brazil is ready to send troops to Haiti.", "send", "offered"),
        ("Peru could cut its copper exports.", "cut", "possible"),
        ("Spain would pay half the cost of the bridge.", "pay", "conditional"),
        ("Mexico allegedly paid the smugglers.", "pay", "alleged"),
        ("Chile signed the fisheries treaty.", "sign", None),
    ],
)
def test_modality_comes_from_the_clause(
    full_pipeline: Annotator, text: str, predicate: str, modality: str | None
) -> None:
    claim = _only(full_pipeline, text)
    assert (claim.predicate, claim.modality) == (predicate, modality)


@pytest.mark.parametrize(
    ("text", "predicate", "modality"),
    [
        ("Франция готова выделить деньги на ремонт моста.", "allocate", "offered"),
        ("Германия может сократить поставки угля.", "cut", "possible"),
        ("Франция выделила деньги на ремонт моста.", "allocate", None),
    ],
)
def test_russian_modality_comes_from_the_clause(
    full_pipeline: Annotator, text: str, predicate: str, modality: str | None
) -> None:
    claim = _only(full_pipeline, text, "ru")
    assert (claim.predicate, claim.modality) == (predicate, modality)


def test_the_place_and_time_are_those_of_the_event_clause(full_pipeline: Annotator) -> None:
    """Issue 11: the offer's place and time, not those of a later step the same sentence tells
    in a conjoined clause, nor a recipient's country."""
    text = (
        "During the 2 March 2023 summit in Vienna, Chancellor Karl Brandt offered Poland a loan "
        "and the two sides agreed to sign a contract in Riga on 3 May 2023."
    )
    claim = _claims(full_pipeline, text, "en")[0]
    assert (claim.subject, claim.predicate) == ("Karl Brandt", "offer")
    assert (claim.place, claim.time) == ("Vienna", "2023-03-02")
    later = (
        "The agency said Chancellor Karl Brandt had offered Poland a loan and that the two sides "
        "planned to sign a contract in Riga on 3 May 2023."
    )
    claim = _claims(full_pipeline, later, "en")[0]
    assert claim.predicate == "offer"
    assert (claim.place, claim.time, claim.time_index) == (None, None, None)


def test_a_russian_claim_takes_its_own_clause_place_and_time(full_pipeline: Annotator) -> None:
    text = (
        "Министр Иван Петров 5 марта 2024 года провёл переговоры в Бишкеке, "
        "а 7 марта 2024 года вылетел в Ташкент."
    )
    claim = _only(full_pipeline, text, "ru")
    assert claim.predicate == "hold"
    assert (claim.place, claim.time) == ("Bishkek", "2024-03-05")


def test_a_recipient_is_not_the_place(full_pipeline: Annotator) -> None:
    claim = _only(full_pipeline, "Russia offered Norway a new fishing agreement.")
    assert claim.place is None


def test_a_claim_relayed_by_an_outlet_citing_sources_is_theirs(full_pipeline: Annotator) -> None:
    """Issue 11: "X offered ..., Reuters reported citing officials" is a claim about X from
    anonymous officials, Reuters the channel; the same holds when a later sentence names only
    "the agency" and the article said before how Reuters sourced its report."""
    first = _only(
        full_pipeline,
        "Mayor Tom Hale offered to resign, Reuters reported, citing two senior city officials.",
    )
    assert (first.subject, first.predicate, first.polarity) == ("Tom Hale", "offer", "affirmed")
    assert (first.sourcing, first.channel) == ("anonymous", "Reuters")
    assert first.attributed_to == "two senior city officials"
    text = (
        "The talks were first reported by Reuters on Monday, citing sources in the Polish government. "
        "The agency said Chancellor Karl Brandt had offered Poland a loan."
    )
    offer = next(c for c in _claims(full_pipeline, text, "en") if c.predicate == "offer")
    assert (offer.subject, offer.sourcing, offer.channel) == ("Karl Brandt", "anonymous", "Reuters")
    assert offer.attributed_to == "sources in the Polish government"
    assert offer.attributed_to != "Karl Brandt"


def test_a_russian_claim_relayed_by_an_outlet_citing_a_source(full_pipeline: Annotator) -> None:
    text = (
        "Ранее газета «Северная звезда» со ссылкой на источник в правительстве Норвегии сообщила, "
        "что Россия предложила Киргизии сделку."
    )
    claim = _only(full_pipeline, text, "ru")
    assert (claim.subject, claim.predicate, claim.sourcing) == ("Russia", "offer", "anonymous")
    assert claim.attributed_to == "источник в правительстве Норвегии"
    assert claim.channel == "Северная звезда"


def test_a_confirmation_is_on_the_record(full_pipeline: Annotator) -> None:
    text = "Norway's Energy Ministry confirmed that a draft contract had been discussed."
    claim = _only(full_pipeline, text)
    assert (claim.predicate, claim.polarity, claim.sourcing) == ("confirm", "affirmed", "official")


def test_the_seed_offer_was_made_in_geneva_on_june_16(full_pipeline: Annotator, scoop_path: Path) -> None:
    """Issue 11: the scoop's offer claim is set where and when the offer was made (its clause's
    "the June 16 summit in Geneva"), not in the recipient's country."""
    doc = full_pipeline(seed_article(scoop_path))
    claim = next(c for c in _offers(doc) if "Geneva" in c.text)
    assert claim.place == "Geneva"
    assert claim.time_index is not None and doc.times[claim.time_index].text.endswith("June 16")
    headline = next(c for c in doc.claims if c.text.startswith("Russia Offered US"))
    assert headline.place != "United States"


# ---- Issue 14 (demo S3): institution subjects, sourcing given after the fact ---------------------


@pytest.mark.parametrize(
    ("text", "language", "subject", "predicate"),
    [
        ("The port of Gdansk halted all cargo operations on Monday.", "en", "Gdańsk", "halt"),
        ("Poland’s government plans to suspend the licence of the terminal operator.", "en", "Poland",
         "suspend"),
        ("Правительство Польши намерено приостановить лицензию оператора терминала.", "ru", "Poland",
         "suspend"),
        ("Poland is a member of the EU. The Polish government plans to suspend the operator’s licence.",
         "en", "Poland", "suspend"),
    ],
)
def test_an_institution_subject_is_the_place_it_belongs_to(
    full_pipeline: Annotator, text: str, language: str, subject: str, predicate: str
) -> None:
    """"The port of X", "X's government", «правительство X»: claims of X, in one vocabulary.
    («Порт Гданьск» is left out: the places stage reads the phrase as one unresolved name.)"""
    claim = next(c for c in _claims(full_pipeline, text, language) if c.predicate == predicate)
    assert claim.subject == subject


def test_a_russian_speaker_named_after_the_fact(full_pipeline: Annotator) -> None:
    text = ("Порт Гданьск в понедельник остановил все грузовые операции, рассказал «Северной звезде» "
            "судовой агент Анна Берг, которая утром находилась на причале.")
    claim = next(c for c in _claims(full_pipeline, text, "ru") if c.predicate == "halt")
    assert (claim.attributed_to, claim.sourcing) == ("Анна Берг", "named")


def test_a_russian_report_credited_by_the_next_sentence(full_pipeline: Annotator) -> None:
    text = ("Правительство Польши намерено приостановить лицензию оператора терминала. Об этом "
            "сообщает газета «Северная звезда» со ссылкой на источники в правительстве.")
    claim = next(c for c in _claims(full_pipeline, text, "ru") if c.predicate == "suspend")
    assert (claim.sourcing, claim.channel) == ("anonymous", "Северная звезда")
    assert claim.attributed_to == "источники в правительстве"
