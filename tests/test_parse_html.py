"""parse_html: main text, metadata, captions and reader comments kept apart (real trafilatura)."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from wirewatch.errors import BadInputError, EmptyInputError
from wirewatch.parse.html import NO_TEXT_MESSAGE, PUBLISHED_FROM, parse_html

BODY = [
    "The harbour authority in Westport said on Tuesday that the northern pier will close for "
    "six weeks while engineers replace the timber piles damaged in the spring storms.",
    "Fishing boats that use the pier will be moved to temporary moorings in the inner basin, "
    "according to a notice posted by the authority and seen by this newspaper.",
    "Local councillor Mary Doyle said the closure was overdue and that fishermen had complained "
    "about the rotten decking for at least two years before anything was done about it.",
    "The repair work is expected to cost about 1.2 million euros, paid for by the regional "
    "development fund, the notice said, and the pier should reopen in early September.",
]
CAPTION = "The northern pier at Westport, photographed in June by a harbour official."
COMMENTS = [
    ("Seamus", "About time too, the boards on that pier were a danger to every child in town."),
    ("Harbour Watcher", "Seamus, the boards were fine until the storm, the piles are the issue."),
    ("Seamus", "Fair point, but nobody checked the piles for a decade either, did they?"),
    ("Aoife K", "Where are the visiting yachts supposed to tie up for the regatta this summer?"),
]


def _wordpress_page() -> str:
    """A WordPress-style page: share bar, figure, nested replies in ol.children, reply form."""
    s, w, s2, a = COMMENTS

    def comment(number: int, author: str, text: str, depth: int, children: str = "") -> str:
        return (
            f'<li class="comment depth-{depth}" id="comment-{number}">'
            f'<article id="div-comment-{number}" class="comment-body">'
            '<footer class="comment-meta"><div class="comment-author vcard">'
            f'<img class="avatar" src="a.png"><b class="fn">{author}</b>'
            '<span class="says">says:</span></div>'
            f'<div class="comment-metadata"><a href="#comment-{number}"><time>July 14, 2021 at '
            "9:14 am</time></a></div></footer>"
            f'<div class="comment-content"><p>{text}</p></div>'
            f'<div class="reply"><a class="comment-reply-link" href="#">Reply</a></div>'
            f"</article>{children}</li>"
        )

    reply_to_reply = comment(3, s2[0], s2[1], 3)
    reply = comment(2, w[0], w[1], 2, f'<ol class="children">{reply_to_reply}</ol>')
    thread = comment(1, s[0], s[1], 1, f'<ol class="children">{reply}</ol>')
    thread += comment(4, a[0], a[1], 1)
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY[:2])
    paragraphs += f'<figure><img src="pier.jpg"><figcaption>{CAPTION}</figcaption></figure>'
    paragraphs += "".join(f"<p>{p}</p>" for p in BODY[2:])
    return f"""<!DOCTYPE html><html lang="en-GB"><head>
<title>Westport pier to close for repairs | The Western Gazette</title>
<meta property="og:site_name" content="The Western Gazette">
<meta property="og:title" content="Westport pier to close for repairs">
<meta name="author" content="Niamh Byrne">
<meta property="article:published_time" content="2021-07-13T08:30:00+00:00">
<link rel="canonical" href="https://gazette.example.org/2021/07/13/westport-pier/">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article class="post">
<h1 class="entry-title">Westport pier to close for repairs</h1>
<div class="byline">By <span class="author">Niamh Byrne</span></div>
<div class="entry-content">{paragraphs}</div>
<div class="sharedaddy"><h3>Share this:</h3><ul><li><a href="#">Twitter</a></li>
<li><a href="#">Facebook</a></li></ul></div>
</article>
<div id="comments" class="comments-area">
<h2 class="comments-title">4 thoughts on &ldquo;Westport pier to close for repairs&rdquo;</h2>
<ol class="comment-list">{thread}</ol>
<div id="respond" class="comment-respond"><h3 id="reply-title">Leave a Reply</h3>
<form><p>Your email address will not be published.</p><textarea></textarea></form></div>
</div></main>
<footer><p>Subscribe to our newsletter</p><p>&copy; 2021 The Western Gazette</p></footer>
</body></html>"""


def _comments_inside_article_page() -> str:
    """Generic comment blocks inside the article container, after the body."""
    blocks = "".join(
        f'<div class="comment"><div class="comment-header"><span class="comment-author">{a}'
        f'</span> <span class="comment-date">2 hours ago</span></div>'
        f'<div class="comment-text">{t}</div></div>'
        for a, t in COMMENTS[:2]
    )
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY)
    return f"""<html><head><title>Pier closure</title>
