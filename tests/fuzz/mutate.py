"""Hostile inputs for every reader (text, HTML, JSON Lines, gzip) and the annotate stages.

Each ``Case`` is the bytes of one input file, the suffix a user would give it and a recipe (the
seed and the mutations applied, in order) that names how it was made, so that a failure can be
rebuilt. Generation is deterministic: the same seed number gives the same cases, in any process.

Seeds are the demo corpus and small pages of our own; mutations are the classes of damage real
feeds and crawls show: flipped, cut and inserted bytes, pathological runs (quote marks, punctuation,
entities, one long word, a phrase repeated), encodings that lie (a BOM or a meta charset for
another encoding), deep nesting and huge attributes in HTML, nested and oversized JSON values,
surrogate escapes and line separators in JSON Lines, and gzip that is multi-member, truncated,
nested or cut in its header.
"""

from __future__ import annotations

import gzip
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DEMO = Path(__file__).resolve().parents[2] / "demo" / "corpus"
READERS = ("text", "html", "jsonl", "gzip")
# Sizes of pathological runs in reader cases: large enough to show a quadratic or recursive step,
# small enough that ten thousand inputs run in minutes. Stage cases go larger (``STAGE_SCALE``).
RUN_LENGTHS = (100, 1_000, 10_000, 50_000)
STAGE_SCALE = (1_000, 5_000, 20_000)

EN_TEXT = (
    "Port officials said on Tuesday that the ferry would resume service. \"We expect delays,\" "
    "harbour master Ann Kowal told reporters in Gdansk. The ministry denied the claim, according "
    "to a statement published by Reuters.\n\nTraffic was heavy in Warsaw and Krakow on Monday.\n"
)
RU_TEXT = (
    "Министр заявил во вторник, что паром возобновит работу. «Мы ожидаем задержек», — сказал "
    "капитан порта Анна Коваль журналистам в Калининграде. По данным ТАСС, ведомство опровергло "
    "эти сведения.\n\nВ понедельник в Москве было много машин.\n"
)
HTML_PAGE = (
    "<!doctype html><html><head><meta charset=\"utf-8\"><title>Ferry to resume</title></head>"
    "<body><nav><a href=\"/\">Home</a></nav><article><h1>Ferry to resume</h1>"
    "<p class=\"byline\">By Ann Kowal</p><p>{en}</p><p>{ru}</p></article>"
    "<footer>(c) Example News</footer></body></html>"
)


@dataclass(frozen=True)
class Case:
    """One input: its bytes, the file suffix (".jsonl.gz"...), and how it was made."""

    reader: str
    suffix: str
    data: bytes
    recipe: str


def _seed_texts() -> list[tuple[str, bytes]]:
    own = [("own-en", EN_TEXT.encode()), ("own-ru", RU_TEXT.encode()),
           ("own-ru-cp1251", RU_TEXT.encode("cp1251")), ("own-mixed", (EN_TEXT + RU_TEXT).encode())]
    demo = [(p.name, p.read_bytes()) for p in sorted(DEMO.glob("*.txt"))]
    return own + demo


def _seed_pages() -> list[tuple[str, bytes]]:
    own = [("own-page", HTML_PAGE.format(en=EN_TEXT, ru=RU_TEXT).encode())]
    demo = [(p.name, p.read_bytes()) for p in sorted(DEMO.glob("*.html"))]
    return own + demo


def _own_records() -> list[dict[str, object]]:
    return [
        {"id": "r1", "url": "https://example.org/a", "title": "Ferry", "published": "2024-03-05",
         "language": "en", "text": EN_TEXT},
        {"id": "r2", "url": "https://example.org/b", "title": "Паром", "published": "2024-03-06",
         "text": RU_TEXT},
        {"guid": "r3", "link": "https://example.org/c", "content": EN_TEXT, "author": "Ann Kowal"},
        {"id": "r4", "html": HTML_PAGE.format(en=EN_TEXT, ru=RU_TEXT)},
    ]


def _seed_feeds() -> list[tuple[str, bytes]]:
    own = "\n".join(json.dumps(r, ensure_ascii=False) for r in _own_records()) + "\n"
    return [("own-feed", own.encode()), ("feed.jsonl", (DEMO / "feed.jsonl").read_bytes())]


