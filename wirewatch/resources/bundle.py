"""``Resources``: everything the stages read, built once from ``Settings`` and handed to them.

The outlet catalogue, the gazetteer, the NLP models and the cue lexicon. Stages get what they
need in their constructors (``annotate/default.py`` builds the default list from a
``Resources``); no stage loads or builds a resource of its own. A process-pool worker gets the
``Settings`` and builds its own ``Resources`` once.

Models load lazily, once per process and per language (a run over English articles never loads
natasha). The gazetteer is opened on first use; when its index is missing it is built then,
with one line on stderr (``wirewatch setup`` builds it ahead of time).
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import TextIO

from wirewatch.geo.gazetteer import Gazetteer, cache_path, open_gazetteer
from wirewatch.resources import lexicon
from wirewatch.resources.article_parse import ArticleParser
from wirewatch.resources.nlp import NlpModels
from wirewatch.resources.outlets import OutletCatalog, default_catalog
from wirewatch.settings import Settings, load_settings


class Resources:
    """The resources of one process, built from one ``Settings``."""

    def __init__(
        self,
        settings: Settings,
        catalog: OutletCatalog,
        nlp: NlpModels,
        *,
        progress: TextIO | None = sys.stderr,
    ) -> None:
        self.settings = settings
        self.catalog = catalog
        self.nlp = nlp
        # The cue words: module constants, compiled into the extractors' patterns when those
        # modules load. Held here so that stages and the provenance fingerprint reach them the
        # same way as the other resources.
        self.lexicon: ModuleType = lexicon
        self.parser = ArticleParser(nlp)
        self._progress = progress
        self._gazetteer: Gazetteer | None = None

    @property
    def gazetteer_path(self) -> str:
        return str(cache_path(self.settings.cache_dir))

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer under the ``cache_dir`` setting, opened (and built if missing, saying
        so) on first use."""
        if self._gazetteer is None:
            self._gazetteer = open_gazetteer(cache_path(self.settings.cache_dir), self._progress)
        return self._gazetteer

    def outlet_country(self, outlet: str) -> str | None:
        """The ISO country of an outlet the catalogue knows by that name."""
        found = self.catalog.lookup(outlet)
        return found.country if found else None


def build_resources(settings: Settings | None = None, *, progress: TextIO | None = sys.stderr) -> Resources:
    """The resources for ``settings`` (default: ``load_settings()``). Cheap: the catalogue is
    read now, models and the gazetteer on first use."""
    return Resources(settings or load_settings(), default_catalog(), NlpModels(), progress=progress)
