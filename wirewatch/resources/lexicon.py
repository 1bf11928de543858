"""Word lists for attribution: cue verbs, anonymous-source nouns, document nouns, outlets' verbs.

Kept apart from the extractors so that the lists can grow (and be reviewed) without touching
the parsing logic. English entries are lemmas as spaCy writes them; Russian entries are stems
matched at the start of a word form (заявил, заявила, заявили all start with "заяви").
"""

from __future__ import annotations

import re

LEXICON_VERSION = "5"  # raise on every edit of these lists: it is part of the pipeline fingerprint


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
    representative representatives member members participant participants
    scientist scientists researcher researchers economist economists seismologist
    seismologists specialist specialists engineer engineers doctor doctors rescuer rescuers
    investigator investigators activist activists villager villagers local locals
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
    paper answer response
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

# ---- English cue lexicon by grammatical relation -------------------------------------
# News attributes far more than speech: beliefs, intentions, positions, characterisations and
# reports' contents. Each cue licenses its content through one grammatical relation, so the
# lexicon is keyed by relation (``attribution_rules`` applies it). Which verb goes under which
# relation was checked against attribution-annotated news (the PolNeAR training split), keeping
# a pairing only where it marks an attribution most of the time ("tell" + clause does, "tell"
# + object, "told reporters", does not). Lemmas are spaCy's; a few entries are the small model's
# lemmatisation slips ("hop" for "hoping"), kept so that the common form is still recognised.

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

# Clause verbs too common with non-attributive clauses to count unless the clause is
# introduced by "that" or the verb has a subject of its own (train counts: with a subject,
# first person included, "I think X" outside quotation marks is an attribution).
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

# Verbs whose "if"/"whether" clause is the content ("asked whether ...").
QUESTION_VERBS = _words("ask wonder question inquire know")
# Verbs whose "like" clause is the content ("felt like they had no voice").
IMPRESSION_VERBS = _words("feel seem look sound appear")

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
    support want seek voice offer claim underscore signal allege
    """
)

# Verbs whose object is a finding when a text is their subject ("the poll showed a tie",
# "audit files show that ..."): said of people, "show" and "find" are no attributions.
DOCUMENT_OBJECT_VERBS = _words("show find suggest indicate")
FINDING_HEADS = DOCUMENT_HEADS | _words(
    "result finding number figure video footage polling search tally count"
)

# Nouns for surveys: "In the CBS poll, Trump's lead narrowed" attributes the rest of the clause
# to the poll.
POLL_NOUNS = _words("poll polls survey surveys study")

# Adverbs that attribute their clause to unnamed reports ("X is reportedly spending ...").
REPORT_ADVERBS = _words("reportedly allegedly purportedly")

# "Say" with an object: an answer ("said yes", "said so") or a misparsed clause.
SAY_VERBS = _words("say")
SAID_ANSWERS = _words("yes no so")

# Participles that give the name a thing goes by when they modify its noun ("known as").
NAMING_PARTICIPLES = _words("know")

# Verbs with an object complement ("called him a liar", "named it X").
PREDICATIVE_VERBS = _words("call name title label dub brand deem term")

# Verb + preposition whose object is the content ("called for", "spoke about", "accused of").
PREP_VERBS: dict[str, frozenset[str]] = {
    "for": _words(
        """
        apologize apologise argue blast call criticize criticise hit praise push vouch
        advocate lobby campaign press fault blame slam thank credit attack hop hope vote
        ask congratulate
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
    "with": _words("agree disagree side identify sympathize sympathise align"),
    "on": _words("agree comment count double pounce spar zero weigh focus elaborate insist"),
    "by": _words("stand"),
    "of": _words("accuse speak supportive wary critical enamored proud fond skeptical sceptical warn"),
    "against": _words("warn campaign rail argue advocate caution vote testify speak"),
    "at": _words("balk jab lash swipe hint"),
    "into": _words("rip lash tear"),
    "in": _words("confident revel believe"),
    "behind": _words("line rally unite"),
    "upon": _words("remark comment reflect"),
}

