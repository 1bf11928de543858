"""Story grouping and near-duplicates, measured on ECB+ and on a cross-lingual fixture of real text.

ECB+ (``../shared/eval/clustering/ecbplus``, topics 1-22, the part the eval README allows): every
document is annotated by the default pipeline, then linked incrementally in file order, all topics
pooled (the linker is not told the topics, nor the number of clusters). Gold: ``cluster`` (topic +
sub-topic; each topic pairs two similar events). The weights are swept on topics 1-11 and the
setting that scores best there (the strictest of near ties) is reported on topics 12-22 (held out
from tuning) and 1-22.
Topics 23-45 are never read. The baseline, run here on the same documents and splits: TF-IDF
(sublinear tf, l2) + average-link agglomerative clustering (scipy) cut at a cosine-distance
threshold swept on 1-11 the same way.

Cross-lingual fixture: the two seed articles (a machine translation of a Russian scoop and an
English wire rewrite of it: one story) among real distractors: the first ``DISTRACTORS`` Russian
news texts of factRuEval-2016 dev and the first ``DISTRACTORS`` English articles of
polnear_articles.jsonl (2015-2016 US politics). Measured: whether the seeds end up in one story
alone, and how many distractors join stories across the two languages (they share no event).

Run: .venv/bin/python -m bench.stories [--fresh]  (annotations and vectors are cached under
the cache_dir setting, ``bench/``).
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import pdist

from bench.common import REPO_ROOT, RESULTS_DIR, eval_dir, shared_dir, write_results
from wirewatch.ingest.jsonl import document_from_record
from wirewatch.link.duplicates import SHINGLE_WORDS, THRESHOLD, link_duplicates, shingles
from wirewatch.link.embed import article_text
from wirewatch.link.state import MemoryLinkState
from wirewatch.link.stories import Weights, assign, link_input
from wirewatch.model import AnnotatedArticle, Document
from wirewatch.resources.embeddings import E5_SMALL, EMBEDDERS, USE_MULTILINGUAL, build_embedder
from wirewatch.run import default_pipeline, run
from wirewatch.settings import load_settings
from wirewatch.sinks import CollectingSink

TUNE_TOPICS = range(1, 12)
HELD_OUT_TOPICS = range(12, 23)
DISTRACTORS = 60
THRESHOLDS = [round(0.40 + 0.05 * i, 2) for i in range(12)]
ENTITY_WEIGHTS = (0.0, 0.15, 0.3, 0.5)
TIME_WEIGHTS = (0.0, 0.2, 0.4)
TIE_F1 = 0.005
BASELINE_CUTS = [round(0.5 + 0.025 * i, 3) for i in range(19)]
PUBLISHED = {"barhom2019": 0.968}
_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}]|'s\b|n't\b|'')")
_SPACE_AFTER = re.compile(r"([(\[{$]|``) ")
_URL_LINE = re.compile(r"^\s*(?:https?|www)\b")


def _cache() -> Path:
    path = Path(load_settings().cache_dir) / "bench"
    path.mkdir(parents=True, exist_ok=True)
    return path


def detokenize(text: str) -> str:
    """ECB+'s tokenised text back to ordinary spacing, so the parser sees normal prose."""
    lines = [line.replace(" ", "") if _URL_LINE.match(line) else  # "http : / / www . x . com" -> one address
             _SPACE_AFTER.sub(r"\1", _SPACE_BEFORE.sub(r"\1", line)) for line in text.split("\n")]
    return "\n\n".join(line.replace("``", '"').replace("''", '"') for line in lines)


def _annotate(name: str, documents: list[Document], fresh: bool) -> list[AnnotatedArticle]:
    path = _cache() / f"{name}.jsonl"
    if path.exists() and not fresh:
        return [AnnotatedArticle.from_dict(json.loads(line)) for line in path.read_text("utf-8").splitlines()]
    sink = CollectingSink()
    run(documents, sink, pipeline=default_pipeline())
    lines = (json.dumps(d.to_dict(), ensure_ascii=False) + "\n" for d in sink.articles)
    path.write_text("".join(lines), "utf-8")
    return sink.articles


