"""From event mentions to canonical events: coreference inside an article, then resolution across articles.

Inside an article, mentions of one type merge when they share a sentence, when a definite event noun refers
back ("التوقيع", "اللقاء", "الاجتماع" → the latest event of that type), or when one is a less specific report of
the other (its people are a subset; an account without people names only parties the other implies — a
person's country and office, an office's country). Two reports in one article naming different people stay
two events (بوريطة يستقبل جانتس / بلخير يستقبل جانتس).

Across articles, a group joins the canonical event of its type that it is compatible with and shares the most
with: date intervals must intersect (the canonical date is their intersection, so a precise source narrows a
vague one and incompatible values are never averaged), named people must not be disjoint, a named exercise or
a signed agreement must be the same, and it must share two participants (or one plus the agreement, the event
name or the trigger word). A weekday that differs between sources of one event is kept as a contradiction.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date as calendar_date
from functools import lru_cache

from rapidfuzz import fuzz

from ..model import make_id
from ..resolve.kb import load as load_kb
from ..text.fold import fold
from ..time.interval import Interval
from .lexicon import forms, lexicon
from .model import Event, EventMention, Participant

KEEP_MODALITIES = ("happened", "planned")
IDENTITY = ("agreement", "event_name", "session", "for_year")  # attributes that name one happening
WIDE_DAYS = 130
RARE_TYPES = ("ESTABLISH_RELATIONS", "SEVER_RELATIONS")
NEWS_DAYS = 7  # two news reports join on type, parties and trigger word only when both are dated to a week
PER_KEY = 200  # candidate events looked at per index key  # a date wider than this (or open) cannot alone make two reports one event


@dataclass
class Group:
    type: str
    mentions: list[EventMention]
    keys: set[str]
    date: Interval
    attrs: dict = field(default_factory=dict)

    @property
    def doc(self) -> str:
        return self.mentions[0].doc

    persons: set[str] = field(default_factory=set)

    @property
    def guests(self) -> set[str]:
        """The countries a reception or visit receives ("وفدا عسكريا من فرنسا"): two reports receiving different
        countries are two events, whoever hosts them."""
        return {p.key for m in self.mentions for p in m.participants
                if p.role in ("guest", "visitor") and p.key.startswith("country:")}

    @property
    def historical(self) -> bool:
        told = [m for m in self.mentions if not m.anaphoric] or self.mentions  # "التطبيع" refers, it does not date
        return all(m.historical for m in told)

    @property
    def anaphoric_only(self) -> bool:
        return all(m.anaphoric for m in self.mentions)

    @property
    def triggers(self) -> set[str]:
        return {m.trigger.text for m in self.mentions}

    def add(self, m: EventMention, keys: set[str], persons: set[str], date: Interval, attrs: dict) -> None:
        self.mentions.append(m)
        self.keys |= keys
        self.persons |= persons
        own = [x.date for x in self.mentions if x.own_date and x.date.known]
        if own:  # dates the sentences give outrank dates borrowed from the article's lead
            joined = own[0]
            for d in own[1:]:
                joined = _date_join(joined, d) or joined
            self.date = joined
        else:
            self.date = date
        for a, v in attrs.items():
            self.attrs.setdefault(a, v)


def implied(keys: set[str]) -> set[str]:
    """Keys with what they imply: a person's country and the body they hold office in, a body's country."""
    kb = load_kb()
    out = set(keys)
    for k in keys:
        e = kb.entries.get(k)
        if e is None:
            continue
        if e.country:
            out.add(f"country:{e.country}")
        for t in e.roles:
            if t.of:
                out.add(t.of if ":" in t.of else f"country:{t.of}")
    return out


def _date_join(a: Interval, b: Interval) -> Interval | None:
    if not a.known:
        return b
    if not b.known:
        return a
    return a.intersect(b)


def _people_compatible(pa: set[str], ka: set[str], pb: set[str], kb_: set[str]) -> bool:
    if pa and pb:
        return bool(pa & pb) and (pa <= pb or pb <= pa)
    if pa or pb:  # one names people, the other only parties: those parties must be implied by the first
        plain, rich = (ka, kb_) if not pa else (kb_, ka)
        return plain <= implied(rich)
    return bool(ka & kb_) and (ka <= implied(kb_) or kb_ <= implied(ka))


@lru_cache(maxsize=100_000)
def _root(word: str) -> str:
    """A crude stem for comparing trigger words: no article, clitics or imperfect prefix (تطبيع ~ يطبع)."""
    w = fold(word)
    for p in ("وال", "بال", "فال", "لل", "ال", "و", "ف", "ب", "ل"):
        if w.startswith(p) and len(w) - len(p) >= 3:
            w = w[len(p):]
            break
    if w[:1] in "يتنا" and len(w) >= 4:
        w = w[1:]
    return w


def _same_root(a: set[str], b: set[str]) -> bool:
    ra, rb = {_root(x) for x in a}, {_root(x) for x in b}
    return any(x == y or fuzz.ratio(x, y) >= 75 for x in ra for y in rb)


def _recognition(triggers: set[str]) -> bool:
    """A statement that recognizes a state or a sovereignty (the triggers of CAMEO 054 in the lexicon)."""
    return any(_recognizes(t) for t in triggers)


@lru_cache(maxsize=4096)
def _recognizes(trigger: str) -> bool:
    return _trigger_in(trigger, [w for r in lexicon().refinements if r.get("cameo") == "054" for w in r.get("trigger", ())])


def _identity(a: dict, b: dict) -> bool:
    return any(a.get(k) and a.get(k) == b.get(k) for k in IDENTITY)


def coreference(mentions: list[EventMention], key_of, is_person) -> list[Group]:
    """Groups of one article's mentions that report the same happening."""
    groups: list[Group] = []
    kept = [m for m in sorted(mentions, key=lambda m: m.trigger.start)
            if m.modality in KEEP_MODALITIES and not (m.modality == "planned" and not m.own_date)]
    # undated references to earlier happenings join last, where they fit best
    late = [m for m in kept if m.historical and not m.date.known and not m.anaphoric]
    for m in [m for m in kept if m not in late] + late:
        keys = {key_of(m.doc, p.key) for p in m.participants}
        persons = {k for k in keys if is_person(k)}
        attrs = {a: m.attributes[a] for a in IDENTITY if a in m.attributes}
        if "agreement" in attrs:
            attrs["agreement"] = key_of(m.doc, attrs["agreement"])
        target = _local_target([g for g in groups if g.type == m.type], m, keys, persons, attrs, m in late)
        if target is None:
            groups.append(Group(m.type, [m], set(keys), m.date, attrs, persons))
        else:
            target.add(m, keys, persons, _date_join(target.date, m.date) or target.date, attrs)
    return groups


