"""Which words attribute content, and through which dependency: the cue lexicon for English.

News attributes far more than speech: beliefs ("fears that ..."), intentions ("vowed to ..."),
positions ("endorsed Clinton", "called for a ban"), characterisations ("described X as Y") and
reports' contents ("the poll showed that ..."). Each cue licenses its content through one
grammatical relation, so the lexicon is keyed by relation: "endorse" attributes its object,
"say" its clause, "call" its "for"-phrase. The lists are general English vocabulary; which
verb goes under which relation was checked against attribution-annotated news (the PolNeAR
training split), keeping a pairing only where it marks an attribution most of the time
("tell" + clause does, "tell" + object, "told reporters", does not).

Lemmas are spaCy's; a few entries are the small model's lemmatisation slips ("hop" for
"hoping") kept deliberately so that the common form is still recognised.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from wirewatch.annotate.cues import DOCUMENT_HEADS, SPEECH_LEMMAS
from wirewatch.annotate.quote_marks import Attribution

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs whose clausal complement ("that ..." or bare clause) is the attributed content.
CLAUSE_VERBS = SPEECH_LEMMAS | _words(
    """
    assure boast caution complain concede conclude confident contend determine discuss doubt
    emphasize emphasise envision estimate explain express fear forget guess highlight hint
    hop hope hopeful imply insist joke maintain mention mock note point post predict
    promise propose question recall recognize recognise remark remind reply report require
    respond reveal rule signal speculate state suggest suspect tweet understand warn wonder
    worry write acknowledge allege assert announce argue ask claim confirm declare deny
    agree admit add tell say learn show find realize realise feel know believe think
    testify concur counter retort theorize theorise surmise figure reason calculate
    """
)

# Clause verbs too common with non-attributive clauses ("I know that", "we think") to count
# unless the clause is introduced by "that" or the verb has a third-person subject.
WEAK_CLAUSE_VERBS = _words("know think believe feel find realize realise understand figure see")

# Verbs whose infinitive complement is the content: intentions, proposals, refusals
# ("vowed to repeal", "refused to disavow", "urged Congress to act").
INFINITIVE_VERBS = _words(
    """
    advocate agree aim appear argue ask believe call decide decline eager expect hop hope
    inclined look offer order plot prefer press promise propose push refuse seek seem
    suggest tell threaten urge vote vow pledge plan intend want wish vow demand insist
    encourage invite beg implore swear claim pretend resolve commit hesitate reluctant
    determined unwilling prepare mention report say chant
    """
)

# Raising verbs: "X seemed to overstay his welcome" attributes an impression to no one in
# particular, and the whole clause, subject included, is what is attributed.
RAISING_VERBS = _words("seem appear")

# Verbs whose direct object is the content: stances toward a thing ("endorsed Clinton",
# "rejected the deal", "outlined a plan") and communicated objects ("cited a poll").
OBJECT_VERBS = _words(
    """
    acknowledge announce articulate assail blame blast brush cite confirm decry deem defend
    denounce detail disclose dismiss echo endorse envision eviscerate express herald
    highlight lament list mention mock note outline praise propose question rebut recall
    recite recommend recount reference reiterate reject relish repeat report repudiate slam
    state stress tease tout unveil criticize criticise condemn oppose back champion embrace
    hail laud applaud ridicule deride lambast disavow renounce decline predict promise
    pledge vow reveal admit deny dispute contest challenge attack fault accuse explain
    describe proclaim declare suggest demand urge concede applaud favor favour prefer
    discuss post talk chant assert satirize satirise downplay
    support want seek
    """
)

# Verbs whose object is a finding when a text is their subject ("the poll showed a tie",
# "audit files show that ..."): said of people, "show" and "find" are no attributions.
DOCUMENT_OBJECT_VERBS = _words("show find suggest indicate")
_FINDING_HEADS = DOCUMENT_HEADS | _words("result finding number figure")

# Nouns for surveys: "In the CBS poll, Trump's lead narrowed" attributes the rest of the clause
# to the poll.
POLL_NOUNS = _words("poll polls survey surveys study")

# Adverbs that attribute their clause to unnamed reports ("X is reportedly spending ...").
REPORT_ADVERBS = _words("reportedly allegedly purportedly")

# Verbs with an object complement ("called him a liar", "named it X").
PREDICATIVE_VERBS = _words("call name title label dub brand deem term")

# Verb + preposition whose object is the content ("called for", "spoke about", "accused of").
PREP_VERBS: dict[str, frozenset[str]] = {
    "for": _words(
        """
        apologize apologise argue blast call criticize criticise hit praise push vouch
        advocate lobby campaign press fault blame slam thank credit attack hop hope vote
        """
    ),
    "as": _words(
        """
        cite criticize criticise describe dismiss identify know mention name portray praise
        refer regard characterize characterise depict view label brand hail cast see paint
        """
    ),
    "about": _words(
        """
        ask boast brag complain speak talk think wonder worry worried write tweet joke warn
        testify comment care hear read learn concerned joke lie rant muse
        """
    ),
    "to": _words("allude refer liken compare prefer object nod respond react point hostile"),
    "with": _words("agree disagree side identify sympathize sympathise"),
    "on": _words("agree comment count double pounce spar zero weigh focus elaborate insist"),
    "of": _words("accuse speak supportive wary critical enamored proud fond skeptical sceptical warn"),
    "against": _words("warn campaign rail argue advocate caution vote testify speak"),
    "at": _words("balk jab lash swipe hint"),
    "into": _words("rip lash tear"),
    "in": _words("confident revel believe"),
    "behind": _words("line rally unite"),
    "upon": _words("remark comment reflect"),
}

# Nouns whose "that"-clause or infinitive is the content ("the belief that ...", "his plan
# to ..."); the owner, when named, is the source ("Trump's claim that ...").
CLAUSE_NOUNS = _words(
    """
    argument belief claim complaint concern confidence doubt hope statement suggestion
    assertion allegation assurance contention fear promise pledge vow warning insistence
    notion view opinion suspicion prediction expectation admission acknowledgment
    acknowledgement announcement plan proposal threat demand call idea accusation charge
    conviction assessment message position
    """
)

# Nouns whose prepositional object is the content ("his opposition to", "criticism of").
PREP_NOUNS: dict[str, frozenset[str]] = {
    "of": _words(
        """
        supporter proponent opponent advocate
        criticism critic defense defence denunciation opinion rejection endorsement support
        praise condemnation view assessment characterization characterisation
        """
    ),
    "about": _words("concern attitude conversation message reservation worry doubt question comment talk"),
    "to": _words("opposition objection reference allusion"),
    "for": _words("support call calls praise enthusiasm admiration"),
    "on": _words("position stance view views attack attacks"),
    "over": _words("concern concerns query"),
}


# Subjects that make a weak clause verb a remark about the writer or reader, not a report.
_PERSONAL = frozenset({"i", "we", "you"})
_VERBAL = ("VERB", "AUX", "ADJ")
_NOMINAL = ("NOUN", "PROPN")


def _subtree(tok: Token) -> list[Token]:
    return list(tok.subtree)


def _weak_clause(cue: Token, clause: Token) -> bool:
    """True when "know/think/find + clause" is an aside ("I think", "we know") rather than an
    attributed belief: no "that" and a first- or second-person subject."""
    if cue.lemma_.lower() not in WEAK_CLAUSE_VERBS:
        return False
    subjects = [c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")]
    personal = any(s.lower_ in _PERSONAL for s in subjects)
    has_that = any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
    return personal or (not subjects and not has_that)


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
        if child.i > last and child.dep_ not in _NOT_CONTENT and not _when(child):
            extra.extend(child.subtree)
    return sorted(set(tokens) | set(extra), key=lambda t: t.i)


def _when(tok: Token) -> bool:
    """A time phrase: "on Monday", "last week"."""
    return any(t.ent_type_ in _TIME_ENTS for t in tok.subtree)


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


def _clause(root: Token) -> list[Token]:
    """A reported clause's tokens, without a cue coordinated into it by mistake."""
    cut = {t.i for c in root.children if misattached_cue(c) for t in c.subtree}
    cc = {c.i for c in root.children if c.dep_ == "cc" and cut and c.i > min(cut) - 2}
    return [t for t in root.subtree if t.i not in cut and t.i not in cc]


