"""The fuzz runner: generates cases, feeds them to worker processes with a time and a memory limit
per input, tallies the outcomes and writes ``docs/reliability.md``.

    python -m tests.fuzz.runner --per-reader 10000 --stages 200 --report docs/reliability.md

A worker that does not answer within ``--timeout`` seconds is killed (the input is a hang) and a
fresh one started; a worker that dies is a crash. Failing inputs are saved under ``--keep`` with
their recipe, to rebuild and shrink by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import select
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from tests.fuzz.expect import expected_records
from tests.fuzz.mutate import READERS, Case, reader_case, stage_case

ROOT = Path(__file__).resolve().parents[2]
STATUSES = ("ok", "error", "crash", "hang", "memory", "loss", "garbled", "unclear")
FAILURES = ("crash", "hang", "memory", "loss", "garbled", "unclear")
TABLE_HEADER = ("| reader | inputs | ok | clear errors | crashes | hangs | memory | losses | garbled "
                "| unclear | slowest (s) | peak memory (MB) |")
# Models loading in a full worker may take this long on a busy machine.
STARTUP_TIMEOUT_S = 300


@dataclass
class Tally:
    reader: str
    counts: Counter[str] = field(default_factory=Counter)
    slowest: float = 0.0
    slowest_recipe: str = ""
    peak_mb: float = 0.0
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # status, detail, recipe

    def to_dict(self) -> dict[str, Any]:
        return {"reader": self.reader, "counts": dict(self.counts), "slowest": self.slowest,
                "slowest_recipe": self.slowest_recipe, "peak_mb": self.peak_mb,
                "failures": [list(f) for f in self.failures]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Tally:
        return cls(data["reader"], Counter(data["counts"]), data["slowest"], data["slowest_recipe"],
                   data["peak_mb"], [(s, d, r) for s, d, r in data["failures"]])

    @property
    def inputs(self) -> int:
        return sum(self.counts.values())

    def row(self) -> str:
        c = self.counts
        return (f"| {self.reader} | {self.inputs} | {c['ok']} | {c['error']} | {c['crash']} | {c['hang']} "
                f"| {c['memory']} | {c['loss']} | {c['garbled']} | {c['unclear']} | {self.slowest:.2f} "
                f"| {self.peak_mb:.0f} |")


class Worker:
    """One worker process, restarted after a hang or a death."""

    def __init__(self, mode: str, memory_mb: int, article_seconds: float = 60.0) -> None:
        self.mode, self.memory_mb, self.article_seconds = mode, memory_mb, article_seconds
        self.process: subprocess.Popen[str] | None = None

    def _start(self) -> subprocess.Popen[str]:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.fuzz.worker", self.mode, str(self.memory_mb),
             str(self.article_seconds)],
            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            text=True, env={**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"})
        if self._readline(process, STARTUP_TIMEOUT_S) is None:
            process.kill()
            raise RuntimeError(f"fuzz worker ({self.mode}) did not start")
        return process

    @staticmethod
    def _readline(process: subprocess.Popen[str], timeout: float) -> dict[str, Any] | None:
        stdout: IO[str] | None = process.stdout
        assert stdout is not None
        ready, _, _ = select.select([stdout], [], [], timeout)
        if not ready:
            return None
        line = stdout.readline()
        if not line:
            return {"status": "crash", "detail": f"worker died (exit {process.wait()})"}
        answer: dict[str, Any] = json.loads(line)
        return answer

    def ask(self, request: dict[str, Any], timeout: float) -> dict[str, Any]:
        if self.process is None or self.process.poll() is not None:
            self.process = self._start()
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        answer = self._readline(self.process, timeout)
        if answer is None:
            self.stop()
            return {"status": "hang", "detail": f"no answer in {timeout:.0f} s", "seconds": timeout}
        if "rss_mb" not in answer:  # died: start afresh next time
            self.stop()
        return answer

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


# Cases between two calls of run_cases' ``progress`` (a partial report of a long run).
PROGRESS_EVERY = 500


def run_cases(reader: str, cases: list[Case], worker: Worker, timeout: float, keep: Path | None,
              progress: Callable[[Tally], None] | None = None, every: int = PROGRESS_EVERY) -> Tally:
    tally = Tally(reader)
    with tempfile.TemporaryDirectory(prefix="wirewatch-fuzz-") as scratch:
        for number, case in enumerate(cases):
            path = Path(scratch, f"{reader}-{number}{case.suffix}")
            path.write_bytes(case.data)
            expected = expected_records(case.data, case.suffix)
            answer = worker.ask({"path": str(path), "records": expected.records,
                                 "truncated": expected.truncated, "unreadable": expected.unreadable}, timeout)
            status = answer["status"]
            tally.counts[status] += 1
            seconds = float(answer.get("seconds", 0.0))
            if seconds > tally.slowest:
                tally.slowest, tally.slowest_recipe = seconds, f"{case.recipe} ({len(case.data)} bytes)"
            tally.peak_mb = max(tally.peak_mb, float(answer.get("rss_mb", 0.0)))
            if status in FAILURES:
                tally.failures.append((status, answer.get("detail", ""), case.recipe))
                if keep is not None:
                    keep.mkdir(parents=True, exist_ok=True)
                    stem = f"{status}-{reader}-{number}"
                    Path(keep, stem + case.suffix).write_bytes(case.data)
                    Path(keep, stem + ".recipe").write_text(f"{case.recipe}\n{answer.get('detail', '')}\n")
            path.unlink()
            if progress is not None and (number + 1) % every == 0 and number + 1 < len(cases):
                progress(tally)
    return tally


def report(tallies: list[Tally], note: str) -> str:
    """docs/reliability.md: the table (format checked by a test), then slowest inputs and failures."""
    lines = ["# Reliability: the fuzz suite", "",
             "Generated by `make fuzz` (`python -m tests.fuzz.runner`); do not edit by hand. Inputs are",
             "generated and mutated from the demo corpus and pages of our own (tests/fuzz/mutate.py) and",
             "run the way `wirewatch analyze -o` runs them, each under a time and a memory limit",
             "(tests/fuzz/worker.py). Targets: 0 crashes, 0 hangs, 0 silent losses, peak memory under",
             "2 GB, no input over 60 s.", "", note, "", TABLE_HEADER,
             "|" + "---|" * TABLE_HEADER.count(" | ") + "---|"]
    lines += [t.row() for t in tallies]
    lines += ["", "## Slowest input per reader", ""]
    lines += [f"- {t.reader}: {t.slowest:.2f} s: {t.slowest_recipe}" for t in tallies]
    lines += ["", "## Failures (first 5 per status and reader)", ""]
    for t in tallies:
        shown: Counter[str] = Counter()
        for status, detail, recipe in t.failures:
            shown[status] += 1
            if shown[status] <= 5:
                lines.append(f"- {t.reader} {status}: {detail[:160]} (recipe: {recipe[:160]})")
    if not any(t.failures for t in tallies):
        lines.append("- none")
    return "\n".join(lines) + "\n"


def fuzz(per_reader: int, stages: int, timeout: float, memory_mb: int, keep: Path | None,
         readers: tuple[str, ...] = READERS,
         done: Callable[[list[Tally]], None] | None = None) -> list[Tally]:
    """Every reader's cases, then the stage cases; ``done`` is called with the tallies so far
    after each (to write a partial report that a long run, stopped, still leaves behind)."""
    tallies: list[Tally] = []
    reader_worker = Worker("read", memory_mb)
    try:
        for reader in readers:
            cases = [reader_case(reader, n) for n in range(per_reader)]
            tallies.append(run_cases(reader, cases, reader_worker, timeout, keep,
                                     None if done is None else lambda t: done([*tallies, t])))
            print(tallies[-1].row(), file=sys.stderr, flush=True)
            if done is not None:
                done(tallies)
    finally:
        reader_worker.stop()
    if stages:
        # The per-article budget (setting article_seconds) bounds the page parse and, again, the
        # stages; the models' parse of the batch sits between them. A third of the per-input limit
        # each leaves the models' parse the last third: a user's limit is set the same way.
        stage_worker = Worker("full", memory_mb, timeout / 3)
        try:
            tallies.append(run_cases("stages", [stage_case(n) for n in range(stages)], stage_worker,
                                     timeout, keep, None if done is None else lambda t: done([*tallies, t]),
                                     every=20))
            print(tallies[-1].row(), file=sys.stderr, flush=True)
            if done is not None:
                done(tallies)
        finally:
            stage_worker.stop()
    return tallies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-reader", type=int, default=10_000)
    parser.add_argument("--stages", type=int, default=200, help="articles through the full pipeline")
    parser.add_argument("--readers", default=",".join(READERS))
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per input")
    parser.add_argument("--memory-mb", type=int, default=2000, help="address space one input may add")
    parser.add_argument("--keep", type=Path, default=None, help="save failing inputs here")
    parser.add_argument("--report", type=Path, default=None, help="write docs/reliability.md here")
    parser.add_argument("--note", default="", help="a line for the report (e.g. a reduced count)")
    parser.add_argument("--tallies", type=Path, default=None,
                        help="also save the tallies as JSON here (for --merge)")
    parser.add_argument("--merge", type=Path, nargs="+", default=None,
                        help="write --report from the --tallies files of runs split by reader, run no cases")
    args = parser.parse_args(argv)
    if args.merge:
        merged = [Tally.from_dict(t) for path in args.merge for t in json.loads(path.read_text())]
        if args.report:
            args.report.write_text(report(merged, args.note), encoding="utf-8")
        return 1 if any(t.counts[s] for t in merged for s in FAILURES) else 0
    started = time.monotonic()
    readers = tuple(r for r in args.readers.split(",") if r)
    planned = len(readers) + (1 if args.stages else 0)

    def write(tallies: list[Tally]) -> None:
        if args.tallies:
            args.tallies.write_text(json.dumps([t.to_dict() for t in tallies]), encoding="utf-8")
        if not args.report:
            return
        note = args.note or (f"{args.per_reader} inputs per reader and {args.stages} through every stage; "
                             f"{time.monotonic() - started:.0f} s in all.")
        if len(tallies) < planned or tallies[-1].inputs < (args.stages if tallies[-1].reader == "stages"
                                                           else args.per_reader):
            # a partial report, overwritten as the run goes on
            note += (" Partial: " + ", ".join(f"{t.reader} {t.inputs}" for t in tallies)
                     + f" inputs done of {planned} parts (the run was still going or was stopped).")
        args.report.write_text(report(tallies, note), encoding="utf-8")

    tallies = fuzz(args.per_reader, args.stages, args.timeout, args.memory_mb, args.keep, readers, write)
    return 1 if any(t.counts[s] for t in tallies for s in FAILURES) else 0


if __name__ == "__main__":
    sys.exit(main())
