#!/usr/bin/env python3
"""The near-duplicate threshold, measured: how MinHash LSH over word 5-gram shingles finds edited copies of
real articles at each threshold, and how many other pairs it also returns.

    .venv/bin/python scripts/bench_stories.py [--data ../shared/data/saudinewsnet] [--n 2000]

Copies of sampled SaudiNewsNet articles are made the way outlets copy: a few words changed (3%, 10%, 20%,
30% of words replaced), the article cut short (first 60%), a paragraph added. Prints the Jaccard of each kind of
copy, then per threshold the share of copies found and the number of other pairs returned (in a news corpus
many of those are real wire copies: their true Jaccard is printed too).
"""
from __future__ import annotations

import argparse
import json
import random
import zipfile
from pathlib import Path
from statistics import median

from rasd.events.stories import NearDuplicates, shingles


def load(data: Path, n: int) -> list[str]:
    arts = []
    for z in sorted(data.glob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                arts += [a["content"] for a in json.loads(zf.read(name)) if len((a.get("content") or "").split()) > 120]
    random.Random(11).shuffle(arts)
    return arts[:n]


def edit(text: str, rate: float, vocab: list[str], rng: random.Random) -> str:
    words = text.split()
    for i in rng.sample(range(len(words)), int(rate * len(words))):
        words[i] = rng.choice(vocab)
    return " ".join(words)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared/data/saudinewsnet")
    ap.add_argument("--n", type=int, default=2000)
    args = ap.parse_args()
    rng = random.Random(5)
    arts = load(args.data, args.n)
    vocab = [w for a in arts[:200] for w in a.split()]
    kinds = {"3% words": lambda t: edit(t, 0.03, vocab, rng), "10% words": lambda t: edit(t, 0.10, vocab, rng),
             "20% words": lambda t: edit(t, 0.20, vocab, rng), "30% words": lambda t: edit(t, 0.30, vocab, rng),
             "first 60%": lambda t: " ".join(t.split()[: int(0.6 * len(t.split()))]),
             "+paragraph": lambda t: t + " " + " ".join(rng.sample(vocab, 60))}
    copies: list[tuple[str, str, str]] = []  # (original id, kind, text)
    per = max(1, len(arts) // (2 * len(kinds)))
    k = 0
    for kind, f in kinds.items():
        for i in range(k, k + per):
            copies.append((f"a{i}", kind, f(arts[i])))
        k += per
    for kind in kinds:
        js = [len(shingles(arts[int(o[1:])]) & shingles(t)) / max(1, len(shingles(arts[int(o[1:])]) | shingles(t)))
              for o, kd, t in copies if kd == kind]
        print(f"{kind:11} Jaccard of 5-gram shingles: median {median(js):.2f}, min {min(js):.2f}")
    print(f"\n{len(arts)} articles, {len(copies)} copies")
    print(f"{'threshold':>9} " + " ".join(f"{k:>10}" for k in kinds) + "   pairs among the originals (median J)"
          + "   copies matched to another article")
    sh = [shingles(a) for a in arts]
    for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        idx = NearDuplicates(threshold=t)
        real = []
        for i, a in enumerate(arts):
            real += [(i, int(h[1:])) for h in idx.add(f"a{i}", a)]
        found = {kind: 0 for kind in kinds}
        stray = 0
        for n, (orig, kind, text) in enumerate(copies):
            hits = idx.add(f"c{n}", text)
            found[kind] += orig in hits
            stray += sum(1 for h in hits if h != orig and h.startswith("a"))
        js = [len(sh[a] & sh[b]) / max(1, len(sh[a] | sh[b])) for a, b in real]
        print(f"{t:>9.1f} " + " ".join(f"{found[k] / per:>10.2f}" for k in kinds)
              + f"   {len(real):>6} ({median(js) if js else 0:.2f}, min {min(js) if js else 0:.2f})" + f"   {stray:>8}")

if __name__ == "__main__":
    main()
