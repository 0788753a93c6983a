#!/usr/bin/env python3
"""Sentence-boundary F1 of rasd's splitter on UD Arabic-PUD (1,000 sentences).

    .venv/bin/python scripts/eval_sentences.py [--conllu ../shared/data/ud_arabic/PUD/ar_pud-ud-test.conllu]

Sentences of each document (``# newdoc``) are joined with one space, as running text; a predicted boundary is
correct when it falls at the end of a gold sentence. Prints precision, recall, F1.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rasd.text.sentences import split_sentences


def docs(path: Path) -> list[list[str]]:
    out: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc") or not out:
            out.append([])
        if line.startswith("# text = "):
            out[-1].append(line[len("# text = "):].strip())
    return [d for d in out if d]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--conllu", default=str(Path(__file__).resolve().parents[1].parent
                                            / "shared/data/ud_arabic/PUD/ar_pud-ud-test.conllu"))
    args = ap.parse_args()
    tp = fp = fn = 0
    for sents in docs(Path(args.conllu)):
        text, gold = "", set()
        for s in sents:
            if text:
                text += " "
            text += s
            gold.add(len(text))
        pred = {e for _s, e in split_sentences(text)}
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
    p, r = tp / (tp + fp), tp / (tp + fn)
    print(f"UD Arabic-PUD sentence boundaries: precision={p:.3f} recall={r:.3f} F1={2 * p * r / (p + r):.3f} "
          f"({tp + fn} gold boundaries)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
