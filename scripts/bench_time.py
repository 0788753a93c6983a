#!/usr/bin/env python3
"""Time-layer speed and coverage on SaudiNewsNet, one core.

    .venv/bin/python scripts/bench_time.py [--data ../shared/data/saudinewsnet] [--limit N] [--sample 20]

Finds and resolves every temporal expression of each article body with the article's ``date_extracted`` as
anchor (the crawl time: an upper bound on publication, used here as the issue asks). Prints articles/s
(reading and JSON parsing excluded), expressions per article, the share left unresolved, the precision mix,
and a random sample of expressions for a person to check.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import time
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path


def load(data: Path, limit: int | None) -> list[tuple[str, date]]:
    out = []
    for z in sorted(data.glob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                for a in json.loads(zf.read(name)):
                    out.append((a.get("content") or "", date.fromisoformat(a["date_extracted"][:10])))
                    if limit and len(out) >= limit:
                        return out
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared/data/saudinewsnet")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--sample", type=int, default=20)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from rasd.time.interval import Interval
    from rasd.time.lexicon import lexicon
    from rasd.time.timex import find

    lexicon()
    arts = load(args.data, args.limit)
    chars = sum(len(t) for t, _ in arts)
    t0 = time.perf_counter()
    results = [find(text, Interval.day(anchor), "date_extracted") for text, anchor in arts]
    secs = time.perf_counter() - t0
    n = sum(len(r) for r in results)
    unresolved = sum(1 for r in results for t in r if not t.value.known)
    open_ = sum(1 for r in results for t in r if t.value.known and not t.value.closed)
    prec = Counter(t.precision for r in results for t in r)
    rel = sum(1 for r in results for t in r if t.relative)
    print(f"{len(arts)} articles, {chars / 1e6:.1f} M characters, one core")
    print("precision mix: " + ", ".join(f"{k} {v / n:.1%}" for k, v in prec.most_common()))
    rng = random.Random(7)
    flat = [(t, a) for r, (_, a) in zip(results, arts) for t in r]
    for t, a in rng.sample(flat, min(args.sample, len(flat))):
        print(f"  anchor {a}  {t.value!s:24} {t.precision:7} {t.text}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"TIME articles_per_s={len(arts) / secs:.0f} expressions_per_article={n / len(arts):.2f} "
          f"relative_share={rel / max(n, 1):.3f} unresolved_share={unresolved / max(n, 1):.4f} "
          f"open_share={open_ / max(n, 1):.4f} peak_rss_mb={rss:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
