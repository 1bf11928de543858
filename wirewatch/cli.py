"""The ``wirewatch`` command: a thin layer over the library.

``main(argv)`` parses arguments and calls library functions; library errors become one-line
messages on stderr and meaningful exit codes, never tracebacks.

Exit codes: 0 everything was analysed (warnings and duplicates included); 1 some inputs could
not be read or analysed (the rest were); 2 usage, settings or store error.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from wirewatch import __version__
from wirewatch.console import ConsoleSink, progress_wanted
from wirewatch.errors import StoreError
from wirewatch.ingest.files import IngestOptions, iter_documents
from wirewatch.present.errors import PdfUnavailableError, UnknownStoryError
from wirewatch.settings import Settings, SettingsError, load_settings
from wirewatch.sinks import CollectingSink, JsonDocumentSink, JsonLinesSink, Sink, TeeSink

if TYPE_CHECKING:
    from wirewatch.link.batch import BatchLinker
    from wirewatch.model import InputError
    from wirewatch.present.analysis import Analysis
    from wirewatch.run import RunTally
    from wirewatch.store import Store

EXIT_OK = 0
EXIT_SOME_INPUTS_FAILED = 1
EXIT_USAGE = 2
EXPORT_FORMATS = ["json", "csv", "geojson", "stix", "timeline"]


def _add_input_options(parser: argparse.ArgumentParser, *, store: bool = False) -> None:
    parser.add_argument("paths", nargs="*" if store else "+", metavar="PATH",
                        help="files (.txt, .html, .htm, .jsonl, .json, optionally .gz), directories, "
                        "or - for standard input (format sniffed)" + (
                            "; none with --db, which reads the store's stories instead" if store else ""))
    parser.add_argument("--max-mb", type=float, default=None,
                        help="largest page analysed, in MB (default: setting max_mb, 20)")
    parser.add_argument("--config", default=None, help="TOML settings file")
    parser.add_argument("-j", "--workers", type=int, default=None,
                        help="processes that parse and annotate in parallel (default: setting workers, 1)")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="no tally line, duplicate notes or progress bar on stderr "
                        "(failed inputs and warnings are still named)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wirewatch",
        description="Turn news pages into clean, annotated, sourced articles. Runs offline.",
        epilog="Example: wirewatch analyze demo/corpus --format summary",
    )
    parser.add_argument("--version", action="version", version=f"wirewatch {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    analyze = commands.add_parser(
        "analyze",
        help="analyse pages and print JSON (no store)",
        description="Parse and annotate pages; print the JSON document described in "
        "docs/schema.md, or JSON Lines as articles are done. Bad inputs are reported on stderr, "
        "one line each; the rest goes on. A progress bar shows on a terminal for long runs.",
        epilog="Examples: wirewatch analyze ../shared/corpus/seeds -o seeds.json; "
        "wirewatch analyze feed.jsonl --format jsonl > articles.jsonl",
    )
    _add_input_options(analyze)
    analyze.add_argument("--format", choices=["json", "jsonl", "summary"], default="json",
                         help="json (default): the full document; jsonl: one article per line, "
                         "written as each is done; summary: a readable digest")
    analyze.add_argument("-o", "--output", default=None,
                         help="write the JSON (or JSON Lines) to this file (stdout when absent)")

    export = commands.add_parser(
        "export",
        help="export an analysis as JSON, CSV tables, GeoJSON, STIX 2.1 or timeline data",
        description="Analyse pages, or read back an earlier `wirewatch analyze` output (JSON or "
        "JSON Lines) without analysing again, and write one export (docs/schema.md): json, the analyze "
        "document; csv, one table per file (articles, entities, places, quotes, claims, article_claims, "
        "and stories and derivations when the input has them) into the directory or .zip that -o names; "
        "geojson, a FeatureCollection of the places with the articles and sentences that mention them; "
        "stix, a STIX 2.1 bundle (Report and Grouping per story, Identity, Location, Note, Opinion); "
        "timeline, the time expressions resolved against each article's publication date. "
        "--story keeps one story of the input.",
        epilog="Examples: wirewatch export --format stix demo/corpus -o demo.stix.json; "
        "wirewatch export --format csv seeds.json -o tables.zip; wirewatch export --geojson seeds.json",
    )
    export.add_argument("--format", choices=EXPORT_FORMATS, default=None, dest="export",
                        help="what to write (default: json)")
    export.add_argument("--geojson", action="store_const", const="geojson", dest="export",
                        help="the same as --format geojson")
    export.add_argument("--timeline", action="store_const", const="timeline", dest="export",
                        help="the same as --format timeline")
    export.add_argument("--story", default=None, metavar="ID",
                        help="only this story (an id of the input's stories; 'all' when it has none)")
    _add_input_options(export, store=True)
    export.add_argument("--db", default=None, metavar="URL",
                        help="export the store's articles, stories, derivations and claims instead of PATHs")
    export.add_argument("-o", "--output", default=None,
                        help="write to this file (stdout when absent); for csv a directory or a .zip file")

    brief = commands.add_parser(
        "brief",
        help="write the analyst's brief on one story (Markdown, HTML or PDF)",
        description="The brief on one story of an analysis: bottom line up front, key claims with "
        "their grade and independent origins, what is unconfirmed, who denies what, the timeline, "
        "a map and the sources, every statement footnoted to its articles and sentences. Reads "
        "pages or an earlier `wirewatch analyze` output. Without stories in the input, STORY 'all' "
        "is every article.",
        epilog="Examples: wirewatch brief s1 analysis.json --format html -o s1.html; "
        "wirewatch brief all demo/corpus > brief.md",
    )
    brief.add_argument("story", metavar="STORY", help="the story's id")
    _add_input_options(brief, store=True)
    brief.add_argument("--db", default=None, metavar="URL",
                       help="the brief on a story of the store instead of PATHs")
    brief.add_argument("--format", choices=["md", "html", "pdf"], default="md",
                       help="md (default): Markdown; html: a standalone page with no script; pdf: "
                       "needs WeasyPrint (pip install 'wirewatch[pdf]')")
    brief.add_argument("-o", "--output", default=None, help="write to this file (stdout when absent)")

    serve = commands.add_parser(
        "serve",
        help="the analyst's desk: web pages and JSON API",
        description="Serve the web app and the JSON API (/api/, OpenAPI at /openapi.json) over a "
        "saved `wirewatch analyze` output (--input) or a store (--db). Listens on 127.0.0.1 unless "
        "--host says otherwise; beyond loopback, write endpoints need --token (or the "
        "WIREWATCH_TOKEN environment variable) unless --read-only.",
        epilog="Example: wirewatch analyze demo/corpus -o demo.json && wirewatch serve --input demo.json",
    )
    origin = serve.add_mutually_exclusive_group()
    origin.add_argument("--input", default=None, help="a saved analyze JSON document")
    origin.add_argument("--db", default=None, metavar="URL",
                        help="the store: sqlite:///PATH or postgresql://USER@HOST/DB (the default when "
                        "--input is absent: setting db, $WIREWATCH_DB, else wirewatch.db in data_dir)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument("--read-only", action="store_true", help="refuse every write request")
    serve.add_argument("--token", default=None,
                       help="token write requests must send as 'Authorization: Bearer TOKEN' "
                       "(default: WIREWATCH_TOKEN)")
    serve.add_argument("--config", default=None, help="TOML settings file")
    _add_store_commands(commands)

    setup = commands.add_parser(
        "setup",
        help="build the gazetteer index ahead of the first analysis",
        description="Build the offline gazetteer index under the cache_dir setting (about 25 s, "
        "once per machine and package versions); analyze would otherwise build it on first use.",
        epilog="Example: wirewatch setup --config wirewatch.toml",
    )
    setup.add_argument("--config", default=None, help="TOML settings file")
    setup.add_argument("--force", action="store_true", help="rebuild even when the index exists")
    return parser


def _add_reader_options(parser: argparse.ArgumentParser) -> None:
    """--db, --config and --json: what every command that only reads the store takes."""
    _add_db_option(parser)
    parser.add_argument("--config", default=None, help="TOML settings file")
    parser.add_argument("--json", action="store_true", help="JSON on stdout (docs/schema.md)")


def _add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=None, metavar="URL",
                        help="the store: sqlite:///PATH or postgresql://USER@HOST/DB (default: setting "
                        "db, $WIREWATCH_DB, else wirewatch.db in the data_dir setting)")


def _add_store_commands(commands: Any) -> None:
    ingest = commands.add_parser(
        "ingest",
        help="analyse pages and keep them in the store",
        description="Analyse pages (or read back a saved `wirewatch analyze` output without analysing "
        "again) and store the articles: new ones are added, ones stored already are left as they "
        "are, an article whose page changed is updated and its earlier version kept. Each batch is "
        "one transaction, linked in it into near-duplicates and stories, whose derivations and "
        "claims are assessed again (not with --no-link). Prints how many were added, unchanged, "
        "updated and re-analysed.",
        epilog="Example: wirewatch ingest demo/corpus --db sqlite:///news.db",
    )
    _add_input_options(ingest)
    _add_db_option(ingest)
    ingest.add_argument("--json", action="store_true", help="print the counts as JSON on stdout")
    ingest.add_argument("--no-link", action="store_true",
                        help="store the articles without linking them into stories and near-duplicates")

    reanalyze = commands.add_parser(
        "reanalyze",
        help="annotate stored articles again with the current pipeline",
        description="Annotate again, from their stored text, the stored articles that another "
        "pipeline (models, data or word lists of another version: their fingerprint) annotated; "
        "with --all, every stored article. What changes is linked again (stories, derivations, claims).",
        epilog="Example: wirewatch reanalyze --db sqlite:///news.db",
    )
    _add_db_option(reanalyze)
    reanalyze.add_argument("--all", action="store_true", help="every article, not only the stale ones")
    reanalyze.add_argument("--config", default=None, help="TOML settings file")
    reanalyze.add_argument("-q", "--quiet", action="store_true", help="no tally line on stderr")
    reanalyze.add_argument("--json", action="store_true", help="print the counts as JSON on stdout")

    search = commands.add_parser(
        "search",
        help="full-text search of the stored articles",
        description="Find stored articles whose title, body or quotes match QUERY, in any inflection "
        "(Russian and English): words all match, \"a phrase\", a OR b, -word excludes.",
        epilog='Example: wirewatch search "водохранилище OR reservoir" --limit 5',
    )
    search.add_argument("query", metavar="QUERY")
    _add_db_option(search)
    search.add_argument("--limit", type=int, default=10, help="hits shown (default 10)")
    search.add_argument("--offset", type=int, default=0, help="hits skipped first (default 0)")
    search.add_argument("--config", default=None, help="TOML settings file")
    search.add_argument("--json", action="store_true", help="JSON on stdout (docs/schema.md)")

    stories = commands.add_parser(
        "stories",
        help="the stories of the store",
        description="List the stored stories (the linker's grouping of the articles that report one "
        "event), oldest first: id, title, articles, first seen and last updated, languages, outlets.",
        epilog="Example: wirewatch stories --db sqlite:///news.db --json",
    )
    _add_reader_options(stories)

    story = commands.add_parser(
        "story",
        help="one stored story: its articles, derivations and claims",
        description="Show one stored story: its articles, near-duplicates, who derived from whom, "
        "and its claims with their independent origins and grades.",
        epilog="Example: wirewatch story s1 --db sqlite:///news.db",
    )
    story.add_argument("story_id", metavar="ID", help="the story's id (wirewatch stories lists them)")
    _add_reader_options(story)

    claims = commands.add_parser(
        "claims",
        help="the stored story-level claims with their origins and grades",
        description="List the story-level claims of the store (of one story with --story): text, "
        "the articles reporting it, independent origins, sourcing, contradictions, non-answers and "
        "the Admiralty grade with its reasons.",
        epilog="Example: wirewatch claims --story s1 --db sqlite:///news.db --json",
    )
    claims.add_argument("--story", default=None, metavar="ID", help="only this story's claims")
    _add_reader_options(claims)

    stats = commands.add_parser(
        "stats",
        help="counts of what the store holds",
        description="Count the stored articles, stories, entities (distinct join keys), outlets, "
        "languages, duplicates and earlier versions kept.",
        epilog="Example: wirewatch stats --json",
    )
    _add_reader_options(stats)


def _run(args: argparse.Namespace, settings: Settings, outputs: list[Sink]) -> RunTally:
    """Analyse the input paths into ``outputs``, with error lines and the progress bar on stderr."""
    from wirewatch.run import RunOptions, build_pipeline, run

    documents = iter_documents(args.paths, IngestOptions(max_bytes=settings.max_bytes))
    options = RunOptions(workers=settings.workers, batch_size=settings.batch_size,
                         memory_mb=settings.memory_mb)
    factory = functools.partial(build_pipeline, settings)
    with ConsoleSink(sys.stderr, progress_wanted(sys.stderr, args.quiet), quiet=args.quiet) as console:
        return run(documents, TeeSink(console, *outputs), options, factory=factory)


def _setup(args: argparse.Namespace, settings: Settings) -> int:
    from wirewatch.geo.gazetteer import build_gazetteer, cache_path

    path = cache_path(settings.cache_dir)
    if path.exists() and not args.force:
        print(f"wirewatch: the gazetteer index is already built at {path}", file=sys.stderr)
    else:
        build_gazetteer(path, sys.stderr)
    return EXIT_OK


def _linker(settings: Settings) -> BatchLinker:
    """The in-memory story and near-duplicate linker of one analyze run."""
    from wirewatch.link.batch import BatchLinker
    from wirewatch.link.stories import weights_for
    from wirewatch.resources.embeddings import build_embedder

    return BatchLinker(build_embedder(settings.story_embedder), story_language=settings.story_language,
                       weights=weights_for(settings.story_embedder, settings.story_window_days),
                       assess=True, assess_articles=settings.link_assess_articles)


def _analyze(args: argparse.Namespace, settings: Settings) -> int:
    linker = _linker(settings)  # one per run, handed to the one output that writes or shows stories
    with contextlib.ExitStack() as stack:
        stream = stack.enter_context(open(args.output, "w", encoding="utf-8")) if args.output else None
        collected = CollectingSink(linker if args.format == "summary" and stream is None else None)
        document: JsonDocumentSink | None = None
        outputs: list[Sink] = []
        if args.format == "summary":
            # The digest needs every article; the JSON document still goes to --output if asked.
            outputs.append(collected)
            if stream is not None:
                document = JsonDocumentSink(stream, linker)
                outputs.append(document)
        elif args.format == "jsonl":
            outputs.append(JsonLinesSink(stream or sys.stdout, linker))
        else:
            outputs.append(JsonDocumentSink(stream or sys.stdout, linker))
        tally = _run(args, settings, outputs)
    if args.format == "summary":
        from wirewatch.present.summary import summary_text

        linked = document if document is not None else collected
        sys.stdout.write(summary_text(collected.articles, collected.errors, linked.stories,
                                      linked.derivations, linked.claims))
    return _tally(args, tally, "analysed")


def _analysis(args: argparse.Namespace, settings: Settings) -> tuple[Analysis, RunTally]:
    """The analysis of the input paths: earlier analyze outputs read back (their articles and their
    stories, claims, derivations and duplicates), the other paths analysed now; or, with --db, the
    store's document."""
    if args.db:
        return _store_analysis(args, settings)
    if not args.paths:
        raise _UsageError("give PATHs to analyse or read, or --db URL to read a store")
    from wirewatch.ingest.analyzed import is_analyze_output
    from wirewatch.ingest.saved_lists import read_top_level_lists
    from wirewatch.present.analysis import analysis_from_document
    from wirewatch.present.json_output import report_to_json

    # An earlier `analyze` output (JSON or JSON Lines) is read back, not analysed again.
    saved = [path for path in args.paths if Path(path).is_file() and is_analyze_output(path)]
    args.paths = [path for path in args.paths if path not in saved]
    # Pages analysed now are linked into stories as analyze would; saved outputs bring their own.
    fresh = CollectingSink(_linker(settings)) if args.paths else CollectingSink()
    collected = CollectingSink()
    tally = _read_saved(saved, collected, sys.stderr)
    if args.paths:
        analysed = _run(args, settings, [fresh])
        tally.articles += analysed.articles
        tally.errors += analysed.errors
    document = report_to_json([*collected.articles, *fresh.articles], [*collected.errors, *fresh.errors],
                              [*collected.warnings, *fresh.warnings],
                              [*collected.duplicates, *fresh.duplicates], fresh.stories,
                              fresh.derivations if args.paths else None, fresh.claims if args.paths else None)
    for path in saved:
        for key, items in read_top_level_lists(path).items():
            document[key] = [*document.get(key, []), *items]
    return analysis_from_document(document, [*collected.articles, *fresh.articles]), tally


