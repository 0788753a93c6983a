#!/usr/bin/env python3
"""Page latency of `rasd serve` on a large store: home, event and entity pages, HTML as a browser asks for it.

    .venv/bin/python scripts/bench_serve.py --db STORE [--events 300] [--entities 300] [--home 50] [--seed 1]

Starts the real server (a subprocess, as a user would), waits until it answers, then asks for pages one at a
time with httpx over loopback and prints, per kind of page, p50 / p95 / max in milliseconds (client-side: the
whole request, HTTP included). Events and entities are drawn at random (fixed seed) from the store's JSON API,
plus the 30 entities with the most mentions (the heaviest entity pages). Build a store of SaudiNewsNet first,
e.g. `scripts/bench_pipeline.py --keep /tmp/snn.db`.
"""
from __future__ import annotations

import argparse
import json
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import zlib
from pathlib import Path


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


def main() -> int:
    import httpx

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--events", type=int, default=300)
    ap.add_argument("--entities", type=int, default=300)
    ap.add_argument("--home", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    t0 = time.perf_counter()
    proc = subprocess.Popen([str(Path(sys.executable).parent / "rasd"), "serve", "--db", args.db, "--port", str(port)],
                            stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    client = httpx.Client(base_url=base, timeout=60)
    while True:
        try:
            client.get("/healthz")
            break
        except httpx.TransportError:
            if proc.poll() is not None:
                print(proc.stderr.read(), file=sys.stderr)
                return 1
            time.sleep(0.2)
    started = time.perf_counter() - t0
    try:
        rng = random.Random(args.seed)
        home = client.get("/index.json?recalled=true&limit=100000").json()
        counts = home["counts"]
        events = [e["id"] for e in home["timeline"]["events"]]
        row = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True).execute("SELECT data FROM record").fetchone()
        rec = json.loads(zlib.decompress(row[0]))
        ents = sorted(rec["entities"], key=lambda e: -len(e["mentions"]))
        entity_ids = [e["id"] for e in ents[:30]] + rng.sample([e["id"] for e in ents], min(args.entities, len(ents)))
        del rec, ents
        sample_events = rng.sample(events, min(args.events, len(events)))
        html = {"Accept": "text/html"}
        timings: dict[str, list[float]] = {"home": [], "event": [], "entity": [], "home.json": []}
        for kind, urls in (("home", ["/"] * args.home), ("home.json", ["/index.json"] * args.home),
                           ("event", [f"/event/{e}" for e in sample_events]),
                           ("entity", [f"/entity/{e}" for e in entity_ids])):
            client.get(urls[0], headers=html)  # warm
            for u in urls:
                t = time.perf_counter()
                r = client.get(u, headers=html)
                timings[kind].append((time.perf_counter() - t) * 1000)
                if r.status_code != 200:
                    print(f"{u}: HTTP {r.status_code}", file=sys.stderr)
                    return 1
        rss = 0
        for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM"):
                rss = int(line.split()[1]) // 1024
        print(f"store {args.db}: {counts['documents']} articles, {counts['events']} events, {counts['entities']} "
              f"entities; server ready in {started:.1f}s, peak RSS {rss} MB")
        print(f"{'page':10} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
        for kind, xs in timings.items():
            print(f"{kind:10} {len(xs):5d} {statistics.median(xs):8.1f} {pct(xs, 95):8.1f} {max(xs):8.1f}")
        worst = max(pct(timings[k], 95) for k in ("home", "event", "entity"))
        print(f"SERVE p95_ms_home={pct(timings['home'], 95):.1f} p95_ms_event={pct(timings['event'], 95):.1f} "
              f"p95_ms_entity={pct(timings['entity'], 95):.1f} startup_s={started:.1f} peak_rss_mb={rss} "
              f"under_100ms={'yes' if worst < 100 else 'no'}")
    finally:
        proc.terminate()
        proc.wait(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