<meta property="og:locale" content="en_IE"></head><body>
<div class="article"><h1>Westport pier to close for repairs</h1>
<div class="article-body">{paragraphs}</div>
<div class="comments"><h3>Reader comments</h3>{blocks}</div>
</div></body></html>"""


def _body(parts_paragraphs: list[str]) -> str:
    return "\n\n".join(parts_paragraphs)


def test_wordpress_page_keeps_body_and_metadata() -> None:
    parts = parse_html(_wordpress_page())
    body = _body(parts.paragraphs)
    for paragraph in BODY:
        assert paragraph in parts.paragraphs
    assert body.index(BODY[0]) < body.index(BODY[3])  # reading order
    assert "Share this" not in body
    assert "Subscribe to our newsletter" not in body
    assert parts.title == "Westport pier to close for repairs"
    assert parts.byline == "Niamh Byrne"
    assert parts.published == "2021-07-13"
    assert parts.published_from == PUBLISHED_FROM
    assert parts.outlet == "The Western Gazette"
    assert parts.url == "https://gazette.example.org/2021/07/13/westport-pier/"
    assert parts.language == "en"


@pytest.mark.parametrize(
    "author",
    ["Редакция «Северной газеты»", "Служба новостей „Вечерний Порт“", "Отдел «Вести „Порта“»"],
)
def test_a_byline_keeps_the_closing_quotes_of_a_name(author: str) -> None:
    """A desk signed with its outlet's name in quotes keeps the closing mark that trafilatura's
    author normaliser strips as trailing punctuation (demo A05's «Олтин Водий»)."""
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY)
    html = (f'<html><head><meta name="author" content="{author}"></head>'
            f"<body><article><h1>Pier</h1>{paragraphs}</article></body></html>")
    assert parse_html(html).byline == author


def test_wordpress_comments_with_nested_replies() -> None:
    parts = parse_html(_wordpress_page())
    body = _body(parts.paragraphs)
    assert [(c.author, c.text) for c in parts.comments] == [
        COMMENTS[0], COMMENTS[1], COMMENTS[2], COMMENTS[3]
    ]
    # comment 2 answers 1, comment 3 answers 2, comment 4 starts a new thread
    assert [c.reply_to for c in parts.comments] == [None, 0, 1, None]
    for _, text in COMMENTS:
        assert text not in body
    assert "Leave a Reply" not in body
    assert "says:" not in " ".join(c.author or "" for c in parts.comments)


def test_caption_goes_to_captions_not_body() -> None:
    parts = parse_html(_wordpress_page())
    assert parts.captions == [CAPTION]
    assert CAPTION not in _body(parts.paragraphs)


def test_url_given_wins_over_canonical() -> None:
    parts = parse_html(_wordpress_page(), url="https://mirror.example.net/pier")
    assert parts.url == "https://mirror.example.net/pier"


def test_comments_inside_article_container_never_reach_the_body() -> None:
    parts = parse_html(_comments_inside_article_page())
    body = _body(parts.paragraphs)
    for paragraph in BODY:
        assert paragraph in body
    assert [(c.author, c.text) for c in parts.comments] == COMMENTS[:2]
    assert all(c.reply_to is None for c in parts.comments)
    for _, text in COMMENTS[:2]:
        assert text not in body
    assert "2 hours ago" not in body
    assert parts.language == "en"


