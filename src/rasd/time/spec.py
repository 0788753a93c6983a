"""What a temporal expression says, before it is anchored: small typed specs that resolve against a day.

Every spec answers ``at(anchor)`` for one anchor day; :func:`resolve` lifts that to an anchor *interval* (a
publication date known only to a week or a year) by resolving at both ends — every spec is monotone in its
anchor, so the hull of the two answers holds every answer in between. Specs that need no anchor are ``fixed``.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from .interval import Interval, add_months, month_end

WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS_EN = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")


class Spec(Protocol):
    fixed: bool

    def at(self, anchor: date | None) -> Interval | None: ...

    def describe(self) -> str: ...


def _snap(iv: Interval, weekday: int | None) -> Interval | None:
    """Narrow an interval to its first and last day falling on ``weekday`` (None if it holds none)."""
    if weekday is None or iv.start is None and iv.end is None:
        return iv
    s, e = iv.start, iv.end
    if s is not None:
        s = s + timedelta(days=(weekday - s.weekday()) % 7)
    if e is not None:
        e = e - timedelta(days=(e.weekday() - weekday) % 7)
    if s is not None and e is not None and s > e:
        return None
    return Interval(s, e)


@dataclass(frozen=True, slots=True)
class Fixed:
    """A calendar date, month or year written in full."""
    value: Interval
    weekday: int | None = None
    fixed: bool = True

    def at(self, anchor: date | None) -> Interval:
        return self.value

    def describe(self) -> str:
        return "calendar date as written"


@dataclass(frozen=True, slots=True)
class NamedMonth:
    """A month (optionally a day in it) named without a year: "ديسمبر الماضي", "في مارس", "25 ديسمبر".

    direction -1: the latest such month strictly before the anchor's month (الماضي); +1 the next one strictly
    after (المقبل); 0 the anchor's own year (الجاري); None: the latest on or before the anchor (news reports
    the past), or with ``future`` the first on or after it.
    """
    month: int
    day: int | None = None
    direction: int | None = None
    future: bool = False
    weekday: int | None = None
    fixed: bool = False

    def at(self, anchor: date | None) -> Interval | None:
        if anchor is None:
            return None
        y, m = anchor.year, self.month
        if self.direction == -1:
            y = y if m < anchor.month else y - 1
        elif self.direction == 1:
            y = y if m > anchor.month else y + 1
        elif self.direction is None:
            here = (m, self.day or 1)
            now = (anchor.month, anchor.day if self.day else 1)
            if not self.future and here > now:
                y -= 1
            elif self.future and here < now:
                y += 1
        if self.day is None:
            return Interval.month(y, m)
        try:
            d = date(y, m, self.day)
        except ValueError:
            return None
        if self.weekday is not None and d.weekday() != self.weekday and self.direction is None:
            # the weekday names the year: "الأربعاء 24 نونبر" is the nearest 24 November that was a Wednesday
            for dy in ((-1, 1, -2, 2) if not self.future else (1, -1, 2, -2)):
                try:
                    alt = date(y + dy, m, self.day)
                except ValueError:
                    continue
                if alt.weekday() == self.weekday:
                    return Interval.day(alt)
        return Interval.day(d)

    def describe(self) -> str:
        what = f"{self.day} {MONTHS_EN[self.month]}" if self.day else MONTHS_EN[self.month]
        rel = {-1: "the last {} before the month of publication", 1: "the next {} after the month of publication",
               0: "{} of the year of publication"}.get(self.direction) if self.direction is not None else (
            "the first {} on or after publication" if self.future else "the latest {} on or before publication")
        return rel.format(what)


@dataclass(frozen=True, slots=True)
class RelUnit:
    """"الشهر الماضي", "العام المقبل", "هذا الأسبوع": the anchor's week / month / year shifted by ``offset``."""
    unit: str
    offset: int
    fixed: bool = False

    def at(self, anchor: date | None) -> Interval | None:
        if anchor is None:
            return None
        if self.unit == "year":
            return Interval.year(anchor.year + self.offset)
        if self.unit == "month":
            return Interval.month(*add_months(anchor.year, anchor.month, self.offset))
        if self.unit == "week":
            return Interval.week_of(anchor + timedelta(weeks=self.offset))
        return Interval.day(anchor + timedelta(days=self.offset))

    def describe(self) -> str:
        which = {-1: "the {} before publication", 0: "the {} of publication", 1: "the {} after publication"}
        return which.get(self.offset, f"{self.offset:+d} {{}}s from publication").format(self.unit)


