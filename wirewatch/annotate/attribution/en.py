"""English attributions from a spaCy dependency parse: direct quotes, indirect speech,
"according to X" and "X insists that ...".

Produces raw ``Attribution`` spans (content, cue, source) without resolving who the source is;
``quotes.QuoteAnnotator`` resolves speakers. The benchmark scores these spans directly.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from wirewatch.annotate.attribution.merge import merge_split_quotes, settle_nested
from wirewatch.annotate.attribution.quote_marks import (
    Attribution,
    QuoteSpan,
    find_quotes,
    paragraph_bounds,
)
from wirewatch.annotate.attribution.rules import (
    MAX_HEADLINE_WORDS,
    cue_content,
    headline_attributions,
    noun_source,
    raising_content,
    sentence_case,
)
from wirewatch.annotate.attribution.sources import (
    SUBJECT_DEPS,
    cue_subject,
    is_cue,
    phrase_chars,
    span_chars,
    trim_tokens,
    with_source,
)
from wirewatch.resources.lexicon import CLAUSE_ONLY_LEMMAS, SPEECH_LEMMAS
from wirewatch.resources.nlp import doc_text

if TYPE_CHECKING:
    from spacy.language import Language

# A quotation shorter than this many words is a scare quote or a title ("failed",
# "One Belt – One Road"), not a quote, unless a cue verb right next to it says otherwise.
MIN_QUOTE_WORDS = 4
# A speech tag after a quotation: its verb comes within this many tokens, after words that
# can make up the speaker's phrase ("a voice-over in the ad states").
SPEECH_TAG_TOKENS = 8
SPEAKER_PHRASE_POS = frozenset({"PROPN", "PRON", "DET", "NOUN", "ADJ", "ADP", "NUM"})
# A direct quote with no cue of its own is kept when it fills most of its sentence(s):
# then it is a stand-alone quote continuing the previous speaker, not an embedded phrase.
STANDALONE_SHARE = 0.6
# Indirect speech needs a clause of at least this many tokens to be worth reporting.
MIN_CONTENT_TOKENS = 1
# Parts of speech that cannot be a whole content on their own (train: 2 of 25 matched gold).
BARE_WORD_POS = frozenset({"VERB", "AUX", "ADJ", "SCONJ", "PART", "X", "DET", "ADP", "CCONJ"})
# The parts of speech a cue of indirect speech can have: those that raising_content,
# cue_content, is_cue and _closing_report accept (verbs, adjectives, adverbs, nouns).
_CUE_POS = frozenset({"VERB", "AUX", "ADJ", "ADV", "NOUN", "PROPN"})
_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "we", "i"})
_LISTENER_PRONOUNS = frozenset({"me", "us", "him", "her", "them", "you"})
_NAME_TITLES = frozenset({"mr.", "mrs.", "ms.", "dr.", "gov.", "sen.", "rep.", "gen."})


class EnglishAttributions:
    """Finds the attributions of one parsed English text."""

    def __init__(self, sdoc: Doc, nlp: Language | None = None) -> None:
        self.doc = sdoc
        self.nlp = nlp
        self.text = doc_text(sdoc)
        self.paragraphs = paragraph_bounds(self.text)
        self._paragraph_starts = [start for start, _ in self.paragraphs]
        self.quotes = [q for q in find_quotes(self.text) if self._quote_words(q) > 0]
        # Which characters lie inside a quotation (marks included): asked for every token.
        self._quoted = bytearray(max([len(self.text), *(q.outer_end for q in self.quotes)]))
        for q in self.quotes:
            self._quoted[q.outer_start : q.outer_end] = b"\x01" * max(0, q.outer_end - q.outer_start)
        self.used_cues: set[int] = set()
        # Indices (in ``quotes``) of the quotations kept as direct attributions.
        self.attributed: set[int] = set()

    def _quote_words(self, q: QuoteSpan) -> int:
        return len(self.text[q.start : q.end].split())

    def _in_quote(self, pos: int) -> bool:
        return 0 <= pos < len(self._quoted) and bool(self._quoted[pos])

    def _paragraph(self, pos: int) -> tuple[int, int]:
        # By bisection (paragraphs are in order and apart): asked for every quotation, a scan
        # made a page of thousands of one-line quoted paragraphs quadratic.
        index = bisect.bisect_right(self._paragraph_starts, pos) - 1
        if index >= 0 and pos < self.paragraphs[index][1]:
            return self.paragraphs[index]
        return 0, len(self.text)

    def _token_at(self, pos: int) -> Token | None:
        span = self.doc.char_span(pos, pos + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def run(self, keep_nested: bool = True) -> list[Attribution]:
        directs: dict[int, Attribution] = {}
        for k, q in enumerate(self.quotes):
            att = self._direct(q)
            if att is not None:
                directs[k] = att
        self.attributed = set(directs)
        out = merge_split_quotes(self.text, self.quotes, directs, self.paragraphs)
        seen = {(a.content_start, a.content_end) for a in out}
        for att in self._indirect() + headline_attributions(self.doc, self.paragraphs):
            # Two cues of one content ("said and insisted that ..."): one attribution.
            if (att.content_start, att.content_end) not in seen:
                seen.add((att.content_start, att.content_end))
                out.append(att)
        headline = self._headline(keep_nested)
        if headline is not None:
            h_start, h_end = self.paragraphs[0]
            out = [a for a in out if not h_start <= a.content_start < h_end] + headline
        out.sort(key=lambda a: a.content_start)
        return out if keep_nested else settle_nested(self.doc, out)

    def _headline(self, keep_nested: bool) -> list[Attribution] | None:
        """The attributions of a headline-like first paragraph from a parse of its own, in
        sentence case; None when there is no such paragraph or no pipeline to parse it."""
        if self.nlp is None or not self.paragraphs:
            return None
        start, end = self.paragraphs[0]
        text = self.text[start:end]
        if len(text.split()) > MAX_HEADLINE_WORDS:
            return None
        hdoc = self.nlp(sentence_case(text, self.text[end:]))
        return [a.shifted(start) for a in EnglishAttributions(hdoc).run(keep_nested)]

    # ---- direct quotes -----------------------------------------------------------------

    def _window(self, q: QuoteSpan) -> tuple[int, int]:
        """Sentence(s) around a quote: from the sentence of its opening mark to the end of
        the sentence right after its closing mark, within the paragraphs it touches."""
        # The sentence of the quotation's first word: the parser may hang an opening mark
        # on the sentence before ("... process. ''The answer is no.''").
        first = self._token_at(q.start)
        start = min(first.sent.start_char, q.outer_start) if first is not None else q.outer_start
        para_end = self._paragraph(max(q.outer_end - 1, q.outer_start))[1]
        end = q.outer_end
        after = q.outer_end
        while after < para_end and self.text[after].isspace():
            after += 1
        nxt = self._token_at(after) if after < para_end else None
        if nxt is not None:
            end = max(end, nxt.sent.end_char)
        return max(start, self._paragraph(q.outer_start)[0]), min(end, para_end)

    def _direct(self, q: QuoteSpan) -> Attribution | None:
        w_start, w_end = self._window(q)
        candidates: list[tuple[int, Token]] = []
        for tok in self.doc.char_span(w_start, w_end, alignment_mode="expand") or []:
            if self._in_quote(tok.idx) or not (is_cue(tok) or self._introduces(tok, q)):
                continue
            if tok.idx >= q.outer_end and _reports_ahead(tok):
                continue  # "“A.” Kerry said the talks ...": that cue reports what follows it
            if tok.idx >= q.outer_end:
                distance = tok.idx - q.outer_end
            else:
                distance = q.outer_start - (tok.idx + len(tok.text)) + 1  # after wins ties
            candidates.append((distance, tok))
        content = (q.start, q.end)
        tag = self._speech_tag(q, w_end)
        if self._quote_words(q) < MIN_QUOTE_WORDS and (tag is None or not self._opens_sentence(q)):
            # "the mission “failed”", "to “practical use”": indirect speech covers it. A short
            # quotation that opens its sentence and has a speech tag is a quote all the same
            # (“I don’t care,” Trump said).
            return None
        if tag is not None and tag.i not in self.used_cues:
            # "“Go back to Univision,” Trump barked": any verb in the speech tag is the cue.
            candidates = [(-1, tag)]
        if candidates:
            _, cue = min(candidates, key=lambda c: c[0])
            if self._partial(q, cue):
                return None
            self.used_cues.add(cue.i)
            source = self._tag_subject(cue, q)
            if source is not None and self._in_quote(source.idx):
                source = self._subject_after(cue, w_end)
            return _direct_from(with_source(cue, source, content))
        if self._heading(q):
            return None
        introduced = self._colon_cue(q.outer_start)
        if introduced is not None and self._ends_sentence(q):
            # "Capito called over her shoulder: “His comments are not helping.”": a clause
            # ending in a colon introduces the quotation that follows it.
            self.used_cues.add(introduced.i)
            return _direct_from(with_source(introduced, cue_subject(introduced), content))
        outside = self.text[w_start : q.outer_start] + self.text[q.outer_end : w_end]
        if len(outside.strip()) > (1 - STANDALONE_SHARE) * (w_end - w_start):
            return None
        colon = self._colon_cue(w_start)
        if colon is not None:
            self.used_cues.add(colon.i)
            return _direct_from(with_source(colon, cue_subject(colon), content))
        return Attribution(q.start, q.end, True)

    def _speech_tag(self, q: QuoteSpan, limit: int) -> Token | None:
        """The verb of a speech tag right after a quotation that ends on a comma, question
        or exclamation mark (“...,” Trump barked / “...?” asked the senator): a past or
        present verb with its subject, which ends the sentence or is set off by a comma."""
        if self.text[q.start : q.end].rstrip()[-1:] not in (",", "?", "!"):
            return None
        span = self.doc.char_span(q.outer_end, limit, alignment_mode="expand")
        after = [t for t in span if not t.is_space][:SPEECH_TAG_TOKENS] if span is not None else []
        for k, tok in enumerate(after):
            if tok.pos_ == "VERB" and _finite(tok):
                subject = self._tag_subject(tok, q)
                if subject is None or self._in_quote(subject.idx):
                    return None
                # Every word before the verb is the speaker's phrase ("a voice-over in the ad
                # states"), not a clause of its own.
                phrase = {t.i for t in subject.subtree}
                if any(t.i not in phrase for t in after[:k] if not t.is_punct):
                    return None
                nxt = _next_token(tok)
                if nxt is not None and nxt.lower_ in _LISTENER_PRONOUNS and nxt.head.i == tok.i:
                    following = _next_token(nxt)
                    if following is None or following.is_punct:
                        nxt = None  # "Nega told me.": the listener, then the end of the tag
                ends = nxt is None or nxt.is_punct or nxt.idx >= limit or nxt.dep_ in ("prep", "cc")
                return tok if ends or subject.i > tok.i else None
            if not (tok.pos_ in SPEAKER_PHRASE_POS or tok.is_punct):
                return None
        return None

    def _tag_subject(self, verb: Token, q: QuoteSpan) -> Token | None:
        """Who speaks in the clause of a cue next to a quotation: the verb's subject, else a
        name the parser left just before it, else the speaker of an inverted tag."""
        return cue_subject(verb) or _name_before(verb, q.outer_end) or self._inverted_subject(verb, q)

    def _inverted_subject(self, verb: Token, q: QuoteSpan) -> Token | None:
        """The speaker of an inverted speech tag right after a quotation, which the parser
        read as the verb's object: '"Is he running?" asked Mr. Manafort'."""
        if verb.idx < q.outer_end or self.text[q.outer_end : verb.idx].strip(" ,"):
            return None
        return next(
            (c for c in verb.rights if c.dep_ == "dobj" and c.pos_ in ("PROPN", "NOUN")), None
        )

    def _introduces(self, tok: Token, q: QuoteSpan) -> bool:
        """Whether a verb that reports only a clause ("asked") introduces the quotation right
        after it: 'he asked, "Was I to stay behind?"'."""
        if tok.lemma_.lower() not in CLAUSE_ONLY_LEMMAS or tok.pos_ != "VERB":
            return False
        between = self.text[tok.idx + len(tok.text) : q.outer_start]
        return q.outer_start > tok.idx and not between.strip(" ,:")

    def _opens_sentence(self, q: QuoteSpan) -> bool:
        """Whether only punctuation comes before a quotation's opening mark in its sentence."""
        first = self._token_at(q.start)
        if first is None:
            return False
        start = max(first.sent.start_char, self._paragraph(q.outer_start)[0])
        return not self.text[start : q.start].strip(" \n\t\"'“”‘’«»—–-(")

    def _subject_after(self, cue: Token, limit: int) -> Token | None:
        """The speaker written after the cue ("” – lists one of the interlocutors") when
        the parser, confused by the quote, took a word inside the quote as the subject."""
        after = [t for t in self.doc[cue.i + 1 :] if t.idx < limit and not t.is_punct]
        if not after:
            return None
        top = after[0]
        allowed = {t.i for t in after}
        while top.head.i in allowed and top.head.i != top.i:
            top = top.head
        return top

    def _partial(self, q: QuoteSpan, cue: Token) -> bool:
        """True when the quote is only part of the clause the cue reports ("announced that
        the US mission “failed” and there is a threat of “an overflow ...”", "Instead, Trump
        told CNN, his policy would be “to go after them” if he wins")."""
        clause = self._reported_clause(q, cue)
        if clause is None:
            return False
        # Words of the clause outside the quotation marks, on either side, the complementiser
        # aside ("said that “we need more information” about how the FBI decided").
        outside = [
            t
            for t in clause
            if not (q.outer_start <= t.idx < q.outer_end) and not t.is_punct and t.dep_ != "mark"
        ]
        return len(outside) >= MIN_QUOTE_WORDS

    def _reported_clause(self, q: QuoteSpan, cue: Token) -> list[Token] | None:
        """The clause a cue reports, as far as it can hold the quotation: the complement
        after the cue, or the clause a reporting clause (", he said,") is set into."""
        if _reporting_clause(cue) and self._same_paragraph_head(cue):
            own = {t.i for t in cue.subtree}
            return [t for t in cue.head.subtree if t.i not in own]
        if cue.idx > q.outer_start:
            return None
        # Only a clause after the cue can hold the quote: in "“A,” he said. “B.”" the cue's
        # clause is the first quotation, and the second continues it.
        clause = next((c for c in cue.children if c.dep_ == "ccomp" and c.i > cue.i), None)
        return None if clause is None else list(clause.subtree)

    def _heading(self, q: QuoteSpan) -> bool:
        """A quotation that is its whole paragraph and ends without sentence punctuation is a
        section heading ("“Americans will go small and expand”")."""
        p_start, p_end = self._paragraph(q.outer_start)
        whole = self.text[p_start:p_end].strip() == self.text[q.outer_start : q.outer_end]
        return whole and self.text[q.start : q.end].rstrip()[-1:] not in ".!?…,"

    def _colon_cue(self, w_start: int) -> Token | None:
        """A cue in the sentence just before a stand-alone quote when that sentence ends
        with a colon ("And he made it clear whose fault it was:")."""
        before = self.text[:w_start].rstrip()
        if not before.endswith(":"):
            return None
        last = self._token_at(len(before) - 1)
        if last is None:
            return None
        # The clause before the colon, within its sentence and outside quotations.
        clause = [t for t in last.sent if t.i <= last.i and not self._in_quote(t.idx)]
        for tok in clause:
            if is_cue(tok):
                return tok
        # No speech verb ("he made it clear whose fault it was:"): the clause's subject
        # introduces the quote all the same.
        roots = [t for t in clause if t.head.i == t.i or t.head.i > last.i]
        verbs = [t for t in roots if t.pos_ in ("VERB", "AUX")]
        if not verbs:
            return None
        return verbs[0] if cue_subject(verbs[0]) is not None else None

    def _ends_sentence(self, q: QuoteSpan) -> bool:
        """Whether nothing but punctuation follows a quotation in its paragraph's sentence."""
        last = self._token_at(max(q.outer_end - 1, q.outer_start))
        if last is None:
            return False
        p_end = self._paragraph(q.outer_start)[1]
        tail = self.text[q.outer_end : min(last.sent.end_char, p_end)]
        return not tail.strip(" .,;!?\n")

    # ---- indirect speech ----------------------------------------------------------------

    def _indirect(self) -> list[Attribution]:
        out: list[Attribution] = []
        for tok in self.doc:
            if tok.i in self.used_cues or self._in_quote(tok.idx):
                continue
            if tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
                att = self._according(tok)
            else:
                att = self._reported(tok)
            if att is not None and not self._mostly_quoted(att):
                out.append(att)
        return out

    def _mostly_quoted(self, att: Attribution) -> bool:
        """Whether a direct quote already reports most of this content. A quotation that is
        no attribution of its own (a quoted fragment of a reported clause) does not count."""
        length = att.content_end - att.content_start
        for k, q in enumerate(self.quotes):
            overlap = min(q.outer_end, att.content_end) - max(q.outer_start, att.content_start)
            if overlap > 0.5 * length and k in self.attributed:
                return True
        return False

    def _reported(self, cue: Token) -> Attribution | None:
        if cue.pos_ not in _CUE_POS:
            return None  # asked of every token: most are no cue by their part of speech alone
        if _asks(cue):
            return None  # "Do you support Donald Trump?" asks; it attributes nothing
        raised = raising_content(cue)
        if raised is not None:
            # "X seemed to ...": an impression with no source; the subject is in the content.
            start, end = span_chars(trim_tokens(raised))
            return Attribution(start, end, False, cue.idx, cue.idx + len(cue.text))
        source: Token | None = None
        found = cue_content(cue)
        if found is not None:
            tokens = trim_tokens(found)
        elif (is_cue(cue) or _as_learned(cue)) and _reporting_clause(cue) and self._same_paragraph_head(cue):
            # "The economy is strong, he said", "At the time, she said, X was ...": everything
            # of the head but the cue clause.
            cue_tokens = {t.i for t in cue.subtree}
            tokens = trim_tokens([t for t in cue.head.subtree if t.i not in cue_tokens])
        else:
            closing = _closing_report(cue)
            if closing is None:
                return None
            tokens, source = closing
        tokens = self._same_paragraph(cue, tokens)
        if len(tokens) < MIN_CONTENT_TOKENS or _bare_word(tokens):
            return None
        if source is None:
            source = noun_source(cue) if cue.pos_ in ("NOUN", "PROPN") else cue_subject(cue)
        return with_source(cue, source, span_chars(tokens))

    def _same_paragraph_head(self, cue: Token) -> bool:
        """Whether the clause a cue clause hangs off lies in the cue's paragraph."""
        return self._paragraph(cue.head.idx) == self._paragraph(cue.idx)

    def _same_paragraph(self, cue: Token, tokens: list[Token]) -> list[Token]:
        """Content tokens within the cue's paragraph: the parser sometimes runs a sentence
        across a paragraph break (after a closing quotation mark), but a report never does."""
        p_start, p_end = self._paragraph(cue.idx)
        return trim_tokens([t for t in tokens if p_start <= t.idx < p_end])

    def _according(self, tok: Token) -> Attribution | None:
        to = next(c for c in tok.children if c.lower_ == "to")
        obj = next((c for c in to.children if c.dep_ == "pobj"), None)
        skip = {t.i for t in tok.subtree}
        sent: Span = tok.sent
        # The content is the sentence around the phrase (the parser often hangs the phrase on
        # a word deep inside the clause it attributes): "According to X, <content>",
        # "<content>, according to X", or "<con-, according to X, -tent>" when both sides hold
        # part of the clause (a verb or a subject); a side with neither is a sentence adverb
        # ("Meanwhile, according to X, <content>").
        before = [t for t in sent if t.i < min(skip)]
        after = [t for t in sent if t.i > max(skip)]
        tokens = self._same_paragraph(tok, trim_tokens(_clause_sides(before, after)))
        if len(tokens) < MIN_CONTENT_TOKENS:
            return None
        start, end = span_chars(tokens)
        cue_end = to.idx + len(to.text)
        if obj is None:
            return Attribution(start, end, False, tok.idx, cue_end)
        s, e = phrase_chars(obj)
        return Attribution(start, end, False, tok.idx, cue_end, s, e, obj.lemma_)


