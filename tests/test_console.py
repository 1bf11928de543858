"""The terminal side of a run: the progress bar only on a terminal and not with --quiet, and one
line per failed input. A real pseudo-terminal stands in for a person's terminal."""

from __future__ import annotations

import fcntl
import io
import os
import select
import struct
import termios
from collections.abc import Iterator
from typing import TextIO

import pytest

from wirewatch import console
from wirewatch.console import ConsoleSink, progress_wanted
from wirewatch.model import Duplicate, InputError, InputWarning


@pytest.fixture
def terminal() -> Iterator[tuple[TextIO, int]]:
    """The writing end of a pseudo-terminal as a text stream, and the fd to read what it shows."""
    controller, device = os.openpty()
    # A new pseudo-terminal is 0 columns wide, where a bar has no room; a person's has 80 or more.
    fcntl.ioctl(device, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    stream = open(device, "w", encoding="utf-8", closefd=True)  # noqa: SIM115 - closed below
    try:
        yield stream, controller
    finally:
        stream.close()
        os.close(controller)


def _shown(controller: int) -> str:
    chunks = []
    while select.select([controller], [], [], 0.2)[0]:
        chunks.append(os.read(controller, 65536))
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_only_on_a_terminal_and_not_quiet(terminal: tuple[TextIO, int]) -> None:
    stream, _ = terminal
    assert progress_wanted(stream, quiet=False)
    assert not progress_wanted(stream, quiet=True)
    assert not progress_wanted(io.StringIO(), quiet=False)  # a pipe or a log file


def test_a_closed_stream_is_no_terminal() -> None:
    stream = io.StringIO()
    stream.close()
    assert not progress_wanted(stream, quiet=False)


def test_errors_are_one_line_each_without_a_bar() -> None:
    stream = io.StringIO()
    with ConsoleSink(stream, show_progress=False) as sink:
        sink.error(InputError("a.html", "empty file"))
        sink.error(InputError("b.txt", "binary file (PDF)"))
        sink.finish()
    assert stream.getvalue().splitlines() == [
        "wirewatch: error: a.html: empty file", "wirewatch: error: b.txt: binary file (PDF)"]


@pytest.mark.parametrize("quiet", [False, True])
def test_warnings_and_duplicates_are_lines_too(quiet: bool) -> None:
    """Warnings are shown even with --quiet (like errors); duplicate notes are not."""
    stream = io.StringIO()
    with ConsoleSink(stream, show_progress=False, quiet=quiet) as sink:
        sink.warning(InputWarning("f.jsonl:3", "unknown field 'tags' ignored"))
        sink.duplicate(Duplicate("a1", "a1", 1.0, "b.txt", "a.txt", kept=False))
        sink.finish()
    lines = stream.getvalue().splitlines()
    assert lines[0] == "wirewatch: warning: f.jsonl:3: unknown field 'tags' ignored"
    if quiet:
        assert lines == lines[:1]
    else:
        assert lines[1].startswith("wirewatch: info: b.txt: duplicate of a.txt (id a1, similarity 1.00")


def test_the_bar_shows_articles_per_second_and_errors_on_a_terminal(
    terminal: tuple[TextIO, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(console, "PROGRESS_DELAY_S", 0.0)  # show at once instead of waiting
    stream, controller = terminal
    with ConsoleSink(stream, show_progress=True) as sink:
        sink.error(InputError("a.html", "empty file"))
        sink.finish()
    stream.flush()
    shown = _shown(controller)
    assert "articles/s" in shown
    assert "wirewatch: error: a.html: empty file" in shown


def test_no_bar_on_a_terminal_for_a_short_run(terminal: tuple[TextIO, int]) -> None:
    """A run that ends before PROGRESS_DELAY_S shows nothing but its error lines."""
    stream, controller = terminal
    with ConsoleSink(stream, show_progress=True) as sink:
        sink.error(InputError("a.html", "empty file"))
        sink.finish()
    stream.flush()
    shown = _shown(controller)
    assert "articles/s" not in shown and "wirewatch: error: a.html: empty file" in shown
