"""Events as sentences report them: a trigger word, its type, who took part, where, when, and how sure.

Rule-based by design: there is no Arabic event-annotated corpus to learn from offline, and every decision must
be explainable to an analyst. The vocabulary is data (``data/events.json``): trigger forms per type, words an
argument must supply (a signing needs an agreement noun in reach, a break needs relations), modality markers.

* Participants are the linked entity mentions of the trigger's clause (widened to the neighbouring clause when
  it names fewer than two); "البلدين / الجانبين" resolve to the two countries the article is about; a country
  adjective counts only on an actor noun ("وزير الدفاع الإسرائيلي", not "مصادر إسرائيلية" or "الشؤون
  الإيرانية"), and on a military noun ("وحدة كوماندوز مغربية") it means that country's armed forces.
* Each temporal expression of a sentence dates the trigger nearest to it in its clause (Arabic puts the time
  after the verb); a year introduced by لـ ("خطة … لسنة 2026") is the plan's year, not the event's.
* An undated news sentence takes the date of the article's lead event; a reference to an earlier happening
  ("بعد أشهر من زيارة …", "ذكرى مرور خمس سنوات على التطبيع") is historical and stays undated here.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from datetime import timedelta
from functools import lru_cache
from itertools import pairwise

from ..model import Document, Span
from ..resolve.kb import load as load_kb
from ..text.fold import FoldMap, fold
from ..text.tokens import word_frequency
from ..time.interval import Interval
from ..time.lexicon import lexicon as time_lexicon
from ..time.spec import RelUnit
from ..time.timex import Timex
from .lexicon import EventLexicon, forms, lexicon
from .model import EventMention, Participant

_WORD = re.compile(r"[^\W\d_]+|\d+")
_CLAUSE = re.compile(r"[،؛;:]")
_AMOUNT = re.compile(r"(?:\d[\d.,]*\s*(?:مليون|مليار|ألف|الف)?|(?<![\w])[وب]?(?:ملياري|مليوني|مليار|مليون))\s*"
                     r"(?:دولار|درهم|يورو|شيكل|جنيه|ريال)")  # "2.2 مليار دولار", "بنحو مليار دولار"
# a dateline opening a paragraph: one or two words (the place the report is filed from), an agency in brackets
# perhaps, then a dash ("الرباط (رويترز) - وقع …", "القدس – أعلن …")
_LEAD_DATELINE = re.compile(r"(?m)^[^\W\d_]+(?:[ \t][^\W\d_]+)?[ \t]*(?:\([^()\n]{1,25}\))?[ \t]*[-–—][ \t]")
_PARTICIPANT_TYPES = ("PERSON", "ORGANIZATION", "GPE")
_SPEECH = re.compile(r"«[^«»]{40,}»|“[^“”]{40,}”")
_NOT_GENITIVE = frozenset({"الي", "مع", "من", "في", "ل"})
# what the country of the place where it happened is to an event: a visit's host; where a march went; for
# relations set up or cut, one of the parties
_PLACE_ROLE = {"PROTEST": "place", "ESTABLISH_RELATIONS": "party", "SEVER_RELATIONS": "party"}
_QUOTES = frozenset('"«“”\'')
_MEDIA_KINDS = ("news_agency", "outlet")
_WINDOW_BEFORE, _WINDOW_AFTER = 6, 18
_ACTOR_ROLES = ("visitor", "guest", "participant", "party", "speaker")  # who acts in an event
_SUBJECT_ROLE = {"SIGN_AGREEMENT": "signatory", "MEET": "participant", "STATEMENT": "speaker"}
_ARMED: dict[str, str] = {}


def _armed_forces(country: str) -> str | None:
    if not _ARMED:
        for e in load_kb().entries.values():
            if e.kind == "armed_forces" and e.country and e.country not in _ARMED:
                _ARMED[e.country] = e.id
    return _ARMED.get(country)


def _variants(word: str) -> list[str]:
    out = []
    for f, _ in forms(word):
        out.append(f)
        if f.startswith("ال") and len(f) > 4:
            out.append(f[2:])
        if f.endswith("ا") and len(f) > 3:  # accusative: وفدا، مشتركا
            out.append(f[:-1])
    return out


def _has(words: list[str], vocab: frozenset[str]) -> bool:
    return any(f in vocab for w in words for f in _variants(w))


class _Doc:
    """The per-document views the extractor needs, computed once."""

    def __init__(self, doc: Document):
        self.doc = doc
        fm = FoldMap(doc.body)
        self.words = [(fm.original(m.start()), fm.original(m.end() - 1) + 1, m.group())
                      for m in _WORD.finditer(fm.text)]
        linked = doc.annotations.get("linked")
        self.mentions = sorted(linked.mentions, key=lambda m: m.start) if linked else []
        self.timexes: list[Timex] = doc.annotations.get("time", [])
        self.publication = doc.annotations.get("publication")
        self.kb = load_kb()
        # the article's two main countries: named, or standing behind a body the KB knows ("الجيش الإسرائيلي"); a
        # country never named is represented by that body, so every participant is an entity of the article
        counts: Counter = Counter()
        stand_in: dict[str, str] = {}
        for m in self.mentions:
            if m.type == "GPE" and m.key.startswith("country:"):
                counts[m.key] += 1
                stand_in[m.key] = m.key
            elif m.type == "ORGANIZATION" and m.kb in self.kb.entries and self.kb.entries[m.kb].country:
                country = f"country:{self.kb.entries[m.kb].country}"
                counts[country] += 1
                stand_in.setdefault(country, m.key)
        self.dyad = [stand_in[k] for k, _ in counts.most_common(2)]
        # words are disjoint and in order: their starts and ends are both sorted, so stretches are bisected
        self.starts = [s for s, _e, _w in self.words]
        self.ends = [e for _s, e, _w in self.words]
        self.named = [(m.start, m.end) for m in self.mentions if m.type in ("AGREEMENT", "EVENT_NAME")]
        self.bodies = [(m.start, m.end) for m in self.mentions if m.type == "ORGANIZATION"]
        self.person_keys = {m.key for m in self.mentions if m.type == "PERSON"}
        # quoted speech (a name in quotes is short): who is named in someone's words does not take part in
        # what happens outside them ("وقال نتنياهو في بداية الاجتماع الأسبوعي لحكومته: «… لإيران …»")
        self.speech = [x.span() for x in _SPEECH.finditer(doc.body)]
        # a name inside a temporal expression ("1 أبريل (نيسان)") is a month, not a party
        self.in_time = {m.start for m in self.mentions
                        if any(t.start <= m.start and m.end <= t.end for t in self.timexes)}
        # … and the place of a dateline is where the report was filed, not a party ("الرباط (رويترز) - وقع …")
        datelines = [x.span() for x in _LEAD_DATELINE.finditer(doc.body)]
        self.in_time |= {m.start for m in self.mentions if m.type in ("GPE", "LOCATION")
                         and any(a <= m.start and m.end <= b for a, b in datelines)}
        # an organization or country inside a person's title acts with him ("المفتش العام للقوات المسلحة
        # الملكية الفريق أول محمد بريظ", "ولي عهد أبوظبي الشيخ محمد بن زايد"): its mention start → the person's
        self.holder_of = {m.start: r.person.start for r in (linked.roles if linked else ())
                          for m in self.mentions
                          if m.type in ("ORGANIZATION", "GPE")
                          and r.start <= m.start and m.end <= r.person.start}
        # … and a country adjective right before a name describes that person ("نظيره التركي يشار غولر")
        for adj, nxt in zip(self.mentions, self.mentions[1:]):
            if adj.form == "adjective" and nxt.type == "PERSON" and not doc.body[adj.end:nxt.start].strip():
                self.holder_of.setdefault(adj.start, nxt.start)

    def words_in(self, a: int, b: int) -> list[tuple[int, int, str]]:
        """The words lying wholly within [a, b)."""
        return self.words[bisect_left(self.starts, a):bisect_right(self.ends, b)]

    def words_before(self, pos: int, k: int) -> list[str]:
        i = bisect_right(self.ends, pos)
        return [w for _s, _e, w in self.words[max(0, i - k):i]]


def _clauses(body: str, sent: Span) -> list[tuple[int, int]]:
    text = body[sent.start:sent.end]
    cuts = [sent.start] + [sent.start + m.start() for m in _CLAUSE.finditer(text)] + [sent.end]
    return list(pairwise(cuts))


def _clause_of(clauses: list[tuple[int, int]], pos: int) -> int:
    for k, (a, b) in enumerate(clauses):
        if a <= pos < b:
            return k
    return len(clauses) - 1


def extract(doc: Document) -> list[EventMention]:
    lex = lexicon()
    d = _Doc(doc)
    out: list[EventMention] = []
    for sent in doc.spans.get("sentences", []):
        swords = d.words_in(sent.start, sent.end)
        clauses = _clauses(doc.body, sent)
        hits = []
        for i, (s, _e, w) in enumerate(swords):
            hit = _trigger_of(w)
            if not hit or not _licensed(d, lex, sent, swords, i, *hit) or any(a <= s < b for a, b in d.bodies):
                continue  # … and "الجبهة المغربية لدعم فلسطين ومناهضة التطبيع" names a body, not a normalization
            hits.append((i, hit))
        hits = _official_complaints(lex, swords, hits)
        found = [(_build(d, lex, sent, clauses, swords, i, *hit), i) for i, hit in hits]
        # "استدعت الجزائر سفيرها … احتجاجا على …": a purpose adverbial says why another act was done
        if any(not _has([swords[i][2]], lex.purpose_adverbials) for _ev, i in found):
            found = [(ev, i) for ev, i in found if not _has([swords[i][2]], lex.purpose_adverbials)]
        _date_sentence(d, lex, sent, clauses, swords, found)
        head = [x[2] for x in swords[:3]]
        if len(head) >= 2 and _has(head[:2], lex.follow_words) and _has(head[1:3], lex.demonstratives):
            # "إثر هذا الاتفاق، تم فتح …": after what the previous sentence reported
            prev = out[-1] if out else None
            for ev, _ in found:
                if ev.own_date:
                    continue
                ev.attributes["follows_previous"] = True
                if prev is not None and prev.date.known and not prev.historical:  # the same news, told on
                    ev.date, ev.own_date = prev.date, True
                    ev.date_basis = [f"after {prev.trigger.text!r} of the previous sentence: {b}"
                                     for b in prev.date_basis]
                elif prev is not None and prev.date.known:  # after an earlier happening: from then on
                    ev.date, ev.own_date = Interval(prev.date.start, None), True
                    ev.date_basis = [f"after {prev.trigger.text!r} of the previous sentence ({prev.date})"]
                ev.historical = ev.historical or (prev.historical if prev is not None else False)
        out.extend(ev for ev, _ in found)
    _after_publication(d, out)
    _inherit_dates(d, out)
    return out


def _take_date(ev: EventMention, src: EventMention, why: str) -> None:
    """An undated event takes the date (and the pastness) of another one in its sentence, saying why."""
    ev.date, ev.own_date, ev.historical = src.date, True, ev.historical or src.historical
    ev.date_basis = [f"{why}: {b}" for b in src.date_basis]


def _receives(form: str, lex: EventLexicon) -> bool:
    """استقبل and its forms with a pronoun (استقبله): the one received is the guest (the noun استقبال is not
    counted: it names the reception without saying who received whom)."""
    return form in lex.reception and form != "استقبال"


def _after_publication(d: _Doc, events: list[EventMention]) -> None:
    """An event dated wholly after the article was published has not happened yet: it is scheduled
    ("تنطلق في ماي المقبل مناورات …"), whatever the tense says."""
    pub = d.publication.interval if d.publication is not None and d.publication.known else None
    if pub is None or pub.end is None:
        return
    for e in events:
        if e.own_date and e.modality == "happened" and e.date.start is not None and e.date.start > pub.end:
            e.modality = "planned"


@lru_cache(maxsize=1 << 16)
def _trigger_of(word: str) -> tuple[str, str, str] | None:
    """``_trigger`` with the shipped lexicon, remembered per word: a sentence's words are looked up again for
    each of its events (where another happening of the same kind is told)."""
    return _trigger(word, lexicon())


def _trigger(word: str, lex: EventLexicon) -> tuple[str, str, str] | None:
    for form, taken in forms(word):
        if taken[:1] in ("و", "ف") and word_frequency(word) > word_frequency(form):
            continue  # "فيصل" is a name more often than ف + يصل ("and he arrives")
        typ = lex.triggers.get(form)
        if typ:
            return typ, form, taken
        if form.startswith("ال") and len(form) > 4 and form[2:] in lex.triggers:
            return lex.triggers[form[2:]], form[2:], taken + "ال"
        if form.endswith("ا") and len(form) >= 5 and form[:-1] in lex.triggers:  # accusative: اجتماعا، تمرينا
            return lex.triggers[form[:-1]], form[:-1], taken
    return None


def _licensed(d: _Doc, lex: EventLexicon, sent: Span, swords, i: int, typ: str, form: str, taken: str) -> bool:
    """Does the context supply what the trigger needs (an agreement for a signing …) and nothing that cancels it?"""
    window = [x[2] for x in swords[max(0, i - _WINDOW_BEFORE):i + _WINDOW_AFTER]]
    near = [x[2] for x in swords[max(0, i - 3):i + 5]]
    if typ in lex.needs and not _has(window, lex.needs[typ]):
        named = typ in lex.event_names and any(
            m.type == "EVENT_NAME" and sent.start <= m.start < sent.end for m in d.mentions)
        if not named:
            return False
    if form in lex.needs_for and not _has(window, lex.needs_for[form]):
        return False
    after = [x[2] for x in swords[i + 1:i + 4]]
    to = after.index("الي") + 1 if typ == "VISIT" and "الي" in after else len(after)
    if to < len(after) and after[to][:1].isdigit():
        return False  # "الذي يصل إلى 431": a count reaches a number, nobody arrives
    if typ in lex.needs_not and _has(near, lex.needs_not[typ]):
        return False
    return not (form in lex.needs_not and _has(near, lex.needs_not[form]))


def _build(d: _Doc, lex: EventLexicon, sent: Span, clauses, swords, i: int, typ: str, form: str, taken: str):
    doc = d.doc
    s, e, _ = swords[i]
    before_sentence = [x[2] for x in swords[:i]]
    ci = _clause_of(clauses, s)
    clause_before = [x[2] for x in swords[:i] if x[0] >= clauses[ci][0]][-6:]
    modality = "happened"
    if "س" in taken or _has(clause_before, lex.planned) or _has_phrase(clause_before, lex.planned_phrases):
        modality = "planned"
    if _has(before_sentence, lex.expected_strong) or _has(clause_before, lex.expected):
        modality = "expected"
    if "ل" in taken and "ال" not in taken and typ not in lex.purpose_exempt:
        modality = "planned"  # لاقتناء، لزيارة، لإجراء مباحثات: what something is for
    if typ in lex.topic_types and _has(before_sentence[-3:], lex.topic):
        modality = "topic"  # "تعميق التعاون … وشراء الأسلحة": a subject of cooperation, not a happening
    if _has(before_sentence[-3:], lex.negation) or _has(clause_before, lex.denial):
        modality = "denied"
    if typ in lex.sports_types and sum(_has([x[2]], lex.sports) for x in swords) >= 2:
        modality = "sport"  # "لقاء الهلال والسد على الملعب" is a match, not a meeting
    nxt = [x[2] for x in swords[i + 1:i + 6]]
    if modality == "happened" and _has(nxt[:1], lex.planned):
        modality = "planned"  # "صفقة محتملة": a deal that may come
    if typ == "MEET" and form in lex.reception and _has(nxt, frozenset({"وفدا", "وفد", "الوفد"})):
        typ = "VISIT"
    anaphoric = (form in lex.anaphoric or "ال" + form in lex.anaphoric) and "ال" in taken + form[:2]
    participants, location = _participants(d, lex, sent, clauses, ci, s, typ, form)
    attributes: dict = {}
    ments = [m for m in d.mentions if sent.start <= m.start < sent.end]
    reach = 20 if "ال" + form in lex.anaphoric or form in lex.anaphoric else 60  # "التوقيع عليه …" refers back: only an agreement right after
    after = [m for m in ments if m.type == "AGREEMENT" and 0 <= m.start - e <= reach]
    before = [m for m in ments if m.type == "AGREEMENT" and 0 <= s - m.end <= 60]
    if after or before:
        attributes["agreement"] = (after or before[::-1])[0].key
    names = [m for m in ments if m.type == "EVENT_NAME" and abs(m.start - s) <= 120]
    if names:
        attributes["event_name"] = min(names, key=lambda m: abs(m.start - s)).key
    text = doc.body[sent.start:sent.end]
    folded = " ".join(x[2] for x in swords)
    domains = [dom for dom, phrases in lex.domains if any(p in folded for p in phrases)]
    if domains:
        attributes["domains"] = domains
    if typ == "SIGN_AGREEMENT":
        kinds = [(abs(k - i), _kind(x[2])) for k, x in enumerate(swords)
                 if abs(k - i) <= 6 and _kind(x[2]) and _has([x[2]], lex.needs[typ])]
        if kinds:  # مذكرة / اتفاق / خطة …: what kind of text was signed
            attributes["agreement_kind"] = min(kinds)[1]
        years = [t for t in d.timexes if sent.start <= t.start < sent.end and t.precision == "year" and t.start
                 and (doc.body[t.start - 1] == "ل" or d.words_before(t.start, 1) == ["حول"])]
        if years:  # "خطة العمل … لسنة 2026": the plan is known by its year
            attributes["for_year"] = years[0].value.start.year
    if typ == "MEET" and nxt and nxt[0] in lex.ordinals:
        attributes["session"] = lex.ordinals[nxt[0]]
    amounts = [m.group(0) for m in _AMOUNT.finditer(text)]
    if amounts:
        attributes["amounts"] = amounts
    ev = EventMention(doc=doc.id, type=typ, trigger=doc.span(s, e, typ), sentence=sent, participants=participants,
                      location=location, attributes=attributes, modality=modality, anaphoric=anaphoric)
    back = before_sentence[-6:]
    if _has(back, lex.relative_to_event) or _has(before_sentence[-2:], lex.since_words) or _counted_from(
            clause_before_all(swords, i, clauses[ci][0]), lex):
        ev.historical = True  # "ذكرى مرور خمس سنوات على التطبيع", "منذ توقيع", "بعد أشهر من زيارة"
    clause_after = [x[2] for x in swords[i + 1:] if x[0] < clauses[ci][1]][:6]
    if _pluperfect(clause_before, lex) or _has_phrase(clause_before + clause_after, lex.historical):
        ev.historical = True  # "وكان المغرب قد تسلم في وقت سابق …": earlier than the news it is told beside
    return ev


def _pluperfect(words: list[str], lex: EventLexicon) -> bool:
    """كان … قد + verb, the Arabic pluperfect: "وكان المغرب قد تسلم" (had received). قد alone is not."""
    k = max((j for j, w in enumerate(words) if w == "قد"), default=-1)
    return k > 0 and _has(words[max(0, k - 4):k], lex.pluperfect_aux)


def _has_phrase(words: list[str], phrases: frozenset[str]) -> bool:
    """Does one of the phrases (folded words joined by spaces) occur in ``words``, its first word with clitics?"""
    for n, w in enumerate(words):
        for f in _variants(w):
            for p in phrases:
                head, _, rest = p.partition(" ")
                if f == head and (not rest or " ".join(words[n + 1:n + 1 + rest.count(" ") + 1]) == rest):
                    return True
    return False


def clause_before_all(swords, i: int, start: int) -> list[str]:
    return [x[2] for x in swords[:i] if x[0] >= start]


def _counted_from(words: list[str], lex: EventLexicon) -> bool:
    """"بعد أشهر من", "قبل عامين على": the event is a reference point some time before another."""
    for k in range(len(words) - 2):
        if words[k] in ("بعد", "قبل", "وبعد", "وقبل") and _has(words[k + 1:k + 2], lex.relative_units) \
                and words[k + 2] in ("من", "علي"):
            return True
    return False


def _participants(d: _Doc, lex: EventLexicon, sent: Span, clauses, ci: int, pos: int, typ: str, form: str):
    """Participants from the trigger's clause, widened to its neighbours while fewer than two are named."""
    lo, hi = ci, ci
    # clauses that add no party: who reports it ("، وفق ما أعلنته وكالة …") and a time set off by commas
    sources = [(x, y) for k, (x, y) in enumerate(clauses)
               if k != ci and _has([w for _s, _e, w in d.words_in(x, y)][:2], lex.attribution)]
    # … and an apposition that only says who someone is ("محمد بريظ، المفتش العام للقوات المسلحة الملكية،")
    clause_words = [d.words_in(x, y) for x, y in clauses]
    bare = {k for k, ws in enumerate(clause_words) if k != ci and (
        len(ws) <= 3 or (len(ws) <= 8 and ws[0][2] in d.kb.title_firsts))}
    out, location = _clause_participants(d, lex, clauses[lo][0], clauses[hi][1], pos, typ, form, sources)
    out = _with_dyad(d, lex, out, clauses[lo][0], clauses[hi][1])
    hosting = _receives(form, lex)
    setting = typ == "VISIT" and bool(clause_words[ci]) and _has([clause_words[ci][0][2]], lex.setting_words)

    def wanting(out: list[Participant]) -> bool:
        """Fewer than two parties, a reception with no guest yet, or a march with no one marching yet."""
        # a person and the country or body in his title are one side ("نظيره التركي يشار غولر")
        return (len({p.key for p in out if p.via != "title"}) < 2
                or hosting and not any(p.role in ("guest", "visitor") for p in out)
                or typ == "PROTEST" and not any(p.role == "protester" for p in out)
                # "افتتح لابيد …، في أول زيارة لوزير خارجية إسرائيلي إلى المغرب": a visit told as the setting of
                # what someone did is his; the clause before names him
                or setting and not any(p.role == "visitor" and p.key in d.person_keys for p in out))
    # a later clause telling another happening of the same kind keeps its parties ("…، ليحل محل القمرين اللذين
    # اقتناهما المغرب من فرنسا"): widening stops before it (an earlier one is mostly the same happening told by
    # its verb: "حل هاليفي، أمس، بالرباط في زيارة …")
    top = min([k for k, ws in enumerate(clause_words) if k > ci and any(
        (_trigger_of(w) or ("",))[0] == typ for _s, _e, w in ws)], default=len(clauses)) - 1
    while wanting(out) and (lo > 0 or hi < top):
        lo, hi = max(0, lo - 1), min(top, hi + 1)
        while lo in bare and lo > 0:
            lo -= 1
        while hi in bare and hi < top:
            hi += 1
        out, loc2 = _clause_participants(d, lex, clauses[lo][0], clauses[hi][1], pos, typ, form, sources)
        out = _with_dyad(d, lex, out, clauses[lo][0], clauses[hi][1])
        location = location or loc2
    return out, location


