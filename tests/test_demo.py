"""The whole pipeline on the bundled demo corpus, checked against demo/README.md's ground truth.

The corpus is fictional (invented outlets and officials, real places), written to exercise every
feature in English and Russian; these tests pin what a correct analysis of it finds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pipeline_helpers import default_annotator, shared_resources
from wirewatch.ingest.files import iter_documents
from wirewatch.model import AnnotatedArticle, Claim, SpeakerType
from wirewatch.run import Pipeline, run
from wirewatch.sinks import CollectingSink

DEMO = Path(__file__).resolve().parent.parent / "demo" / "corpus"


@pytest.fixture(scope="module")
def demo() -> dict[str, AnnotatedArticle]:
    report = CollectingSink()
    pipeline = Pipeline(default_annotator(), shared_resources().catalog)
    run(iter_documents([DEMO]), report, pipeline=pipeline)
    assert report.errors == []
    return {Path(doc.article.source).name: doc for doc in report.articles}


def _times(doc: AnnotatedArticle) -> dict[str, str | None]:
    """Time values by expression, lower case, a leading "on" dropped ("on Thursday" = "Thursday")."""
    return {t.text.lower().removeprefix("on "): t.value for t in doc.times}


def _place(doc: AnnotatedArticle, name: str) -> tuple[str | None, int | None, str]:
    place = next(p for p in doc.places if p.name == name or any(m.text == name for m in p.mentions))
    return place.country, place.geonameid, place.feature


def test_weekdays_on_the_publication_day_are_that_day(demo: dict[str, AnnotatedArticle]) -> None:
    assert _times(demo["05_oltinvodiy_denial_ru.html"])["в четверг"] == "2026-06-18"
    assert _times(demo["06_kestrel_denial_en.html"])["thursday"] == "2026-06-18"
    wire = _times(demo["02_kestrel_wire_en.html"])
    assert wire["friday"] == "2026-06-12" and wire["yesterday"] == "2026-06-16"
    assert wire["june 30"] == "2026-06-30"


def test_relative_dates_stay_unresolved_without_a_publication_date(
    demo: dict[str, AnnotatedArticle],
) -> None:
    translation = demo["03_borderlands_mt_en.txt"]
    assert translation.article.published is None
    relative = [t for t in translation.times if t.text.lower() in ("on friday", "friday", "yesterday")]
    assert relative and all(t.value is None and str(t.anchor) == "unresolved" for t in relative)
    assert _times(translation)["from 2019 to 2023"] == "2019/2023"  # explicit: still resolved


def test_places_in_both_languages(demo: dict[str, AnnotatedArticle]) -> None:
    scoop_ru = demo["01_dvestnik_scoop_ru.html"]
    names = {p.name for p in scoop_ru.places}
    assert {"Bishkek", "Tashkent", "Kyrgyzstan", "Uzbekistan"} <= names
    bishkek = next(p for p in scoop_ru.places if p.name == "Bishkek")
    assert bishkek.geonameid == 1528675 and {"Бишкек", "Бишкеке"} & {m.text for m in bishkek.mentions}
    local = demo["07_oshweek_local_ru.cp1251.txt"]
    osh = next(p for p in local.places if p.geonameid == 1527534)  # Osh, Kyrgyzstan, not Auch
    assert osh.country == "KG"


def test_the_airport_is_the_airport_near_bishkek(demo: dict[str, AnnotatedArticle]) -> None:
    airports = [p for p in demo["01_dvestnik_scoop_ru.html"].places if p.feature == "airport"]
    assert airports, "«международный аэропорт «Манас»» is an airport"
    manas = airports[0]
    assert manas.country == "KG" and manas.lat is not None and manas.lon is not None
    assert abs(manas.lat - 43.06) < 0.1 and abs(manas.lon - 74.48) < 0.1


def test_names_match_across_scripts(demo: dict[str, AnnotatedArticle]) -> None:
    def key_of(doc: AnnotatedArticle, surname: str) -> str:
        return next(e.key for e in doc.entities if surname in e.name)

    english = demo["02_kestrel_wire_en.html"]
    russian = demo["01_dvestnik_scoop_ru.html"]
    assert key_of(english, "Sydykbekov") == key_of(russian, "Сыдыкбеков")
    assert key_of(english, "Vostrikov") == key_of(russian, "Востриков")


def test_who_said_what(demo: dict[str, AnnotatedArticle]) -> None:
    wire = demo["02_kestrel_wire_en.html"]
    minister = [q for q in wire.quotes if q.speaker == "Bakyt Sydykbekov"]
    assert any(q.direct and q.text.startswith("We are ready to discuss any format") for q in minister)
    assert any(q.direct and "nobody has signed any documents" in q.text for q in minister)
    denial = demo["06_kestrel_denial_en.html"]
    assert any(
        q.speaker == "Dilnoza Rakhimova" and q.text.startswith("No negotiations on exchanging water")
        for q in denial.quotes
    )
    scoop = demo["01_dvestnik_scoop_ru.html"]
    anonymous = [q for q in scoop.quotes if q.speaker_type is SpeakerType.ANONYMOUS]
    assert any("вода в обмен на свет" in q.text for q in anonymous)
    assert all(q.speaker_description for q in anonymous)


def test_non_answers_are_claims(demo: dict[str, AnnotatedArticle]) -> None:
    for name in ("02_kestrel_wire_en.html", "06_kestrel_denial_en.html"):
        assert any(c.predicate == "no_comment" for c in demo[name].claims), name


def test_the_translation_credits_the_scoop(demo: dict[str, AnnotatedArticle]) -> None:
    translation = demo["03_borderlands_mt_en.txt"]
    assert translation.article.translated_from == "ru"
    assert translation.article.original_outlet == "Delovoy Vestnik"
    assert any(c.outlet == "Delovoy Vestnik" and str(c.kind) == "credit" for c in translation.citations)
    assert len(translation.article.comments) >= 3
    assert any(c.reply_to is not None for c in translation.article.comments)


def test_the_scoop_and_its_english_rewrite_make_the_same_claim(demo: dict[str, AnnotatedArticle]) -> None:
    """C1 in demo/README.md: the Russian scoop and the wire rewrite both say Russia offered the
    deal; their claims match on subject and predicate across languages."""

    def offers(name: str) -> set[tuple[str | None, str]]:
        return {(c.subject, c.predicate) for c in demo[name].claims if c.predicate == "offer"}

    assert ("Russia", "offer") in offers("01_dvestnik_scoop_ru.html")
    assert ("Russia", "offer") in offers("02_kestrel_wire_en.html")
    denial = [c for c in demo["05_oltinvodiy_denial_ru.html"].claims if c.predicate == "deny"]
    assert denial and denial[0].sourcing == "denial"


def test_the_local_weekly_keeps_its_reader_comments(demo: dict[str, AnnotatedArticle]) -> None:
    """A07 (ground truth, parsing): comments signed "Имя, дата" with a reply, not lost (issue 11)."""
    local = demo["07_oshweek_local_ru.cp1251.txt"]
    comments = [(c.author, c.reply_to) for c in local.article.comments]
    assert comments == [("Азамат", None), ("Гость", 0), ("Бабур из Андижана", None)]
    assert local.article.comments[1].text.startswith("Одно другому не мешает.")
    for leaked in ("Азамат", "Ответить", "Каналы важнее любых меморандумов", "Оставить комментарий"):
        assert leaked not in local.article.body


def test_feed_articles_keep_their_leads(demo: dict[str, AnnotatedArticle]) -> None:
    """A10 and A12 (JSONL `text` with a `title`): the first paragraph is the lead, not a second
    title (issue 11); A10's lead carries its citation of the scoop."""
    feed = {doc.article.id: doc for doc in demo.values()}
    a10 = feed["feed-eurasia-observer-2026-06-17-naryn"]
    assert a10.article.title == "СМИ: Россия предложила Киргизии и Узбекистану обмен «вода на свет»"
    assert a10.article.body.startswith("Москва предложила Бишкеку и Ташкенту трёхстороннюю схему")
    assert "Об этом сообщает газета «Деловой вестник»" in a10.article.body
    assert any(c.outlet == "Деловой вестник" for c in a10.citations)
    a12 = feed["feed-oltinvodiy-2026-06-15-quake"]
    assert a12.article.body.startswith("Землетрясение магнитудой 5,2 произошло сегодня")
    assert _times(a12)["сегодня"] == "2026-06-15"