class _UsageError(Exception):
    """A command line that cannot run (one line on stderr, exit code 2)."""


def _store_analysis(args: argparse.Namespace, settings: Settings) -> tuple[Analysis, RunTally]:
    """The store's analyze document as an analysis (``export --db``, ``brief --db``)."""
    from wirewatch.present.analysis import analysis_from_document
    from wirewatch.run import RunTally
    from wirewatch.store.documents import store_document

    if args.paths:
        raise _UsageError("give PATHs or --db, not both")
    story = getattr(args, "story", None)
    with _open_store(settings) as store:
        try:
            document = store_document(store, story if story not in (None, "all") else None)
        except KeyError:
            raise UnknownStoryError(f"no story {story!r} in the store {store.url}: wirewatch stories "
                                    "lists them") from None
    analysis = analysis_from_document(document)
    return analysis, RunTally(articles=len(analysis.articles))


def _export(args: argparse.Namespace, settings: Settings) -> int:
    from wirewatch.present import exports

    args.export = args.export or "json"
    if args.export == "csv" and not args.output:
        print("wirewatch: error: --format csv writes several tables: give -o DIR or -o FILE.zip",
              file=sys.stderr)
        return EXIT_USAGE
    analysis, tally = _analysis(args, settings)
    if args.story is not None:
        analysis = analysis.for_story(args.story)
    if args.export == "csv":
        from wirewatch.present.csv_tables import write_csv

        write_csv(analysis, args.output)
    else:
        _write(args.output, exports.export_text(analysis, args.export))
    return _tally(args, tally, f"exported {args.export} from")