def _clause_sides(before: list[Token], after: list[Token]) -> list[Token]:
    """The sides of a sentence around a phrase that hold its clause: both when each has a verb
    or a subject, else the one that has, else the longer."""
    clausal = [side for side in (before, after) if any(_in_clause(t) for t in side)]
    if len(clausal) == 2:
        return before + after
    return clausal[0] if clausal else max(before, after, key=len)


def _in_clause(tok: Token) -> bool:
    """A verb or a subject: a word of a clause rather than of a sentence adverb."""
    return tok.pos_ in ("VERB", "AUX") or tok.dep_ in SUBJECT_DEPS


def _bare_word(tokens: Sequence[Token]) -> bool:
    """A content of one word that cannot stand for anything said: a verb, adjective or
    function word left by an odd parse ("declined to [comment]"); a noun, name or pronoun
    can ("endorsed [Clinton]", "denied [it]")."""
    words = [t for t in tokens if not t.is_punct]
    return len(words) == 1 and words[0].pos_ in BARE_WORD_POS


def _reporting_clause(cue: Token) -> bool:
    """A cue clause set into, after or before what it reports: "..., he said" (a following
    clause the parser may call parataxis or ccomp), "At the time, she said, X was ..."
    (parataxis) or "As the Post reported, X ..." (an "as" clause)."""
    if cue.head.i == cue.i:
        return False
    if cue.dep_ == "parataxis":
        return True
    if cue.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children):
        return True  # "As The Washington Post reported, ...", "As reported by X, ..."
    if cue.dep_ != "ccomp" or cue.head.i > cue.i:
        return False
    # A reporting clause after its content is set off by punctuation (", he said"); a
    # complement running straight on from its verb ("Bloomberg reported that names were
    # not disclosed", "Ramos said Trump has not replied") is what that verb reports.
    first = min(t.i for t in cue.subtree if not t.is_punct)
    return first > 0 and cue.doc[first - 1].is_punct


