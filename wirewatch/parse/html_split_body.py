"""Article bodies a page splits into several sibling containers, joined back into one.

Some publishing systems cut the article text into blocks of the same kind with advertising
rows between them (``<div class="body article__body">`` ... ad ... ``<div class="body
article__body">``). An extractor that keeps the best single block keeps only the first part;
moving every part's content into the first part lets it see the whole article.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from wirewatch.parse.html_comments import remove_keeping_tail

# Class words of article-text containers ("article__body", "story-content", "entry-text").
_BODY_CLASS = re.compile(r"(?:^|[\s_-])(?:body|article|content|story|entry|text)(?:$|[\s_-])", re.I)
_CONTAINER_TAGS = ("div", "section", "article")
# Each part must hold real running text: paragraphs of this many characters in all, ...
MIN_PART_PARAGRAPH_CHARS = 300
# ... not mostly link text (teaser cards and link lists share class names too).
MAX_PART_LINK_SHARE = 0.3
# More parts than this are a list of items (cards, posts), not one article cut in pieces.
MAX_PARTS = 12


def join_split_bodies(tree: HtmlElement) -> int:
    """Move the content of each later part of a split article body into its first part.

    Parts are elements with the same tag and the same body-like class attribute, none inside
    another, each with enough paragraph text. Returns how many parts were joined.
    """
    groups: dict[tuple[str, str], list[HtmlElement]] = {}
    for element in tree.iter(*_CONTAINER_TAGS):
        classes = " ".join((element.get("class") or "").split())
        if classes and _BODY_CLASS.search(classes):
            groups.setdefault((str(element.tag), classes), []).append(element)
    joined = 0
    for parts in groups.values():
        if not 2 <= len(parts) <= MAX_PARTS or _nested(parts):
            continue
        if not all(_is_running_text(p) for p in parts):
            continue
        first = parts[0]
        for part in parts[1:]:
            for child in list(part):
                first.append(child)
            remove_keeping_tail(part)
            joined += 1
    return joined


def _nested(parts: list[HtmlElement]) -> bool:
    ids = {id(p) for p in parts}
    return any(id(a) in ids for p in parts for a in p.iterancestors())


def _is_running_text(part: HtmlElement) -> bool:
    text = "".join("".join(p.itertext()) for p in part.iter("p"))
    if len(text.strip()) < MIN_PART_PARAGRAPH_CHARS:
        return False
    links = sum(len("".join(a.itertext())) for p in part.iter("p") for a in p.iter("a"))
    return links / len(text) <= MAX_PART_LINK_SHARE
