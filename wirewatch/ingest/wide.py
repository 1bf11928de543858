"""JSON Lines in UTF-16 or UTF-32 ("wide" text), split into lines before decoding.

Decoding a whole wide file at once turns one damaged or foreign line into garbage for the rest
of the file: a UTF-8 line pasted into a UTF-16 file, or one stray byte, shifts every code unit
after it, and the records that follow read as one line of CJK-looking noise. Here the file is
split at its own encoding's line breaks (on code-unit boundaries, so a character such as U+040A,
bytes ``0A 04`` in UTF-16-LE, is no line break) and each line decoded on its own. A line that
does not decode to JSON is split again at every 0x0A byte that is a line break of wide text or
of UTF-8 (a pasted line), each stretch decoded as the file's encoding (at each code-unit
alignment) or as UTF-8; a stretch that is neither is an error of its own line. So one bad line
costs that line, never the file.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator

from wirewatch.model import InputError

# Bytes looked at to tell wide text from 8-bit text.
SAMPLE_BYTES = 64 * 1024
# Share of NUL and 0x04 bytes above which text is UTF-16/32: ASCII in UTF-16 is half NULs, and
# Cyrillic puts 0x04 where ASCII puts NUL. UTF-8 and legacy code pages have next to none (a few
# from damage).
MIN_WIDE_SHARE = 0.25
# Share of a UTF-32 unit position that must be NUL: code points stop at U+10FFFF, so the top
# byte of each unit is always NUL, and for text below U+10000 the next one too.
MIN_UTF32_NULS = 0.9

# Share of NUL bytes behind a UTF-16/32 mark for the mark to be believed.
MIN_MARKED_NUL_SHARE = 0.01

Line = tuple[int, str] | InputError


def _bom_encoding(data: bytes) -> tuple[str | None, int]:
    """The encoding a UTF-16/32 byte-order mark names, and the mark's length."""
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                          (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return encoding, len(bom)
    return None, 0


def looks_wide(data: bytes) -> bool:
    """Whether ``data`` (no byte-order mark) is UTF-16/32 text rather than 8-bit text."""
    sample = data[:SAMPLE_BYTES]
    if not sample:
        return False
    return (sample.count(0) + sample.count(4)) / len(sample) > MIN_WIDE_SHARE


def wide_encoding(data: bytes) -> tuple[str, int] | None:
    """The UTF-16/32 encoding of ``data`` and the length of its byte-order mark, or None for
    8-bit text (including 8-bit text behind a UTF-16 mark that lies)."""
    named, bom = _bom_encoding(data)
    body = data[bom:]
    if named is not None:
        # A mark is believed unless the text behind it has next to no NUL bytes: wide text of
        # JSON has one in every ASCII character (its syntax, its keys), even when the values are
        # Chinese; 8-bit text has none but from damage.
        sample = body[:SAMPLE_BYTES]
        return (named, bom) if sample.count(0) >= MIN_MARKED_NUL_SHARE * len(sample) else None
    if not looks_wide(body):
        return None
    sample = body[: SAMPLE_BYTES - SAMPLE_BYTES % 4]
    for encoding, high in (("utf-32-le", (2, 3)), ("utf-32-be", (0, 1))):
        if all(sample[i::4].count(0) >= MIN_UTF32_NULS * len(sample[i::4]) for i in high):
            return encoding, 0
    # UTF-16: NULs (and Cyrillic's 0x04) sit in the high byte, odd positions for little-endian.
    odd = sample[1::2].count(0) + sample[1::2].count(4)
    even = sample[0::2].count(0) + sample[0::2].count(4)
    return ("utf-16-le" if odd >= even else "utf-16-be"), 0


def _aligned_lines(data: bytes, newline: bytes, unit: int) -> Iterator[bytes]:
    """``data`` cut at ``newline`` where it starts on a code-unit boundary of its line."""
    start = position = 0
    while True:
        found = data.find(newline, position)
        if found < 0:
            yield data[start:]
            return
        if (found - start) % unit:
            position = found + 1
            continue
        yield data[start:found]
        start = position = found + len(newline)


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def _decode_piece(piece: bytes, encoding: str, unit: int) -> tuple[str | None, bool]:
    """One stretch of a damaged line, and whether it is JSON: decoded as the file's encoding at
    whichever code-unit alignment gives JSON, or as UTF-8 (a line pasted in from an 8-bit file);
    failing both, the first alignment that decodes (its JSON error is then reported), or None."""
    candidates: list[str] = []
    if b"\0" not in piece:
        try:
            text = piece.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            if text.isprintable() or not text.strip("\t\r"):
                candidates.append(text)
    # Little-endian pieces begin with the newline's high byte; big-endian ones end with it.
    for offset in range(unit):
        chunk = piece[offset:]
        chunk = chunk[: len(chunk) - len(chunk) % unit]
        try:
            candidates.append(chunk.decode(encoding).removesuffix("\r"))
        except UnicodeDecodeError:
            continue
    for text in candidates:
        if _is_json(text):
            return text, True
    return (candidates[0] if candidates else None), False


def _starts_line(before: bytes, piece: bytes, big_endian: bool) -> bool:
    """Whether the 0x0A byte between ``before`` and ``piece`` is a line break of wide text: its
    NUL high byte follows it (little-endian) or precedes it (big-endian). Otherwise it is half
    of a character such as U+040A, or damage."""
    return before.endswith(b"\0") if big_endian else piece.startswith(b"\0")


def _damaged_line(raw: bytes, encoding: str, unit: int) -> Iterator[str | None]:
    """The lines inside one aligned line that did not decode to JSON: split at every 0x0A byte,
    a stretch joined to the one before it when that 0x0A is no line break of wide text and
    neither is JSON on its own. Each is decoded text, or None when nothing decodes it.
    Every stretch is decoded alone once and every group once more: linear in the line."""
    big_endian = encoding.endswith("be")
    groups: list[list[bytes]] = []
    closed = True  # the last group is JSON on its own: nothing joins it
    for piece in raw.split(b"\n"):
        is_json = _decode_piece(piece, encoding, unit)[1]
        if groups and not closed and not is_json and not _starts_line(groups[-1][-1], piece, big_endian):
            groups[-1].append(piece)
            continue
        groups.append([piece])
        closed = is_json
    for group in groups:
        joined = b"\n".join(group)
        yield "" if not joined.strip(b" \t\r\0") else _decode_piece(joined, encoding, unit)[0]


def wide_lines(data: bytes, encoding: str, bom: int, source: str) -> Iterator[Line]:
    """The numbered lines of wide JSON Lines text, each decoded on its own; a piece that does
    not decode is an ``InputError`` naming FILE:LINE."""
    unit = 4 if "32" in encoding else 2
    newline = "\n".encode(encoding)
    number = 0
    for raw in _aligned_lines(data[bom:], newline, unit):
        try:
            text: str | None = raw.decode(encoding).removesuffix("\r")
        except UnicodeDecodeError:
            text = None
        if text is not None and (not text.strip() or _is_json(text)):
            number += 1
            yield number, text
            continue
        for decoded in _damaged_line(raw, encoding, unit):
            number += 1
            if decoded is None:
                yield InputError(f"{source}:{number}", f"not valid {encoding.upper()[:6]} nor UTF-8: "
                                 "the line is damaged or in another encoding")
            else:
                yield number, decoded