def _with_dyad(d: _Doc, lex: EventLexicon, out: list[Participant], a: int, b: int) -> list[Participant]:
    """"البلدين", "الجانبين", or a joint body ("اللجنة العسكرية المشتركة") bring in the article's two countries."""
    words = [w for _s, _e, w in d.words_in(a, b)]
    joint = any(p.span is not None and p.key.startswith("new:ORGANIZATION") and _has(fold(p.span.text).split(), lex.joint)
                for p in out)
    if _has(words, lex.dyad) or joint:
        seen = {p.key for p in out}
        # a visit between the two countries: the one not hosting is the visitor
        role = "visitor" if any(p.role == "host" for p in out) else "party"
        out = out + [Participant(k, role, None, "dyad") for k in d.dyad if k not in seen]
    return out


def _clause_participants(d: _Doc, lex: EventLexicon, a: int, b: int, pos: int, typ: str, form: str,
                         sources: list[tuple[int, int]] = ()):
    doc = d.doc
    out: list[Participant] = []
    location = None
    seen: set[str] = set()
    host_taken = False
    # the trigger's word (an index, not a copy of the rest of the article's words); for a visit, the word right
    # after it is where the visit went: "زار الرباط"
    k = bisect_left(d.starts, pos)
    after_trigger = d.words[k][1] if typ == "VISIT" and k < len(d.words) else None
    by_title: dict[int, list] = {}  # person start → organizations and countries in his title, waiting for his role
    # "وطالب المحتجون السلطات المغربية …": people no entity names speak, and whoever follows is addressed
    crowd_speaks = typ == "STATEMENT" and k + 1 < len(d.words) and _has([d.words[k + 1][2]], lex.people_nouns)
    hosting = _receives(form, lex)
    # "وافقت واشنطن على بيع مصر طائرات": with a verb of selling, who stands before it supplies, after it buys
    seller = next((s for s, _e, w in d.words_in(a, b) if _has([w], lex.sellers)), None) \
        if typ == "PROCUREMENT" else None
    # "وأشار لعمامرة إلى أن زيارة وزير الخارجية الإسرائيلي يائير لابيد إلى المغرب …": a visit that names its
    # visitor right after it is his; who stands before it speaks of the visit
    named_after = typ == "VISIT" and not hosting and any(
        m.type == "PERSON" and pos < m.start < b and _genitive(d, pos, m.start) for m in d.mentions)
    reporter_end = _reported_from(d, lex, a, pos)
    for m in d.mentions:
        if not (a <= m.start < b) or (m.type not in _PARTICIPANT_TYPES and m.type != "LOCATION") or \
                any(x <= m.start < y for x, y in sources) or m.start in d.in_time or \
                (named_after and m.start < pos and m.type != "LOCATION") or m.start < reporter_end or \
                any(x <= m.start < y and not x <= pos < y for x, y in d.speech):
            continue
        if m.start in d.holder_of and a <= d.holder_of[m.start] < b:
            by_title.setdefault(d.holder_of[m.start], []).append(m)
            continue
        entry = d.kb.entries.get(m.kb) if m.kb else None
        prev = d.words_before(m.start, 3)
        prev1 = prev[-1] if prev else ""
        attached = doc.body[m.start - 1:m.start] if m.start else ""
        locative = prev1 in lex.locative or attached == "ب" or (typ == "VISIT" and prev1 == "الي") \
            or (after_trigger is not None and doc.body[after_trigger:m.start].strip() == "") \
            or (typ == "VISIT" and fold(form) in lex.visit_verbs and m.start > pos and prev1 != "من")
        if m.type == "LOCATION" or (m.kb or "").startswith(("place:", "region:")):
            if locative and location is None:
                location = m.key
                country = entry.country if entry is not None else None
                if country and typ in lex.location_countries_for and f"country:{country}" not in seen:
                    seen.add(f"country:{country}")  # "وصل إلى القاهرة", "تظاهر الآلاف في الرباط"
                    out.append(Participant(f"country:{country}", _PLACE_ROLE.get(typ, "host"), None, "location"))
            continue
        if entry is not None and entry.kind in _MEDIA_KINDS:
            continue
        if m.form == "name" and _names_a_weapon(d, lex, m.start):
            continue  # القمرين "محمد السادس أ" و"محمد السادس ب": a quoted name after a weapon noun is the thing
        if entry is None and m.form == "name":
            before = d.words_before(m.start, 5)
            if m.type == "ORGANIZATION" and _has(before[-2:], lex.attribution_nouns):
                continue  # "صحيفة غلوبس": who reports it, not a party
            if _has(before, lex.weapon_nouns):
                continue  # منظومة الدفاع الجوي "باراك إم إكس": what is bought, not who
        key = m.key
        if m.form == "adjective":
            weapon = typ == "PROCUREMENT" and _has(prev, lex.weapon_nouns)  # الطائرات المسيرة التركية
            place = typ == "PROTEST" and _has(prev, lex.place_nouns)  # مدن جزائرية
            place = place or (typ == "PROTEST" and _crowd_of(prev, lex))  # آلاف المغاربة: the people marching
            if _has(prev, lex.attribution_nouns) or not (_has(prev, lex.actor_nouns) or weapon or place):
                continue
            if m.type == "GPE" and _has(prev, lex.military_nouns):
                key = _armed_forces(key.split(":", 1)[1]) or key
        where = locative and m.type == "GPE" and m.form == "name" and typ != "VISIT" and location is None
        if where:
            location = key
            if typ not in lex.location_countries_for:
                continue
        if key in seen:
            continue
        seen.add(key)
        right_after = after_trigger is not None and m.type == "GPE" and not doc.body[after_trigger:m.start].strip()
        role = _role(typ, form in lex.reception, m, pos, prev1, attached, host_taken, not out and not crowd_speaks,
                     right_after)
        if typ == "VISIT" and m.start > pos and m.type != "GPE" and \
                _has([w for _s, _e, w in d.words_in(pos, m.start)], lex.reception):
            role = "host"  # "وصل هرتسوغ إلى أبوظبي، حيث استقبله ولي العهد …": who receives the visitor hosts
        elif typ == "VISIT" and m.start < pos and m.type == "PERSON" and _receiver(d, lex, m, a):
            role = "host"  # "استقبل بوريطة … كوهين، الذي يقوم بزيارة للمملكة": the receiver hosts the visit
        elif typ == "VISIT" and m.start > pos and "مع" in prev:
            role = "host"  # "في زيارة …، يجري خلالها مباحثات مع نظيره المغربي ناصر بوريطة": whom the visitor meets
        owner = next((p for p in out if p.span is not None and p.span.start <= m.start and m.end <= p.span.end), None)
        if owner is not None and m.form == "adjective":
            role = owner.role  # "وزير الدفاع المغربي" named by title: his country plays his part
        if typ == "PROTEST" and m.form == "adjective" and _crowd_of(prev, lex):
            role = "protester"  # "تظاهر مئات الجزائريين": the crowd marches, wherever the verb stands
        elif typ == "PROTEST" and where:
            role = "place"  # "تظاهروا في عمان": where they marched, as for a city
        elif typ == "PROTEST" and m.form == "name" and _has(prev[-2:], lex.protest_organizer):
            role = "organizer"  # "بدعوة من الجبهة …": who called the march
        elif typ == "PROTEST" and _has(prev, lex.protest_cause):
            role = "supported"  # "تضامنا مع الشعب الفلسطيني": the cause marched for, not against
        if seller is not None and prev1 not in ("من", "مع"):
            role = "supplier" if m.start < seller else "buyer"
        if typ == "PROCUREMENT" and entry is not None and entry.kind == "company":
            role = "supplier"  # a deal with an arms maker: the maker supplies
        if m.form == "adjective" and typ == "PROCUREMENT" and _has(prev, lex.weapon_nouns):
            role = "supplier"
        host_taken = host_taken or role == "host"  # (an adjective in a named host's title waits for him above)
        if typ == "MEET" and hosting and m.type == "GPE" and m.form == "name" and (prev1 in ("الي", "في")
                                                                              or attached == "ب"):
            role = "host"  # "وصل إلى الإمارات، حيث استقبله …": where the guest came is the host's country
        out.append(Participant(key, role, doc.span(m.start, m.end, key), "adjective" if m.form == "adjective" else ""))
        for org in by_title.pop(m.start, ()):
            if org.key not in seen:
                seen.add(org.key)
                out.append(Participant(org.key, role, doc.span(org.start, org.end, org.key), "title"))
        if m.type == "PERSON" and entry is not None:
            for t in entry.roles:  # the body a named official acts for (كوخافي → the IDF)
                if t.of and ":" in t.of and t.of not in seen:
                    seen.add(t.of)
                    out.append(Participant(t.of, "on behalf of", None, "office"))
    return out, location