# Light-verb idioms whose noun and preposition make the stance ("took aim at X", "took issue
# with X", "raised questions about X", "made the case for X"): verb -> noun -> prepositions.
# The parser hangs the preposition on the noun or on the verb.
# Nouns are looked up by form, then by lemma: singular keys cover plurals ("made statements
# on"), a plural that is its own word ("congratulations") is listed as it is written.
LIGHT_VERB_NOUNS: dict[str, dict[str, frozenset[str]]] = {
    "take": {
        "aim": _words("at"),
        "swipe": _words("at"),
        "shot": _words("at"),
        "jab": _words("at"),
        "dig": _words("at"),
        "potshot": _words("at"),
        "issue": _words("with"),
        "exception": _words("to"),
        "stance": _words("on against about"),
        "position": _words("on against"),
        "credit": _words("for"),
        "ownership": _words("of"),
    },
    "raise": {
        "question": _words("about over"),
        "concern": _words("about over"),
        "doubt": _words("about over"),
    },
    "make": {
        "case": _words("for against"),
        "statement": _words("on about"),
        "comment": _words("on about"),
        "remark": _words("on about"),
        "mention": _words("of"),
        "allegation": _words("against about"),
        "prediction": _words("about"),
        "argument": _words("for against"),
        "joke": _words("about"),
        "apology": _words("for"),
    },
    "offer": {
        "thought": _words("on about"),
        "idea": _words("for on about"),
        "word": _words("about for"),
        "praise": _words("for"),
        "congratulations": _words("to"),
        "condolences": _words("to"),
        "support": _words("for to"),
        "criticism": _words("of"),
        "critique": _words("of"),
        "view": _words("on about of"),
        "assessment": _words("of"),
        "apology": _words("to for"),
    },
    "deliver": {"critique": _words("of"), "rebuke": _words("of to"), "message": _words("about on")},
    "give": {"hint": _words("of about"), "assessment": _words("of")},
    "file": {"lawsuit": _words("against"), "suit": _words("against"), "complaint": _words("against")},
    "throw": {"support": _words("behind")},
    "express": {
        "concern": _words("about over"),
        "opposition": _words("to"),
        "doubt": _words("about over"),
        "interest": _words("in"),
        "frustration": _words("with over at"),
        "skepticism": _words("about of"),
    },
    "show": {"interest": _words("in")},
    "have": {
        "view": _words("of"),
        "opinion": _words("of"),
        "impression": _words("of"),
        "response": _words("to"),
        "reaction": _words("to"),
    },
}
# "voice" takes the nouns "express" takes ("voiced concerns over X").
LIGHT_VERB_NOUNS["voice"] = LIGHT_VERB_NOUNS["express"]

# Phrasal verbs of stance (verb, particle): the prepositions whose object is the content, or
# "dobj" for the direct object ("came out against X", "opened up about X", "pointed out X").
PHRASAL_VERBS: dict[tuple[str, str], frozenset[str]] = {
    ("come", "out"): _words("against for"),
    ("open", "up"): _words("about"),
    ("speak", "out"): _words("about against on"),
    ("push", "back"): _words("against on"),
    ("weigh", "in"): _words("on"),
    ("fire", "back"): _words("at"),
    ("single", "out"): _words("dobj"),
    ("point", "out"): _words("dobj"),
}

# "made (it) clear that ...": the clause is a position taken.
CLEAR_VERBS = _words("make")

