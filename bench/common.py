"""Helpers shared by the benchmarks: where the evaluation data lives, where results go."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = REPO_ROOT / "bench" / "results"


def shared_dir() -> Path:
    """The shared data folder: $WIREWATCH_SHARED, else ../shared beside the repository."""
    configured = os.environ.get("WIREWATCH_SHARED")
    path = Path(configured) if configured else REPO_ROOT.parent / "shared"
    if not path.is_dir():
        raise SystemExit(
            f"shared data not found at {path}: set WIREWATCH_SHARED to the folder holding eval/"
        )
    return path


def eval_dir(*parts: str) -> Path:
    return shared_dir().joinpath("eval", *parts)


def write_results(name: str, results: dict[str, Any]) -> Path:
    """Write a benchmark's results as JSON to bench/results/NAME.json and return the path."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
