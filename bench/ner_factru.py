"""factRuEval-2016 track 1 (Russian named-entity mentions): reader and scorer for bench/ner.py.

The scorer follows the shared task's published description of track 1 (Starostin et al. 2016
and the task's evaluation notes), written from that description:

* Gold objects are ``.objects`` lines of type Person, Org, Location, LocOrg (the lone Project is
  skipped). An object is the set of gold tokens of its spans. Each token carries a weight: 1
  when its span is a name part (per: name, surname, patronymic, nickname; loc/org/locorg:
  loc_name, org_name), else 0 (descriptors such as «мэрии», «площади», job titles).
* Ignored gold objects count neither as misses nor, when a prediction matches one, as a
  false alarm: unnamed objects (every weight 0, e.g. «подмосковного»), objects embedded in
  another object (tokens a strict subset; «Москвы» inside «мэрии Москвы»), and of two
  objects with the same tokens (an Org and a LocOrg) the unmatched one, or the non-Org when
  both or neither are matched.
* A predicted mention is the set of gold tokens lying wholly inside its character span, less
  punctuation tokens glued to a neighbour (the task's tokenisation of the response).
* Gold and predicted objects are matched one-to-one within a type. A pair's priority is the
  token Jaccard; a perfect pair must be matched. The task searches the matching that maximises
  F1; here the remaining pairs are matched greedily by priority (overlaps are sparse, so the
  two agree almost always: stated as a deviation).
* A pair scores ``tp / (tp + fn + fp)`` where tp and fn are the weights of the gold tokens
  found and missed and fp is the count of predicted tokens outside the gold object; so
  «мэрии Москвы» predicted for the Org «мэрии Москвы» scores 1 and «Москвы» alone scores 1
  too (the descriptor weighs 0), while «Москвы на Тверской» for «Москвы» scores 1/3.
* Precision = sum of pair scores / predicted objects; recall = same / relevant gold objects.
  Sums are taken over the whole set (micro), per type and overall.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

# Gold object types scored in track 1 and the task's short tags.
GOLD_TYPES = {"Person": "per", "Org": "org", "Organization": "org", "Location": "loc", "LocOrg": "locorg"}
TAGS = ("per", "loc", "org", "locorg")
# Span tags whose tokens weigh 1 in a mention of each type; every other span tag weighs 0.
NAME_SPANS = {
    "per": frozenset({"name", "surname", "patronymic", "nickname"}),
    "loc": frozenset({"loc_name", "org_name"}),
    "org": frozenset({"loc_name", "org_name"}),
    "locorg": frozenset({"loc_name", "org_name"}),
}
# Which types an object of a type may be embedded in (task's table).
PARENT_TAGS = {
    "per": frozenset({"loc", "org", "locorg"}),
    "loc": frozenset({"loc", "org", "locorg"}),
    "org": frozenset({"org", "locorg"}),
    "locorg": frozenset({"org", "locorg"}),
}
# How LocOrg gold objects are scored: as Location (the task's own "no LocOrg" variant, its
# .t1-l reports), or as whichever of Location / Organization the system predicted.
LOCORG_AS_LOC = "locorg_as_loc"
LOCORG_EITHER = "locorg_either"


@dataclass(frozen=True)
class Token:
    start: int
    end: int  # exclusive
    text: str
    glued_punct: bool  # one non-letter character touching a neighbour: dropped from responses


@dataclass(eq=False)  # identity: objects link to each other
class GoldObject:
    tag: str
    weights: dict[int, float]  # token index -> weight
    parents: list[GoldObject] = field(default_factory=list)
    siblings: list[GoldObject] = field(default_factory=list)

    @property
    def tokens(self) -> frozenset[int]:
        return frozenset(self.weights)

    def unnamed(self) -> bool:
        return not any(self.weights.values())


@dataclass
class Document:
    name: str
    text: str
    tokens: list[Token]
    gold: list[GoldObject]


def _read_tokens(path: Path) -> tuple[list[Token], dict[str, int]]:
    rows: list[tuple[str, int, int, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split(" ", 3)
        if len(parts) == 4:
            rows.append((parts[0], int(parts[1]), int(parts[2]), parts[3]))
    rows.sort(key=lambda r: r[1])
    tokens: list[Token] = []
    for i, (_, start, length, text) in enumerate(rows):
        touches_prev = i > 0 and rows[i - 1][1] + rows[i - 1][2] == start
        touches_next = i + 1 < len(rows) and start + length == rows[i + 1][1]
        glued = length == 1 and not text.isalpha() and (touches_prev or touches_next)
        tokens.append(Token(start, start + length, text, glued))
    return tokens, {r[0]: i for i, r in enumerate(rows)}


def _read_spans(path: Path, index: dict[str, int]) -> dict[str, tuple[str, list[int]]]:
    spans: dict[str, tuple[str, list[int]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "  # " not in line:
            continue
        left, right = line.split("  # ", 1)
        span_id, tag, _start, _chars, _first, count = left.split()[:6]
        token_ids = right.split()[: int(count)]
        spans[span_id] = (tag, [index[t] for t in token_ids])
    return spans


def _read_objects(path: Path, spans: dict[str, tuple[str, list[int]]]) -> list[GoldObject]:
    objects: list[GoldObject] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("#", 1)[0].split()
        if len(fields) < 3 or fields[1] not in GOLD_TYPES:
            continue
        tag = GOLD_TYPES[fields[1]]
        weights: dict[int, float] = {}
        for span_id in fields[2:]:
            span_tag, token_ids = spans[span_id]
            weight = 1.0 if span_tag in NAME_SPANS[tag] else 0.0
            for t in token_ids:
                weights[t] = max(weights.get(t, 0.0), weight)
        objects.append(GoldObject(tag, weights))
    return objects


def read_factru(folder: Path, limit: int | None = None) -> list[Document]:
    """The documents of a factRuEval folder (``book_N.txt`` with its layers), in number order."""
    names = sorted((p.stem for p in folder.glob("*.objects")), key=lambda n: int(n.split("_")[-1]))
    docs: list[Document] = []
    for name in names[:limit] if limit else names:
        tokens, index = _read_tokens(folder / f"{name}.tokens")
        spans = _read_spans(folder / f"{name}.spans", index)
        gold = _read_objects(folder / f"{name}.objects", spans)
        docs.append(Document(name, (folder / f"{name}.txt").read_text(encoding="utf-8"), tokens, gold))
    return docs


@dataclass
class Tally:
    """Fractional true positives and object counts, per tag."""

    tp: dict[str, float] = field(default_factory=lambda: dict.fromkeys(TAGS, 0.0))
    gold: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TAGS, 0))
    pred: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TAGS, 0))

    def f1(self) -> dict[str, dict[str, float]]:
        out: dict[str, dict[str, float]] = {}
        for tag in (*TAGS, "overall"):
            tp = sum(self.tp.values()) if tag == "overall" else self.tp[tag]
            ng = sum(self.gold.values()) if tag == "overall" else self.gold[tag]
            np_ = sum(self.pred.values()) if tag == "overall" else self.pred[tag]
            if not ng and not np_:
                continue
            p = tp / np_ if np_ else 0.0
            r = tp / ng if ng else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            out[tag] = {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "gold": ng, "pred": np_}
        return out


def _pred_tokens(doc: Document, start: int, end: int) -> frozenset[int]:
    return frozenset(
        i for i, t in enumerate(doc.tokens) if t.start >= start and t.end <= end and not t.glued_punct
    )


def _gold_for(doc: Document, locorg: str, preds: list[tuple[str, frozenset[int]]]) -> list[GoldObject]:
    """Gold objects with LocOrg mapped, embedding and sibling links filled in."""
    gold: list[GoldObject] = []
    for g in doc.gold:
        tag = g.tag
        if tag == "locorg" and locorg == LOCORG_AS_LOC:
            tag = "loc"
        elif tag == "locorg":
            # Accept Location or Organization: take the type of the prediction that overlaps
            # best; one that nothing overlaps is a miss either way, counted under Location.
            best = max(preds, key=lambda p: len(p[1] & g.tokens), default=None)
            found = best is not None and best[1] & g.tokens and best[0] == "org"
            tag = "org" if found else "loc"
        gold.append(GoldObject(tag, g.weights))
    for g in gold:
        for other in gold:
            if other is g or other.tag not in PARENT_TAGS[g.tag]:
                continue
            if g.tokens < other.tokens:
                g.parents.append(other)
            elif g.tokens == other.tokens:
                g.siblings.append(other)
    return gold


def _priority(g: GoldObject, p: frozenset[int]) -> float:
    union = len(g.tokens | p)
    return len(g.tokens & p) / union if union else 0.0


def _quality(doc: Document, g: GoldObject, p: frozenset[int]) -> float:
    tp = sum(g.weights[t] for t in g.tokens & p)
    fn = sum(g.weights[t] for t in g.tokens - p if not doc.tokens[t].glued_punct)
    fp = len(p - g.tokens)
    total = tp + fn + fp
    # An object whose found tokens all weigh 0 is compared unweighted (task's rule).
    return tp / total if total else _priority(g, p)


def _match(gold: list[GoldObject], preds: list[tuple[str, frozenset[int]]]) -> dict[int, int]:
    """Gold index -> prediction index, one-to-one within a type: perfect pairs, then greedy."""
    pairs = [
        (_priority(g, p), gi, pi)
        for gi, g in enumerate(gold)
        for pi, (tag, p) in enumerate(preds)
        if tag == g.tag and g.tokens & p
    ]
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in pairs:
        if gi not in matched and pi not in used:
            matched[gi] = pi
            used.add(pi)
    return matched


def _ignored(g: GoldObject, gold: list[GoldObject], matched: dict[int, int]) -> bool:
    if g.unnamed() or g.parents:
        return True
    is_matched = {id(o): i in matched for i, o in enumerate(gold)}
    for sib in g.siblings[:1]:
        if is_matched[id(g)] != is_matched[id(sib)]:
            return not is_matched[id(g)]
        if sib.tag == g.tag:
            return gold.index(g) > gold.index(sib)  # keep one of two identical objects
        return g.tag != "org"
    return False


def score_document(
    doc: Document, mentions: Iterable[tuple[int, int, str]], locorg: str, tally: Tally
) -> None:
    """Add one document's pair scores and counts to ``tally``; mentions are (start, end, tag)."""
    # A mention covering no whole gold token still counts as a false alarm.
    preds = [(tag, _pred_tokens(doc, s, e)) for s, e, tag in mentions]
    gold = _gold_for(doc, locorg, preds)
    matched = _match(gold, preds)
    ignored_preds: set[int] = set()
    for gi, g in enumerate(gold):
        if _ignored(g, gold, matched):
            if gi in matched:
                ignored_preds.add(matched[gi])  # a match to an ignored object is no false alarm
            continue
        tally.gold[g.tag] += 1
        if gi in matched:
            tally.tp[g.tag] += _quality(doc, g, preds[matched[gi]][1])
    for pi, (tag, _) in enumerate(preds):
        if pi not in ignored_preds:
            tally.pred[tag] += 1
