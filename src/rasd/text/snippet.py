"""A search snippet from the original body around the first folded match of the query."""
from __future__ import annotations

import re

from .fold import fold


def snippet(body: str, query: str, width: int = 80) -> str:
    words = re.findall(r"\w+", fold(query))
    # fold() only deletes characters (diacritics, tatweel), so map folded positions back to the original.
    index, folded = [], []
    for i, ch in enumerate(body):
        f = fold(ch)
        folded.append(f)
        index.extend([i] * len(f))
    flat = "".join(folded)
    pos = min((p for p in (flat.find(w) for w in words) if p >= 0), default=-1)
    if pos < 0:
        return body[:width].replace("\n", " ")
    center = index[pos]
    start = max(0, center - width // 2)
    return ("…" if start else "") + body[start:start + width].replace("\n", " ") + "…"
