"""CSV tables of an analysis, one file per table (docs/schema.md, "CSV tables").

Tables: ``articles``, ``entities``, ``places``, ``quotes``, ``claims`` (story-level; each article's
own claims stand in when the input has none), ``article_claims`` (each article's claims in full),
and ``stories`` and ``derivations`` when the input has them. RFC 4180 via the csv module (CRLF line
ends, quoting where needed), UTF-8 without a byte-order mark; list cells join their items with
``; ``.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as
a formula (CSV injection, OWASP): such a text cell gets a leading ``'``. News text is hostile input,
so every text cell is treated so; numbers are written as numbers and left alone.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from wirewatch.model import AnnotatedArticle
from wirewatch.present.analysis import Analysis, Ref

Cell = str | int | float | bool | None
Table = tuple[list[str], list[list[Cell]]]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "


def neutralise(value: Cell) -> str | int | float:
    """The value as a safe cell: text that a spreadsheet would run as a formula gets a ``'``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _joined(items: Iterable[object]) -> str:
    return LIST_SEPARATOR.join(str(item) for item in items if item is not None)


def _refs(refs: Iterable[Ref]) -> str:
    return _joined(f"{r.article}:{r.start}-{r.end}" if r.start is not None else r.article for r in refs)


def _articles(analysis: Analysis) -> Table:
    header = ["id", "story", "outlet", "title", "published", "language", "translated_from",
              "original_outlet", "url", "byline", "source", "words", "comments"]
    rows: list[list[Cell]] = []
    for doc in analysis.articles:
        a = doc.article
        rows.append([a.id, analysis.story_of(a.id), a.outlet, a.title, a.published, a.language,
                     a.translated_from, a.original_outlet, a.url, a.byline, a.source,
                     len(a.body.split()), len(a.comments)])
    return header, rows


def _per_article(analysis: Analysis, header: list[str],
                 rows_of: Callable[[AnnotatedArticle], Iterable[list[Cell]]]) -> Table:
    return header, [[doc.article.id, *row] for doc in analysis.articles for row in rows_of(doc)]


def _entities(analysis: Analysis) -> Table:
    return _per_article(
        analysis, ["article", "entity", "name", "type", "join_key", "mentions", "aliases"],
        lambda doc: ([e.id, e.name, str(e.type), e.join_key, len(e.mentions), _joined(e.aliases)]
                     for e in doc.entities))


def _places(analysis: Analysis) -> Table:
    return _per_article(
        analysis, ["article", "name", "geonameid", "lat", "lon", "country", "feature", "mentions"],
        lambda doc: ([p.name, p.geonameid, p.lat, p.lon, p.country, p.feature, len(p.mentions)]
                     for p in doc.places))


def _quotes(analysis: Analysis) -> Table:
    return _per_article(
        analysis, ["article", "index", "text", "speaker", "speaker_entity", "speaker_type",
                   "speaker_description", "cue", "direct", "channel", "start", "end"],
        lambda doc: ([i, q.text, q.speaker, q.speaker_entity, str(q.speaker_type), q.speaker_description,
                      q.cue, q.direct, q.channel, q.start, q.end] for i, q in enumerate(doc.quotes)))


def _article_claims(analysis: Analysis) -> Table:
    return _per_article(
        analysis, ["article", "claim", "text", "subject", "predicate", "object", "place", "time",
                   "attributed_to", "sourcing", "polarity", "modality", "channel", "evidence"],
        lambda doc: ([c.id, c.text, c.subject, c.predicate, c.object, c.place, c.time, c.attributed_to,
                      str(c.sourcing), str(c.polarity), None if c.modality is None else str(c.modality),
                      c.channel, _joined(f"{e.start}-{e.end}" for e in c.evidence)] for c in doc.claims))


def _claims(analysis: Analysis) -> Table:
    header = ["id", "story", "text", "reported_by", "origins", "independent_origins", "sourcing",
              "reliability", "credibility", "grade", "contradicted_by", "non_answers", "reasons", "evidence"]
    rows: list[list[Cell]] = []
    for c in analysis.claims:
        origins = _joined(o.outlet or o.article or o.source for o in c.origins)
        rows.append([
            c.id, c.story, c.text, _joined(c.reported_by), origins, c.independent_origins,
            _joined(c.sourcing), c.grade.reliability if c.grade else None,
            c.grade.credibility if c.grade else None, c.grade.code if c.grade else None,
            _joined(c.contradicted_by), _joined(n.text or _refs(n.evidence) for n in c.non_answers),
            _joined(r.text for r in c.reasons), _refs(c.evidence)])
    return header, rows


def _stories(analysis: Analysis) -> Table:
    header = ["id", "title", "first_seen", "last_updated", "article_count", "articles", "languages",
              "outlets"]
    return header, [[s.id, s.title, s.first_seen, s.last_updated, len(s.articles), _joined(s.articles),
                     _joined(s.languages), _joined(s.outlets)] for s in analysis.stories]


def _derivations(analysis: Analysis) -> Table:
    header = ["article", "derived_from_article", "derived_from_outlet", "kind", "evidence"]
    return header, [[d.article, d.from_article, d.from_outlet, d.kind, _refs(d.evidence)]
                    for d in analysis.derivations]


def csv_tables(analysis: Analysis) -> dict[str, Table]:
    """Each table by name: (header, rows). ``stories`` and ``derivations`` only when the input has them."""
    tables = {
        "articles": _articles(analysis),
        "entities": _entities(analysis),
        "places": _places(analysis),
        "quotes": _quotes(analysis),
        "claims": _claims(analysis),
        "article_claims": _article_claims(analysis),
    }
    if analysis.has_stories:
        tables["stories"] = _stories(analysis)
    if analysis.has_derivations:
        tables["derivations"] = _derivations(analysis)
    return tables


def table_text(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """One table as RFC 4180 CSV text, every cell neutralised."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def write_csv(analysis: Analysis, output: str | Path) -> list[Path]:
    """The tables as ``NAME.csv`` files: into a zip archive when ``output`` ends in ``.zip``,
    else into the directory ``output`` (created). Returns the paths written (the archive's one)."""
    output = Path(output)
    texts = {f"{name}.csv": table_text(*table) for name, table in csv_tables(analysis).items()}
    if output.suffix.lower() == ".zip":
        with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, text in texts.items():
                # A fixed date keeps the archive's bytes the same for the same analysis.
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, text.encode("utf-8"))
        return [output]
    output.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in texts.items():
        path = output / name
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    return paths
