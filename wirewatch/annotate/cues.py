"""Word lists for attribution: cue verbs, anonymous-source nouns, document nouns, outlets' verbs.

Kept apart from the extractors so that the lists can grow (and be reviewed) without touching
the parsing logic. English entries are lemmas as spaCy writes them; Russian entries are stems
matched at the start of a word form (заявил, заявила, заявили all start with "заяви").
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    """A word list written as one whitespace-separated string, for readability."""
    return frozenset(text.split())


# Verbs that introduce reported speech or a reported position when they govern a clause
# ("said that ...", "..., he added"). Cognition verbs (think, believe) are included because
# news attributes stances with them as often as with speech verbs; "want" and "seem" are not,
# since they mostly describe intentions, not statements anyone made.
SPEECH_LEMMAS = _words(
    """
    say tell add note announce report write claim argue insist warn stress explain state
    declare suggest acknowledge admit confirm deny reveal assert contend maintain
    emphasize emphasise predict promise recall remark reply respond answer continue
    comment conclude complain concede point observe reiterate testify tweet post allege
    believe think estimate caution urge agree disclose hint indicate inform learn quip
    retort vow pledge speculate boast charge counter fear hope joke lament mention muse
    proclaim recount repeat signal stipulate underline underscore order demand ask show
    find reckon accuse criticize criticise list
    """
)

# Verbs of stance whose object phrase is what is attributed ("proposed a ban", "called for
# talks", "described the field as strong"): reported positions without a clause.
STANCE_LEMMAS = _words(
    """
    propose call describe regard discuss criticize criticise praise want support endorse
    reject deny accuse blame defend urge demand suggest announce promise oppose attack slam
    blast mock question acknowledge admit cite reveal consider dismiss welcome condemn
    recommend predict vow pledge reiterate confirm claim insist warn
    """
)

# Cue lemmas that only count when they govern a clause ("asked whether", "showed that"):
# on their own ("he asked for water") they are no attribution.
CLAUSE_ONLY_LEMMAS = frozenset({"ask", "show", "find", "order", "demand", "learn", "accuse"})

# Nouns heading a speaker phrase that hides the speaker's identity.
ANONYMOUS_HEADS = _words(
    """
    source sources interlocutor interlocutors insider insiders official officials person
    people someone aide aides diplomat diplomats observer observers expert experts
    analyst analysts witness witnesses resident residents one spokesperson
    representative representatives member members
    """
)

# Modifiers that make an otherwise generic head anonymous ("a senior official", "informed
# sources", "people familiar with the matter").
ANONYMOUS_MARKERS = _words(
    """
    informed familiar anonymous unnamed senior knowledgeable several some two three four
    """
)

# Nouns heading a speaker phrase that is a text rather than a person.
DOCUMENT_HEADS = _words(
    """
    report statement document documents memo letter study survey poll polls analysis
    data filing filings complaint lawsuit indictment communique communiqué declaration
    release resolution transcript email emails cable decree order ruling records record
    paper
    """
)

# Organisation heads used without a name ("the ministry said").
ORGANIZATION_HEADS = _words(
    """
    ministry government kremlin department administration embassy office agency army
    military police company campaign committee council party parliament court commission
    organization organisation alliance coalition group team media spokesman spokeswoman
    spokesperson
    """
)

# Nouns that stand for the outlet last named ("the newspaper said").
OUTLET_HEADS = frozenset(
    {"newspaper", "paper", "daily", "agency", "outlet", "publication", "broadcaster", "channel"}
)

# Words that stand in for a person mentioned earlier ("the minister said").
PRONOUNS_PERSON = frozenset({"he", "she", "him", "her", "он", "она", "его", "её", "ее"})
PRONOUNS_PLURAL = frozenset({"they", "them", "они", "их"})

# Verbs whose subject, when it is an outlet, makes the sentence a citation of that outlet.
REPORT_LEMMAS = _words(
    """
    report write say learn quote publish cite claim reveal add note state tell
    """
)

# Predicates normalised to one lemma so that two articles telling the same fact in different
# words produce matchable claims ("proposed" and "offered").
PREDICATE_SYNONYMS: dict[str, str] = {
    "propose": "offer",
    "suggest": "offer",
    "refute": "deny",
    "reject": "deny",
    "dismiss": "deny",
    "rebut": "deny",
    "tell": "say",
    "state": "say",
    "declare": "say",
    "announce": "say",
    "seek": "want",
    "wish": "want",
}

# Non-answers: "declined to comment", "did not respond to a request for comment".
NO_COMMENT_LEMMAS = frozenset({"comment", "respond", "reply", "answer", "return"})
REFUSAL_LEMMAS = frozenset({"refuse", "decline"})
DENIAL_LEMMAS = frozenset({"deny", "refute", "reject", "dismiss", "rebut"})

# ---- Russian ---------------------------------------------------------------------------

# Stems of Russian speech verbs (past and present forms share them).
RU_CUE_STEMS = (
    "заяви",
    "сказа",
    "отмети",
    "подчеркну",
    "сообщи",
    "сообща",
    "добави",
    "поясни",
    "рассказа",
    "уточни",
    "счита",
    "призна",
    "настаива",
    "утвержда",
    "указа",
    "напомни",
    "предупреди",
    "пишет",
    "писал",
    "написал",
    "передает",
    "передаёт",
    "говори",
    "объясни",
    "ответи",
    "считает",
    "полага",
    "опроверг",
    "отрица",
)
RU_CUE = r"(?:" + "|".join(re.escape(s) for s in RU_CUE_STEMS) + r")[а-яё]*"

# "по словам X", "по данным X", "по информации X", "как сообщил X", "со ссылкой на X".
RU_ACCORDING = r"(?:[Пп]о\s+(?:словам|данным|информации|сведениям|мнению))"
RU_AS_REPORTED = r"(?:[Кк]ак\s+(?:сообщи|пиш|писал|написал|передает|передаёт|заяви|сказа)[а-яё]*)"
RU_CITING = r"(?:со\s+ссылкой\s+на)"

RU_ANONYMOUS_STEMS = ("источник", "собеседник", "осведомлен", "инсайдер", "чиновник", "участник")
# "по информации издания", "как утверждает газета": the outlet last named.
RU_OUTLET_HEAD_STEMS = ("издани", "газет", "агентств", "телеканал", "редакци")
RU_DOCUMENT_STEMS = ("доклад", "заявлени", "документ", "сообщени", "отчет", "отчёт")
