"""Bytes to text: compression, byte-order marks, encoding detection, binary junk.

Russian pages often arrive as cp1251 or UTF-16; we detect them rather than guess UTF-8 and
silently lose the text. Anything that is not text gets a precise error instead of mojibake.
"""

from __future__ import annotations

import codecs
import zlib

from charset_normalizer import from_bytes

from wirewatch.errors import BinaryInputError, EmptyInputError, EncodingError, TooLargeError

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


def decompress(data: bytes, max_bytes: int) -> bytes:
    """Gunzip ``data`` if it is gzip, refusing output over ``max_bytes`` (gzip bombs)."""
    if not data.startswith(GZIP_MAGIC):
        return data
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = decompressor.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise BinaryInputError(f"corrupt gzip data ({exc})") from exc
    if len(out) > max_bytes:
        raise TooLargeError(
            f"decompresses to more than {max_bytes / 1e6:.0f} MB (limit; raise --max-mb to allow it)"
        )
    # A truncated archive (decompressor not at eof) still yields what was recovered: keep it.
    return out


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
    """Decode page bytes to text, or raise a ``BadInputError`` that says why not.

    Order: byte-order mark, UTF-16 without BOM, the declared charset, strict UTF-8, then
    charset-normalizer's detection (which tells cp1251 from koi8-r and latin-1).
    """
    if not data.strip():
        raise EmptyInputError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    reason = _binary_reason(data)
    if reason:
        raise BinaryInputError(reason)
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[: SAMPLE_BYTES * 4]).best()
    if best is None or best.encoding is None:
        raise EncodingError("unknown text encoding (not UTF-8, UTF-16 or a detectable charset)")
    try:
        return data.decode(best.encoding)
    except (LookupError, UnicodeDecodeError) as exc:
        raise EncodingError(f"text encoding looks like {best.encoding} but does not decode") from exc
