"""Reading inputs: encodings, compression, JSONL, directories, and every kind of bad input."""

from __future__ import annotations

import gzip
import io
import json
import os
import tempfile
from pathlib import Path

import pytest

from wirewatch.errors import BinaryInputError, EmptyInputError, TooLargeError
from wirewatch.ingest.decode import decode_text, decompress
from wirewatch.ingest.files import IngestOptions, iter_documents
from wirewatch.ingest.jsonl import RecordReader
from wirewatch.model import Document, Hints, InputError, InputFormat, InputWarning

NOBODY = 65534
RUSSIAN = "Министр иностранных дел Сергей Лавров заявил журналистам в Ташкенте, что «всё решено»."


def _only(items: list[Document | InputError | InputWarning]) -> Document | InputError | InputWarning:
    assert len(items) == 1, items
    return items[0]


def test_cp1251_is_detected_not_mangled() -> None:
    assert decode_text((RUSSIAN * 3).encode("cp1251")) == RUSSIAN * 3


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_unicode_encodings_with_and_without_bom(encoding: str) -> None:
    assert decode_text(RUSSIAN.encode(encoding)) == RUSSIAN


def test_koi8r_is_detected() -> None:
    plain = RUSSIAN.replace("«", '"').replace("»", '"') * 3
    assert decode_text(plain.encode("koi8-r")) == plain


def test_empty_and_whitespace_only_are_empty() -> None:
    for data in (b"", b"  \n\t\n"):
        with pytest.raises(EmptyInputError, match="empty"):
            decode_text(data)


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG"),
        (b"%PDF-1.7\n" + bytes(range(256)) * 4, "PDF"),
        (bytes(range(256)) * 40, "control bytes"),
    ],
)
def test_binary_junk_is_named(data: bytes, what: str) -> None:
    with pytest.raises(BinaryInputError, match=what):
        decode_text(data)


def test_gzip_bomb_is_refused() -> None:
    bomb = gzip.compress(b"a" * 3_000_000)
    with pytest.raises(TooLargeError, match="decompresses to more than"):
        decompress(bomb, max_bytes=1_000_000)


