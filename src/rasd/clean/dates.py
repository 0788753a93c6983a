"""Full calendar dates written out in a line ("24 نوفمبر 2021", "يناير 28, 2026", "2021/11/24").

Only complete day-month-year dates: enough for page-header dates, captions and datelines at cleaning time.
Relative and partial expressions belong to the time layer. Month and weekday names come from the
CLDR-generated ``calendar.json``; matching is done on folded text.
"""
from __future__ import annotations

import re
from datetime import date
from functools import cache

from ..data import load_json
from ..text.fold import fold


@cache
def month_table() -> dict[str, int]:
    return {fold(name): entry["value"] for name, entry in load_json("calendar.json")["months"].items()}


@cache
def weekday_table() -> dict[str, int]:
    table = {}
    for name, entry in load_json("calendar.json")["weekdays"].items():
        f = fold(name)
        table[f] = entry["value"]
        if f.startswith("ال"):
            table[f[2:]] = entry["value"]
    return table


@cache
def _patterns() -> tuple[re.Pattern, ...]:
    names = sorted(month_table(), key=len, reverse=True)
    month = "(?P<month>" + "|".join(re.escape(n) for n in names) + ")"
    sep = r"[\s,،./\-]*"
    return (
        re.compile(rf"(?<!\d)(?P<day>\d{{1,2}}){sep}(?:من\s+)?(?:شهر\s+)?{month}(?:\s*/\s*\w+)?{sep}(?P<year>\d{{4}})(?!\d)"),
        re.compile(rf"{month}{sep}(?P<day>\d{{1,2}}){sep}(?P<year>\d{{4}})(?!\d)"),
        re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})[-/.](?P<mnum>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)"),
        re.compile(r"(?<!\d)(?P<day>\d{1,2})[-/.](?P<mnum>\d{1,2})[-/.](?P<year>(?:19|20)\d{2})(?!\d)"),
    )


def _to_date(m: re.Match) -> date | None:
    gd = m.groupdict()
    month = month_table().get(gd["month"]) if gd.get("month") else int(gd["mnum"])
    try:
        return date(int(gd["year"]), month, int(gd["day"]))
    except (TypeError, ValueError):
        return None


def find_dates(text: str) -> list[tuple[int, int, date]]:
    """Every full date in ``text`` as (start, end, date) over the folded text (same length as ``text``
    unless diacritics were dropped; callers use the positions only to measure how much of a line is date)."""
    folded = fold(text)
    found: list[tuple[int, int, date]] = []
    for pat in _patterns():
        for m in pat.finditer(folded):
            d = _to_date(m)
            if d and not any(s < m.end() and m.start() < e for s, e, _ in found):
                found.append((m.start(), m.end(), d))
    return sorted(found)


_LEFTOVER = re.compile(r"[\s,،.:|/\-–—()\[\]]+")
_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm|ص|م)?\b")


# Words a date line may carry besides the date. A line labelled with publishing ("نشر في: …", "تاريخ النشر",
# "Published") states the publication date; an unlabelled one may be the site printing today's date.
_DATE_LINE_WORDS = frozenset({"يوم", "تاريخ", "بتاريخ", "في", "اخر", "تحديث", "updated", "last", "on"})
_PUBLISHED_WORDS = frozenset({"نشر", "النشر", "published", "posted"})


def read_date_line(text: str) -> tuple[date, bool] | None:
    """(date, labelled as the publication date) if the line says nothing but a date, else None."""
    got = _date_line(text)
    if got is None:
        return None
    return got[0], bool(got[1] & _PUBLISHED_WORDS and not got[1] & {"تحديث", "updated"})


def _date_line(text: str) -> tuple[date, set[str]] | None:
    folded = fold(text)
    hits = find_dates(text)
    if len(hits) != 1:
        return None
    s, e, d = hits[0]
    rest = _TIME.sub(" ", folded[:s] + " " + folded[e:])
    words = {w.lower() for w in _LEFTOVER.split(rest) if w}
    days = weekday_table()
    if all(w in days or w in _DATE_LINE_WORDS or w in _PUBLISHED_WORDS for w in words):
        return d, words
    return None


def date_only_line(text: str) -> date | None:
    """The date if the line says nothing but a date (with an optional weekday, time of day and label)."""
    got = _date_line(text)
    return got[0] if got else None