def _open_store(settings: Settings) -> Store:
    from wirewatch.store import Store, default_url

    return Store.open(default_url(settings))


def _ingest(args: argparse.Namespace, settings: Settings) -> int:
    from wirewatch.store.ingest import ingest_paths

    with _open_store(settings) as store, \
            ConsoleSink(sys.stderr, progress_wanted(sys.stderr, args.quiet), quiet=args.quiet) as console:
        report = ingest_paths(store, args.paths, settings, link=not args.no_link,
                              observer=console)
    counts = report.to_dict()
    if args.json:
        print(json.dumps(counts))
    if not args.quiet:
        print("wirewatch: stored " + ", ".join(f"{n} {what}" for what, n in counts.items())
              + f" in {store.url}", file=sys.stderr)
    return EXIT_SOME_INPUTS_FAILED if report.errors else EXIT_OK


def _outcomes() -> list[str]:
    from wirewatch.store import AddOutcome

    return [str(outcome) for outcome in AddOutcome]


def _reanalyze(args: argparse.Namespace, settings: Settings) -> int:
    from wirewatch.resources.fingerprint import pipeline_fingerprint
    from wirewatch.run import build_pipeline
    from wirewatch.store.linking import StoreLinker
    from wirewatch.store.sink import reanalyze

    def report(error: InputError) -> None:
        print(f"wirewatch: error: {error}", file=sys.stderr)

    with _open_store(settings) as store:
        ids = store.ids() if args.all else store.stale(pipeline_fingerprint())
        counts: dict[str, int] = {outcome: 0 for outcome in _outcomes()}
        if ids:
            done = reanalyze(store, build_pipeline(settings).annotator, ids, batch_size=settings.batch_size,
                             on_error=report, linker=StoreLinker.from_settings(settings))
            counts.update({str(key): value for key, value in done.items()})
        counts.setdefault("errors", 0)
    if args.json:
        print(json.dumps(counts))
    if not args.quiet:
        print(f"wirewatch: re-analysed {len(ids)} article(s): "
              + ", ".join(f"{n} {what}" for what, n in counts.items()), file=sys.stderr)
    return EXIT_SOME_INPUTS_FAILED if counts["errors"] else EXIT_OK


