"""Admiralty grades (NATO AJP-2.1 / STANAG 2511) from counted evidence, with reasons in words.

Source reliability A-F comes from an origin's record: how many of its earlier claims (in earlier
stories) were later independently confirmed (two or more independent origins) or contradicted.
Information credibility 1-6 comes from this claim's own counts: independent origins, the sourcing
of its origins and the contradictions against it. docs/assessment.md states the rules as a table;
every letter and digit here is reached by counting, never by a weight.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from wirewatch.model import Origin, OriginSourcing, Polarity, StoryClaim

# Fewer judged claims than this is no record: reliability F ("cannot be judged").
MIN_JUDGED = 3
# A: this many judged claims and none contradicted.
COMPLETELY_RELIABLE = 10
# B, C, D: at least this share of judged claims confirmed (E below the last).
SHARE_FOR = (("B", 0.8), ("C", 0.6), ("D", 0.4))
ON_RECORD = (OriginSourcing.OFFICIAL, OriginSourcing.NAMED, OriginSourcing.DOCUMENT)

RELIABILITY_WORDS = {"A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
                     "D": "not usually reliable", "E": "unreliable", "F": "reliability cannot be judged"}
CREDIBILITY_WORDS = {1: "confirmed by other sources", 2: "probably true", 3: "possibly true",
                     4: "doubtful", 5: "improbable", 6: "truth cannot be judged"}


@dataclass(frozen=True)
class OutletRecord:
    """An origin's earlier claims: independently confirmed, contradicted, neither yet."""

    confirmed: int = 0
    contradicted: int = 0
    unresolved: int = 0

    @property
    def judged(self) -> int:
        return self.confirmed + self.contradicted


def outlet_record(claims: Iterable[StoryClaim]) -> dict[str, OutletRecord]:
    """Origin key -> its record over ``claims`` (earlier stories' assessed facts). A claim with
    two or more independent origins counts as confirmed for each of them; a contradicted one as
    contradicted (both when both); the rest as unresolved."""
    counts: dict[str, list[int]] = {}
    for claim in claims:
        if claim.polarity is not Polarity.AFFIRMED:
            continue
        confirmed = claim.independent_origins >= 2
        contradicted = bool(claim.contradicted_by)
        for origin in claim.origins:
            row = counts.setdefault(origin.key, [0, 0, 0])
            row[0] += confirmed
            row[1] += contradicted
            row[2] += not (confirmed or contradicted)
    return {key: OutletRecord(*row) for key, row in counts.items()}


def reliability(record: OutletRecord | None) -> str:
    if record is None or record.judged < MIN_JUDGED:
        return "F"
    if record.contradicted == 0 and record.judged >= COMPLETELY_RELIABLE:
        return "A"
    share = record.confirmed / record.judged
    return next((letter for letter, least in SHARE_FOR if share >= least), "E")


def best_reliability(
    origins: Sequence[Origin], records: Mapping[str, OutletRecord]
) -> tuple[str, Origin | None]:
    """The best letter among the claim's origins, and the origin that earns it."""
    graded = sorted(((reliability(records.get(o.key)), i) for i, o in enumerate(origins)))
    if not graded:
        return "F", None
    letter, index = graded[0]
    return letter, origins[index]


@dataclass(frozen=True)
class Counts:
    """What credibility is counted from."""

    independent_origins: int
    sourcing: OriginSourcing  # the strongest origin's
    contradicted: bool
    contradicted_on_record: bool


def credibility(counts: Counts) -> tuple[int, str]:
    """The digit and the rule that gave it, in words."""
    confirmed = counts.independent_origins >= 2
    if confirmed and not counts.contradicted:
        return 1, f"{counts.independent_origins} independent origins and no contradiction"
    if counts.contradicted and confirmed:
        return 3, "independent origins confirm it but it is also contradicted: conflicting reporting"
    if counts.contradicted_on_record:
        return 5, "one origin only, contradicted on the record"
    if counts.contradicted:
        return 4, "one origin only, contradicted by sources not on the record"
    if counts.sourcing in ON_RECORD:
        return 2, f"one origin, {counts.sourcing} on the record, not contradicted"
    if counts.sourcing is OriginSourcing.ANONYMOUS:
        return 3, "one origin with anonymous sources, not contradicted and not confirmed"
    return 6, "one origin that does not say where it has it from: nothing to judge it by"
