"""Which words attribute content, and through which dependency: English attribution rules.

News attributes far more than speech: beliefs ("fears that ..."), intentions ("vowed to ..."),
positions ("endorsed Clinton", "called for a ban"), characterisations ("described X as Y") and
reports' contents ("the poll showed that ..."). Each cue licenses its content through one
grammatical relation: "endorse" attributes its object, "say" its clause, "call" its
"for"-phrase. The cue lexicon, keyed by relation, lives in ``cues``; this module applies it to
a dependency parse, including the parser's usual slips (a clause parsed as an object, a
preposition hung on the wrong word).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from wirewatch.annotate.attribution.quote_marks import Attribution
from wirewatch.resources.lexicon import (
    CLAUSE_NOUNS,
    CLAUSE_VERBS,
    CLEAR_VERBS,
    COPULAR_VIEW_NOUNS,
    CUE_LEMMAS,
    DOCUMENT_OBJECT_VERBS,
    FINDING_HEADS,
    IMPRESSION_VERBS,
    INFINITIVE_VERBS,
    LIGHT_VERB_NOUNS,
    NAMING_PARTICIPLES,
    OBJECT_VERBS,
    PHRASAL_VERBS,
    POLL_NOUNS,
    PREDICATIVE_VERBS,
    PREP_NOUNS,
    PREP_VERBS,
    QUESTION_VERBS,
    RAISING_VERBS,
    RELAY_LEMMAS,
    REPORT_ADVERBS,
    SAID_ANSWERS,
    SAY_VERBS,
    SOURCED_NOUNS,
    SPEECH_LEMMAS,
    STANCE_LEMMAS,
    WEAK_CLAUSE_VERBS,
)
from wirewatch.resources.nlp import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


# Tags of a finite verb: "says the increase in X also makes ..." hides a clause in an object.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Subject pronouns that a parser may take for the object of a clause verb.
CLAUSE_PRONOUNS = frozenset({"it", "he", "she", "they", "we", "i", "you"})
_VERBAL = ("VERB", "AUX", "ADJ")
# What a raising verb may raise: an infinitive, an adjective ("seemed irritated"), a clause
# ("It appears that ...").
_RAISED = frozenset({"xcomp", "acomp", "oprd", "ccomp"})
_NOMINAL = ("NOUN", "PROPN")


def _subtree(tok: Token) -> list[Token]:
    return list(tok.subtree)


def _weak_clause(cue: Token, clause: Token) -> bool:
    """True when "know/think/find + clause" has neither a subject of its own nor "that"
    ("..., think about it", a fragment the parser took for a clause). "I think X" outside
    quotation marks is the voice of an interviewee or a columnist, and attributed as such."""
    if cue.lemma_.lower() not in WEAK_CLAUSE_VERBS:
        return False
    subjects = [c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")]
    return not subjects and not _introduced_by_that(clause)


# Dependents of a cue that are not part of what it attributes, when the content is taken to
# run on to the end of the cue's phrase.
_NOT_CONTENT = frozenset(
    {"nsubj", "nsubjpass", "conj", "cc", "punct", "aux", "auxpass", "neg", "npadvmod", "advmod", "agent"}
)
# Entity types of a when-phrase ("on Monday"), which is no part of the content.
_TIME_ENTS = frozenset({"DATE", "TIME"})


def _to_phrase_end(cue: Token, tokens: list[Token]) -> list[Token]:
    """Content tokens run on to the end of the cue's phrase: an object's complement or a
    reason phrase belongs to the stance ("slams X for charging ...", "defended his call to
    raise ..."), which the parse often attaches to the verb rather than to the object."""
    last = max(t.i for t in tokens)
    extra: list[Token] = []
    for child in cue.children:
        if child.i > last and child.dep_ not in _NOT_CONTENT and not _when(child) and not _citing(child):
            extra.extend(child.subtree)
    return sorted(set(tokens) | set(extra), key=lambda t: t.i)


def _citing(tok: Token) -> bool:
    """A participle naming where the words came from ("..., the paper reported, citing
    sources"): the source of the report, no part of its content."""
    return tok.lemma_.lower() in RELAY_LEMMAS and tok.tag_ == "VBG"


def _when(tok: Token) -> bool:
    """A time phrase: "on Monday", "last week", "in early 2016"; not a phrase that only
    mentions a date ("any role in the Sept. 11, 2001, attacks")."""
    heads = [tok, *(c for c in tok.children if c.dep_ in ("pobj", "pcomp"))]
    return any(t.ent_type_ in _TIME_ENTS for t in heads)


def misattached_cue(tok: Token) -> bool:
    """A speech verb the parser coordinated into a reported clause although it goes with the
    cue ("said [it takes time] but added, ...", "complained [X attacked him] and questioned
    why ..."): a conjunct of a clause that a cue governs, with no subject of its own."""
    if tok.dep_ != "conj" or tok.pos_ != "VERB" or tok.lemma_.lower() not in CLAUSE_VERBS:
        return False
    clause = tok.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in CLAUSE_VERBS:
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def _across_paragraphs(a: Token, b: Token) -> bool:
    """Whether a paragraph break (a line break) lies between two tokens."""
    lo, hi = sorted((a.i, b.i))
    return any("\n" in t.text for t in a.doc[lo:hi])


def _stance_clause(lemma: str, clause: Token) -> bool:
    """A clause after a verb of stance or intention that the clause lexicon does not cover:
    "recommended that no charges be filed", "resent that ...", "wants Trump to lose"."""
    children = list(clause.children)
    if lemma in INFINITIVE_VERBS and any(c.dep_ == "aux" and c.lower_ == "to" for c in children):
        return any(c.dep_ in ("nsubj", "nsubjpass") for c in children)
    return lemma in OBJECT_VERBS and _introduced_by_that(clause)


def _marked_clause(cue: Token, clause: Token) -> bool:
    """A question or impression the parser hung on the cue as an adverbial clause: "asked
    the students if they were ...", "wondered whether ...", "felt like they had no voice"."""
    mark = next((c.lower_ for c in clause.children if c.dep_ == "mark"), None)
    lemma = cue.lemma_.lower()
    if mark in ("if", "whether"):
        return lemma in QUESTION_VERBS
    return mark == "like" and lemma in IMPRESSION_VERBS


def _clause_in_phrase(cue: Token) -> Token | None:
    """A "that"-clause the parser hung on a noun of the cue's prepositional phrase ("said in
    a statement that ...", "wrote in one of a series of messages that ..."): a clause with
    "that" as its conjunction and a subject of its own is the cue's reported clause."""
    for prep in cue.children:
        if prep.dep_ != "prep" or prep.i < cue.i:
            continue
        for tok in prep.subtree:
            if tok.dep_ in ("relcl", "acl") and _that_clause(tok):
                return tok
    return None


def _introduced_by_that(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _that_clause(verb: Token) -> bool:
    """A clause with "that" as its conjunction and a subject of its own."""
    return _introduced_by_that(verb) and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _semicolon_between(clause: Token, cue: Token) -> bool:
    """Whether a clause before its cue ends before a semicolon that precedes the cue: clauses
    joined by a semicolon stand apart, so the verb after it does not report the one before."""
    end = clause.right_edge.i
    return end < cue.i and any(t.text == ";" for t in cue.doc[end : cue.i])


def _clause(root: Token) -> list[Token]:
    """A reported clause's tokens, without a cue coordinated into it by mistake."""
    cut = {t.i for c in root.children if misattached_cue(c) for t in c.subtree}
    cc = {c.i for c in root.children if c.dep_ == "cc" and cut and c.i > min(cut) - 2}
    return [t for t in root.subtree if t.i not in cut and t.i not in cc]


def _verb_content(cue: Token) -> list[Token] | None:
    found = _verb_content_core(cue)
    return _colon_tail(_to_phrase_end(cue, found)) if found else found


def _colon_tail(tokens: list[Token]) -> list[Token]:
    """A content that ends on a colon runs on to the end of its sentence: what follows spells
    it out ("points out some statistics: the minimum wage is ...")."""
    last = tokens[-1]
    doc = last.doc
    if last.i + 1 >= len(doc) or doc[last.i + 1].text != ":":
        return tokens
    end = doc[last.i + 1].sent.end
    return tokens + list(doc[last.i + 1 : end])


def _pronoun_clause(obj: Token) -> list[Token] | None:
    """A clause the parser split into an object pronoun and a stray verb ("announcing it
    would expand purchases"): from the pronoun to the end of the verb's phrase."""
    doc = obj.doc
    if obj.lower_ not in CLAUSE_PRONOUNS or obj.i + 1 >= len(doc):
        return None
    nxt = doc[obj.i + 1]
    if nxt.tag_ not in FINITE_TAGS:
        return None
    verb = nxt if nxt.pos_ == "VERB" else nxt.head
    if verb.i < obj.i:
        return None
    return list(doc[obj.i : max(t.i for t in verb.subtree) + 1])


def _verb_content_core(cue: Token) -> list[Token] | None:
    lemma = cue.lemma_.lower()
    children = list(cue.children)
    if lemma in NAMING_PARTICIPLES and cue.dep_ == "acl" and not any(c.dep_ == "agent" for c in children):
        return None  # "the contests known as Super Tuesday": a name, not a view
    for child in children:
        if child.dep_ == "ccomp" and lemma in CLAUSE_VERBS and not _weak_clause(cue, child):
            if _across_paragraphs(cue, child):
                continue  # a heading the parser took as the object of the next paragraph's cue
            if _semicolon_between(child, cue):
                continue  # "A said X; B said Y": the clause before the semicolon is A's
            return _clause(child)
    for child in children:
        if child.dep_ == "advcl" and child.i > cue.i and _marked_clause(cue, child):
            # "felt like [I had no voice]": "if"/"whether" belong to the question, "like" not.
            return [t for t in _clause(child) if not (t.dep_ == "mark" and t.lower_ == "like")]
    if lemma in CLAUSE_VERBS:
        hung = _clause_in_phrase(cue)
        if hung is not None:
            return _clause(hung)
    for child in children:
        if child.dep_ == "xcomp" and lemma in INFINITIVE_VERBS:
            return _subtree(child)
        if child.dep_ == "ccomp" and child.i > cue.i and _stance_clause(lemma, child):
            return _clause(child)
    for child in children:
        # "Rabbis vow to boycott ...": an infinitive right after the verb that the parser
        # took for a purpose clause.
        if (
            child.dep_ == "advcl"
            and lemma in INFINITIVE_VERBS
            and child.i == cue.i + 2
            and cue.doc[cue.i + 1].lower_ == "to"
        ):
            return _subtree(child)
    light = _light_verb_content(cue)
    if light is not None:
        return light
    naming = lemma in PREDICATIVE_VERBS and _names_its_noun(cue)
    as_phrase = _object_as(cue) if lemma in PREP_VERBS["as"] else None
    if as_phrase is not None:
        return as_phrase
    for child in children:
        if naming:
            break
        if child.dep_ == "dobj" and lemma in CLAUSE_VERBS:
            clause = _pronoun_clause(child)
            if clause is not None:
                return clause
        if child.dep_ == "dobj" and (lemma in OBJECT_VERBS or lemma in PREDICATIVE_VERBS):
            tokens = _subtree(child)
            # "described X as Y", "called Trump a fascist": the complement belongs to it.
            tail = [c for c in children if c.i > child.i and c.dep_ in ("prep", "oprd")]
            if tail and (tail[0].dep_ == "oprd" or tail[0].lower_ == "as"):
                tokens += _subtree(tail[0])
            return tokens
        if child.dep_ == "xcomp" and child.tag_ == "VBG" and lemma in OBJECT_VERBS:
            return _subtree(child)  # "supports raising the minimum wage"
        if child.dep_ == "oprd" and lemma in PREDICATIVE_VERBS:
            return _subtree(child)
        if child.dep_ == "dobj" and lemma in DOCUMENT_OBJECT_VERBS and _text_subject(cue):
            return _subtree(child)
        if child.dep_ == "dobj" and lemma in SAY_VERBS and _said_object(child):
            return _subtree(child)
        if child.dep_ in ("advmod", "intj") and lemma in SAY_VERBS and child.lower_ in SAID_ANSWERS:
            return [child]
    return _idiom_content(cue) or _prep_content(cue, PREP_VERBS) or _passive_object(cue)


def _passive_object(cue: Token) -> list[Token] | None:
    """The subject of a passive stance verb with its agent ("The meeting was first reported
    by Politico", "His comments were derided by X"): the thing the agent took a stance on.
    Without a "by" phrase a passive is mostly a plain event ("was announced"), not counted."""
    lemma = cue.lemma_.lower()
    if lemma not in OBJECT_VERBS and lemma not in STANCE_LEMMAS:
        return None
    children = list(cue.children)
    if not any(c.dep_ == "auxpass" for c in children) or not any(c.dep_ == "agent" for c in children):
        return None
    subject = next((c for c in children if c.dep_ == "nsubjpass" and c.i < cue.i), None)
    if subject is None or subject.tag_ in ("WDT", "WP"):
        return None  # "which was rejected by ...": the relative pronoun is no content
    return _subtree(subject)


def _light_verb_content(cue: Token) -> list[Token] | None:
    """The content of a light-verb idiom ("took aim at X", "offered his thoughts on X",
    "made no mention of X"): the object of the preposition its noun takes."""
    nouns = LIGHT_VERB_NOUNS.get(cue.lemma_.lower(), {})
    if not nouns:
        return None
    children = list(cue.children)
    for child in children:
        if child.dep_ != "dobj":
            continue
        preps = nouns.get(child.lower_) or nouns.get(child.lemma_.lower())
        if preps:
            found = _object_of(list(child.children) + children, preps, after=child.i)
            if found is not None:
                return found
    return None


def _idiom_content(cue: Token) -> list[Token] | None:
    """The content of a phrasal verb of stance ("came out against X") or of "made (it) clear
    that ..." (light-verb idioms are read earlier, by ``_light_verb_content``)."""
    lemma = cue.lemma_.lower()
    children = list(cue.children)
    for child in children:
        if child.dep_ != "prt":
            continue
        preps = PHRASAL_VERBS.get((lemma, child.lower_), frozenset())
        if "dobj" in preps:
            obj = next((c for c in children if c.dep_ == "dobj"), None)
            if obj is not None:
                return _subtree(obj)
        found = _object_of(children, preps, after=child.i)
        if found is not None:
            return found
    clear = next((c for c in children if c.lower_ == "clear"), None) if lemma in CLEAR_VERBS else None
    if clear is not None:
        # The clause hangs off "clear" or off the verb, depending on the parse.
        for clause in (*clear.children, *children):
            if clause.dep_ in ("ccomp", "advcl") and clause.i > clear.i:
                return _subtree(clause)
    return None


def _object_of(candidates: Sequence[Token], preps: frozenset[str], after: int) -> list[Token] | None:
    """The object of the first of ``preps`` among ``candidates`` after position ``after``."""
    for prep in candidates:
        if prep.dep_ == "prep" and prep.lower_ in preps and prep.i > after:
            objs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
            if objs:
                return _subtree(objs[0])
    return None


def _object_as(cue: Token) -> list[Token] | None:
    """The object with its "as" phrase ("saw the program as detrimental", "see Trump as most
    likely to deliver"), wherever the parser hung the "as"."""
    obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    for child in cue.children:
        if child.i <= obj.i:
            continue
        as_tok = next((t for t in child.subtree if t.lower_ == "as"), None)
        if as_tok is not None and as_tok.i <= min(t.i for t in child.subtree) + 2:
            return _subtree(obj) + _subtree(child)
        break
    return None


def _names_its_noun(cue: Token) -> bool:
    """A naming participle ("a movement called X", "a PAC named Y"): the name of the noun it
    modifies, not a characterisation by anyone, unless an agent says whose it is ("a plan
    dubbed X by critics")."""
    if cue.dep_ != "acl" or any(c.dep_ == "agent" for c in cue.children):
        return False
    named = [c for c in cue.children if c.dep_ in ("oprd", "dobj")]
    return bool(named) and all(t.text[:1].isupper() or t.is_punct for t in named[0].subtree if not t.is_stop)


def _said_object(obj: Token) -> bool:
    """Whether the object of "say" is what was said: an answer ("said yes", "said so", "say
    the same") or a clause the parser took for a noun phrase ("says the increase in X also
    makes ..."), not a pronoun standing for words reported elsewhere ("said this", "what")."""
    if obj.lower_ in SAID_ANSWERS or obj.lemma_.lower() == "same":
        return True
    return any(t.tag_ in FINITE_TAGS for t in obj.subtree if t.i != obj.i)


def _text_subject(verb: Token) -> bool:
    """Whether a verb's subject is a text or a survey ("the poll", "audit files", "a batch
    of emails"), or the verb qualifies one ("with polls showing ...")."""
    if verb.dep_ == "acl" and _finding_noun(verb.head):
        return True
    return any(c.dep_ == "nsubj" and _finding_noun(c) for c in verb.children)


def _finding_noun(noun: Token) -> bool:
    if noun.lemma_.lower() in FINDING_HEADS or noun.lower_ in FINDING_HEADS:
        return True
    # "a new batch of emails", "a series of polls": the text is the "of" object.
    return any(
        p.lower_ == "of" and any(o.dep_ == "pobj" and o.lemma_.lower() in FINDING_HEADS for o in p.children)
        for p in noun.children
    )


def _poll_content(noun: Token) -> list[Token] | None:
    """A poll's finding ("In the CBS poll, <clause>"): the clause without the phrase."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "in":
        return None
    if prep.dep_ != "prep" or prep.head.pos_ not in _VERBAL:
        return _after_opening_phrase(prep)
    if prep.head.lemma_.lower() in SPEECH_LEMMAS:
        return None  # "said in a survey": the verb is the cue
    skip = {t.i for t in prep.subtree}
    return [t for t in prep.head.subtree if t.i not in skip]


def _after_opening_phrase(prep: Token) -> list[Token] | None:
    """The rest of the sentence after an opening phrase and its comma ("In the latest
    survey, 71 percent approved ..."), when the parser did not hang the phrase on the
    clause's verb."""
    sent = prep.sent
    phrase_end = max(t.i for t in prep.subtree)
    if prep.i != sent.start or phrase_end + 1 >= sent.end or prep.doc[phrase_end + 1].text != ",":
        return None
    return list(prep.doc[phrase_end + 2 : sent.end])


def _adverb_content(adverb: Token) -> list[Token] | None:
    """The clause a reporting adverb modifies, subject included, the adverb left out."""
    if adverb.dep_ != "advmod" or adverb.lower_ not in REPORT_ADVERBS:
        return None
    verb = adverb.head
    skip = {adverb.i} | {t.i for c in verb.children if c.dep_ in ("conj", "cc") for t in c.subtree}
    return [t for t in verb.subtree if t.i not in skip]


def _prep_content(cue: Token, table: dict[str, frozenset[str]]) -> list[Token] | None:
    lemma = cue.lemma_.lower()
    for child in cue.children:
        if child.dep_ != "prep" or lemma not in table.get(child.lower_, frozenset()):
            continue
        objs = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
        if objs:
            return _subtree(objs[0])
    return None


def raising_content(cue: Token) -> list[Token] | None:
    """The clause of a raising verb, subject included ("Mr. Trump seemed to overstay ...",
    "voters appear fatigued"): from the subject to the end of the complement. With an empty
    "it" as subject only what follows ("It appears that ...", "It now seems inevitable that
    ..."). None when ``cue`` is no raising verb."""
    if cue.pos_ not in _VERBAL or cue.lemma_.lower() not in RAISING_VERBS:
        return None
    complement = next((c for c in cue.children if c.dep_ in _RAISED and c.i > cue.i), None)
    subject = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if complement is None or subject is None or subject.i > cue.i:
        return None
    last = max(t.i for t in complement.subtree)
    if subject.lower_ == "it" and not list(subject.children):
        if complement.dep_ == "xcomp":
            return None  # "it seems to work": the pronoun stands for something named before
        # "It now seems inevitable that ...": the clause may hang off the verb.
        tail = [c for c in cue.children if c.i > complement.i and c.dep_ in _RAISED]
        last = max([last, *(t.i for c in tail for t in c.subtree)])
        return list(cue.doc[min(t.i for t in complement.subtree) : last + 1])
    first = min(t.i for t in subject.subtree)
    return list(cue.doc[first : last + 1])


def cue_content(cue: Token) -> list[Token] | None:
    """The tokens a cue word attributes, by the cue's lexical entry and its dependents; None
    when the word is no cue here."""
    if cue.pos_ in _VERBAL:
        return _verb_content(cue)
    if cue.pos_ == "ADV":
        return _adverb_content(cue)
    if cue.pos_ in _NOMINAL:
        lemma = cue.lemma_.lower()
        if lemma in POLL_NOUNS:
            return _poll_content(cue)
        said = _copular_that_clause(cue)
        if said is not None:
            return said
        for child in cue.children:
            # "the claim that ...", "his plan to ...": not "the statement issued by".
            introduced = any(c.dep_ in ("mark", "aux") for c in child.children)
            if child.dep_ in ("acl", "ccomp") and lemma in CLAUSE_NOUNS and introduced:
                return _subtree(child)
        if lemma in SOURCED_NOUNS and noun_source(cue) is None:
            return None
        return _prep_content(cue, PREP_NOUNS)
    return None


def _copular_that_clause(noun: Token) -> list[Token] | None:
    """"Their fear is that ...", "Sanders's argument was that ...", "A common refrain is that
    ...": the "that" clause a noun of saying or thinking is equated with is a view held or put
    forward."""
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.lemma_ != "be" or verb.i < noun.i:
        return None
    if noun.lemma_.lower() not in COPULAR_VIEW_NOUNS:
        return None  # "The reason is that ...", "One advantage is that ...": no one's view
    for clause in verb.rights:
        if clause.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children):
            return _subtree(clause)
    return None


def noun_source(cue: Token) -> Token | None:
    """Whose a noun cue is: its possessor ("Trump's claim"), else the subject of the verb
    that takes it ("Trump made the claim", "voiced concern about")."""
    if cue.lemma_.lower() in POLL_NOUNS and cue.dep_ == "pobj":
        return cue  # "In the CBS poll, ...": the poll itself
    for child in cue.children:
        if child.dep_ == "poss":
            return child
    if cue.dep_ in ("dobj", "attr") and cue.head.i != cue.i:
        return next((c for c in cue.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return None


# A headline "Speaker: what they said" names its speaker in at most this many words.
MAX_HEADLINE_SOURCE_WORDS = 6
_HEADLINE = re.compile(r"([^:\n]+?):\s+(\S[^\n]*)")


def headline_attributions(sdoc: Doc, paragraphs: Sequence[tuple[int, int]]) -> list[Attribution]:
    """Headline-style attributions, a paragraph of the form "Paul Ryan: FBI Decision ...
    Defies Explanation": a short name before the colon is the source, the rest the content.

    Datelines and labels ("WASHINGTON:", "UPDATE:", "5:20 p.m.") are not sources: the part
    before the colon must be a named entity or proper noun phrase in mixed case.
    """
    text = doc_text(sdoc)
    out: list[Attribution] = []
    for p_start, p_end in paragraphs:
        match = _HEADLINE.fullmatch(text[p_start:p_end].strip())
        if match is None:
            continue
        offset = p_start + (len(text[p_start:p_end]) - len(text[p_start:p_end].lstrip()))
        src = match.group(1)
        if len(src.split()) > MAX_HEADLINE_SOURCE_WORDS or src.isupper() or not src[:1].isupper():
            continue
        s_start, s_end = offset + match.start(1), offset + match.end(1)
        span = sdoc.char_span(s_start, s_end, alignment_mode="expand")
        if span is None or not _names_someone(span):
            continue
        c_start, c_end = offset + match.start(2), offset + match.end(2)
        while c_end > c_start and text[c_end - 1] in ". ":
            c_end -= 1
        if not _states_something(sdoc, c_start, c_end):
            continue
        colon = s_end
        out.append(Attribution(c_start, c_end, False, colon, colon + 1, s_start, s_end, span.root.lemma_))
    return out


def _states_something(sdoc: Doc, start: int, end: int) -> bool:
    """Whether the words after a colon are something said: a clause or a quotation, not a
    list, a count or a handle ("New Hampshire: Charlie Arlinghaus, ...", "Clinton: 547")."""
    span = sdoc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    return any(t.pos_ in ("VERB", "AUX") or t.is_quote for t in span)


def _names_someone(span: Span) -> bool:
    """A name, not a clause ("Trump said:") nor a label: no verb, every word capitalised."""
    if any(t.pos_ in ("VERB", "AUX") or t.like_num for t in span):
        return False
    words = [t for t in span if not t.is_punct]
    return bool(words) and all(t.text[:1].isupper() for t in words)


# A text's first paragraph up to this many words is taken for its headline and parsed again on
# its own, in sentence case: in title case ("Pence Endorses Paul Ryan") the small parser reads
# the verbs as parts of names, and run into the lede it joins the two.
MAX_HEADLINE_WORDS = 25
_TITLE_WORD = re.compile(r"(?<=\s)[A-Z][a-z]*\b")
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
# Inflections stripped to find a title-cased verb's lemma ("Endorses", "Denies", "Vowed").
_SUFFIXES = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"))


def sentence_case(text: str, rest: str) -> str:
    """A title-case headline in sentence case, at the same offsets ("Pence Endorses Paul Ryan
    With Trump's Blessing" -> "Pence endorses Paul Ryan with Trump's blessing"): function
    words, cue verbs and the words that the article (``rest``) writes in lower case elsewhere
    go to lower case; the others may be names and keep their case."""
    from spacy.lang.en.stop_words import STOP_WORDS

    common = set(_LOWER_WORD.findall(rest))

    def lower(match: re.Match[str]) -> str:
        word = match.group(0)
        low = word.lower()
        if word != "I" and (low in STOP_WORDS or low in common or _cue_form(low)):
            return low
        return word

    return _TITLE_WORD.sub(lower, text)


def _cue_form(word: str) -> bool:
    if word in CUE_LEMMAS:
        return True
    return any(word.endswith(end) and word[: -len(end)] + add in CUE_LEMMAS for end, add in _SUFFIXES)