# Every verb lemma of the lexicon: the words that can make a sentence an attribution.
CUE_LEMMAS = (
    CLAUSE_VERBS
    | INFINITIVE_VERBS
    | OBJECT_VERBS
    | PREDICATIVE_VERBS
    | RAISING_VERBS
    | frozenset().union(*PREP_VERBS.values())
    | frozenset(verb for verb, _ in PHRASAL_VERBS)
)

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
# Nouns of saying or thinking whose "that" clause after "is" is a view ("Their fear is that
# ...", "A common refrain is that ..."); not "the reason / the problem / one advantage is that".
COPULAR_VIEW_NOUNS = CLAUSE_NOUNS | _words(
    """
    refrain message phrase point theory thinking consensus feeling sense worry answer response
    conclusion bet lesson assumption premise pitch ideology mantra slogan thesis takeaway
    """
)

# Noun cues that name an act as often as a stance ("the attacks on the consulate"): a stance
# only when they are someone's ("Trump's attack on Carson", "launched an attack on").
SOURCED_NOUNS = _words("attack")

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
    "on": _words("position stance view views attack attacks comment comments remarks"),
    "over": _words("concern concerns query"),
}

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
# «как стало известно «Коммерсанту»», «как выяснил X»: the outlet that learned it is the source.
RU_AS_REPORTED = (
    r"(?:[Кк]ак\s+(?:стало\s+известно|сообщи|пиш|писал|написал|передает|передаёт|заяви|сказа"
    r"|узна|выясни)[а-яё]*)"
)
RU_CITING = r"(?:со\s+ссылкой\s+на)"

RU_ANONYMOUS_STEMS = (
    "источник", "собеседник", "осведомлен", "инсайдер", "чиновник", "участник", "сотрудник",
    "представител", "эксперт", "аналитик", "дипломат", "жител", "очевид", "наблюдател",
    "сейсмолог", "учёны", "учены", "специалист", "инженер", "врач", "спасател", "следовател",
    "активист",
)
# "по информации издания", "как утверждает газета": the outlet last named.
RU_OUTLET_HEAD_STEMS = ("издани", "газет", "агентств", "телеканал", "редакци")
# Official bodies speaking without a name: «пресс-служба министерства», «ведомство».
RU_ORGANIZATION_STEMS = (
    "пресс-служб", "министерств", "ведомств", "правительств", "администраци", "посольств",
    "минобороны", "кремл", "управлени", "департамент", "комитет",
)
RU_DOCUMENT_STEMS = ("доклад", "заявлени", "документ", "сообщени", "отчет", "отчёт")

# ---- Cue words as written, for surface patterns -----------------------------------------
# Regexes outside the parser match inflected forms, not lemmas. Each list keeps the words (and
# regex fragments) of the pattern it was tuned for, in that pattern's order: a regex is built
# as "|".join(list), and lists that look alike differ on purpose (what follows an outlet's name
# is not what introduces a commenter's post).

# Verbs right after "daily" or "weekly" that make the word an outlet's kind ("the Vestnik daily
# reported"), not an adjective ("daily briefings").
OUTLET_KIND_VERBS_AFTER = (
    "said", "says", "reported", "reports", "wrote", "writes", "quoted", "quotes", "cited", "cites",
    "published", "publishes", "added", "claimed", "alleged",
)
# Cue words near an ambiguous outlet name that say a news outlet is meant (regex fragments).
OUTLET_CUE_VERBS = (
    r"report\w*", "told", "said", "says", "according", "citing", "cited", r"quot\w+", r"wr[io]te\w*",
    "writes",
)
RU_OUTLET_CUE_VERBS = (
    r"сообщ\w*", "данным", r"пиш\w*", r"писал\w*", r"переда\w*", r"ссылк\w*", r"рассказа\w*",
    r"опубликова\w*", r"заяви\w*",
)
# Capitalised verbs right after an outlet's name that still belong to its mention ("Reuters Reports").
OUTLET_CONTINUATION_VERBS = _words("Reports Reported Says Said Wrote Writes Citing")

