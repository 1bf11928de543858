"""Shared fixtures: paths to the seeds and the evaluation data beside the repository."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


def shared_dir() -> Path:
    configured = os.environ.get("WIREWATCH_SHARED")
    return Path(configured) if configured else REPO_ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    if not path.is_dir():
        pytest.fail(f"shared data not found at {path}: set WIREWATCH_SHARED")
    return path


@pytest.fixture(scope="session")
def seeds_dir(shared: Path) -> Path:
    return shared / "corpus" / "seeds"


@pytest.fixture(scope="session")
def scoop_path(seeds_dir: Path) -> Path:
    """The machine-translated Kommersant scoop with reader comments and page chrome."""
    return seeds_dir / "000_75d49b24c4eb6244.txt"


@pytest.fixture(scope="session")
def rewrite_path(seeds_dir: Path) -> Path:
    """The wire rewrite of the scoop (FMT, citing Kommersant)."""
    return seeds_dir / "004_6c32ec5bf3dc3ad4.txt"


# The PostgreSQL cluster and the two-back-end store fixtures (tests/store_helpers.py).
pytest_plugins = ["tests.store_helpers"]
