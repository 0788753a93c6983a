"""Temporal expressions found in a text, each resolved to an honest interval with the basis of its value."""
from __future__ import annotations

from dataclasses import dataclass

from ..text.fold import FoldMap
from .grammar import Found, scan
from .interval import Interval
from .spec import DayOffset, Spec, Weekday, resolve, weekday_conflict


@dataclass(frozen=True, slots=True)
class Timex:
    start: int  # offsets into the text that was scanned (a document body, a caption …)
    end: int
    text: str
    spec: Spec
    value: Interval
    basis: str
    role: str = ""  # "since" | "until" | ""
    check: str = ""  # consistency of a weekday with the date written beside it

    @property
    def precision(self) -> str:
        return self.value.precision

    @property
    def relative(self) -> bool:
        return not self.spec.fixed

    def as_dict(self) -> dict:
        s, e = self.value.iso()
        return {"start": s, "end": e, "precision": self.precision, "text": self.text, "offsets": [self.start, self.end],
                "relative": self.relative, "role": self.role, "basis": self.basis}


def recognize(text: str) -> list[tuple[int, int, Found]]:
    """Expressions in ``text`` as (start, end, what it says) in original offsets, not yet anchored."""
    fm = FoldMap(text)
    return [(*fm.span(f.start, f.end), f) for f in scan(fm.text)]


def anchor(found: list[tuple[int, int, Found]], text: str, when: Interval | None, how: str) -> list[Timex]:
    """Resolve recognized expressions against a publication date known to lie in ``when`` (None: unknown)."""
    out = []
    for s, e, f in found:
        value = resolve(f.spec, when)
        if f.spec.fixed:
            basis = "as written"
        elif value.known and how.startswith(("metadata", "url", "text", "given", "--anchor")):
            basis = f"{f.spec.describe()}; publication {_show(when)} ({how})"
        elif value.known:
            basis = f"{f.spec.describe()}; publication unknown, inferred {_show(when)} ({how})"
        else:
            basis = f"{f.spec.describe()}; publication unknown"
        check = f.check or weekday_conflict(f.spec, when) or _weekday_check(f.spec, value)
        if check:
            basis += f"; {check}"
        if f.role:
            basis += f"; {f.role}"
        out.append(Timex(s, e, text[s:e], f.spec, value, basis, f.role, check))
    return out


def find(text: str, when: Interval | None = None, how: str = "given") -> list[Timex]:
    return anchor(recognize(text), text, when, how)


def _show(iv: Interval | None) -> str:
    if iv is None:
        return "unknown"
    return iv.start.isoformat() if iv.precision == "day" and iv.start else str(iv)


def _weekday_check(spec: Spec, value: Interval) -> str:
    """"الأربعاء 24 نونبر": does the resolved day fall on the weekday written beside it?"""
    wd = getattr(spec, "weekday", None)
    if wd is None or isinstance(spec, (Weekday, DayOffset)) or value.precision != "day" or value.start is None:
        return ""
    d = value.start
    return "weekday agrees" if d.weekday() == wd else f"weekday disagrees: {d} was a {d:%A}"
