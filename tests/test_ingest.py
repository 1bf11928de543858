"""Reading inputs: encodings, compression, JSONL, directories, and every kind of bad input."""

from __future__ import annotations

import gzip
import json
import os
import tempfile
from pathlib import Path

import pytest

from wirewatch.errors import BinaryInputError, EmptyInputError, TooLargeError
from wirewatch.ingest.decode import decode_text, decompress
from wirewatch.ingest.files import IngestOptions, iter_documents
from wirewatch.model import Document, InputError, InputFormat

NOBODY = 65534
RUSSIAN = "Министр иностранных дел Сергей Лавров заявил журналистам в Ташкенте, что «всё решено»."


def _only(items: list[Document | InputError]) -> Document | InputError:
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
    docs = list(iter_documents([tmp_path]))
    assert [Path(d.source).name for d in docs] == ["a.txt", "b.html.gz"]
    assert all(isinstance(d, Document) for d in docs)
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
        json.dumps({"id": "a2", "published": "17/07/2021", "text": "Body two."}),
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
    assert [d.hints.id for d in good] == ["a1", "a4"]
    assert good[0].hints.published == "2021-07-17" and good[0].hints.outlet == "Example Daily"
    assert good[0].source == "https://example.org/a"
    assert good[1].format is InputFormat.HTML
    assert [e.source.rsplit(":", 1)[1] for e in bad] == ["2", "3", "4", "5"]
    assert "malformed JSON" in bad[0].reason
    assert "not ISO 8601" in bad[1].reason
    assert "JSON object" in bad[2].reason
    assert "no 'text' or 'html'" in bad[3].reason
