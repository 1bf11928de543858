"""Cue words live in the lexicon (``wirewatch/resources/lexicon.py``); every regex and word list
that needs them is built from it.

Regression: speech verbs were typed again in eight modules (citations, outlet cues, the outlet
catalogue, places, comment headers, speaker titles), each list a little different from the
others. This test reads the string literals of every other module (docstrings and comments
are free to quote examples) and fails on a canary cue word.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import wirewatch

PACKAGE = Path(wirewatch.__file__).parent
LEXICON = PACKAGE / "resources" / "lexicon.py"

# A few cue words in English and Russian, as whole words of a string literal (a regex or a word
# list): stems and forms that no string other than a cue list would hold.
_CANARIES = re.compile(
    r"(?<![\w])(?:said|says|told|reported|wrote|writes|according|citing|quoting"
    r"|заяви\w*|сообщи\w*|сообща\w*|сказа\w*|пишет|написал\w*|передаёт|передает"
    r"|словам|ссылкой)(?![\w])",
    re.IGNORECASE,
)

# Cue lists that hold a canary word for another reason, with the reason.
ALLOWED = {
    ("parse/html_comments.py", "says"): "a CSS class of comment markup (<span class='says'>)",
    ("annotate/entities/outlet_cues.py", "according"): "capitalised words that are no name",
}
_REGEX_SYNTAX = re.compile(r"[|\\]")
_WORD_LIST = re.compile(r"[\w'’-]+(?:\s+[\w'’-]+){2,}\s*")


def _cue_lists(tree: ast.Module) -> list[tuple[int, str]]:
    """The string literals of a module that can hold cue words: regexes (``|`` or ``\\``), word
    lists written as one string, and the strings of a set, list, tuple or dict of strings.
    Docstrings, prose (help text, messages) and lone strings (an enum's value) are left out."""
    bare = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Set | ast.List | ast.Tuple | ast.Dict):
            items = node.keys if isinstance(node, ast.Dict) else node.elts
            strings = [
                (i.lineno, i.value)
                for i in items
                if isinstance(i, ast.Constant) and isinstance(i.value, str)
            ]
            if len(strings) >= 2 and len(strings) == len(items):
                found += strings
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in bare
            and (_REGEX_SYNTAX.search(node.value) or _WORD_LIST.fullmatch(node.value))
        ):
            found.append((node.lineno, node.value))
    return found


def test_no_module_outside_the_lexicon_spells_a_cue_word() -> None:
    found: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == LEXICON:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, text in _cue_lists(tree):
            for match in _CANARIES.finditer(text):
                where = path.relative_to(PACKAGE).as_posix()
                if (where, match.group(0).lower()) not in ALLOWED:
                    found.append(f"{where}:{line}: {match.group(0)!r}")
    assert not found, "cue words outside resources/lexicon.py:\n" + "\n".join(found)


def test_the_canaries_catch_a_cue_word_in_a_regex_or_a_word_list() -> None:
    """The check above would pass vacuously if it read nothing."""
    source = (
        '"""A docstring: he said | she says."""\n'
        'X = re.compile(r"(?:said|заявил)")\n'
        'Y = frozenset({"told", "wrote"})\n'
        'Z = "the a an says"\n'
        'HELP = "Bad inputs are reported on stderr, one line each."\n'
        'KIND = "reported"\n'
    )
    texts = [text for _, text in _cue_lists(ast.parse(source))]
    assert sorted(texts) == sorted(["(?:said|заявил)", "told", "wrote", "the a an says"])
    words = [m.group(0) for text in texts for m in _CANARIES.finditer(text)]
    assert sorted(words) == sorted(["said", "заявил", "told", "wrote", "says"])
    assert _CANARIES.search(r"[Пп]о\s+словам") and _CANARIES.search(r"со\s+ссылкой\s+на")
