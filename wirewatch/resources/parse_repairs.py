"""Repairs of systematic mistakes of the small English parser, made before any stage reads it.

Inverted reports. "The Vestnik daily reported on Wednesday, citing sources, that Vostrikov had
proposed a deal": when a phrase separates a reporting verb from its "that", the parser often
makes the reported verb ("proposed") the root and the reporting verb its clause complement.
Every stage then reads the sentence backwards (the newspaper's report becomes what Vostrikov
proposed). The repair puts the reporting verb back at the root with the "that" clause under it.

Split subjects. "..., the Russian business daily Delovoy Vestnik reported": the parser reads
"daily" as a name and gives the verb two subjects side by side ("business" and "Vestnik"); the
repair hangs the first on the second, so the subject is the whole phrase.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from wirewatch.resources import lexicon as cues

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Dependents of the wrongly rooted verb that belong to the reporting clause when they lie before
# the "that": "citing sources", the commas around it, time phrases of the report.
_MOVABLE_DEPS = frozenset({"advcl", "punct", "prep", "npadvmod", "advmod"})


def repair_inverted_reports(doc: Doc) -> int:
    """Re-root sentences parsed as "[X reported ...] that Y proposed"; returns the repairs made."""
    repaired = 0
    for sent in list(doc.sents):
        root = sent.root
        report = _inverted_report(root)
        if report is None:
            continue
        that = next(c for c in root.children if c.dep_ == "mark")
        movable = [
            c for c in root.children if c.dep_ in _MOVABLE_DEPS and report.i < c.i < that.i
        ]
        report.head = report
        report.dep_ = "ROOT"
        _restore_subject(report)
        root.head = report
        root.dep_ = "ccomp"
        for child in movable:
            child.head = report
        repaired += 1
    return repaired


def _restore_subject(report: Token) -> None:
    """"The Vestnik business daily reported": the same misparse often reads the outlet's noun
    as an adverb; the phrase right before the reporting verb is its subject."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in report.children):
        return
    left = [c for c in report.children if c.i < report.i and c.dep_ in ("advmod", "npadvmod", "dep")]
    if left and left[-1].right_edge.i == report.i - 1 and left[-1].left_edge.i == report.left_edge.i:
        left[-1].dep_ = "nsubj"


def _inverted_report(root: Token) -> Token | None:
    """The reporting verb parsed as the root's clause complement, when the root's clause is
    introduced by a "that" after it; None when the sentence is not so misparsed."""
    that = next((c for c in root.children if c.dep_ == "mark" and c.lower_ == "that"), None)
    if that is None or root.pos_ not in ("VERB", "AUX"):
        return None
    report = next(
        (
            c
            for c in root.children
            if c.dep_ == "ccomp" and c.i < that.i and c.lemma_.lower() in cues.SPEECH_LEMMAS
        ),
        None,
    )
    if report is None or report.left_edge.i >= report.i:
        return None  # nothing before the reporting verb: no one reports
    # The "that" clause's own subject lies after the "that": the root is the reported event.
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.i < that.i:
        return None
    return report


def repair_split_subjects(doc: Doc) -> int:
    """Join two adjacent subjects of one verb into one phrase; returns the repairs made."""
    repaired = 0
    for verb in doc:
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        for first, second in pairwise(subjects):
            if first.right_edge.i + 1 == second.left_edge.i and second.i < verb.i:
                first.head = second
                first.dep_ = "compound"
                repaired += 1
    return repaired