def _claims_of(demo: dict[str, AnnotatedArticle], name: str, predicate: str) -> list[Claim]:
    return [c for c in demo[name].claims if c.predicate == predicate]


def test_the_denial_is_denied_on_the_record(demo: dict[str, AnnotatedArticle]) -> None:
    """C1 (ground truth): Uzbekistan's water ministry denies it on the record (A05, A06)."""
    for name in ("05_oltinvodiy_denial_ru.html", "06_kestrel_denial_en.html"):
        denials = _claims_of(demo, name, "deny")
        assert denials, name
        assert all(c.polarity == "denied" and c.sourcing == "denial" for c in denials), name
        assert denials[0].subject == "Uzbekistan", name


def _is_minister(subject: str | None) -> bool:
    return subject is not None and ("Sydykbekov" in subject or "Сыдыкбеков" in subject)


def test_the_non_answers_are_not_denials(demo: dict[str, AnnotatedArticle]) -> None:
    """C1: Sydykbekov neither confirms nor denies (A01, A02, A04, A10; «не стал ни подтверждать,
    ни опровергать», "neither confirmed nor denied", «не стал подтверждать»); Vostrikov "has made no
    public comment" (A11). None of them is a denial (issue 11)."""
    feed = {doc.article.id: name for name, doc in demo.items()}
    a10 = feed["feed-eurasia-observer-2026-06-17-naryn"]
    a11 = feed["feed-tienshan-2026-06-19-zolotaryov"]
    for name in ("01_dvestnik_scoop_ru.html", "02_kestrel_wire_en.html", "04_tienshan_rewrite_en.html", a10):
        minister = [c for c in demo[name].claims if _is_minister(c.subject)]
        answers = [c for c in minister if c.predicate == "no_comment"]
        assert answers and all(c.polarity == "non_answer" for c in answers), name
        assert not [c for c in minister if c.predicate == "deny"], name
    envoy = [c for c in demo[a11].claims if c.subject == "Arkady Vostrikov"]
    assert [(c.predicate, c.polarity) for c in envoy] == [("no_comment", "non_answer")]
    for name in ("02_kestrel_wire_en.html", "06_kestrel_denial_en.html", "08_kestrel_followup_en.html"):
        for claim in _claims_of(demo, name, "no_comment"):
            assert claim.polarity == "non_answer" and claim.sourcing == "no_comment", name