def _official_complaints(lex: EventLexicon, swords, hits: list) -> list:
    """"استدعت وزارة الخارجية الجزائرية سفير المملكة المغربية للاحتجاج على تصريحات …": a protest that is only the
    purpose of another act ("للاحتجاج", "احتجاجا على"), in a sentence with no crowd and no march, is a state
    complaining officially — a statement (CAMEO 114), not a demonstration."""
    if not any(typ == "PROTEST" for _i, (typ, _f, _t) in hits):
        return hits
    words = [w for _s, _e, w in swords]
    if _has(words, lex.crowd) or _has(words, lex.people_nouns):
        return hits
    purpose = [k for k, (i, (typ, _f, taken)) in enumerate(hits) if typ == "PROTEST" and (
        ("ل" in taken and "ال" in taken) or _has([words[i]], lex.purpose_adverbials))]
    if not purpose or any(typ == "PROTEST" for k, (_i, (typ, _f, _t)) in enumerate(hits) if k not in purpose):
        return hits
    return [(i, ("STATEMENT", "احتجاج", hit[2]) if k in purpose else hit) for k, (i, hit) in enumerate(hits)]


def _reported_from(d: _Doc, lex: EventLexicon, a: int, pos: int) -> int:
    """Where the reporting part before a trigger ends, when the happening is told as someone's words about others:
    "قالت وزارة الدفاع الإسرائيلية إن المغرب سيتسلم …" — the ministry reports, Morocco acts. Only when the reported
    clause names its own actor between "إن/أن" and the trigger ("أعلن الجيش أن وحدة منه شاركت" keeps the army)."""
    words = d.words_in(a, pos)
    for k, (s, e, w) in enumerate(words):
        if w in ("ان", "بان") and k > 0 and any(_has([x[2]], lex.reporting) for x in words[max(0, k - 6):k]):
            if any(m.type in _PARTICIPANT_TYPES and e <= m.start < pos for m in d.mentions):
                return s
            return 0
    return 0