def _vectors(name: str, model: str, docs: Sequence[AnnotatedArticle],
             fresh: bool) -> tuple[np.ndarray, float]:
    path = _cache() / f"{name}.{model}.npy"
    if path.exists() and not fresh:
        timing = path.with_suffix(".seconds")
        return np.load(path), float(timing.read_text()) if timing.exists() else math.nan
    started = time.perf_counter()
    vectors = build_embedder(model).embed([article_text(d) for d in docs])
    elapsed = (time.perf_counter() - started) / max(1, len(docs))
    np.save(path, vectors)
    path.with_suffix(".seconds").write_text(str(elapsed))  # the timing of the run that embedded them
    return vectors, elapsed


def ecb_documents() -> tuple[list[Document], list[dict[str, Any]]]:
    path = eval_dir("clustering", "ecbplus", "ecbplus_dev_docs.jsonl")
    gold = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    gold = [g for g in gold if int(g["topic"]) <= 22]  # never topics 23-45
    documents = [document_from_record(
        {"id": g["doc"], "language": "en", "text": detokenize(g["text_tokenized"])}, f"ecbplus:{g['doc']}")
        for g in gold]
    return [d for d in documents if isinstance(d, Document)], gold


# -- metrics --

def bcubed(predicted: Sequence[str], gold: Sequence[str]) -> dict[str, float]:
    pred_size = Counter(predicted)
    gold_size = Counter(gold)
    both = Counter(zip(predicted, gold, strict=True))
    precision = sum(both[(p, g)] / pred_size[p] for p, g in zip(predicted, gold, strict=True)) / len(gold)
    recall = sum(both[(p, g)] / gold_size[g] for p, g in zip(predicted, gold, strict=True)) / len(gold)
    return {"p": precision, "r": recall, "f1": _f1(precision, recall)}


def pairwise(predicted: Sequence[str], gold: Sequence[str]) -> dict[str, float]:
    def pairs(labels: Sequence[str]) -> set[tuple[int, int]]:
        groups: dict[str, list[int]] = {}
        for i, label in enumerate(labels):
            groups.setdefault(label, []).append(i)
        return {pair for members in groups.values() for pair in itertools.combinations(members, 2)}

    p, g = pairs(predicted), pairs(gold)
    precision = len(p & g) / len(p) if p else 1.0
    recall = len(p & g) / len(g) if g else 1.0
    return {"p": precision, "r": recall, "f1": _f1(precision, recall)}


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _scores(predicted: Sequence[str], gold: Sequence[str]) -> dict[str, Any]:
    return {"bcubed": bcubed(predicted, gold), "pairwise": pairwise(predicted, gold),
            "clusters": len(set(predicted)), "gold_clusters": len(set(gold))}


# -- systems --

def link(docs: Sequence[AnnotatedArticle], vectors: np.ndarray, weights: Weights) -> list[str]:
    state = MemoryLinkState(vectors.shape[1])
    return [assign(link_input(doc, vector), state, weights).story_id
            for doc, vector in zip(docs, vectors, strict=True)]


def tfidf(texts: Sequence[str]) -> np.ndarray:
    """Sublinear TF-IDF rows, l2-normalised (sklearn's defaults with sublinear_tf)."""
    tokens = [re.findall(r"\w\w+", t.lower()) for t in texts]
    vocabulary = {w: i for i, w in enumerate(sorted({w for ts in tokens for w in ts}))}
    matrix = np.zeros((len(texts), len(vocabulary)), dtype=np.float64)
    for row, ts in enumerate(tokens):
        for word, count in Counter(ts).items():
            matrix[row, vocabulary[word]] = 1.0 + math.log(count)
    df = (matrix > 0).sum(axis=0)
    matrix *= np.log((1 + len(texts)) / (1 + df)) + 1.0
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    normalised: np.ndarray = matrix / norms
    return normalised


def baseline(texts: Sequence[str], cut: float) -> list[str]:
    tree = linkage(pdist(tfidf(texts), metric="cosine"), method="average")
    return [str(label) for label in fcluster(tree, t=cut, criterion="distance")]


