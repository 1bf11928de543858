"""Reader comments in layouts whose markup never says "comment" (issue 11: comments that leak).

Each page holds a made-up article and three made-up comments in one older layout: a flat run of
paragraphs closed by "Posted by ... | Report this comment" lines, signature-first posts, post
blocks, a table of posts, two-row forum posts, nested forum replies; before or after the
article, in the article's own container (where trafilatura keeps them). The comments must be
cut from the body and kept apart with their authors, and every article paragraph must stay.
Dated lists that are not comments (related links, a timeline table, a live blog) must stay
where they are.
"""

from __future__ import annotations

import hashlib
import tarfile
from pathlib import Path

import pytest

from bench.comments import load, page_scores, split_gold, split_of
from wirewatch.parse.html import parse_html
from wirewatch.parse.html_comment_signatures import signature_author

BODY = [
    "The county library in Ballina will stay open on Sundays from next month, the council said "
    "on Wednesday after a petition signed by more than two thousand residents.",
    "Opening on Sundays will cost about 40,000 euros a year, paid from the arts budget, and the "
    "library will hire two part-time staff to cover the extra hours.",
    "The head librarian, Nora Keane, said students had asked for a quiet place to study at "
    "weekends ever since the old reading room in the town hall was closed.",
]
COMMENTS = [
    ("Declan", "Great news for the students, the reading room closing was a real loss to us."),
    ("Mary from Crossmolina", "Will the children's section be staffed on Sundays as well?"),
    ("B. Walsh", "Forty thousand a year is cheap for what the town gets back from this, well done."),
]


def _sig(i: int, author: str) -> str:
    return (f'Posted by <a href="/u/{i}">{author}</a> on March {i + 4}, 2008 9:1{i} PM | '
            '<a href="#r">Report this comment</a>')


def _page(article_and_comments: str) -> str:
    return ("<html><head><title>Ballina library to open on Sundays</title></head><body>"
            f'<div id="nav"><a href="/">Home</a> <a href="/news">News</a></div>'
            f"{article_and_comments}</body></html>")


def _article(inner: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY)
    return f'<div id="main"><h1>Ballina library to open on Sundays</h1>{paragraphs}{inner}</div>'


def _flat_footers(heading: str = "<h3>Comments</h3>") -> str:
    return heading + "".join(f"<p>{text}</p><p>{_sig(i, a)}</p>"
                             for i, (a, text) in enumerate(COMMENTS))


