"""Who copied whom: the derivations of one article among candidate articles.

``derive(article, candidates, embedder)`` is pure: it reads the annotated article, the
candidates the linker's indexes returned for it (the same story, near-duplicates; never the
whole store) and returns ``Derivation`` records, in four kinds:

1. ``citation``: one record per outlet the article cites (``AnnotatedArticle.citations``),
   with the citation kinds kept and a ``role``: ``source`` when the article takes its news from
   the outlet (a credit line, or a citation in the lead that does not deny or decline it),
   ``mention`` when it cites the outlet as the report it denies, answers or discusses. The
   source article is the candidate of that outlet not published after this one (of several,
   the one closest to this article's lead).
2. ``translation``: the page says so (``Article.translated_from`` / ``original_outlet``), or
   the two articles are a cross-lingual near-copy (most sentences align in order).
3. ``reuse``: shared passages (``text_match``), within or across languages.
4. ``wire``: agency copy: the page credits a wire agency in a credit line or a dateline
   ("(Reuters)"), or credits its picture to one and shares passages with that agency's article,
   or shares passages with a wire agency's earlier article.

Text-based records involve the article on either side: when a candidate copied the article, the
candidate is the derived one. Direction comes from publication order (``published``, taken as a
window: a date alone is a whole day in any zone), then from credits (one side names the other's
outlet); when neither decides, the record says ``undecided`` and names no parent
(``shared_with`` holds the other article).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from wirewatch.link import published as pub
from wirewatch.link.alignment import cosine_matrix
from wirewatch.link.outlet_identity import OutletIdentity
from wirewatch.link.text_match import SentenceTexts, TextMatch, best_sentence, compare
from wirewatch.model import (
    AnnotatedArticle,
    Citation,
    CitationKind,
    CitationRole,
    Derivation,
    DerivationDirection,
    DerivationEvidence,
    DerivationKind,
    DerivedFrom,
    Polarity,
    Span,
)
from wirewatch.resources.embeddings import Embedder
from wirewatch.resources.outlets import OutletCatalog, default_catalog
from wirewatch.sentences import sentence_at

# The lead is the first paragraph with at least this many words (a dateline or crosshead line
# above it is not the lead).
LEAD_MIN_WORDS = 12
# Of several articles by a cited outlet, the cited one is that closest to the citing sentences,
# or, where no citation has a position, to this many opening sentences of the citing article.
LEAD_SENTENCES = 3
# Claims in the lead with these polarities make the article's news a denial or a non-answer of
# what it cites: the cited report is then mentioned, not used.
_ANSWERING = (Polarity.DENIED, Polarity.NON_ANSWER)
# Citation kinds that say where the whole page comes from.
_PAGE_CREDITS = (CitationKind.CREDIT, CitationKind.TRANSLATED_FROM)


@dataclass
class _Context:
    identity: OutletIdentity
    texts: SentenceTexts


def derive(
    article: AnnotatedArticle,
    candidates: Sequence[AnnotatedArticle],
    embedder: Embedder | None,
    *,
    catalog: OutletCatalog | None = None,
    texts: SentenceTexts | None = None,
) -> list[Derivation]:
    """The derivations of ``article`` (and of candidates from it) among ``candidates``.

    ``texts`` keeps sentence units and vectors between calls (pass one ``SentenceTexts`` made
    with the same embedder when deriving many articles of one story: each is embedded once).
    """
    ctx = _Context(OutletIdentity(catalog or default_catalog()), texts or SentenceTexts(embedder))
    others = [c for c in candidates if c.article.id != article.article.id]
    found: list[Derivation] = []
    translated = _stated_translation(article, others, ctx)
    if translated is not None:
        found.append(translated)
    found.extend(_citations(article, others, ctx, translated))
    found.extend(_credited_wire(article, others, ctx))
    for other in others:
        if translated is not None and translated.derived_from.article == other.article.id:
            continue  # already the translation, with its aligned sentences
        found.extend(_text_derivations(article, other, ctx))
    return _unique(found)


# -- citations -----------------------------------------------------------------------------


def _cited_groups(doc: AnnotatedArticle, identity: OutletIdentity) -> dict[str, list[Citation]]:
    """The article's citations by cited outlet (join key), its own outlet left out."""
    groups: dict[str, list[Citation]] = {}
    for citation in doc.citations:
        if identity.same(citation.outlet, doc.article.outlet):
            continue
        groups.setdefault(identity.key(citation.outlet), []).append(citation)
    return groups


