"""The layers' imports, read from the source (ast): parse and annotate never import each other,
and present never imports the runner, so that each can change (or run) without the other."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "wirewatch"


def imports_of(layer: str) -> dict[str, set[str]]:
    """Every module a layer's files import (at module level or inside functions), by file."""
    out: dict[str, set[str]] = {}
    root = PACKAGE / layer
    files = [root.with_suffix(".py")] if not root.is_dir() else sorted(root.rglob("*.py"))
    for path in files:
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
        out[str(path.relative_to(PACKAGE))] = names
    return out


def offenders(layer: str, forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{file} imports {name}"
        for file, names in imports_of(layer).items()
        for name in sorted(names)
        if any(name == f or name.startswith(f + ".") for f in forbidden)
    ]


def test_the_walk_sees_imports() -> None:
    # The check below is only worth something if the walk finds real imports.
    assert any("wirewatch.model" in names for names in imports_of("annotate").values())


def test_parse_does_not_import_annotate() -> None:
    assert offenders("parse", ("wirewatch.annotate",)) == []


def test_annotate_does_not_import_parse() -> None:
    assert offenders("annotate", ("wirewatch.parse",)) == []


def test_present_does_not_import_the_runner() -> None:
    assert offenders("present", ("wirewatch.analyze", "wirewatch.run")) == []


def test_assess_is_pure_over_its_inputs() -> None:
    """assess reads annotated articles and derivations (through a Protocol): it imports neither
    the store, nor link, nor the stages or the runner, so a store can call it per story."""
    forbidden = ("wirewatch.store", "wirewatch.link", "wirewatch.annotate", "wirewatch.parse",
                 "wirewatch.run")
    assert offenders("assess", forbidden) == []
