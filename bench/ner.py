"""English NER benchmark: the entities stage on CoNLL-2003 eng.testa, entity-level F1.

Run: ``.venv/bin/python -m bench.ner [--limit N]`` (N documents; default all 216).
Types are mapped person->PER, organization/outlet->ORG, place->LOC, other->MISC; a mention
counts when its character span and type match a gold entity exactly (conlleval's rule).
Two systems are scored: the full stage (titles stripped, NORP adjectives dropped, outlets,
canonical names) and spaCy's raw entities with NORP->MISC, for reference.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter

from bench.common import eval_dir, write_results
from wirewatch.annotate.entities import EntityAnnotator
from wirewatch.annotate.ner_en import EnglishNer

TYPE_MAP = {"person": "PER", "organization": "ORG", "outlet": "ORG", "place": "LOC", "other": "MISC"}
SPACY_MAP = {
    "PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "MISC",
    "EVENT": "MISC", "LAW": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC", "LANGUAGE": "MISC",
}  # fmt: skip
PUBLISHED = "spaCy en_core_web_sm 3.x: NER F 0.84-0.85 on OntoNotes (its own labels, not CoNLL)"

Span = tuple[int, int, str]


def read_conll(limit: int | None) -> list[tuple[str, set[Span]]]:
    """Documents as (text, gold spans): tokens joined by spaces, one sentence per line."""
    docs: list[tuple[str, set[Span]]] = []
    lines = (eval_dir("ner", "conll2003") / "eng.testa").read_text(encoding="utf-8").split("\n")
    text, gold = "", set()
    current: list[int | str] | None = None  # [start, end, type]

    def close() -> None:
        nonlocal current
        if current is not None:
            gold.add((int(current[0]), int(current[1]), str(current[2])))
            current = None

    for line in [*lines, "-DOCSTART- -X- -X- O"]:
        if line.startswith("-DOCSTART-"):
            close()
            if text.strip():
                docs.append((text, gold))
            text, gold = "", set()
            continue
        if not line.strip():
            close()
            if text and not text.endswith("\n"):
                text += "\n"
            continue
        token, *_, tag = line.split()
        if text and not text.endswith("\n"):
            text += " "
        start = len(text)
        text += token
        kind = tag[2:] if tag != "O" else None
        if kind is None or tag.startswith("B-") or (current is not None and current[2] != kind):
            close()
        if kind is not None:
            if current is None:
                current = [start, len(text), kind]
            else:
                current[1] = len(text)
    return docs[:limit] if limit else docs


def score(pred: Counter[str], gold: Counter[str], hit: Counter[str]) -> dict[str, float]:
    out: dict[str, float] = {}
    for label in sorted(set(gold) | {"ALL"}):
        tp = sum(hit.values()) if label == "ALL" else hit[label]
        np_ = sum(pred.values()) if label == "ALL" else pred[label]
        ng = sum(gold.values()) if label == "ALL" else gold[label]
        p = tp / np_ if np_ else 0.0
        r = tp / ng if ng else 0.0
        out[label] = round(2 * p * r / (p + r), 4) if p + r else 0.0
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="number of documents")
    args = parser.parse_args(argv)
    docs = read_conll(args.limit)
    stage, raw = EntityAnnotator(), EnglishNer()
    results: dict[str, dict[str, float]] = {}
    timings: dict[str, float] = {}
    for system in ("stage", "spacy_raw"):
        pred_n: Counter[str] = Counter()
        gold_n: Counter[str] = Counter()
        hits: Counter[str] = Counter()
        started = time.perf_counter()
        for text, gold in docs:
            if system == "stage":
                spans = {
                    (m.start, m.end, TYPE_MAP[str(e.type)])
                    for e in stage.entities(text, "en")
                    for m in e.mentions
                }
            else:
                spans = {(m.start, m.end, SPACY_MAP[m.source]) for m in raw(text) if m.source in SPACY_MAP}
            pred_n.update(t for *_, t in spans)
            gold_n.update(t for *_, t in gold)
            hits.update(t for *_, t in spans & gold)
        timings[system] = round(time.perf_counter() - started, 2)
        results[system] = score(pred_n, gold_n, hits)
    print(f"CoNLL-2003 eng.testa, {len(docs)} documents, entity-level F1 (exact span + type)")
    print(f"{'system':<10} " + " ".join(f"{k:>6}" for k in results["stage"]) + "  seconds")
    for system, row in results.items():
        print(f"{system:<10} " + " ".join(f"{v:>6.3f}" for v in row.values()) + f"  {timings[system]}")
    print("published:", PUBLISHED)
    path = write_results(
        "ner", {"conll2003_testa": {"documents": len(docs), "f1": results, "seconds": timings,
                                    "published": PUBLISHED}},
    )  # fmt: skip
    print("wrote", path)


if __name__ == "__main__":
    main()
