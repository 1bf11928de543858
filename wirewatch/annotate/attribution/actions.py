"""Reported actions are not quotes: "Putin offered Biden ..., Kommersant reported".

Verbs of an action done in words (offer, propose, promise, suggest; предложить, пообещать)
report speech only when the words come from their doer. "According to sources, X offered",
"X offered Y, sources said" and «как сообщили источники, X предложил» tell of X's act on
someone else's word: a claim about X sourced to them, which the claims stage records, not an
on-record quote of X. Nor is a thing offered a statement ("offered Biden the use of bases").
An action cue stays a quote when it is quoted directly, or when its doer is the one telling
("X said he offered ...").

Applied to the product's quotes only: the benchmark (PolNeAR) counts such cues as
attributions in its broad sense, and keeps them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from wirewatch.annotate.attribution.quote_marks import Attribution
from wirewatch.annotate.attribution.speakers import Speaker, SpeakerResolver
from wirewatch.model import SpeakerType
from wirewatch.resources.lexicon import ACTION_SPEECH_LEMMAS, RU_ACTION_SPEECH_STEMS

if TYPE_CHECKING:
    from spacy.tokens import Token

# The words that open a Russian proposition after an action verb («предложил, чтобы ...»).
_RU_CLAUSE_OPENERS = ("что", "чтобы", "будто")


def is_action_cue(cue: str, lemma: str | None) -> bool:
    """Whether a cue (as written, with its lemma when known) names an action done in words."""
    return (lemma or cue).lower() in ACTION_SPEECH_LEMMAS or cue.lower().startswith(RU_ACTION_SPEECH_STEMS)


def russian_proposition(body: str, att: Attribution) -> bool:
    """Whether a Russian attribution's content is a proposition (a «что»/«чтобы» clause)."""
    words = body[att.content_start : att.content_end].split()
    return bool(words) and words[0].lower().strip(",") in _RU_CLAUSE_OPENERS


def without_reported_actions(
    atts: Sequence[Attribution],
    resolver: SpeakerResolver,
    action: Callable[[Attribution], bool],
    proposition: Callable[[Attribution], bool],
) -> list[Attribution]:
    """``atts`` without the actions reported by someone other than their doer, nor those whose
    content is a thing rather than something said. ``action`` tells an action cue;
    ``proposition`` whether an attribution's content is a clause (that-clause, infinitive)."""
    out: list[Attribution] = []
    for att in atts:
        if att.direct or att.cue_start is None or not action(att):
            out.append(att)
            continue
        if not proposition(att):
            continue  # "offered Biden the use of bases": a thing offered, no words of his
        teller = _teller(att, atts, action)
        if teller is not None and not _same(_speaker(resolver, teller), _speaker(resolver, att)):
            continue  # "X offered ..., sources said": X's act on their word, not X's quote
        out.append(att)
    return out


def _teller(
    att: Attribution, atts: Sequence[Attribution], action: Callable[[Attribution], bool]
) -> Attribution | None:
    """The attribution nearest around ``att``'s cue that tells of it: the narrowest content
    that holds the cue, of a cue that is no action itself."""
    assert att.cue_start is not None
    around = [
        other
        for other in atts
        if other is not att
        and not action(other)
        and other.content_start <= att.cue_start < other.content_end
        and not (att.content_start <= (other.cue_start or -1) < att.content_end)
    ]
    return min(around, key=lambda a: a.content_end - a.content_start, default=None)


def _speaker(resolver: SpeakerResolver, att: Attribution) -> Speaker:
    if att.resolve_start is not None and att.resolve_end is not None:
        return resolver.resolve(att.resolve_start, att.resolve_end, att.resolve_head)
    if att.source_start is not None and att.source_end is not None:
        return resolver.resolve(att.source_start, att.source_end, att.source_head)
    return Speaker(None, SpeakerType.UNKNOWN, None)


def _same(a: Speaker, b: Speaker) -> bool:
    """Whether two resolved speakers are the same one: a named speaker by name."""
    return a.name is not None and a.name == b.name


def english_proposition(cue: Token | None) -> bool:
    """Whether an English action cue reports a proposition: a clause ("proposed that they
    coordinate") or an infinitive ("offered to finance"), not a thing ("offered the use of
    bases", "proposed the three-way arrangement")."""
    if cue is None:
        return True
    for child in cue.children:
        if child.dep_ in ("ccomp", "xcomp") and child.i > cue.i:
            return True
        # "offered to mediate" parsed as a purpose clause right after the verb
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        if child.dep_ == "advcl" and infinitive and child.i == cue.i + 2:
            return True
    return False
