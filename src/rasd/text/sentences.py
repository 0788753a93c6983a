"""Sentence splitting with offsets.

Boundaries: . ! ? ؟ … (and runs of them), after any closing quotes or brackets that follow; and every line
break. Never the Arabic comma or a colon. Not a boundary: a period inside a number (2.5, 1.000.000), after an
abbreviation or an initial (العميد ج. , Dr.), or before a lower-case Latin letter. Written by hand because
the libraries that do this for Arabic either cut at every comma (pyarabic, GPL too) or need a downloaded model.
"""
from __future__ import annotations

import re
from functools import cache

from ..data import load_lines

_END = re.compile(r"[.!?؟…]+[\"'”»’)\]]*")
_LINE = re.compile(r"\n\s*")


@cache
def _abbrev() -> frozenset[str]:
    return frozenset(load_lines("abbreviations.txt"))


def _is_boundary(text: str, m: re.Match) -> bool:
    punct = m.group()
    after = text[m.end():m.end() + 2]
    if after and not after[0].isspace():
        return False  # 2.5, a.m., ج.م.ع, "word.word"
    if punct[0] == ".":
        word = re.search(r"(\S+)$", text[:m.start()])
        tok = word.group(1).lstrip("\"'“«(") if word else ""
        if tok in _abbrev() or (len(tok) == 1 and tok.isalpha()):
            return False
        if tok.isdigit() and len(tok) <= 2 and re.match(r"\s*\d", after):  # "1. 2." list numbering mid-line
            return False
    nxt = text[m.end():].lstrip(" \t")[:1]
    if nxt and nxt.islower() and nxt.isascii():
        return False
    return True


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed; ``text[start:end]`` is the sentence."""
    cuts = {0, len(text)}
    for m in _LINE.finditer(text):
        cuts.add(m.start())
        cuts.add(m.end())
    for m in _END.finditer(text):
        if _is_boundary(text, m):
            cuts.add(m.end())
    spans = []
    points = sorted(cuts)
    for a, b in zip(points, points[1:]):
        seg = text[a:b]
        s = a + (len(seg) - len(seg.lstrip()))
        e = b - (len(seg) - len(seg.rstrip()))
        if e > s:
            spans.append((s, e))
    return spans
