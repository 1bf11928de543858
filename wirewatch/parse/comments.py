"""Reader comments in plain-text pages: find where they start and parse them.

A copied comment section looks like::

      1. Raptar Driver says

        How about telling the US ...

        1. ken says

          Agreed...

A header line names the author ("Name says", "Name wrote:", "Name пишет"), optionally numbered;
replies are indented deeper than the comment they answer. Lines such as "Reply", "Like" or
"July 17, 2021 at 9:15 am" are comment chrome, not comment text.

Other layouts name the author with a time stamp instead of a verb, as a header above the text
("Азамат, 18.06.2026 17:05", "Anna | June 5, 2020 at 3:15 pm", with "ответ пользователю X" or
"in reply to X" naming the parent) or as a footer under it ("Posted by Paul on January 6, 2008
2:09 PM | Report this comment"). Which of the two a section uses is read from the section
itself: when its first text line is a stamp, stamps are headers; otherwise they are footers.
A section under a "Comments" heading in which no author line is recognised still keeps its text,
one comment per block with no author, rather than losing it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wirewatch.model import Comment
from wirewatch.parse.boilerplate import ParagraphKind, classify
from wirewatch.resources.lexicon import COMMENT_HEADER_VERBS, COMMENT_POSTED_BY

_HEADER = re.compile(
    r"""^(?P<indent>[ \t]*)(?:(?P<number>\d{1,4})[.)]\s+)?
        (?P<author>[^\s].{0,60}?)\s+
        (?:"""
    + "|".join(COMMENT_HEADER_VERBS)
    + r""")
        \s*:?\s*$""",
    re.VERBOSE | re.IGNORECASE,
)
_SECTION_START = re.compile(
    r"^\s*(?:\d+\s+)?(?:comments?|reader\ comments|responses?|discussion|комментарии)"
    r"(?:\s*\(\d+\))?\s*:?\s*$",
    re.IGNORECASE | re.VERBOSE,
)
_COMMENT_CHROME = re.compile(
    r"^\s*(?:reply|report|like|share|flag|ответить|пожаловаться|\d+\s+likes?|log in to reply"
    r"|report this comment|report abuse)\s*$"
    r"|^\s*(?:on\s+)?(?:[A-Z][a-z]+ \d{1,2}, \d{4}|\d{1,2} [A-Za-zА-Яа-я]+ \d{4})"
    r"(?: at [\d:]+\s*[ap]?m?)?\s*$",
    re.IGNORECASE,
)
_PROSE_STARTS = {
    "he", "she", "it", "they", "we", "i", "you", "who", "which", "that", "this", "the", "a", "an",
    "his", "her", "their", "our", "its", "one", "some", "many", "officials", "sources",
    "он", "она", "они", "мы", "это", "источник",
}  # fmt: skip
_MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
          r"|(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*")
_WEEKDAY = (r"(?:mon|tue|wed|thu|fri|sat|sun|пн|вт|ср|чт|пт|сб|вс"
            r"|понедельник|вторник|сред|четверг|пятниц|суббот|воскресен)[a-zа-я]*\.?")
_CLOCK = r"(?:,?\s*(?:at|в)?\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)?"
_DATE = (rf"(?:\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}"
         rf"|\d{{1,2}}\s+(?:{_MONTH})\s+\d{{4}}|(?:{_MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})")
# "Name, 18.06.2026 17:05", "Name | June 5, 2020 at 3:15 pm, in reply to Anna",
# "Posted by Paul on January 6, 2008 2:09 PM | Report this comment".
_POSTED_BY = "|".join(COMMENT_POSTED_BY)
_STAMP = re.compile(
    rf"""^(?P<indent>[ \t]*)(?:(?P<number>\d{{1,4}})[.)]\s+)?
        (?P<posted>(?:{_POSTED_BY})\s+)?
        (?P<author>[^\s|,—–].{{0,60}}?)\s*(?:[,|—–-]\s*|\s(?:on|at)\s+|\s)
        (?:on\s+)?(?:{_WEEKDAY},?\s+)?{_DATE}{_CLOCK}(?:\s*[A-Z]{{2,4}}\b)?
        (?:\s*[,|]?\s*(?:ответ\ пользователю|ответ\ на\ комментарий|in\ reply\ to|replying\ to|reply\ to)
           \s+(?P<parent>[^|]{{1,60}}?))?
        \s*(?:\|?\s*(?:report\ this\ comment|reply|ответить|пожаловаться))?\s*$""",
    re.VERBOSE | re.IGNORECASE,
)
# A header must name a short author: at most this many words ("The Russian side says" is prose).
MAX_AUTHOR_WORDS = 4
# The longest author line, indentation aside: a 60-character name, a date and time, "in reply
# to" another 60-character name. A longer line is text; and _STAMP, tried on a line with a run of
# 50,000 tabs inside, backtracked over the run once per author length (40 s for one page).
MAX_HEADER_CHARS = 320
# Share of the page's text lines that must come before an unheaded comment section.
MIN_ARTICLE_SHARE = 0.5


@dataclass(frozen=True)
class CommentSection:
    """Where the comments begin (line index) and the comments found there."""

    start_line: int
    comments: list[Comment]


@dataclass(frozen=True)
class _Header:
    """An author line: who, how deep it is indented, whom it answers, and whether it is a footer
    ("Posted by ...", under the text) rather than a header."""

    author: str
    indent: int
    parent: str | None = None
    footer: bool = False


def _plausible_author(author: str) -> bool:
    words = author.split()
    if not words or len(words) > MAX_AUTHOR_WORDS or author.endswith((",", ":", ";")):
        return False
    # Prose such as "He says" or "The minister says" is not a comment header.
    return words[0].lower() not in _PROSE_STARTS and any(c.isalpha() for c in author)


def _header(line: str) -> _Header | None:
    """The line as a comment author line ("Name says", "Name, 18.06.2026 17:05"), else None."""
    if len(line.lstrip(" \t")) > MAX_HEADER_CHARS:
        return None  # no header is that long; and the patterns would backtrack over it
    match = _HEADER.match(line)
    if match:
        author = match.group("author").strip()
        if not _plausible_author(author):
            return None
        return _Header(author, len(match.group("indent").expandtabs(4)))
    match = _STAMP.match(line)
    if not match:
        return None
    author = match.group("author").strip()
    if not _plausible_author(author):
        return None
    parent = (match.group("parent") or "").strip() or None
    return _Header(author, len(match.group("indent").expandtabs(4)), parent,
                   footer=bool(match.group("posted")))


def find_comment_section(lines: list[str]) -> int | None:
    """Index of the first line of the reader-comment section, or None when there is none.

    The section starts at an explicit "Comments" heading, or at the first comment header that
    is followed by comment text, provided it lies after some article text.
    """
    seen_text = 0
    total_text = sum(1 for line in lines if line.strip())
    for index, line in enumerate(lines):
        if _SECTION_START.match(line) and seen_text:
            return index
        # Without a heading, comments come after the article: not in its first half.
        in_second_half = seen_text >= total_text * MIN_ARTICLE_SHARE
        header = _header(line) if in_second_half else None
        if header and header.footer:
            # "Posted by X on DATE" signs the text above it: the section starts at that text.
            return _block_start(lines, index)
        if header and _has_text_after(lines, index):
            return index
        if line.strip():
            seen_text += 1
    return None


def _block_start(lines: list[str], index: int) -> int:
    """First line of the blank-line separated block that ends just above ``index``."""
    start = index
    while start > 0 and not lines[start - 1].strip():
        start -= 1
    while start > 0 and lines[start - 1].strip():
        start -= 1
    return start


def _has_text_after(lines: list[str], index: int) -> bool:
    for line in lines[index + 1 : index + 6]:
        if line.strip():
            return not _header(line)
    return False


def _is_comment_text(line: str) -> bool:
    if not line.strip() or _SECTION_START.match(line) or _COMMENT_CHROME.match(line):
        return False
    # The reply form after the last comment ("Leave A Reply") is not comment text.
    return classify(line) is not ParagraphKind.CHROME


def _uses_footers(headers: list[_Header | None], lines: list[str]) -> bool:
    """Whether author lines sign the text above them: the section's first text line is no
    author line, or its author lines say "Posted by"."""
    for header, line in zip(headers, lines, strict=True):
        if header is not None:
            return header.footer
        if _is_comment_text(line):
            return True
    return False


def parse_comments(lines: list[str]) -> list[Comment]:
    """Comments (author, text, reply_to) from the lines of a comment section.

    ``reply_to`` is the comment an author line names as the parent ("ответ пользователю X",
    "in reply to X": X's latest comment), else the nearest earlier comment indented less.
    """
    headers = [_header(line) for line in lines]
    if not any(headers):
        return _unsigned_comments(lines)
    footers = _uses_footers(headers, lines)
    found: list[_Header | None] = []
    texts: list[list[str]] = []
    pending: list[str] = []
    for line, header in zip(lines, headers, strict=True):
        if header is not None:
            found.append(header)
            texts.append(pending if footers else [])
            pending = []
            continue
        if not line.strip():
            (pending if footers or not texts else texts[-1]).append("")
        elif _is_comment_text(line):
            (pending if footers or not texts else texts[-1]).append(line.strip())
    if footers and _join_comment_text(pending):
        found.append(None)  # text after the last signature: kept, author unknown
        texts.append(pending)
    return _assemble(found, texts)


def _unsigned_comments(lines: list[str]) -> list[Comment]:
    """A section with no author lines: one comment per block of text, so that none is lost."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if _is_comment_text(line):
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    return [Comment(author=None, text=" ".join(block)) for block in blocks if block]


def _parent(found: list[_Header | None], index: int) -> int | None:
    header = found[index]
    if header is None:
        return None
    if header.parent:
        named = header.parent.casefold()
        for earlier in range(index - 1, -1, -1):
            other = found[earlier]
            if other is not None and other.author.casefold() == named:
                return earlier
    for earlier in range(index - 1, -1, -1):
        other = found[earlier]
        if other is not None and other.indent < header.indent:
            return earlier
    return None


def _assemble(found: list[_Header | None], texts: list[list[str]]) -> list[Comment]:
    comments = [
        Comment(author=header.author if header else None, text=_join_comment_text(text_lines),
                reply_to=_parent(found, index))
        for index, (header, text_lines) in enumerate(zip(found, texts, strict=True))
    ]
    parents = [comment.reply_to for comment in comments]
    kept = [comment for comment in comments if comment.text]
    return _renumber_parents(kept, [[c.text] for c in comments], parents)


def _join_comment_text(lines: list[str]) -> str:
    """Comment lines to text: blank lines separate paragraphs."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


def _renumber_parents(
    comments: list[Comment],
    texts: list[list[str]],
    parents: list[int | None],
) -> list[Comment]:
    """Comments with empty text were dropped: map reply_to onto the kept list's indices."""
    kept = [i for i, lines in enumerate(texts) if _join_comment_text(lines)]
    if len(kept) == len(texts):
        return comments
    new_index = {old: new for new, old in enumerate(kept)}
    out = []
    for comment, old in zip(comments, kept, strict=True):
        parent = parents[old]
        while parent is not None and parent not in new_index:
            parent = parents[parent]
        out.append(
            Comment(comment.author, comment.text, None if parent is None else new_index[parent])
        )
    return out