def _genitive(d: _Doc, pos: int, start: int) -> bool:
    """Does a name at ``start`` follow the visit word at ``pos`` as its genitive — a title at most between, no
    comma, no preposition ("زيارة [وزير الخارجية الإسرائيلي] يائير لابيد", not "زيارة …، يجري خلالها مباحثات مع …")?"""
    between = d.words_in(pos, start)[1:]
    return len(between) <= 5 and not any(c in d.doc.body[pos:start] for c in "،,؛;") and \
        not _has([w for _s, _e, w in between], _NOT_GENITIVE)


def _receiver(d: _Doc, lex: EventLexicon, m, a: int) -> bool:
    """Is ``m`` the one who receives: the first party after a reception verb ("استقبل [وزير الخارجية ناصر بوريطة]
    … وزير الخارجية الإسرائيلي")?"""
    verbs = [s for s, _e, w in d.words_in(a, m.start) if _has([w], lex.reception)]
    return bool(verbs) and not any(verbs[-1] < x.start < m.start and x.type in _PARTICIPANT_TYPES
                                   and x.start not in d.holder_of for x in d.mentions)


def _names_a_weapon(d: _Doc, lex: EventLexicon, start: int) -> bool:
    """A name in quotes right after a weapon noun ("القمر الصناعي "أفق 13""), or after such a quoted name and "و"
    ("القمرين "محمد السادس أ" و"محمد السادس ب""), is the thing's name, whoever else bears it."""
    body = d.doc.body
    if body[start - 1:start] not in _QUOTES:
        return False
    k = start - 1
    while True:
        before = body[max(0, k - 40):k].rstrip()
        if before.endswith("و"):
            before = before[:-1].rstrip()
        if before[-1:] not in _QUOTES:
            break
        opening = max(before.rfind(q, 0, len(before) - 1) for q in _QUOTES)  # the quoted name before: step over it
        if opening < 0:
            return False
        k = max(0, k - 40) + opening
    return _has(d.words_before(k, 2), lex.weapon_nouns)