def _local_target(same_type: list[Group], m: EventMention, keys, persons, attrs, late: bool) -> Group | None:
    for g in reversed(same_type):  # one sentence, one happening of a type, unless told as different times
        same = [x for x in g.mentions if x.sentence.start == m.sentence.start]
        if same and g.historical == m.historical and not _conflict(g.attrs, attrs, m.type) and \
                not _kind_conflict(g, m) and not _planned_apart(g, m) and \
                (not m.own_date or all(not x.own_date or x.date == m.date for x in same)):
            return g
    for g in reversed(same_type):  # the same named exercise, agreement, session or plan year
        if _identity(g.attrs, attrs) and not _conflict(g.attrs, attrs, m.type):
            return g
    # "التوقيع", "الزيارة": the most talked-about one so far — among those its own time, if it has one, allows
    # ("اتفاقيات التطبيع الموقعة في ديسمبر 2020" does not refer to this month's signing)
    told = [g for g in same_type if not m.own_date or (g.historical == m.historical
                                                       and _date_join(g.date, m.date) is not None)] \
        if m.anaphoric else []
    if told:
        return max(reversed(told), key=lambda g: len(g.mentions))
    if late:
        fits = [g for g in same_type if g.historical and len(g.keys & keys) >= 2
                and _same_root(g.triggers, {m.trigger.text}) and not _conflict(g.attrs, attrs, m.type)
                and not (attrs.get("agreement") and g.attrs.get("agreement") != attrs["agreement"])
                and not _kind_conflict(g, m)]
        return fits[0] if len(fits) == 1 else None
    for g in reversed(same_type):
        if g.historical != m.historical or _conflict(g.attrs, attrs, m.type) or _other_amount(g, m) or \
                _planned_apart(g, m):
            continue
        joined = _date_join(g.date, m.date)
        if joined is None:
            continue
        own = [x for x in g.mentions if x.own_date]
        if m.own_date and own and all(x.date != m.date for x in own) and not _identity(g.attrs, attrs):
            continue  # two differently dated reports in one article are two happenings
        if _people_compatible(g.persons, g.keys, persons, keys) or (
                not g.persons and not persons and len(g.keys & keys) >= 2):
            return g
    return None


