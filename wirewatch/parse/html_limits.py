"""Pathological markup tamed before the HTML parser sees it.

lxml and trafilatura take time that grows faster than the number of attributes on one
element (an element with 100,000 attributes took two minutes), and no real page needs more
than a few dozen. ``tame_markup`` keeps the first ``MAX_ATTRIBUTES`` attributes of any start
tag that has more and drops the rest; a page without such a tag comes back unchanged (the
same string), so ordinary pages parse exactly as before.

The scan is linear in the page's length: each ``<`` is looked at once and the search for the
end of its tag resumes where the last one stopped. (A regular expression for "a long start tag"
backtracked quadratically on an unterminated ``<script>`` followed by 100,000 letters and no
``>``: minutes for one page.)
"""

from __future__ import annotations

import re

MAX_ATTRIBUTES = 100
# Only a start tag at least this long can hold more than MAX_ATTRIBUTES attributes (each is
# at least a space and one letter), so shorter tags are not looked at.
_MIN_LONG_TAG = 2 * MAX_ATTRIBUTES
# The end of a tag, or the start of the next one (a tag whose '>' was lost).
_TAG_BOUNDARY = re.compile(r"[<>]")
# The element name of a start tag: up to whitespace, '/' or the end of the tag.
_NAME_END = re.compile(r"[\s/>]")
# One attribute: a name, optionally = and a quoted or bare value.
_ATTRIBUTE = re.compile(r"""\s*([^\s=<>"'/]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s<>"']+))?|\s*/""")


def tame_markup(html: str) -> str:
    """``html`` with every start tag cut to its first ``MAX_ATTRIBUTES`` attributes."""
    pieces: list[str] = []
    copied = 0  # html[:copied] is in pieces
    start = html.find("<")
    while start >= 0:
        boundary = _TAG_BOUNDARY.search(html, start + 1)
        if boundary is None:
            break
        end = boundary.start()
        if (html[end] == ">" and end - start > _MIN_LONG_TAG and start + 1 < len(html)
                and html[start + 1].isascii() and html[start + 1].isalpha()):
            tamed = _tame_tag(html[start + 1:end])
            if tamed is not None:
                pieces += [html[copied:start], tamed]
                copied = end + 1
        start = end if html[end] == "<" else html.find("<", end + 1)
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
        if match.group(1):
            attributes.append(match.group(0))
            if len(attributes) > MAX_ATTRIBUTES:
                break
    if len(attributes) <= MAX_ATTRIBUTES:
        return None
    closing = "/" if rest.rstrip().endswith("/") else ""
    return f"<{name}{''.join(attributes[:MAX_ATTRIBUTES])}{closing}>"
