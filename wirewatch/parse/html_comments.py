"""Find reader comments in an HTML tree, read them out, and cut them from the page.

Comment markup varies, but three shapes cover most pages: WordPress (``ol.commentlist`` of
``li.comment``, author in ``.comment-author``/``cite.fn``, replies in ``ol.children``),
Disqus-like threads (``#disqus_thread`` / ``ul.post-list`` of ``li.post``), and generic blocks
whose id or class says "comment". A comment *item* is one reader's post; its *zone* is the
outermost comment-ish container around the items (heading, list, reply form). Replies are
found from the DOM: an item nested inside another item answers it, and flat lists that mark
``depth-N`` answer the closest earlier item one level up.

Pages whose markup names nothing "comment" (older blogs, forums, tables of posts) are read by
structure instead: ``html_comment_structure`` finds posts by their repeated signature lines
("Posted by Paul on January 6, 2008 2:09 PM | Report this comment").

The tree is changed in place (items and zones are removed) so that the article extractor never
sees comment text; see trafilatura issue #850 for how comments otherwise leak into the body.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlElement

from wirewatch.model import Comment
from wirewatch.parse.html_comment_signatures import signature_author
from wirewatch.parse.html_comment_structure import find_structural
from wirewatch.resources.lexicon import COMMENT_SIGNATURE_VERBS

# "commentary" is a news section (opinion pieces), not reader comments.
_COMMENTISH = re.compile(r"comment(?!ary)|disqus|dsq-")
# Tokens naming one comment (as opposed to its parts or the whole section).
_ITEM_TOKEN = re.compile(
    r"^(?:comment|comments?-(?:item|entry|single|node)|(?:single|user|reader)-comment"
    r"|comment-?\d+|li-comment-\d+|dsq-comment(?:-\d+)?|comment-(?:even|odd|parent))$"
)
# Lists whose <li> children are comments even when the <li> carries no class.
_LIST_TOKEN = re.compile(r"comment|^post-list$|^children$|^replies$|^reply-list$")
_LIST_TAGS = {"ol", "ul"}
# Parts of a comment that are not what the reader wrote.
_META_TOKEN = re.compile(
    r"author|meta|date|time|avatar|reply|respond|action|vote|like|share|footer|says|edit"
    r"|permalink|rating|report|flag|badge|header|byline|user|name|follow|count"
)
_META_TAGS = {"time", "form", "script", "style", "button", "footer", "header", "noscript", "img",
              "svg", "nav", "input", "textarea", "select"}
_CONTENT_TOKEN = re.compile(
    r"^(?:(?:comment|post|reply)[-_]?(?:content|text|message|entry|body-text)|content|text"
    r"|message|post-body)$"
)
_AUTHOR_TOKEN = re.compile(r"author|username|user-name|commenter|nickname|byline|^fn$|^name$")
_AUTHOR_INNER_TOKEN = re.compile(r"^fn$|^name$|^url$")
_DEPTH_TOKEN = re.compile(r"^depth-(\d+)$")
_BLOCK_TAGS = {"p", "div", "br", "li", "blockquote", "section", "article", "h1", "h2", "h3",
               "h4", "h5", "h6", "pre", "tr", "dd", "dt", "ul", "ol"}
_ACTION_LINE = re.compile(
    r"^(?:\W*(?:reply|report(?: this)?(?: comment| abuse)?|permalink|quote|flag|recommend|like"
    r"|share|edit|delete|link|ответить|пожаловаться|цитировать)\b\W*)+$",
    re.IGNORECASE,
)
_SAYS = re.compile(r"\s*(?:" + "|".join(COMMENT_SIGNATURE_VERBS) + r")\s*:?\s*$", re.IGNORECASE)

# An author name longer than this is a sentence that happened to sit in an "author" box.
MAX_AUTHOR_CHARS = 80
# A zone may hold headings, a reply form and a policy note besides its items; more text than
# this outside the items means the "comment" class sits on an article wrapper
# (e.g. ``div.post.comments-open``), so the zone is not cut.
ZONE_EXTRA_TEXT_MIN = 600
ZONE_EXTRA_TEXT_SHARE = 0.5
# A list item this short ("Reply", "1 2 3 Next") is navigation, not a comment.
MIN_LIST_COMMENT_CHARS = 20


@dataclass
class _Item:
    element: HtmlElement
    author: str | None
    text: str
    parent: int | None


def _tokens(el: HtmlElement) -> list[str]:
    raw = f"{el.get('class') or ''} {el.get('id') or ''}".lower().replace("_", "-")
    return raw.split()


def _is_commentish(el: HtmlElement) -> bool:
    return any(_COMMENTISH.search(t) for t in _tokens(el))


# XPath pre-filters: walking every element in Python costs more than trafilatura's own work,
# and translate() for case folding is slow too: "omment" catches Comment and comment.
# Asking for attributes (then their element) is several times faster than testing elements.
_COMMENTISH_XPATH = etree.XPath(
    "//@class[contains(., 'omment') or contains(., 'isqus')]/.."
    " | //@id[contains(., 'omment') or contains(., 'isqus')]/.."
)
_LIST_ITEMS_XPATH = etree.XPath(".//li[parent::ol or parent::ul]")
_ARTICLE_MARKER_XPATH = etree.XPath(
    "boolean(descendant::h1 | descendant::*[@itemprop='articleBody'])"
)


def _has_article_marker(el: HtmlElement) -> bool:
    """True when ``el`` holds the article itself (headline or marked article body)."""
    return bool(_ARTICLE_MARKER_XPATH(el)) or el.tag == "h1"


def _is_item(el: HtmlElement) -> bool:
    if el.tag in {"html", "body", "main", "form", "a", "span", "time", "img"}:
        return False
    if any(_ITEM_TOKEN.match(t) for t in _tokens(el)):
        return True
    parent = el.getparent()
    if el.tag == "li" and parent is not None and parent.tag in _LIST_TAGS:
        list_tokens = _tokens(parent)
        if any(_LIST_TOKEN.search(t) for t in list_tokens) and (
            any(_COMMENTISH.search(t) for t in list_tokens)
            or any(_is_commentish(a) for a in parent.iterancestors())
        ):
            return len(_normalise(el.text_content())) >= MIN_LIST_COMMENT_CHARS
    return False


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _collect_text(root: HtmlElement, skip: Callable[[HtmlElement], bool]) -> str:
    """Text of ``root`` without the subtrees ``skip`` rejects; blocks become paragraphs."""
    pieces: list[str] = []

    def walk(el: HtmlElement) -> None:
        if el.text:
            pieces.append(el.text)
        for child in el:
            if isinstance(child.tag, str) and not skip(child):
                block = child.tag in _BLOCK_TAGS
                if block:
                    pieces.append("\n")
                walk(child)
                if block:
                    pieces.append("\n")
            if child.tail:
                pieces.append(child.tail)

    walk(root)
    lines = (_normalise(line) for line in "".join(pieces).split("\n"))
    return "\n\n".join(line for line in lines if line)


def _is_meta(el: HtmlElement) -> bool:
    if el.tag in _META_TAGS:
        return True
    return any(_META_TOKEN.search(t) and not _CONTENT_TOKEN.match(t) for t in _tokens(el))


def _own_descendants(item: HtmlElement, items: set[HtmlElement]) -> Iterable[HtmlElement]:
    """Descendants of ``item`` in document order, not entering nested comment items."""
    stack = list(reversed(item))
    while stack:
        el = stack.pop()
        if not isinstance(el.tag, str) or el in items:
            continue
        yield el
        stack.extend(reversed(el))


def _author(
    item: HtmlElement, items: set[HtmlElement], signatures: set[HtmlElement]
) -> str | None:
    """The name in the item's author box, else the name in its signature line."""
    own = list(_own_descendants(item, items))
    for el in own:
        if any(_AUTHOR_TOKEN.search(t) for t in _tokens(el)) or el.get("itemprop") == "author":
            name = _name_in(el)
            if name:
                return name
    for el in [item, *own]:
        if el in signatures:
            name = signature_author(" ".join(el.itertext()))
            if name:
                return name
    return None


