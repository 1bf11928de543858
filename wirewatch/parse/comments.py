"""Reader comments in plain-text pages: find where they start and parse them.

A copied comment section looks like::

      1. Raptar Driver says

        How about telling the US ...

        1. ken says

          Agreed...

A header line names the author ("Name says", "Name wrote:", "Name пишет"), optionally numbered;
replies are indented deeper than the comment they answer. Lines such as "Reply", "Like" or
"July 17, 2021 at 9:15 am" are comment chrome, not comment text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wirewatch.model import Comment
from wirewatch.parse.boilerplate import ParagraphKind, classify
from wirewatch.resources.lexicon import COMMENT_HEADER_VERBS

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
    r"^\s*(?:reply|report|like|share|flag|ответить|пожаловаться|\d+\s+likes?|log in to reply)\s*$"
    r"|^\s*(?:on\s+)?(?:[A-Z][a-z]+ \d{1,2}, \d{4}|\d{1,2} [A-Za-zА-Яа-я]+ \d{4})"
    r"(?: at [\d:]+\s*[ap]?m?)?\s*$",
    re.IGNORECASE,
)
_PROSE_STARTS = {
    "he", "she", "it", "they", "we", "i", "you", "who", "which", "that", "this", "the", "a", "an",
    "his", "her", "their", "our", "its", "one", "some", "many", "officials", "sources",
    "он", "она", "они", "мы", "это", "источник",
}  # fmt: skip
# A header must name a short author: at most this many words ("The Russian side says" is prose).
MAX_AUTHOR_WORDS = 4
# Share of the page's text lines that must come before an unheaded comment section.
MIN_ARTICLE_SHARE = 0.5


@dataclass(frozen=True)
class CommentSection:
    """Where the comments begin (line index) and the comments found there."""

    start_line: int
    comments: list[Comment]


def _header(line: str) -> re.Match[str] | None:
    match = _HEADER.match(line)
    if not match:
        return None
    author = match.group("author").strip()
    if len(author.split()) > MAX_AUTHOR_WORDS or author.endswith((",", ":", ";")):
        return None
    # Prose such as "He says" or "The minister says" is not a comment header.
    if author.split()[0].lower() in _PROSE_STARTS:
        return None
    return match


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
        if _header(line) and in_second_half and _has_text_after(lines, index):
            return index
        if line.strip():
            seen_text += 1
    return None


def _has_text_after(lines: list[str], index: int) -> bool:
    for line in lines[index + 1 : index + 6]:
        if line.strip():
            return not _header(line)
    return False


def parse_comments(lines: list[str]) -> list[Comment]:
    """Comments (author, text, reply_to) from the lines of a comment section.

    ``reply_to`` is the index of the nearest earlier comment whose header is indented less.
    """
    comments: list[Comment] = []
    indents: list[int] = []
    authors: list[str | None] = []
    texts: list[list[str]] = []
    parents: list[int | None] = []
    for line in lines:
        header = _header(line)
        if header:
            indent = len(header.group("indent").expandtabs(4))
            parent = next((i for i in range(len(indents) - 1, -1, -1) if indents[i] < indent), None)
            indents.append(indent)
            authors.append(header.group("author").strip())
            texts.append([])
            parents.append(parent)
            continue
        if not texts or _SECTION_START.match(line) or _COMMENT_CHROME.match(line):
            continue
        if line.strip() and classify(line) is ParagraphKind.CHROME:
            # The reply form after the last comment ("Leave A Reply") is not comment text.
            continue
        texts[-1].append(line.strip())
    for author, text_lines, parent in zip(authors, texts, parents, strict=True):
        text = _join_comment_text(text_lines)
        if text:
            comments.append(Comment(author=author, text=text, reply_to=parent))
    return _renumber_parents(comments, texts, parents)


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