def _lead(doc: AnnotatedArticle) -> Span | None:
    for start, end in doc.article.paragraphs():
        if len(doc.article.body[start:end].split()) >= LEAD_MIN_WORDS:
            return Span(start, end)
    return None


def citation_role(doc: AnnotatedArticle, citations: Sequence[Citation]) -> CitationRole:
    """``source`` when the page credits the outlet, or cites it in a lead that neither denies
    nor declines; ``mention`` otherwise."""
    if any(c.kind in _PAGE_CREDITS for c in citations):
        return CitationRole.SOURCE
    lead = _lead(doc)
    if lead is None:
        return CitationRole.MENTION
    in_lead = any(c.start is not None and lead.start <= c.start < lead.end for c in citations)
    answering = any(
        cl.polarity in _ANSWERING and cl.evidence and lead.start <= cl.evidence[0].start < lead.end
        for cl in doc.claims
    )
    return CitationRole.SOURCE if in_lead and not answering else CitationRole.MENTION


def _outlet_article(
    name: str,
    doc: AnnotatedArticle,
    others: Sequence[AnnotatedArticle],
    identity: OutletIdentity,
    texts: SentenceTexts | None = None,
    citations: Sequence[Citation] = (),
) -> AnnotatedArticle | None:
    """The candidate published by outlet ``name``, not after ``doc``, that ``doc`` cites: the
    only one, or of several the one whose sentences come closest to the citing sentences (and
    the sentence before each: «Об этом сообщает X», "X reported the same") or, without
    citing sentences, to ``doc``'s lead. "X reported" names X's report of this news, not X's
    first article in the story. The earliest when nothing tells them apart."""
    published = doc.article.published
    found = sorted(
        (o for o in others
         if identity.same(name, o.article.outlet) and pub.not_after(o.article.published, published)),
        key=lambda o: pub.sort_key(o.article.published),
    )
    if len(found) < 2 or texts is None:
        return found[0] if found else None
    rows = _citing_rows(doc, citations, texts)
    scores = [_closeness(doc, rows, o, texts) for o in found]
    if any(score is None for score in scores):
        return found[0]
    best = max(range(len(found)), key=lambda i: (scores[i] or 0.0, -i))
    return found[best]


def _citing_rows(doc: AnnotatedArticle, citations: Sequence[Citation], texts: SentenceTexts) -> list[int]:
    """Indices of ``doc``'s sentence units that say what a citation cites: each citing sentence
    and the one before it; the first LEAD_SENTENCES when no citation has a position."""
    units = texts.units(doc)
    rows: set[int] = set()
    for citation in citations:
        if citation.start is None:
            continue
        for i, unit in enumerate(units):
            if unit.span.start <= citation.start < unit.span.end:
                rows.update((i, max(i - 1, 0)))
    return sorted(rows) or list(range(min(LEAD_SENTENCES, len(units))))


def _closeness(
    doc: AnnotatedArticle, rows: list[int], other: AnnotatedArticle, texts: SentenceTexts
) -> float | None:
    """The best cosine between ``doc``'s sentences ``rows`` and any sentence of ``other``
    (multilingual sentence vectors); None without an embedder."""
    va, vb = texts.vectors(doc), texts.vectors(other)
    if va is None or vb is None or len(va) == 0 or len(vb) == 0 or not rows:
        return None
    return float(cosine_matrix(va[rows], vb).max())


def _outlet_name(name: str, parent: AnnotatedArticle | None, identity: OutletIdentity) -> str:
    """The catalogue name; for an outlet the catalogue lacks, the name it gives itself."""
    canonical = identity.canonical(name)
    if canonical != name.strip() or parent is None or not parent.article.outlet:
        return canonical
    return parent.article.outlet