def test_the_kyrgyz_confirmation_is_on_the_record(demo: dict[str, AnnotatedArticle]) -> None:
    """C1: Kyrgyzstan's energy ministry confirms on the record, on Monday 22 June (A08)."""
    confirmations = _claims_of(demo, "08_kestrel_followup_en.html", "confirm")
    assert len(confirmations) == 1
    claim = confirmations[0]
    assert (claim.polarity, claim.sourcing, claim.time) == ("affirmed", "official", "2026-06-22")
    assert claim.subject is not None and "Energy Ministry" in claim.subject


def test_the_follow_up_offer_is_anonymous_and_not_set_at_the_signing(
    demo: dict[str, AnnotatedArticle],
) -> None:
    """A08: "The newspaper said Vostrikov had offered ... and that the sides planned to sign a
    memorandum in Tashkent on June 30": the offer is Delovoy Vestnik's anonymous sources' (as the
    sentence before says), relayed by the newspaper; not official, not in Tashkent on June 30."""
    offers = _claims_of(demo, "08_kestrel_followup_en.html", "offer")
    assert len(offers) == 1
    offer = offers[0]
    assert offer.subject == "Arkady Vostrikov"
    assert (offer.sourcing, offer.channel) == ("anonymous", "Delovoy Vestnik")
    assert offer.attributed_to == "sources in the Russian government"
    assert offer.place != "Tashkent" and offer.time != "2026-06-30"


