"""How many records an input holds, counted independently of wirewatch's readers.

The count is what a careful user would expect: every gzip member read (a multi-member file is
one stream), gzip inside gzip unpacked, and for JSON Lines one record per non-blank line split on
``\\n`` only (RFC 7464 / jsonlines.org: U+2028 and friends are not line ends), in UTF-16/32 text
the ``\\n`` character (not a lone 0x0A byte, half of another character). Anything else is one
record. ``truncated`` says that the bytes end inside a gzip member: then the reader must say so
(an error or a warning naming the file), since the count of what was lost is unknowable.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

GZIP_MAGIC = b"\x1f\x8b"
# Decompressed bytes looked at: past this the reader's size limit applies anyway.
MAX_UNPACKED = 64_000_000


@dataclass(frozen=True)
class Expected:
    records: int
    truncated: bool = False
    unreadable: bool = False  # a gzip that cannot be unpacked at all: the reader must say so


def _gunzip_all(data: bytes) -> tuple[bytes, bool, bool]:
    """(content of every member, truncated, unreadable)."""
    out, truncated = bytearray(), False
    rest = data
    try:
        while rest:
            if not rest.startswith(GZIP_MAGIC):
                break  # trailing junk after the last member: gzip(1) ignores it with a warning
            unpacker = zlib.decompressobj(wbits=31)
            out += unpacker.decompress(rest, MAX_UNPACKED)
            if not unpacker.eof:
                truncated = True
                break
            rest = unpacker.unused_data
    except zlib.error:
        return bytes(out), truncated, not out
    return bytes(out), truncated, False


# Share of NUL bytes above which text is UTF-16 or UTF-32 (ASCII in UTF-16 is half NULs).
WIDE_NUL_SHARE = 0.25


def _line_break(data: bytes) -> bytes:
    """The bytes of a line break: ``\\n``, or in UTF-16/32 text ``\\n`` with its NUL high byte
    (a lone 0x0A byte there is half of another character, or damage, not a line end)."""
    sample = data[:65536]
    if sample.count(0) <= WIDE_NUL_SHARE * len(sample):
        return b"\n"
    big_endian = data.startswith(b"\xfe\xff") or (
        not data.startswith(b"\xff\xfe") and sample[0::2].count(0) > sample[1::2].count(0))
    return b"\x00\n" if big_endian else b"\n\x00"


def expected_records(data: bytes, suffix: str) -> Expected:
    truncated = unreadable = False
    if suffix.endswith(".gz"):
        suffix = suffix.removesuffix(".gz")
        data, truncated, unreadable = _gunzip_all(data)
        for _ in range(3):  # gzip inside gzip
            if not data.startswith(GZIP_MAGIC):
                break
            data, inner_truncated, unreadable = _gunzip_all(data)
            truncated = truncated or inner_truncated
    if unreadable:
        return Expected(1, truncated, True)
    if suffix in (".jsonl", ".ndjson"):
        lines = [line for line in data.split(_line_break(data)) if line.strip(b" \t\r\n\x00")]
        return Expected(max(1, len(lines)), truncated)
    return Expected(1, truncated)