def _citing_evidence(doc: AnnotatedArticle, citations: Iterable[Citation]) -> list[DerivationEvidence]:
    out: list[DerivationEvidence] = []
    seen: set[tuple[int | None, int | None, str | None]] = set()
    for c in citations:
        if c.start is None:
            item = DerivationEvidence(doc.article.id, None, None, text=c.text)
        else:
            sentence = sentence_at(doc.sentences, c.start) if doc.sentences else None
            span = sentence or Span(c.start, c.end or c.start + 1)
            item = DerivationEvidence(doc.article.id, span.start, span.end)
        key = (item.start, item.end, item.text)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _citations(
    doc: AnnotatedArticle, others: Sequence[AnnotatedArticle], ctx: _Context, translated: Derivation | None
) -> list[Derivation]:
    out: list[Derivation] = []
    translated_key = (
        ctx.identity.key(translated.derived_from.outlet)
        if translated is not None and translated.derived_from.outlet
        else None
    )
    for key, citations in _cited_groups(doc, ctx.identity).items():
        if key == translated_key:
            continue  # the translation record carries these citations
        if all(c.kind == CitationKind.PHOTO_CREDIT for c in citations):
            continue  # a picture says nothing of the text; see _credited_wire and reuse
        name = citations[0].outlet
        parent = _outlet_article(name, doc, others, ctx.identity, ctx.texts, citations)
        evidence = _citing_evidence(doc, citations)
        reasons = [f"cites {name}: " + "; ".join(dict.fromkeys(c.text for c in citations))]
        if parent is not None:
            anchor = next((e for e in evidence if e.start is not None and e.end is not None), None)
            match = (
                best_sentence(doc, Span(anchor.start, anchor.end), parent, ctx.texts)
                if anchor is not None and anchor.start is not None and anchor.end is not None
                else None
            )
            if match is not None:
                evidence.append(DerivationEvidence(parent.article.id, match.start, match.end))
            reasons.append(f"{parent.article.id} is {name}'s article, not published after this one, "
                           "closest to what this one cites")
        role = citation_role(doc, citations)
        out.append(
            Derivation(
                article=doc.article.id,
                derived_from=DerivedFrom(
                    parent.article.id if parent else None, _outlet_name(name, parent, ctx.identity)
                ),
                kind=DerivationKind.CITATION,
                evidence=tuple(evidence),
                direction=DerivationDirection.CITATION,
                role=role,
                citation_kinds=tuple(dict.fromkeys(str(c.kind) for c in citations)),
                reasons=(*reasons, _role_reason(role)),
            )
        )
    return out


def _role_reason(role: CitationRole) -> str:
    if role == CitationRole.SOURCE:
        return "role source: a credit line, or the citation carries the lead"
    return "role mention: cited outside the lead, or as the report the lead denies or declines"


# -- translation ---------------------------------------------------------------------------


def _stated_translation(
    doc: AnnotatedArticle, others: Sequence[AnnotatedArticle], ctx: _Context
) -> Derivation | None:
    article = doc.article
    stated = [c for c in doc.citations if c.kind == CitationKind.TRANSLATED_FROM]
    if not article.translated_from and not stated:
        return None
    credited = [c for c in doc.citations if c.kind in _PAGE_CREDITS]
    name = article.original_outlet or (credited[0].outlet if credited else None)
    pool = [
        o
        for o in others
        if pub.not_after(o.article.published, article.published)
        and (article.translated_from is None or o.article.language in (None, article.translated_from))
        and (name is None or ctx.identity.same(name, o.article.outlet))
    ]
    best: tuple[AnnotatedArticle, TextMatch] | None = None
    for other in pool:
        match = compare(doc, other, ctx.texts)
        if match is not None and (best is None or match.coverage.a > best[1].coverage.a):
            best = (other, match)
    parent = (
        best[0]
        if best
        else (min(pool, key=lambda o: pub.sort_key(o.article.published)) if pool and name else None)
    )
    evidence = _citing_evidence(doc, credited)
    reasons = [f"the page is marked as translated from {article.translated_from or 'another language'}"]
    if name:
        reasons.append(f"it credits {name}")
    similarity = None
    if best is not None:
        evidence.extend(_pair_evidence(doc, best[0], best[1]))
        similarity = round(best[1].coverage.a, 3)
        reasons.append(_coverage_reason(best[1], best[1].coverage.a))
    return Derivation(
        article=article.id,
        derived_from=DerivedFrom(
            parent.article.id if parent else None, _outlet_name(name, parent, ctx.identity) if name else None
        ),
        kind=DerivationKind.TRANSLATION,
        evidence=tuple(evidence),
        direction=DerivationDirection.CITATION,
        similarity=similarity,
        role=CitationRole.SOURCE if credited else None,
        citation_kinds=tuple(
            dict.fromkeys(str(c.kind) for c in doc.citations if name and ctx.identity.same(c.outlet, name))
        ),
        reasons=tuple(reasons),
    )