def test_disqus_like_thread_with_replies() -> None:
    def post(author: str, text: str, children: str = "") -> str:
        return (
            f'<li class="post"><div class="post-content"><header><span class="author">'
            f'<a href="#">{author}</a></span></header><div class="post-body">'
            f'<div class="post-message"><p>{text}</p></div></div></div>{children}</li>'
        )

    (a1, t1), (a2, t2), (a3, t3), _ = COMMENTS
    thread = post(a1, t1, f'<ul class="children">{post(a2, t2)}</ul>') + post(a3, t3)
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY)
    html = (f"<html><body><article><h1>Pier</h1>{paragraphs}</article>"
            f'<div id="disqus_thread"><ul id="post-list" class="post-list">{thread}</ul></div>'
            "</body></html>")
    parts = parse_html(html)
    assert [(c.author, c.text, c.reply_to) for c in parts.comments] == [
        (a1, t1, None), (a2, t2, 0), (a3, t3, None)
    ]
    assert t2 not in _body(parts.paragraphs)


def test_page_without_comments_keeps_commentary_and_quotes() -> None:
    # "commentary" is a news section and "declined to comment" is article text
    sentence = ("A spokesman for the ministry declined to comment on the closure when asked by "
                "reporters on Tuesday evening, saying only that a statement would follow.")
    paragraphs = "".join(f"<p>{p}</p>" for p in [*BODY, sentence])
    html = (f'<html lang="ru-RU"><body><div class="commentary-section"><h1>Pier</h1>'
            f"<div class=\"story\">{paragraphs}</div></div></body></html>")
    parts = parse_html(html)
    assert parts.comments == []
    assert sentence in parts.paragraphs
    assert len(parts.paragraphs) == len(BODY) + 1
    assert parts.language == "ru"


def test_truncated_page_yields_the_text_before_the_cut() -> None:
    page = _wordpress_page()
    cut = page.index(BODY[2]) + 40  # in the middle of the third paragraph, tags left open
    parts = parse_html(page[:cut])
    body = _body(parts.paragraphs)
    assert BODY[0] in body
    assert BODY[1] in body
    assert BODY[3] not in body


def test_malformed_markup_still_yields_text() -> None:
    html = "<html><body><div><p>" + "</span><p><b>".join(BODY) + "</i></td></body>"
    parts = parse_html(html)
    assert BODY[-1] in _body(parts.paragraphs)


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>",
        "<html><head><title>Nothing here</title></head><body></body></html>",
    ],
)
def test_page_without_article_text_is_refused_clearly(html: str) -> None:
    with pytest.raises(EmptyInputError, match=NO_TEXT_MESSAGE):
        parse_html(html)


@pytest.mark.parametrize("html", ["", "   \n  "])
def test_empty_input_is_refused(html: str) -> None:
    with pytest.raises(EmptyInputError):
        parse_html(html)


@pytest.mark.parametrize("html", ["\x00\x01\x02\x03 binary", "<<<>>>", "<?xml version='1.0'?>"])
def test_junk_raises_only_wirewatch_errors(html: str) -> None:
    try:
        parse_html(html)
    except BadInputError as err:
        assert "\n" not in str(err)


# --- real pages from the Scrapinghub benchmark ------------------------------------------------

# page id prefix -> page furniture present in its HTML that must not reach the body
REAL_PAGES = {
    "8e3efab59f48": ("Leave a Reply",),  # ProFootballTalk article with 34 reader comments
    "ac3c03552046": ("said:",),  # GiveWell blog open thread with WordPress comments
    "c13b9c0e04fb": ("Subscribe to", "Sign up for", "Follow us"),  # Spokesman-Review story
}


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text))


@pytest.fixture(scope="module")
def scrapinghub(shared: Path) -> tuple[Path, dict[str, dict[str, str]]]:
    root = shared / "eval" / "extraction" / "scrapinghub"
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    return root, truth


