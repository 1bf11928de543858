"""The times stage on the seeds, on Russian text, on the tricky cases, and the timeline JSON."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from tests.pipeline_helpers import annotator, run_stage
from wirewatch.annotate.times.stage import TimeAnnotator, annotate_times, find_times, parse_anchor
from wirewatch.model import Article, TimeAnchor, TimePrecision, TimeRef
from wirewatch.present.timeline import timeline

PUBLISHED = "2021-07-17"  # a Saturday


def _article(body: str, published: str | None, language: str = "en", aid: str = "a1") -> Article:
    return Article(id=aid, source="test", url=None, outlet=None, title=f"title {aid}",
                   subtitle=None, byline=None, published=published, published_from=None,
                   language=language, translated_from=None, original_outlet=None, body=body)


def _times(body: str, published: str | None, language: str = "en") -> list[TimeRef]:
    doc = run_stage(TimeAnnotator(), _article(body, published, language))
    for ref in doc.times:
        assert body[ref.start : ref.end] == ref.text
    return list(doc.times)


def _find(refs: list[TimeRef], text: str) -> TimeRef:
    hits = [r for r in refs if text.lower() in r.text.lower()]
    assert hits, f"{text!r} not found among {[r.text for r in refs]}"
    return hits[0]


def _seed(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_rewrite_seed_resolves_against_publication(rewrite_path: Path) -> None:
    refs = _times(_seed(rewrite_path), PUBLISHED)
    expected = {"today": "2021-07-17", "yesterday": "2021-07-16", "June 16": "2021-06-16",
                "Earlier this month": "2021-07", "July 5": "2021-07-05"}
    for text, value in expected.items():
        ref = _find(refs, text)
        assert (ref.value, ref.anchor) == (value, TimeAnchor.PUBLISHED), text
    assert _find(refs, "Earlier this month").precision == TimePrecision.MONTH
    assert _find(refs, "July 5").precision == TimePrecision.DAY


def test_scoop_seed_cases(scoop_path: Path) -> None:
    refs = _times(_seed(scoop_path), PUBLISHED)
    assert _find(refs, "Friday").value == "2021-07-16"
    assert _find(refs, "July 1").value == "2021-07-01"
    spring = _find(refs, "spring")
    assert (spring.value, spring.precision) == ("2021-SP", TimePrecision.SEASON)
    interval = _find(refs, "From 2001 to 2014")
    assert (interval.value, interval.precision, interval.anchor) == (
        "2001/2014", TimePrecision.INTERVAL, TimeAnchor.EXPLICIT)
    assert _find(refs, "from 2001 to 2005").value == "2001/2005"
    attack = _find(refs, "September 11, 2001")
    assert (attack.value, attack.anchor) == ("2001-09-11", TimeAnchor.EXPLICIT)
    # Vague spans are not placed on a timeline (documented in wirewatch.annotate.times.stage).
    assert not [r for r in refs if "recent" in r.text.lower()]


@pytest.mark.parametrize("fixture", ["scoop_path", "rewrite_path"])
def test_seeds_without_publication_date_stay_unresolved(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    body = _seed(request.getfixturevalue(fixture))
    dated = {(r.start, r.end): r for r in _times(body, PUBLISHED)}
    undated = _times(body, None)
    assert {(r.start, r.end) for r in undated} == set(dated)
    for ref in undated:
        if dated[(ref.start, ref.end)].anchor == TimeAnchor.PUBLISHED:
            assert ref.value is None and ref.anchor == TimeAnchor.UNRESOLVED
        else:
            assert ref.value == dated[(ref.start, ref.end)].value
    assert any(r.anchor == TimeAnchor.UNRESOLVED for r in undated)


@pytest.mark.parametrize(
    ("sentence", "published", "mention", "value", "precision"),
    [
        # The Friday on or before publication: an article dated that Friday means that day.
        ("Lavrov spoke on Friday.", "2021-07-16", "Friday", "2021-07-16", "day"),
        ("Lavrov spoke on Friday.", "2021-07-19", "Friday", "2021-07-16", "day"),
        ("The talks will resume on Monday.", "2021-07-16", "Monday", "2021-07-19", "day"),
        ("It happened on December 5.", "2021-07-17", "December 5", "2020-12-05", "day"),
        ("He arrived in March.", "2021-07-17", "March", "2021-03", "month"),
        ("Sales fell last year.", "2021-07-17", "last year", "2020", "year"),
        ("We met last week.", "2021-07-17", "last week", "2021-W27", "week"),
        ("The vote was held in the spring of 2019.", "2021-07-17", "spring", "2019-SP", "season"),
        ("Bases operated between 1999 and 2003.", None, "1999", "1999/2003", "interval"),
        ("It was founded in 2014.", None, "2014", "2014", "year"),
        ("Profit rose in the third quarter.", "2021-10-20", "third quarter", "2021-07/2021-09",
         "interval"),
        ("Debt built up in the 1990s.", None, "1990s", "1990/1999", "interval"),
        ("Published 2021-06-16 in Moscow.", None, "2021-06-16", "2021-06-16", "day"),
        # A weekend is its Saturday and Sunday (an interval), not the whole ISO week.
        ("They met last weekend.", "2021-07-21", "last weekend", "2021-07-17/2021-07-18",
         "interval"),
        ("Talks resume this weekend.", "2021-07-21", "this weekend", "2021-07-24/2021-07-25",
         "interval"),
    ],
)
def test_tricky_cases(sentence: str, published: str | None, mention: str, value: str,
                      precision: str) -> None:
    ref = _find(_times(sentence, published), mention)
    assert (ref.value, str(ref.precision)) == (value, precision)


def test_durations_and_vague_references_are_not_time_refs() -> None:
    refs = _times("After three years of war and in recent days, prices fall daily now.", PUBLISHED)
    assert refs == []


def test_month_verbs_and_counts_are_not_dates() -> None:
    refs = _times("You may go. Troops march on. Some 2000 people came. Prices fall.", PUBLISHED)
    assert refs == []


def test_russian_expressions() -> None:
    body = ("Вчера в Ташкенте Лавров заявил, что 16 июня в Женеве обсуждались базы. "
            "В пятницу министр встретился с коллегами. Сегодня МИД не ответил. "
            "В 2001–2014 годах США имели базу в Манасе, а с 2001 по 2005 год — в Ханабаде. "
            "В начале июля и в прошлом месяце ситуация ухудшилась. Весной МИД предупреждал. "
            "Теракты 11 сентября 2001 года изменили всё.")
    refs = _times(body, PUBLISHED, "ru")
    expected = {"Вчера": "2021-07-16", "16 июня": "2021-06-16", "пятницу": "2021-07-16",
                "Сегодня": "2021-07-17", "2001–2014": "2001/2014", "с 2001 по 2005": "2001/2005",
                "начале июля": "2021-07", "прошлом месяце": "2021-06", "Весной": "2021-SP",
                "11 сентября 2001": "2001-09-11"}
    for text, value in expected.items():
        assert _find(refs, text).value == value, text
    assert _find(refs, "11 сентября 2001").anchor == TimeAnchor.EXPLICIT
    undated = _times(body, None, "ru")
    assert _find(undated, "Вчера").anchor == TimeAnchor.UNRESOLVED
    assert _find(undated, "Вчера").value is None
    assert _find(undated, "2001–2014").value == "2001/2014"


@pytest.mark.parametrize(
    ("sentence", "mention", "value"),
    [
        # A month in the instrumental case with its modifier: «прошлым» is the last one before
        # the publication month, «следующим» the next one after it, «этим» this year's.
        ("Прошлым августом вода не дошла до сёл.", "Прошлым августом", "2020-08"),
        ("Прошлым январём склады опустели.", "Прошлым январём", "2021-01"),
        ("Этим маем посевы погибли.", "Этим маем", "2021-05"),
        ("Следующим мартом начнётся ремонт.", "Следующим мартом", "2022-03"),
        ("В следующем сентябре откроют школу.", "следующем сентябре", "2021-09"),
    ],
)
def test_russian_months_with_a_modifier(sentence: str, mention: str, value: str) -> None:
    ref = _find(_times(sentence, PUBLISHED, "ru"), mention)
    assert (ref.text, ref.value, str(ref.precision)) == (mention, value, "month")


def test_a_bare_instrumental_month_is_no_date() -> None:
    assert _times("Рабочие довольны маем и мартом.", PUBLISHED, "ru") == []


def test_datetime_and_partial_publication_dates() -> None:
    assert str(parse_anchor("2021-07-17T09:30:00+03:00")) == "2021-07-17"
    assert parse_anchor("2021-07") is None
    assert parse_anchor(None) is None
    assert annotate_times("It rained yesterday.", "en", "2021-07")[0].value is None


def test_stage_runs_in_the_pipeline(rewrite_path: Path) -> None:
    annotated = annotator([TimeAnnotator()])(_article(_seed(rewrite_path), PUBLISHED))
    assert annotated.times
    assert annotated.to_dict()["times"][0]["anchor"] in ("published", "explicit")


def test_timeline_sorts_events_and_keeps_unresolved_apart(
    scoop_path: Path, rewrite_path: Path
) -> None:
    stage = TimeAnnotator()
    docs = [run_stage(stage, _article(_seed(scoop_path), PUBLISHED, aid="scoop")),
            run_stage(stage, _article(_seed(rewrite_path), None, aid="rewrite"))]
    view = timeline(docs)
    values = [e["value"] for e in view["events"]]
    assert values[0] == "2001/2014" and "2021-07-16" in values
    assert values.index("2001-09-11") < values.index("2021-SP") < values.index("2021-07-01")
    assert {e["article_id"] for e in view["unresolved"]} == {"rewrite"}
    first = view["events"][0]
    body = docs[0].article.body
    assert first["text"] == body[first["start"] : first["end"]]
    assert first["text"] in first["sentence"] and "Manas" in first["sentence"]
    assert "\n" not in first["sentence"]
    assert dataclasses.asdict(docs[1].times[0])["value"] is None


@pytest.mark.parametrize(
    ("sentence", "published", "mention", "value", "anchor"),
    [
        # Anaphors follow the latest date named before them; the anchor is what the chain ends in.
        ("On May 22, 1995, he was promoted, and the following year he left.", None,
         "the following year", "1996", TimeAnchor.EXPLICIT),
        ("She fled in June 1998 and returned later that year.", "2000-01-28", "later that year",
         "1998", TimeAnchor.EXPLICIT),
        ("He was killed on Oct. 23, 1998. Earlier that day, police were warned.", "2021-07-17",
         "Earlier that day", "1998-10-23", TimeAnchor.EXPLICIT),
        ("Talks began on Friday. The next day, both sides walked out.", "2021-07-17",
         "The next day", "2021-07-17", TimeAnchor.PUBLISHED),
        ("Shares fell on Friday, down 4% from the previous Friday.", "2021-07-19",
         "the previous Friday", "2021-07-09", TimeAnchor.PUBLISHED),
        ("The deal was signed in March 2019; the same month, prices rose.", None,
         "the same month", "2019-03", TimeAnchor.EXPLICIT),
        # No date before it: counted from publication, as "the same day" as the article.
        ("Protests broke out that day.", "2021-07-17", "that day", "2021-07-17",
         TimeAnchor.PUBLISHED),
        # Holidays: the nearest one, with the past bias of a bare month and day.
        ("The boy was found on Thanksgiving Day.", "2000-01-07", "Thanksgiving Day",
         "1999-11-25", TimeAnchor.PUBLISHED),
        ("He will be home by Christmas.", "2021-11-20", "Christmas", "2021-12-25",
         TimeAnchor.PUBLISHED),
        ("Crowds gathered on Easter Sunday.", "2021-07-17", "Easter", "2021-04-04",
         TimeAnchor.PUBLISHED),
        ("They met on New Year's Day, 2019.", None, "New Year's Day", "2019-01-01",
         TimeAnchor.EXPLICIT),
        ("Polls close on Election Day.", "2020-10-20", "Election Day", "2020-11-03",
         TimeAnchor.PUBLISHED),
        ("Sales for the full year rose.", "2021-07-17", "the full year", "2021",
         TimeAnchor.PUBLISHED),
    ],
)
def test_anaphors_holidays_and_the_year(sentence: str, published: str | None, mention: str,
                                        value: str, anchor: TimeAnchor) -> None:
    ref = _find(_times(sentence, published), mention)
    assert (ref.value, ref.anchor) == (value, anchor)


def test_anaphor_after_an_unresolved_date_stays_unresolved() -> None:
    refs = _times("Talks began on Friday. The next day, both sides walked out.", None)
    nxt = _find(refs, "The next day")
    assert (nxt.value, nxt.anchor) == (None, TimeAnchor.UNRESOLVED)
    assert _find(refs, "Friday").anchor == TimeAnchor.UNRESOLVED


def test_holiday_words_that_are_not_holidays() -> None:
    refs = _times("Independence was declared and Labor won the vote.", PUBLISHED)
    assert refs == []


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("The year ended March 31 was hard.", "The year", "P1Y"),
        ("They stayed for 5 1/2 hours.", "5 1/2 hours", "PT5H30M"),
        ("A minute and a half later it fell.", "A minute and a half", "PT1M30S"),
        ("The lease runs for at least 20 more years.", "20 more years", "P20Y"),
        ("Prices will rise in coming weeks.", "coming weeks", "PXW"),
        ("Hate groups grew through the nineties.", "the nineties", "199"),
        ("The court meets at midday.", "midday", "2021-07-17T12:00"),
        ("A sale is planned in the near future.", "the near future", "FUTURE_REF"),
    ],
)
def test_timex3_values_for_the_benchmark(sentence: str, text: str, value: str) -> None:
    found = {t.text: t.value for t in find_times(sentence, "en", date(2021, 7, 17))}
    assert found.get(text) == value, found


def test_index_levels_and_ages_are_not_years_or_decades() -> None:
    found = find_times("The index closed at 2082.1 points. He was in his 30s.", "en",
                       date(2021, 7, 17))
    assert found == []


def test_russian_anaphors() -> None:
    body = ("Переговоры прошли 16 июня 2019 года. На следующий день стороны разошлись. "
            "В том же году всё изменилось. В следующем году тоже.")
    refs = _times(body, PUBLISHED, "ru")
    assert _find(refs, "На следующий день").value == "2019-06-17"
    assert _find(refs, "В том же году").anchor == TimeAnchor.EXPLICIT
    assert _find(refs, "В следующем году").value == "2022"  # counted from publication