def _split(gold: Sequence[dict[str, Any]], topics: Iterable[int]) -> list[int]:
    wanted = set(topics)
    return [i for i, g in enumerate(gold) if int(g["topic"]) in wanted]


def _choose(candidates: Iterable[Weights], docs: Sequence[AnnotatedArticle], vectors: np.ndarray,
            gold: Sequence[str]) -> Weights:
    """The setting with the best B-cubed F1 on the tuning topics; among those within
    ``TIE_F1`` of it (many settings give the same clusters), the strictest threshold: merging
    two events costs an analyst more than splitting one."""
    scored = [(bcubed(link(docs, vectors, w), gold)["f1"], w) for w in candidates]
    best = max(f1 for f1, _ in scored)
    return max((w for f1, w in scored if f1 >= best - TIE_F1), key=lambda w: w.threshold)


def _grid() -> list[Weights]:
    return [Weights(threshold=t, entity=e, time=w, window_days=1e9)
            for t in THRESHOLDS for e in ENTITY_WEIGHTS for w in TIME_WEIGHTS]


def ecb(fresh: bool) -> dict[str, Any]:
    documents, gold = ecb_documents()
    started = time.perf_counter()
    docs = _annotate("ecbplus_1_22", documents, fresh)
    annotate_s = time.perf_counter() - started
    by_id = {d.article.id: d for d in docs}
    keep = [i for i, g in enumerate(gold) if g["doc"] in by_id]
    gold = [gold[i] for i in keep]
    docs = [by_id[g["doc"]] for g in gold]
    labels = [g["cluster"] for g in gold]
    tune, held = _split(gold, TUNE_TOPICS), _split(gold, HELD_OUT_TOPICS)
    out: dict[str, Any] = {"documents": len(docs), "annotate_s": round(annotate_s, 1), "systems": {}}
    splits = (("tune_1_11", tune), ("held_out_12_22", held), ("all_1_22", list(range(len(docs)))))

    def pick(idx: list[int]) -> tuple[list[AnnotatedArticle], list[str]]:
        return [docs[i] for i in idx], [labels[i] for i in idx]

    for model in EMBEDDERS:
        vectors, ms = _vectors("ecbplus_1_22", model, docs, fresh)
        tune_docs, tune_gold = pick(tune)
        best = _choose(_grid(), tune_docs, vectors[tune], tune_gold)
        entry: dict[str, Any] = {"weights": vars(best) | {"window_days": None},
                                 "embed_ms_per_doc": None if math.isnan(ms) else round(1000 * ms, 1)}
        for name, idx in splits:
            split_docs, split_gold = pick(idx)
            entry[name] = _scores(link(split_docs, vectors[idx], best), split_gold)
        # The same embedder alone: no entities, no times (what the extra evidence adds).
        alone = _choose((Weights(threshold=t, entity=0.0, time=0.0, window_days=1e9) for t in THRESHOLDS),
                        tune_docs, vectors[tune], tune_gold)
        held_docs, held_gold = pick(held)
        entry["embedding_only_held_out"] = _scores(link(held_docs, vectors[held], alone), held_gold)
        entry["embedding_only_threshold"] = alone.threshold
        out["systems"][model] = entry

    texts = [d.article.body for d in docs]
    tune_texts = [texts[i] for i in tune]
    tune_gold = [labels[i] for i in tune]
    # The same rule for the baseline: best F1 on 1-11, the strictest (smallest) cut among near ties.
    cut_scores = [(bcubed(baseline(tune_texts, c), tune_gold)["f1"], c) for c in BASELINE_CUTS]
    cut = min(c for f1, c in cut_scores if f1 >= max(f for f, _ in cut_scores) - TIE_F1)
    entry = {"cut": cut}
    for name, idx in splits:
        entry[name] = _scores(baseline([texts[i] for i in idx], cut), [labels[i] for i in idx])
    out["systems"]["tfidf_average_link"] = entry
    out["near_duplicates"] = near_duplicates(docs, labels)
    return out