def test_relayed_offers_keep_the_scoops_anonymous_sourcing(demo: dict[str, AnnotatedArticle]) -> None:
    """C1's repeats (A02, A04, A07, A10) relay Delovoy Vestnik's anonymous government sources:
    anonymous, with the newspaper as the channel, never the envoy on the record."""
    feed = {doc.article.id: name for name, doc in demo.items()}
    for name in ("02_kestrel_wire_en.html", "04_tienshan_rewrite_en.html", "06_kestrel_denial_en.html",
                 "07_oshweek_local_ru.cp1251.txt", feed["feed-eurasia-observer-2026-06-17-naryn"]):
        relayed = [c for c in demo[name].claims if c.channel in ("Delovoy Vestnik", "Деловой вестник")]
        assert relayed, name
        assert all(c.sourcing == "anonymous" for c in relayed), name


def test_titles_subtitles_and_captions_are_annotated(demo: dict[str, AnnotatedArticle]) -> None:
    """The demo's captions and subtitles name places and days the body does not (issue 11):
    A09's caption photo is from Tash-Kumyr "on Monday morning", its subtitle names Osh and
    Toktogul; A04's caption dam was "seen in April"."""

    def in_field(doc: AnnotatedArticle, field: str) -> set[int | None]:
        return {p.geonameid for p in doc.places if any(m.field == field for m in p.mentions)}

    quake = demo["09_tienshan_quake_en.txt"]
    assert 1527260 in in_field(quake, "caption:0")  # Tash-Kumyr
    assert {1527534, 1514588, 1538648} <= in_field(quake, "subtitle")  # Osh, Andijan, Toktogul
    caption_times = {t.text: t.value for t in quake.times if t.field == "caption:0"}
    assert caption_times == {"Monday morning": "2026-06-15"}
    jalal_abad = next(e for e in quake.entities if e.name == "Jalal-Abad")
    assert {m.field for m in jalal_abad.mentions} == {"body", "title"}  # one entity, both fields
    rewrite = demo["04_tienshan_rewrite_en.html"]
    assert [(t.text, t.value) for t in rewrite.times if t.field == "caption:0"] == [("April", "2026-04")]
    for doc in demo.values():
        for entity in doc.entities:
            for mention in entity.mentions:
                mention.check_against(doc.article)


# demo/README.md, "Derivations and provenance": the articles that name the scoop's outlet in
# their body, with the phrase that cites it (in each article's own words).
_CITES_THE_SCOOP = {
    "02_kestrel_wire_en.html": "the Russian business daily Delovoy Vestnik reported",
    "04_tienshan_rewrite_en.html": "Delovoy Vestnik reported",
    "05_oltinvodiy_denial_ru.html": "газета «Деловой вестник» со ссылкой на источник в российском",
    "06_kestrel_denial_en.html": "The Delovoy Vestnik business daily reported",
    "07_oshweek_local_ru.cp1251.txt": "газета «Деловой вестник» со ссылкой на источник",
    "08_kestrel_followup_en.html": "first reported by the Russian business daily Delovoy Vestnik",
    "naryn-deal": "сообщает газета «Деловой вестник»",
    "moscow-always-ready-to-help-water": "report in the Russian business daily Delovoy Vestnik",
}


@pytest.mark.parametrize(("name", "phrase"), sorted(_CITES_THE_SCOOP.items()))
def test_the_follow_ups_cite_the_scoop(
    demo: dict[str, AnnotatedArticle], name: str, phrase: str
) -> None:
    doc = demo[name]
    scoop = [c for c in doc.citations if c.outlet in ("Delovoy Vestnik", "Деловой вестник")]
    assert scoop and all(str(c.kind) == "reported" for c in scoop)
    assert any(phrase in c.text for c in scoop), [c.text for c in scoop]
    for c in scoop:
        assert c.start is not None and doc.article.body[c.start : c.end] == c.text
        assert c.outlet_entity is not None  # the body names the outlet


