"""The text handed to the NLP models: the body with pathological runs blanked, offsets intact.

spaCy's tokenizer and natasha's segmenter take time that grows faster than the length of a
run of punctuation with no space in it (50,000 ``"`` or ``&amp;`` x 100,000 stall them for
minutes), and no real sentence holds such a run. ``model_text`` keeps the first few repeats
of a run of one short unit repeated many times and turns the rest into spaces, and breaks any
other whitespace-free stretch longer than ``MAX_TOKEN_CHARS`` with a space every
``MAX_TOKEN_CHARS`` characters. The result has the same length as the body and the same
characters everywhere else, so every offset the models give is an offset into the body.
Ordinary text (words, URLs, a row of dashes under a heading) comes back unchanged.
"""

from __future__ import annotations

import re

# A run of one unit of 1 to 8 non-space characters repeated; a run is blanked from
# ``KEEP_REPEATS`` on when it is at least ``MIN_RUN_CHARS`` long ("!!!!" and "-----" stay).
_REPEATED = re.compile(r"(\S{1,8}?)\1{3,}")
MIN_RUN_CHARS = 64
KEEP_REPEATS = 3
# No word, number or URL worth parsing is longer; a longer stretch without white space (a
# base64 blob, a mangled table) is given to the models in pieces of this length.
MAX_TOKEN_CHARS = 400
_LONG_TOKEN = re.compile(r"\S{" + str(MAX_TOKEN_CHARS + 1) + ",}")


def model_text(body: str) -> str:
    """``body`` with repeated runs blanked and overlong tokens broken, of the same length."""
    if len(body) < MIN_RUN_CHARS:
        return body
    text = _REPEATED.sub(_blank_run, body)
    return _LONG_TOKEN.sub(_break_token, text)


def _blank_run(match: re.Match[str]) -> str:
    run = match.group(0)
    if len(run) < MIN_RUN_CHARS:
        return run
    kept = len(match.group(1)) * KEEP_REPEATS
    return run[:kept] + " " * (len(run) - kept)


def _break_token(match: re.Match[str]) -> str:
    token = match.group(0)
    step = MAX_TOKEN_CHARS
    # The last character of each piece becomes a space: same length, pieces of ``step``.
    pieces = [token[i : i + step - 1] + " " for i in range(0, len(token) - step, step)]
    return "".join(pieces) + token[len(pieces) * step :]