def _crowd_of(prev: list[str], lex: EventLexicon) -> bool:
    """Is the adjective the crowd's nationality: "آلاف المغاربة", "مئات من الجزائريين" (not "المئات أمام السفارة
    الأمريكية")?"""
    return bool(prev) and (_has(prev[-1:], lex.crowd) or (prev[-1] == "من" and _has(prev[-2:-1], lex.crowd)))


def _role(typ: str, receiving: bool, m, pos: int, prev1: str, attached: str, host_taken: bool, first: bool,
          right_after: bool = False) -> str:
    """``right_after``: nothing stands between the trigger and the mention ("لزيارة إسرائيل": where it goes)."""
    after = m.start > pos
    if typ == "VISIT":
        if receiving:
            return "host" if after and not host_taken else "visitor"
        place = m.type in ("GPE", "LOCATION")
        return "host" if after and (prev1 == "الي" or (attached == "ل" and place) or right_after) else "visitor"
    if typ == "MEET" and receiving:
        if prev1 == "طرف":
            return "host"
        return "host" if after and not host_taken else "guest"
    if typ == "SIGN_AGREEMENT":
        return "signatory"
    if typ == "STATEMENT":
        return "speaker" if first else "target"
    if typ == "PROCUREMENT":
        return "supplier" if prev1 in ("من", "مع") else "buyer"
    if typ in ("ESTABLISH_RELATIONS", "SEVER_RELATIONS"):
        return "party"
    if typ == "PROTEST":
        return "protester" if not after else "target"
    return "participant"


