"""Bytes to text: BOM, HTTP header, <meta> and detection, trusting what decodes cleanly."""

from __future__ import annotations

import codecs
import gzip
import logging
import zlib

from charset_normalizer import from_bytes

from extractors.page import boilerplate as bp

LOGGER = logging.getLogger(__name__)

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def normalize_charset(name: str | None) -> str | None:
    """Map a declared charset label to the Python codec that really decodes such pages."""
    if not name:
        return None
    label = name.strip().strip("\"'").lower()
    if label in bp.CHARSET_ALIASES:
        return bp.CHARSET_ALIASES[label]
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        return None
    return bp.CHARSET_ALIASES.get(codec, codec)


def maybe_gunzip(raw: bytes) -> bytes:
    """Decompress gzip input (a saved .html.gz page); other bytes come back unchanged."""
    if raw[:2] != bp.GZIP_MAGIC:
        return raw
    try:
        return gzip.decompress(raw)
    except (OSError, EOFError, zlib.error) as err:
        LOGGER.warning("gzip magic but not decompressible: %s", err)
        return raw


def declared_charsets(raw: bytes) -> list[str]:
    """Charsets the page declares about itself (corpus wrapper, XML declaration, <meta>)."""
    head = raw[: bp.META_SCAN_BYTES]
    found: list[str] = []
    for regex in (bp.WRAPPER_CHARSET_RE, bp.XML_DECL_RE, bp.META_CHARSET_RE):
        for match in regex.finditer(head):
            codec = normalize_charset(match.group(1).decode("ascii", "ignore"))
            if codec and codec not in found:
                found.append(codec)
    return found


def _replacement_share(text: str) -> float:
    """Share of U+FFFD in a decoded text (0 when empty)."""
    return text.count("\ufffd") / max(len(text), 1)


def _mojibake_share(text: str) -> float:
    """Share of Latin-1 supplement and C1 characters: high when CJK bytes were read as Latin-1."""
    high = sum(1 for ch in text if "\x80" <= ch <= "\xff")
    return high / max(len(text), 1)


def _try_decode(raw: bytes, codec: str) -> str | None:
    """Decode when the result is clean (few replacement chars, no Latin-1 mojibake), else None."""
    try:
        text = raw.decode(codec, errors="replace")
    except LookupError:
        return None
    if _replacement_share(text) > bp.CLEAN_REPLACEMENT_SHARE:
        return None
    if codec in bp.SINGLE_BYTE_CODECS and _mojibake_share(text) > bp.MOJIBAKE_HIGH_SHARE:
        return None
    if len(bp.PRIVATE_USE_RE.findall(text)) > bp.PRIVATE_USE_MAX_SHARE * max(len(text), 1):
        return None  # Big5 or Shift_JIS bytes read as GB18030 land in the private use area
    return text


def _detect(raw: bytes) -> str | None:
    """Best codec according to charset-normalizer, normalised to our aliases."""
    sample = raw[: bp.DETECT_SAMPLE_BYTES]
    if len(raw) > len(sample):
        # Cut at an ASCII byte: a multi-byte character split in two fails every codec.
        stop = max(len(sample) - bp.DETECT_CUT_SCAN, 0)
        cut = next((i for i in range(len(sample) - 1, stop, -1) if sample[i] < 0x80), 0)
        sample = sample[:cut] if cut > 0 else raw
    result = from_bytes(sample, cp_isolation=list(bp.DETECT_CODECS)).best()
    if result is None:
        return None
    return normalize_charset(result.encoding)


def decode_html(raw: bytes, http_charset: str | None = None) -> tuple[str, str]:
    """Decode page bytes; return (unicode html, codec used such as 'gb18030' or 'utf-8')."""
    raw = maybe_gunzip(raw)
    for bom, codec in BOMS:
        if raw.startswith(bom):
            return raw.decode(codec, errors="replace"), codec.replace("-sig", "")
    header = normalize_charset(http_charset)
    declared = declared_charsets(raw)
    if not raw.isascii():
        # Non-ASCII bytes that form valid UTF-8 are UTF-8 whatever the labels say: GBK, Big5
        # or Shift_JIS text almost never is valid UTF-8, while those codecs "decode" UTF-8.
        try:
            return raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    else:
        return raw.decode("ascii"), header or (declared[0] if declared else "utf-8")
    candidates: list[str] = []
    # A single-byte header with a CJK <meta> is the classic wrong server default: the
    # page's own declaration goes first; otherwise the header is tried first.
    if header and header in bp.SINGLE_BYTE_CODECS and any(c in bp.CJK_CODECS for c in declared):
        candidates = declared + [header]
    else:
        candidates = ([header] if header else []) + [c for c in declared if c != header]
    if not candidates or "utf-8" not in candidates:
        candidates.append("utf-8")
    for codec in candidates:
        text = _try_decode(raw, codec)
        if text is not None:
            return text, codec
    detected = _detect(raw)
    if detected:
        text = _try_decode(raw, detected)
        if text is not None:
            return text, detected
    # Nothing decodes cleanly: take the candidate with the fewest replacement characters.
    pool = [c for c in dict.fromkeys(candidates + ([detected] if detected else []) + ["gb18030"])]
    best_codec = min(pool, key=lambda c: _replacement_share(raw.decode(c, errors="replace")))
    return raw.decode(best_codec, errors="replace"), best_codec
