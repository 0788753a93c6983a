"""When was this article published? An interval with the basis of each bound, for pages that do not say.

Evidence, strongest first: metadata / URL / dateline (cleaning already read them); then what the article
itself supports —
* a page-header date is an upper bound (a site prints the day it served the page);
* a full date the article reports as past is a lower bound (it cannot be published before what it reports);
  dates said of the future, and dates after the upper bound, are not used;
* a weekday the article uses for its news ("وقّع … الأربعاء") that agrees with a full date nearby (a photo
  caption "24 نوفمبر 2021" that was a Wednesday) pins publication to that week (to that day for "أمس الاثنين");
* "اليوم الإثنين" or "أمس الأحد" under a page date that is a Monday makes the page date the publication day
  (a page date alone stays an upper bound: it may be the day the page was served);
* a month named as the current one ("28 نوفمبر الجاري") is the month of publication, once a bound gives the year;
* an anniversary ("الذكرى الخامسة لـ… 10 دجنبر 2020", "ذكرى مرور خمس سنوات") puts publication in that year.
Bounds that contradict each other are reported, not averaged.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..text.fold import FoldMap
from .grammar import Found
from .interval import Interval, shift_years
from .lexicon import lexicon
from .spec import DayOffset, Fixed, NamedMonth, Part, RelUnit, Weekday

_ANNIVERSARY = re.compile(r"(?:ال)?ذكر[يى]\s+(?:(?:ال)?(\w+)\s+(?:ل|علي\s|على\s)|مرور\s+(\w+)\s+(?:سنوات|اعوام|عاما|سنه|عام))")


@dataclass
class Publication:
    interval: Interval = field(default_factory=Interval)
    basis: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    @property
    def known(self) -> bool:
        return self.interval.known

    def how(self) -> str:
        return "; ".join(self.basis) or "unknown"


def _day(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso) if iso else None
    except ValueError:
        return None


def _years(word: str) -> int | None:
    lex = lexicon()
    for w in (word, word.removeprefix("ال")):
        if w in lex.numbers:
            return lex.numbers[w]
        if w.isdigit():
            return int(w)
    return None


def infer(published: str | None, published_basis: str, page_date: str | None,
          body: str, found: list[tuple[int, int, Found]], captions: list[tuple[str, list[tuple[int, int, Found]]]]
          ) -> Publication:
    """Publication interval from what is known of a document; ``found`` are the body's recognized expressions,
    ``captions`` each caption with its own."""
    known = _day(published)
    if known:
        return Publication(Interval.day(known), [f"{published_basis} date {known}"])
    pub = Publication()
    lo: date | None = None
    hi = _day(page_date)
    if hi:
        pub.basis.append(f"page date {hi} is an upper bound")
    past = [(f.spec.value, body[s:e], "body") for s, e, f in found
            if isinstance(f.spec, Fixed) and f.spec.value.precision in ("day", "month") and not f.future and not f.role]
    past += [(f.spec.value, text[s:e], "caption") for text, fs in captions for s, e, f in fs
             if isinstance(f.spec, Fixed) and f.spec.value.precision in ("day", "month")]
    usable = [(iv, t, w) for iv, t, w in past if not hi or iv.start <= hi]
    if usable:
        iv, text, where = max(usable, key=lambda x: x[0].start)
        lo = iv.start
        pub.basis.append(f"the {where} reports {text!r} as past: lower bound {lo}")
    # a weekday used for the news that agrees with a full date written nearby
    days = [(iv.start, t, w) for iv, t, w in usable if iv.precision == "day"]
    for s, e, f in found:
        spec = f.spec
        wd = spec.weekday if isinstance(spec, (Weekday, DayOffset)) else None
        if wd is None or f.future or (isinstance(spec, Weekday) and spec.mode != 0):
            continue
        match = [d for d in days if d[0].weekday() == wd and (not lo or d[0] >= lo)]
        if not match:
            continue
        d, text, where = max(match)
        pin = Interval(d, d + timedelta(days=6)) if isinstance(spec, Weekday) else Interval.day(d - timedelta(days=spec.days))
        both = _narrow(pub, Interval(lo, hi), pin,
                       f"{body[s:e]!r} agrees with {text!r} in the {where} (a {d:%A}): publication {pin}",
                       f"{body[s:e]!r} with {text!r} puts publication at {pin}")
        if both is not None:
            lo, hi = both.start, both.end
            break
    # "اليوم الإثنين" / "أمس الأحد" under a page date that is that Monday: the page date is the publication day
    if hi and not (lo and lo == hi):
        for s, e, f in found:
            spec = f.spec
            if isinstance(spec, DayOffset) and spec.weekday is not None and spec.days <= 0 and not f.future \
                    and (spec.weekday - spec.days) % 7 == hi.weekday():
                both = _narrow(pub, Interval(lo, hi), Interval.day(hi),
                               f"{body[s:e]!r} agrees with the page date {hi} (a {hi:%A}): publication {hi}",
                               f"{body[s:e]!r} with the page date puts publication at {hi}")
                if both is not None:
                    lo, hi = both.start, both.end
                    break
    # "منذ بداية العام … في بداية عام 2022": the year spoken of as "this year" and as 2022 in one sentence
    year = _current_year(body, found)
    if year is not None:
        y, said = year
        both = _narrow(pub, Interval(lo, hi), Interval(date(y, 1, 1), date(y, 12, 31)),
                       f"{said} in one sentence: the current year is {y}", f"{said} names {y} as the current year")
        if both is not None:
            lo, hi = both.start, both.end
    # "28 نوفمبر الجاري": the month named as the current one is the month of publication, in the first year the
    # bounds allow (a bound is needed to know the year)
    if lo or hi:
        for s, e, f in found:
            spec = getattr(f.spec, "inner", f.spec)  # "إلى غاية 28 نوفمبر الجاري" too
            if not (isinstance(spec, NamedMonth) and spec.direction == 0):
                continue
            ref = lo or hi
            y = ref.year if (lo and spec.month >= ref.month) or (not lo and spec.month <= ref.month) else \
                ref.year + (1 if lo else -1)
            both = _narrow(pub, Interval(lo, hi), Interval.month(y, spec.month),
                           f"{body[s:e]!r} names the current month: publication in {y}-{spec.month:02d}",
                           f"{body[s:e]!r} names the current month {y}-{spec.month:02d}")
            if both is not None:
                lo, hi = both.start, both.end
                break
    # an anniversary of a dated event
    fm = FoldMap(body)
    folded = fm.text
    for m in _ANNIVERSARY.finditer(folded):
        said = body[slice(*fm.span(m.start(), m.end()))].strip()
        n = _years(m.group(1) or m.group(2) or "")
        if not n or n > 200:
            continue
        end_sentence = min((i for i in (folded.find(c, m.end()) for c in ".!?؟\n") if i >= 0), default=len(folded))
        m_end, sentence_end = fm.original(m.end()), fm.original(end_sentence)
        dated = [f for s, e, f in found if isinstance(f.spec, Fixed) and m_end <= s <= sentence_end
                 and f.spec.value.precision in ("day", "month")]
        if not dated:
            continue
        iv = dated[0].spec.value
        start, end = shift_years(iv.start, n), shift_years(iv.end, n + 1) - timedelta(days=1)
        both = _narrow(pub, Interval(lo, hi), Interval(start, end),
                       f"anniversary {said!r} of {iv}: publication {start}..{end}",
                       f"anniversary {said!r} of {iv} puts publication in {start}..{end}")
        if both is not None:
            lo, hi = both.start, both.end
            break
    pub.interval = Interval(lo, hi)
    return pub


def _narrow(pub: Publication, bounds: Interval, evidence: Interval, basis: str, conflict: str) -> Interval | None:
    """Publication narrowed by one piece of evidence, with its basis recorded — or, when the evidence cannot
    hold within the bounds found so far, the conflict recorded and None (bounds are never averaged)."""
    both = evidence.intersect(bounds)
    if both is None:
        pub.conflicts.append(f"{conflict}, outside {bounds}")
    else:
        pub.basis.append(basis)
    return both


def _year_part(spec) -> tuple[str, object] | None:
    part = ""
    if isinstance(spec, Part):
        part, spec = spec.which, spec.inner
    return part, spec


def _current_year(body: str, found: list[tuple[int, int, Found]]) -> tuple[int, str] | None:
    """A sentence that says the same part of "this year" and of an explicit year ("منذ بداية العام، إذ … في
    بداية عام 2022") tells which year is current. Both must name the same part (or none)."""
    ends = [i for i, c in enumerate(body) if c in ".!?؟\n"] + [len(body)]

    def sentence_of(pos: int) -> int:
        return next(k for k, e in enumerate(ends) if pos <= e)
    rel = [(sentence_of(s), *_year_part(f.spec), body[s:e]) for s, e, f in found]
    for k, part, spec, text in rel:
        if not (isinstance(spec, RelUnit) and spec.unit == "year" and spec.offset == 0):
            continue
        for k2, part2, spec2, text2 in rel:
            if k2 == k and part2 == part and isinstance(spec2, Fixed) and spec2.value.precision == "year":
                return spec2.value.start.year, f"{text!r} beside {text2!r}"
    return None
