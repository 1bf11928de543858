"""One typed settings object, read from the environment and an optional TOML file.

Every setting has a name, a default and help text; docs/operations.md lists them all and a test
fails when one is missing there. Nothing is read at import time: call ``load_settings()``.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

ENV_PREFIX = "WIREWATCH_"
CONFIG_FILE_ENV = "WIREWATCH_CONFIG"


def _setting(default: Any, help_text: str) -> Any:
    return field(default=default, metadata={"help": help_text})


class SettingsError(ValueError):
    """A setting has a value of the wrong type; the message names the setting and its source."""


@dataclass(frozen=True)
class Settings:
    max_mb: float = _setting(
        20.0, "Largest page (after decompression) that is analysed, in megabytes; larger "
        "inputs are reported as errors."
    )
    workers: int = _setting(
        1, "Processes that parse and annotate articles in parallel; each loads its own models "
        "(about 1 GB of memory each)."
    )
    batch_size: int = _setting(
        32, "Articles annotated together in one call (models run over a batch at once); results "
        "come out a batch at a time."
    )
    max_body_chars: int = _setting(
        300_000, "Longest article body annotated whole; a longer body is annotated on its first "
        "max_body_chars characters (cut at a paragraph or line break) and the output's skipped "
        "says which characters were not."
    )
    article_seconds: float = _setting(
        60.0, "Time budget for one article's annotation stages, in seconds; stages left when it "
        "is spent are skipped (a stage running over it is interrupted) and listed in skipped."
    )
    story_language: str = _setting(
        "en", "Language of story titles: a story is titled by its earliest article in this language "
        "(ISO 639-1 code), else by its earliest article."
    )
    story_embedder: str = _setting(
        "use-multilingual-v3", "Sentence encoder that places articles for story linking: "
        "use-multilingual-v3 or multilingual-e5-small (both ship in their packages; "
        "docs/benchmarks.md, section Stories, compares them)."
    )
    story_window_days: float = _setting(
        10.0, "A story whose latest article is more than this many days older than a new article "
        "does not take it in (a quiet story does not absorb a new event)."
    )
    link_assess_articles: int = _setting(
        40, "Most articles of one story that the store re-derives and re-assesses when an ingest "
        "touches the story (its earliest half and latest half of them); a larger story is assessed "
        "on those, so one huge story cannot make every ingest slow."
    )
    cache_dir: str = _setting(
        str(Path.home() / ".cache" / "wirewatch"),
        "Where derived indexes (the gazetteer index) are cached.",
    )
    data_dir: str = _setting(
        str(Path.home() / ".local" / "share" / "wirewatch"),
        "Where the default store (the SQLite file wirewatch.db) lives; created when missing.",
    )
    db: str = _setting(
        "", "The store's database URL (sqlite:///PATH or postgresql://USER@HOST/DB); empty: the "
        "SQLite file wirewatch.db in data_dir. Flag: --db.",
    )
    memory_mb: float = _setting(
        0.0, "Memory ceiling of each analysing process, in megabytes of address space beyond its "
        "loaded models (RLIMIT_AS, Linux); an article that needs more is reported as an error and "
        "the batch goes on. 0: no ceiling."
    )

    def __post_init__(self) -> None:
        if self.max_mb <= 0:
            raise SettingsError(f"setting 'max_mb' must be positive, got {self.max_mb}")
        if self.workers < 1:
            raise SettingsError(f"setting 'workers' must be at least 1, got {self.workers}")
        if self.max_body_chars < 1:
            raise SettingsError(f"setting 'max_body_chars' must be positive, got {self.max_body_chars}")
        if self.article_seconds <= 0:
            raise SettingsError(f"setting 'article_seconds' must be positive, got {self.article_seconds}")
        if self.story_window_days <= 0:
            raise SettingsError(f"setting 'story_window_days' must be positive, got {self.story_window_days}")
        if self.link_assess_articles < 2:
            raise SettingsError("setting 'link_assess_articles' must be at least 2, got "
                                f"{self.link_assess_articles}")
        if self.batch_size < 1:
            raise SettingsError(f"setting 'batch_size' must be at least 1, got {self.batch_size}")
        if self.memory_mb < 0:
            raise SettingsError(f"setting 'memory_mb' must be 0 (no ceiling) or more, got {self.memory_mb}")

    @property
    def max_bytes(self) -> int:
        return int(self.max_mb * 1_000_000)


def _coerce(name: str, value: Any, default: Any, source: str) -> Any:
    try:
        if isinstance(default, float):
            return float(value)
        if isinstance(default, int):
            return int(value)
    except (TypeError, ValueError) as exc:
        raise SettingsError(
            f"setting {name!r} from {source} must be a number, got {value!r}"
        ) from exc
    return str(value)


def load_settings(config_file: str | Path | None = None, **overrides: Any) -> Settings:
    """Settings from defaults < TOML file < WIREWATCH_* environment < explicit overrides."""
    values: dict[str, Any] = {}
    path = config_file or os.environ.get(CONFIG_FILE_ENV)
    known = {f.name: f for f in fields(Settings)}
    if path:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise SettingsError(f"cannot read settings file {path}: {exc}") from exc
        for key, value in data.get("wirewatch", data).items():
            if key not in known:
                raise SettingsError(f"unknown setting {key!r} in {path}; known: {', '.join(known)}")
            values[key] = _coerce(key, value, known[key].default, str(path))
    for name, spec in known.items():
        env_value = os.environ.get(ENV_PREFIX + name.upper())
        if env_value is not None:
            values[name] = _coerce(name, env_value, spec.default, ENV_PREFIX + name.upper())
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)


def describe_settings() -> list[tuple[str, str, str]]:
    """(name, default, help) for every setting, for docs and `--help`."""
    return [(f.name, str(f.default), f.metadata["help"]) for f in fields(Settings)]