@dataclass(frozen=True, slots=True)
class DayOffset:
    """"أمس", "اليوم", "غداً", "أول أمس", optionally with the weekday the text gives ("أمس الاثنين")."""
    days: int
    weekday: int | None = None
    fixed: bool = False

    def at(self, anchor: date | None) -> Interval | None:
        return None if anchor is None else Interval.day(anchor + timedelta(days=self.days))

    def describe(self) -> str:
        rel = {-2: "two days before publication", -1: "the day before publication", 0: "the day of publication",
               1: "the day after publication", 2: "two days after publication"}.get(self.days, f"{self.days:+d} days")
        return f"{WEEKDAYS_EN[self.weekday]}, {rel}" if self.weekday is not None else rel


@dataclass(frozen=True, slots=True)
class Weekday:
    """A weekday named alone: mode -1 the one before the anchor's week day (الماضي), +1 the next (المقبل),
    0 the latest on or before the anchor (news past), 2 the first on or after it (future context)."""
    weekday: int
    mode: int = 0
    fixed: bool = False

    def at(self, anchor: date | None) -> Interval | None:
        if anchor is None:
            return None
        back = (anchor.weekday() - self.weekday) % 7
        fwd = (self.weekday - anchor.weekday()) % 7
        if self.mode == 0:
            return Interval.day(anchor - timedelta(days=back))
        if self.mode == -1:
            return Interval.day(anchor - timedelta(days=back or 7))
        if self.mode == 1:
            return Interval.day(anchor + timedelta(days=fwd or 7))
        return Interval.day(anchor + timedelta(days=fwd))

    def describe(self) -> str:
        name = WEEKDAYS_EN[self.weekday]
        return {0: f"the {name} on or before publication", -1: f"the {name} before publication",
                1: f"the {name} after publication", 2: f"the {name} on or after publication"}[self.mode]


@dataclass(frozen=True, slots=True)
class Ago:
    """"قبل ثلاثة أيام", "منذ عامين", "بعد أسبوع": ``n`` units before (sign -1) or after (+1) the anchor."""
    unit: str
    n: int
    sign: int
    fixed: bool = False

    def at(self, anchor: date | None) -> Interval | None:
        if anchor is None:
            return None
        k = self.sign * self.n
        if self.unit == "day":
            return Interval.day(anchor + timedelta(days=k))
        if self.unit == "week":  # "two weeks ago" is about then, not a calendar week
            mid = anchor + timedelta(weeks=k)
            return Interval(mid - timedelta(days=3), mid + timedelta(days=3))
        if self.unit == "month":
            return Interval.month(*add_months(anchor.year, anchor.month, k))
        return Interval.year(anchor.year + k)

    def describe(self) -> str:
        return f"{self.n} {self.unit}(s) {'before' if self.sign < 0 else 'after'} publication"


@dataclass(frozen=True, slots=True)
class Within:
    """"في غضون خمس سنوات", "في غضون أسبوعين": from the anchor until ``n`` units after it."""
    unit: str
    n: int
    fixed: bool = False

    def at(self, anchor: date | None) -> Interval | None:
        if anchor is None:
            return None
        if self.unit in ("day", "week"):
            return Interval(anchor, anchor + timedelta(days=self.n * (7 if self.unit == "week" else 1)))
        y, m = add_months(anchor.year, anchor.month, self.n * (12 if self.unit == "year" else 1))
        last = month_end(y, m)  # 31 January + 1 month: the month's last day
        return Interval(anchor, last.replace(day=min(anchor.day, last.day)))

    def describe(self) -> str:
        return f"within {self.n} {self.unit}(s) after publication"


@dataclass(frozen=True, slots=True)
class Vague:
    """"مؤخراً", "في الآونة الأخيرة", "قريباً": a bounded stretch before (or after) the anchor, never a day."""
    lo: int
    hi: int
    fixed: bool = False

    def at(self, anchor: date | None) -> Interval | None:
        if anchor is None:
            return None
        return Interval(anchor + timedelta(days=self.lo), anchor + timedelta(days=self.hi))

    def describe(self) -> str:
        return f"vague: {-self.lo} days before publication" if self.hi <= 0 else f"vague: within {self.hi} days after publication"