def test_citations_of_outlets_by_their_credits(demo: dict[str, AnnotatedArticle]) -> None:
    """A04 credits Kestrel News Agency's picture as "(KNA pic)"; the scoop's references to
    itself and the own picture credits of A01, A07, A08 and A09 cite no one, and neither do A01's
    photographer or A05's press office."""
    rewrite = demo["04_tienshan_rewrite_en.html"]
    photo = [c for c in rewrite.citations if str(c.kind) == "photo_credit"]
    assert [(c.outlet, c.text) for c in photo] == [("KNA", "(KNA pic)")]
    for name in ("01_dvestnik_scoop_ru.html", "05_oltinvodiy_denial_ru.html",
                 "07_oshweek_local_ru.cp1251.txt", "08_kestrel_followup_en.html",
                 "09_tienshan_quake_en.txt"):
        doc = demo[name]
        assert doc.article.captions, name
        assert not [c for c in doc.citations if str(c.kind) == "photo_credit"], name
    assert demo["01_dvestnik_scoop_ru.html"].citations == ()
    assert demo["09_tienshan_quake_en.txt"].citations == ()


def test_every_article_has_its_outlet(demo: dict[str, AnnotatedArticle]) -> None:
    """demo/README.md's Files table: the outlet of each article; A03 names itself only in its
    newsletter line, A07 only in its Russian subscribe line and a picture credit (issue 11)."""
    outlets = {name: doc.article.outlet for name, doc in demo.items()}
    assert outlets == {
        "01_dvestnik_scoop_ru.html": "Деловой вестник",
        "02_kestrel_wire_en.html": "Kestrel News Agency",
        "03_borderlands_mt_en.txt": "Borderlands Digest",
        "04_tienshan_rewrite_en.html": "Tien Shan Herald",
        "05_oltinvodiy_denial_ru.html": "Радио «Олтин Водий»",
        "06_kestrel_denial_en.html": "Kestrel News Agency",
        "07_oshweek_local_ru.cp1251.txt": "Ошская неделя",
        "08_kestrel_followup_en.html": "Kestrel News Agency",
        "09_tienshan_quake_en.txt": "Tien Shan Herald",
        "naryn-deal": "Евразийский обозреватель",
        "moscow-always-ready-to-help-water": "Tien Shan Herald",
        "zemletryasenie": "Радио «Олтин Водий»",
    }

