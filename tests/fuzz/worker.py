"""The fuzz worker: a process that runs inputs the way ``wirewatch analyze -o`` does, one at a
time, and says how each went. Started by ``runner.py``, which kills and restarts it on a hang.

Protocol: one JSON object per line on stdin (``path``, ``suffix``, ``records``, ``truncated``,
``unreadable``), one JSON object per line on stdout (``status``, ``detail``, ``seconds``,
``rss_mb``). Mode ``read`` runs the readers and the page parse (``iter_documents``,
``parse_document``, the duplicate check, the JSON document sink, the console's error lines): fast
enough for tens of thousands of inputs. Mode ``full`` runs ``wirewatch.run.run`` with the default
pipeline, every stage included.

Statuses: ``ok``; ``error`` (a clear ``InputError``: one line, of readable length); ``crash`` (an
exception escaped, or the output is not JSON); ``memory`` (MemoryError under the address-space
limit); ``loss`` (fewer records out than in, with no word about the file); ``unclear`` (an error or
warning line that is not one readable line); ``garbled`` (UTF-8 Cyrillic read as a legacy code
page: mojibake with exit 0).
"""

from __future__ import annotations

import io
import json
import re
import resource
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.fuzz.mutate import EN_TEXT, RU_TEXT
from wirewatch.console import ConsoleSink
from wirewatch.errors import BadInputError
from wirewatch.ingest.files import iter_documents
from wirewatch.model import AnnotatedArticle, Document, Duplicate, InputError, InputFormat, InputWarning
from wirewatch.parse import parse_document
from wirewatch.resources.outlets import default_catalog
from wirewatch.run import Pipeline, RunOptions, _Deduplicator, build_pipeline, process_batch, run
from wirewatch.settings import Settings
from wirewatch.sinks import CollectingSink, JsonDocumentSink, TeeSink

# An error or warning line longer than this echoes a value instead of naming the problem.
MAX_MESSAGE_CHARS = 400
# UTF-8 Cyrillic decoded as Latin-1/cp1252 ("Ð¡", "Ñ\x80") or as cp1251 ("Рѕ", "Р°").
_MOJIBAKE = re.compile(r"[ÐÑ][\u0080-\u00bf\u2018-\u203a]|Р[°±µѕѓ]|С[‚ЂЃ]")

Result = AnnotatedArticle | InputError | InputWarning | Duplicate


def _read_mode(path: str) -> Iterator[Result]:
    """What ``run`` yields, minus annotation: the readers, the page parse, the duplicate check."""
    catalog = default_catalog()
    dedupe = _Deduplicator()
    for item in iter_documents([path]):
        if isinstance(item, Document):
            try:
                result: Result = AnnotatedArticle(article=parse_document(item, catalog))
            except BadInputError as exc:
                result = InputError(item.source, str(exc))
            yield from dedupe(result)
        else:
            yield item


def check(path: str, expected: dict[str, Any], pipeline: Pipeline | None) -> tuple[str, str]:
    """Run one input through the user's path and classify the outcome."""
    out_path = Path(tempfile.gettempdir(), f"wirewatch-fuzz-{Path(path).name}.json")
    collected = CollectingSink()
    console_text = io.StringIO()
    try:
        with open(out_path, "w", encoding="utf-8") as stream:
            console = ConsoleSink(console_text, show_progress=False, quiet=False)
            sink = TeeSink(console, collected, JsonDocumentSink(stream))
            if pipeline is None:
                for item in _read_mode(path):
                    if isinstance(item, InputError):
                        sink.error(item)
                    elif isinstance(item, InputWarning):
                        sink.warning(item)
                    elif isinstance(item, Duplicate):
                        sink.duplicate(item)
                    else:
                        sink.article(item)
                sink.finish()
            else:
                run(iter_documents([path]), sink, RunOptions(batch_size=8), pipeline=pipeline)
        with open(out_path, encoding="utf-8") as stream:
            json.load(stream)
    except MemoryError:
        return "memory", "MemoryError"
    except Exception as exc:  # the point: anything escaping is a crash
        frames = traceback.extract_tb(exc.__traceback__)
        where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
        return "crash", f"{type(exc).__name__} at {where}: {str(exc)[:200]}"
    finally:
        out_path.unlink(missing_ok=True)
    for line in console_text.getvalue().split("\n"):
        if len(line) > MAX_MESSAGE_CHARS:
            return "unclear", f"message line of {len(line)} chars: {line[:120]!r}"
    for said in (*collected.errors, *collected.warnings):
        if "\n" in str(said) or "\r" in str(said):
            return "unclear", f"message over two lines: {str(said)[:120]!r}"
    errors = collected.errors
    whole_file = any(e.source == path for e in errors) or any(w.source == path for w in collected.warnings)
    out = len(collected.articles) + len(errors) + sum(1 for d in collected.duplicates if not d.kept)
    if expected["truncated"] and not any(path in str(said) for said in (*errors, *collected.warnings)):
        return "loss", "truncated gzip read with no word about the truncation"
    if out < expected["records"] and not whole_file:
        return "loss", f"{expected['records']} records in, {out} out (articles+errors+duplicates)"
    for doc in collected.articles:
        article = doc.article
        sample = " ".join(filter(None, (article.title, article.body[:2000])))
        if _MOJIBAKE.search(sample):
            return "garbled", f"mojibake in {article.source}: {_MOJIBAKE.search(sample)!r}"
    if errors:
        return "error", errors[0].reason[:160]
    return "ok", ""


def main() -> None:
    mode, limit_mb = sys.argv[1], int(sys.argv[2])
    article_seconds = float(sys.argv[3]) if len(sys.argv) > 3 else Settings().article_seconds
    pipeline = build_pipeline(Settings(article_seconds=article_seconds)) if mode == "full" else None
    _warm_up(pipeline)
    # The ceiling is set after the models load: it bounds what one input may add.
    if limit_mb > 0:
        resource.setrlimit(resource.RLIMIT_AS, (_vm_bytes() + limit_mb * 1_000_000, resource.RLIM_INFINITY))
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        started = time.monotonic()
        status, detail = check(request["path"], request, pipeline)
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({"status": status, "detail": detail, "seconds": time.monotonic() - started,
                          "rss_mb": rss_mb}), flush=True)


def _warm_up(pipeline: Pipeline | None) -> None:
    """Load every lazily loaded model (language identification, spaCy, natasha) before the
    first input, so that no input is charged the 20-30 s of loading them."""
    documents = [Document("warm-up.txt", EN_TEXT, InputFormat.TEXT), Document("warm-up-ru.txt", RU_TEXT,
                                                                               InputFormat.TEXT)]
    if pipeline is None:
        for document in documents:
            parse_document(document, default_catalog())
    else:
        process_batch(list(documents), pipeline)


def _vm_bytes() -> int:
    """The process's current virtual size (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0


if __name__ == "__main__":
    main()
