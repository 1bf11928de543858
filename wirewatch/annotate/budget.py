"""The work one article may cost the annotator: a size budget and a time budget.

Size: a body longer than ``max_body_chars`` is annotated on its first ``max_body_chars``
characters, cut at the last paragraph or line break before the limit (a sentence is never
split); the article keeps its whole body, and ``AnnotatedArticle.skipped`` says which part was
left unannotated. Time: the stages run against a deadline of ``article_seconds`` from the
article's first stage. The annotator checks it between stages, and on Unix, in the main
thread, a timer interrupts a stage still running at the deadline; a stage not run, or cut
short, is listed in ``skipped`` and the article keeps the stages done before it.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from wirewatch.model import Skipped

# What a ``Skipped`` entry for the unannotated end of an oversized body is called.
BODY_TAIL = "body tail"


@dataclass(frozen=True)
class Budget:
    """Per-article limits (``Settings.max_body_chars``, ``Settings.article_seconds``)."""

    max_body_chars: int = 300_000
    article_seconds: float = 60.0

    def __post_init__(self) -> None:
        if self.max_body_chars < 1 or self.article_seconds <= 0:
            raise ValueError(f"budget limits must be positive, got {self}")


class OverBudget(BaseException):
    """A stage ran past the article's deadline and was interrupted. A ``BaseException``, like
    ``KeyboardInterrupt``, so that no ``except Exception`` inside a stage swallows it."""


def body_cut(body: str, limit: int) -> int | None:
    """Where to cut ``body`` to annotate at most ``limit`` characters of it: after the last
    paragraph break, else line break, else space before the limit; None when it fits."""
    if len(body) <= limit:
        return None
    for mark in ("\n\n", "\n", " "):
        cut = body.rfind(mark, 0, limit)
        if cut > limit // 2:
            return cut
    return limit


def tail_skipped(body_length: int, cut: int, limit: int) -> Skipped:
    return Skipped(BODY_TAIL, f"body of {body_length:,} characters is over max_body_chars "
                              f"({limit:,}): characters {cut:,} to {body_length:,} were not annotated")


def time_skipped(stage: str, seconds: float, interrupted: bool) -> Skipped:
    if interrupted:
        return Skipped(stage, f"interrupted at the article's time budget (article_seconds {seconds:g})")
    return Skipped(stage, f"the article's time budget (article_seconds {seconds:g}) was spent "
                          "by earlier stages")


class Deadline:
    """The time left to one article's stages."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def passed(self) -> bool:
        return time.monotonic() >= self.end

    @contextmanager
    def enforced(self) -> Iterator[None]:
        """Raise ``OverBudget`` inside the block when the deadline passes, where a timer
        signal can do so (the main thread on Unix, with no other SIGALRM handler installed);
        elsewhere the block runs to its end and the deadline is checked between stages."""
        left = self.end - time.monotonic()
        usable = (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
                  and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None))
        if not usable or left <= 0:
            yield
            return

        def interrupt(signum: int, frame: object) -> None:
            raise OverBudget()

        signal.signal(signal.SIGALRM, interrupt)
        signal.setitimer(signal.ITIMER_REAL, left)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, signal.SIG_DFL)
