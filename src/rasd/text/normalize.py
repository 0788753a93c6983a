"""Offset-true normalization: a folded form for matching whose every character maps back to the original.

``normalize(text)`` returns :class:`Normalized` with ``text`` (folded: hamza/alef forms, ى/ي, ة/ه, ؤ/و, ئ/ي,
no diacritics or tatweel, ASCII digits for Arabic-Indic and Persian ones, presentation forms decomposed,
bidi controls dropped, typographic quotes made plain, Latin lower-cased) and ``origin``: ``origin[i]`` is the
index in the original of the character that produced folded character ``i``. ``origin`` is non-decreasing, so
a folded span [a, b) maps back to the original span [origin[a], origin[b-1] + 1) — see :meth:`to_original`.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

from .fold import _TABLE

_QUOTES = {"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'", "′": "'", "″": '"'}


@cache
def _fold_char(ch: str) -> str:
    cp = ord(ch)
    if ch in _QUOTES:
        return _QUOTES[ch]
    if 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF:  # Arabic presentation forms (and the BOM)
        ch = unicodedata.normalize("NFKC", ch)
    return ch.translate(_TABLE).lower()


@dataclass(frozen=True, slots=True)
class Normalized:
    original: str
    text: str
    origin: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span that produced folded span [start, end)."""
        if start >= end:
            pos = self.origin[start] if start < len(self.origin) else len(self.original)
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1


def normalize(text: str) -> Normalized:
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        f = _fold_char(ch)
        if f:
            out.append(f)
            origin.extend([i] * len(f))
    return Normalized(text, "".join(out), tuple(origin))