def _usable_timexes(d: _Doc, sent: Span) -> list[Timex]:
    body = d.doc.body
    out = []
    for t in d.timexes:
        if not (sent.start <= t.start < sent.end) or t.role == "until":
            continue
        if t.start and body[t.start - 1] == "ل":  # لسنة 2026: the plan's year, not the event's
            continue
        if any(a <= t.start < b for a, b in d.named):
            continue
        out.append(t)
    return out


def _date_sentence(d: _Doc, lex: EventLexicon, sent: Span, clauses, swords, found) -> None:
    """Give each temporal expression to the nearest trigger before it in its clause (else the nearest after)."""
    if not found:
        return
    body = d.doc.body
    assigned: dict[int, list[Timex]] = {}
    for t in _usable_timexes(d, sent):
        tc = _clause_of(clauses, t.start)
        if tc > 0 and _has([w for _s, _e, w in d.words_in(*clauses[tc])][:2], lex.attribution):
            continue  # "، وفق ما أعلنه مكتبه أمس الاثنين": the day of the report, not of what it reports

        ca, cb = clauses[tc]
        bare = len(body[ca:cb].strip(" ،,؛;:.")) <= len(t.text) + 4  # "، في الآونة الأخيرة،"

        def cost(k: int, t: Timex = t, tc: int = tc, bare: bool = bare) -> tuple[int, int, int]:
            ev = found[k][0]
            same = _clause_of(clauses, ev.trigger.start) == tc
            before = t.start >= ev.trigger.end  # Arabic puts the time after its verb: "أعلن … أمس عن توقيع …"
            gap = t.start - ev.trigger.end if before else ev.trigger.start - t.end
            # in another clause, a time goes back to the verb before it ("استقبل بوريطة، اليوم الخميس بالرباط، …"),
            # unless it stands alone between commas ("، في الآونة الأخيرة،"): then to the nearest trigger
            return (0, 0 if before else 1, gap) if same else (1, 0 if before or bare else 1, gap)
        k = min(range(len(found)), key=cost)
        ev = found[k][0]
        ec = _clause_of(clauses, ev.trigger.start)
        if ec != tc and t.start < ev.trigger.start and not bare and not (
                ec == tc + 1 and _has([w for _s, _e, w in d.words_in(ca, t.start)], lex.aspect_verbs)):
            # a time in an earlier clause belongs to that clause's verb — unless that verb only says the
            # happening began or took place, its subject after the comma: "انطلقت يوم الأربعاء …، فعاليات التمرين"
            continue
        if bare and tc > 0 and t.end <= ev.trigger.start and _has([w for _s, _e, w in d.words_in(*clauses[tc - 1])],
                                                                  lex.reporting) \
                and _has([w for _s, _e, w in d.words_in(t.end, ev.trigger.start)], ("ان", "بان")):
            continue  # "كشفت تقارير، أمس الأربعاء، أن المغرب وقّع صفقة": the day of the report, not of the deal
        assigned.setdefault(k, []).append(t)
    pub = d.publication.interval if d.publication is not None and d.publication.known else None
    for k, (ev, _i) in enumerate(found):
        ts = sorted(assigned.get(k, []), key=lambda t: abs(t.start - ev.trigger.start))
        if not ts:
            continue
        if ev.modality == "planned" and pub is not None and pub.start:
            # what is still to come is not dated years back: such a time is another clause's ("على أن يتم تسليم
            # القمر …، ليحل محل القمرين اللذين اقتناهما المغرب سنتي 2017 و2018")
            ts = [t for t in ts if not (t.value.end and t.value.end < pub.start - timedelta(days=180))]
            if not ts:
                continue
        best = ts[0]
        value, basis, weekday = best.value, [f"{best.text!r}: {best.basis}"], _weekday_of(best)
        for t in ts[1:]:  # adjacent expressions say one thing: "هذا الأسبوع (الجمعة)"
            gap = body[min(t.end, best.end):max(t.start, best.start)]
            if len(gap) <= 3 and not gap.strip(" ()،,-"):
                both = value.intersect(t.value)
                if both is not None:
                    value = both
                    basis.append(f"with {t.text!r}")
                    weekday = weekday if weekday is not None else _weekday_of(t)
        if ev.modality == "happened" and isinstance(best.spec, RelUnit) and best.spec.offset == 0 and \
                pub is not None and pub.end and value.start and value.end and value.start <= pub.end < value.end \
                and not _has([w for _s, _e, w in d.words_in(*clauses[_clause_of(clauses, ev.trigger.start)])],
                             lex.ongoing_verbs):
            # "تسلم المغرب خلال الأسبوع الجاري …": what is told as done this week was done by publication (not
            # what "تنطلق، تستمر، تتواصل …" tells as going on)
            value = Interval(value.start, pub.end)
            basis.append(f"done by publication ({pub.end})")
        days = _lasting(d, lex, ev, clauses) if value.start and value.start == value.end else None
        if days:
            # "زيارة رسمية تستغرق ثلاثة أيام": from its first day to its last
            value = Interval(value.start, value.start + timedelta(days=days - 1))
            basis.append(f"lasting {days} day(s)")
        ev.date, ev.date_basis, ev.own_date, ev.weekday = value, basis, True, weekday
        ev.date_span = d.doc.span(best.start, best.end, "date")
        if best.role == "since":
            ev.historical = True
        if pub is not None and pub.start and value.end and value.end < pub.start - timedelta(days=180):
            ev.historical = True
    # "وقعا في نونبر 2021 مذكرة تفاهم خلال زيارة غانتس": the visit holds the date of what happened during it
    for k in range(1, len(found)):
        ev, prev = found[k][0], found[k - 1][0]
        if not ev.own_date and prev.own_date and _has(d.words_before(ev.trigger.start, 2)[-2:], lex.during_next) \
                and ev.sentence.start == prev.sentence.start:
            _take_date(ev, prev, f"{prev.trigger.text!r} took place during it")
            ev.weekday = prev.weekday
    # "وقعت الإمارات وإسرائيل اتفاق تطبيع العلاقات في سبتمبر 2020": the relations are what the agreement says,
    # one happening with the signing — the time after them dates both
    for ev, _ in found:
        if ev.own_date or ev.type != "SIGN_AGREEMENT":
            continue
        for other, _ in found:
            if other.own_date and other.type in ("ESTABLISH_RELATIONS", "SEVER_RELATIONS") and \
                    ev.trigger.start < other.trigger.start and \
                    _clause_of(clauses, ev.trigger.start) == _clause_of(clauses, other.trigger.start) and \
                    any(_kind(w) for w in d.words_before(other.trigger.start, 1)):
                _take_date(ev, other, f"what the agreement says ({other.trigger.text!r})")
                ev.weekday, ev.date_span = other.weekday, other.date_span
                break
    # "أعلن الجيش الاثنين أنه وقّع الجمعة …": an announcement dated apart from what it announces
    for st, _ in found:
        if st.type != "STATEMENT" or not st.own_date:
            continue
        for ev, _ in found:
            if ev is not st and ev.type != "STATEMENT" and ev.own_date and ev.date != st.date:
                ev.announced = st.date
    # "أقام علاقات …، إثر توقيع اتفاقات أوسلو … عام 1993": an undated event dated by the one it follows
    for k in range(len(found) - 1):
        ev, nxt_ev = found[k][0], found[k + 1][0]
        before_next = d.words_before(nxt_ev.trigger.start, 1)
        if not ev.own_date and nxt_ev.own_date and _has(before_next, lex.follow_words):
            _take_date(ev, nxt_ev, f"follows {nxt_ev.trigger.text!r}")
    # "زيارة قام بها غانتس في نونبر 2021، وقّع خلالها مع لوديي مذكرة": during the visit, by its visitor
    for k in range(1, len(found)):
        ev, prev = found[k][0], found[k - 1][0]
        near = [w for _s, _e, w in d.words_in(ev.trigger.end, ev.trigger.end + 12)][:1]
        near += d.words_before(ev.trigger.start, 1)
        if not ev.own_date and prev.own_date and _has(near, lex.during):
            _take_date(ev, prev, f"during {prev.trigger.text!r}")
            keys = {p.key for p in ev.participants}
            ev.participants += [Participant(p.key, _SUBJECT_ROLE.get(ev.type, "participant"), p.span, "during")
                                for p in prev.participants
                                if p.key.startswith("person:") and p.key not in keys and p.role in _ACTOR_ROLES]
    # an undated event in the clause right after a historical one shares its past ("… زيارة غانتس حيث تم توقيع")
    for k in range(1, len(found)):
        ev, prev = found[k][0], found[k - 1][0]
        if not ev.own_date and prev.historical and _clause_of(clauses, ev.trigger.start) - \
                _clause_of(clauses, prev.trigger.start) <= 1:
            ev.historical = True


