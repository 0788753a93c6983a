"""Date intervals: the truth lies between ``start`` and ``end`` inclusive; ``None`` is an open side.

Precision is read off the interval itself, so a value can never claim more than it holds: a single day is
"day", a Monday–Sunday run "week", a whole calendar month "month", a whole year "year", anything else "range",
and an interval with an open side (or none at all) "unknown".
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


def month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def shift_years(d: date, n: int) -> date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February
        return d.replace(year=d.year + n, day=28)


@dataclass(frozen=True, slots=True)
class Interval:
    start: date | None = None
    end: date | None = None

    @classmethod
    def day(cls, d: date) -> Interval:
        return cls(d, d)

    @classmethod
    def month(cls, y: int, m: int) -> Interval:
        return cls(date(y, m, 1), month_end(y, m))

    @classmethod
    def year(cls, y: int) -> Interval:
        return cls(date(y, 1, 1), date(y, 12, 31))

    @classmethod
    def week_of(cls, d: date) -> Interval:
        monday = d - timedelta(days=d.weekday())
        return cls(monday, monday + timedelta(days=6))

    @property
    def known(self) -> bool:
        return self.start is not None or self.end is not None

    @property
    def closed(self) -> bool:
        return self.start is not None and self.end is not None

    @property
    def precision(self) -> str:
        s, e = self.start, self.end
        if s is None or e is None:
            return "unknown"
        if s == e:
            return "day"
        if (e - s).days == 6 and s.weekday() == 0:
            return "week"
        if s.day == 1 and e == month_end(s.year, s.month):
            return "month"
        if s.year == e.year and (s.month, s.day, e.month, e.day) == (1, 1, 12, 31):
            return "year"
        return "range"

    def hull(self, other: Interval) -> Interval:
        """The smallest interval holding both (an open side stays open)."""
        s = min(self.start, other.start) if self.start and other.start else None
        e = max(self.end, other.end) if self.end and other.end else None
        return Interval(s, e)

    def intersect(self, other: Interval) -> Interval | None:
        """The common part, or None when the two cannot both be true."""
        s = max((d for d in (self.start, other.start) if d is not None), default=None)
        e = min((d for d in (self.end, other.end) if d is not None), default=None)
        if s is not None and e is not None and s > e:
            return None
        return Interval(s, e)

    def contains(self, other: Interval) -> bool:
        return ((self.start is None or (other.start is not None and self.start <= other.start))
                and (self.end is None or (other.end is not None and other.end <= self.end)))

    def part(self, which: str) -> Interval:
        """Early / mid / late third of a closed interval (بداية / منتصف / أواخر)."""
        if not self.closed:
            return self
        assert self.start is not None and self.end is not None
        days = (self.end - self.start).days + 1
        if self.precision == "year":  # thirds of a year: January–April, May–August, September–December
            y = self.start.year
            return {"early": Interval(date(y, 1, 1), date(y, 4, 30)), "mid": Interval(date(y, 5, 1), date(y, 8, 31)),
                    "late": Interval(date(y, 9, 1), date(y, 12, 31))}[which]
        if self.precision == "month":  # أوائل / منتصف / أواخر الشهر: days 1–10, 11–20, 21–end
            cuts = (10, 20)
        else:
            cuts = (days // 3, 2 * days // 3)
        if which == "early":
            return Interval(self.start, self.start + timedelta(days=cuts[0] - 1))
        if which == "mid":
            return Interval(self.start + timedelta(days=cuts[0]), self.start + timedelta(days=cuts[1] - 1))
        return Interval(self.start + timedelta(days=cuts[1]), self.end)

    def iso(self) -> tuple[str | None, str | None]:
        return (self.start.isoformat() if self.start else None, self.end.isoformat() if self.end else None)

    def __str__(self) -> str:
        s, e = self.iso()
        return f"{s or '?'}..{e or '?'}"