def _name_in(box: HtmlElement) -> str | None:
    """The commenter's name in an author box.

    Boxes often read "<b>Name</b> on <a>date</a> said:", so a marked name (``.fn``) wins, then
    the first element holding text, then the whole box.
    """
    marked = [sub for sub in box.iterdescendants() if isinstance(sub.tag, str)
              and any(_AUTHOR_INNER_TOKEN.match(t) for t in _tokens(sub))]
    first = [sub for sub in box.iterchildren()
             if isinstance(sub.tag, str) and sub.tag not in _META_TAGS
             and "says" not in _tokens(sub) and _normalise(sub.text_content())]
    for candidate in [*marked, *first[:1], box]:
        name = _SAYS.sub("", _collect_text(candidate, lambda e: "says" in _tokens(e)))
        name = _normalise(name).strip(" :-—")
        if name and len(name) <= MAX_AUTHOR_CHARS:
            return name
    return None


def _text(item: HtmlElement, items: set[HtmlElement], signatures: set[HtmlElement]) -> str:
    def skip(el: HtmlElement) -> bool:
        return el in items or el in signatures or _is_meta(el)

    content = next((el for el in _own_descendants(item, items)
                    if any(_CONTENT_TOKEN.match(t) for t in _tokens(el))), None)
    text = _collect_text(content if content is not None else item, skip)
    # action links left as bare lines ("Reply", "Report this comment | Permalink")
    return "\n\n".join(p for p in text.split("\n\n") if not _ACTION_LINE.match(p))