@dataclass(frozen=True, slots=True)
class DayIn:
    """A day of a month given by another spec: "يوم 25 من الشهر الجاري"."""
    day: int
    inner: Spec
    weekday: int | None = None

    @property
    def fixed(self) -> bool:
        return self.inner.fixed

    def at(self, anchor: date | None) -> Interval | None:
        iv = self.inner.at(anchor)
        if iv is None or iv.start is None:
            return None
        try:
            return Interval.day(iv.start.replace(day=self.day))
        except ValueError:
            return None

    def describe(self) -> str:
        return f"day {self.day} of {self.inner.describe()}"


@dataclass(frozen=True, slots=True)
class InYear:
    """A month (and day) of a year given relatively: "يونيو من العام الماضي", "5 مارس من هذا العام"."""
    month: int
    year: Spec
    day: int | None = None

    @property
    def fixed(self) -> bool:
        return self.year.fixed

    def at(self, anchor: date | None) -> Interval | None:
        iv = self.year.at(anchor)
        if iv is None or iv.start is None:
            return None
        if self.day is None:
            return Interval.month(iv.start.year, self.month)
        try:
            return Interval.day(date(iv.start.year, self.month, self.day))
        except ValueError:
            return None

    def describe(self) -> str:
        what = f"{self.day} {MONTHS_EN[self.month]}" if self.day else MONTHS_EN[self.month]
        return f"{what} of {self.year.describe()}"


@dataclass(frozen=True, slots=True)
class Part:
    """Early / mid / late part of another spec: "أواخر 2020", "مطلع الشهر المقبل", "منتصف يونيو"."""
    which: str
    inner: Spec

    @property
    def fixed(self) -> bool:
        return self.inner.fixed

    def at(self, anchor: date | None) -> Interval | None:
        iv = self.inner.at(anchor)
        return None if iv is None else iv.part(self.which)

    def describe(self) -> str:
        return f"{self.which} part of {self.inner.describe()}"


@dataclass(frozen=True, slots=True)
class Range:
    """"ما بين العشرين والثلاثين من يونيو", "من 23 إلى 25 نونبر", "بين 2019 و2021"."""
    first: Spec
    last: Spec

    @property
    def fixed(self) -> bool:
        return self.first.fixed and self.last.fixed

    def at(self, anchor: date | None) -> Interval | None:
        a, b = self.first.at(anchor), self.last.at(anchor)
        if a is None or b is None:
            return None
        if a.start and b.end and a.start > b.end:  # "from 28 December to 3 January": the start is a year earlier
            return None
        return Interval(a.start, b.end)

    def describe(self) -> str:
        return f"from {self.first.describe()} to {self.last.describe()}"


@dataclass(frozen=True, slots=True)
class Until:
    """"حتى الخميس": from the anchor up to the end of another spec."""
    inner: Spec
    fixed: bool = False

    def at(self, anchor: date | None) -> Interval | None:
        iv = self.inner.at(anchor)
        if iv is None or anchor is None or iv.end is None:
            return None
        return Interval(min(anchor, iv.end), iv.end)

    def describe(self) -> str:
        return f"until {self.inner.describe()}"


def resolve(spec: Spec, anchor: Interval | None) -> Interval:
    """The interval a spec names given an anchor known to lie in ``anchor`` (unknown if it needs one we lack)."""
    if spec.fixed:
        return spec.at(None) or Interval()
    if anchor is None or not anchor.known:
        return Interval()
    lo = spec.at(anchor.start) if anchor.start else None
    hi = spec.at(anchor.end) if anchor.end else None
    if anchor.start and lo is None or anchor.end and hi is None:
        return Interval()
    iv = Interval(lo.start if lo else None, hi.end if hi else None)
    if iv.start and iv.end and iv.start > iv.end:
        return Interval()
    if isinstance(spec, DayOffset) and spec.weekday is not None:
        snapped = _snap(iv, spec.weekday)
        if snapped is None and iv.start:  # "أمس الاثنين" on a Wednesday: either word may be wrong, keep both
            return Interval(iv.start - timedelta(days=(iv.start.weekday() - spec.weekday) % 7), iv.end)
        return snapped or iv
    return iv


def weekday_conflict(spec: Spec, anchor: Interval | None) -> str:
    """A note when a relative day and the weekday written with it cannot both hold for the anchor."""
    if not isinstance(spec, DayOffset) or spec.weekday is None or anchor is None or not anchor.closed:
        return ""
    lo, hi = spec.at(anchor.start), spec.at(anchor.end)
    if lo and hi and _snap(Interval(lo.start, hi.end), spec.weekday) is None:
        return f"weekday disagrees: {lo.start} was a {lo.start:%A}, not a {WEEKDAYS_EN[spec.weekday]}"
    return ""
