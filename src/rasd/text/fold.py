"""Arabic folding for matching and search: one character in, at most one character out.

Folds hamza/alef forms (أ إ آ ٱ → ا), ى → ي, ة → ه, ؤ → و, ئ → ي, drops diacritics and tatweel, maps
Arabic-Indic and Persian digits to ASCII and lower-cases Latin. Written as a ``str.translate`` table
because it runs over every body at ingest (FTS index) and must stay at memory speed.
"""
from __future__ import annotations

import re

_TABLE: dict[int, int | None] = {}
for ch in "أإآٱ":
    _TABLE[ord(ch)] = ord("ا")
_TABLE.update({ord("ى"): ord("ي"), ord("ة"): ord("ه"), ord("ؤ"): ord("و"), ord("ئ"): ord("ي")})
# harakat, Quranic marks, superscript alef, tatweel
for cp in list(range(0x0610, 0x061B)) + list(range(0x064B, 0x0660)) + [0x0670] + list(range(0x06D6, 0x06EE)) + [0x0640]:
    _TABLE[cp] = None
for i in range(10):
    _TABLE[0x0660 + i] = ord("0") + i  # Arabic-Indic
    _TABLE[0x06F0 + i] = ord("0") + i  # Persian
for cp in (0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF):
    _TABLE[cp] = None  # bidi controls, BOM

_SPACE = re.compile(r"\s+")


_DROP = re.compile("[" + "".join(re.escape(chr(cp)) for cp, v in _TABLE.items() if v is None) + "]")
_IS_DIGIT = {*range(0x0660, 0x066A), *range(0x06F0, 0x06FA)}
_LETTERS = [(chr(cp), chr(v)) for cp, v in _TABLE.items() if v is not None and cp not in _IS_DIGIT]
_DIGIT_RUN = re.compile("[٠-٩۰-۹]+")
_DIGITS = {cp: _TABLE[cp] for cp in _IS_DIGIT}


def fold(text: str) -> str:
    """Folded form of ``text`` (may be shorter: dropped marks). Lower-cases Latin too.

    Same result as ``text.translate(_TABLE).lower()`` (a test holds them equal), computed as one regex deletion
    and a few ``str.replace`` calls: ``str.translate`` with a mapping costs a dictionary lookup per character
    and was a third of the time layer's budget on long articles."""
    text = _DROP.sub("", text)
    for a, b in _LETTERS:
        if a in text:
            text = text.replace(a, b)
    if _DIGIT_RUN.search(text):
        text = _DIGIT_RUN.sub(lambda m: m.group().translate(_DIGITS), text)
    return text.lower()


def fold_key(text: str) -> str:
    """Folded form with whitespace collapsed: a key for comparing lines and names."""
    return _SPACE.sub(" ", fold(text)).strip()


ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3\u06FA-\u06FF]")
LATIN_LETTER = re.compile(r"[A-Za-z]")


def arabic_ratio(text: str) -> float:
    """Share of letters that are Arabic (0 when there are no letters)."""
    ar = len(ARABIC_LETTER.findall(text))
    la = len(LATIN_LETTER.findall(text))
    return ar / (ar + la) if ar + la else 0.0


# Proclitic sequences (conjunction + preposition + article), longest first. Used only to add index terms for
# search, so an over-strip costs a little precision and never loses a match; the language layer does real
# clitic segmentation.
_PROCLITICS = ("وبال", "وال", "بال", "كال", "فال", "فبال", "لل", "ولل", "وب", "ول", "وك", "فب", "فل", "ال",
               "و", "ف", "ب", "ل", "ك")
_WORD = re.compile(r"\w+")


def search_variants(folded: str) -> str:
    """Extra index terms: each folded Arabic word with its proclitics stripped (والمغرب → المغرب, مغرب)."""
    out = []
    for w in _WORD.findall(folded):
        for p in _PROCLITICS:
            if w.startswith(p) and len(w) - len(p) >= 3:
                rest = w[len(p):]
                out.append(rest)
                if p.endswith("ل") and p not in ("ال",) and not rest.startswith("ال"):
                    out.append("ال" + rest)  # للجنة → اللجنة
                if rest.startswith("ال") and len(rest) > 4:
                    out.append(rest[2:])
    return " ".join(out)




class FoldMap:
    """``fold(text)`` with a way back: folding only ever drops characters (marks, tatweel, bidi controls), so
    a folded offset maps to the original by counting the dropped characters before it. Cheaper than
    :func:`rasd.text.normalize.normalize` (no per-character Python) for layers that scan whole bodies."""

    __slots__ = ("_q", "text")

    def __init__(self, original: str):
        self.text = fold(original)
        # q[k]: the folded position at which the k-th dropped character sat
        self._q = [m.start() - k for k, m in enumerate(_DROP.finditer(original))] \
            if len(self.text) != len(original) else []

    def original(self, i: int) -> int:
        """Original index of folded character ``i`` (or of the end, for i == len(text))."""
        if not self._q:
            return i
        from bisect import bisect_right
        return i + bisect_right(self._q, i)

    def folded(self, orig: int) -> int:
        """Folded offset of original offset ``orig`` (the first folded character at or after it)."""
        if not self._q:
            return orig
        lo, hi = 0, len(self.text)
        while lo < hi:  # original() is non-decreasing in its argument
            mid = (lo + hi) // 2
            if self.original(mid) < orig:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def span(self, start: int, end: int) -> tuple[int, int]:
        if start >= end:
            return self.original(start), self.original(start)
        return self.original(start), self.original(end - 1) + 1
