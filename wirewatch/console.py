"""What a person at the terminal sees during a run: one line per failed input, warning and
duplicate, and a progress bar.

The bar goes to stderr, only when stderr is a terminal (never into a log file or a pipe) and not
with ``--quiet``; it appears once a run has lasted ``PROGRESS_DELAY_S``, so short runs stay
silent, and shows articles done and articles per second. Error lines are printed through the bar
so that they do not tear it.
"""

from __future__ import annotations

import time
from types import TracebackType
from typing import TextIO

from tqdm import tqdm

from wirewatch.errors import one_line
from wirewatch.model import AnnotatedArticle, Duplicate, InputError, InputWarning

# Runs shorter than this show no bar: it would only flash.
PROGRESS_DELAY_S = 3.0
# Always articles per second: tqdm's default turns a slow rate into seconds per article.
_BAR_FORMAT = "{desc}: {n_fmt} articles [{elapsed}, {rate_noinv_fmt}{postfix}]"


def progress_wanted(stream: TextIO, quiet: bool) -> bool:
    """A bar only for a person watching: not with --quiet, and only on a terminal."""
    if quiet:
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream is no terminal
        return False


class ConsoleSink:
    """A sink for the terminal: ``wirewatch: error: SOURCE: REASON`` lines (and ``warning:``, and
    ``info:`` for duplicates unless ``quiet``) and the progress bar.

    Use it as a context manager: the bar is cleared when the run ends, however it ends."""

    def __init__(self, stream: TextIO, show_progress: bool, quiet: bool = False) -> None:
        self.stream = stream
        self.quiet = quiet
        self.failed = 0
        self.bar: tqdm[None] | None = None
        self.started = time.monotonic()
        self.delay = PROGRESS_DELAY_S
        if show_progress:
            self.bar = tqdm(file=stream, unit=" articles", delay=self.delay, leave=False,
                            dynamic_ncols=True, desc="wirewatch", bar_format=_BAR_FORMAT)

    def article(self, doc: AnnotatedArticle) -> None:
        if self.bar is not None:
            self.bar.update()

    def error(self, error: InputError) -> None:
        self.failed += 1
        self._line(f"wirewatch: error: {error}")
        if self.bar is not None:
            self.bar.set_postfix(failed=self.failed, refresh=False)

    def warning(self, warning: InputWarning) -> None:
        self._line(f"wirewatch: warning: {warning}")

    def duplicate(self, duplicate: Duplicate) -> None:
        if not self.quiet:
            self._line(f"wirewatch: info: {duplicate}")

    def _line(self, line: str) -> None:
        # One input, one line: a source or reason holding a newline or a page of text is shown
        # escaped and cut (the JSON output keeps the reason whole).
        line = one_line(line)
        # Writing through the bar redraws it, so a short run's lines skip it: no bar before its delay.
        if self.bar is None or time.monotonic() - self.started < self.delay:
            print(line, file=self.stream)
            return
        self.bar.write(line, file=self.stream)

    def finish(self) -> None:
        self.close()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def __enter__(self) -> ConsoleSink:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