@pytest.mark.parametrize("prefix", sorted(REAL_PAGES))
def test_real_page_body_present_and_chrome_absent(
    prefix: str, scrapinghub: tuple[Path, dict[str, dict[str, str]]]
) -> None:
    root, truth = scrapinghub
    key = next(k for k in truth if k.startswith(prefix))
    html = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8")
    expected = [p for p in truth[key]["articleBody"].split("\n") if len(p.split()) > 8]
    paragraphs = parse_html(html).paragraphs
    body = _key(" ".join(paragraphs))
    assert _key(expected[0]) in body
    assert _key(expected[-1]) in body
    for chrome in REAL_PAGES[prefix]:
        assert chrome in html  # the check only means something if the page has it
        assert chrome not in " ".join(paragraphs)


def test_real_page_comments_are_apart(scrapinghub: tuple[Path, dict[str, dict[str, str]]]) -> None:
    root, truth = scrapinghub
    key = next(k for k in truth if k.startswith("ac3c03552046"))
    html = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8")
    parts = parse_html(html)
    assert len(parts.comments) >= 5
    body = "\n\n".join(parts.paragraphs)
    assert all(c.text[:60] not in body for c in parts.comments)
    # names come out of "<strong>Name</strong> on <a>date</a> said:" boxes without the date
    assert all(c.author and " on " not in c.author for c in parts.comments)


def test_hostile_markup_never_reaches_the_body() -> None:
    """Scripts, styles, event handlers and javascript: frames are markup, not text; text that
    merely shows markup (escaped in the page) stays text, for the presentation layer to escape."""
    page = """<html><head><title>Talks resume</title><script>document.write("INJECTED-HEAD")</script>
    </head><body><article><h1>Talks resume</h1>
    <p>Officials from both countries met in Geneva on Monday to resume the talks, the ministry said.</p>
    <p><img src=x onerror="alert('INJECTED-ATTR')">The delegations agreed to meet again next month.</p>
    <script>alert("INJECTED-BODY")</script><style>p{color:red} /* INJECTED-STYLE */</style>
    <p>&lt;script&gt;alert(1)&lt;/script&gt; is what the protesters' banner said, they added.</p>
    <iframe src="javascript:alert('INJECTED-IFRAME')"></iframe></article></body></html>"""
    body = "\n\n".join(parse_html(page).paragraphs)
    assert "INJECTED" not in body and "onerror" not in body
    assert "The delegations agreed to meet again next month." in body
    assert "<script>alert(1)</script> is what the protesters' banner said" in body


def _split_body_page(teaser_text: str) -> str:
    """An article cut into two same-class containers with an ad row between, then teaser cards."""

    def part(paragraphs: list[str]) -> str:
        ps = "".join(f"<p>{p}</p>" for p in paragraphs)
        return f'<div class="grid"><div class="body article__body">{ps}</div><div class="rail"></div></div>'

    cards = "".join(
        f'<div class="card story-text"><p><a href="/s/{i}">{teaser_text} {i}</a></p></div>' for i in range(4)
    )
    return (
        "<html><head><title>Pier closes</title></head><body><main>"
        f"<h1>Pier closes</h1>{part(BODY[:2])}"
        '<div class="row ad"><span>Advertisement</span><div class="ad__slot"></div></div>'
        f"{part(BODY[2:])}</main><aside>{cards}</aside></body></html>"
    )


def test_article_split_over_sibling_containers_is_read_whole() -> None:
    parts = parse_html(_split_body_page("Another story about the harbour and its boats"))
    text = "\n".join(parts.paragraphs)
    for paragraph in BODY:
        assert paragraph[:60] in text, paragraph[:40]
    assert "Another story" not in text  # link cards share class words but are not joined


def test_join_split_bodies_leaves_link_lists_apart() -> None:
    from wirewatch.parse.html import _load_tree
    from wirewatch.parse.html_split_body import join_split_bodies

    tree = _load_tree(_split_body_page("A long teaser line about something else entirely " * 8))
    assert join_split_bodies(tree) == 1  # the two body parts, not the four link cards
    assert len(tree.xpath('//div[@class="card story-text"]')) == 4
