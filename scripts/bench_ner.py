#!/usr/bin/env python3
"""NER speed and footprint on one core: model size, load time, tokens/s, peak memory.

    .venv/bin/python scripts/bench_ner.py [--data-dir ../shared/data] [--repeat 3]

Tags the reconstructed CAMeL test split of ANERcorp (25k tokens) ``--repeat`` times through
``rasd.annotate.ner.tag_document`` — feature extraction, CRF decoding and the document consistency pass
included — pinned to one CPU. Without ANERcorp it tags the bundled seed articles instead.
"""
from __future__ import annotations

import argparse
import os
import resource
import time
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", type=Path, default=None)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    t0 = time.perf_counter()
    from rasd.annotate import ner
    from rasd.annotate.ner_features import load_lexicons

    ner.tagger()
    load_lexicons()
    ner.meta()
    load_s = time.perf_counter() - t0
    data = args.data_dir or ner.DEFAULT_DATA
    test = data / "anercorp" / "camel_split_reconstructed" / "test.txt"
    if test.exists():
        docs = [words for words, _tags in ner.read_conll(test)]
        what = "ANERcorp CAMeL test split"
    else:
        from importlib import resources

        from rasd.text.sentences import split_sentences
        from rasd.text.tokens import tokenize

        seeds = resources.files("rasd").joinpath("examples", "seeds")
        texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.iterdir())]
        docs = [[t.text for t in tokenize(text[a:b])] for text in texts for a, b in split_sentences(text)]
        what = "bundled seeds (raw pages)"
    ntok = sum(len(d) for d in docs)
    t1 = time.perf_counter()
    for _ in range(args.repeat):
        for k in range(0, len(docs), ner.DOC_WINDOW):
            ner.tag_document(docs[k:k + ner.DOC_WINDOW])
    dt = time.perf_counter() - t1
    size = sum(p.stat().st_size for p in (ner.MODEL, ner.MODEL_META))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus: {what}, {ntok} tokens × {args.repeat}")
    print(f"model size: {size / 1e6:.1f} MB (+ data tables {_tables_mb():.1f} MB)")
    print(f"load time: {load_s:.2f} s (import, model, lexicons)")
    print(f"peak memory: {peak:.0f} MB RSS")
    print(f"NER tokens_per_s={ntok * args.repeat / dt:.0f} (one core, features + CRF + consistency)")
    return 0


def _tables_mb() -> float:
    from rasd.annotate.ner_features import CLUSTER_FILE, GAZ_FILE
    from rasd.data import path as data_path

    return sum(Path(str(data_path(f))).stat().st_size for f in (GAZ_FILE, CLUSTER_FILE)) / 1e6


if __name__ == "__main__":
    raise SystemExit(main())
