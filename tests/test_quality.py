"""The code stays ruff- and mypy-clean, the public API is what __all__ says, settings are documented."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import wirewatch
from wirewatch.settings import describe_settings

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / tool), *args], cwd=REPO, capture_output=True, text=True)


def test_ruff_is_clean() -> None:
    result = _run("ruff", "check", "wirewatch", "tests", "bench")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    result = _run("mypy", "wirewatch", "bench", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


def test_public_api_is_exported() -> None:
    for name in wirewatch.__all__:
        assert hasattr(wirewatch, name), name


def test_every_setting_is_documented() -> None:
    operations = (REPO / "docs" / "operations.md").read_text(encoding="utf-8")
    for name, _default, help_text in describe_settings():
        assert f"`{name}`" in operations, f"setting {name} is missing from docs/operations.md"
        assert f"WIREWATCH_{name.upper()}" in operations
        assert help_text


def test_cli_help_in_readme_is_current() -> None:
    """Every subcommand of the CLI appears in the README's tour."""
    from wirewatch.cli import build_parser

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command")
    for name in commands.choices:  # type: ignore[union-attr]
        assert f"wirewatch {name}" in readme, name


def test_benchmarks_doc_is_current() -> None:
    """docs/benchmarks.md is assembled from bench/results/*.md: regenerate it after a bench run."""
    from bench.report import DOC, render

    assert DOC.read_text(encoding="utf-8") == render(), "run: python -m bench.report"