def _planned_apart(g: Group, m: EventMention) -> bool:
    """A visit expected in the coming months and one that took place are two, in one article."""
    return not m.anaphoric and (m.modality == "planned") != any(x.modality == "planned" for x in g.mentions)


def _other_amount(g: Group, m: EventMention) -> bool:
    """One article giving two values in two sentences tells two deals ("… طائرات بقيمة 2.2 مليار دولار. كما وافقت
    على بيع أنظمة رادار بقيمة 355 مليون دولار"); across articles, two values for one deal are a contradiction."""
    mine = {amount_value(a) for a in m.attributes.get("amounts", ())} - {None}
    theirs = {amount_value(a) for x in g.mentions for a in x.attributes.get("amounts", ())} - {None}
    return bool(mine and theirs and not mine & theirs and not m.anaphoric)


def _kind_conflict(g: Group, m: EventMention) -> bool:
    k = m.attributes.get("agreement_kind")
    kinds = {x.attributes.get("agreement_kind") for x in g.mentions} - {None}
    return bool(k and kinds and k not in kinds)


def _conflict(a: dict, b: dict, typ: str) -> bool:
    if a.get("event_name") and b.get("event_name") and a["event_name"] != b["event_name"]:
        return True
    if a.get("for_year") and b.get("for_year") and a["for_year"] != b["for_year"]:
        return True
    return typ == "SIGN_AGREEMENT" and bool(a.get("agreement") and b.get("agreement")) and \
        a["agreement"] != b["agreement"]