def _search(args: argparse.Namespace, settings: Settings) -> int:
    if args.limit < 1 or args.offset < 0:
        print("wirewatch: error: --limit must be at least 1 and --offset at least 0", file=sys.stderr)
        return EXIT_USAGE
    with _open_store(settings) as store:
        hits = store.search(args.query, args.limit, args.offset)
    if args.json:
        print(json.dumps({"query": args.query, "offset": args.offset, "hits": [h.to_dict() for h in hits]},
                         ensure_ascii=False, indent=2))
        return EXIT_OK
    for hit in hits:
        where = " · ".join(part for part in (hit.outlet, hit.published, hit.language) if part)
        print(f"{hit.id}  {hit.title or '(untitled)'}  [{where}]\n    {hit.snippet}")
    if not hits:
        print("wirewatch: no stored article matches", file=sys.stderr)
    return EXIT_OK


def _stories(args: argparse.Namespace, settings: Settings) -> int:
    from wirewatch.store.documents import stored_stories

    with _open_store(settings) as store:
        stories = stored_stories(store)
    if args.json:
        print(json.dumps({"stories": [s.to_dict() for s in stories]}, ensure_ascii=False, indent=2))
        return EXIT_OK
    for story in stories:
        when = " – ".join(t for t in dict.fromkeys((story.first_seen, story.last_updated)) if t)
        print(f"{story.id}  {story.title or '(untitled)'}\n    {len(story.articles)} article(s)"
              f"{'  ' + when if when else ''}  [{', '.join(story.languages)}]  {', '.join(story.outlets)}")
    if not stories:
        print("wirewatch: the store has no stories (ingest links articles into stories)", file=sys.stderr)
    return EXIT_OK


