"""Issue 12, the readers: hostile and damaged inputs never crash a batch, never vanish without a
word, and every error is one readable ``file:line: reason`` line. Each input is made here."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path
from typing import Any

import pytest

from wirewatch.cli import EXIT_SOME_INPUTS_FAILED, main
from wirewatch.errors import MAX_ECHO_CHARS, BinaryInputError, EncodingError, echo, one_line
from wirewatch.ingest.decode import decode_text, gunzip
from wirewatch.ingest.files import iter_documents
from wirewatch.model import Document, InputError, InputWarning
from wirewatch.sinks import JsonLinesSink

Item = Document | InputError | InputWarning
RUSSIAN = "Министр иностранных дел Сергей Лавров заявил журналистам, что «всё решено»."


def _record(**fields: Any) -> str:
    return json.dumps({"text": "Some article text.", **fields}, ensure_ascii=False)


def _read(tmp_path: Path, name: str, data: bytes) -> list[Item]:
    path = tmp_path / name
    path.write_bytes(data)
    return list(iter_documents([path]))


def _split(items: list[Item]) -> tuple[list[Document], list[InputError], list[InputWarning]]:
    return ([i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, InputError)],
            [i for i in items if isinstance(i, InputWarning)])


# Crashes that used to lose the batch.

def test_deep_nesting_and_huge_integers_are_line_errors_not_crashes(tmp_path: Path) -> None:
    lines = [_record(id="a"), "[" * 50_000, '{"id": 1' + "7" * 5_000 + ', "text": "x"}', _record(id="b")]
    docs, errors, _ = _split(_read(tmp_path, "f.jsonl", "\n".join(lines).encode()))
    assert [d.hints.id for d in docs] == ["a", "b"]
    assert [e.source.rsplit(":", 1)[1] for e in errors] == ["2", "3"]
    assert "nested too deeply" in errors[0].reason and "4,300 digits" in errors[1].reason


def test_deep_nesting_on_stdin_is_sniffed_without_a_crash() -> None:
    (item,) = list(iter_documents(["-"], stdin=io.BytesIO(b"[" * 50_000)))
    assert isinstance(item, Document)  # not JSON after all: read as text, and the stages judge it


def test_unpaired_surrogates_are_replaced_at_read_time_with_a_warning(tmp_path: Path) -> None:
    line = '{"id": "x\\udfff", "title": "T\\ud800itle", "text": "Body \\udc00 text."}'
    docs, errors, warnings = _split(_read(tmp_path, "s.jsonl", line.encode()))
    (doc,) = docs
    assert errors == []
    assert doc.hints.id == "x\ufffd" and doc.hints.title == "T\ufffditle" and "\ufffd" in doc.content
    assert {w.reason.split(":")[0] for w in warnings} == {"field 'id'", "field 'title'", "field 'text'"}
    for value in (doc.hints.id, doc.hints.title, doc.content):
        value.encode("utf-8")  # would raise on a surrogate


def test_the_sinks_write_a_surrogate_that_got_past_the_readers() -> None:
    stream = io.StringIO()
    JsonLinesSink(stream).error(InputError("bad\udfffname.txt", "empty file"))
    stream.getvalue().encode("utf-8")
    assert "bad\ufffdname.txt" in stream.getvalue()


# Silent losses.

def test_every_member_of_a_multi_member_gzip_is_read(tmp_path: Path) -> None:
    members = b"".join(gzip.compress((_record(id=f"r{i}") + "\n").encode()) for i in range(6))
    docs, errors, _ = _split(_read(tmp_path, "feed.jsonl.gz", members))
    assert [d.hints.id for d in docs] == [f"r{i}" for i in range(6)] and errors == []


def test_a_truncated_jsonl_gz_keeps_the_records_before_the_cut_and_says_so(tmp_path: Path) -> None:
    text = "".join(_record(id=f"r{i}", title="w " * 200) + "\n" for i in range(40))
    data = gzip.compress(text.encode())
    docs, errors, _ = _split(_read(tmp_path, "feed.jsonl.gz", data[: len(data) * 2 // 3]))
    assert 0 < len(docs) < 40
    assert [d.hints.id for d in docs] == [f"r{i}" for i in range(len(docs))]
    (error,) = errors
    assert "truncated gzip" in error.reason and error.source.endswith(f":{len(docs) + 1}")


def test_a_truncated_gzip_page_is_analysed_with_a_warning(tmp_path: Path) -> None:
    data = gzip.compress(("<html><body><p>" + "Officials met. " * 2000 + "</p>").encode())
    docs, errors, warnings = _split(_read(tmp_path, "page.html.gz", data[: len(data) // 2]))
    assert len(docs) == 1 and errors == []
    assert "truncated gzip" in warnings[0].reason and "recovered" in warnings[0].reason


def test_gzip_cut_in_its_header_says_truncated_not_empty(tmp_path: Path) -> None:
    (error,) = _read(tmp_path, "page.html.gz", gzip.compress(b"<p>hello</p>")[:6])
    assert isinstance(error, InputError) and error.reason.startswith("truncated gzip")


def test_gzip_inside_gzip_is_unwrapped() -> None:
    page = b"<html><body><p>Hello there.</p></body></html>"
    assert gunzip(gzip.compress(gzip.compress(page)), 1_000_000).data == page


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x1c"])
def test_unicode_line_separators_inside_a_record_do_not_split_it(tmp_path: Path, separator: str) -> None:
    lines = [_record(id="a", text=f"One{separator}two."), _record(id="b"), "{broken"]
    docs, errors, _ = _split(_read(tmp_path, "f.jsonl", "\n".join(lines).encode()))
    assert [d.hints.id for d in docs] == ["a", "b"] and docs[0].content == f"One{separator}two."
    assert [e.source.rsplit(":", 1)[1] for e in errors] == ["3"]  # the line number an editor shows


def test_one_bad_byte_in_jsonl_costs_its_line_only(tmp_path: Path) -> None:
    lines = [_record(id="a", text=RUSSIAN).encode(), b'{"id": "b", "text": "caf\xe9 \xff"}',
             _record(id="c", text=RUSSIAN).encode()]
    docs, errors, _ = _split(_read(tmp_path, "f.jsonl", b"\n".join(lines)))
    assert [d.hints.id for d in docs] == ["a", "c"] and all(d.content == RUSSIAN for d in docs)
    (error,) = errors
    assert error.source.endswith(":2") and "0xe9" in error.reason and "UTF-8" in error.reason


def test_a_whole_jsonl_file_in_cp1251_is_detected_with_a_warning(tmp_path: Path) -> None:
    text = "\n".join(_record(id=str(i), text=RUSSIAN) for i in range(3))
    docs, errors, warnings = _split(_read(tmp_path, "f.jsonl", text.encode("cp1251")))
    assert [d.content for d in docs] == [RUSSIAN] * 3 and errors == []
    assert any("not UTF-8" in w.reason for w in warnings)


def test_skipped_files_in_a_directory_are_counted_and_named(tmp_path: Path) -> None:
    for name in ("a.pdf", "b.csv", "c.bin", "d.csv"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "page.txt").write_text("Title\n\nBody text.", encoding="utf-8")
    *_, warning = list(iter_documents([tmp_path]))
    assert isinstance(warning, InputWarning)
    assert warning.reason.startswith("skipped 4 files (.pdf, .csv, .bin): not pages")
    assert "name them explicitly" in warning.reason


# Messages.

def test_json_errors_say_line_and_column_once(tmp_path: Path) -> None:
    (error,) = _read(tmp_path, "f.jsonl", b'{"id": "a", "text": "never closed')
    assert isinstance(error, InputError)
    assert error.reason == "malformed JSON (Unterminated string starting at column 21)"


def test_records_are_named_by_file_and_line_never_by_a_url(tmp_path: Path) -> None:
    lines = [_record(url="https://example.org/a\nb"), _record(url="https://example.org/c", text="")]
    docs, errors, _ = _split(_read(tmp_path, "f.jsonl", "\n".join(lines).encode()))
    assert docs[0].source == f"{tmp_path / 'f.jsonl'}:1" and errors[0].source == f"{tmp_path / 'f.jsonl'}:2"


def test_echoed_values_are_cut_to_a_readable_length(tmp_path: Path) -> None:
    items = _read(tmp_path, "f.jsonl", _record(published="x" * 100_000).encode())
    (warning,) = [i for i in items if isinstance(i, InputWarning)]
    assert len(warning.reason) < 400 and "x" * MAX_ECHO_CHARS not in warning.reason
    assert echo("a\nb" * 1000).count("\n") == 0 and len(echo("y" * 10_000)) == MAX_ECHO_CHARS
    assert "\n" not in one_line("one\ntwo\u2028three")


def test_a_broken_utf8_byte_is_located(tmp_path: Path) -> None:
    data = ("Заголовок\n\n" + RUSSIAN * 20).encode() + b"\xff" + (RUSSIAN * 20).encode()
    with pytest.raises(EncodingError, match=r"byte 0xff at offset [\d,]+"):
        decode_text(data)


@pytest.mark.parametrize("encoding", ["utf-32-le", "utf-32-be"])
def test_utf32_without_bom_is_recognised(encoding: str) -> None:
    assert decode_text(("Title\n\n" + RUSSIAN).encode(encoding)) == "Title\n\n" + RUSSIAN


def test_a_page_of_gzip_nested_too_deep_is_named() -> None:
    data = b"<p>hi</p>"
    for _ in range(5):
        data = gzip.compress(data)
    with pytest.raises(BinaryInputError, match="nested"):
        gunzip(data, 1_000_000)


# End to end: one bad record never costs the batch, and the output is written.

def test_hostile_records_leave_the_output_whole(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [
        '{"id": "sur\\udfff", "title": "T\\udfff", "text": "Officials met in Geneva on Monday."}',
        "[" * 50_000,
        '{"n": 1' + "9" * 5_000 + "}",
        _record(id="late", published="9999-12-31", text="Officials met in Paris on Tuesday."),
        _record(id="url1", url="https://example.org/story", text="Ministers met in Rome on Friday."),
        _record(id="url2", url="https://www.example.org/story/", text="Ministers met in Rome on Friday."),
        '{"id": "cut", "text": "Unterminated',
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["analyze", str(feed), "-o", str(out)]) == EXIT_SOME_INPUTS_FAILED
    document = json.loads(out.read_text(encoding="utf-8"))
    assert [a["id"] for a in document["articles"]] == ["sur\ufffd", "late", "url1"]
    assert [e["source"].rsplit(":", 1)[1] for e in document["errors"]] == ["2", "3", "7"]
    # 9999-12-31 is a placeholder date: a warning, the article analysed with no date.
    assert any("9999-12-31" in w["reason"] and w["source"].endswith(":4") for w in document["warnings"])
    # Two ids, one url: the second is a duplicate left out.
    (duplicate,) = document["duplicates"]
    assert (duplicate["article"], duplicate["duplicate_of"]) == ("url2", "url1")
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("wirewatch: error:")]
    assert len(errors) == 3 and all(line.startswith(f"wirewatch: error: {feed}:") for line in errors)
    assert "Traceback" not in err


@pytest.mark.parametrize("content", [b"", b"\n\n  \n", b"\xef\xbb\xbf"])
def test_an_empty_jsonl_file_says_so(tmp_path: Path, content: bytes) -> None:
    """Regression (found by the fuzz suite): an empty or blank .jsonl gave nothing at all, neither
    a record nor an error, so the input vanished from the report."""
    path = tmp_path / "feed.jsonl"
    path.write_bytes(content)
    items = list(iter_documents([path]))
    assert [type(i).__name__ for i in items] == ["InputError"]
    assert "empty file" in str(items[0])


def test_a_jsonl_file_of_control_characters_is_empty_not_silent(tmp_path: Path) -> None:
    """Regression (fuzz): a lone 0x1F byte is white space to str.strip(), so the file read as no
    line at all and vanished; it must be reported."""
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"\x1f\n\x1c")
    assert [type(i).__name__ for i in iter_documents([path])] == ["InputError"]


def test_a_lying_utf16_mark_on_utf8_jsonl_loses_no_record(tmp_path: Path) -> None:
    """Regression (fuzz): a UTF-16 byte-order mark before UTF-8 JSON Lines made the whole file
    one line of garbage: 3 records in, 1 error out. Now a warning, and every record is read."""
    lines = [json.dumps({"id": f"r{i}", "text": f"Пример {i}. Officials met in Osh on Monday."},
                        ensure_ascii=False) for i in range(3)]
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"\xff\xfe" + "\n".join(lines).encode("utf-8") + b"\n")
    items = list(iter_documents([path]))
    kinds = [type(i).__name__ for i in items]
    assert kinds.count("Document") == 3 and "InputError" not in kinds
    assert any(type(i).__name__ == "InputWarning" and "byte-order mark" in str(i) for i in items)


def test_a_duplicate_line_cuts_oversized_values() -> None:
    """Regression (fuzz): the info line of a duplicate echoed a 10 KB id whole."""
    from wirewatch.model import Duplicate

    huge = "x" * 10_000
    line = str(Duplicate(huge, huge, 1.0, "feed.jsonl:2", "feed.jsonl:1", kept=True))
    assert len(line) < 600 and "\n" not in line and "feed.jsonl:2" in line


def test_a_lying_utf16_mark_survives_nul_bytes_of_damage(tmp_path: Path) -> None:
    """Regression (fuzz): a few NUL bytes of damage after a lying UTF-16 mark made the file read
    as UTF-16: 7 records in, 1 out. The mark is judged by the share of wide bytes, not by one NUL."""
    lines = [_record(id=f"r{i}", title="Пример") for i in range(6)]
    lines.insert(3, '{"id": "junk\x00\x00", "text": "x\x00"}')
    docs, errors, warnings = _split(_read(tmp_path, "f.jsonl", b"\xff\xfe" + "\n".join(lines).encode()))
    assert [d.hints.id for d in docs] == [f"r{i}" for i in range(6)]
    assert [e.source.rsplit(":", 1)[1] for e in errors] == ["4"]
    assert any("byte-order mark" in w.reason for w in warnings)


@pytest.mark.parametrize("bom", [b"", b"\xff\xfe"])
def test_utf16_jsonl_with_a_foreign_line_and_a_stray_byte_loses_no_record(tmp_path: Path, bom: bytes) -> None:
    """Regression (fuzz): UTF-16 JSON Lines holding one UTF-8 line (or one stray byte) decoded as
    a whole shifted every code unit after it: the rest of the file was one garbage line. Each
    line is now decoded on its own; only the damaged line is an error."""
    wide = [(_record(id=f"r{i}", title="Његош " + RUSSIAN) + "\n").encode("utf-16-le") for i in range(5)]
    foreign = (_record(id="u8", title=RUSSIAN) + "\n").encode("utf-8")
    stray = wide[3][:41] + b"\xc3" + wide[3][41:]  # one odd byte inside line 5
    data = bom + b"".join(wide[:2]) + foreign + wide[2] + stray + wide[4]
    docs, errors, _ = _split(_read(tmp_path, "f.jsonl", data))
    assert [d.hints.id for d in docs] == ["r0", "r1", "u8", "r2", "r4"]
    assert all(d.hints.title and d.hints.title.startswith("Његош") for d in docs if d.hints.id != "u8")
    assert [e.source.rsplit(":", 1)[1] for e in errors] == ["5"]
    assert all("\n" not in str(e) and len(str(e)) < 400 for e in errors)


# Legacy code pages: chosen by how plausible the text reads (wirewatch/ingest/legacy.py).

LEGACY_TEXT = ("Port officials met on Tuesday.\n\nМинистр заявил во вторник, что паром возобновит работу. "
               "«Мы ожидаем задержек», — сказал капитан порта Анна Коваль журналистам в Калининграде. "
               "По данным ТАСС, ведомство опровергло эти сведения.\n")


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r", "cp866", "iso8859-5", "mac_cyrillic"])
def test_a_cyrillic_code_page_is_told_from_the_others(encoding: str) -> None:
    data = LEGACY_TEXT.encode(encoding, errors="replace")
    assert decode_text(data) == data.decode(encoding)


def test_western_and_central_european_code_pages_are_not_read_as_cyrillic() -> None:
    assert decode_text("Le café est très bon. Über die Brücke, s'il vous plaît.".encode("cp1252")) \
        == "Le café est très bon. Über die Brücke, s'il vous plaît."
    polish = "Zażółć gęślą jaźń. Łódź leży nad rzeką, którą zna każdy."
    assert decode_text(polish.encode("cp1250")) == polish


def test_a_koi8r_feed_with_a_long_ascii_line_keeps_its_cyrillic(tmp_path: Path) -> None:
    """Regression (fuzz): a 100 KB line of brackets swayed the byte-statistics detector to
    mac_iceland and every Cyrillic word of a koi8-r feed came out as symbols (exit 0)."""
    brackets = '{"id": "n", "x": ' + "[" * 50_000 + "]" * 50_000 + "}"
    lines = [_record(id="a", title="Паром", text=LEGACY_TEXT), brackets,
             _record(id="b", title="Министр", text=LEGACY_TEXT)]
    docs, errors, warnings = _split(_read(tmp_path, "f.jsonl", "\n".join(lines).encode("koi8-r", "replace")))
    assert [(d.hints.id, d.hints.title) for d in docs] == [("a", "Паром"), ("b", "Министр")]
    assert all("Министр заявил" in d.content for d in docs)
    assert [e.source.rsplit(":", 1)[1] for e in errors] == ["2"]
    assert [w.source for w in warnings if "read as koi8-r" in w.reason] == [str(tmp_path / "f.jsonl")]


def test_utf8_with_a_burst_of_random_bytes_is_damaged_utf8_not_a_code_page() -> None:
    """Regression (fuzz): 64 random bytes in an English UTF-8 article (curly quotes, a dash)
    were read as a legacy code page: the quotes came out as "â€œ". Now a located error."""
    text = "The minister said “we will see” — and left. " * 6
    junk = bytes(range(128, 192))
    with pytest.raises(EncodingError, match=r"not valid UTF-8 .* at offset 135"):
        decode_text(text.encode()[:135] + junk + text.encode()[135:])


def test_utf16_jsonl_of_chinese_behind_its_mark_is_read(tmp_path: Path) -> None:
    """Wide text with few NULs (Chinese in UTF-16) is UTF-16 when its mark says so."""
    chinese = "中国国家统计局周二公布的数据显示，经济增长放缓。" * 20
    lines = [_record(id=f"c{i}", text=chinese) for i in range(3)]
    data = b"\xff\xfe" + "\n".join(lines).encode("utf-16-le")
    docs, errors, _ = _split(_read(tmp_path, "f.jsonl", data))
    assert [d.hints.id for d in docs] == ["c0", "c1", "c2"] and not errors
    assert docs[0].content.startswith("中国国家统计局")


def test_utf8_pasted_into_a_cp1251_file_reads_whole() -> None:
    """Regression (fuzz): a UTF-8 quote pasted into a cp1251 article came out as "РћРЅ": each
    valid UTF-8 character is now read as UTF-8 when that reads better, the rest as cp1251.
    (Where the UTF-8 is a large part of the file, it is an error: "mixes encodings".)"""
    pasted = "Он сказал «да». "
    article = LEGACY_TEXT * 4
    data = article.encode("cp1251") + pasted.encode("utf-8") + article.encode("cp1251")
    assert decode_text(data) == article + pasted + article
    # Accidental UTF-8 in legacy text ("сё" in koi8-r is the valid UTF-8 "ӣ") is left alone.
    koi8 = LEGACY_TEXT.replace("е", "ё").encode("koi8-r", errors="replace")
    assert decode_text(koi8) == koi8.decode("koi8-r")