def canonicalize(groups: list[Group], story_of: dict[str, str] | None = None) -> list[tuple[list[Group], Interval, bool]]:
    """Cluster the groups of all articles into canonical events: (groups, date, strong) where strong says that
    reports from different articles were joined by a shared person or a named identity (agreement, exercise,
    session, plan year), not only by type, parties and date.

    A report joins the best compatible event that shares with it a named identity or person; or two
    participants and the trigger word, with both dates narrow (or both undated, for references); or, within one
    story, two participants. Candidates come from an index on those keys, so the cost does not grow with
    the number of events stored."""
    story_of = story_of or {}
    dated = [g for g in groups if g.date.known]
    undated = [g for g in groups if not g.date.known]
    order = sorted(dated, key=lambda g: (g.anaphoric_only, not g.date.closed, _width(g.date), g.doc,
                                         g.mentions[0].trigger.start))
    clusters: list[dict] = []
    index: dict[tuple, list[int]] = defaultdict(list)

    def keys_of(g_keys, persons, attrs, typ, doc) -> list[tuple]:
        out = [(typ, "attr", a, str(v)) for a, v in attrs.items() if a in IDENTITY and v]
        out += [(typ, "person", p) for p in persons]
        ks = sorted(g_keys)
        out += [(typ, "pair", x, y) for i, x in enumerate(ks) for y in ks[i + 1:]]
        if doc in story_of:
            out.append((typ, "story", story_of[doc]))
        return out

    for g in order + sorted(undated, key=lambda g: (g.doc, g.mentions[0].trigger.start)):
        # the latest events under each key (a pair like Saudi Arabia–United States heads thousands)
        cand_ids = {i for k in keys_of(g.keys, g.persons, g.attrs, g.type, g.doc) for i in index.get(k, ())[-PER_KEY:]}
        scored = []
        for ci in sorted(cand_ids):
            c = clusters[ci]
            if g.doc in c["docs"]:
                continue
            date = _date_join(c["date"], g.date)
            if date is None or _conflict(c["attrs"], g.attrs, g.type):
                continue
            pc, pg = c["persons"], g.persons
            if pc and pg and not pc & pg:
                continue
            gc, gg = c["guests"], g.guests
            if gc and gg and not gc & gg:
                continue
            shared = c["keys"] & g.keys
            two = len(shared) >= 2
            # a named identity or a person is strong only with another shared party: "the third session" or
            # "the King received …" alone would join every third session and every audience of the day
            same_attr = _identity(c["attrs"], g.attrs) and bool(shared)
            same_person = bool(pc & pg) and (two or len(pc & pg) >= 2)
            same_story = bool(story_of) and any(story_of.get(d) == story_of.get(g.doc) for d in c["docs"])
            recalled = c["historical"] and g.historical
            # news events recur daily; recalled ones are told by month, and so are the rare acts between two states
            # (relations set up or cut, a recognition), which reports date loosely ("أعلن … اليوم أن …")
            rare = g.type in RARE_TYPES or (g.type == "STATEMENT" and _recognition(g.triggers)
                                            and _recognition(c["triggers"]))
            limit = WIDE_DAYS if recalled or rare else NEWS_DAYS
            narrow = _width(c["date"]) <= limit and _width(g.date) <= limit
            same_word = two and _same_root(c["triggers"], g.triggers)
            if g.date.known:
                ok = same_attr or same_person or (same_word and narrow) or (same_story and two)
            else:
                ok = same_attr or same_person or same_word
            if not ok:
                continue
            score = 2 * len(shared) + 3 * same_attr + 2 * same_word + 3 * same_person + \
                (c["date"].known and g.date.known) + 0.1 * len(c["docs"])
            scored.append((score, ci, same_attr or same_person))
        scored.sort(key=lambda x: (-x[0], x[1]))
        if not g.date.known and len(scored) > 1 and scored[0][0] == scored[1][0]:
            scored = []  # an undated reference that fits two events equally well is left alone
        if not scored:
            clusters.append({"type": g.type, "groups": [g], "docs": {g.doc}, "date": g.date, "keys": set(g.keys),
                             "persons": set(g.persons), "attrs": dict(g.attrs), "triggers": set(g.triggers),
                             "guests": g.guests,
                             "strong": False, "historical": g.historical})
            ci = len(clusters) - 1
        else:
            ci = scored[0][1]
            best = clusters[ci]
            best["groups"].append(g)
            best["docs"].add(g.doc)
            best["date"] = _date_join(best["date"], g.date) or best["date"]
            best["keys"] |= g.keys
            best["persons"] |= g.persons
            best["guests"] |= g.guests
            best["triggers"] |= g.triggers
            best["strong"] = best["strong"] or scored[0][2]
            best["historical"] = best["historical"] and g.historical
            for a, v in g.attrs.items():
                best["attrs"].setdefault(a, v)
        for k in keys_of(g.keys, g.persons, g.attrs, g.type, g.doc):  # what this report adds to the event
            if ci not in index[k][-1:]:
                index[k].append(ci)
    return [(c["groups"], c["date"], c["strong"]) for c in clusters]


def _trigger_in(text: str, words: list[str]) -> bool:
    """Is the trigger one of ``words`` once its clitics and article are off (والاعتراف → اعتراف)?"""
    return text in words or any(f in words or f.removeprefix("ال") in words for f, _ in forms(fold(text)))


def _width(iv: Interval) -> int:
    return (iv.end - iv.start).days if iv.closed else 10 ** 6


