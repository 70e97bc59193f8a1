"""Decode bytes of unknown encoding into NFC-normalised text.

UTF-8 (with or without BOM) and UTF-16 (with BOM, or without when the
bytes read as Arabic or Latin text) are recognised directly;
anything else is handed to charset-normalizer, restricted to the encodings
Arabic text is found in (Windows-1256, ISO-8859-6, ...).

>>> decode_bytes("المغرب".encode("cp1256"), "x.txt")
('المغرب', 'cp1256')
"""

from __future__ import annotations

import codecs
import unicodedata

from charset_normalizer import from_bytes

__all__ = ["CorpusError", "decode_bytes"]

#: Candidate encodings for text that is not UTF-8/UTF-16, most likely first.
ARABIC_ENCODINGS = ("cp1256", "iso8859_6", "cp720", "mac_arabic", "cp864", "utf_16", "latin_1")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ARABIC_LETTERS = range(0x0621, 0x064B)


class CorpusError(ValueError):
    """A corpus file cannot be read; the message names the file and the problem."""


def _looks_binary(data: bytes) -> int | None:
    """Offset of the first NUL byte in data that has no UTF-16 BOM, else None."""
    position = data.find(b"\x00")
    return None if position < 0 else position


def _utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when ``data`` reads as text in one of them, else None.

    Text, unlike binary data, decodes to letters, digits, punctuation and
    white space (Arabic, Latin); 95 % of the characters must be such.
    """
    even = data[: len(data) - len(data) % 2]
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = even.decode(encoding)
        except UnicodeDecodeError:
            continue
        if text and sum(_is_text_char(c) for c in text) >= 0.95 * len(text):
            return encoding
    return None


def _is_text_char(char: str) -> bool:
    code = ord(char)
    return (
        0x20 <= code < 0x7F
        or char in "\n\r\t"
        or 0x0600 <= code <= 0x06FF
        or 0x00A0 <= code <= 0x024F
        or 0x2000 <= code <= 0x206F
    )


def _arabic_share(text: str) -> float:
    """Share of Arabic base letters among visible characters.

    A wrong legacy code page turns letters into harakat or accented Latin
    letters, which lowers the share.
    """
    visible = [c for c in text if not c.isspace()]
    if not visible:
        return 0.0
    return sum(ord(c) in _ARABIC_LETTERS for c in visible) / len(visible)


def _article_rate(text: str) -> float:
    """Share of words starting with the definite article ال, frequent in any Arabic text."""
    words = text.split()
    return sum(w.startswith("ال") for w in words) / len(words) if words else 0.0


def _guess_legacy(data: bytes) -> str | None:
    """Pick the legacy encoding under which the bytes read as the most Arabic text."""
    matches = from_bytes(data, cp_isolation=list(ARABIC_ENCODINGS[:-2]))
    best = matches.best()
    candidates = ["cp1256", "iso8859_6"]
    if best is not None and best.encoding not in candidates:
        candidates.append(best.encoding)
    scored = []
    for rank, encoding in enumerate(candidates):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        scored.append((round(_arabic_share(text), 2), _article_rate(text), -rank, encoding))
    if not scored:
        return None
    share, _, _, encoding = max(scored)
    return encoding if share > 0.5 else (best.encoding if best is not None else None)


def decode_bytes(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode ``data`` read from file ``name``; return ``(text, encoding)``.

    Raises :class:`CorpusError` naming the file and the byte offset when the
    bytes are binary or cannot be decoded.
    """
    if encoding is not None:
        try:
            return unicodedata.normalize("NFC", data.decode(encoding)), encoding
        except UnicodeDecodeError as error:
            raise CorpusError(
                f"{name}: cannot decode as {encoding} at byte offset {error.start}"
            ) from error
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(bom_encoding)
            except UnicodeDecodeError as error:
                raise CorpusError(
                    f"{name}: invalid {bom_encoding} at byte offset {error.start}"
                ) from error
            return unicodedata.normalize("NFC", text.lstrip("\ufeff")), bom_encoding.replace(
                "-sig", "-bom"
            ) if bom_encoding == "utf-8-sig" else "utf-16"
    nul = _looks_binary(data)
    if nul is not None:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return unicodedata.normalize("NFC", data.decode(utf16)), utf16
        raise CorpusError(
            f"{name}: binary content (NUL byte at offset {nul}), not a text file "
            "(or maybe UTF-16 without BOM: pass encoding='utf-16-le' or 'utf-16-be')"
        )
    try:
        return unicodedata.normalize("NFC", data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as utf8_error:
        legacy = _guess_legacy(data)
        if legacy is None:
            raise CorpusError(
                f"{name}: undecodable text: not UTF-8 (invalid byte at offset "
                f"{utf8_error.start}) and no Arabic legacy encoding fits"
            ) from utf8_error
        return unicodedata.normalize("NFC", data.decode(legacy)), legacy
