"""A word-frequency lexicon of folded Arabic word forms, learned from SaudiNewsNet (10M words of 2015 news).

    python -m rasd.text.lexicon build [--data ../shared/data/saudinewsnet]

writes ``rasd/data/wordfreq.tsv.gz`` (form<TAB>count, count >= 3): derived counts only, never the text. The
clitic segmenter uses it to decide whether a leading و/ف/ب/ل/ك/ال is a clitic (والمغرب → و + المغرب: the rest
is a frequent word) or part of a name (بوريطة, لوديي: the rest is not a word).
"""
from __future__ import annotations

import gzip
import json
import re
import sys
import zipfile
from collections import Counter
from functools import cache
from pathlib import Path

from .fold import fold

MIN_COUNT = 3
_WORD = re.compile(r"[\u0621-\u064A\u0671-\u06D3]+")
OUT = Path(__file__).resolve().parents[1] / "data" / "wordfreq.tsv.gz"


def count_words(data: Path) -> Counter:
    counts: Counter = Counter()
    for z in sorted(data.glob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                for art in json.loads(zf.read(name)):
                    counts.update(_WORD.findall(fold((art.get("title") or "") + " " + (art.get("content") or ""))))
    return counts


def build(data: Path, out: Path = OUT) -> int:
    counts = count_words(data)
    rows = sorted(((w, c) for w, c in counts.items() if c >= MIN_COUNT), key=lambda x: (-x[1], x[0]))
    with gzip.GzipFile(out, "wb", mtime=0) as fh:  # mtime=0: the same data gives the same bytes
        fh.write("".join(f"{w}\t{c}\n" for w, c in rows).encode("utf-8"))
    return len(rows)


@cache
def frequencies() -> dict[str, int]:
    if not OUT.exists():
        return {}
    with gzip.open(OUT, "rt", encoding="utf-8") as fh:
        return {w: int(c) for w, c in (line.rstrip("\n").split("\t") for line in fh)}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] != "build":
        print(__doc__)
        return 2
    data = Path(argv[argv.index("--data") + 1]) if "--data" in argv else \
        Path(__file__).resolve().parents[3].parent / "shared" / "data" / "saudinewsnet"
    n = build(data)
    print(f"wrote {OUT}: {n} word forms (count >= {MIN_COUNT})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