_KINDS = ("مذكر", "اتفاق", "معاهد", "خط", "بروتوكول", "برتوكول", "اعلان", "ميثاق", "عقد", "صفق", "خارط")


def _kind(word: str) -> str:
    for f, _ in forms(word):
        f = f.removeprefix("ال")
        for k in _KINDS:
            if f.startswith(k):
                return k
    return ""


def _weekday_of(t: Timex) -> int | None:
    return getattr(t.spec, "weekday", None)


def _lasting(d: _Doc, lex: EventLexicon, ev: EventMention, clauses) -> int | None:
    """How many days a visit, meeting or exercise lasts, when its clause says so after it: "تستغرق ثلاثة أيام",
    "لمدة يومين", "على مدى أسبوع" (numbers and units from the time layer's vocabulary)."""
    if ev.type not in lex.lasting_types:
        return None
    _a, b = clauses[_clause_of(clauses, ev.trigger.start)]
    words = [w for _s, _e, w in d.words_in(ev.trigger.end, b)]
    tl = time_lexicon()
    for k, w in enumerate(words[:-1]):
        if not _has([w], lex.duration_words):
            continue
        n, j = 1, k + 1
        if words[j].isdigit():
            n, j = int(words[j]), j + 1
        elif words[j] in tl.numbers:
            n, j = tl.numbers[words[j]], j + 1
        unit = tl.units.get(words[j]) if j < len(words) else None
        if not unit or unit[0] not in ("day", "week"):
            continue
        n = 2 if unit[1] == "dual" else n
        return min(n * (7 if unit[0] == "week" else 1), 60)
    return None