def _verb_content(cue: Token) -> list[Token] | None:
    found = _verb_content_core(cue)
    return _to_phrase_end(cue, found) if found else found


def _verb_content_core(cue: Token) -> list[Token] | None:
    lemma = cue.lemma_.lower()
    children = list(cue.children)
    for child in children:
        if child.dep_ == "ccomp" and lemma in CLAUSE_VERBS and not _weak_clause(cue, child):
            if _across_paragraphs(cue, child):
                continue  # a heading the parser took as the object of the next paragraph's cue
            return _clause(child)
    for child in children:
        if child.dep_ == "xcomp" and lemma in INFINITIVE_VERBS:
            return _subtree(child)
    for child in children:
        if child.dep_ == "dobj" and (lemma in OBJECT_VERBS or lemma in PREDICATIVE_VERBS):
            tokens = _subtree(child)
            # "described X as Y", "called Trump a fascist": the complement belongs to it.
            tail = [c for c in children if c.i > child.i and c.dep_ in ("prep", "oprd")]
            if tail and (tail[0].dep_ == "oprd" or tail[0].lower_ == "as"):
                tokens += _subtree(tail[0])
            return tokens
        if child.dep_ == "oprd" and lemma in PREDICATIVE_VERBS:
            return _subtree(child)
        if child.dep_ == "dobj" and lemma in DOCUMENT_OBJECT_VERBS and _text_subject(cue):
            return _subtree(child)
    return _prep_content(cue, PREP_VERBS)


