"""NER benchmark: the entities stage on CoNLL-2003 (English) and factRuEval-2016 (Russian).

Run: ``.venv/bin/python -m bench.ner [--corpus conll|factru|all] [--limit N]`` (N documents
per corpus; default all: 216 CoNLL, 122 factRuEval). Results of the corpora not run are kept.

CoNLL-2003 eng.testa: types are mapped person->PER, organization/outlet->ORG, place->LOC,
other->MISC; a mention counts when its character span and type match a gold entity exactly
(conlleval's rule). Systems: the full stage (titles stripped, NORP adjectives dropped,
outlets, canonical names) and spaCy's raw entities with NORP->MISC, for reference.

factRuEval-2016 devset, track 1 (mentions), scored as described in bench/ner_factru.py:
person->per, organization and outlet->org, place->loc, other not submitted. LocOrg gold
objects are scored twice: as Location (the task's own "-l" variant, directly comparable to
its published .t1-l reports) and as either Location or Organization, whichever the system
predicted (an approximation of the 4-type .t1 score for a system without a LocOrg type).
Systems: the full stage and natasha's raw NER spans (PER/ORG/LOC).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from bench.common import RESULTS_DIR, eval_dir, write_results
from bench.ner_factru import LOCORG_AS_LOC, LOCORG_EITHER, Tally, read_factru, score_document
from wirewatch.annotate.entities.en import EnglishNer
from wirewatch.annotate.entities.stage import EntityAnnotator
from wirewatch.resources.bundle import build_resources

TYPE_MAP = {"person": "PER", "organization": "ORG", "outlet": "ORG", "place": "LOC", "other": "MISC"}
SPACY_MAP = {
    "PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "MISC",
    "EVENT": "MISC", "LAW": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC", "LANGUAGE": "MISC",
}  # fmt: skip
PUBLISHED = "spaCy en_core_web_sm 3.x: NER F 0.84-0.85 on OntoNotes (its own labels, not CoNLL)"
FACTRU_TAGS = {"person": "per", "organization": "org", "outlet": "org", "place": "loc"}
NATASHA_TAGS = {"PER": "per", "ORG": "org", "LOC": "loc"}
# The shared task's best runs on its TEST set (reports/run_*/*.test.t1, *.test.t1-l); the
# devset figures in reports/ come from systems that could train on the devset.
FACTRU_PUBLISHED = {
    "t1 (4 types, LocOrg separate), best run pink_3, test set": 0.8088,
    "t1-l (LocOrg as Location), best run violet_0, test set": 0.8672,
}

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


def run_conll(limit: int | None) -> dict[str, Any]:
    docs = read_conll(limit)
    resources = build_resources()
    parser = resources.parser
    stage, raw = EntityAnnotator(resources.catalog, resources.nlp), EnglishNer()
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
                    for e in stage.entities(text, parser.parse_text(text, "en"))
                    for m in e.mentions
                }
            else:
                raw_mentions = raw(parser.parse_text(text, "en").english)
                spans = {(m.start, m.end, SPACY_MAP[m.source]) for m in raw_mentions if m.source in SPACY_MAP}
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
    return {"documents": len(docs), "f1": results, "seconds": timings, "published": PUBLISHED}


def natasha_spans() -> Callable[[str], list[tuple[int, int, str]]]:
    """natasha's NER spans as the model gives them (no bracket cutting, no trimming)."""
    from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

    segmenter, tagger = Segmenter(), NewsNERTagger(NewsEmbedding())

    def spans(text: str) -> list[tuple[int, int, str]]:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        return [(s.start, s.stop, NATASHA_TAGS[s.type]) for s in doc.spans if s.type in NATASHA_TAGS]

    return spans


def run_factru(limit: int | None) -> dict[str, Any]:
    docs = read_factru(eval_dir("ner", "factRuEval-2016", "devset"), limit)
    resources = build_resources()
    parser = resources.parser
    stage, raw = EntityAnnotator(resources.catalog, resources.nlp), natasha_spans()
    modes = (LOCORG_AS_LOC, LOCORG_EITHER)
    tallies = {(system, mode): Tally() for system in ("stage", "natasha_raw") for mode in modes}
    timings: dict[str, float] = {}
    for system in ("stage", "natasha_raw"):
        started = time.perf_counter()
        for doc in docs:
            if system == "stage":
                mentions = [
                    (m.start, m.end, FACTRU_TAGS[str(e.type)])
                    for e in stage.entities(doc.text, parser.parse_text(doc.text, "ru"))
                    if str(e.type) in FACTRU_TAGS
                    for m in e.mentions
                ]
            else:
                mentions = raw(doc.text)
            for mode in modes:
                score_document(doc, mentions, mode, tallies[system, mode])
        timings[system] = round(time.perf_counter() - started, 2)
    scores = {mode: {system: tallies[system, mode].f1() for system in timings} for mode in modes}
    print(f"factRuEval-2016 devset, {len(docs)} documents, track-1 mention F1 (P/R)")
    for mode, rows in scores.items():
        print(mode)
        for system, row in rows.items():
            cells = " ".join(f"{tag} {v['f1']:.3f} ({v['p']:.2f}/{v['r']:.2f})" for tag, v in row.items())
            print(f"  {system:<12} {cells}  {timings[system]}s")
    for label, value in FACTRU_PUBLISHED.items():
        print(f"published {label}: F1 {value}")
    return {"documents": len(docs), "scores": scores, "seconds": timings, "published": FACTRU_PUBLISHED}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=("conll", "factru", "all"), default="all")
    parser.add_argument("--limit", type=int, default=None, help="number of documents per corpus")
    args = parser.parse_args(argv)
    previous = RESULTS_DIR / "ner.json"
    results: dict[str, Any] = json.loads(previous.read_text(encoding="utf-8")) if previous.exists() else {}
    if args.corpus in ("conll", "all"):
        results["conll2003_testa"] = run_conll(args.limit)
    if args.corpus in ("factru", "all"):
        results["factrueval2016_dev"] = run_factru(args.limit)
    print("wrote", write_results("ner", results))


if __name__ == "__main__":
    main()