# ---- byte-level mutations (every reader) -------------------------------------------------------

Mutation = Callable[[random.Random, bytes], tuple[bytes, str]]


def flip_bytes(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    out = bytearray(data)
    count = rng.choice((1, 2, 8, 64))
    for _ in range(count):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out), f"flip{count}"


def truncate(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    cut = rng.randrange(len(data) + 1)
    return data[:cut], f"truncate@{cut}"


def insert_random(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    at = rng.randrange(len(data) + 1)
    junk = bytes(rng.randrange(256) for _ in range(rng.choice((1, 4, 64, 512))))
    return data[:at] + junk + data[at:], f"insert{len(junk)}@{at}"


def delete_slice(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    at = rng.randrange(len(data) + 1)
    size = rng.choice((1, 16, 256))
    return data[:at] + data[at + size:], f"delete{size}@{at}"


def duplicate_slice(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    at = rng.randrange(len(data) + 1)
    size = rng.choice((16, 256, 4096))
    times = rng.choice((2, 10, 100))
    return data[:at] + data[at:at + size] * times + data[at:], f"repeat{size}x{times}@{at}"


# Runs that are legal text but stress tokenizers, sentence rules and quote scanners.
PATHOLOGICAL_RUNS = ('"', "'", "«", "»", "!", "?", ".", "-", "—", "&amp;", "…", "*", "|", " ",
                     "\n", "\t", "a", "ё", "\u200b", "\u0301", "(", ")", "[", "<", "\\",
                     "Он сказал «да». ", "He said \"yes\". ", "U.S. ", "1.", "http://x.y/")


def insert_run(rng: random.Random, data: bytes, lengths: tuple[int, ...] = RUN_LENGTHS) -> tuple[bytes, str]:
    unit = rng.choice(PATHOLOGICAL_RUNS)
    count = max(1, rng.choice(lengths) // max(1, len(unit)))
    at = rng.randrange(len(data) + 1)
    return data[:at] + (unit * count).encode() + data[at:], f"run({unit!r}x{count})@{at}"


def lie_about_encoding(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """A BOM or an encoding that is not what the bytes are."""
    text = data.decode("utf-8", "replace")
    choice = rng.randrange(7)
    if choice == 0:
        return b"\xff\xfe" + data, "utf16le-bom-on-utf8"
    if choice == 1:
        return b"\xef\xbb\xbf" + text.encode("cp1251", "replace"), "utf8-bom-on-cp1251"
    if choice == 2:
        return text.encode("utf-16-le"), "utf16le-no-bom"
    if choice == 3:
        return text.encode("utf-32-le"), "utf32le-no-bom"
    if choice == 4:
        return text.encode("koi8-r", "replace"), "koi8r"
    if choice == 5:
        return b"\xef\xbb\xbf\xef\xbb\xbf" + data, "double-utf8-bom"
    at = rng.randrange(len(data) + 1)
    return data[:at] + b"\xc3" + data[at:], f"one-invalid-utf8-byte@{at}"


BYTE_MUTATIONS: tuple[Mutation, ...] = (flip_bytes, truncate, insert_random, delete_slice,
                                        duplicate_slice, insert_run, lie_about_encoding)


# ---- HTML mutations ----------------------------------------------------------------------------

def html_mutation(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    depth = rng.choice((100, 1_000, 10_000))
    choice = rng.randrange(8)
    at = data.find(b"<p>")
    at = at if at >= 0 else rng.randrange(len(data) + 1)
    if choice == 0:  # the article's text deep in nested elements
        return (data[:at] + b"<div>" * depth + b"<p>" + EN_TEXT.encode() * 3 + b"</p>"
                + b"</div>" * depth + data[at:]), f"nest-div{depth}"
    if choice == 1:  # unclosed nesting
        return data[:at] + b"<span><b>" * depth + data[at:], f"unclosed{depth}"
    if choice == 2:  # an element with many attributes
        attrs = b"".join(b' a%d="%d"' % (i, i) for i in range(depth * 10))
        return data[:at] + b"<p" + attrs + b">x</p>" + data[at:], f"attrs{depth * 10}"
    if choice == 3:  # a huge attribute value
        value = b"x" * (depth * 100)
        return data[:at] + b'<p title="' + value + b'">y</p>' + data[at:], f"attrval{len(value)}"
    if choice == 4:  # a large table
        rows = b"".join(b"<tr><td>%d</td><td>Row %d. Text.</td></tr>" % (i, i) for i in range(depth * 2))
        return data[:at] + b"<table>" + rows + b"</table>" + data[at:], f"table{depth * 2}"
    if choice == 5:  # tags broken: '>' dropped at random
        out = bytearray()
        for byte in data:
            if byte == ord(">") and rng.random() < 0.3:
                continue
            out.append(byte)
        return bytes(out), "drop-gt"
    if choice == 6:  # a meta charset that lies
        page = data.decode("utf-8", "replace").replace('charset="utf-8"', 'charset="windows-1251"')
        return page.encode("utf-8"), "meta-charset-lies"
    return data[:at] + b"<script>" + b"x" * (depth * 10) + data[at:], f"unterminated-script{depth * 10}"


# ---- JSON Lines mutations ----------------------------------------------------------------------

def jsonl_mutation(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    lines = data.split(b"\n")
    index = rng.randrange(len(lines))
    record = dict(rng.choice(_own_records()))
    choice = rng.randrange(12)
    if choice == 0:
        depth = rng.choice((100, 1_000, 50_000))
        nested = b"[" * depth + b"]" * depth
        line, recipe = b'{"id": "n", "text": "x", "extra": ' + nested + b"}", f"nested{depth}"
    elif choice == 1:
        digits = rng.choice((100, 5_000, 50_000))
        line, recipe = b'{"id": "big", "text": "x", "n": ' + b"9" * digits + b"}", f"bigint{digits}"
    elif choice == 2:
        field = rng.choice(("id", "title", "url", "text"))
        raw = json.dumps(record, ensure_ascii=False)
        raw = raw.replace(f'"{field}": "', f'"{field}": "\\udfff', 1)
        line, recipe = raw.encode(), f"surrogate-in-{field}"
    elif choice == 3:
        sep = rng.choice(("\u2028", "\u2029", "\u0085", "\x0b", "\x0c", "\x1c"))
        record["text"] = str(record.get("text", "x")) + sep + "after the separator."
        line, recipe = json.dumps(record, ensure_ascii=False).encode(), f"separator-U+{ord(sep):04X}"
    elif choice == 4:
        record["published"] = rng.choice(("9999-12-31", "0001-01-01", "-5", "1e300", "2024-02-30",
                                          "99999999999999999999", "NaN"))
        line, recipe = json.dumps(record, ensure_ascii=False).encode(), f"published={record['published']}"
    elif choice == 5:
        record["url"] = "https://example.org/a\nsecond line"
        line, recipe = json.dumps(record).encode(), "url-with-newline"
    elif choice == 6:
        size = rng.choice((10_000, 100_000))
        record[rng.choice(("id", "title", "url", "outlet"))] = "v" * size
        line, recipe = json.dumps(record).encode(), f"oversized-value{size}"
    elif choice == 7:
        key = rng.choice(("id", "title", "text", "url", "published", "language", "author"))
        record[key] = rng.choice((None, 1, 1.5, True, [], {}, ["a", 1], {"name": {"x": [1]}}))
        line, recipe = json.dumps(record).encode(), f"wrong-type-{key}"
    elif choice == 8:
        line, recipe = lines[index][: max(1, len(lines[index]) // 2)], "cut-line"
    elif choice == 9:  # a second record under the same url
        line, recipe = json.dumps(record).encode() + b"\n" + json.dumps(record).encode(), "same-url-twice"
    elif choice == 10:
        line, recipe = rng.choice((b"[]", b"null", b"1", b'"s"', b"{}", b"{,}", b"\x00" * 8)), "not-an-object"
    else:
        encoded = json.dumps(record, ensure_ascii=False).encode()
        at = rng.randrange(len(encoded) + 1)
        line, recipe = encoded[:at] + b"\xff" + encoded[at:], "invalid-utf8-in-line"
    lines.insert(index, line)
    return b"\n".join(lines), f"{recipe}@line{index + 1}"


# ---- gzip mutations ----------------------------------------------------------------------------

def gzip_mutation(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    packed = gzip.compress(data, mtime=0)
    choice = rng.randrange(7)
    if choice == 0:
        return packed, "gzip"
    if choice == 1:  # multi-member: concatenated gzip streams, each a part of the file
        cut = data.rfind(b"\n", 0, max(1, len(data) // 2)) + 1
        return gzip.compress(data[:cut], mtime=0) + gzip.compress(data[cut:], mtime=0), f"multi-member@{cut}"
    if choice == 2:
        cut = rng.randrange(10, max(11, len(packed)))
        return packed[:cut], f"gzip-truncated@{cut}"
    if choice == 3:
        cut = rng.randrange(1, 10)
        return packed[:cut], f"gzip-header-cut@{cut}"
    if choice == 4:
        return gzip.compress(packed, mtime=0), "gzip-in-gzip"
    if choice == 5:
        return packed + bytes(rng.randrange(256) for _ in range(16)), "gzip-trailing-junk"
    flipped, recipe = flip_bytes(rng, packed)
    return flipped, f"gzip-{recipe}"


# ---- cases -------------------------------------------------------------------------------------

def _mutate(rng: random.Random, data: bytes, extra: tuple[Mutation, ...]) -> tuple[bytes, str]:
    """One to three mutations; the reader's own kind twice as likely as plain byte damage."""
    recipes = []
    pool = BYTE_MUTATIONS + extra + extra
    for _ in range(rng.choice((1, 1, 2, 3))):
        data, recipe = rng.choice(pool)(rng, data)
        recipes.append(recipe)
    return data, "+".join(recipes)


def reader_case(reader: str, number: int) -> Case:
    """Case ``number`` for ``reader`` (deterministic)."""
    rng = random.Random(f"{reader}-{number}")
    if reader == "text":
        name, seed = rng.choice(_seed_texts())
        data, recipe = _mutate(rng, seed, ())
        return Case(reader, ".txt", data, f"{name}: {recipe}")
    if reader == "html":
        name, seed = rng.choice(_seed_pages())
        data, recipe = _mutate(rng, seed, (html_mutation,))
        return Case(reader, ".html", data, f"{name}: {recipe}")
    if reader == "jsonl":
        name, seed = rng.choice(_seed_feeds())
        data, recipe = _mutate(rng, seed, (jsonl_mutation,)) if number % 10 else jsonl_mutation(rng, seed)
        return Case(reader, ".jsonl", data, f"{name}: {recipe}")
    # gzip: any of the others, damaged or not, then packed in some odd way.
    inner = reader_case(rng.choice(("text", "html", "jsonl")), number) if rng.random() < 0.5 else None
    if inner is None:
        kind, suffix = rng.choice((("texts", ".txt"), ("pages", ".html"), ("feeds", ".jsonl")))
        name, seed = rng.choice({"texts": _seed_texts, "pages": _seed_pages, "feeds": _seed_feeds}[kind]())
        inner = Case("gzip", suffix, seed, name)
    data, recipe = gzip_mutation(rng, inner.data)
    return Case(reader, inner.suffix + ".gz", data, f"{inner.recipe} | {recipe}")


def stage_case(number: int) -> Case:
    """A readable article (English or Russian) with pathological runs or repetition inside, for
    the annotate stages; sizes up to about 100 KB."""
    rng = random.Random(f"stages-{number}")
    name, seed = rng.choice([s for s in _seed_texts() if not s[0].endswith("cp1251")])
    data, recipes = seed, []
    for _ in range(rng.choice((1, 2))):
        choice = rng.randrange(4)
        if choice == 0:
            data, recipe = insert_run(rng, data, STAGE_SCALE)
        elif choice == 1:  # the whole text many times: many quotes, sentences and entities
            times = rng.choice((10, 50, 150))
            data, recipe = data * times, f"text-x{times}"
        elif choice == 2:  # quote marks that never close, or open many times
            mark = rng.choice(('"', "«", "“", "'"))
            data, recipe = data.replace(b".", (". " + mark).encode(), 200), f"open-{mark!r}"
        else:  # one sentence with no end
            data, recipe = data.replace(b". ", b", ") * rng.choice((5, 30)), "no-sentence-end"
        recipes.append(recipe)
    return Case("stages", ".txt", data[:120_000], f"{name}: {'+'.join(recipes)}")