def _story(args: argparse.Namespace, settings: Settings) -> int:
    from wirewatch.store.documents import story_detail

    with _open_store(settings) as store:
        detail = story_detail(store, args.story_id)
    if detail is None:
        raise UnknownStoryError(f"no story {args.story_id!r} in the store: wirewatch stories lists them")
    if args.json:
        print(json.dumps(detail.to_dict(), ensure_ascii=False, indent=2))
        return EXIT_OK
    story = detail.story
    print(f"{story.id}  {story.title or '(untitled)'}")
    print(f"    first seen {story.first_seen or 'unknown'}, last updated {story.last_updated or 'unknown'}; "
          f"languages {', '.join(story.languages) or 'unknown'}")
    print("Articles:")
    for doc in detail.articles:
        a = doc.article
        where = " · ".join(part for part in (a.outlet, a.published, a.language) if part)
        print(f"  {a.id}  {a.title or '(untitled)'}  [{where}]")
    if detail.duplicates:
        print("Near-duplicates:")
        for d in detail.duplicates:
            print(f"  {d.article} repeats {d.duplicate_of} (similarity {d.similarity})")
    if detail.derivations:
        print("Derivations:")
        for derivation in detail.derivations:
            source = derivation.derived_from.article or derivation.derived_from.outlet or "unknown"
            print(f"  {derivation.article} <- {source} ({derivation.kind})")
    _print_claims(detail.claims)
    return EXIT_OK