def _news_day(d: _Doc, pub: Interval | None) -> Timex | None:
    """The time the lead sentence gives when no event there was dated ("أكد بوريطة، الخميس بالرباط، أن …"): the
    day the news is about. Only a day or a short range, and not one that lies before the news (a recalled year)."""
    sents = d.doc.spans.get("sentences", [])
    if not sents:
        return None
    for t in _usable_timexes(d, sents[0]):
        v = t.value
        if not (v.start and v.end) or t.role or (v.end - v.start).days > 7:
            continue
        if pub is not None and pub.start and v.end < pub.start - timedelta(days=30):
            continue
        return t
    return None


def _inherit_dates(d: _Doc, events: list[EventMention]) -> None:
    """Undated news sentences take the date of the article's lead event (the first dated news event)."""
    lead = next((e for e in events if e.own_date and not e.historical and e.modality == "happened"), None)
    pub = d.publication.interval if d.publication is not None and d.publication.known else None
    news_day = _news_day(d, pub) if lead is None else None
    for e in events:
        if e.own_date or e.historical or e.anaphoric:
            continue
        if e.modality == "planned" and (pub is not None or lead is not None):
            # "على أن يتم تسليم القمر …": what is still to come is dated from the news on, not on it
            since = pub.start if pub is not None else lead.date.start
            e.date = Interval(since, None)
            e.date_basis = [f"undated and still to come: on or after {since}"]
            continue
        if lead is not None:
            e.date = lead.date
            e.date_basis = [f"undated in its sentence: the article's lead event ({lead.trigger.text!r}, {lead.date})"]
        elif news_day is not None:
            e.date = news_day.value
            e.date_basis = [f"undated in its sentence: the day the lead tells of ({news_day.text!r}: {news_day.basis})"]
        elif pub is not None:
            e.date = Interval(pub.start - timedelta(days=30) if pub.start else None, pub.end)
            e.date_basis = [f"undated in its sentence: reported as news, within 30 days before publication {pub}"]