# Verbs right after a capital that make it a government's name ("Washington has ...", «Москва
# заявила»), and right before it, making it their object ("offered Washington an ...").
GOVERNMENT_VERBS_AFTER = (
    "is", "was", "has", "had", "have", "will", "would", "wants?", "wanted", "says?", "said",
    "offered", "insists?", "insisted", "refused", "rejected", "demanded", "made", "asked",
    "accused", "warned", "announced", "agreed", "denied", "threatened", "hopes?", "believes?",
    "considers?", "plans?", "sought", "seeks?", "cannot", "can", "could", "does", "did",
    r"заявил\w*", "считает", r"предложил\w*", r"готов\w*", "хочет", r"отказал\w*", "требует",
)
GOVERNMENT_VERBS_BEFORE = ("offered", "told", "urged", "asked", "accused", "warned", "persuade", "pressed")

# Speech verbs that end a role title read backwards from a name ("..., said Foreign Minister X").
TITLE_STOP_VERBS = _words("said says told")

# A commenter's name line in plain text ("John Smith says:", «Иван пишет:»).
COMMENT_HEADER_VERBS = (
    "says", "said", "wrote", "writes", "commented", "replied", "пишет", "написал", "написала",
    "ответил", "ответила",
)
# The verb after a commenter's name in an HTML comment's header, stripped from the name.
COMMENT_SIGNATURE_VERBS = ("says", "said", "wrote", "writes", "пишет", "написала?")
# What opens a comment's date-stamped signature line before the author's name.
COMMENT_POSTED_BY = (r"(?:posted|written|submitted|comment)\ by", r"написал[а]?", r"автор:?")

# Russian reporting verbs whose clause complement carries a claim's event («заявил, что Россия
# предложила»), and those of them that claims normalise to "say".
RU_REPORTING_LEMMAS = frozenset(
    {
        "заявить", "заявлять", "сказать", "говорить", "сообщить", "сообщать", "рассказать",
        "рассказывать", "отметить", "отмечать", "подчеркнуть", "подчёркивать", "подчеркивать",
        "добавить", "пояснить", "уточнить", "написать", "писать", "утверждать", "считать",
        "признать", "напомнить", "указать", "предупредить", "объявить", "передать",
    }
)
RU_SAY_LEMMAS = ("заявить", "заявлять", "сказать", "сообщить", "объявить")

# ---- Claims: polarity, modality and the event's place ---------------------------------
# (``annotate/claims``: the words that decide whether a clause affirms, negates, denies or
# gives no answer, and how it frames its event.)

# Determiners and pronouns that negate the noun phrase they head ("has no right to deploy",
# "made no public comment", "signed none of them"); adverbs that negate their verb.
NEGATIVE_DETERMINERS = _words("no none neither")
NEGATIVE_ADVERBS = _words("never not n't")
# The two answers a non-answer withholds: "neither confirmed nor denied", "did not confirm".
CONFIRM_LEMMAS = _words("confirm corroborate verify")
# Nouns of a statement that "made no ..." / "gave no ..." withholds.
COMMENT_NOUNS = _words("comment comments statement response reply answer")
# Light verbs whose negated statement noun is a non-answer ("has made no public comment").
STATEMENT_LIGHT_VERBS = _words("make give offer issue provide")

# Framing heads whose infinitive is the event, with the modality they give it ("is ready to
# allocate" -> allocate, offered). "offer" and "propose" are not here: an offer is the event
# itself ("Russia offered to finance ...": predicate offer), as in the Russian table.
MODAL_FRAMES: dict[str, str] = {
    **dict.fromkeys(("plan", "intend", "due", "schedule", "set", "going", "prepare", "aim"), "planned"),
    **dict.fromkeys(("ready", "willing", "prepared", "eager", "open"), "offered"),
    **dict.fromkeys(("promise", "pledge", "vow"), "promised"),
    **dict.fromkeys(("demand", "urge"), "demanded"),
}
# Auxiliaries and adverbs that frame their verb.
MODAL_AUXILIARIES: dict[str, str] = {
    **dict.fromkeys(("could", "may", "might", "can"), "possible"),
    **dict.fromkeys(("would", "'d"), "conditional"),
    **dict.fromkeys(("will", "shall", "'ll"), "planned"),
    **dict.fromkeys(("must", "should"), "demanded"),
}
MODAL_ADVERBS: dict[str, str] = {
    **dict.fromkeys(("allegedly", "reportedly", "purportedly", "supposedly", "apparently"), "alleged"),
    **dict.fromkeys(("possibly", "perhaps", "maybe", "probably", "likely"), "possible"),
}