# A first line this short, without sentence punctuation, above the post's words is its author
# (forum rows put the name in a cell of its own).
MAX_NAME_LINE_WORDS = 4
_SENTENCE_MARK = re.compile(r"[!?;:,]|\w{3,}\.(?:\s|$)")  # "B. Walsh" and "Dr. Ng" are names


def _leading_name(text: str) -> tuple[str | None, str]:
    first, _, rest = text.partition("\n\n")
    if rest and len(first.split()) <= MAX_NAME_LINE_WORDS and not _SENTENCE_MARK.search(first):
        return first, rest
    return None, text


def _parent_index(el: HtmlElement, index: dict[HtmlElement, int]) -> int | None:
    for ancestor in el.iterancestors():
        if ancestor in index:
            return index[ancestor]
    return None


def _depth(el: HtmlElement) -> int | None:
    for t in _tokens(el):
        m = _DEPTH_TOKEN.match(t)
        if m:
            return int(m.group(1))
    return None


def _zone(item: HtmlElement, item_chars: int) -> HtmlElement:
    """The outermost comment-ish container of ``item`` that holds no article text."""
    zone = item
    for ancestor in item.iterancestors():
        if ancestor.tag in {"html", "body", "main"} or not _is_commentish(ancestor):
            break
        if _has_article_marker(ancestor):
            break
        extra = len(_normalise(ancestor.text_content())) - item_chars
        if extra > max(ZONE_EXTRA_TEXT_MIN, ZONE_EXTRA_TEXT_SHARE * item_chars):
            break
        zone = ancestor
    return zone


def _candidates(tree: HtmlElement) -> list[HtmlElement]:
    """Possible comment items, in document order."""
    commentish = [el for el in _COMMENTISH_XPATH(tree) if _is_commentish(el)]
    if not commentish:
        return []
    seen = set(commentish)
    outermost = [el for el in commentish if not any(a in seen for a in el.iterancestors())]
    pool = set(commentish)
    for zone in outermost:
        pool.update(_LIST_ITEMS_XPATH(zone))
    # XPath answers in document order and the outermost zones are disjoint, so walking each
    # zone in turn keeps document order without walking the whole page
    ordered = [el for zone in outermost for el in zone.iter() if el in pool]
    return [el for el in ordered if _is_item(el) and not _has_article_marker(el)]


def take_comments(tree: HtmlElement) -> list[Comment]:
    """Read the reader comments out of ``tree`` and remove them (and their zone) from it.

    Items named by their classes come first; then posts found by structure alone (repeated
    signature lines, see ``html_comment_structure``) that no class revealed.
    """
    candidates = _candidates(tree)
    structure = find_structural(tree, set(candidates))
    known = set(candidates)
    extra = [el for el in structure.items if el not in known]
    if extra:
        order = {el: i for i, el in enumerate(tree.iter())}
        candidates = sorted({*candidates, *extra}, key=order.__getitem__)
    item_set = set(candidates)
    structural = set(extra)
    signatures = structure.signatures
    found: list[_Item] = []
    index: dict[HtmlElement, int] = {}
    depths: list[int | None] = []
    for el in candidates:
        text = _text(el, item_set, signatures)
        if not text:
            # a wrapper around the real item (or an empty deleted comment): its children
            # attach to the next item up
            continue
        parent = _parent_index(el, index)
        depth = _depth(el)
        if parent is None and depth is not None and depth > 1:
            parent = next((i for i in range(len(found) - 1, -1, -1) if depths[i] == depth - 1),
                          None)
        index[el] = len(found)
        depths.append(depth)
        author = _author(el, item_set, signatures)
        if author is None and el in structural:
            author, text = _leading_name(text)
        found.append(_Item(el, author, text, parent))
    if not found:
        return []
    item_chars = sum(len(_normalise(item.element.text_content())) for item in found
                     if _parent_index(item.element, index) is None)
    # structural posts are their own zone: their container may hold the article too
    zones = {item.element if item.element in structural else _zone(item.element, item_chars)
             for item in found}
    zones.update(structure.zones)
    for zone in zones:
        # a zone inside another zone goes with it
        if not any(ancestor in zones for ancestor in zone.iterancestors()):
            remove_keeping_tail(zone)
    return [Comment(author=i.author, text=i.text, reply_to=i.parent) for i in found]


def remove_keeping_tail(el: HtmlElement) -> None:
    """Drop ``el`` from its tree, keeping its tail text (it belongs to the surrounding page)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


__all__ = ["remove_keeping_tail", "take_comments"]