def test_truncated_gzip_keeps_what_was_recovered() -> None:
    data = gzip.compress(("<p>" + "word " * 5000 + "</p>").encode())
    recovered = decompress(data[: len(data) // 2], max_bytes=10_000_000)
    assert recovered.startswith(b"<p>word word")


def test_files_directories_and_formats(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("Title\n\nSome body text here.", encoding="utf-8")
    (tmp_path / "sub" / "b.html.gz").write_bytes(gzip.compress(b"<html><body><p>x</p></body></html>"))
    (tmp_path / "sub" / "ignored.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.txt").write_text("secret", encoding="utf-8")
    *docs, skipped = list(iter_documents([tmp_path]))
    assert [Path(d.source).name for d in docs] == ["a.txt", "b.html.gz"]
    assert all(isinstance(d, Document) for d in docs)
    # The .png is named in one warning after the directory's documents; the hidden file is not.
    assert isinstance(skipped, InputWarning) and skipped.source == str(tmp_path)
    assert skipped.reason.startswith("skipped 1 file (.png): not pages")
    assert [d.format for d in docs if isinstance(d, Document)] == [InputFormat.TEXT, InputFormat.HTML]


def test_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    page = tmp_path / "page"
    page.write_text("<!DOCTYPE html><html><body><p>Hello</p></body></html>", encoding="utf-8")
    doc = _only(list(iter_documents([page])))
    assert isinstance(doc, Document) and doc.format is InputFormat.HTML


def test_missing_path_and_dangling_link_are_errors(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    errors = list(iter_documents([tmp_path / "missing.txt", link]))
    assert [type(e) for e in errors] == [InputError, InputError]
    assert all("no such file" in e.reason for e in errors if isinstance(e, InputError))


def _errors_as_nobody(path: Path) -> str:
    """iter_documents run in a forked child that dropped root (root reads any file)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        try:
            os.close(read_end)
            if os.geteuid() == 0:
                os.setuid(NOBODY)
            text = "\n".join(str(e) for e in iter_documents([path]))
            os.write(write_end, text.encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        output = pipe.read()
    os.waitpid(pid, 0)
    return output


def test_unreadable_file_is_an_error() -> None:
    folder = Path(tempfile.mkdtemp(prefix="wirewatch-perm-"))
    folder.chmod(0o755)
    path = folder / "locked.txt"
    path.write_text("text", encoding="utf-8")
    path.chmod(0)
    assert _errors_as_nobody(path) == f"{path}: cannot read the file: permission denied"


def test_too_large_page_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "huge.html"
    with big.open("wb") as handle:
        handle.write(b"<html><body>")
        handle.write(b"<p>" + b"x" * 1000 + b"</p>\n" * 0)
        handle.truncate(50_000_000)
    error = _only(list(iter_documents([big], IngestOptions(max_bytes=20_000_000))))
    assert isinstance(error, InputError)
    assert "50.0 MB" in error.reason and "--max-mb" in error.reason


def test_jsonl_lines_with_metadata_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "url": "https://example.org/a", "outlet": "Example Daily",
                    "published": "2021-07-17", "title": "T", "language": "en", "text": "Body."}),
        "{not json",
        json.dumps({"id": "a2", "published": "05/07/2021", "text": "Body two."}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "a3", "title": "no text"}),
        "",
        json.dumps({"id": "a4", "html": "<html><body><p>Hi</p></body></html>"}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(iter_documents([path]))
    good = [i for i in items if isinstance(i, Document)]
    bad = [i for i in items if isinstance(i, InputError)]
    warned = [i for i in items if isinstance(i, InputWarning)]
    assert [d.hints.id for d in good] == ["a1", "a2", "a4"]
    assert good[0].hints.published == "2021-07-17" and good[0].hints.outlet == "Example Daily"
    # Issue 12: named by where it is, never by its url (which stays a hint).
    assert good[0].source == f"{path}:1" and good[0].hints.url == "https://example.org/a"
    assert good[2].format is InputFormat.HTML
    assert [e.source.rsplit(":", 1)[1] for e in bad] == ["2", "4", "5"]
    assert "malformed JSON" in bad[0].reason
    assert "JSON object" in bad[1].reason
    assert "no 'text' or 'html'" in bad[2].reason
    # Issue 11: a date hint that cannot be read no longer rejects the article: it is analysed
    # with the date unknown, and a warning names the line and the value.
    assert good[1].hints.published is None
    assert [(w.source, "'05/07/2021'" in w.reason) for w in warned] == [(f"{path}:3", True)]
    assert items.index(warned[0]) == items.index(good[1]) - 1, "the warning comes before its article"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("Wed, 23 Nov 2016 16:58:00 -0500", "2016-11-23T16:58:00-05:00"),  # RSS
        ("7:58 AM ET, Sat January 3, 2015", "2015-01-03T07:58"),
        ("23 ноября 2016", "2016-11-23"),
        ("23 ноября 2016 г., 14:05", "2016-11-23T14:05"),
        ("2016-11-23T16:58:00Z", "2016-11-23T16:58:00Z"),
        ("2016-11-23 16:58", "2016-11-23T16:58:00"),
        ("20161123", "2016-11-23"),
        ("2016/11/23", "2016-11-23"),
        ("23.11.2016", "2016-11-23"),
        ("11/23/2016", "2016-11-23"),  # the 23rd cannot be a month
        ("Nov 23, 2016 4:58 p.m.", "2016-11-23T16:58"),
        (1479938280, "2016-11-23T21:58:00+00:00"),  # epoch seconds
        (1479938280000, "2016-11-23T21:58:00+00:00"),  # epoch milliseconds
        ("9999-12-31", None),  # a placeholder for "no date": relative dates would overflow
        ("0001-01-01", None),
        ("05/07/2016", None),  # May or July: not guessed
        ("last Tuesday", None),
    ],
)
def test_date_hints_in_common_formats(given: object, expected: str | None) -> None:
    document, warnings = RecordReader().read({"published": given, "text": "Body."}, "f.jsonl:1")
    assert document.hints.published == expected
    assert bool(warnings) is (expected is None)


def test_feed_field_names_are_read_as_hints_and_unknown_ones_named(tmp_path: Path) -> None:
    """Issue 11: JSONL fields feeds and datasets use are hints; none is silently ignored."""
    records = [
        {"guid": "g1", "link": "https://example.org/x", "publisher": "Example Daily",
         "pubDate": "Wed, 23 Nov 2016 16:58:00 -0500", "headline": "A headline",
         "author": ["Ann Lee", "Bo Chen"], "lang": "en-US", "content": "Body text.", "tags": ["x"]},
        {"id": "g2", "source": {"id": "bbc", "name": "BBC News"}, "date": "2016-11-24",
         "body": "Second body.", "text": "Text wins.", "tags": ["y"], "summary": "s"},
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    items = list(iter_documents([path]))
    first, second = (i for i in items if isinstance(i, Document))
    assert first.hints == Hints(id="g1", url="https://example.org/x", outlet="Example Daily",
                                published="2016-11-23T16:58:00-05:00", title="A headline",
                                language="en", byline="Ann Lee, Bo Chen")
    assert first.content == "Body text." and first.source == f"{path}:1"
    assert (second.hints.outlet, second.hints.published, second.content) == ("BBC News", "2016-11-24",
                                                                            "Text wins.")
    reasons = [(w.source.rsplit(":", 1)[1], w.reason) for w in items if isinstance(w, InputWarning)]
    # Each unknown field is named once per file, on the line it first appears.
    assert [(line, reason.split(" ignored")[0]) for line, reason in reasons] == [
        ("1", "unknown field 'tags'"),
        ("2", "field 'body'"),
        ("2", "unknown field 'summary'"),
    ]


def test_standard_input_is_sniffed() -> None:
    """``-`` reads standard input: JSON Lines, HTML and text told apart by their content."""
    jsonl = b'{"id": "s1", "text": "From a pipe."}\n{"id": "s2", "text": "Second."}\n'
    docs = list(iter_documents(["-"], stdin=io.BytesIO(jsonl)))
    assert [(d.source, d.hints.id) for d in docs if isinstance(d, Document)] == [
        ("<stdin>:1", "s1"), ("<stdin>:2", "s2")]
    html = _only(list(iter_documents(["-"], stdin=io.BytesIO(b"<html><body><p>Hi</p></body></html>"))))
    assert isinstance(html, Document) and html.format is InputFormat.HTML
    text = _only(list(iter_documents(["-"], stdin=io.BytesIO(gzip.compress("Заголовок\n\nТекст.".encode())))))
    assert isinstance(text, Document) and text.format is InputFormat.TEXT and text.source == "<stdin>"
    twice = list(iter_documents(["-", "-"], stdin=io.BytesIO(b"Text.")))
    assert isinstance(twice[1], InputError) and "twice" in twice[1].reason


def test_a_url_is_refused_with_a_clear_message() -> None:
    error = _only(list(iter_documents(["https://example.org/news/story.html"])))
    assert isinstance(error, InputError)
    assert error.source == "https://example.org/news/story.html"  # the // is not collapsed
    assert "fetching URLs is not supported" in error.reason


def test_wirewatch_output_given_as_input_is_refused(tmp_path: Path) -> None:
    document = tmp_path / "out.json"
    document.write_text(json.dumps({"wirewatch": "1.0", "generator": "wirewatch 0.1.0",
                                    "articles": [{"id": "x", "body": "Тело статьи."}], "errors": []},
                                   ensure_ascii=False, indent=2), encoding="utf-8")
    lines = tmp_path / "out.jsonl"
    lines.write_text('{"wirewatch": "1.0", "generator": "wirewatch 0.1.0"}\n{"id": "x", "body": "b"}\n',
                     encoding="utf-8")
    renamed = tmp_path / "out.txt"  # the content is recognised, not the name
    renamed.write_text(document.read_text(encoding="utf-8"), encoding="utf-8")
    items = list(iter_documents([document, lines, renamed]))
    assert [type(i) for i in items] == [InputError] * 3
    assert all("wirewatch analyze output" in i.reason and "wirewatch export" in i.reason
               for i in items if isinstance(i, InputError))


def test_a_json_file_of_records(tmp_path: Path) -> None:
    path = tmp_path / "records.json"
    path.write_text(json.dumps([{"id": "r1", "text": "One."}, {"id": "r2"}]), encoding="utf-8")
    items = list(iter_documents([path]))
    assert isinstance(items[0], Document) and items[0].hints.id == "r1"
    assert isinstance(items[1], InputError) and items[1].source == f"{path}#2"
    # Found in a directory, JSON is not read (it is read when named), and a warning says so.
    (skipped,) = list(iter_documents([tmp_path]))
    assert isinstance(skipped, InputWarning) and "skipped 1 file (.json)" in skipped.reason