def _as_learned(cue: Token) -> bool:
    """A verb that reports only a clause, in an "as" clause that reports the sentence around
    it: "Moscow, as Kommersant learned, offered ...", "as the poll found, ..." (the clause
    it would govern is the sentence itself, so it has no object of its own)."""
    if cue.lemma_.lower() not in CLAUSE_ONLY_LEMMAS or cue.pos_ != "VERB" or cue.dep_ != "advcl":
        return False
    children = list(cue.children)
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in children):
        return False
    return not any(c.dep_ in ("dobj", "ccomp", "xcomp", "prep") for c in children)


def _asks(verb: Token) -> bool:
    """A verb of a yes/no question: its auxiliary comes before its subject ("Do you support
    ...?", "Would he endorse ...?") and its sentence ends in a question mark."""
    children = list(verb.children)
    aux = next((c for c in children if c.dep_ == "aux"), None)
    subject = next((c for c in children if c.dep_ in SUBJECT_DEPS), None)
    if aux is None or subject is None or aux.i > subject.i:
        return False
    return verb.sent.text.rstrip().endswith("?")


def _finite(verb: Token) -> bool:
    """A verb in the past or present tense; a past participle without an auxiliary counts
    (the tagger reads "Trump barked" after a quotation as a participle)."""
    if verb.tag_ in ("VBD", "VBZ"):
        return True
    return verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _next_token(tok: Token) -> Token | None:
    return tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None


