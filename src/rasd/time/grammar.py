"""Recognize Arabic temporal expressions and say what each means (a :mod:`spec`), before anchoring.

Written by hand because nothing offline does it: dateparser reads absolute dates but returns nothing for
"أمس الاثنين", "ديسمبر الماضي", "يوليوز المقبل" or "أول أمس", and has no notion of ranges or vague time (see
``scripts/compare_dateparser.py``). The grammar runs over word tokens of the folded text; attached proclitics
(و ف ب ل ك، لل) are tried off the first word of an expression, and every vocabulary item comes from
``calendar.json`` (CLDR) or ``time_words.json``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from .interval import Interval
from .lexicon import Lexicon, lexicon
from .spec import (
    Ago,
    DayIn,
    DayOffset,
    Fixed,
    InYear,
    NamedMonth,
    Part,
    Range,
    RelUnit,
    Spec,
    Until,
    Vague,
    Weekday,
    Within,
)

_TOKEN = re.compile(r"[^\W\d_]+|\d+|[^\w\s]")
_NUMERIC = re.compile(r"(?<![\d/.-])(?:(?P<y1>(?:19|20)\d\d)[-/.](?P<m1>\d{1,2})[-/.](?P<d1>\d{1,2})"
                      r"|(?P<d2>\d{1,2})[-/.](?P<m2>\d{1,2})[-/.](?P<y2>(?:19|20)\d\d))(?![\d/.-]*\d)")
_SENTENCE_END = frozenset(".!?؟\n")
_FUTURE_VERB = re.compile(r"^[وف]?س[يتن]\w{2,}$")
_LEADS = frozenset({"في", "منذ", "خلال", "حتى", "قبل", "بعد", "من", "الى", "بين", "عام", "سنه", "العام", "السنه",
                    "شهر", "مطلع", "بتاريخ", "تاريخ", "لعام", "لسنه", "وفي", "غايه", "اواخر", "اوائل", "نهايه", "بدايه"})
_SEPARATORS = frozenset({",", "،", "-", "–", "—"})


@dataclass(frozen=True, slots=True)
class Found:
    """One expression: folded-text offsets, what it says, and how it relates to the event it dates."""
    start: int
    end: int
    spec: Spec
    role: str = ""  # "" | "since" | "until"
    check: str = ""  # weekday/date consistency note
    future: bool = False  # said of the future (سوف، من المقرر، سيوقع …)


@lru_cache(maxsize=65536)
def _candidates(form: str) -> tuple[tuple[str, int], ...]:
    """The word with the proclitics it may carry taken off: والأربعاء → الأربعاء, لسنة → سنة, للعام → العام."""
    out = [(form, 0)]
    rest, plen = form, 0
    if len(rest) > 2 and rest[0] in "وف":
        rest, plen = rest[1:], 1
        out.append((rest, plen))
    if len(rest) > 2 and rest[0] in "بلك":
        if rest.startswith("لل") and len(rest) > 3:
            out.append(("ال" + rest[2:], plen + 1))
        out.append((rest[1:], plen + 1))
    return tuple(out)


_HEADS: dict[int, frozenset[str]] = {}


def _heads(table) -> frozenset[str]:
    """First words of a table keyed by word tuples (the lexicon's tables live as long as the process)."""
    h = _HEADS.get(id(table))
    if h is None:
        h = _HEADS[id(table)] = frozenset(k[0] for k in table)
    return h


class _Scan:
    def __init__(self, folded: str, lex: Lexicon, start: int = 0, end: int | None = None):
        self.lex = lex
        self.toks = [(m.group(), m.start(), m.end())
                     for m in _TOKEN.finditer(folded, start, len(folded) if end is None else end)]
        self.forms = [t[0] for t in self.toks]
        self.n = len(self.forms)

    # ---- lookups -------------------------------------------------------------------------------------------
    def word(self, i: int, table, clitics: bool = True):
        """(value, proclitic length) if token i (possibly with proclitics) is in ``table``."""
        if i >= self.n:
            return None
        for form, plen in (_candidates(self.forms[i]) if clitics else [(self.forms[i], 0)]):
            if form in table:
                return (table[form] if isinstance(table, dict) else True), plen
        return None

    def phrase(self, i: int, table, clitics: bool = True):
        """(value, number of tokens, proclitic length) for the longest multi-word key of ``table`` at i."""
        if i >= self.n:
            return None
        heads = _heads(table)
        for form, plen in (_candidates(self.forms[i]) if clitics else ((self.forms[i], 0),)):
            if form not in heads:
                continue
            for k in (4, 3, 2, 1):
                key = (form,) + tuple(self.forms[i + 1:i + k])
                if len(key) == k and key in table:
                    return (table[key] if isinstance(table, dict) else True), k, plen
        return None

    def tok(self, i: int) -> str:
        return self.forms[i] if i < self.n else ""

    def year(self, i: int):
        f = self.tok(i)
        if len(f) == 4 and f.isdigit() and 1900 <= int(f) <= 2100:
            nxt = self.tok(i + 1)
            if nxt in ("ه", "هـ"):  # a Hijri year
                return None
            return int(f), i + 1 + (nxt == "م")
        return None

    def number(self, i: int, limit: int = 31):
        """A day or count written in digits or words (العشرين، الحادي والعشرين، ثلاثة، خمسة عشر)."""
        f = self.tok(i)
        if f.isdigit():
            v = int(f)
            return (v, i + 1) if 1 <= v <= limit and len(f) <= 2 else None
        v = self._numword(f)
        if v is None:
            return None
        j = i + 1
        if v < 10 and self.tok(j) in self.lex.teen:
            v, j = v + 10, j + 1
        elif v < 10 and self.tok(j).startswith("و"):
            t = self._numword(self.tok(j), tens_only=True)
            if t:
                v, j = v + t, j + 1
        return (v, j) if 1 <= v <= limit else None

    def _numword(self, form: str, tens_only: bool = False) -> int | None:
        lex = self.lex
        for f in (form, form[1:]) if form[:1] in "وف" else (form,):
            for g in (f, f[2:]) if f.startswith("ال") else (f,):
                if g in lex.tens:
                    return lex.tens[g]
                if not tens_only and g in lex.numbers:
                    return lex.numbers[g]
        return None

    def month(self, i: int):
        """(month, next index, proclitic length, ambiguous) with doubled forms: كانون الأول/ديسمبر."""
        hit = self.phrase(i, self.lex.months)
        if not hit:
            return None
        m, k, plen = hit
        ambiguous = tuple(self.forms[i:i + k]) in self.lex.ambiguous_months or \
            tuple([_candidates(self.forms[i])[-1][0]] + self.forms[i + 1:i + k]) in self.lex.ambiguous_months
        j = i + k
        if self.tok(j) in ("/", "(", "-") and self.phrase(j + 1, self.lex.months, clitics=False):
            m2, k2, _ = self.phrase(j + 1, self.lex.months, clitics=False)
            j = j + 1 + k2 + (self.tok(j + 1 + k2) == ")")
            ambiguous = False
            if m2 != m:
                return None
        return m, j, plen, ambiguous

    def direction(self, i: int):
        f = self.tok(i)
        return self.lex.directions.get(f)

    def future(self, i: int) -> bool:
        """Is the clause before token i about the future (سوف، من المقرر، سيوقع …)?"""
        lex = self.lex
        for k in range(i - 1, max(-1, i - 9), -1):
            f = self.forms[k]
            if f in _SENTENCE_END:
                return False
            if f in lex.future_markers:
                return True
            if _FUTURE_VERB.match(f):
                bare = f[1:] if f[0] in "وف" else f
                if bare not in lex.not_future and not any(bare.startswith(w) for w in lex.not_future):
                    return True
        return False

    def rel_year(self, i: int):
        """"العام الماضي", "هذا العام", "السنة المقبلة", "العام الجاري" → (RelUnit, next)."""
        return self.rel_unit(i, only=("year",))

    def rel_unit(self, i: int, only: tuple[str, ...] = ("day", "week", "month", "year")):
        lex = self.lex
        f = self.tok(i)
        for form, _ in _candidates(f):
            if form in lex.this:
                u = self._def_unit(self.tok(i + 1))
                if u in only:
                    return RelUnit(u, 0), i + 2
            u = self._def_unit(form)
            if u in only and u != "day":
                d = self.direction(i + 1)
                if d is not None:
                    return RelUnit(u, d), i + 2
        return None

    def _def_unit(self, form: str) -> str | None:
        if form.startswith("ال"):
            hit = self.lex.units.get(form[2:])
            if hit and hit[1] == "singular":
                return hit[0]
        return None

    # ---- points --------------------------------------------------------------------------------------------
    def point(self, i: int, ctx: bool = False):
        """The longest single expression starting at token i: (spec, next index, proclitic length, check)."""
        best = None
        for parse in (self.vague, self.day_word, self.weekday, self.from_day, self.from_month, self.year_expr,
                      self.part, self.ago, self.within, self.rel):
            hit = parse(i, ctx) if parse in (self.from_month, self.year_expr) else parse(i)
            if hit and (best is None or hit[1] > best[1]):
                best = hit
        return best

    def vague(self, i: int):
        hit = self.phrase(i, self.lex.vague)
        if hit:
            (lo, hi), k, plen = hit
            return Vague(lo, hi), i + k, plen, ""
        return None

    def day_word(self, i: int):
        lex = self.lex
        j, plen = i, None
        tod = self.phrase(i, lex.times_of_day)
        if tod:
            j, plen = i + tod[1], tod[2]
        if self.tok(j) == "يوم" or self.tok(j) == "ليوم":
            j += 1
        hit = self.phrase(j, lex.day_phrases)
        if hit:
            days, k, p = hit
            j += k
        else:
            w = self.word(j, lex.day_words)
            if not w:
                return None
            days, p = w
            nxt = self.tok(j + 1)
            if self.forms[j].endswith("اليوم") and nxt.startswith("ال") and nxt not in lex.weekdays:
                return None  # اليوم الأول، اليوم الوطني: "the day", not "today"
            j += 1
        plen = p if plen is None else plen
        paren = self.tok(j) == "(" and self.tok(j + 2) == ")"  # "اليوم (الاثنين)"
        wd = self.word(j + paren, lex.weekdays, clitics=False)
        if wd and self.forms[j + paren].startswith("ال"):
            if paren:
                return DayOffset(days, wd[0]), j + 3, plen, ""
            j += 1
            full = self.from_day(j)
            if full and isinstance(full[0], Fixed) and full[0].value.precision == "day":
                d = full[0].value.start
                check = "weekday agrees" if d.weekday() == wd[0] else f"weekday disagrees: {d} was a {d:%A}"
                return Fixed(full[0].value, wd[0]), full[1], plen, check
            return DayOffset(days, wd[0]), j, plen, ""
        return DayOffset(days), j, plen, ""

    def weekday(self, i: int):
        lex = self.lex
        j, plen = i, 0
        tod = self.phrase(i, lex.times_of_day)
        if tod:
            j, plen = i + tod[1], tod[2]
        after_yawm = False
        if self.tok(j) in ("يوم", "ويوم", "ليوم", "بيوم"):
            after_yawm, j = True, j + 1
        hit = self.word(j, lex.weekdays)
        if not hit:
            return None
        wd, p = hit
        form = self.forms[j][p:]
        if not after_yawm and not form.startswith("ال"):
            return None  # أحد، جمعة، اثنين are also ordinary words
        plen = plen if (tod or after_yawm) else p
        j += 1
        k = j + (self.tok(j) in _SEPARATORS)
        full = self.from_day(k)
        if full:
            spec = full[0]
            if isinstance(spec, Fixed) and spec.value.precision == "day":
                d = spec.value.start
                check = "weekday agrees" if d.weekday() == wd else f"weekday disagrees: {d} was a {d:%A}"
                return Fixed(spec.value, wd), full[1], plen, check
            if isinstance(spec, NamedMonth):
                return replace(spec, weekday=wd), full[1], plen, ""
        d = self.direction(j)
        if d is not None:
            return Weekday(wd, {-1: -1, 1: 1, 0: 0}[d]), j + 1, plen, ""
        return Weekday(wd, 2 if self.future(i) else 0), j, plen, ""

    def _year_of(self, j: int):
        """After a month: ", 2020" | "عام 2020" | "من العام الماضي" | "من هذا العام" → (year spec or int, next)."""
        k = j + (self.tok(j) in (",", "،"))
        y = self.year(k)
        if y:
            return y[0], y[1]
        if self.tok(k) in ("من", "عام", "سنه"):
            k2 = k + 1 if self.tok(k) == "من" else k
            if self.tok(k2) in ("عام", "سنه"):
                y = self.year(k2 + 1)
                if y:
                    return y[0], y[1]
            ry = self.rel_year(k2)
            if ry and self.tok(k) == "من":
                return ry[0], ry[1]
        return None

    def from_day(self, i: int):
        """DAY [من] [شهر] MONTH …  and  DAY من الشهر الجاري."""
        num = self.number(i)
        if not num:
            return None
        day, j = num
        plen = 0
        if not self.tok(i).isdigit():
            plen = 1 if self.tok(i)[:1] in "وف" and self._numword(self.tok(i)[1:]) else 0
        k = j + (self.tok(j) == "من")
        if k == j and not self.tok(i).isdigit():
            return None  # a number word names a day only as "العشرين من مارس": "الأولى نوفمبر" is not 1 November
        if self.tok(k) in ("شهر",):
            k += 1
        mon = self.month(k)
        if not mon:
            ru = self.rel_unit(k, only=("month",)) if self.tok(j) == "من" else None
            if ru:
                return DayIn(day, ru[0]), ru[1], plen, ""
            return None
        m, j2, mplen, _ = mon
        if mplen and k == j:
            return None  # "3 وديسمبر"
        yr = self._year_of(j2)
        if yr:
            y, j3 = yr
            if isinstance(y, int):
                try:
                    return Fixed(Interval.day(date(y, m, day))), j3, plen, ""
                except ValueError:
                    return None
            return InYear(m, y, day), j3, plen, ""
        d = self.direction(j2)
        if d is not None:
            return NamedMonth(m, day, d), j2 + 1, plen, ""
        return NamedMonth(m, day, None, future=self.future(i)), j2, plen, ""

    def from_month(self, i: int, ctx: bool = False):
        """[شهر] MONTH [DAY ,] [YEAR | الماضي | من العام الماضي]."""
        j, plen, shahr = i, 0, False
        w = self.word(i, {"شهر": 1})
        if w:
            j, plen, shahr = i + 1, w[1], True
        mon = self.month(j)
        if not mon:
            return None
        m, j2, mplen, ambiguous = mon
        if not shahr:
            plen = mplen
        num = self.number(j2)
        if num:
            k = num[1] + (self.tok(num[1]) in (",", "،"))
            y = self.year(k)
            if y:
                try:
                    return Fixed(Interval.day(date(y[0], m, num[0]))), y[1], plen, ""
                except ValueError:
                    return None
        yr = self._year_of(j2)
        if yr:
            y, j3 = yr
            return (Fixed(Interval.month(y, m)) if isinstance(y, int) else InYear(m, y)), j3, plen, ""
        d = self.direction(j2)
        if d is not None:
            return NamedMonth(m, None, d), j2 + 1, plen, ""
        lead = self.tok(i - 1) if i else ""
        if ambiguous and not (shahr or ctx or lead in _LEADS or (mplen and self.forms[i][mplen - 1] in "بل")):
            return None  # مارس is also a verb, آب a father
        return NamedMonth(m, None, None, future=self.future(i)), j2, plen, ""

    def year_expr(self, i: int, ctx: bool = False):
        w = self.word(i, self.lex.year_words)
        if w:
            y = self.year(i + 1)
            if y:
                return Fixed(Interval.year(y[0])), y[1], w[1], ""
            ry = self.rel_year(i)
            if ry:
                return ry[0], ry[1], w[1], ""
            return None
        y = self.year(i)
        if y and (ctx or (i and self.forms[i - 1] in _LEADS)):
            return Fixed(Interval.year(y[0])), y[1], 0, ""
        return None

    def part(self, i: int):
        hit = self.word(i, self.lex.parts)
        if not hit:
            return None
        which, plen = hit
        j = i + 1
        inner = self.from_month(j, ctx=True) or self.year_expr(j, ctx=True) or self.rel_unit(j)
        if inner:
            spec, end = inner[0], inner[1]
        else:
            u = self._def_unit(self.tok(j))  # بداية العام، نهاية الشهر: the current one
            if u not in ("week", "month", "year"):
                return None
            spec, end = RelUnit(u, 0), j + 1
        if isinstance(spec, Fixed) and spec.value.precision == "day":
            return None
        return Part(which, spec), end, plen, ""

    def _count_unit(self, j: int) -> tuple[int | None, str, str, int] | None:
        """"ثلاثة أيام", "أسبوعين", "5 سنوات" at token j: (the number if written, unit, singular|plural|dual, the
        unit's index) — the count that "قبل/منذ/بعد" and "في غضون" both take."""
        num = self.number(j, limit=1000)
        n = None
        if num:
            n, j = num
        u = self.lex.units.get(self.tok(j))
        return (n, u[0], u[1], j) if u else None

    def ago(self, i: int):
        lex = self.lex
        hit = self.word(i, lex.ago)
        if not hit:
            return None
        sign, plen = hit
        if self.forms[i][plen:] == "خلال":
            return None
        got = self._count_unit(i + 1)
        if not got:
            return None
        n, unit, kind, j = got
        if kind == "dual":
            if n is not None:
                return None
            n = 2
        elif kind == "plural" and n is None:
            if self.tok(j + 1) in ("من", "علي", "على"):
                return None
            scale = {"day": (-10, -2), "week": (-60, -10), "month": (-365, -45), "year": (-3650, -365)}[unit]
            lo, hi = scale if sign < 0 else (-scale[1], -scale[0])
            return Vague(lo, hi), j + 1, plen, ""
        n = 1 if n is None else n
        if self.tok(j + 1) in ("من", "علي", "على"):
            return None  # "بعد أسبوع من الزيارة" counts from another event, not from publication
        return Ago(unit, n, sign), j + 1, plen, ""

    def within(self, i: int):
        """"في غضون خمس سنوات", "في غضون أسبوعين": from the anchor to as long after it as the duration says."""
        hit = self.phrase(i, self.lex.within)
        if not hit:
            return None
        _, k, plen = hit
        got = self._count_unit(i + k)
        if not got:
            return None
        n, unit, kind, j = got
        if kind == "dual" and n is None:
            n = 2
        elif kind == "plural" and n is None:
            return None  # "في غضون أيام": no length to count
        return Within(unit, 1 if n is None else n), j + 1, plen, ""

    def rel(self, i: int):
        hit = self.rel_unit(i)
        if hit:
            return hit[0], hit[1], self._plen(i), ""
        return None

    def _plen(self, i: int) -> int:
        cands = _candidates(self.forms[i])
        for form, plen in cands:
            if form in self.lex.this or form.startswith("ال"):
                return plen
        return 0

    # ---- ranges --------------------------------------------------------------------------------------------
    def range(self, i: int):
        hit = self.phrase(i, self.lex.range_open)
        if hit:
            _, k, plen = hit
        elif self.tok(i).isdigit() and self.tok(i + 1) in ("-", "–"):  # "12-14 فبراير 2024"
            k, plen = 0, 0
        else:
            return None
        j = i + k
        first = self._range_part(j)
        if not first:
            return None
        x, j = first
        join = self.tok(j)
        if join in self.lex.joins:
            j += 1
            second = self.point(j, ctx=True) or self._bare_day(j)
        elif join.startswith("و") and len(join) > 1:
            self.forms[j] = join[1:]
            try:
                second = self.point(j, ctx=True) or self._bare_day(j)
            finally:
                self.forms[j] = join
        else:
            return None
        if not second:
            return None
        y, end = second[0], second[1]
        if isinstance(y, tuple):  # "من 3 مارس إلى 7": the second end takes the month of the first
            if isinstance(x, tuple):
                return None
            y = _inherit(y, x)
        else:
            x = _inherit(x, y)
        if x is None or y is None:
            return None
        return Range(x, y), end, plen, ""

    def _bare_day(self, j: int):
        num = self.number(j)
        return (("day", num[0]), num[1], 0, "") if num else None

    def _range_part(self, j: int):
        p = self.point(j, ctx=True)
        num = None if self.word(j, self.lex.weekdays) else self.number(j)  # الاثنين is Monday before it is "two"
        if num and (not p or p[1] <= num[1]):
            return ("day", num[0]), num[1]
        mon = self.month(j)
        if mon and (not p or p[1] <= mon[1]):
            return ("month", mon[0]), mon[1]
        y = self.year(j)
        if y and (not p or p[1] <= y[1]):
            return Fixed(Interval.year(y[0])), y[1]
        return (p[0], p[1]) if p else None


def _inherit(x, y: Spec) -> Spec | None:
    """The first end of a range takes what it leaves out from the second: "من 23 إلى 25 نونبر 2021"."""
    if not isinstance(x, tuple):
        return x
    kind, v = x
    if isinstance(y, Fixed):
        s = y.value.start
        try:
            if kind == "day" and y.value.precision == "day":
                return Fixed(Interval.day(s.replace(day=v)))
            if kind == "month" and y.value.precision in ("day", "month"):
                return Fixed(Interval.month(s.year, v))
        except ValueError:
            return None
        return None
    if isinstance(y, NamedMonth):
        if kind == "day" and y.day is not None:
            return replace(y, day=v, weekday=None)
        if kind == "month":
            return replace(y, month=v, day=None, weekday=None)
    if isinstance(y, (DayIn, InYear)) and kind == "day" and getattr(y, "day", None) is not None:
        return replace(y, day=v, weekday=None) if hasattr(y, "weekday") else replace(y, day=v)
    if isinstance(y, InYear) and kind == "month":
        return replace(y, month=v, day=None)
    return None


_STRONG: dict[int, object] = {}


def _strong_test(lex: Lexicon):
    """A cheap test for words no expression can do without (a month, weekday, number, unit, relative or vague
    word …): scanning starts only where one lies within the next five tokens, which skips most of a text."""
    # Only words every expression must contain: directions, numbers, parts and lead-ins ("الماضي", "الأول",
    # "نهاية", "قبل") always come with a month, weekday, unit or year, and alone they are common words.
    strong = {k[0] for k in lex.months} | {k[-1] for k in lex.months}
    strong |= {w for w in lex.weekdays if w.startswith("ال")} | set(lex.day_words) | {"غد"}
    strong |= {k[-1] for k in lex.day_phrases} | {k[-1] for k in lex.vague}
    strong |= set(lex.units) | {"ال" + w for w, (u, k) in lex.units.items()
                                                                   if k == "singular"}
    strong = frozenset(strong)

    @lru_cache(maxsize=65536)
    def test(form: str) -> bool:
        return form.isdigit() or any(c in strong for c, _ in _candidates(form))
    return test


def _strong(lex: Lexicon):
    t = _STRONG.get(id(lex))
    if t is None:
        t = _STRONG[id(lex)] = _strong_test(lex)
    return t


_LETTERS = re.compile(r"[^\W\d_]+")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_BACK, _AHEAD = 60, 100  # characters of context kept around a strong word: lead-ins before, the rest after


def _regions(folded: str, lex: Lexicon, extra: list[int]) -> list[tuple[int, int]]:
    """Stretches of text worth parsing: around each strong word (a month, weekday, number, unit …) and year.

    Most of an article holds no temporal expression; finding the strong words with C-speed string search and
    parsing only around them keeps the time layer at a few hundred microseconds per article."""
    strong = _strong(lex)
    hits = list(extra)
    for w in set(_LETTERS.findall(folded)):
        if strong(w):
            k = folded.find(w)
            while k >= 0:
                e = k + len(w)
                if (k == 0 or not folded[k - 1].isalnum()) and (e == len(folded) or not folded[e].isalnum()):
                    hits.append(k)
                k = folded.find(w, e)
    hits += [m.start() for m in _YEAR.finditer(folded)]
    if not hits:
        return []
    hits.sort()
    n = len(folded)
    out: list[list[int]] = []
    for h in hits:
        a = folded.rfind(" ", 0, max(0, h - _BACK)) + 1
        b = folded.find(" ", min(n, h + _AHEAD))
        b = n if b < 0 else b
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


_HIJRI: dict[int, re.Pattern] = {}
_HIJRI_YEAR = re.compile(r"(?<!\d)1[345]\d\d(?!\d)")


def _hijri_pattern(lex: Lexicon) -> re.Pattern:
    got = _HIJRI.get(id(lex))
    if got is not None:
        return got
    months = "|".join(sorted((re.escape(" ".join(k)) for k in lex.hijri_months), key=len, reverse=True))
    marks = "|".join(sorted((re.escape(m) for m in lex.hijri_marks), key=len, reverse=True))
    got = _HIJRI[id(lex)] = re.compile(
        rf"(?<![\w\d])(?:(?P<day>\d{{1,2}})\s+(?:من\s+)?)?(?P<month>{months})\s+(?P<year>1[345]\d\d)"
        rf"(?:\s*(?:{marks})(?!\w))?")
    return got


def _hijri(folded: str, lex: Lexicon) -> dict[int, tuple[int, Fixed]]:
    """Dates of the Islamic calendar ("15 ذو القعدة 1444هـ", "رمضان 1445") as Gregorian intervals (Umm al-Qura,
    via hijridate, which covers 1343–1500 AH). Written as a pattern over folded text: the month names are two
    words at most and the year is what makes them dates ("رمضان" alone is also a name, "صفر" a number)."""
    if not lex.hijri_months or not _HIJRI_YEAR.search(folded) or not any(k[0] in folded for k in lex.hijri_months):
        return {}
    from hijridate import Hijri

    out = {}
    for m in _hijri_pattern(lex).finditer(folded):
        month = lex.hijri_months[tuple(m["month"].split())]
        year = int(m["year"])
        try:
            if m["day"]:
                day = Hijri(year, month, int(m["day"])).to_gregorian()
                out[m.start()] = (m.end(), Fixed(Interval.day(date(day.year, day.month, day.day))))
            else:
                first = Hijri(year, month, 1)
                a, b = first.to_gregorian(), Hijri(year, month, first.month_length()).to_gregorian()
                out[m.start()] = (m.end(), Fixed(Interval(date(a.year, a.month, a.day), date(b.year, b.month, b.day))))
        except (OverflowError, ValueError):
            continue
    return out


def scan(folded: str, lex: Lexicon | None = None) -> list[Found]:
    """Every temporal expression in folded text, left to right, longest first, no overlaps."""
    lex = lex or lexicon()
    out: list[Found] = []
    numeric = _hijri(folded, lex)
    for m in _NUMERIC.finditer(folded):
        y, mo, d = (int(m["y1"]), int(m["m1"]), int(m["d1"])) if m["y1"] else (int(m["y2"]), int(m["m2"]), int(m["d2"]))
        try:
            numeric[m.start()] = (m.end(), Fixed(Interval.day(date(y, mo, d))))
        except ValueError:
            continue
    taken_until = 0
    for a, b in _regions(folded, lex, list(numeric)):
        taken_until = _scan_region(_Scan(folded, lex, a, b), lex, numeric, out, taken_until)
    return out


def _scan_region(s: _Scan, lex: Lexicon, numeric: dict, out: list[Found], taken_until: int) -> int:
    starts = lex.starts
    strong = _strong(lex)
    i = 0
    while i < s.n:
        f, a, _b = s.toks[i]
        if a < taken_until:
            i += 1
            continue
        if a in numeric:
            end, spec = numeric[a]
            out.append(Found(a, end, spec, future=s.future(i)))
            taken_until = end
            i += 1
            continue
        if not (f.isdigit() or any(c in starts for c, _ in _candidates(f))) or not any(
                strong(x) for x in s.forms[i:i + 5]):
            i += 1
            continue
        hit = s.range(i)
        role = ""
        if not hit:
            hit = s.point(i)
        if not hit:
            for table, r in ((lex.since, "since"), (lex.until, "until")):
                lead = s.phrase(i, table)
                if lead:
                    inner = s.point(i + lead[1], ctx=True)
                    if inner and not isinstance(inner[0], (Ago, Vague)):
                        spec = inner[0] if r == "since" else Until(inner[0])
                        hit, role = (spec, inner[1], lead[2], inner[3]), r
                    break
        if not hit:
            i += 1
            continue
        spec, j, plen, check = hit
        out.append(Found(a + plen, s.toks[j - 1][2], spec, role, check, s.future(i)))
        taken_until = s.toks[j - 1][2]
        i = j
    return taken_until
