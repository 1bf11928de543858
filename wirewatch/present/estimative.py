"""Estimative language and confidence in the style of ICD 203, from a claim's counted grade.

ICD 203 (US Intelligence Community Directive 203, "Analytic Standards") keeps two things apart:
how likely a judgement is (a fixed ladder of words, each with a probability range) and how much
confidence the analyst has in the sources and reasoning behind it (high, moderate, low). Both come
here from counted evidence, never from a hidden score:

- **Likelihood** from the information credibility (1-6) and the number of independent origins:
  credibility 1 (confirmed by independent sources) is "almost certainly" with 3 or more independent
  origins, else "very likely"; 2 (probably true) "likely"; 3 (possibly true) "roughly even chance";
  4 (doubtful) "unlikely"; 5 (improbable, contradicted) "very unlikely"; 6 (cannot be judged) no term.
- **Confidence** from the source reliability (A-F) and the independent origins: high when the
  source is A or B and there are 2 or more independent origins; moderate when the source is A-C or
  there are 2 or more independent origins; low otherwise (one origin from a source with no record, F,
  is low confidence however often it was repeated).
"""

from __future__ import annotations

from dataclasses import dataclass

from wirewatch.present.analysis import Grade, StoryClaim

RELIABILITY_WORDS = {"A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
                     "D": "not usually reliable", "E": "unreliable", "F": "reliability cannot be judged"}
CREDIBILITY_WORDS = {1: "confirmed by other sources", 2: "probably true", 3: "possibly true",
                     4: "doubtful", 5: "improbable", 6: "truth cannot be judged"}


def grade_words(grade: Grade) -> str:
    return (f"Admiralty grade {grade.code}: source {RELIABILITY_WORDS[grade.reliability]}, "
            f"information {CREDIBILITY_WORDS[grade.credibility]}")


# ICD 203's ladder: the term and its probability range.
LIKELIHOOD_RANGES = {
    "almost no chance": "01-05%",
    "very unlikely": "05-20%",
    "unlikely": "20-45%",
    "roughly even chance": "45-55%",
    "likely": "55-80%",
    "very likely": "80-95%",
    "almost certainly": "95-99%",
}
_BY_CREDIBILITY = {2: "likely", 3: "roughly even chance", 4: "unlikely", 5: "very unlikely"}
CONFIRMED_MANY = 3  # independent origins for "almost certainly" on a confirmed claim
CORROBORATED = 2  # independent origins that count as corroboration for confidence


@dataclass(frozen=True)
class Estimate:
    likelihood: str | None  # an ICD 203 term, None when the claim cannot be judged or is not graded
    confidence: str | None  # high / moderate / low, None when not graded

    def phrase(self) -> str:
        """"very likely (80-95%), moderate confidence", or why there is no estimate."""
        if self.confidence is None:
            return "not assessed"
        if self.likelihood is None:
            return f"cannot be judged, {self.confidence} confidence"
        return f"{self.likelihood} ({LIKELIHOOD_RANGES[self.likelihood]}), {self.confidence} confidence"


def estimate(claim: StoryClaim) -> Estimate:
    grade = claim.grade
    if grade is None:
        return Estimate(None, None)
    origins = claim.independent_origins or 0
    if grade.credibility == 1:
        likelihood: str | None = "almost certainly" if origins >= CONFIRMED_MANY else "very likely"
    else:
        likelihood = _BY_CREDIBILITY.get(grade.credibility)
    if grade.reliability in "AB" and origins >= CORROBORATED:
        confidence = "high"
    elif grade.reliability in "ABC" or origins >= CORROBORATED:
        confidence = "moderate"
    else:
        confidence = "low"
    return Estimate(likelihood, confidence)
