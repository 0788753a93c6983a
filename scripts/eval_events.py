"""The event layer on the fresh sentence set: per-type precision/recall and every miss.

    .venv/bin/python scripts/eval_events.py [tests/fixtures/events_fresh.tsv] [--misses]
"""
from __future__ import annotations

import sys
from pathlib import Path

from rasd.events.evaluate import evaluate, report


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    path = Path(args[0]) if args else Path(__file__).resolve().parents[1] / "tests/fixtures/events_fresh.tsv"
    res = evaluate(path)
    if "--misses" in sys.argv:
        for want, sentence, got in res.rows:
            wanted = set(want.split(",")) - {"NONE"}
            if wanted - set(got) or set(got) - wanted:
                print(f"want {want:20} got {','.join(got) or '-':30} {sentence}")
    print(report(res))


if __name__ == "__main__":
    main()