# Prepositions that put a place where the event happens ("talks in Geneva", "landed at
# Manas", "released from the Toktogul reservoir"). Not "to": it names recipients as often as
# destinations ("did not comment to Kommersant").
LOCATIVE_PREPOSITIONS = _words("in at near outside inside within from across throughout around")
RU_LOCATIVE_PREPOSITIONS = _words("в во на под около возле близ у из до под")

# Russian: particles that negate the word after them («не будет», «ни подтверждать»).
RU_NEGATION_PARTICLES = _words("не ни")
# Stems of confirming and denying verbs: negated, they are a non-answer («не стал ни
# подтверждать, ни опровергать»); otherwise a confirmation or a denial.
RU_CONFIRM_STEMS = ("подтверд", "подтвержд")
RU_DENY_STEMS = ("опроверг", "отрица", "отверг")
# Framing lemmas whose infinitive is the event, with the modality they give it; «стать» with
# an infinitive is the plain event («не стал подтверждать»: did not confirm).
RU_MODAL_FRAMES: dict[str, str | None] = {
    **dict.fromkeys(("готовый", "готов"), "offered"),
    **dict.fromkeys(("намеренный", "намерен", "планировать", "собираться", "намереваться"), "planned"),
    **dict.fromkeys(("обещать", "пообещать"), "promised"),
    **dict.fromkeys(("требовать", "потребовать", "должный", "должен"), "demanded"),
    **dict.fromkeys(("мочь",), "possible"),
    **dict.fromkeys(("хотеть", "решить", "согласиться", "отказаться", "начать", "стать"), None),
}
# Framing lemmas that negate the event they frame («отказался подписать»: did not sign).
RU_NEGATING_FRAMES = _words("отказаться")
# Particles and adverbs that frame their clause.
RU_MODAL_WORDS: dict[str, str] = {
    "бы": "conditional",
    **dict.fromkeys(("якобы", "предположительно", "по-видимому", "дескать"), "alleged"),
    **dict.fromkeys(("возможно", "вероятно"), "possible"),
}

# ---- Citations and outlets -------------------------------------------------------------
# Read by annotate/citations (who the article got its information from), credits.py (photo
# credits) and resources/outlets.py (whether a name a page's chrome gives is an outlet's).

# Word forms of verbs whose subject, an outlet, is cited: "Reuters reported", "X wrote".
CITE_VERBS_EN = _words(
    """
    reported reports report wrote writes said says learned learnt quoted quotes published
    revealed claimed claims noted stated cited added announced found
    """
)
# Words that may come between an outlet and its verb: "Reuters has also reported".
CITE_VERB_LEADS_EN = _words("has have had also earlier previously first")
# "X was the first to report", "X broke the story": the outlet's own scoop.
CITE_FIRST_EN = (
    r"(?:was|were)\s+(?:the\s+)?first\s+to\s+(?:report|publish|reveal|break)\w*"
    r"|(?:first\s+)?broke\s+the\s+(?:news|story)"
)
# Phrases ending right before the outlet: "according to", "first reported by", "citing".
CITE_BEFORE_EN = (
    r"according\s+to\b[^,.;:!?]{0,40}",
    r"(?:first\s+)?(?:reported|quoted|published|carried|revealed)\s+by",
    # "the report in X", "a story by X", "according to a report in X".
    r"(?:report|reports|reporting|article|story|investigation|interview|publication)"
    r"\s+(?:in|by|from|published\s+by|carried\s+by)",
)
CITE_CITING_EN = (r"citing", r"quoting", r"cited\s+by")
# Nouns for a kind of outlet in a describing phrase: "the Russian business daily X".
OUTLET_KIND_WORDS_EN = (
    "newspaper", "daily", "weekly", "paper", "tabloid", "news agency", "agency", "wire",
    "website", "news site", "magazine", "broadcaster", "outlet", "channel",
)  # fmt: skip

