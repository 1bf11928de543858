"""Who is the source of an English cue, read off the spaCy parse.

The subject of the cue verb, borrowed from the clause above for participles and conjuncts
("Criticizing X, she ...", "and then refused to say"), the agent of a passive, the author of a
communication noun ("Obama released a statement condemning ..."), cut to its phrase (no
relative clauses, no dateline). Used by the English attribution extractor (``quotes_en.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Token

from wirewatch.annotate.attribution.quote_marks import Attribution
from wirewatch.annotate.attribution.rules import misattached_cue
from wirewatch.resources import lexicon as cues

# Dependency labels of a verb's subject.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
RELATIVE_PRONOUNS = frozenset({"who", "whom"})
# How far up the parse a cue's subject may be borrowed from ("and then refused to say").
MAX_SUBJECT_HOPS = 3
# Dependents that are not part of a speaker phrase ("X, who attended ..., said").
_CLOSING_MARKS = '”"’»'
SPEAKER_CUT_DEPS = frozenset({"relcl", "acl", "punct", "advcl"})
# A dash after a dateline ("WASHINGTON (AP) — ").
_DASHES = frozenset({"—", "–", "--"})
# Nouns for something said or written: its author, when named, is the speaker ("Obama released
# a statement condemning ...").
_SPOKEN_NOUNS = """speech ad advertisement tweet post message story interview op-ed column book
video remark remarks address note essay article"""
COMMUNICATION_NOUNS = cues.DOCUMENT_HEADS | frozenset(_SPOKEN_NOUNS.split())


def is_cue(tok: Token) -> bool:
    if tok.lemma_.lower() not in cues.SPEECH_LEMMAS or tok.pos_ not in ("VERB", "AUX"):
        return False
    if tok.lemma_.lower() in cues.CLAUSE_ONLY_LEMMAS:
        return any(c.dep_ == "ccomp" for c in tok.children)
    return True


def cue_subject(tok: Token) -> Token | None:
    """The subject of a cue verb, borrowed from the governing verb for "and added",
    "..., saying", "refused to say", "Criticizing X, she ..." or "by echoing"; the agent of
    a passive ("was praised by X"); the noun a participle modifies ("Cruz, challenging X")."""
    if any(c.dep_ == "auxpass" for c in tok.children) or passive_participle(tok):
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    seen = 0
    while seen < MAX_SUBJECT_HOPS:
        for child in tok.children:
            if child.dep_ in SUBJECT_DEPS:
                if child.tag_ == "WDT" or child.lower_ in ("which", "that"):
                    # "Moscow, which fears ...": the relative pronoun is the source phrase
                    # (as attribution corpora mark it); ``_speaker`` resolves its noun.
                    return child if tok.dep_ == "relcl" else None
                return author_of(child) or child
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return author_of(tok.head) or tok.head
        if misattached_cue(tok):
            tok = tok.head.head  # "said X but added ...": the subject of the first cue
        elif tok.dep_ == "pcomp" and tok.head.head.i != tok.head.i:
            tok = tok.head.head  # "by echoing": from the preposition to its verb
        elif tok.dep_ in ("conj", "xcomp", "advcl", "acomp") and tok.head.i != tok.i:
            tok = tok.head
        else:
            return None
        seen += 1
    return None


def passive_participle(tok: Token) -> bool:
    """A past participle heading a reduced clause ("when asked about X", "Asked on Fox News,
    he said", "a shake-up viewed as a sign"): its subject is the one acted upon, not the one
    who asks or views."""
    return (
        tok.tag_ == "VBN"
        and tok.dep_ in ("advcl", "acl")
        and not any(c.dep_ in ("aux", "nsubj", "nsubjpass") for c in tok.children)
    )


def author_of(noun: Token) -> Token | None:
    """Who a communication noun is by, when the sentence says so: its passive agent ("an
    email sent out by Sanders warned") or the subject of the verb that makes it ("Obama
    released a statement condemning ...", "with a March speech denouncing ...")."""
    if noun.lemma_.lower() not in COMMUNICATION_NOUNS:
        return None
    for acl in (c for c in noun.children if c.dep_ == "acl"):
        agent = next((c for c in acl.children if c.dep_ == "agent"), None)
        if agent is not None:
            return next((c for c in agent.children if c.dep_ == "pobj"), None)
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    elif noun.dep_ != "dobj":
        return None
    if verb.pos_ not in ("VERB", "AUX") or verb.i == noun.i:
        return None
    return cue_subject(verb)


def phrase_chars(tok: Token) -> tuple[int, int]:
    """Character span of a speaker phrase: the subtree without relative clauses."""
    tokens = [tok]
    stack = [c for c in tok.children if c.dep_ not in SPEAKER_CUT_DEPS]
    while stack:
        t = stack.pop()
        tokens.append(t)
        stack.extend(t.children)
    # A dateline before a dash is no part of the subject ("WASHINGTON (AP) — Trump said").
    dashes = [t.i for t in tokens if t.text in _DASHES and t.i < tok.i]
    if dashes:
        tokens = [t for t in tokens if t.i > max(dashes)]
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return start, end


def with_source(att_cue: Token, source: Token | None, content: tuple[int, int]) -> Attribution:
    cue_end = att_cue.idx + len(att_cue.text)
    if source is None:
        return Attribution(content[0], content[1], False, att_cue.idx, cue_end)
    s, e = phrase_chars(source)
    att = Attribution(content[0], content[1], False, att_cue.idx, cue_end, s, e, source.lemma_)
    if (source.lower_ in RELATIVE_PRONOUNS or source.tag_ == "WDT") and source.head.dep_ == "relcl":
        # "Trump, who has threatened to ...": the source phrase is "who", the speaker the
        # noun it stands for.
        noun = source.head.head
        r_start, r_end = phrase_chars(noun)
        att = replace(att, resolve_start=r_start, resolve_end=r_end, resolve_head=noun.lemma_)
    return att


def span_chars(tokens: Sequence[Token]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def trim_tokens(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[0].is_punct or tokens[0].is_space or tokens[0].dep_ == "cc"):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        if tokens[-1].text in _CLOSING_MARKS:
            break
        tokens = tokens[:-1]
    return tokens