def near_duplicates(docs: Sequence[AnnotatedArticle], labels: Sequence[str]) -> dict[str, Any]:
    """Exact 4-shingle Jaccard of every pair within a topic (same event vs the paired event), and
    what the LSH linker reports."""
    sets = [shingles(d.article.body) for d in docs]
    same: list[float] = []
    other: list[float] = []
    for i, j in itertools.combinations(range(len(docs)), 2):
        if labels[i].split("_")[0] != labels[j].split("_")[0]:
            continue
        value = len(sets[i] & sets[j]) / max(1, len(sets[i] | sets[j]))
        (same if labels[i] == labels[j] else other).append(value)
    state = MemoryLinkState(1)
    found = [link_duplicates(d.article.id, d.article.body, state) for d in docs]
    reported = [f for f in found if f is not None]
    index = {d.article.id: i for i, d in enumerate(docs)}
    true_pairs = sum(1 for i, j in itertools.combinations(range(len(docs)), 2)
                     if len(sets[i] & sets[j]) / max(1, len(sets[i] | sets[j])) >= THRESHOLD)
    return {
        "shingle_words": SHINGLE_WORDS, "threshold": THRESHOLD,
        "same_event_pairs": len(same), "same_event_at_or_above": sum(v >= THRESHOLD for v in same),
        "same_event_0.1_to_threshold": sum(0.1 <= v < THRESHOLD for v in same),
        "paired_event_pairs": len(other), "paired_event_max": round(max(other, default=0.0), 3),
        "paired_event_at_or_above": sum(v >= THRESHOLD for v in other),
        "pairs_at_or_above_exact": true_pairs,
        "reported_by_lsh": len(reported),
        "reported_across_events": sum(labels[index[f.article]] != labels[index[f.duplicate_of]]
                                      for f in reported),
    }


def cross_lingual(fresh: bool) -> dict[str, Any]:
    seeds = sorted((shared_dir() / "corpus" / "seeds").glob("*.txt"))
    documents: list[Document] = []
    from wirewatch.ingest.files import iter_documents

    documents.extend(d for d in iter_documents(seeds) if isinstance(d, Document))
    factru = sorted(eval_dir("ner", "factRuEval-2016", "devset").glob("book_*.txt"))[:DISTRACTORS]
    for path in factru:
        record = document_from_record({"id": f"factru-{path.stem}", "language": "ru",
                                       "text": path.read_text("utf-8")}, f"factru:{path.name}")
        if isinstance(record, Document):
            documents.append(record)
    with eval_dir("corpus", "polnear_articles.jsonl").open(encoding="utf-8") as handle:
        for number, line in enumerate(itertools.islice(handle, DISTRACTORS), start=1):
            row = json.loads(line)
            record = document_from_record({"id": f"polnear-{number}", "outlet": row["publisher"],
                                           "title": row["title"], "text": row["text"], "language": "en"},
                                          f"polnear:{number}")
            if isinstance(record, Document):
                documents.append(record)
    docs = _annotate("crosslingual", documents, fresh)
    vectors, _ = _vectors("crosslingual", USE_MULTILINGUAL, docs, fresh)
    out: dict[str, Any] = {"documents": len(docs), "seeds": len(seeds), "models": {}}
    weights = {m: e["weights"] for m, e in json.loads((RESULTS_DIR / "stories.json").read_text())["ecbplus"][
        "systems"].items() if m in EMBEDDERS} if (RESULTS_DIR / "stories.json").exists() else {}
    for model in (USE_MULTILINGUAL, E5_SMALL):
        vectors, _ = _vectors("crosslingual", model, docs, fresh)
        chosen = Weights(**{k: v for k, v in weights.get(model, {}).items() if k != "window_days"},
                         window_days=1e9)
        stories = link(docs, vectors, chosen)
        seed_ids = {d.article.id for d in docs[: len(seeds)]}
        seed_stories = {s for d, s in zip(docs, stories, strict=True) if d.article.id in seed_ids}
        members: dict[str, set[str]] = {}
        for doc, story in zip(docs, stories, strict=True):
            members.setdefault(story, set()).add(doc.article.language or "?")
        out["models"][model] = {
            "seeds_in_one_story": len(seed_stories) == 1,
            "seed_story_size": sum(1 for s in stories if s in seed_stories),
            "stories": len(set(stories)),
            "mixed_language_stories": sum(1 for langs in members.values() if len(langs) > 1),
        }
    return out