# -- shared text: reuse, cross-lingual translation, wire copy ---------------------------------


def _pair_evidence(
    derived: AnnotatedArticle, source: AnnotatedArticle, match: TextMatch
) -> list[DerivationEvidence]:
    """Both sides of each aligned sentence pair; ``match`` is (derived, source) ordered."""
    out: list[DerivationEvidence] = []
    for number, (a, b) in enumerate(zip(match.a_spans, match.b_spans, strict=True)):
        out.append(DerivationEvidence(derived.article.id, a.start, a.end, pair=number))
        out.append(DerivationEvidence(source.article.id, b.start, b.end, pair=number))
    return out


def _coverage_reason(match: TextMatch, share: float) -> str:
    how = "by sentence embeddings, in order" if match.cross_lingual else "by shared 5-word sequences"
    return f"{len(match.pairs)} sentences aligned {how}: {share:.0%} of the derived article's words"


def _credits(doc: AnnotatedArticle, other: AnnotatedArticle, identity: OutletIdentity) -> list[str]:
    """How ``doc`` names ``other``'s outlet: citations of any kind, credit lines, dateline."""
    outlet = other.article.outlet
    if not outlet or identity.same(outlet, doc.article.outlet):
        return []
    found = [c.text for c in doc.citations if identity.same(c.outlet, outlet)]
    found.extend(text for name, text in _page_credit_names(doc) if identity.same(name, outlet))
    return list(dict.fromkeys(found))


def _page_credit_names(doc: AnnotatedArticle) -> list[tuple[str, str]]:
    """Names in parenthesised credits of the page and its dateline: "(KNA)", "(Reuters)"."""
    out: list[tuple[str, str]] = []
    texts = [*doc.article.credits, doc.article.dateline_text or ""]
    for text in texts:
        start = text.rfind("(")
        end = text.find(")", start)
        if start >= 0 and end > start + 1:
            inner = text[start + 1 : end].strip()
            if inner and len(inner.split()) <= 4:  # a name, not a reporting-credits sentence
                out.append((inner, text[start : end + 1]))
    return out


def _text_derivations(doc: AnnotatedArticle, other: AnnotatedArticle, ctx: _Context) -> list[Derivation]:
    match = compare(doc, other, ctx.texts)
    if match is None:
        return []
    doc_credits, other_credits = _credits(doc, other, ctx.identity), _credits(other, doc, ctx.identity)
    order = pub.before(other.article.published, doc.article.published)
    if order is not None:
        direction = DerivationDirection.PUBLICATION_ORDER
        derived_is_doc = order
    elif bool(doc_credits) != bool(other_credits):
        direction = DerivationDirection.CITATION
        derived_is_doc = bool(doc_credits)
    else:
        return [_undecided(doc, other, match)]
    if derived_is_doc:
        derived, source, aligned, credits = doc, other, match, doc_credits
    else:
        derived, source, credits = other, doc, other_credits
        aligned = TextMatch(
            match.kind, match.pairs, match.coverage, match.b_spans, match.a_spans, match.cross_lingual
        )
    share = match.coverage.a if derived_is_doc else match.coverage.b
    evidence = tuple(_pair_evidence(derived, source, aligned))
    reasons = [_coverage_reason(match, share), _direction_reason(direction, derived, source, credits)]
    record = Derivation(
        article=derived.article.id,
        derived_from=DerivedFrom(source.article.id, source.article.outlet),
        kind=match.kind,
        evidence=evidence,
        direction=direction,
        similarity=round(share, 3),
        reasons=tuple(reasons),
    )
    out = [record]
    if (
        source.article.outlet
        and ctx.identity.is_wire(source.article.outlet)
        and not ctx.identity.same(source.article.outlet, derived.article.outlet)
    ):
        wire_reasons = [f"shares passages with {source.article.outlet}, a wire agency"]
        if credits:
            wire_reasons.append("credits it: " + "; ".join(credits))
        credit_items = tuple(DerivationEvidence(derived.article.id, None, None, text=t) for t in credits)
        out.append(
            Derivation(
                article=derived.article.id,
                derived_from=record.derived_from,
                kind=DerivationKind.WIRE,
                evidence=credit_items + evidence,
                direction=direction,
                similarity=record.similarity,
                reasons=(*wire_reasons, *reasons),
            )
        )
    return out


