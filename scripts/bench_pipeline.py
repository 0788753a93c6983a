#!/usr/bin/env python3
"""Full-pipeline benchmark on SaudiNewsNet: every stage, two worker processes, then cross-document resolution.

    .venv/bin/python scripts/bench_pipeline.py [--data ../shared/data/saudinewsnet] [--files N] [--workers 2]
                                               [--keep DB] [--sample 8]

Stage 1 — the input files are shared between worker processes; each reads, cleans, runs the language,
entity, time and event layers and stores documents with their analyses (one SQLite store, WAL, one
transaction per batch). Stage 2 — one process resolves across the store: entities, canonical events, stories,
contradictions. Prints articles/s over both stages, peak RSS, and what story clustering found: how many
stories join several articles, how many of those span outlets, and a sample for a person to check.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from collections import Counter
from multiprocessing import get_context
from pathlib import Path


def work(files: list[str], db: str) -> tuple[int, int, float]:
    from rasd.ingest.readers import ReadOptions
    from rasd.ingest.run import ingest
    from rasd.registry import analysis_pipeline, build_pipeline
    from rasd.store import Store

    opts = ReadOptions(fields={"published": "date_extracted", "outlet": "source"})
    with Store(db) as store:
        rep = ingest(files, store, build_pipeline(), opts, analysis=analysis_pipeline(), batch_size=200)
    return len(rep.added), len(rep.errors), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared/data/saudinewsnet"))
    ap.add_argument("--files", type=int, default=0, help="only the first N input files (0 = all)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--keep", help="keep the store at this path")
    ap.add_argument("--sample", type=int, default=8)
    args = ap.parse_args()
    files = sorted(str(p) for p in Path(args.data).glob("*.zip"))
    if args.files:
        files = files[: args.files]
    if not files:
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    db = args.keep or os.path.join(tempfile.mkdtemp(), "bench.db")
    from rasd.store import Store
    Store(db).close()  # create the schema once, before the workers race for it
    shares = [files[i::args.workers] for i in range(args.workers)]
    t0 = time.perf_counter()
    with get_context("fork").Pool(args.workers) as pool:
        results = pool.starmap(work, [(s, db) for s in shares])
    t1 = time.perf_counter()
    added = sum(r[0] for r in results)
    print(f"stage 1 (read, clean, language, entities, time, events, store; {args.workers} processes): "
          f"{added} articles in {t1 - t0:.1f} s = {added / (t1 - t0):.0f} articles/s; "
          f"worker peak RSS {max(r[2] for r in results):.0f} MB; {sum(r[1] for r in results)} inputs failed")

    from rasd.resolve.analyze import analyze
    with Store(db) as store:
        a = analyze(store.documents(), store)
    t2 = time.perf_counter()
    main_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"stage 2 (cross-document: entities, events, stories, contradictions): {t2 - t1:.1f} s, "
          f"peak RSS {main_rss:.0f} MB")
    print(f"{len(a.entities)} entities, {len(a.events)} canonical events "
          f"({sum(len({m.doc for m in e.mentions}) > 1 for e in a.events)} reported by several articles), "
          f"{len(a.contradictions)} contradictions")
    outlet = {d.id: d.outlet or "?" for d in a.documents}
    title = {d.id: d.title or "" for d in a.documents}
    multi = [s for s in a.stories if len(s["documents"]) > 1]
    cross = [s for s in multi if len({outlet[d] for d in s["documents"]}) > 1]
    sizes = Counter(min(len(s["documents"]), 6) for s in multi)
    print(f"stories: {len(a.stories)}; {len(multi)} join several articles "
          f"(sizes {dict(sorted(sizes.items()))}, 6 = six or more), {len(cross)} span several outlets")
    why = Counter(w.split(" evt-")[0] for s in multi for w in s.get("links", []))
    print(f"links: {dict(why)}")
    import random
    for s in random.Random(3).sample(cross, min(args.sample, len(cross))):
        print(f"  story {s['id']} ({len(s['documents'])} articles):")
        for d in s["documents"][:4]:
            print(f"    [{outlet[d]}] {title[d][:90]}")
    print(f"PIPELINE articles={added} articles_per_s={added / (t2 - t0):.1f} stage1_s={t1 - t0:.1f} "
          f"stage2_s={t2 - t1:.1f} peak_rss_mb={max(main_rss, *(r[2] for r in results)):.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
