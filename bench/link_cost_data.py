"""Replicas of annotated PolNeAR articles, to fill a link state to any size (``bench/link_cost.py``).

The first ``count`` articles of ``../shared/eval/corpus/polnear_articles.jsonl`` (2015-2016 US
politics) are annotated by the default pipeline and embedded once (cached under the cache_dir
setting, ``bench/``). Article ``n`` of the fill is copy ``n // count`` of base article
``n % count``; copy 0 is the article itself, every other copy is changed lightly and
deterministically (its own random generator):

- dates: the publication date and every day-precision event date move ``SHIFT_DAYS`` per copy
  (plus 0-2 days), so the store spans years and each story's time window holds a few copies;
- names: each join key is swapped for another base article's key (``KEY_SWAP``) or becomes a name
  of this copy only (``KEY_NEW``), so the key vocabulary grows with the store as real names do;
- text: ``WORD_EDIT`` of the body's words are replaced (the MinHash of a copy is near, not equal);
- vector: Gaussian noise of ``NOISE`` per dimension, renormalised (cosine to the original ~0.93).

The annotated copy (for derive and assess) keeps the base's body and spans, with the copy's id,
dates and keys.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from bench.common import eval_dir
from wirewatch.ingest.jsonl import document_from_record
from wirewatch.link.embed import embed_articles
from wirewatch.link.stories import LinkInput, link_input
from wirewatch.model import AnnotatedArticle, Document
from wirewatch.resources.embeddings import USE_MULTILINGUAL, build_embedder
from wirewatch.run import default_pipeline, run
from wirewatch.settings import load_settings
from wirewatch.sinks import CollectingSink

CACHE = "link_cost_polnear"
SHIFT_DAYS = 21
KEY_SWAP = 0.15
KEY_NEW = 0.10
WORD_EDIT = 0.08
NOISE = 0.0175


@dataclass(frozen=True)
class Base:
    """One annotated base article, and what its copies are made of."""

    record: str  # the annotated article as JSON
    item: LinkInput
    words: tuple[str, ...]
    published: date


def _cache() -> Path:
    path = Path(load_settings().cache_dir) / "bench"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _documents(count: int) -> list[Document]:
    documents = []
    with eval_dir("corpus", "polnear_articles.jsonl").open(encoding="utf-8") as handle:
        for line in itertools.islice(handle, count):
            row = json.loads(line)
            record = document_from_record(
                {"id": f"polnear-{row['id']}", "outlet": row["publisher"].title(), "title": row["title"],
                 "text": row["text"], "language": "en", "published": row["date"]},
                f"polnear:{row['id']}")
            if isinstance(record, Document):
                documents.append(record)
    return documents


def _annotated(count: int, fresh: bool) -> list[str]:
    path = _cache() / f"{CACHE}.jsonl"
    if path.exists() and not fresh:
        lines = path.read_text("utf-8").splitlines()
        if len(lines) >= count:
            return lines[:count]
    sink = CollectingSink()
    run(_documents(count), sink, pipeline=default_pipeline())
    lines = [json.dumps(d.to_dict(), ensure_ascii=False) for d in sink.articles]
    path.write_text("".join(line + "\n" for line in lines), "utf-8")
    return lines


def load_base(count: int, fresh: bool = False) -> list[Base]:
    """The base articles (annotated and embedded once, then cached)."""
    records = _annotated(count, fresh)
    docs = [AnnotatedArticle.from_dict(json.loads(r)) for r in records]
    path = _cache() / f"{CACHE}.{USE_MULTILINGUAL}.npy"
    vectors = np.load(path) if path.exists() and not fresh else None
    if vectors is None or len(vectors) < len(docs):
        vectors = embed_articles(build_embedder(USE_MULTILINGUAL), docs)
        np.save(path, vectors)
    out = []
    for record, doc, vector in zip(records, docs, vectors, strict=False):
        published = date.fromisoformat((doc.article.published or "2016-01-01")[:10])
        out.append(Base(record, link_input(doc, vector), tuple(doc.article.body.split()), published))
    return out


@dataclass(frozen=True)
class Copy:
    """What a copy changes: its id, its day shift and its key renaming."""

    id: str
    shift: int
    keys: dict[str, str]


def _plan(bases: list[Base], n: int) -> tuple[Base, Copy, np.random.Generator]:
    base, copy = bases[n % len(bases)], n // len(bases)
    rng = np.random.default_rng(n)
    if copy == 0:
        return base, Copy(base.item.article_id, 0, {k: k for k in base.item.join_keys}), rng
    shift = copy * SHIFT_DAYS + int(rng.integers(0, 3))
    keys = {}
    for key in sorted(base.item.join_keys):
        roll = rng.random()
        if roll < KEY_SWAP:
            other = sorted(bases[int(rng.integers(0, len(bases)))].item.join_keys) or [key]
            keys[key] = other[int(rng.integers(0, len(other)))]
        elif roll < KEY_SWAP + KEY_NEW:
            keys[key] = f"{key} ~{copy}"
        else:
            keys[key] = key
    return base, Copy(f"{base.item.article_id}~{copy}", shift, keys), rng


def replica(bases: list[Base], n: int) -> tuple[LinkInput, str]:
    """Article ``n`` of the fill: what the linker reads, and the body its MinHash is taken of."""
    base, copy, rng = _plan(bases, n)
    item = base.item
    if copy.shift == 0:
        return item, " ".join(base.words)
    vector = np.asarray(item.vector, dtype=np.float32).reshape(-1)
    vector = vector + rng.normal(0.0, NOISE, size=vector.shape).astype(np.float32)
    vector /= np.linalg.norm(vector)
    words = list(base.words)
    for i in np.flatnonzero(rng.random(len(words)) < WORD_EDIT):
        words[int(i)] = f"w{int(rng.integers(0, 1_000_000))}"
    published = (base.published + timedelta(days=copy.shift)).isoformat()
    days = frozenset(d + copy.shift for d in item.event_days)
    return LinkInput(copy.id, vector, item.title, item.language, item.outlet, published,
                     frozenset(copy.keys.values()), days), " ".join(words)


def annotated(bases: list[Base], n: int) -> AnnotatedArticle:
    """Article ``n`` of the fill as an annotated article (the base's text and spans, the copy's id,
    dates and names)."""
    base, copy, _ = _plan(bases, n)
    data: dict[str, Any] = json.loads(base.record)
    if copy.shift:
        data["id"] = copy.id
        data["source"] = f"{data['source']}~{copy.id.rsplit('~', 1)[1]}"
        data["published"] = (base.published + timedelta(days=copy.shift)).isoformat()
        for entity in data["entities"]:
            if entity.get("join_key"):
                entity["join_key"] = copy.keys.get(entity["join_key"], entity["join_key"])
        for ref in data["times"]:
            value = ref.get("value") or ""
            try:
                moved = date.fromisoformat(value[:10]) + timedelta(days=copy.shift)
            except ValueError:
                continue
            ref["value"] = moved.isoformat() + value[10:]
    return AnnotatedArticle.from_dict(data)
