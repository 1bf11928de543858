"""Reader comments found by page structure, whatever the markup calls them.

Older and hand-made layouts name nothing "comment": a "Comments" heading, then paragraphs each
followed by "Posted by Paul on January 6, 2008 2:09 PM | Report this comment", or a table with
one row per post, or forum posts nested in lists. What they share is a *signature*: a short
line with a date or time, usually with an author cue ("posted by", "said", "wrote") or an
action ("Reply", "Report", "Permalink"), repeated once per post. This module finds those
signatures, the repeated sibling blocks that carry them (the posts), and the flat runs where
posts are not wrapped at all, which it wraps so that the caller can treat every post as one
element. Groups must show that they are comments (cues in the signatures, a comment heading
before them, or a comment-ish container) so that dated lists of related links stay out.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from wirewatch.parse.html_comment_signatures import (
    DATE,
    MAX_AUTHOR_CHARS,
    MAX_SIGNATURE_CHARS,
    cued,
    is_signature_text,
)

_HEADING = re.compile(
    r"^\W*(?:\d+\s+)?(?:reader'?s?\s+|user\s+|your\s+|latest\s+|recent\s+)?"
    r"(?:comments?|responses?|replies|reactions|thoughts?|trackbacks?|discussion|feedback)"
    r"(?:\s*\(\d+\))?(?:\s*[:»])?(?:\s+(?:on|to|for)\b.*)?\W*$"
    r"|^\W*(?:leave|post|add|write|submit)\s+(?:a|your)\s+(?:comment|reply|response)\W*$"
    r"|^\W*(?:have your say|join the (?:discussion|conversation)|what (?:readers|you) (?:say|think))\W*$"
    r"|^\W*(?:\d+\s+)?(?:комментари[йяи]\w*|отзыв\w*|ответ\w*)(?:\s*\(\d+\))?\W*$"
    r"|^\W*(?:оставить|добавить|написать)\s+(?:комментарий|отзыв)\W*$",
    re.IGNORECASE,
)
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "b", "strong", "p", "div", "span", "a",
                 "dt", "legend", "caption", "td", "th"}
_SKIP_TAGS = {"script", "style", "noscript", "template", "head", "title", "select", "option",
              "textarea"}
_ARTICLE_MARKER = etree.XPath("boolean(descendant-or-self::h1"
                              " | descendant-or-self::*[@itemprop='articleBody'])")

# Growing a dated piece to its whole line adds at most this many characters ("Posted by").
MAX_LINE_GROWTH = 50
# Posts are short; a "post" longer than this is an article in a list of articles.
MAX_POST_CHARS = 4000
# A post's own words (signature and actions aside); shorter blocks are links or buttons.
MIN_POST_CHARS = 15
# More link text than this share of a post's words makes it a teaser in a link list.
MAX_POST_LINK_SHARE = 0.5
# Share of a group's posts whose signature carries a cue when nothing else says "comments".
MIN_CUED_SHARE = 0.5
# How far up (ancestors of the group's container) a comment heading or class is looked for.
CONTEXT_LEVELS = 3
_COMMENTISH = re.compile(r"comment(?!ary)|disqus|repl(?:y|ies)|respon[sd]|discuss|feedback"
                         r"|forum|thread|guestbook|talkback|reaction", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")


@dataclass
class Found:
    """What the structure says: post elements, the signature lines in them, what to cut."""

    items: list[HtmlElement] = field(default_factory=list)
    signatures: set[HtmlElement] = field(default_factory=set)
    zones: list[HtmlElement] = field(default_factory=list)


def _text(el: HtmlElement) -> str:
    # pieces joined by spaces: "<b>Paul</b><br>Jan 6" is "Paul Jan 6", not "PaulJan 6"
    return " ".join(" ".join(el.itertext()).split())


def _shape(el: HtmlElement) -> str:
    """Tag and class words without numbers: the posts of one list share it."""
    classes = " ".join(sorted(_DIGITS.sub("", el.get("class") or "").split()))
    return f"{el.tag}.{classes}"


def is_heading(el: HtmlElement) -> bool:
    """True for a short element that announces a comment section."""
    if el.tag not in _HEADING_TAGS:
        return False
    text = _text(el)
    return 0 < len(text) <= 80 and _HEADING.match(text) is not None


def _signatures(tree: HtmlElement) -> list[HtmlElement]:
    """The smallest elements around dated short lines, in document order, each once."""
    found: list[HtmlElement] = []
    seen: set[HtmlElement] = set()
    for node in tree.xpath("//body//text()"):
        if not DATE.search(node):
            continue
        el = node.getparent()
        if el is None or el.tag in _SKIP_TAGS or not isinstance(el.tag, str):
            continue
        owner = el.getparent() if node.is_tail else el
        if owner is None:
            continue
        if any(_is_break(c) for c in owner):
            # "<span>Guest</span>, 12 May 2010<p>the post</p>": the line is the inline run
            # around the date, not the whole post
            line = _wrap_line(owner, node)
            if line is None:
                continue
            if is_signature_text(_text(line)):
                seen.add(line)
                found.append(line)
            else:
                line.drop_tag()  # leave the page as it was
            continue
        el = owner
        # grow to the whole line ("Posted by <a>Paul</a> on <span>January 6</span>")
        while el.tag in {"a", "span", "b", "strong", "em", "i", "time", "abbr", "small", "font",
                         "u"}:
            parent = el.getparent()
            if parent is None:
                break
            outer = len(_text(parent))
            # the line grows by a name or a label, never by the post's own sentences
            if outer > MAX_SIGNATURE_CHARS or outer - len(_text(el)) > MAX_LINE_GROWTH:
                break
            el = parent
        if el in seen:
            continue
        if is_signature_text(_text(el)):
            seen.add(el)
            found.append(el)
    return found


_BREAK_TAGS = {"br", "p", "div", "ul", "ol", "li", "table", "tr", "td", "blockquote", "section",
               "article", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "dl", "dd", "dt", "hr",
               "footer", "header"}


def _is_break(el: HtmlElement) -> bool:
    return isinstance(el.tag, str) and el.tag in _BREAK_TAGS


def _wrap_line(owner: HtmlElement, node: Any) -> HtmlElement | None:
    """Wrap the inline run of ``owner`` that holds text ``node`` in a new <span>; return it.

    The run reaches from the block (or <br>) before the text to the block after it.
    """
    children = list(owner)
    if not node.is_tail:
        left = -1
    else:
        holder = node.getparent()
        if holder not in children:
            return None
        left = children.index(holder)
        if not _is_break(holder):
            while left >= 0 and not _is_break(children[left]):
                left -= 1
    right = left + 1
    while right < len(children) and not _is_break(children[right]):
        right += 1
    span: HtmlElement = owner.makeelement("span", {})
    if left == -1:
        span.text, owner.text = owner.text, None
    else:
        span.text, children[left].tail = children[left].tail, None
    for child in children[left + 1 : right]:
        span.append(child)  # its tail goes with it
    owner.insert(left + 1, span)
    return span


def _chain(el: HtmlElement) -> Iterable[HtmlElement]:
    """``el`` and its ancestors below <body>."""
    while el is not None and el.tag not in {"body", "html"}:
        yield el
        el = el.getparent()


def _own_chars(el: HtmlElement, signatures: set[HtmlElement]) -> tuple[int, int]:
    """(characters, link characters) of ``el`` outside its signature lines."""
    chars = links = 0
    for node in el.xpath(".//text()"):
        parent = node.getparent()
        owner = parent.getparent() if node.is_tail else parent
        if owner is None or owner.tag in _SKIP_TAGS:
            continue
        if any(a in signatures for a in _chain(owner)):
            continue
        n = len(node.strip())
        chars += n
        if any(a.tag == "a" for a in _chain(owner)) and not node.is_tail:
            links += n
    return chars, links


def _context_says_comments(first: HtmlElement) -> bool:
    """A comment heading just before the posts, or a comment-ish container around them."""
    el: HtmlElement | None = first
    for _ in range(CONTEXT_LEVELS + 1):
        if el is None or el.tag in {"body", "html"}:
            return False
        for sibling in el.itersiblings(preceding=True):
            if isinstance(sibling.tag, str) and _text(sibling):
                if is_heading(sibling) or any(is_heading(h) for h in sibling.iter(
                        "h1", "h2", "h3", "h4", "h5", "h6", "b", "strong")):
                    return True
                break  # only the nearest block with text counts
        attrs = f"{el.get('class') or ''} {el.get('id') or ''}"
        if el is not first and _COMMENTISH.search(attrs):
            return True
        el = el.getparent()
    return False


def _accept(posts: list[HtmlElement], signatures: set[HtmlElement], n_cued: int) -> bool:
    """Posts that are comments: real text each, few links, no article inside."""
    if len(posts) < 2:
        return False
    for post in posts:
        if _ARTICLE_MARKER(post):
            return False
        chars, links = _own_chars(post, signatures)
        if chars > MAX_POST_CHARS or (chars and links / chars > MAX_POST_LINK_SHARE):
            return False
    with_text = sum(_own_chars(p, signatures)[0] >= MIN_POST_CHARS for p in posts)
    if with_text * 2 < len(posts):
        return False
    return n_cued >= MIN_CUED_SHARE * len(posts) or _context_says_comments(posts[0])


def _flat_posts(container: HtmlElement, sigs: list[HtmlElement]) -> list[list[HtmlElement]]:
    """Split a container's children into posts where signature lines sit between the texts.

    The signature closes each post ("text ... Posted by Paul") when text comes before the
    first signature after the section start, and opens it ("Paul said: text") otherwise.
    Without a comment heading the first post of a closing layout is only the one block above
    its signature, since the article may run on just before it in the same container.
    """
    children = [c for c in container if isinstance(c.tag, str)]
    sig_index = {children.index(s) for s in sigs}
    start = 0
    headed = False
    for i, child in enumerate(children[: min(sig_index)]):
        if is_heading(child):
            start, headed = i + 1, True
    first = min(sig_index)
    closing = any(_text(c) for c in children[start:first])
    posts: list[list[HtmlElement]] = []
    if closing:
        begin = start if headed else first - 1
        for i in sorted(sig_index):
            post = [c for c in children[begin : i + 1] if not is_heading(c)]
            if post:
                posts.append(post)
            begin = i + 1
    else:
        ordered = sorted(sig_index)
        for n, i in enumerate(ordered):
            end = ordered[n + 1] if n + 1 < len(ordered) else len(children)
            post = [children[i]]
            for c in children[i + 1 : end]:
                if is_heading(c) or _ARTICLE_MARKER(c):
                    break
                post.append(c)
            posts.append(post)
    return posts


def _wrap(group: list[HtmlElement]) -> HtmlElement:
    """Put sibling elements into one new <div> where the first stood; return it."""
    first = group[0]
    parent = first.getparent()
    wrapper: HtmlElement = first.makeelement("div", {})
    parent.insert(parent.index(first), wrapper)
    for el in group:
        tail, el.tail = el.tail, None
        wrapper.append(el)
        if tail and tail.strip():
            el.tail = tail
    return wrapper


def find_structural(tree: HtmlElement, known: set[HtmlElement]) -> Found:
    """Posts with repeated signatures that the class names did not reveal.

    ``known`` holds items already found by their class names: signatures inside them only
    help to read those items and start no new group.
    """
    found = Found()
    sigs = _signatures(tree)
    if len(sigs) < 2:
        return found
    found.signatures = set(sigs)
    free = [s for s in sigs if not any(a in known for a in _chain(s))]
    members: dict[tuple[HtmlElement, str], set[HtmlElement]] = defaultdict(set)
    chains: dict[HtmlElement, list[HtmlElement]] = {}
    for s in free:
        chains[s] = [a for a in _chain(s) if a.getparent() is not None]
        for a in chains[s]:
            members[(a.getparent(), _shape(a))].add(a)
    # each signature belongs to the lowest block that repeats with another signature in it
    groups: dict[tuple[HtmlElement, str], list[HtmlElement]] = defaultdict(list)
    for s in free:
        for a in chains[s]:
            key = (a.getparent(), _shape(a))
            if len(members[key]) >= 2:
                groups[key].append(s)
                break
    order = {el: i for i, el in enumerate(tree.iter())}
    accepted: set[HtmlElement] = set()
    # outer lists first: a list inside an accepted post holds replies, no more proof needed
    for (container, shape), group_sigs in sorted(groups.items(), key=lambda kv: order[kv[0][0]]):
        n_cued = sum(1 for s in group_sigs if cued(_text(s)))
        inside = any(a in accepted for a in container.iterancestors()) or container in accepted
        heads = sorted(members[(container, shape)], key=order.__getitem__)
        if _words_beside(heads, found.signatures):
            # signature blocks without the post's words: the words are their siblings
            parts = _flat_posts(container, heads)
            if not parts or not (inside or _accept_parts(parts, found.signatures, n_cued)):
                continue
            posts = [_wrap(part) for part in parts]
            order = {el: i for i, el in enumerate(tree.iter())}
        else:
            tops = heads
            if not (inside or _accept(tops, found.signatures, n_cued)):
                continue
            top_set = set(tops)
            posts = []
            for s in group_sigs:
                # the lowest block of the post's shape: a reply nested in a post is its own post
                post = next(a for a in chains[s]
                            if _shape(a) == shape
                            and (a in top_set or any(t in top_set for t in a.iterancestors())))
                if post not in posts:
                    posts.append(post)
        accepted.update(posts)
        found.items.extend(posts)
        found.zones.extend(_zone_with_heading(posts))
    order = {el: i for i, el in enumerate(tree.iter())}
    found.items.sort(key=order.__getitem__)
    return found


def _words_beside(heads: list[HtmlElement], signatures: set[HtmlElement]) -> bool:
    """True when the signature blocks hold at most a name and the posts' words are siblings."""
    head_set = set(heads)
    beside = 0
    for head in heads:
        if _own_chars(head, signatures)[0] > MAX_AUTHOR_CHARS:
            return False
        neighbours = [head.getprevious(), head.getnext()]
        if any(n is not None and n not in head_set and isinstance(n.tag, str)
               and _own_chars(n, signatures)[0] >= MIN_POST_CHARS for n in neighbours):
            beside += 1
    return beside * 2 > len(heads)