# The demo's ground truth (demo/README.md, Stories): file names, feed records by id.
DEMO_STORIES = ({"01_dvestnik_scoop_ru.html", "02_kestrel_wire_en.html", "03_borderlands_mt_en.txt",
                 "04_tienshan_rewrite_en.html", "05_oltinvodiy_denial_ru.html", "06_kestrel_denial_en.html",
                 "07_oshweek_local_ru.cp1251.txt", "08_kestrel_followup_en.html",
                 "feed-eurasia-observer-2026-06-17-naryn", "feed-tienshan-2026-06-19-zolotaryov"},
                {"09_tienshan_quake_en.txt", "feed-oltinvodiy-2026-06-15-quake"},
                {"13_blacksea_port_halt_en.html", "14_kavexpress_poti_ru.html",
                 "15_blacksea_licence_scoop_en.html", "16_kavexpress_licence_ru.html",
                 "17_freightreview_licence_en.html", "18_blacksea_licence_followup_en.html"})


def demo_check() -> dict[str, Any]:
    """Each encoder with its calibrated weights on the demo corpus: S1, S2 and S3 exactly?"""
    from wirewatch.ingest.files import iter_documents
    from wirewatch.link.batch import BatchLinker

    sink = CollectingSink()
    run(iter_documents([REPO_ROOT / "demo" / "corpus"]), sink, pipeline=default_pipeline())
    names = {d.article.id: d.article.id if ".jsonl:" in d.article.source else Path(d.article.source).name
             for d in sink.articles}
    out: dict[str, Any] = {}
    for model in EMBEDDERS:
        linker = BatchLinker(build_embedder(model))
        for doc in sink.articles:
            linker.add(doc)
        groups = [{names[a] for a in story.articles} for story in linker.finish().stories]
        exact = sorted(groups, key=len) == sorted(DEMO_STORIES, key=len)
        out[model] = {"stories": len(groups), "exact": exact}
    return out