def build_events(mentions: list[EventMention], key_of, is_person, story_of: dict[str, str] | None = None
                 ) -> tuple[list[Event], list[dict]]:
    """Canonical events (exportable ones) and the weekday contradictions among their sources.

    ``key_of(doc, key)`` maps a mention's entity key to the resolved entity id; ``is_person(id)`` tells people."""
    lex = lexicon()
    by_doc: dict[str, list[EventMention]] = defaultdict(list)
    for m in mentions:
        by_doc[m.doc].append(m)
    groups = [g for doc in sorted(by_doc) for g in coreference(by_doc[doc], key_of, is_person)]
    events: list[Event] = []
    contradictions: list[dict] = []
    for members, date, strong in canonicalize(groups, story_of):
        ms = [m for g in members for m in g.mentions]
        if all(m.anaphoric and not m.own_date for m in ms):
            continue  # "التوقيع" with nothing it could refer to (and no date of its own)
        parts: dict[str, Participant] = {}
        for m in ms:
            for p in m.participants:
                k = key_of(m.doc, p.key)
                if k not in parts or (parts[k].role in ("party", "participant") and p.role not in ("party",)):
                    parts[k] = Participant(k, p.role, p.span, p.via if k not in parts else parts[k].via)
        typ = members[0].type
        people = [k for k in parts if is_person(k)]
        if typ == "MEET" and len(people) >= 2:  # a meeting of named people: their titles' countries are not parties
            implied_by = implied(set(people))
            parts = {k: p for k, p in parts.items() if not (p.via in ("adjective", "title") and k in implied_by)}
        if not date.known and all(m.historical for m in ms):
            continue  # an undated mention of an earlier happening is context, not a timeline entry
        minimum = 1 if typ in ("STATEMENT", "PROTEST") else 2
        if len(parts) < minimum:
            continue
        attrs: dict = {}
        for m in ms:
            for a, v in m.attributes.items():
                if a == "domains":
                    attrs.setdefault("domains", [])
                    attrs["domains"] += [x for x in v if x not in attrs["domains"]]
                elif a == "agreement":
                    attrs.setdefault(a, key_of(m.doc, v))
                else:
                    attrs.setdefault(a, v)
        loc = next((key_of(m.doc, m.location) for m in ms if m.location), None)
        basis = []
        for g in members:
            for m in g.mentions:
                for b in m.date_basis:
                    line = f"{m.doc[:12]}: {b}"
                    if line not in basis:
                        basis.append(line)
        code = lex.codes.get(typ, {})
        cameo, plover = code.get("cameo"), code.get("plover")
        for r in lex.refinements:
            if r["type"] != typ:
                continue
            if "trigger" in r and not any(_trigger_in(m.trigger.text, r["trigger"]) for m in ms):
                continue
            if "role" in r and not any(p.role == r["role"] for p in parts.values()):
                continue
            if "domain" in r and r["domain"] not in attrs.get("domains", []):
                continue
            cameo, plover = r.get("cameo", cameo), r.get("plover", plover)
        first = min(ms, key=lambda m: (m.doc, m.trigger.start))
        ev = Event(id=make_id("evt", typ, f"{first.doc}:{first.trigger.start}"), type=typ, mentions=ms, date=date,
                   date_basis=basis, participants=list(parts.values()), location=loc, attributes=attrs,
                   cameo=cameo, plover=plover, historical=_recalled(ms),
                   modality="happened" if any(m.modality == "happened" for m in ms) else "planned",
                   strong=strong, announced=next((m.announced for m in ms if m.announced is not None), None))
        events.append(ev)
        contradictions += _weekday_contradictions(ev)
        contradictions += _value_contradictions(ev, key_of)
    events.sort(key=lambda e: (e.date.start or e.date.end or calendar_date.max, e.id))
    return events, contradictions


