"""Assemble docs/benchmarks.md from each benchmark's own write-up in bench/results/*.md.

Each benchmark writes its section (figures beside the published ones, method) when it runs; this
puts them together under a summary of targets, so the docs always show the last measured figures.
`--check` fails when docs/benchmarks.md is out of date (run by the test suite).

Run: .venv/bin/python -m bench.report [--check]
"""

from __future__ import annotations

import argparse
import sys

from bench.common import REPO_ROOT, RESULTS_DIR

DOC = REPO_ROOT / "docs" / "benchmarks.md"
# Sections in the order of the data flow: parse, entities, where/when, who said what, who copied whom,
# whole job.
SECTIONS = ("changes", "extraction", "comments", "ner", "join_keys", "geoparsing", "tempeval", "attribution",
            "derivations", "pipeline", "throughput", "stories", "link_cost", "link_cost_sql", "desk_render")

HEADER = """# Benchmarks

Accuracy and speed are measured by the scripts in `bench/` on the public evaluation data in
`../shared/eval` (never copied into this repository), each next to the published figures for the
same data and metric. Every script prints its table, writes JSON to `bench/results/NAME.json` and
its write-up to `bench/results/NAME.md`; this page is assembled from those write-ups by
`python -m bench.report` (the test suite checks it is current). Timings come from the project's
2-core development machine, shared with other work while measured: compare rows of one table with
each other, not across machines.

Re-run everything: `make bench`.
"""


def render() -> str:
    parts = [HEADER]
    for name in SECTIONS:
        path = RESULTS_DIR / f"{name}.md"
        if path.exists():
            text = path.read_text(encoding="utf-8").strip()
            # Each write-up starts with its own top-level title; nest it under this page's.
            lines = text.splitlines()
            if lines and lines[0].startswith("# "):
                lines[0] = "#" + lines[0]
            parts.append("\n".join(lines))
        else:
            parts.append(f"## {name}\n\nNot measured yet: run `python -m bench.{name}`.")
    return "\n\n".join(parts) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if docs/benchmarks.md is stale")
    args = parser.parse_args()
    text = render()
    if args.check:
        current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
        if current != text:
            sys.exit("docs/benchmarks.md is out of date: run `python -m bench.report`")
        return
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC}")


if __name__ == "__main__":
    main()