def _direction_reason(
    direction: DerivationDirection, derived: AnnotatedArticle, source: AnnotatedArticle, credits: list[str]
) -> str:
    if direction == DerivationDirection.PUBLICATION_ORDER:
        return (
            f"{source.article.id} was published first ({source.article.published} before "
            f"{derived.article.published})"
        )
    return f"{derived.article.id} names {source.article.outlet}: " + "; ".join(credits)


def _undecided(doc: AnnotatedArticle, other: AnnotatedArticle, match: TextMatch) -> Derivation:
    return Derivation(
        article=doc.article.id,
        derived_from=DerivedFrom(None, None),
        kind=match.kind,
        evidence=tuple(_pair_evidence(doc, other, match)),
        direction=DerivationDirection.UNDECIDED,
        similarity=round(max(match.coverage.a, match.coverage.b), 3),
        shared_with=other.article.id,
        reasons=(
            _coverage_reason(match, match.coverage.a),
            f"neither publication order ({doc.article.published} / {other.article.published}) nor a "
            f"credit says which of {doc.article.id} and {other.article.id} came first",
        ),
    )


def _credited_wire(
    doc: AnnotatedArticle, others: Sequence[AnnotatedArticle], ctx: _Context
) -> list[Derivation]:
    """Wire copy the page credits in words (a credit line, a dateline's "(Reuters)"), whether or
    not the agency's article is among the candidates; its passages are found by reuse."""
    out: list[Derivation] = []
    seen: set[str] = set()
    credited = [(c.outlet, c.text) for c in doc.citations if c.kind == CitationKind.CREDIT]
    for name, text in [*credited, *_page_credit_names(doc)]:
        if ctx.identity.same(name, doc.article.outlet) or not ctx.identity.is_wire(name):
            continue
        key = ctx.identity.key(name)
        if key in seen:
            continue
        seen.add(key)
        parent = _outlet_article(name, doc, others, ctx.identity)
        out.append(
            Derivation(
                article=doc.article.id,
                derived_from=DerivedFrom(
                    parent.article.id if parent else None, _outlet_name(name, parent, ctx.identity)
                ),
                kind=DerivationKind.WIRE,
                evidence=(DerivationEvidence(doc.article.id, None, None, text=text),),
                direction=DerivationDirection.CITATION,
                reasons=(f"the page credits the wire agency {name}: {text}",),
            )
        )
    return out


def derive_all(
    articles: Sequence[AnnotatedArticle], embedder: Embedder | None, *, catalog: OutletCatalog | None = None
) -> list[Derivation]:
    """Every derivation among ``articles`` (one story): each article against the others, each
    pair's record once."""
    texts = SentenceTexts(embedder)
    found: list[Derivation] = []
    for doc in articles:
        found.extend(derive(doc, articles, embedder, catalog=catalog, texts=texts))
    return _unique(found)


def _unique(found: list[Derivation]) -> list[Derivation]:
    """One record per (derived, source, kind): a credited wire record and the same pair found by
    shared passages are one, the one with passages kept."""
    out: dict[tuple[str, ...], Derivation] = {}
    for d in found:
        key = _record_key(d)
        kept = out.get(key)
        if kept is None or len(d.evidence) > len(kept.evidence):
            out[key] = d
    return list(out.values())


def _record_key(d: Derivation) -> tuple[str, ...]:
    if d.direction == DerivationDirection.UNDECIDED and d.shared_with is not None:
        # An undecided pair is found from both sides: one record for the two.
        first, second = sorted((d.article, d.shared_with))
        return ("undecided", first, second, str(d.kind))
    source = d.derived_from.article or f"outlet:{d.derived_from.outlet}"
    return (d.article, source, str(d.kind))
