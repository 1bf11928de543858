"""Repairs of the English parse (real spaCy): inverted reporting clauses put back in order."""

from __future__ import annotations

from tests.pipeline_helpers import parse
from wirewatch.resources.nlp import english_pipeline
from wirewatch.resources.parse_repairs import repair_inverted_reports, repair_split_subjects

INVERTED = (
    "The Delovoy Vestnik business daily reported on Wednesday, citing unnamed sources in the Russian "
    "government, that Kremlin envoy Arkady Vostrikov had proposed the three-way arrangement at "
    "closed-door talks in Bishkek on June 12."
)


def test_inverted_report_is_rooted_at_the_reporting_verb() -> None:
    doc = english_pipeline()(INVERTED)
    roots = [s.root.text for s in doc.sents]
    assert repair_inverted_reports(doc) == 1
    assert roots != [s.root.text for s in doc.sents]  # the parser had it the other way round
    root = next(doc.sents).root
    assert root.text == "reported"
    proposed = next(t for t in doc if t.text == "proposed")
    assert proposed.head.i == root.i and proposed.dep_ == "ccomp"
    assert any(c.dep_ == "nsubj" and c.text in ("daily", "Vestnik") for c in root.children)
    assert next(t for t in doc if t.text == "citing").head.i == root.i


def test_well_parsed_reports_are_left_alone() -> None:
    text = "Putin said that Russia was ready to help. Lavrov added that the talks went well."
    doc = english_pipeline()(text)
    heads = [(t.dep_, t.head.i) for t in doc]
    assert repair_inverted_reports(doc) == 0
    assert heads == [(t.dep_, t.head.i) for t in doc]


def test_the_shared_parse_is_repaired() -> None:
    assert next(parse(INVERTED, "en").english.sents).root.text == "reported"


def test_a_blank_line_always_ends_a_sentence() -> None:
    """The shared parse never runs a sentence across a paragraph break: "He said:" and the
    quoted paragraph after it are two sentences (the parser alone makes them one)."""
    text = "Cruz called them on it:\n\n“The questions asked in this debate illustrate why.” He left."
    starts = [s.text.strip() for s in parse(text, "en").english.sents]
    assert starts[0] == "Cruz called them on it:"
    assert starts[1].startswith("“The questions")
    assert [s.text.strip() for s in english_pipeline()("No break here. Two sentences.").sents] == [
        "No break here.",
        "Two sentences.",
    ]


def test_two_subjects_side_by_side_become_one_phrase() -> None:
    """"the Russian business daily Delovoy Vestnik reported": the parser gives the verb two
    subjects ("business", "Vestnik"); the repair makes them one phrase."""
    text = (
        "Russia offered to finance a new dam in Kyrgyzstan, the Russian business daily Delovoy "
        "Vestnik reported today, citing sources in the Russian government."
    )
    raw = english_pipeline()(text)
    reported = next(t for t in raw if t.text == "reported")
    assert len([c for c in reported.children if c.dep_ == "nsubj"]) == 2  # the parser's reading
    assert repair_split_subjects(raw) == 1
    subjects = [c for c in reported.children if c.dep_ == "nsubj"]
    assert [t.text for t in subjects] == ["Vestnik"]
    assert " ".join(t.text for t in subjects[0].subtree) == "the Russian business daily Delovoy Vestnik"
    assert repair_split_subjects(english_pipeline()("Putin said that Russia was ready.")) == 0
