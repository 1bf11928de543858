"""The ``wirewatch`` command: a thin layer over the library.

``main(argv)`` parses arguments and calls library functions; library errors become one-line
messages on stderr and meaningful exit codes, never tracebacks.

Exit codes: 0 everything was analysed; 1 some inputs failed (the rest were analysed);
2 usage or settings error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from wirewatch import __version__
from wirewatch.analyze import AnalysisReport, analyze, analyze_in_pool, collect
from wirewatch.ingest.files import IngestOptions, iter_documents
from wirewatch.model import InputError
from wirewatch.settings import Settings, SettingsError, load_settings

EXIT_OK = 0
EXIT_SOME_INPUTS_FAILED = 1
EXIT_USAGE = 2


def _add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="files (.txt, .html, .htm, .jsonl, optionally .gz) or directories")
    parser.add_argument("--max-mb", type=float, default=None,
                        help="largest page analysed, in MB (default: setting max_mb, 20)")
    parser.add_argument("--config", default=None, help="TOML settings file")
    parser.add_argument("-j", "--workers", type=int, default=None,
                        help="processes that parse and annotate in parallel (default: setting workers, 1)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")


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
        "docs/schema.md. Bad inputs are reported on stderr, one line each; the rest goes on.",
        epilog="Example: wirewatch analyze ../shared/corpus/seeds -o seeds.json",
    )
    _add_input_options(analyze)
    analyze.add_argument("--format", choices=["json", "summary"], default="json",
                         help="json (default): the full document; summary: a readable digest")
    analyze.add_argument("-o", "--output", default=None,
                         help="write the JSON document to this file (stdout when absent)")

    export = commands.add_parser(
        "export",
        help="analyse pages and export places (GeoJSON) or the timeline (JSON)",
        description="Analyse pages and write one export: --geojson, a FeatureCollection of the "
        "places mentioned with the articles and sentences that mention them; --timeline, the "
        "time expressions resolved against each article's publication date, sorted, with the "
        "unresolved ones listed apart.",
        epilog="Example: wirewatch export --geojson demo/corpus -o places.geojson",
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


def _report_errors(errors: list[InputError], stream: TextIO) -> None:
    for error in errors:
        print(f"wirewatch: error: {error}", file=stream)


def run_analysis(paths: Sequence[str], settings: Settings) -> AnalysisReport:
    from wirewatch.annotate.default import default_annotator
    from wirewatch.resources.bundle import build_resources

    documents = iter_documents(paths, IngestOptions(max_bytes=settings.max_bytes))
    if settings.workers > 1:
        return collect(analyze_in_pool(documents, settings))
    resources = build_resources(settings)
    return collect(analyze(documents, default_annotator(resources), resources.catalog))


def _setup(args: argparse.Namespace, settings: Settings) -> int:
    from wirewatch.geo.gazetteer import build_gazetteer, cache_path

    path = cache_path(settings.cache_dir)
    if path.exists() and not args.force:
        print(f"wirewatch: the gazetteer index is already built at {path}", file=sys.stderr)
    else:
        build_gazetteer(path, sys.stderr)
    return EXIT_OK


def _analyze(args: argparse.Namespace, settings: Settings) -> int:
    from wirewatch.present.json_output import dumps, report_to_json
    from wirewatch.present.summary import summary_text

    report = run_analysis(args.paths, settings)
    document = dumps(report_to_json(report))
    summary = summary_text(report) if args.format == "summary" else None
    return _deliver(args, report, document, "analysed", shown=summary)


def _export(args: argparse.Namespace, settings: Settings) -> int:
    from wirewatch.present.geojson import places_geojson
    from wirewatch.present.json_output import dumps
    from wirewatch.present.timeline import timeline

    report = run_analysis(args.paths, settings)
    builders = {"geojson": places_geojson, "timeline": timeline}
    document = dumps(builders[args.export](report.articles))
    return _deliver(args, report, document, f"exported {args.export} from")


def _deliver(
    args: argparse.Namespace, report: AnalysisReport, document: str, done: str, shown: str | None = None
) -> int:
    """Errors to stderr, the document to ``--output`` (else stdout, unless a digest is shown
    instead), a one-line tally, and the exit code."""
    _report_errors(report.errors, sys.stderr)
    if args.output:
        Path(args.output).write_text(document, encoding="utf-8")
    if shown is not None:
        sys.stdout.write(shown)
    elif not args.output:
        sys.stdout.write(document)
    if not args.quiet:
        print(
            f"wirewatch: {done} {len(report.articles)} article(s), {len(report.errors)} input(s) failed",
            file=sys.stderr,
        )
    return EXIT_SOME_INPUTS_FAILED if report.errors else EXIT_OK


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