LAYOUTS = {
    "flat run after a heading, inside the article's container": _article(_flat_footers()),
    "flat run without a heading": _article(_flat_footers("")),
    "comments before the article": f'<div id="side">{_flat_footers()}</div>{_article()}',
    "post blocks with a small signature": _article(
        "<b>3 Responses</b>" + "".join(f"<div><p>{t}</p><small>{_sig(i, a)}</small></div>"
                                       for i, (a, t) in enumerate(COMMENTS))),
    "signature first, then the words": _article(
        "<h4>Reader comments</h4>" + "".join(
            f"<p><b>{a}</b> said on March {i + 4}, 2008 at 9:1{i} pm:</p><p>{t}</p>"
            for i, (a, t) in enumerate(COMMENTS))),
    "table of posts under a heading": _article(
        "<h3>Comments (3)</h3><table>" + "".join(
            f"<tr><td><b>{a}</b><br>Mar {i + 4}, 2008 21:1{i}</td><td>{t}</td></tr>"
            for i, (a, t) in enumerate(COMMENTS)) + "</table>"),
    "forum rows: name and date, then the post": _article(
        "<table>" + "".join(
            f"<tr><td>{a}</td><td>Posted: Tue Mar {i + 4}, 2008 9:1{i} pm</td></tr>"
            f"<tr><td colspan=2>{t}</td></tr>" for i, (a, t) in enumerate(COMMENTS))
        + "</table>"),
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_comments_are_cut_from_the_body_and_kept_apart(layout: str) -> None:
    parts = parse_html(_page(LAYOUTS[layout]))
    body = "\n".join(parts.paragraphs)
    for _, text in COMMENTS:
        assert text[:50] not in body
    for paragraph in BODY:
        assert paragraph in parts.paragraphs
    assert [(c.author, c.text) for c in parts.comments] == COMMENTS
    assert "Report this comment" not in body and "Posted by" not in body


def test_nested_forum_replies_answer_their_post() -> None:
    (a1, t1), (a2, t2), (a3, t3) = COMMENTS
    thread = (f"<ul><li><p>{a1} wrote on 04.03.2008 21:10:</p><p>{t1}</p>"
              f"<ul><li><p>{a2} wrote on 04.03.2008 22:15:</p><p>{t2}</p></li></ul></li>"
              f"<li><p>{a3} wrote on 05.03.2008 08:02:</p><p>{t3}</p></li></ul>")
    for page in (_article(thread), thread + _article()):
        parts = parse_html(_page(page))
        assert [(c.author, c.text, c.reply_to) for c in parts.comments] == [
            (a1, t1, None), (a2, t2, 0), (a3, t3, None)]
        assert all(p in parts.paragraphs for p in BODY)
        assert not any(t[:40] in "\n".join(parts.paragraphs) for _, t in COMMENTS)


def test_russian_posts_with_the_name_and_date_inline_before_the_words() -> None:
    # the signature is text around a <span> inside the post's own block, not a block of its own
    posts = [("Гость", "Наконец-то, набережная давно разваливается, гулять там опасно."),
             ("Айгуль", "А деревья опять вырубят? В прошлый раз так и было, никто не спросил.")]
    thread = "<h3>Комментарии (2)</h3>" + "".join(
        f'<div><span>{a}</span>, {12 + i} мая 2010 в 14:3{i}<p>{t}</p><a href="#">Ответить</a>'
        "</div>" for i, (a, t) in enumerate(posts))
    parts = parse_html(_page(_article(thread)))
    assert [(c.author, c.text) for c in parts.comments] == posts
    body = "\n".join(parts.paragraphs)
    assert all(p in body for p in BODY)
    assert "мая 2010" not in body and "Ответить" not in body and "деревья" not in body


def _dated_list_pages() -> dict[str, str]:
    teasers = "".join(
        f'<li><a href="/n{i}">Council approves the harbour budget for {2008 + i}</a> '
        f"<span>January {i + 6}, 2008</span><p>The council voted on Monday to approve the "
        "harbour budget after a long debate.</p></li>" for i in range(3))
    timeline = "<table>" + "".join(
        f"<tr><td>June {i + 3}, 2021 10:0{i}</td><td>Engineers inspected pile number {i} and "
        "found rot in the timber below the waterline.</td></tr>" for i in range(3)) + "</table>"
    live = "".join(
        f'<div class="entry"><p class="time">14:0{i}</p><p>The harbour master says boats '
        f"from berth {i} have been moved to the inner basin.</p></div>" for i in range(3))
    return {"related links": f"<h3>Related stories</h3><ul>{teasers}</ul>",
            "timeline table": timeline, "live blog": live}


@pytest.mark.parametrize("kind", _dated_list_pages())
def test_dated_lists_that_are_not_comments_stay(kind: str) -> None:
    parts = parse_html(_page(_article(_dated_list_pages()[kind])))
    assert parts.comments == []
    body = "\n".join(parts.paragraphs)
    assert all(p in body for p in BODY)
    kept = {"related links": "harbour budget", "timeline table": "pile number 2",
            "live blog": "from berth 2"}
    assert kept[kind] in body


@pytest.mark.parametrize(("line", "author"), [
    ("Posted by: Paul | January 6, 2008 2:09 PM", "Paul"),
    ("Posted by Paul on January 6, 2008 2:09 PM Report this comment", "Paul"),
    ("jackienoriega July 7, 2012 at 12:27 am", "jackienoriega"),
    ("Anna Petrova on 06.01.2008 14:09 said:", "Anna Petrova"),
    ("Posted: Sun Jan 06, 2008 2:09 pm", None),
    ("January 6, 2008 at 2:09 pm", None),
])
def test_signature_author(line: str, author: str | None) -> None:
    assert signature_author(line) == author


# --- the benchmark's reading of the Dragnet layout ------------------------------------------

MARKER = "!@#$%^&*()  COMMENTS"


def _dragnet_files(html_page: str) -> dict[str, tuple[str, str]]:
    gold = "\n\n".join(BODY) + f"\n\n{MARKER}\n\n" + "\n\n".join(
        f"{a} March 4, 2008\n{t}" for a, t in COMMENTS)
    return {
        "A1.html": (html_page, gold),
        # a hand-typed variant of the marker (one space) still splits
        "B2.html": (html_page, gold.replace(MARKER, "!@#$%^&*() COMMENTS")),
        "C3.html": (html_page, "\n\n".join(BODY)),  # no comments: not scored
    }


def test_benchmark_reads_folders_and_archives_alike(tmp_path: Path) -> None:
    files = _dragnet_files(_page(_article(_flat_footers())))
    folder = tmp_path / "folders"
    (folder / "HTML").mkdir(parents=True)
    (folder / "Corrected").mkdir()
    for name, (html, gold) in files.items():
        (folder / "HTML" / name).write_text(html, encoding="utf-8")
        (folder / "Corrected" / f"{name}.corrected.txt").write_text(gold, encoding="utf-8")
    clone = tmp_path / "clone"
    clone.mkdir()
    for archive, sub in (("dragnet_HTML.tar.gz", "HTML"), ("dragnet_Corrected.tar.gz",
                                                          "Corrected")):
        with tarfile.open(clone / archive, "w:gz") as tar:
            tar.add(folder / sub, arcname=sub)
    from_folders, counts = load(folder, "all", None)
    from_archives, _ = load(clone, "all", None)
    assert [p.name for p in from_folders] == ["A1.html", "B2.html"] == [
        p.name for p in from_archives]
    assert counts["gold_with_comments"] == 2
    assert from_folders[0].comments.strip().startswith("Declan")


def test_benchmark_metric_and_split() -> None:
    gold = "\n\n".join(BODY) + f"\n{MARKER}\n" + "\n\n".join(t for _, t in COMMENTS)
    parts = split_gold(gold)
    assert parts is not None
    from bench.comments import Page

    page = Page("x.html", "", *parts)
    assert page_scores(page, "\n".join(BODY)) == (0.0, 1.0)
    leak, recall = page_scores(page, "\n".join([*BODY, COMMENTS[0][1]]))
    assert 0.2 < leak < 0.5 and recall == 1.0
    assert page_scores(page, None) == (0.0, 0.0)
    assert split_gold("\n\n".join(BODY)) is None
    # the split is a property of the name alone, and both halves are used
    names = [f"R{i}.html" for i in range(40)]
    assert [split_of(n) for n in names] == [split_of(n) for n in names]
    assert {split_of(n) for n in names} == {"dev", "heldout"}
    assert split_of("R1.html") == ("dev", "heldout")[hashlib.sha1(b"R1.html").digest()[0] % 2]

