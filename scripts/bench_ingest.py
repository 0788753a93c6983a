#!/usr/bin/env python3
"""Ingest benchmark: SaudiNewsNet (31,030 articles in 18 zipped JSON arrays) into a fresh store.

    .venv/bin/python scripts/bench_ingest.py [--data ../shared/data/saudinewsnet] [--keep DB]

Prints articles/s for ingest + cleaning + store, peak RSS and store size, then re-runs the same ingest and
prints how many articles it added (must be 0). Figures, not a timed test.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from rasd.ingest.readers import ReadOptions
from rasd.ingest.run import ingest
from rasd.registry import build_pipeline
from rasd.store import Store


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[1].parent / "shared/data/saudinewsnet"))
    ap.add_argument("--keep", help="keep the store at this path")
    args = ap.parse_args()
    data = Path(args.data)
    if not data.exists():
        print(f"no data at {data}", file=sys.stderr)
        return 2
    tmp = tempfile.mkdtemp()
    db = args.keep or os.path.join(tmp, "bench.db")
    opts = ReadOptions(fields={"published": "date_extracted"})
    errors = []
    t0 = time.perf_counter()
    with Store(db) as store:
        rep = ingest([str(data)], store, build_pipeline(), opts, on_error=errors.append)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    dt = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size_mb = os.path.getsize(db) / 1e6
    n = len(rep.added)
    print(f"ingest: {n} articles added, {len(rep.errors)} inputs failed, in {dt:.1f} s = {n / dt:.0f} articles/s")
    print(f"peak RSS {peak_mb:.0f} MB, store {size_mb:.0f} MB ({db})")
    t0 = time.perf_counter()
    with Store(db) as store:
        rep2 = ingest([str(data)], store, build_pipeline(), opts)
        total = store.count()
        ok = store.integrity()
    print(f"re-run: {len(rep2.added)} added, {len(rep2.already)} already stored in {time.perf_counter() - t0:.1f} s; "
          f"store holds {total}; integrity_check={ok}")
    for e in errors[:5]:
        print("  error:", e)
    return 0


if __name__ == "__main__":
    sys.exit(main())
