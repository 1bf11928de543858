"""Pathological markup tamed before the HTML parser sees it.

lxml and trafilatura take time that grows faster than the number of attributes on one
element (an element with 100,000 attributes took two minutes), and no real page needs more
than a few dozen. ``tame_markup`` keeps the first ``MAX_ATTRIBUTES`` attributes of any start
tag that has more and drops the rest; a page without such a tag comes back unchanged (the
same string), so ordinary pages parse exactly as before.

The scan is linear in the page's length. (An earlier pattern for "a long start tag" let the
element name and the attributes overlap, and backtracked over every split of the two on an
unterminated ``<script>`` followed by 100,000 letters and no ``>``: minutes for one page.)
"""

from __future__ import annotations

import re

MAX_ATTRIBUTES = 100
# Only a start tag at least this long can hold more than MAX_ATTRIBUTES attributes (each is
# at least a space and one letter), so shorter tags are not looked at.
_MIN_LONG_TAG = 2 * MAX_ATTRIBUTES
# A start tag long enough to hold more than MAX_ATTRIBUTES attributes. No group overlaps
# another, so a failed match costs the stretch up to the next '<' or '>' only: linear in all.
# A tag whose '>' was lost (damage put a '<' in an attribute value) ends at the next '<' and is
# tamed too: the HTML parser still reads its attributes.
_LONG_TAG = re.compile(r"<[A-Za-z][^<>]{" + str(_MIN_LONG_TAG) + r",}(?:>|(?=<)|\Z)")
# The element name of a start tag: up to whitespace, '/' or the end of the tag.
_NAME_END = re.compile(r"[\s/>]")
# One attribute: a name, optionally = and a quoted or bare value. No leading white space: a
# pattern starting with \s* retried at every position of a long blank run is quadratic.
_ATTRIBUTE = re.compile(r"""[^\s=<>"'/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s<>"']+))?""")


def tame_markup(html: str) -> str:
    """``html`` with every start tag cut to its first ``MAX_ATTRIBUTES`` attributes."""
    pieces: list[str] = []
    copied = 0  # html[:copied] is in pieces
    for match in _LONG_TAG.finditer(html):
        tag = match.group()
        tamed = _tame_tag(tag[1:-1] if tag.endswith(">") else tag[1:])
        if tamed is not None:
            pieces += [html[copied:match.start()], tamed]
            copied = match.end()
    if not pieces:
        return html
    pieces.append(html[copied:])
    return "".join(pieces)


def _tame_tag(inside: str) -> str | None:
    """The start tag whose text between ``<`` and ``>`` is ``inside``, cut to its first
    ``MAX_ATTRIBUTES`` attributes; None when it has no more than that."""
    name_end = _NAME_END.search(inside)
    split = name_end.start() if name_end else len(inside)
    name, rest = inside[:split], inside[split:]
    attributes = []
    for match in _ATTRIBUTE.finditer(rest):
        attributes.append(match.group())
        if len(attributes) > MAX_ATTRIBUTES:
            break
    if len(attributes) <= MAX_ATTRIBUTES:
        return None
    closing = "/" if rest.rstrip().endswith("/") else ""
    return f"<{name} {' '.join(attributes[:MAX_ATTRIBUTES])}{closing}>"
