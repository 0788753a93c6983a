#!/usr/bin/env python3
"""Knowledge-base load time and the cost of entity linking next to the language core, on one core.

    .venv/bin/python scripts/bench_link.py [--articles 300] [--data-dir ../shared/data]

Runs sentences + tokens + NER (the language core) and then linking over real news articles — the first
``--articles`` of SaudiNewsNet when ``../shared/data`` is there, else the bundled seeds repeated — and prints the
per-token time of each and linking's share. The acceptance bar is linking ≤ 20 % of the language core.
"""
from __future__ import annotations

import argparse
import json
import os
import time
import zipfile
from pathlib import Path


def articles(data: Path, n: int) -> list[str]:
    out = []
    for z in sorted((data / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                for art in json.loads(zf.read(name)):
                    if art.get("content"):
                        out.append(art["content"])
                        if len(out) >= n:
                            return out
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--data-dir", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "data")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    t0 = time.perf_counter()
    from rasd.resolve.kb import load

    kb = load()
    kb_s = time.perf_counter() - t0
    from importlib import resources

    from rasd.annotate.components import entities, sentences, tokens
    from rasd.model import Document
    from rasd.resolve.components import link

    texts = articles(args.data_dir, args.articles)
    what = f"{len(texts)} SaudiNewsNet articles"
    if not texts:
        seeds = resources.files("rasd").joinpath("examples", "seeds")
        texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.iterdir())] * 20
        what = f"{len(texts)} seed pages (5 × 20)"
    docs = [Document(str(i), "b", "b", "h", t, body=t) for i, t in enumerate(texts)]
    warm = Document("w", "w", "w", "w", texts[0], body=texts[0])  # load model, lexicons, fuzzy index once
    for step in (sentences, tokens, entities, link):
        step(warm)
    core = linking = 0.0
    ntok = 0
    for d in docs:
        a = time.perf_counter()
        sentences(d)
        tokens(d)
        entities(d)
        b = time.perf_counter()
        link(d)
        c = time.perf_counter()
        core += b - a
        linking += c - b
        ntok += len(d.spans["tokens"])
    print(f"corpus: {what}, {ntok} tokens")
    print(f"KB: {len(kb.entries)} entries, {len(kb.index)} alias keys, loaded in {kb_s:.3f} s")
    print(f"language core: {core / ntok * 1e6:.1f} µs/token ({ntok / core:.0f} tokens/s)")
    print(f"linking:       {linking / ntok * 1e6:.1f} µs/token ({ntok / linking:.0f} tokens/s)")
    print(f"LINK overhead={linking / core * 100:.1f}% of the language core")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