# Stems of Russian verbs whose subject, an outlet, is cited; then up to three ending letters
# («сообщил», «сообщила», «пишет», «передаёт»).
CITE_VERB_STEMS_RU = (
    "сообщил", "сообщает", "сообщают", "пишет", "пишут", "писал", "написал", "передает",
    "передаёт", "передал", "узнал", "выяснил", "заявил", "опубликовал", "утверждает",
)  # fmt: skip
# Stems of nouns for a kind of outlet («газета», «агентства», «издание»).
OUTLET_KIND_STEMS_RU = (
    "газет", "агентств", "информагентств", "издани", "телеканал", "радиостанци", "еженедельник",
    "журнал", "портал", "сайт",
)  # fmt: skip
# Before the outlet: «по данным X», «по информации X».
CITE_ACCORDING_RU = r"по\s+(?:данным|информации|сведениям|словам)"
# Stems of nouns for what an outlet published: «статью газеты X», «публикацию X».
CITE_REPORT_NOUN_STEMS_RU = (
    "стать", "публикаци", "материал", "сообщени", "расследовани", "информаци", "данны",
)  # fmt: skip
CITE_CITING_RU = (r"со\s+ссылкой\s+на", r"ссылаясь\s+на")
# Adverbs with an adjective's ending, not words describing an outlet («Ранее газета X сообщила»).
RU_ADVERBS_LIKE_ADJECTIVES = _words("ранее позднее более менее далее")

# Words of a picture credit: "(KNA pic)", "(Reuters photo)", "Photo: X", «Фото: X».
PHOTO_CREDIT_WORDS = ("pic", "pics", "photo", "photos", "picture", "image", "file photo", "фото")

# Words that make a name an outlet's rather than a person's ("Follow Tien Shan Herald on
# Telegram" names the site; "Follow Pam Key on Twitter" names a journalist). English words are
# matched whole and case-insensitively; Russian ones as stems.
OUTLET_NAME_WORDS = _words(
    """
    news times post herald journal daily gazette tribune telegraph chronicle observer
    guardian express mail press media radio tv television network channel digest review
    report reporter insider wire agency weekly magazine online today bulletin courier
    monitor standard independent globe examiner dispatch register sun mirror star newsroom
    wire service broadcasting
    """
)
OUTLET_NAME_STEMS_RU = (
    "газет", "вестник", "новост", "известия", "ведомост", "правд", "недел", "обозревател",
    "радио", "агентств", "журнал", "курьер", "телеграф", "экспресс", "ньюс", "медиа",
    "телеканал", "тв",
)  # fmt: skip

# Verbs of an action done in words ("offered to finance", "proposed that ...", «предложил»): the
# act is reported by whoever tells of it, so it is a quote of its doer only when it is quoted or
# the doer is the one telling ("X said he offered"), not inside another's report (issue 11).
ACTION_SPEECH_LEMMAS = _words("offer propose promise suggest")
RU_ACTION_SPEECH_STEMS = ("предлож", "предлага", "пообещ", "обеща")
# Verbs by which an outlet passes on another's words: "quoted a source as saying", "citing
# sources". The one quoted or cited is the speaker; the outlet is the channel.
RELAY_LEMMAS = _words("quote cite")

# Words in an outlet's name that make an uncatalogued outlet a wire agency ("Kestrel News
# Agency", «агентство „Интерфакс“»); catalogued outlets have their kind in outlets.tsv.
WIRE_NAME_WORDS = _words("agency wire")
RU_WIRE_NAME_STEMS = ("агентств", "информагентств")
