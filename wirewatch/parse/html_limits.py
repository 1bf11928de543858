"""Pathological markup tamed before the HTML parser sees it.

lxml and trafilatura take time that grows faster than the number of attributes on one
element (an element with 100,000 attributes took two minutes), and no real page needs more
than a few dozen. ``tame_markup`` keeps the first ``MAX_ATTRIBUTES`` attributes of any start
tag that has more and drops the rest; a page without such a tag comes back unchanged (the
same string), so ordinary pages parse exactly as before.
"""

from __future__ import annotations

import re

MAX_ATTRIBUTES = 100
# Only a start tag at least this long can hold more than MAX_ATTRIBUTES attributes (each is
# at least a space and one letter), so shorter tags are not looked at.
_LONG_TAG = re.compile(r"<([A-Za-z][^\s/>]*)([^<>]{" + str(2 * MAX_ATTRIBUTES) + r",})>")
# One attribute: a name, optionally = and a quoted or bare value.
_ATTRIBUTE = re.compile(r"""\s*([^\s=<>"'/]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s<>"']+))?|\s*/""")


def tame_markup(html: str) -> str:
    """``html`` with every start tag cut to its first ``MAX_ATTRIBUTES`` attributes."""
    return _LONG_TAG.sub(_tame_tag, html)


def _tame_tag(match: re.Match[str]) -> str:
    name, rest = match.group(1), match.group(2)
    attributes = [m.group(0) for m in _ATTRIBUTE.finditer(rest) if m.group(1)]
    if len(attributes) <= MAX_ATTRIBUTES:
        return match.group(0)
    closing = "/" if rest.rstrip().endswith("/") else ""
    return f"<{name}{''.join(attributes[:MAX_ATTRIBUTES])}{closing}>"