# demo/README.md's article ids: a file name, or the record id of a JSONL line.
ARTICLES = {
    "A01": "01_dvestnik_scoop_ru.html",
    "A02": "02_kestrel_wire_en.html",
    "A03": "03_borderlands_mt_en.txt",
    "A04": "04_tienshan_rewrite_en.html",
    "A05": "05_oltinvodiy_denial_ru.html",
    "A06": "06_kestrel_denial_en.html",
    "A07": "07_oshweek_local_ru.cp1251.txt",
    "A08": "08_kestrel_followup_en.html",
    "A09": "09_tienshan_quake_en.txt",
    "A10": "feed-eurasia-observer-2026-06-17-naryn",
    "A11": "feed-tienshan-2026-06-19-zolotaryov",
    "A12": "feed-oltinvodiy-2026-06-15-quake",
}
# demo/README.md, "Quotes": (article, speaker (None: anonymous), direct, cue, words the quote
# opens with, as the README gives them).
QUOTES = [
    ("A01", None, True, "рассказал", "Это классическая сделка „вода в обмен на свет“"),
    ("A01", None, True, "пояснил", "Ташкенту нужна вода в июле"),
    ("A01", None, True, "отметил", "Астану сознательно не позвали"),
    ("A01", "Бакыт Сыдыкбеков", True, "заявил", "Мы готовы обсуждать любые форматы"),
    ("A01", None, False, "По словам", "встреча проходила не в здании правительства"),
    ("A02", None, True, "saying", "It is a classic water-for-light swap"),
    ("A02", "Bakyt Sydykbekov", True, "said", "We are ready to discuss any format"),
    ("A02", "Bakyt Sydykbekov", True, "said", "But nobody has signed any documents so far."),
    ("A02", "Bakyt Sydykbekov", False, "said", "that the government would make any agreement"),
    ("A03", None, True, "told", "This is a classic deal of ‘water in exchange for light’"),
    ("A03", None, True, "explained", "Tashkent needs water in July"),
    ("A03", None, True, "noted", "Astana was deliberately not invited"),
    ("A03", "Bakyt Sydykbekov", True, "said", "We are ready to discuss any formats"),
    ("A04", "Bakyt Sydykbekov", True, "said", "We are ready to discuss any format"),
    ("A04", "Bakyt Sydykbekov", False, "said", "that the government would make any"),
    ("A05", "Дилноза Рахимова", True, "заявила", "Никаких переговоров об обмене воды"),
    ("A05", "Дилноза Рахимова", False, "По словам", "Узбекистан решает вопросы"),
    ("A05", "Дилноза Рахимова", True, "добавила", "Публикации, основанные на анонимных"),
    ("A05", "Бакыт Сыдыкбеков", False, "заявил", "что его страна «готова обсуждать любые"),
    ("A06", "Dilnoza Rakhimova", True, "told", "No negotiations on exchanging water"),
    ("A06", "Dilnoza Rakhimova", True, "told", "Minister Farrukh Alimjanov was in Tashkent"),
    ("A06", "Dilnoza Rakhimova", False, "said", "that Uzbekistan settled water questions"),
    ("A06", "Oleg Sapozhnikov", True, "wrote", "We have checked every detail of this story"),
    ("A06", "Bakyt Sydykbekov", False, "told", 'that Bishkek was ready to discuss "any format"'),
    ("A07", "Марат Ташиев", True, "заявил", "Когда в Бишкеке и Ташкенте договариваются"),
    ("A07", "Марат Ташиев", False, "По словам", "прошлым августом вода по главному"),
    ("A07", "Улан Бекмурзаев", True, "сказал", "Если Москва даст деньги на „Нарын-4“"),
    ("A07", None, True, "отметил", "Если бы что-то подписали, нам бы первыми"),
    ("A07", "Дилноза Рахимова", False, "заявила", "что таких переговоров не было"),
    ("A08", "Dilnoza Rakhimova", False, "said", "Minister Farrukh Alimjanov had been in"),
    ("A08", "Gennady Zolotaryov", False, "said", "that Moscow was always ready to help"),
    ("A08", "Yelena Marchenko", True, "said", "Any deal that ties summer water to winter"),
    ("A08", "Yelena Marchenko", True, "said", "A guarantor from outside the region"),
    ("A08", "Yelena Marchenko", False, "said", "that a memorandum signed before the summer"),
    ("A09", "Ermek Abdyrakhmanov", True, "said", "Rescue teams have inspected schools"),
    ("A09", "Ermek Abdyrakhmanov", True, "said", "People should stay calm and follow official"),
    ("A09", "Ermek Abdyrakhmanov", False, "said", "that engineers had also inspected the"),
    ("A10", "Бакыт Сыдыкбеков", False, "По словам", "Киргизия «готова обсуждать"),
    ("A10", "Артём Голубев", True, "заявил", "Такие сделки в регионе заключают"),
    ("A11", "Gennady Zolotaryov", True, "told", "Russia has always been ready to"),
    ("A11", "Gennady Zolotaryov", True, "told", "We do not comment on publications"),
    ("A11", "Gennady Zolotaryov", False, "said", "that any agreement between"),
    ("A12", "Эрмек Абдырахманов", True, "заявил", "Спасатели осмотрели школы"),
    ("A12", "Эрмек Абдырахманов", False, "По словам", "инженеры также проверили"),
]  # fmt: skip


def _article(demo: dict[str, AnnotatedArticle], article: str) -> AnnotatedArticle:
    key = ARTICLES[article]
    if key in demo:
        return demo[key]
    return next(doc for doc in demo.values() if doc.article.id == key)


@pytest.mark.parametrize(("article", "speaker", "direct", "cue", "opening"), QUOTES)
def test_every_quote_of_the_ground_truth(
    demo: dict[str, AnnotatedArticle], article: str, speaker: str | None, direct: bool, cue: str, opening: str
) -> None:
    """Each quote demo/README.md lists: its words, its speaker (an anonymous one with its
    description), direct or reported, and its cue."""
    doc = _article(demo, article)
    found = [q for q in doc.quotes if q.text.startswith(opening)]
    assert found, f"{article}: no quote opens with {opening!r}"
    quote = found[0]
    assert (quote.speaker, quote.direct, quote.cue) == (speaker, direct, cue)
    if speaker is None:
        assert quote.speaker_type is SpeakerType.ANONYMOUS and quote.speaker_description
    else:
        assert quote.speaker_type is SpeakerType.NAMED_PERSON and quote.speaker_entity