def _name_before(verb: Token, start: int) -> Token | None:
    """A name or pronoun right before a verb, after ``start``, that the parser failed to make
    its subject ("Trump" as a compound of "barked")."""
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if before is None or before.idx < start or before.pos_ not in ("PROPN", "PRON"):
        return None
    return before


def _closing_report(cue: Token) -> tuple[list[Token], Token] | None:
    """A sentence that ends in a short reporting clause, read from the words when the parse
    of a long sentence went astray: "<clause>, she said." or "<clause>, Mr. Lou said." The
    content is the sentence up to the comma; the subject (a pronoun or a name) is the source."""
    doc = cue.doc
    if cue.pos_ != "VERB" or cue.tag_ not in ("VBD", "VBZ") or cue.lemma_.lower() not in SPEECH_LEMMAS:
        return None
    after = cue.i + 1
    if after >= len(doc) or doc[after].text not in (".", "!", "?") or doc[after].sent != cue.sent:
        return None
    start = cue.i  # the subject's first token: a name (with titles) or else a pronoun
    while start > 0 and (doc[start - 1].pos_ == "PROPN" or doc[start - 1].lower_ in _NAME_TITLES):
        start -= 1
    if start == cue.i:
        if start == 0 or doc[start - 1].lower_ not in _SUBJECT_PRONOUNS:
            return None
        start -= 1
    comma = start - 1
    if comma < 0 or doc[comma].text != ",":
        return None
    tokens = trim_tokens([t for t in cue.sent if t.i < comma])
    if not any(t.pos_ in ("VERB", "AUX") for t in tokens):
        return None
    return tokens, doc[cue.i - 1]


def _reports_ahead(cue: Token) -> bool:
    """Whether a cue has its own clause after it ("said the talks remained ..."), so that it
    cannot be what introduces a quotation before it."""
    return any(c.dep_ == "ccomp" and c.i > cue.i for c in cue.children)


def _direct_from(att: Attribution) -> Attribution:
    return replace(att, direct=True)


def english_attributions(
    sdoc: Doc, keep_nested: bool = True, nlp: Language | None = None
) -> list[Attribution]:
    """All attributions found in a parsed English text, in text order.

    ``keep_nested=False`` follows PolNeAR's convention of keeping only the outer one of nested
    attributions ("X said experts say ..."); the product keeps both, since the inner one is often
    the fact itself ("Kommersant reported that Putin proposed ...").
    ``nlp``, the pipeline that parsed ``sdoc``, lets a headline be parsed again on its own.
    """
    return EnglishAttributions(sdoc, nlp).run(keep_nested)
