#!/usr/bin/env python3
"""Crash safety: SIGKILL `rasd ingest` halfway through a batch, rerun it, and compare with an uninterrupted run.

    .venv/bin/python scripts/kill_resume.py [PATH ...] [--after SECONDS]

Default PATH is ../shared/data/saudinewsnet (with --field published=date_extracted). Prints both counts, whether
the id sets are identical, and PRAGMA integrity_check. Exit 0 only when they match and the store is ok.
"""
from __future__ import annotations

import argparse
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def ingest_cmd(paths, db):
    return [sys.executable, "-m", "rasd.cli", "ingest", *paths, "--db", db, "-q", "--no-progress",
            "--field", "published=date_extracted"]


def ids(db):
    conn = sqlite3.connect(db)
    out = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY id")]
    ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    return out, ok


def count(db):
    try:
        conn = sqlite3.connect(db, timeout=1)
        n = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        conn.close()
        return n
    except sqlite3.Error:
        return 0


def run(paths: list[str], after: float | None, min_docs: int = 1) -> int:
    tmp = tempfile.mkdtemp()
    clean_db, crash_db = os.path.join(tmp, "clean.db"), os.path.join(tmp, "crash.db")
    subprocess.run(ingest_cmd(paths, clean_db), check=False)
    want, _ = ids(clean_db)

    proc = subprocess.Popen(ingest_cmd(paths, crash_db))
    t0 = time.time()
    while proc.poll() is None:
        if (after is not None and time.time() - t0 >= after) or (after is None and count(crash_db) >= min_docs):
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.05)
    proc.wait()
    killed_at = count(crash_db)
    subprocess.run(ingest_cmd(paths, crash_db), check=False)
    got, ok = ids(crash_db)
    same = got == want
    print(f"uninterrupted: {len(want)} documents; killed with {killed_at} stored, after rerun: {len(got)}; "
          f"same ids: {same}; integrity_check: {ok}")
    return 0 if same and ok == "ok" and 0 < killed_at < len(want) else 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", default=[str(Path(__file__).resolve().parents[1].parent / "shared/data/saudinewsnet")])
    ap.add_argument("--after", type=float, default=None, help="kill after this many seconds "
                    "(default: as soon as the first batch is committed)")
    args = ap.parse_args()
    return run(args.paths, args.after)


if __name__ == "__main__":
    sys.exit(main())