def test_the_ministry_answer_is_quoted_as_the_ministry(demo: dict[str, AnnotatedArticle]) -> None:
    """A08: the Kyrgyz Energy Ministry's written answer, with its quoted fragments, is the
    ministry's (an organisation), not a person's."""
    quote = next(q for q in demo["08_kestrel_followup_en.html"].quotes if '"working draft"' in q.text)
    assert (quote.speaker, quote.speaker_type) == ("Energy Ministry", SpeakerType.ORGANIZATION)
    assert "with the participation of the Russian side" in quote.text


def test_anonymous_sources_speak_through_the_outlet(demo: dict[str, AnnotatedArticle]) -> None:
    """A02: the source Delovoy Vestnik quoted is the speaker, the newspaper its channel (issue 11);
    A01 names itself as its sources' channel («источник «ДВ»»)."""
    wire = demo["02_kestrel_wire_en.html"]
    quote = next(q for q in wire.quotes if q.text.startswith("It is a classic water-for-light swap"))
    assert quote.speaker_description == "a Russian government source familiar with the talks"
    outlet = next(e for e in wire.entities if e.id == quote.channel_entity)
    assert (quote.channel, outlet.name) == ("Delovoy Vestnik", "Delovoy Vestnik")
    scoop = demo["01_dvestnik_scoop_ru.html"]
    quote = next(q for q in scoop.quotes if q.text.startswith("Астану сознательно не позвали"))
    assert quote.channel == "Деловой вестник"


def test_reported_offers_are_no_quotes(demo: dict[str, AnnotatedArticle]) -> None:
    """Issue 11: "offered" and "proposed" made on-record quotes of Russia, Moscow and Vostrikov
    in six articles; the offer is told on Delovoy Vestnik's sources' word, not said by them."""
    offers = [
        (name, q.speaker, q.text[:40])
        for name, doc in demo.items()
        for q in doc.quotes
        if q.cue and q.cue.lower().startswith(("offer", "propos", "предлож", "предлаг"))
    ]
    assert offers == []


NO_COMMENT = {
    "01_dvestnik_scoop_ru.html": ["В МИД России от комментариев отказались.", "на звонки не отвечал"],
    "02_kestrel_wire_en.html": ["did not respond to a request for comment", "declined to comment"],
    "05_oltinvodiy_denial_ru.html": ["комментировать не стали", "от комментариев отказался"],
    "06_kestrel_denial_en.html": ["did not comment on the Uzbek statement", "declined to comment"],
    "08_kestrel_followup_en.html": ["did not respond on Tuesday", "has not commented on the reports"],
}


def test_no_comment_sentences_are_not_quotes(demo: dict[str, AnnotatedArticle]) -> None:
    """demo/README.md: non-answers are sourcing signals (claims), not quotes."""
    for name, phrases in NO_COMMENT.items():
        doc = demo[name]
        for phrase in phrases:
            at = doc.article.body.index(phrase)
            assert not [q.text for q in doc.quotes if q.start <= at < q.end], (name, phrase)


# -- places (demo/README.md "Places") -------------------------------------------------------------

# An oblast or district named after its town may resolve to the town (the README's id) or to
# the province holding it: both are right for the map.
JALAL_ABAD = {1528249, 1529778}
ANDIJAN = {1514588, 1484846}
NAMANGAN = {1513157, 1484842}
FERGANA = {1514019, 1484845}
OSH_OBLAST = {1527534, 1346798}
NARYN = {1527592}  # the town; "the Naryn region" alone may be the province
NOT_NARYN = {1527260, 1513655}  # Tash-Kumyr, Haqqulobod: towns that GeoNames also calls "Naryn"


def _resolved(doc: AnnotatedArticle, text: str) -> set[int | None]:
    """Geonameids of the places with a mention whose text is ``text``."""
    return {p.geonameid for p in doc.places if any(m.text == text for m in p.mentions)}