def write_up(results: dict[str, Any]) -> str:
    e = results["ecbplus"]
    lines = ["# Stories: grouping reports of one event", "",
             "`.venv/bin/python -m bench.stories` (JSON in `stories.json`). "
             + (__doc__ or "").split("\n\n")[1].replace("\n", " "), "",
             f"{e['documents']} documents, all 22 topics pooled; the linker sees them one at a time in "
             "file order and is told neither topics nor the number of clusters. B-cubed and pairwise "
             "P/R/F1 against `cluster` (sub-topic).", "",
             "| system | split | B3 P | B3 R | B3 F1 | pair P | pair R | pair F1 | clusters (gold) |",
             "|---|---|---|---|---|---|---|---|---|"]
    for name, entry in e["systems"].items():
        for split in ("tune_1_11", "held_out_12_22", "all_1_22"):
            s = entry[split]
            b, p = s["bcubed"], s["pairwise"]
            lines.append(f"| {name} | {split} | {b['p']:.3f} | {b['r']:.3f} | {b['f1']:.3f} | {p['p']:.3f} | "
                         f"{p['r']:.3f} | {p['f1']:.3f} | {s['clusters']} ({s['gold_clusters']}) |")
    lines += ["", "Published: Barhom et al. 2019, B-cubed F1 0.968 for their document clustering with the "
              "number of clusters given, on the ECB+ test topics (not read here: a different split). Target "
              "here: B-cubed F1 >= 0.90 without the number of clusters; not reached (see the issue report).",
              ""]
    for model in EMBEDDERS:
        entry = e["systems"][model]
        alone = entry["embedding_only_held_out"]
        lines.append(f"- `{model}`: weights chosen on 1-11: {json.dumps(entry['weights'])}; "
                     f"embedding alone (threshold {entry['embedding_only_threshold']}) on 12-22: B3 F1 "
                     f"{alone['bcubed']['f1']:.3f}; embedding time {entry['embed_ms_per_doc']} ms/doc.")
    cut = e["systems"]["tfidf_average_link"]["cut"]
    lines.append(f"- TF-IDF + average link: cut at cosine distance {cut} "
                 "(chosen on 1-11).")
    n = e["near_duplicates"]
    lines += ["", "## Near-duplicates: the threshold", "",
              f"Exact Jaccard of word {n['shingle_words']}-shingles over every pair of ECB+ documents "
              f"within a topic: {n['same_event_pairs']} same-event pairs, "
              f"{n['same_event_at_or_above']} at or above "
              f"{n['threshold']} (copies and rewrites), {n['same_event_0.1_to_threshold']} between 0.1 and "
              f"{n['threshold']}; {n['paired_event_pairs']} pairs of the paired (other) event, highest "
              f"{n['paired_event_max']}, {n['paired_event_at_or_above']} at or above. The LSH linker reports "
              f"{n['reported_by_lsh']} near-duplicates ({n['pairs_at_or_above_exact']} pairs reach the "
              f"threshold exactly, counting every pair, while the linker names one earlier article per "
              f"document), {n['reported_across_events']} across events. The demo's rewrite A04 of A02 is "
              "at 0.52; its independent reports at most 0.04.", ""]
    demo = results["demo"]
    lines += ["## Which encoder", "",
              "With each encoder's weights as chosen on ECB+ 1-11, on the demo corpus (S1, S2 and S3 of "
              "demo/README.md, S1 and S2 unrelated events in one region): "
              + "; ".join(f"`{m}` {d['stories']} stories, " + ("exactly S1, S2 and S3" if d["exact"] else
                                                                            "not S1, S2 and S3")
                          for m, d in demo.items()) + ". "
              "multilingual-e5-small groups ECB+ better, but every pair of news texts is close in its "
              "space (above 0.75), so a threshold tuned to split ECB+'s paired events does not keep an "
              "unrelated story of the same region apart; it also embeds about ten times slower. The "
              "default (`story_embedder`) is therefore use-multilingual-v3; e5 is a setting away.", ""]
    c = results.get("cross_lingual")
    if c:
        lines += ["## Cross-lingual fixture", "",
                  f"{c['documents']} documents: the {c['seeds']} seed articles (`../shared/corpus/seeds`: a "
                  "machine translation into English of a Russian scoop and an English wire rewrite of it) "
                  f"among the first {DISTRACTORS} Russian texts of factRuEval-2016 dev and the first "
                  f"{DISTRACTORS} English articles of polnear_articles.jsonl (2015-2016 US politics), "
                  "which share no event with the seeds; among themselves they carry no labels,"
                  " so their story count is "
                  "shown, not scored. No real Russian-English pair of one event is in ../shared, so the "
                  "cross-lingual join itself is checked only on the (fictional) demo quake pair "
                  "(tests/test_link.py); here we measure that unrelated texts of the two languages are not "
                  "merged.", "",
                  "| model | seeds in one story | seed story size | stories | stories mixing languages |",
                  "|---|---|---|---|---|"]
        for model, m in c["models"].items():
            lines.append(f"| {model} | {m['seeds_in_one_story']} | {m['seed_story_size']} | {m['stories']} | "
                         f"{m['mixed_language_stories']} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fresh", action="store_true", help="annotate and embed again (no cache)")
    parser.add_argument("--skip-cross-lingual", action="store_true")
    args = parser.parse_args()
    results: dict[str, Any] = {"ecbplus": ecb(args.fresh), "published": PUBLISHED, "demo": demo_check()}
    write_results("stories", results)
    if not args.skip_cross_lingual:
        results["cross_lingual"] = cross_lingual(args.fresh)
        write_results("stories", results)
    text = write_up(results)
    (RESULTS_DIR / "stories.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
