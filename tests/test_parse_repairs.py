"""Repairs of the English parse (real spaCy): inverted reporting clauses put back in order."""

from __future__ import annotations

from wirewatch.annotate.nlp import english_pipeline, parse_english
from wirewatch.annotate.parse_repairs import repair_inverted_reports

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
    assert next(parse_english(INVERTED).sents).root.text == "reported"


def test_a_blank_line_always_ends_a_sentence() -> None:
    """The shared parse never runs a sentence across a paragraph break: "He said:" and the
    quoted paragraph after it are two sentences (the parser alone makes them one)."""
    text = "Cruz called them on it:\n\n“The questions asked in this debate illustrate why.” He left."
    starts = [s.text.strip() for s in parse_english(text).sents]
    assert starts[0] == "Cruz called them on it:"
    assert starts[1].startswith("“The questions")
    assert [s.text.strip() for s in english_pipeline()("No break here. Two sentences.").sents] == [
        "No break here.",
        "Two sentences.",
    ]