def _accept_parts(parts: list[list[HtmlElement]], signatures: set[HtmlElement], n_cued: int) -> bool:
    if len(parts) < 2:
        return False
    counts = [[_own_chars(el, signatures) for el in part] for part in parts]
    chars = [sum(c for c, _ in part) for part in counts]
    links = [sum(n for _, n in part) for part in counts]
    if any(c > MAX_POST_CHARS or (c and n / c > MAX_POST_LINK_SHARE)
           for c, n in zip(chars, links, strict=True)):
        return False
    if any(_ARTICLE_MARKER(el) for p in parts for el in p):
        return False
    if sum(c >= MIN_POST_CHARS for c in chars) * 2 < len(parts):
        return False
    first = parts[0][0]
    headed = any(is_heading(c) for c in first.itersiblings(preceding=True))
    return headed or n_cued >= MIN_CUED_SHARE * len(parts) or _context_says_comments(first)


def _zone_with_heading(posts: list[HtmlElement]) -> list[HtmlElement]:
    """The comment heading just before the first post goes with the posts."""
    zones: list[HtmlElement] = []
    first = posts[0]
    for sibling in first.itersiblings(preceding=True):
        if not isinstance(sibling.tag, str) or not _text(sibling):
            continue
        if is_heading(sibling):
            zones.append(sibling)
        break
    return zones





__all__ = ["Found", "find_structural", "is_heading"]
