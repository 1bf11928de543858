"""The ``wirewatch`` command: a thin layer over the library.

``main(argv)`` parses arguments and calls library functions; library errors become one-line
messages on stderr and meaningful exit codes, never tracebacks.

Exit codes: 0 everything was analysed (warnings and duplicates included); 1 some inputs could
not be read or analysed (the rest were); 2 usage or settings error.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from wirewatch import __version__
from wirewatch.console import ConsoleSink, progress_wanted
from wirewatch.ingest.files import IngestOptions, iter_documents
from wirewatch.settings import Settings, SettingsError, load_settings
from wirewatch.sinks import CollectingSink, JsonDocumentSink, JsonLinesSink, Sink, TeeSink

if TYPE_CHECKING:
    from wirewatch.link.batch import BatchLinker
    from wirewatch.run import RunTally

EXIT_OK = 0
EXIT_SOME_INPUTS_FAILED = 1
EXIT_USAGE = 2


def _add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="files (.txt, .html, .htm, .jsonl, .json, optionally .gz), directories, "
                        "or - for standard input (format sniffed)")
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
        help="analyse pages and export places (GeoJSON) or the timeline (JSON)",
        description="Analyse pages, or read back an earlier `wirewatch analyze` output (JSON or "
        "JSON Lines) without analysing again, and write one export: --geojson, a FeatureCollection of the "
        "places mentioned with the articles and sentences that mention them; --timeline, the "
        "time expressions resolved against each article's publication date, sorted, with the "
        "unresolved ones listed apart.",
        epilog="Examples: wirewatch export --geojson demo/corpus -o places.geojson; "
        "wirewatch export --timeline seeds.json (a saved analyze output)",
    )
    kind = export.add_mutually_exclusive_group(required=True)
    kind.add_argument("--geojson", action="store_const", const="geojson", dest="export",
                      help="places as GeoJSON")
    kind.add_argument("--timeline", action="store_const", const="timeline", dest="export",
                      help="timeline data as JSON")
    _add_input_options(export)
    export.add_argument("-o", "--output", default=None, help="write to this file (stdout when absent)")

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


def _run(args: argparse.Namespace, settings: Settings, outputs: list[Sink]) -> RunTally:
    """Analyse the input paths into ``outputs``, with error lines and the progress bar on stderr."""
    from wirewatch.run import RunOptions, build_pipeline, run

    documents = iter_documents(args.paths, IngestOptions(max_bytes=settings.max_bytes))
    options = RunOptions(workers=settings.workers, batch_size=settings.batch_size)
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
                       weights=weights_for(settings.story_embedder, settings.story_window_days))


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

        stories = document.stories if document is not None else collected.stories
        sys.stdout.write(summary_text(collected.articles, collected.errors, stories))
    return _tally(args, tally, "analysed")


def _export(args: argparse.Namespace, settings: Settings) -> int:
    from wirewatch.ingest.analyzed import is_analyze_output
    from wirewatch.present.geojson import places_geojson
    from wirewatch.present.json_output import dumps
    from wirewatch.present.timeline import timeline

    # An earlier `analyze` output (JSON or JSON Lines) is read back, not analysed again.
    saved = [path for path in args.paths if Path(path).is_file() and is_analyze_output(path)]
    args.paths = [path for path in args.paths if path not in saved]
    collected = CollectingSink()
    tally = _read_saved(saved, collected, sys.stderr)
    if args.paths:
        analysed = _run(args, settings, [collected])
        tally.articles += analysed.articles
        tally.errors += analysed.errors
    builders = {"geojson": places_geojson, "timeline": timeline}
    document = dumps(builders[args.export](collected.articles))
    if args.output:
        Path(args.output).write_text(document, encoding="utf-8")
    else:
        sys.stdout.write(document)
    return _tally(args, tally, f"exported {args.export} from")


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


def _tally(args: argparse.Namespace, tally: RunTally, done: str) -> int:
    """The one-line tally on stderr (not with --quiet) and the exit code."""
    if not args.quiet:
        extra = "".join(f", {count} {what}" for count, what in (
            (tally.warnings, "warning(s)"), (tally.duplicates, "duplicate(s)")) if count)
        print(f"wirewatch: {done} {tally.articles} article(s), {tally.errors} input(s) failed{extra}",
              file=sys.stderr)
    return EXIT_SOME_INPUTS_FAILED if tally.errors else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings(
            args.config, max_mb=getattr(args, "max_mb", None), workers=getattr(args, "workers", None))
    except SettingsError as exc:
        print(f"wirewatch: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.command == "setup":
            return _setup(args, settings)
        if args.command == "analyze":
            return _analyze(args, settings)
        if args.command == "export":
            return _export(args, settings)
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
