"""Bytes to text: compression, byte-order marks, encoding detection, binary junk.

Russian pages often arrive as cp1251 or UTF-16; we detect them rather than guess UTF-8 and
silently lose the text. Anything that is not text gets a precise error instead of mojibake.
"""

from __future__ import annotations

import codecs
import re
import zlib
from dataclasses import dataclass

from charset_normalizer import from_bytes

from wirewatch.errors import BinaryInputError, EmptyInputError, EncodingError, TooLargeError
from wirewatch.ingest.legacy import choose_encoding, decode_mixed, mixed_reads_better

GZIP_MAGIC = b"\x1f\x8b"
# Share of control characters (other than whitespace) above which bytes are not text.
BINARY_CONTROL_RATIO = 0.05
# Bytes sampled for the binary check and for encoding detection: enough for a verdict, cheap on 50 MB.
SAMPLE_BYTES = 64 * 1024
# Magic numbers of common non-text formats, named in the error message.
KNOWN_BINARY = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x7fELF": "an executable",
    b"MZ": "a Windows executable",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


# Gzip layers unwrapped (a .gz of a .gz happens when a server compresses an already gzipped
# file); more than this is no page.
MAX_GZIP_LAYERS = 3


@dataclass(frozen=True)
class Gunzipped:
    """What came out of gzip data: the bytes, and whether the data ended mid-stream (a cut
    download), in which case ``data`` is what was recovered before the cut."""

    data: bytes
    truncated: bool = False


def gunzip(data: bytes, max_bytes: int) -> Gunzipped:
    """Gunzip ``data`` if it is gzip (every member of a multi-member file, and gzip inside gzip),
    refusing output over ``max_bytes`` (gzip bombs). A cut archive keeps what was recovered and
    says so; one cut inside its header, with nothing recovered, is an error."""
    truncated = False
    for _ in range(MAX_GZIP_LAYERS):
        if not data.startswith(GZIP_MAGIC):
            return Gunzipped(data, truncated)
        data, cut = _gunzip_members(data, max_bytes)
        truncated = truncated or cut
        if cut and not data:
            raise BinaryInputError("truncated gzip: the file ends inside its gzip header, "
                                   "nothing could be recovered (an interrupted download?)")
    if data.startswith(GZIP_MAGIC):
        raise BinaryInputError(f"gzip nested more than {MAX_GZIP_LAYERS} layers deep, not a page")
    return Gunzipped(data, truncated)


def _gunzip_members(data: bytes, max_bytes: int) -> tuple[bytes, bool]:
    """All members of one gzip layer, and whether the last one was cut short. A gzip file may
    hold several members back to back (``cat a.gz b.gz``, log rotation): each is read."""
    chunks: list[bytes] = []
    size = 0
    rest = data
    while rest:
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            chunk = decompressor.decompress(rest, max_bytes + 1 - size)
        except zlib.error as exc:
            if chunks and not rest.startswith(GZIP_MAGIC):
                break  # trailing junk after complete members (zero padding): gzip(1) ignores it too
            raise BinaryInputError(f"corrupt gzip data ({exc})") from exc
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise TooLargeError(
                f"decompresses to more than {max_bytes / 1e6:.0f} MB (limit; raise --max-mb to allow it)"
            )
        if not decompressor.eof:
            return b"".join(chunks), True
        rest = decompressor.unused_data
        if not rest.strip(b"\0"):
            break
    return b"".join(chunks), False