@pytest.mark.parametrize(
    ("name", "mention", "geonameids"),
    [
        ("01_dvestnik_scoop_ru.html", "Нарын", NARYN),
        ("01_dvestnik_scoop_ru.html", "Токтогульского водохранилища", {1538648}),
        ("01_dvestnik_scoop_ru.html", "Андижанской", ANDIJAN),
        ("01_dvestnik_scoop_ru.html", "Шымкент", {1518980}),
        ("02_kestrel_wire_en.html", "Kant", {1528193}),
        ("02_kestrel_wire_en.html", "Naryn", NARYN),
        ("02_kestrel_wire_en.html", "Toktogul", {1538648}),
        ("03_borderlands_mt_en.txt", "Naryn", NARYN),
        ("03_borderlands_mt_en.txt", "Andijan", ANDIJAN),
        ("03_borderlands_mt_en.txt", "Namangan", NAMANGAN),
        ("04_tienshan_rewrite_en.html", "Jalal-Abad", JALAL_ABAD),
        ("04_tienshan_rewrite_en.html", "Osh", {1527534}),
        ("05_oltinvodiy_denial_ru.html", "Андижанскую", ANDIJAN),
        ("05_oltinvodiy_denial_ru.html", "Наманганскую", NAMANGAN),
        ("05_oltinvodiy_denial_ru.html", "Ферганскую области", FERGANA),
        ("05_oltinvodiy_denial_ru.html", "Ташкенте", {1512569}),
        ("07_oshweek_local_ru.cp1251.txt", "Оше", {1527534}),
        ("07_oshweek_local_ru.cp1251.txt", "Ош", {1527534}),
        ("07_oshweek_local_ru.cp1251.txt", "Ошской области", OSH_OBLAST),
        ("07_oshweek_local_ru.cp1251.txt", "Узгенского района", {1527513}),
        ("07_oshweek_local_ru.cp1251.txt", "Кара-Суу", {1528091}),
        ("07_oshweek_local_ru.cp1251.txt", "Джалал-Абадской областях", JALAL_ABAD),
        ("07_oshweek_local_ru.cp1251.txt", "Андижанской области", ANDIJAN),
        ("08_kestrel_followup_en.html", "Almaty", {1526384}),
        ("09_tienshan_quake_en.txt", "Tash-Kumyr", {1527260}),
        ("09_tienshan_quake_en.txt", "Osh", {1527534}),
        ("09_tienshan_quake_en.txt", "Andijan", ANDIJAN),
        ("zemletryasenie", "Таш-Кумыр", {1527260}),
        ("zemletryasenie", "Намангана", NAMANGAN),
        ("moscow-always-ready-to-help-water", "Osh", {1527534}),
    ],
)
def test_places_of_the_ground_truth(
    demo: dict[str, AnnotatedArticle], name: str, mention: str, geonameids: set[int]
) -> None:
    found = _resolved(demo[name], mention)
    assert found and found <= geonameids, (mention, found)


def test_naryn_is_never_a_town_that_gazetteers_also_call_naryn(demo: dict[str, AnnotatedArticle]) -> None:
    for name, doc in demo.items():
        for place in doc.places:
            if any(m.text.startswith(("Naryn", "Нарын")) for m in place.mentions):
                assert place.geonameid not in NOT_NARYN, (name, place.name)


def test_tash_kumyr_is_a_place_not_an_organisation(demo: dict[str, AnnotatedArticle]) -> None:
    quake = demo["09_tienshan_quake_en.txt"]
    (entity,) = [e for e in quake.entities if e.name == "Tash-Kumyr"]
    assert entity.type == "place"


def test_places_only_in_chrome_or_comments_are_not_the_articles(demo: dict[str, AnnotatedArticle]) -> None:
    """Samara (A03's comments), Issyk-Kul (A04's sidebar), London (A02's credits line)."""
    for name, place in (("03_borderlands_mt_en.txt", "Samara"), ("04_tienshan_rewrite_en.html", "Issyk-Kul"),
                        ("02_kestrel_wire_en.html", "London")):
        names = {p.name for p in demo[name].places} | {m.text for p in demo[name].places for m in p.mentions}
        assert place not in names, (name, place)


def test_every_demo_article_ran_every_annotation(demo: dict[str, AnnotatedArticle]) -> None:
    every_stage = tuple(stage.name for stage in default_annotator().stages)
    for name, doc in demo.items():
        assert doc.skipped == () and tuple(doc.annotations) == every_stage, name
