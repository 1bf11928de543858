"""HTML pages: main text through trafilatura, metadata, captions and reader comments apart.

The page is parsed once into an lxml tree. Captions and reader comments are read out of that
tree and cut from it first, so the article extractor (trafilatura, handed the tree, not the
string) cannot mix them into the body. Its paragraphs then pass a last filter for page chrome
(share/follow/subscribe lines) and for any comment or caption text that slipped through.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from wirewatch.errors import BadInputError, EmptyInputError
from wirewatch.parse.html_comments import remove_keeping_tail, take_comments
from wirewatch.parse.html_limits import tame_markup
from wirewatch.parse.html_metadata import page_metadata
from wirewatch.parse.html_split_body import join_split_bodies
from wirewatch.parse.parts import PageParts

PUBLISHED_FROM = "html-metadata"
NO_TEXT_MESSAGE = "no article text found in the HTML page"

# Short lines that are page furniture rather than article text. Matched only against short
# paragraphs (see MAX_CHROME_WORDS) so that an article sentence that starts with "Share" or
# "Follow" is never dropped. Credit lines (copyright, photo credits) are not chrome: the
# article builder files them as credits.
_CHROME = re.compile(
    r"^(?:share(?: this| on| via| the article| article| story)?|tweet|e-?mail|print|save"
    r"|follow(?: us)?(?: on)?|like us on|subscribe|sign up|newsletter"
    r"|related(?: articles?| stories| news| content)?"
    r"|read more|more from|more on this|see also|also read|read also|recommended(?: for you)?"
    r"|advertisement|sponsored(?: content)?|click here|trending|most popular|most read"
    r"|you may also like|you might also like|comments?|leave a (?:comment|reply)"
    r"|join the conversation"
    r"|download (?:the|our) app|listen to (?:this|the) article|skip to|back to top|continue reading"
    r"|поделиться|подписывайтесь|читайте также|реклама|комментарии)\b",
    re.IGNORECASE,
)
# A chrome line is a label or a call to action: a few words. Longer lines are article text.
MAX_CHROME_WORDS = 10
# Fragments like "|" or "•" left over from inline share bars.
_NO_WORD = re.compile(r"^\W*$")
_CAPTION_TOKEN = re.compile(
    r"^(?:wp-caption-text|caption|image-caption|photo-caption|img-caption|media-caption"
    r"|caption-text|figure-caption)$"
)
_CAPTION_XPATH = etree.XPath(
    "//figcaption | //@class[contains(., 'aption')]/.."
)
# A page whose whole "body" is link texts is a menu; past this many words it is judged an
# article whatever its links (no need to look).
MAX_LINK_PAGE_WORDS = 200
_LINKS_XPATH = etree.XPath("//a[normalize-space()]")
# A "caption" element holding more text than this is a wrapper, not a caption.
MAX_CAPTION_CHARS = 600


@dataclass(frozen=True)
class HtmlOptions:
    """How hard trafilatura works on a page (see its ``bare_extraction`` arguments)."""

    # skip the readability/jusText comparison stage: on the Scrapinghub benchmark it costs
    # about a quarter of the time and lowers F1 slightly (0.964 with it, 0.966 without)
    fast: bool = True
    favor_precision: bool = False
    favor_recall: bool = False
    # htmldate's extensive search scans the running text for date patterns, which may find an
    # event's date rather than the publication's: wirewatch never invents one, so it stays off.
    extensive_date_search: bool = False


DEFAULT_OPTIONS = HtmlOptions()


def parse_html(
    html: str, *, url: str | None = None, options: HtmlOptions = DEFAULT_OPTIONS
) -> PageParts:
    """Split an HTML page into article paragraphs, metadata, captions and reader comments.

    Raises ``EmptyInputError`` when the page has no article text and ``BadInputError`` when
    the page cannot be read at all.
    """
    if not html or not html.strip():
        raise EmptyInputError("the HTML page is empty")
    _quiet_trafilatura()
    try:
        tree = _load_tree(html)
        captions = _take_captions(tree)
        comments = take_comments(tree)
        join_split_bodies(tree)
        meta = page_metadata(tree, url, extensive_date_search=options.extensive_date_search)
        document = _extract(tree, url or meta.url, options)
    except (BadInputError, MemoryError):  # MemoryError: the memory ceiling's, the caller's to report
        raise
    except Exception as err:  # lxml and trafilatura raise many types; the user needs one line
        reason = " ".join(str(err).split()) or type(err).__name__
        raise BadInputError(f"could not read the HTML page: {reason}") from err

    text = (getattr(document, "text", None) or "") if document is not None else ""
    leaked = {_key(c.text) for c in comments} | {_key(p) for c in comments
                                                 for p in c.text.split("\n\n")}
    leaked |= {_key(c) for c in captions}
    if meta.subtitle:  # the standfirst is metadata, not the first body paragraph
        leaked.add(_key(meta.subtitle))
    paragraphs = _body_paragraphs(text, meta.title, leaked)
    if not paragraphs or _only_links(paragraphs, tree):
        raise EmptyInputError(NO_TEXT_MESSAGE)
    return PageParts(
        paragraphs=paragraphs,
        title=meta.title,
        subtitle=meta.subtitle,
        byline=meta.author,
        published=meta.published,
        published_from=PUBLISHED_FROM if meta.published else None,
        url=url or meta.url,
        outlet=meta.sitename,
        language=meta.language,
        comments=comments,
        captions=captions,
    )


@cache
def _quiet_trafilatura() -> None:
    """Stop trafilatura's "discarding data" warnings reaching stderr unless logging is set up.

    Without any handler Python prints warnings through its last-resort handler; a NullHandler
    keeps them for applications that configure logging and silent for those that don't.
    """
    logging.getLogger("trafilatura").addHandler(logging.NullHandler())


def _load_tree(html: str) -> HtmlElement:
    from trafilatura.utils import load_html

    html = tame_markup(html)
    tree = load_html(html)
    if tree is None:
        # trafilatura refuses bare fragments ("<p>x</p>"); a wrapper makes them a page
        tree = load_html(f"<html><body>{html}</body></html>")
    if tree is None:
        raise BadInputError("could not read the HTML page: it does not look like HTML")
    return tree


def _extract(tree: HtmlElement, url: str | None, options: HtmlOptions) -> Any:
    from trafilatura import bare_extraction

    # comments are off: ours were cut from the tree already, and trafilatura's own comment
    # pruning is a second guard against leaks (#850)
    return bare_extraction(
        tree,
        url=url,
        include_comments=False,
        include_tables=True,
        with_metadata=False,  # page_metadata reads only the fields we keep
        fast=options.fast,
        favor_precision=options.favor_precision,
        favor_recall=options.favor_recall,
    )


def _body_paragraphs(text: str, title: str | None, leaked: set[str]) -> list[str]:
    title_key = _key(title) if title else None
    out: list[str] = []
    for line in text.split("\n"):
        paragraph = " ".join(line.split())
        if not paragraph or _NO_WORD.match(paragraph):
            continue
        key = _key(paragraph)
        if key in leaked or key == title_key or _is_chrome(paragraph):
            continue
        out.append(paragraph)
    return out


def _only_links(paragraphs: list[str], tree: HtmlElement) -> bool:
    """True when every paragraph is the whole text of a link: a menu, not an article.

    Dropping single link lines inside an article costs more than it gains (short link lines
    are often part of the text), so this only judges the page as a whole.
    """
    if sum(len(p.split()) for p in paragraphs) > MAX_LINK_PAGE_WORDS:
        return False
    links = _link_texts(tree)
    return all(_key(p) in links for p in paragraphs)


def _link_texts(tree: HtmlElement) -> set[str]:
    """Keys of the page's link texts: a paragraph that is one whole link is navigation."""
    return {_key(link.text_content()) for link in _LINKS_XPATH(tree)}


def _is_chrome(paragraph: str) -> bool:
    return len(paragraph.split()) <= MAX_CHROME_WORDS and _CHROME.match(paragraph) is not None


def _key(text: str) -> str:
    """Comparison key: case and punctuation do not make a paragraph different."""
    return " ".join(re.findall(r"\w+", text.lower()))


def _take_captions(tree: HtmlElement) -> list[str]:
    """Read photo captions out of the tree and remove them, keeping any text after them."""
    found = [
        el for el in _CAPTION_XPATH(tree)
        if el.tag == "figcaption"
        or any(_CAPTION_TOKEN.match(t) for t in (el.get("class") or "").lower().split())
    ]
    seen = set(found)
    captions: list[str] = []
    for el in found:
        if el.getparent() is None or any(a in seen for a in el.iterancestors()):
            continue
        caption = " ".join(el.text_content().split())
        if len(caption) > MAX_CAPTION_CHARS:
            continue
        if caption and caption not in captions:
            captions.append(caption)
        remove_keeping_tail(el)
    return captions


__all__ = ["NO_TEXT_MESSAGE", "PUBLISHED_FROM", "parse_html"]
