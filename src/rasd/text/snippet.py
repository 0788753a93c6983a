"""A search snippet from the original body around the first folded match of the query."""
from __future__ import annotations

import re

from .fold import fold
from .normalize import normalize


def snippet(body: str, query: str, width: int = 80) -> str:
    words = re.findall(r"\w+", fold(query))
    n = normalize(body)
    pos = min((p for p in (n.text.find(w) for w in words) if p >= 0), default=-1)
    if pos < 0:
        return body[:width].replace("\n", " ")
    start = max(0, n.origin[pos] - width // 2)
    return ("…" if start else "") + body[start:start + width].replace("\n", " ") + "…"