def _print_claims(claims: Sequence[Any]) -> None:
    if claims:
        print("Claims:")
    for claim in claims:
        grade = f"{claim.grade.reliability}{claim.grade.credibility}"
        print(f"  [{grade}] {claim.text}\n      {claim.independent_origins} independent origin(s), "
              f"{claim.sourcing}; reported by {len(claim.reported_by)} article(s)"
              + (f"; contradicted by {len(claim.contradicted_by)}" if claim.contradicted_by else "")
              + (f"; {len(claim.non_answers)} non-answer(s)" if claim.non_answers else ""))


def _claims(args: argparse.Namespace, settings: Settings) -> int:
    with _open_store(settings) as store:
        claims = store.story_claims(args.story)
    if args.json:
        print(json.dumps({"story": args.story, "claims": [c.to_dict() for c in claims]},
                         ensure_ascii=False, indent=2))
        return EXIT_OK
    _print_claims(claims)
    if not claims:
        print("wirewatch: no stored claim" + (f" in story {args.story}" if args.story else ""),
              file=sys.stderr)
    return EXIT_OK


def _stats(args: argparse.Namespace, settings: Settings) -> int:
    with _open_store(settings) as store:
        stats = store.stats().to_dict()
    if args.json:
        print(json.dumps(stats))
    else:
        width = max(len(name) for name in stats)
        sys.stdout.write("".join(f"{name:<{width}}  {count}\n" for name, count in stats.items()))
    return EXIT_OK
