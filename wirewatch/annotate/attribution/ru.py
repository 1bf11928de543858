"""Russian attributions from surface patterns: «цитата», — заявил X; X заявил, что ...;
по словам X, ...; по данным X, ...; как сообщил X, ....

Russian attribution is written in a few fixed shapes (a dash after a quote, «что» after the
cue, «по словам»), so patterns over sentences (the article's segmentation, from natasha) do
well enough; natasha's dependency parse is
used by the claims stage (``claims_ru.py``), where the event's structure matters. Produces the
same ``Attribution`` spans as the English extractor.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from wirewatch.annotate.attribution.quote_marks import Attribution, find_quotes, paragraph_bounds
from wirewatch.model import Span
from wirewatch.resources import lexicon as cues
from wirewatch.sentences import within

# A quotation shorter than this many words is a name or a scare quote («Коммерсантъ»).
MIN_QUOTE_WORDS = 3

_CUE = re.compile(rf"(?<![а-яё])(?:{cues.RU_CUE})(?![а-яё])", re.IGNORECASE)
# "— заявил Лавров." right after a closing mark.
_AFTER_QUOTE = re.compile(r"\s*[,.!?…]?\s*[—–-]+\s*(?P<rest>[^\n]*?)(?:[.!?…](?=\s|$)|$)")
# "Лавров заявил: «" right before an opening mark.
_BEFORE_QUOTE = re.compile(rf"(?P<pre>[^.!?\n]*?)(?P<cue>{cues.RU_CUE})(?P<post>[^.!?:\n]*):\s*$")
# "Лавров заявил, что ..." / "Лавров заявил журналистам, что ...".
_THAT = re.compile(rf"(?P<cue>{cues.RU_CUE})(?P<mid>[^,.!?\n]{{0,40}}),\s*(?P<that>что|будто)\s")
# "По словам Лаврова, ..." / "как сообщил «Коммерсантъ», ..." / "..., сообщил Лавров."
_ACCORDING = re.compile(rf"(?P<cue>{cues.RU_ACCORDING}|{cues.RU_AS_REPORTED})\s+(?P<src>[^,.!?\n]+?)\s*,\s*")
_TRAILING_CUE = re.compile(rf",\s*(?:[—–-]+\s*)?(?P<cue>{cues.RU_CUE})\s+(?P<src>[^,.!?\n]+?)\s*[.!?…]?\s*$")
_EDGE = " \t\n,.;:!?—–-"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _att(
    text: str, content: tuple[int, int], cue: tuple[int, int], src: tuple[int, int], direct: bool
) -> Attribution | None:
    c_start, c_end = _trim(text, *content) if not direct else content
    s_start, s_end = _trim(text, *src)
    if c_end <= c_start:
        return None
    if s_end <= s_start:
        return Attribution(c_start, c_end, direct, cue[0], cue[1])
    return Attribution(c_start, c_end, direct, cue[0], cue[1], s_start, s_end)


def russian_attributions(text: str, sentences: Sequence[Span]) -> list[Attribution]:
    """All attributions found in a Russian text (``sentences``: its segmentation), in text order."""
    out: list[Attribution] = []
    quoted: list[tuple[int, int]] = []
    for q in find_quotes(text):
        if len(text[q.start : q.end].split()) < MIN_QUOTE_WORDS:
            continue
        line_end = text.find("\n", q.outer_end)
        line_end = len(text) if line_end < 0 else line_end
        after = _AFTER_QUOTE.match(text, q.outer_end, line_end)
        line_start = text.rfind("\n", 0, q.outer_start) + 1
        before = _BEFORE_QUOTE.search(text, line_start, q.outer_start)
        att = None
        if after is not None and (cue := _CUE.search(after.group("rest"))) is not None:
            base = after.start("rest")
            c0, c1 = base + cue.start(), base + cue.end()
            rest_end = after.end("rest")
            # The speaker is whichever side of the cue has words: "— заявил Лавров" or
            # "— Лавров заявил".
            src = (c1, rest_end) if text[c1:rest_end].strip() else (base, c0)
            att = _att(text, (q.start, q.end), (c0, c1), src, True)
        elif before is not None:
            cue_span = (before.start("cue"), before.end("cue"))
            pre = (before.start("pre"), before.end("pre"))
            post = (before.start("post"), before.end("post"))
            src = pre if text[pre[0] : pre[1]].strip() else post
            att = _att(text, (q.start, q.end), cue_span, src, True)
        if att is not None:
            out.append(att)
            quoted.append((q.outer_start, q.outer_end))
    for p_start, p_end in paragraph_bounds(text):
        for sentence in within(sentences, p_start, p_end):
            s_start, s_end = sentence.start, sentence.end
            if any(a < s_end and s_start < b for a, b in quoted):
                continue
            att = _indirect(text, s_start, s_end)
            if att is not None:
                out.append(att)
    out.sort(key=lambda a: a.content_start)
    return out


def _indirect(text: str, start: int, end: int) -> Attribution | None:
    """One attribution in a sentence without a quotation, if it has one of the shapes."""
    that = _THAT.search(text, start, end)
    if that is not None:
        cue = (that.start("cue"), that.end("cue"))
        return _att(text, (that.start("that"), end), cue, (start, that.start("cue")), False)
    according = _ACCORDING.search(text, start, end)
    if according is not None:
        cue = (according.start("cue"), according.end("cue"))
        src = (according.start("src"), according.end("src"))
        before = (start, according.start())
        content = (according.end(), end) if not text[slice(*before)].strip(_EDGE) else before
        if not text[slice(*before)].strip(_EDGE) or according.end() >= end - 1:
            return _att(text, content, cue, src, False)
        # The phrase sits mid-sentence ("В Женеве, по данным источников, Путин ..."):
        # the content is the sentence without it.
        return _att(text, (start, end), cue, src, False)
    trailing = _TRAILING_CUE.search(text, start, end)
    if trailing is not None:
        cue = (trailing.start("cue"), trailing.end("cue"))
        src = (trailing.start("src"), trailing.end("src"))
        return _att(text, (start, trailing.start()), cue, src, False)
    return None

