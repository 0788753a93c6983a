"""Bytes → text for inputs that do not declare an encoding.

Order: BOMs (UTF-8, UTF-16, UTF-32), UTF-16 without BOM (NUL in every other byte), strict UTF-8, then
windows-1256 (Arabic sites still serve it) when the result is mostly Arabic letters. Anything else, or bytes with
control characters that no text has, is reported rather than guessed.
"""
from __future__ import annotations

import codecs
import re

from ..errors import E, InputError
from ..text.fold import ARABIC_LETTER

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def looks_binary(sample: bytes) -> bool:
    if not sample:
        return False
    if sample.count(0) and not _utf16_guess(sample):
        return True
    bad = sum(1 for b in sample[:4096] if b < 9 or 13 < b < 32)
    return bad / min(len(sample), 4096) > 0.05


def _utf16_guess(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    # Arabic in UTF-16 has 0x06 high bytes rather than NULs; count both.
    even6, odd6 = sample[0::2].count(6), sample[1::2].count(6)
    if odd + odd6 > 0.6 * half and even < 0.1 * half:
        return "utf-16-le"
    if even + even6 > 0.6 * half and odd < 0.1 * half:
        return "utf-16-be"
    return None


def decode(data: bytes, where: str) -> tuple[str, str]:
    """(text, encoding) or InputError naming ``where``."""
    if not data.strip():
        raise InputError(E.EMPTY, where)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise InputError(E.UNDECODABLE, where, f"{enc} with BOM: {exc.reason} at byte {exc.start}") from exc
    guess = _utf16_guess(data)
    if guess:
        try:
            return data.decode(guess), guess
        except UnicodeDecodeError:
            pass
    if looks_binary(data[:8192]):
        raise InputError(E.BINARY, where)
    try:
        text = data.decode("utf-8")
        enc = "utf-8"
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp1256")
        except UnicodeDecodeError:
            raise InputError(E.UNDECODABLE, where, f"invalid UTF-8 at byte {exc.start}") from exc
        letters = re.findall(r"[^\W\d_]", text)
        if not letters or len(ARABIC_LETTER.findall(text)) / len(letters) < 0.5:
            raise InputError(E.UNDECODABLE, where, f"invalid UTF-8 at byte {exc.start}, and not Arabic in windows-1256") from exc
        enc = "cp1256"
    if len(_CONTROL.findall(text[:8192])) > 8:
        raise InputError(E.BINARY, where, "control characters in text")
    if not text.strip():
        raise InputError(E.EMPTY, where)
    return text, enc