def _brief(args: argparse.Namespace, settings: Settings) -> int:
    from wirewatch.present.brief import build_brief
    from wirewatch.present.brief_render import brief_html, brief_pdf

    if args.format == "pdf" and not args.output:
        print("wirewatch: error: --format pdf needs -o FILE.pdf", file=sys.stderr)
        return EXIT_USAGE
    analysis, tally = _analysis(args, settings)
    brief = build_brief(analysis, args.story)
    if args.format == "pdf":
        Path(args.output).write_bytes(brief_pdf(brief))
    else:
        _write(args.output, brief.markdown() if args.format == "md" else brief_html(brief))
    return _tally(args, tally, f"brief on story {args.story} made from")


def _write(output: str | None, text: str) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def _read_saved(paths: Sequence[str], sink: Sink, errors: TextIO) -> RunTally:
    """Articles of earlier analyze outputs into ``sink``; their recorded errors go on stderr again."""
    from wirewatch.ingest.analyzed import read_analyzed
    from wirewatch.model import InputError
    from wirewatch.run import RunTally

    tally = RunTally()
    for path in paths:
        for record in read_analyzed(path):
            if isinstance(record, InputError):
                print(f"wirewatch: error: {record}", file=errors)
                sink.error(record)
                tally.errors += 1
            else:
                sink.article(record)
                tally.articles += 1
    return tally


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    import os

    from wirewatch.web.security import is_loopback

    token = args.token or os.environ.get("WIREWATCH_TOKEN") or None
    if not (is_loopback(args.host) or args.read_only or token):
        print(f"wirewatch: error: listening on {args.host} lets other machines write; give --token "
              "(or set WIREWATCH_TOKEN) or --read-only", file=sys.stderr)
        return EXIT_USAGE
    import uvicorn

    from wirewatch.desk import DeskSource, DocumentSource
    from wirewatch.web import create_app

    source: DeskSource
    if args.input is not None:
        try:
            source = DocumentSource.from_path(args.input)
        except (OSError, ValueError) as exc:  # json.JSONDecodeError included
            print(f"wirewatch: error: {args.input}: {exc}", file=sys.stderr)
            return EXIT_USAGE
        shown = args.input
    else:
        from wirewatch.desk.store_source import StoreSource

        store = _open_store(settings)  # StoreError: one line and exit 2, as for other store commands
        source, shown = StoreSource(store, settings), store.url
    app = create_app(source, read_only=args.read_only, token=token)
    print(f"wirewatch: serving {shown} at http://{args.host}:{args.port}/", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return EXIT_OK


def _tally(args: argparse.Namespace, tally: RunTally, done: str) -> int:
    """The one-line tally on stderr (not with --quiet) and the exit code."""
    if not args.quiet:
        extra = "".join(f", {count} {what}" for count, what in (
            (tally.warnings, "warning(s)"), (tally.duplicates, "duplicate(s)")) if count)
        print(f"wirewatch: {done} {tally.articles} article(s), {tally.errors} input(s) failed{extra}",
              file=sys.stderr)
    return EXIT_SOME_INPUTS_FAILED if tally.errors else EXIT_OK


_STORE_COMMANDS = {"ingest": _ingest, "reanalyze": _reanalyze, "search": _search, "stats": _stats,
                   "stories": _stories, "story": _story, "claims": _claims}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings(
            args.config, max_mb=getattr(args, "max_mb", None), workers=getattr(args, "workers", None),
            db=getattr(args, "db", None))
    except SettingsError as exc:
        print(f"wirewatch: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.command == "serve":
            return _serve(args, settings)
        if args.command == "setup":
            return _setup(args, settings)
        if args.command == "analyze":
            return _analyze(args, settings)
        if args.command == "export":
            return _export(args, settings)
        if args.command in _STORE_COMMANDS:
            return _STORE_COMMANDS[args.command](args, settings)
        if args.command == "brief":
            return _brief(args, settings)
    except StoreError as exc:
        print(f"wirewatch: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except _UsageError as exc:
        print(f"wirewatch: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (UnknownStoryError, PdfUnavailableError) as exc:
        print(f"wirewatch: error: {exc.args[0]}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"wirewatch: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("wirewatch: interrupted", file=sys.stderr)
        return 130
    parser.error(f"unknown command {args.command}")
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
