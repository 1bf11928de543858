"""Words passed on by an outlet: "the newspaper quoted a source as saying", "X reported, citing
sources". The one quoted or cited is the speaker, the outlet only the channel (issue 11: an
anonymous source cited by an outlet stays the anonymous source).

Read off the English parse for the product's quotes only: the benchmark keeps the source phrase
as the parser found it (the subject of the cue), so ``Attribution.source_*`` are left alone and
the cited phrase goes to ``resolve_*``, the outlet's phrase to ``channel_*``.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from wirewatch.annotate.attribution.quote_marks import Attribution
from wirewatch.annotate.attribution.sources import phrase_chars
from wirewatch.resources.lexicon import RELAY_LEMMAS

# The participle of "citing sources" hangs off the cue as one of these.
_PARTICIPLE_DEPS = frozenset({"advcl", "xcomp", "conj", "acl"})


def relayed(sdoc: Doc, att: Attribution) -> Attribution:
    """``att`` with the quoted or cited source to resolve the speaker with, and the source
    phrase as the channel, when its cue passes on someone else's words; else ``att``."""
    if att.cue_start is None or att.source_start is None or att.source_end is None:
        return att
    if att.resolve_start is not None:
        return att
    span = sdoc.char_span(att.cue_start, att.cue_end or att.cue_start + 1, alignment_mode="expand")
    if span is None or not len(span):
        return att
    cited = relayed_source(span[0])
    if cited is None or att.content_start <= cited.idx < att.content_end:
        return att  # what is quoted is the content itself ("quoted the Bible")
    start, end = phrase_chars(cited)
    if start < att.source_end and att.source_start < end:
        return att  # the cited phrase is the subject: no one else is passed on
    return replace(
        att,
        resolve_start=start,
        resolve_end=end,
        resolve_head=cited.lemma_,
        channel_start=att.source_start,
        channel_end=att.source_end,
    )


def relayed_source(cue: Token) -> Token | None:
    """Whose words a cue passes on: the object of "quoted X as saying" (the cue "saying" or
    "quoted"), or of a participle "citing X" hanging off the cue ("reported, citing sources")."""
    verb = cue
    if cue.dep_ == "pcomp" and cue.head.lower_ == "as":
        verb = cue.head.head  # "quoted X as saying": from "saying" up to "quoted"
    if verb.lemma_.lower() in RELAY_LEMMAS:
        return _object(verb)
    for child in cue.children:
        if child.lemma_.lower() in RELAY_LEMMAS and child.tag_ == "VBG" and child.dep_ in _PARTICIPLE_DEPS:
            return _object(child)
    return None


def _object(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "dobj"), None)