def _recalled(ms: list[EventMention]) -> bool:
    """An event every dated report recalls from the past (undated and anaphoric mentions do not vote)."""
    votes = [m.historical for m in ms if m.own_date and not m.anaphoric] or [m.historical for m in ms]
    return all(votes)


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _value_contradictions(ev: Event, key_of) -> list[dict]:
    """Sources of one event that give it different values: the session number, the place or a deal's value
    (the last two when each source names a single one)."""
    sessions: dict[str, list[EventMention]] = defaultdict(list)
    places: dict[str, dict[str, list[EventMention]]] = defaultdict(lambda: defaultdict(list))
    amounts: dict[str, dict[str, list[EventMention]]] = defaultdict(lambda: defaultdict(list))
    for m in ev.mentions:
        if "session" in m.attributes:
            sessions[str(m.attributes["session"])].append(m)
        if m.location:
            places[m.doc][key_of(m.doc, m.location)].append(m)
        if ev.type == "PROCUREMENT":  # "500 مليون دولار" against "600 مليون دولار" (its signing carries the same)
            for a in m.attributes.get("amounts", []):
                value = amount_value(a)
                if value is not None:
                    amounts[m.doc][value].append(m)
    return (_disagreement(ev, "session", f"session number of {ev.type}", sessions,
                          lambda ms: [m.trigger.as_dict() for m in ms])
            + _disagreement(ev, "place", f"place of {ev.type}", _one_per_source(places),
                            lambda ms: [m.sentence.as_dict() for m in ms])
            + _disagreement(ev, "amount", f"value of {ev.type}", _one_per_source(amounts),
                            lambda ms: list({m.sentence.start: m.sentence.as_dict() for m in ms}.values())))


def _one_per_source(per_doc: dict[str, dict[str, list[EventMention]]]) -> dict[str, list[EventMention]]:
    """Value → reports, counting only the sources that give a single value (two in one article are two things)."""
    out: dict[str, list[EventMention]] = defaultdict(list)
    for values in per_doc.values():
        if len(values) == 1:
            value, ms = next(iter(values.items()))
            out[value] += ms
    return out


def _disagreement(ev: Event, prop: str, about: str, by_value: dict[str, list[EventMention]], sources) -> list[dict]:
    """One contradiction when the sources give ``prop`` more than one value, each with the spans that state it."""
    if len(by_value) < 2:
        return []
    return [{"id": make_id("contra", ev.id, prop), "subject": ev.id, "property": prop, "about": about,
             "values": [{"value": v, "sources": sources(ms)} for v, ms in sorted(by_value.items())]}]


_SCALE = {"الف": 1e3, "مليون": 1e6, "مليار": 1e9}  # folded: ألف reads الف
_AMOUNT_PARTS = re.compile(r"(\d[\d.,]*)\s*(مليون|مليار|الف)?\s*(\S+)")
_BARE_AMOUNT = re.compile(r"[وب]?(ملياري|مليوني|مليار|مليون)\s*(\S+)")
_BARE_SCALE = {"مليون": 1e6, "مليار": 1e9, "مليوني": 2e6, "ملياري": 2e9}


def amount_value(text: str) -> str | None:
    """"1,5 مليار دولار" → "1500000000 دولار": one number and currency, to compare what sources say."""
    m = _AMOUNT_PARTS.match(fold(text))
    if not m:
        bare = _BARE_AMOUNT.match(fold(text))  # "مليار دولار": one billion; "ملياري دولار": two
        return f"{_BARE_SCALE[bare.group(1)]:.0f} {bare.group(2)}" if bare else None
    digits = m.group(1).rstrip(".,")
    if re.fullmatch(r"\d{1,3}(,\d{3})+", digits):  # 1,500,000
        digits = digits.replace(",", "")
    try:
        number = float(digits.replace(",", "."))
    except ValueError:
        return None
    return f"{number * _SCALE.get(m.group(2) or '', 1):.0f} {m.group(3)}"


def _weekday_contradictions(ev: Event) -> list[dict]:
    by_day: dict[int, list[EventMention]] = defaultdict(list)
    for m in ev.mentions:
        if m.weekday is not None and m.date_span is not None:
            by_day[m.weekday].append(m)
    if len(by_day) < 2:
        return []
    values = [{"value": _WEEKDAYS[wd], "sources": [m.date_span.as_dict() for m in ms]}
              for wd, ms in sorted(by_day.items())]
    return [{"id": make_id("contra", ev.id, "weekday"), "subject": ev.id, "property": "weekday",
             "about": f"weekday of {ev.type}", "values": values}]
