"""Arabic → Latin renderings of unknown names, for ``name_en``.

Known name tokens come from a table learned from the Wikidata English–Arabic person-name pairs (CC0): for each
folded Arabic token, its most frequent English spelling. Other tokens get a plain letter-by-letter romanization,
honest about being a fallback (vowels cannot be recovered from unvocalized Arabic).

    python -m rasd.resolve.translit build [--data-dir ../shared/data]   # rewrites rasd/data/translit.tsv.gz
"""
from __future__ import annotations

import gzip
import sys
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

from ..data import path as data_path
from ..text.fold import fold

TABLE = "translit.tsv.gz"
_LETTERS = {
    "ا": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z",
    "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "'", "غ": "gh", "ف": "f", "ق": "q", "ك": "k",
    "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w", "ي": "y", "ء": "'", "ڤ": "v", "پ": "p", "گ": "g", "چ": "ch",
}


def build(data_dir: Path) -> int:
    src = data_dir / "names" / "netransliteration_wikidata" / "wd_arabic.normalized.aligned.tokens"
    best: dict[str, Counter] = defaultdict(Counter)
    for line in src.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and parts[2].strip().isdigit():
            best[fold(parts[1].replace(" ", ""))][parts[0].strip().lower()] += int(parts[2])
    rows = sorted(f"{ar}\t{max(c.items(), key=lambda kv: (kv[1], kv[0]))[0]}\n" for ar, c in best.items() if ar)
    out = Path(str(data_path(TABLE)))
    with gzip.GzipFile(out, "wb", mtime=0) as fh:
        fh.write("".join(rows).encode("utf-8"))
    return len(rows)


@cache
def _table() -> dict[str, str]:
    p = Path(str(data_path(TABLE)))
    if not p.exists():
        return {}
    with gzip.open(p, "rt", encoding="utf-8") as fh:
        return dict(line.rstrip("\n").split("\t", 1) for line in fh)


def _word(w: str) -> str:
    table = _table()
    if w in table:
        return table[w].capitalize()
    if w.startswith("ال") and len(w) > 3:
        rest = _word(w[2:])
        return "al-" + rest
    return "".join(_LETTERS.get(c, c) for c in w).capitalize()


def transliterate(name: str) -> str:
    return " ".join(_word(w) for w in fold(name).split())


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] != ["build"]:
        sys.exit(__doc__)
    d = Path(args[args.index("--data-dir") + 1]) if "--data-dir" in args else \
        Path(__file__).resolve().parents[3].parent / "shared" / "data"
    print(f"wrote {build(d)} name tokens to {data_path(TABLE)}")
