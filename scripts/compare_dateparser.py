"""dateparser beside rasd on the time table (tests/fixtures/time_table.tsv): which expressions each gets right.

    pip install dateparser && python scripts/compare_dateparser.py [--failures]

dateparser is not a rasd dependency; this is the comparison the time issue asks for. For each row it parses the
expression as written (``languages=["ar"]``, the anchor as RELATIVE_BASE, and the Moroccan/Maghrebi locale for
those families) and counts it right when the date it returns lies inside the expected interval — generous to
dateparser, which can only return a single datetime: it cannot express "a range", "a month", or "unknown", and a
day it returns for a month-precision expression is counted right if it falls inside that month.
"""
from __future__ import annotations

import sys
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import dateparser

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from test_time_table import _rows

from rasd.time.interval import Interval
from rasd.time.timex import find

LOCALES = {"moroccan": ["ar-MA"], "maghreb": ["ar-DZ"], "levant": ["ar-LB"], "mauritania": ["ar-MR"]}


_rows_list = list(_rows())


def main() -> None:
    show = "--failures" in sys.argv
    per = Counter()
    tot = Counter()
    dp_ok = rasd_ok = 0
    for p in _rows_list:
        family, anchor, context, expr, start, end, precision = p.values
        tot[family] += 1
        base = datetime.fromisoformat(anchor) if anchor != "-" else None
        settings = {"RELATIVE_BASE": base} if base else {}
        kw = {"locales": LOCALES[family]} if family in LOCALES else {"languages": ["ar"]}
        got = None
        if expr != "NONE":
            try:
                got = dateparser.parse(expr, settings=settings, **kw)
            except Exception as e:  # noqa: BLE001 - report whatever dateparser does
                got = f"error {e}"
        if expr == "NONE":
            tot[family] -= 1  # dateparser.parse is only given expressions: negatives are not comparable
            good = False
        elif start == "?" or got is None or isinstance(got, str):
            good = start == "?" and got is None
        else:
            d = got.date()
            good = date.fromisoformat(start) <= d <= date.fromisoformat(end)
        when = None if anchor == "-" else Interval.day(date.fromisoformat(anchor))
        ours = find(context, when)
        mine = not ours if expr == "NONE" else any(
            (t.value.iso()[0] or "?", t.value.iso()[1] or "?", t.precision) == (start, end, precision) for t in ours)
        dp_ok += good
        rasd_ok += mine
        per[family] += good
        if show and not good and expr != "NONE":
            print(f"dateparser {family:12} {expr!r:45} anchor {anchor}: got {got}, want {start}..{end} ({precision})")
    n = sum(tot.values())
    print(f"{'family':14} dateparser")
    for fam in tot:
        if tot[fam]:
            print(f"{fam:14} {per[fam]:3}/{tot[fam]}")
    rows = len(_rows_list)
    print(f"TIME table rows={rows} comparable={n} dateparser_right={dp_ok} rasd_right={rasd_ok}/{rows}")


if __name__ == "__main__":
    main()
