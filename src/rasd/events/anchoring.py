"""Narrow an unknown publication date with what one happening's several reports imply.

When an article reports one happening twice with relative dates — "في الآونة الأخيرة، في التدريبات الأخيرة
لـ'الأسد الإفريقي'" and, later, "مناورات 'الأسد الإفريقي' … ما بين العشرين والثلاثين من يونيو الماضي" — both
must hold for the same publication day. Trying every day the publication may fall on keeps those where the
two readings overlap: here only days after June that are within 180 days of it. Mentions count as one
happening when they share a type and an identity attribute (a named exercise, agreement, session, plan year).
"""
from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from ..model import Document
from ..time.interval import Interval
from .model import EventMention

MAX_DAYS = 1100  # search at most three years of candidate publication days


def narrowed_publication(doc: Document, mentions: list[EventMention]) -> tuple[Interval, str] | None:
    pub = doc.annotations.get("publication")
    if pub is None or not pub.interval.closed or pub.interval.precision == "day":
        return None
    lo, hi = pub.interval.start, pub.interval.end
    if (hi - lo).days > MAX_DAYS:
        return None
    timex_at = {t.start: t for t in doc.annotations.get("time", [])}
    groups: dict[tuple, list[EventMention]] = defaultdict(list)
    for m in mentions:
        for a in ("event_name", "agreement", "session", "for_year"):
            if a in m.attributes:
                groups[(m.type, a, str(m.attributes[a]))].append(m)
    best: tuple[Interval, str] | None = None
    for ms in groups.values():
        specs = {}
        for m in ms:
            t = timex_at.get(m.date_span.start) if m.own_date and m.date_span else None
            if t is not None:
                specs[t.start] = t
        if len(specs) < 2 or all(t.spec.fixed for t in specs.values()):
            continue
        ok = []
        day = lo
        while day <= hi:
            common: Interval | None = Interval()
            for t in specs.values():
                iv = t.spec.at(day)
                common = None if iv is None or common is None else (iv if not common.known else common.intersect(iv))
                if common is None:
                    break
            if common is not None:
                ok.append(day)
            day += timedelta(days=1)
        if ok and (ok[0] > lo or ok[-1] < hi):
            texts = " and ".join(repr(t.text) for t in specs.values())
            cand = Interval(ok[0], ok[-1])
            if best is None or (cand.end - cand.start) < (best[0].end - best[0].start):
                best = (cand, f"{texts} date one {ms[0].type.lower()}: publication {cand}")
    return best