def _text_subject(verb: Token) -> bool:
    """Whether a verb's subject is a text or a survey ("the poll", "audit files")."""
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in _FINDING_HEADS for c in verb.children)


def _poll_content(noun: Token) -> list[Token] | None:
    """A poll's finding ("In the CBS poll, <clause>"): the clause without the phrase."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "in" or prep.dep_ != "prep" or prep.head.pos_ not in _VERBAL:
        return None
    if prep.head.lemma_.lower() in SPEECH_LEMMAS:
        return None  # "said in a survey": the verb is the cue
    skip = {t.i for t in prep.subtree}
    return [t for t in prep.head.subtree if t.i not in skip]


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
    """The clause of a raising verb, subject included ("Mr. Trump seemed to overstay ..."):
    from the subject to the end of the infinitive; None when ``cue`` is no raising verb."""
    if cue.pos_ not in _VERBAL or cue.lemma_.lower() not in RAISING_VERBS:
        return None
    xcomp = next((c for c in cue.children if c.dep_ == "xcomp"), None)
    subject = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if xcomp is None or subject is None or subject.i > cue.i:
        return None
    first = min(t.i for t in subject.subtree)
    last = max(t.i for t in xcomp.subtree)
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
        for child in cue.children:
            # "the claim that ...", "his plan to ...": not "the statement issued by".
            introduced = any(c.dep_ in ("mark", "aux") for c in child.children)
            if child.dep_ in ("acl", "ccomp") and lemma in CLAUSE_NOUNS and introduced:
                return _subtree(child)
        return _prep_content(cue, PREP_NOUNS)
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
    text = sdoc.text
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
        colon = s_end
        out.append(Attribution(c_start, c_end, False, colon, colon + 1, s_start, s_end, span.root.lemma_))
    return out


def _names_someone(span: Span) -> bool:
    """A name, not a clause ("Trump said:") nor a label: no verb, every word capitalised."""
    if any(t.pos_ in ("VERB", "AUX") or t.like_num for t in span):
        return False
    words = [t for t in span if not t.is_punct]
    return bool(words) and all(t.text[:1].isupper() for t in words)
