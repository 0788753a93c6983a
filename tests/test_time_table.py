"""The time layer on a table of expressions in context written for it (tests/fixtures/time_table.tsv): every
family of the time issue, with anchors, expected intervals and precisions, and negatives that must stay
silent. dateparser's results on the same table are printed by scripts/compare_dateparser.py."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rasd.text.fold import fold
from rasd.time.interval import Interval
from rasd.time.timex import find

TABLE = Path(__file__).parent / "fixtures" / "time_table.tsv"


def _rows():
    for n, line in enumerate(TABLE.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#") or not line.strip():
            continue
        cols = line.split("\t")
        yield pytest.param(*(cols + [""] * (7 - len(cols))), id=f"{n}-{cols[0]}")


def rows() -> list:
    return list(_rows())


def test_table_is_large_and_covers_every_family():
    params = list(rows())
    families = {p.values[0] for p in params}
    assert len(params) >= 150
    assert {"absolute", "moroccan", "maghreb", "levant", "doubled", "digits", "mdy", "ordinal", "year", "weekday",
            "weekday_date", "relday", "relmonth", "relyear", "relweek", "ago", "part", "range", "until", "vague",
            "negative"} <= families


@pytest.mark.parametrize("family,anchor,context,expr,start,end,precision", rows())
def test_expression(family, anchor, context, expr, start, end, precision):
    when = None if anchor == "-" else Interval.day(date.fromisoformat(anchor))
    found = find(context, when)
    if expr == "NONE":
        assert found == [], [(t.text, str(t.value)) for t in found]
        return
    at = fold(context).find(fold(expr))
    assert at >= 0, "bad table row: expression not in context"
    hits = [t for t in found if fold(t.text) in fold(expr) or fold(expr) in fold(t.text)]
    assert hits, f"not found: {expr!r}; found {[t.text for t in found]}"
    t = hits[0]
    got = t.value.iso()
    assert (got[0] or "?", got[1] or "?", t.precision) == (start, end, precision), t.basis
    if t.precision == "day":
        assert t.value.start == t.value.end