def decompress(data: bytes, max_bytes: int) -> bytes:
    """The bytes of ``gunzip``, a truncation kept quiet: for callers that only want text."""
    return gunzip(data, max_bytes).data


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as NUL bytes on every other position of ASCII text."""
    sample = data[:SAMPLE_BYTES]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd_nuls = sample[1::2].count(0) / max(1, len(sample[1::2]))
    encoding = None
    if odd_nuls > 0.3 and even_nuls < 0.05:
        encoding = "utf-16-le"
    elif even_nuls > 0.3 and odd_nuls < 0.05:
        encoding = "utf-16-be"
    # Cyrillic in UTF-16: the high byte 0x04 fills every odd (LE) or even (BE) position.
    elif sample[1::2].count(4) / max(1, len(sample[1::2])) > 0.3:
        encoding = "utf-16-le"
    elif sample[0::2].count(4) / max(1, len(sample[0::2])) > 0.3:
        encoding = "utf-16-be"
    if encoding is None:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _utf32_without_bom(data: bytes) -> str | None:
    """UTF-32 without a BOM: every code point of text is below U+10FFFF, so the high byte of
    each 4-byte unit is NUL, and for ASCII and Cyrillic the next one too."""
    sample = data[: SAMPLE_BYTES - SAMPLE_BYTES % 4]
    if len(sample) < 8 or len(data) % 4:
        return None
    for encoding, high in (("utf-32-le", (2, 3)), ("utf-32-be", (0, 1))):
        if all(sample[i::4].count(0) == len(sample[i::4]) for i in high):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def utf8_error(data: bytes, error: UnicodeDecodeError, limit: int = 4) -> str:
    """Where UTF-8 decoding failed, for a message: "byte 0xff at offset 1,234"."""
    bad = data[error.start:min(error.end, error.start + limit)]
    shown = " ".join(f"0x{b:02x}" for b in bad)
    return f"{'byte' if len(bad) == 1 else 'bytes'} {shown} at offset {error.start:,}"


# Valid multi-byte UTF-8 characters per damaged spot (a run of invalid bytes) at or above which
# text is UTF-8 with damage, not another encoding. Legacy text read as UTF-8 has next to no valid
# multi-byte character (cp1251 would need a capital letter followed by "»" or "ё") and a damaged
# spot at every word; damaged UTF-8 keeps its quotes, dashes and letters valid around the damage.
MIN_UTF8_PER_BAD_SPOT = 0.25
_DAMAGED_SPOT = re.compile("\ufffd+")


def _mostly_utf8(data: bytes) -> bool:
    """Whether ``data`` is UTF-8 but for some damaged bytes."""
    text = data.decode("utf-8", errors="replace")
    spots = len(_DAMAGED_SPOT.findall(text))
    multibyte = sum(1 for char in text if char > "\x7f") - text.count("\ufffd")
    return multibyte >= MIN_UTF8_PER_BAD_SPOT * max(1, spots)


def _is_utf8(encoding: str | None) -> bool:
    try:
        return encoding is not None and codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def _binary_reason(data: bytes) -> str | None:
    for magic, what in KNOWN_BINARY.items():
        if data.startswith(magic):
            return f"binary file ({what}), not a text or HTML page"
    sample = data[:SAMPLE_BYTES]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if controls / max(1, len(sample)) > BINARY_CONTROL_RATIO:
        return "binary file (control bytes throughout), not a text or HTML page"
    return None


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode page bytes to text, or raise a ``BadInputError`` that says why not (see
    ``decode_bytes``)."""
    return decode_bytes(data, declared)[0]


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Page bytes as text and the name of the encoding read, or a ``BadInputError`` that says
    why not.

    Order: byte-order mark, UTF-16 without BOM, the declared charset, strict UTF-8, then the
    code page under which the text reads most plausibly (``legacy.choose_encoding``, among the
    Cyrillic and European code pages and charset-normalizer's guess); damaged UTF-8 is an error
    that says where.
    """
    if not data.strip():
        raise EmptyInputError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    utf32 = _utf32_without_bom(data)
    if utf32 is not None:
        return utf32, "utf-32"
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16, "utf-16"
    reason = _binary_reason(data)
    if reason:
        raise BinaryInputError(reason)
    if declared:
        try:
            return data.decode(declared), declared
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_failure = exc
    # Damaged UTF-8 competes with the code pages only when its valid characters are many
    # enough; legacy text read as UTF-8 (a damaged spot per word) never does.
    maybe_utf8 = ("utf-8",) if _mostly_utf8(data) else ()
    choice = choose_encoding(data, extra=(_detected(data), *maybe_utf8))
    if choice is not None and _is_utf8(choice[0]):
        # UTF-8 but for a damaged byte: say where, rather than guess another code page.
        raise EncodingError(f"not valid UTF-8 ({utf8_error(data, utf8_failure)}), though the rest "
                            "is UTF-8: the file is damaged or mixes encodings")
    if choice is None:
        raise EncodingError(f"unknown text encoding: not UTF-8 ({utf8_error(data, utf8_failure)}), "
                            "UTF-16, nor a code page that reads as text")
    if mixed_reads_better(data, choice[0]):
        return decode_mixed(data, choice[0]), f"utf-8 and {choice[0]}"
    try:
        return data.decode(choice[0]), choice[0]
    except (LookupError, UnicodeDecodeError) as exc:
        where = f" at offset {exc.start:,}" if isinstance(exc, UnicodeDecodeError) else ""
        raise EncodingError(f"text encoding looks like {choice[0]} but does not decode{where}") from exc


def _detected(data: bytes) -> str:
    """charset-normalizer's guess (cp1251 when it has none): one candidate among the legacy code
    pages ``choose_encoding`` weighs, for the encodings outside them (Shift-JIS, GB2312...)."""
    best = from_bytes(data[: SAMPLE_BYTES * 4]).best()
    return best.encoding if best is not None and best.encoding else "cp1251"
