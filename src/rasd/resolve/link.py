"""Entity linking inside one document: every mention of a known or unknown entity, with its exact span.

Sources of mentions, in order of trust:

1. **KB aliases** — longest match of folded token sequences against the knowledge-base index; the first token may
   carry proclitics (والمغرب، لإسرائيل، للقوات …), which stay outside the span.
2. **Adjectives** — definite, feminine or plural demonyms (الإسرائيلي، المغربية، المغاربة) mention their country.
3. **Titles** — a title phrase (titles.json) with its country or organization; the person named after it gets the
   role; without a name, a title that one office-holder held in the article's year mentions that person.
4. **NER spans** — linked to the KB through transliteration skeletons (ج/غ/ك, ف/ڤ/ب, long vowels) verified with
   rapidfuzz and context; otherwise they are unknown entities keyed by their skeleton.
5. **Name chunks** — an organization or agreement head noun with definite modifiers (اللجنة العسكرية المشتركة،
   خطة العمل العسكري المشترك لسنة 2026): names no list holds, found from the shape of Arabic noun phrases.

Hand-written because no library links Arabic news mentions to a domain KB; rapidfuzz does the string scoring.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz import fuzz

from ..data import load_json, load_lines
from ..model import Document
from ..text.fold import fold
from ..annotate.components import PROCLITICS, tokens_by_sentence
from ..text.tokens import Token
from .kb import KB, Entry, first_words, load

NER_TYPES = {"PERS": "PERSON", "LOC": "LOCATION", "ORG": "ORGANIZATION", "MISC": "OTHER"}
_ARABIC = re.compile(r"[\u0621-\u064A]")
_YEAR = re.compile(r"(19|20)\d\d")


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    type: str
    kb: str | None  # KB entry id, or None for an unknown entity
    key: str  # what resolves it: the KB id, or "new:<TYPE>:<skeleton>"
    score: float
    why: str
    form: str = "name"  # name | abbrev | pejorative | political | adjective | title | surname
    sentence: int = 0
    name: str = ""  # the name as read when the surface lacks the article's alef (للبحرية → "البحرية …")


@dataclass(slots=True)
class RoleMention:
    """A title attached to a person mention: "وزير الدفاع الإسرائيلي بيني جانتس"."""

    person: Mention
    role: str
    title: str  # the title as written
    of: str | None  # country code or KB organization id
    start: int  # span of the whole title + name
    end: int


@dataclass(slots=True)
class Linked:
    mentions: list[Mention] = field(default_factory=list)
    roles: list[RoleMention] = field(default_factory=list)


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    full: str  # folded surface
    core: str  # folded, proclitics (و ف ب ل ك س) removed, article kept (للجنة → اللجنة)
    core_start: int  # offset where the core begins
    sentence: int
    lexical: str = ""  # the core as read, when the surface lacks a letter (للبحرية → البحرية), else ""


def _core(tok: Token) -> tuple[int, str, str]:
    """(offset of the word's core, folded core, the core as read if its surface lacks a letter): the word without
    conjunction/preposition/future proclitics, read from the clitic segments the token layer found."""
    for seg in tok.segments:
        if seg.kind in PROCLITICS:
            continue
        if seg.form:  # لل elision: the core's surface starts after the preposition but reads with the article
            return seg.start - tok.start, fold(seg.form), seg.form + tok.text[seg.end - tok.start:]
        return seg.start - tok.start, fold(tok.text[seg.start - tok.start:]), ""
    return 0, fold(tok.text), ""


def _first_forms(t: _Tok) -> list[tuple[str, int]]:
    """Readings of a name's first word with the offset where the name starts: as written, without the proclitics
    the segmenter found, and — for the KB to confirm — without one more letter the segmenter left on because the
    rest was too short to judge (وتل أبيب، بتل أبيب) or for the لل contraction (للقوات → القوات)."""
    forms = [(t.full, 0)]
    if t.core != t.full:
        forms.append((t.core, t.core_start - t.start))
    f = t.full
    if f[:1] in "وفبلك" and len(f) > 2:
        forms.append((f[1:], 1))
        if f[1:2] in "بلك" and f[:1] in "وف" and len(f) > 3:
            forms.append((f[2:], 2))
    if f.startswith("لل") and len(f) > 3:
        forms.append(("ال" + f[2:], 1))
    return list(dict.fromkeys(forms))


def _tokens(doc: Document) -> list[_Tok]:
    out = []
    by_start = {t.start: t for t in doc.annotations["tokens"]}
    for k, sentence in enumerate(tokens_by_sentence(doc)):
        for t in sentence:
            off, core, lexical = _core(by_start[t.start])
            out.append(_Tok(t.start, t.end, t.text, fold(t.text), core, t.start + off, k, lexical))
    return out


_SKEL = str.maketrans({"غ": "ك", "ج": "ك", "ق": "ك", "گ": "ك", "ڤ": "ف", "ب": "ف", "پ": "ف", "ط": "ت", "ص": "س",
                       "ض": "د", "ذ": "س", "ظ": "س", "ز": "س", "ث": "س", "ح": "ه", "ة": "ه", "چ": "ك", "ى": "ي"})


def skeleton(name: str) -> str:
    """A transliteration-tolerant key: folded, article dropped, letters that render the same foreign sound merged
    (ج/غ/ك/ق for G, ف/ڤ/ب for V, ط/ت, ص/س …), long vowels and hamza seats dropped after the first letter."""
    words = []
    for w in fold(name).split():
        if w.startswith("ال") and len(w) > 4:
            w = w[2:]
        w = w.translate(_SKEL)
        if not w:
            continue
        rest = "".join(c for c in w[1:] if c not in "اويء")
        w = w[0] + rest
        if len(w) > 2 and w.endswith("ه"):
            w = w[:-1]
        words.append(w)
    return " ".join(words)


@dataclass(slots=True)
class _FuzzyIndex:
    by_full: dict[str, list[tuple[str, str]]]  # skeleton of a whole name → [(entry id, folded name)]
    by_last: dict[str, list[tuple[str, str]]]  # skeleton of a person's surname → [(entry id, folded surname)]


@cache
def _fuzzy(kb: KB) -> _FuzzyIndex:
    full: dict[str, list[tuple[str, str]]] = {}
    last: dict[str, list[tuple[str, str]]] = {}
    for e in kb.entries.values():
        if e.type not in ("PERSON", "ORGANIZATION"):
            continue
        for n in e.names:
            f = fold(n.text)
            full.setdefault(skeleton(f), []).append((e.id, f))
            toks = f.split()
            if e.type == "PERSON" and len(toks) > 1 and len(skeleton(toks[-1])) >= 3:
                last.setdefault(skeleton(toks[-1]), []).append((e.id, toks[-1]))
    return _FuzzyIndex(full, last)


@cache
def _chunk_heads() -> dict[tuple[str, ...], str]:
    out = {}
    for line in load_lines("name_heads.txt"):
        typ, _, phrase = line.partition(" ")
        out[tuple(fold(phrase).split())] = typ
    return out


@cache
def _chunk_firsts() -> dict[str, int]:
    return first_words(_chunk_heads())


def _folded_body(doc: Document) -> str:
    if "folded_body" not in doc.annotations:
        doc.annotations["folded_body"] = fold(doc.body)
    return doc.annotations["folded_body"]


def _year(doc: Document) -> int | None:
    d = doc.published.date or doc.page_date
    return int(d[:4]) if d else None


class Linker:
    def __init__(self, kb: KB | None = None):
        self.kb = kb or load()

    # -- 1. KB aliases --------------------------------------------------------------------------------------
    def _alias_matches(self, toks: list[_Tok], doc: Document) -> list[Mention]:
        out: list[Mention] = []
        kb = self.kb
        i, n = 0, len(toks)
        firsts = kb.firsts
        while i < n:
            hit = None
            forms = [(f, c) for f, c in _first_forms(toks[i]) if f in firsts]
            longest = max((firsts[f] for f, _c in forms), default=0)
            for k in range(min(longest, n - i), 0, -1):
                if toks[i + k - 1].sentence != toks[i].sentence:
                    continue
                rest = tuple(t.full for t in toks[i + 1:i + k])
                for first, clitic in forms:
                    cands = kb.lookup((first,) + rest)
                    cands = [(eid, u) for eid, u in cands
                             if u != "abbrev" or toks[i].text.isupper() or len(toks[i].text) > 3]
                    if cands:
                        hit = (k, cands, clitic)
                        break
                if hit:
                    break
            if not hit:
                i += 1
                continue
            k, cands, clitic = hit
            start = toks[i].start + clitic
            end = toks[i + k - 1].end
            eid, usage = self._choose(cands, doc, fold(doc.body[start:end]))
            out.append(Mention(start, end, doc.body[start:end], kb.entries[eid].type, eid, eid,
                               1.0 if len(cands) == 1 else 0.8,
                               "alias" + ("+clitic" if clitic else "") + ("" if len(cands) == 1 else "+context"),
                               usage, toks[i].sentence))
            i += k
        return out

    def _choose(self, cands: list[tuple[str, str]], doc: Document, surface: str = "") -> tuple[str, str]:
        """Several entries share a name: prefer the one whose country the document mentions, then the one in office
        in the article's year."""
        if len(cands) == 1:
            return cands[0]
        year = _year(doc)
        body = _folded_body(doc)

        def score(c):
            e = self.kb.entries[c[0]]
            s = 0
            # the country named elsewhere than by the shared word itself ("عمان" is Oman's name and Amman's)
            names = {fold(n.text) for n in self.kb.entries.get(f"country:{e.country}", _EMPTY).names} - {surface}
            if e.country and any(n in body for n in names):
                s += 1
            if year and any(t.holds(year) for t in e.roles):
                s += 2
            return s, e.id.startswith("country:")  # a tie goes to the country

        return max(cands, key=score)

    def _metonyms(self, mentions: list[Mention], toks: list[_Tok], doc: Document) -> None:
        """A capital that acts (قطعت الرباط علاقاتها، مساعدة طهران) stands for its state; one that is a place (في
        الرباط، بالعاصمة طهران، مدينة تل أبيب) stays a place."""
        index = {t.start: n for n, t in enumerate(toks)}
        last_place_end = -1  # token index where the last place mention read as a place ended
        for m in sorted(mentions, key=lambda m: m.start):
            e = self.kb.entries.get(m.kb or "")
            n = next((index[p] for p in (m.start, m.start - 1, m.start - 2) if p in index), None)
            if e is None or n is None:
                continue
            tok = toks[n]
            proclitic = fold(doc.body[tok.start:m.start])
            prev = toks[n - 1].core if n > 0 and toks[n - 1].sentence == tok.sentence else ""
            coordinated = proclitic.startswith("و") and last_place_end == n - 1  # في الرباط وطهران
            locative = "ب" in proclitic or prev in _LOCATIVE or coordinated or _visited(toks, n)
            if e.type == "LOCATION" and locative:
                last_place_end = n + len(m.text.split()) - 1
            if e.capital_of and not locative:
                code = e.capital_of
                m.kb = m.key = f"country:{code}"
                m.type = "GPE"
                m.form = "metonym"
                m.why += f"+metonym({e.id})"

    # -- 2. adjectives --------------------------------------------------------------------------------------
    def _adjectives(self, toks: list[_Tok], doc: Document, taken) -> list[Mention]:
        out = []
        nouns = _word_list("nisba_nouns.txt")
        for k, t in enumerate(toks):
            if taken(t.core_start, t.end):
                continue
            c = t.core
            definite = c.startswith("ال") and len(c) > 4
            bare = c[2:] if definite else c
            code = self.kb.adjectives.get(bare)
            # the indefinite accusative "وفدا عسكريا إسرائيليا": masculine form + alef (a country's own name,
            # تركيا، روسيا، is a name mention and taken before this)
            accusative = not code and not definite and bare.endswith("يا") and bare[:-1] in self.kb.adjectives
            if accusative:
                code = self.kb.adjectives[bare[:-1]]
            if not code:
                continue
            feminine_or_plural = not self.kb.adjectives.get(bare + "ه") and not bare.endswith("ي")
            after_noun = k > 0 and toks[k - 1].sentence == t.sentence and toks[k - 1].core in nouns
            if not (definite or feminine_or_plural or accusative or after_noun):
                continue  # indefinite masculine forms double as given names (تركي، عماني) — not after "وفد عسكري"
            out.append(Mention(t.core_start, t.end, doc.body[t.core_start:t.end], "GPE", f"country:{code}",
                               f"country:{code}", 0.9, "adjective", "adjective", t.sentence))
        return out

    def _extend_names(self, doc: Document, toks: list[_Tok], spans, mentions: list[Mention]):
        """Repair person spans the tagger cut short, using the KB and the name-token table:
        a first name tagged alone right before a KB person's surname joins that mention (إيف + دفرين), and a
        well-attested given name left untagged at the start of a clause joins the surname after it (؛ طال كيلمان)."""
        from ..annotate.ner_features import load_lexicons

        given = load_lexicons().person_tokens
        index = {t.start: n for n, t in enumerate(toks)}
        kb_by_start = {m.start: m for m in mentions if m.type == "PERSON" and m.kb}
        out = []
        for sp in spans:
            n = index.get(sp.start)
            if sp.label != "PERS" or n is None:
                out.append(sp)
                continue
            last = next((k for k in range(n, len(toks)) if toks[k].end >= sp.end), n)
            nxt = kb_by_start.get(toks[last + 1].start) if last + 1 < len(toks) else None
            if nxt and toks[last + 1].sentence == toks[n].sentence and " " not in nxt.text.strip():
                whole = fold(doc.body[sp.start:nxt.end])
                names = [fold(x.text) for x in self.kb.entries[nxt.kb].names]
                if max(fuzz.ratio(whole, x) for x in names) >= 80:
                    nxt.start, nxt.text = sp.start, doc.body[sp.start:nxt.end]
                    nxt.why += "+given-name"
                    continue
            if n > 0 and " " not in sp.text.strip():
                p = toks[n - 1]
                before = toks[n - 2].full if n > 1 and toks[n - 2].sentence == p.sentence else ""
                clause_start = p.sentence == toks[n].sentence and (before in ("؛", "،", ",", ";", ":", "-", "")
                                                                   or n - 1 == 0)
                if clause_start and given.get(p.full, 0) >= 20 and _ARABIC.search(p.full) and len(p.full) >= 3:
                    sp = doc.span(p.start, sp.end, sp.label)
            out.append(sp)
        return out

    # -- 4. NER spans -----------------------------------------------------------------------------------------
    def _link_ner(self, doc: Document, spans, toks_by_start, taken, context: set[str], toks) -> list[Mention]:
        out = []
        fz = _fuzzy(self.kb)
        year = _year(doc)
        for sp in spans:
            if taken(sp.start, sp.end):
                sp = _untaken_tail(doc, sp, toks, taken)
                if sp is None:
                    continue
            typ = NER_TYPES.get(sp.label, "OTHER")
            f = fold(sp.text)
            sk = skeleton(f)
            sentence = toks_by_start.get(sp.start, 0)
            best: tuple[float, Entry] | None = None
            if typ in ("PERSON", "ORGANIZATION") and len(sk.replace(" ", "")) >= 3:
                cands = list(fz.by_full.get(sk, []))
                if typ == "PERSON" and " " not in f:
                    cands += fz.by_last.get(sk, [])
                for eid, name in cands:
                    e = self.kb.entries[eid]
                    r = fuzz.ratio(f, name) / 100
                    if e.country and e.country in context:
                        r += 0.05
                    if year and any(t.holds(year) for t in e.roles):
                        r += 0.05
                    if r >= 0.7 and (best is None or r > best[0]):
                        best = (r, e)
            if best:
                e = best[1]
                out.append(Mention(sp.start, sp.end, sp.text, e.type, e.id, e.id, round(min(best[0], 1.0), 3),
                                   f"transliteration:{sk}", "name", sentence))
            else:
                out.append(Mention(sp.start, sp.end, sp.text, typ, None, f"new:{typ}:{sk}", 0.6, "ner", "name",
                                   sentence))
        return out

    # -- 5. name chunks -------------------------------------------------------------------------------------
    def _chunks(self, toks: list[_Tok], doc: Document, taken, inner: list[Mention]) -> list[Mention]:
        """Organization and agreement names read from the shape of the noun phrase; ``inner``: the mentions so far,
        from which names inside an organization's stated purpose are taken out."""
        heads = _chunk_heads()
        firsts = _chunk_firsts()
        out = []
        i, n = 0, len(toks)
        while i < n:
            hit = None
            c = toks[i].core
            alt_first = c[2:] if c.startswith("ال") else "ال" + c
            for k in range(min(max(firsts.get(c, 0), firsts.get(alt_first, 0)), n - i), 0, -1):
                key = (toks[i].core,) + tuple(t.full for t in toks[i + 1:i + k])
                alt = ((toks[i].core[2:],) if toks[i].core.startswith("ال") else ("ال" + toks[i].core,)) + key[1:]
                typ = heads.get(key) or heads.get(alt)
                if typ:
                    hit = (k, typ)
                    break
            if not hit:
                i += 1
                continue
            k, typ = hit
            j = i + k
            mods = 0
            while j < n and toks[j].sentence == toks[i].sentence and mods < 5 and _is_modifier(toks[j]):
                j += 1
                mods += 1
            # an optional year tail: لسنة 2026، لعام 2026 (a bare "سنة 2021" after the name dates something instead)
            if j + 1 < n and toks[j].core in ("سنه", "عام") and fold(toks[j].full).startswith("ل") \
                    and _YEAR.fullmatch(toks[j + 1].full):
                j += 2
            tail = j
            if mods and typ == "ORGANIZATION":
                j = _purpose_tail(toks, j, toks[i].sentence)
            if mods and not taken(toks[i].core_start, toks[tail - 1].end):
                if j > tail:  # "… لدعم فلسطين": a name the purpose holds is part of the body's name, not a mention
                    a, b = toks[tail].start, toks[j - 1].end
                    inner[:] = [m for m in inner if not (a <= m.start and m.end <= b and m.form == "name")]
                start, end = toks[i].core_start, toks[j - 1].end
                words = [_lemma(t.core if x == 0 else t.full) for x, t in enumerate(toks[i:j])]
                read = toks[i].lexical + doc.body[toks[i].end:end] if toks[i].lexical else ""
                out.append(Mention(start, end, doc.body[start:end], typ, None, f"new:{typ}:" + " ".join(words),
                                   0.7, "chunk", "name", toks[i].sentence, read))
                i = j
            else:
                i += 1
        return out

    # -- 3. titles ------------------------------------------------------------------------------------------
    def _title_at(self, toks: list[_Tok], i: int) -> int:
        """How many tokens the longest title starting at ``toks[i]`` spans (0: none)."""
        for k in range(min(self.kb.title_firsts.get(toks[i].core, 0), len(toks) - i), 0, -1):
            if (toks[i].core,) + tuple(t.full for t in toks[i + 1:i + k]) in self.kb.titles:
                return k
        return 0

    def _titles(self, toks: list[_Tok], doc: Document, mentions: list[Mention]):
        """(roles, mentions of office-holders named only by title, spans of every title phrase)."""
        kb = self.kb
        by_start = {m.start: m for m in mentions}
        roles, extra, title_spans = [], [], []
        year = _year(doc)
        i, n = 0, len(toks)
        while i < n:
            hit = None
            longest = kb.title_firsts.get(toks[i].core, 0)
            for k in range(min(longest, n - i), 0, -1):
                key = (toks[i].core,) + tuple(t.full for t in toks[i + 1:i + k])
                title = kb.titles.get(key)
                if title:
                    hit = (k, title)
                    break
            if not hit:
                i += 1
                continue
            k, title = hit
            j = i + k
            of = title.of
            # a KB name that begins inside the title (رئيس أركان [الجيش الإسرائيلي]) completes it
            inner = next((m for m in mentions if toks[i].start <= m.start < toks[j - 1].end < m.end), None)
            if inner:
                if inner.type in ("GPE", "ORGANIZATION") and inner.kb:
                    of = of or (inner.kb.split(":", 1)[1] if inner.kb.startswith("country:") else inner.kb)
                while j < n and toks[j].end <= inner.end:
                    j += 1
            # the title's country or organization: adjectives and KB mentions right after it
            while j < n and toks[j].sentence == toks[i].sentence:
                m = by_start.get(toks[j].core_start) or by_start.get(toks[j].start)
                if m and m.kb and (m.form in ("adjective", "metonym") or (m.type == "ORGANIZATION" and not inner)
                                   or (m.type == "GPE" and not inner and not of)):
                    of = of or (m.kb.split(":", 1)[1] if m.kb.startswith("country:") else m.kb)
                    while j < n and toks[j].end <= m.end:
                        j += 1
                    continue
                if m and not m.kb and m.type == "ORGANIZATION" and not inner and not of:
                    # "قائد [القيادة المركزية الأمريكية] الجنرال …": a body the KB does not know still belongs to
                    # the title; the person comes after it
                    while j < n and toks[j].end <= m.end:
                        j += 1
                    continue
                break
            if title.needs_of and not of:
                i += 1  # أمير أوحانا: a given name, not an emir
                continue
            title_end = toks[j - 1].end
            # "كبير مستشاري الرئيس الأمريكي": a title right after another is whose adviser, deputy … someone is
            dependent = bool(title_spans) and i > 0 and title_spans[-1][1] == toks[i - 1].end
            title_spans.append((toks[i].core_start, title_end))
            # the person: a PERSON mention within the next three tokens (skipping a comma, and a rank or second
            # title: "المفتش العام للقوات المسلحة الملكية الفريق أول محمد بريظ")
            person = None
            jj, stop = j, min(j + 3, n)
            while jj < stop:
                if toks[jj].sentence != toks[i].sentence:
                    break
                m = by_start.get(toks[jj].core_start) or by_start.get(toks[jj].start)
                if m and m.type == "PERSON":
                    # "الرئيس الأمريكي وبيني غانتس": a name joined by و/ف is the next one of a list, not the holder
                    person = None if m.start > toks[jj].start and toks[jj].full[:1] in "وف" else m
                    break
                k2 = self._title_at(toks, jj) or (toks[jj].core in _honorifics())
                if k2:
                    jj, stop = jj + k2, min(jj + k2 + 3, n)
                    continue
                if toks[jj].full not in ("،", ",", ":", "-"):
                    break
                jj += 1
            start = toks[i].core_start
            if person:
                roles.append(RoleMention(person, title.role, doc.body[start:title_end], of, start, person.end))
                i = j
                continue
            if of and year and not dependent and not _is_generic(title.role):
                holders = kb.holders(title.role, of, year) or self._holders_via_org(title.role, of, year)
                if len(holders) == 1 and not any(m.start <= start < m.end for m in mentions):
                    h = holders[0]
                    extra.append(Mention(start, title_end, doc.body[start:title_end], "PERSON", h.id, h.id, 0.8,
                                         f"title:{title.role}/{of}/{year}", "title", toks[i].sentence))
            i = j
        return roles, extra, title_spans

    def _holders_via_org(self, role: str, of: str, year: int) -> list[Entry]:
        """A role held in an organization of country ``of`` (chief of staff of the IDF for 'IL')."""
        if of.startswith("org:"):
            org = self.kb.entries.get(of)
            return self.kb.holders(role, org.country, year) if org and org.country else []
        orgs = [e.id for e in self.kb.entries.values() if e.type == "ORGANIZATION" and e.country == of]
        out = []
        for oid in orgs:
            out += [h for h in self.kb.holders(role, oid, year) if h not in out]
        return out

    # -- all together ---------------------------------------------------------------------------------------
    def link(self, doc: Document) -> Linked:
        toks = _tokens(doc)
        occupied = _Occupancy(len(doc.body))  # characters a surer mention already holds
        names = _Occupancy(len(doc.body))  # … not counting adjectives, which may sit inside a longer name

        quoted = _quoted_event_names(toks, doc)
        mentions = [m for m in self._alias_matches(toks, doc)
                    if not any(q.start <= m.start and m.end <= q.end and m.type != "EVENT_NAME" for q in quoted)]
        mentions += [q for q in quoted if not any(m.start < q.end and q.start < m.end for m in mentions)]
        self._metonyms(mentions, toks, doc)
        occupied.add(mentions)
        names.add(mentions)
        adj = self._adjectives(toks, doc, occupied.taken)
        mentions += adj
        occupied.add(adj)
        context = {m.kb.split(":", 1)[1] for m in mentions if m.kb and m.kb.startswith("country:")}
        sent_of = {t.start: t.sentence for t in toks} | {t.core_start: t.sentence for t in toks}
        ner_spans = self._extend_names(doc, toks, doc.spans.get("entities", []), mentions)
        ner = self._link_ner(doc, ner_spans, sent_of, occupied.taken, context, toks)
        mentions += ner
        names.add(ner)
        mentions += self._chunks(toks, doc, names.taken, mentions)
        mentions.sort(key=lambda m: (m.start, -m.end))
        roles, extra, title_spans = self._titles(toks, doc, mentions)
        # a rank the tagger took for a name (الجنرال [دوركور دارمي]) is part of the title, not a person
        mentions = [m for m in mentions if m.kb or not any(a <= m.start and m.end <= b for a, b in title_spans)]
        mentions += extra
        _surnames(mentions)
        mentions.sort(key=lambda m: (m.start, -m.end))
        return Linked(mentions, roles)


_EMPTY = Entry("", "", "", [])


@cache
def _honorifics() -> frozenset[str]:
    return frozenset(fold(w) for w in load_json("kb/titles.json")["honorifics"])


_QUOTED = re.compile(r"[\"“«]([^\"“”«»\n]{2,40})[\"”»]")


@cache
def _exercise_nouns() -> frozenset[str]:
    """Nouns a quoted name after them names: the exercise triggers and operation nouns of data/events.json."""
    vocab = load_json("events.json")
    return frozenset(fold(w) for w in vocab["types"]["EXERCISE"]["triggers"] + vocab["operation_nouns"])


def _quoted_event_names(toks: list[_Tok], doc: Document) -> list[Mention]:
    """A name in quotes a few words after an exercise or operation noun ("التمرين التكتيكي المشترك "درع الصحراء
    2022"") names that happening: an EVENT_NAME mention, and the places inside it (الصحراء) are not places.
    Written by hand: it is a rule of news style, no library knows it."""
    out = []
    starts = [t.start for t in toks]
    nouns = _exercise_nouns()
    for m in _QUOTED.finditer(doc.body):
        name = m.group(1).strip()
        if not _ARABIC.search(name) or len(name.split()) > 5:
            continue
        k = bisect_left(starts, m.start())
        if k >= len(toks):
            continue  # a quote closing the text names nothing after an exercise noun
        before = [t for t in toks[max(0, k - 5):k] if t.sentence == toks[k].sentence]
        if not any(t.core in nouns or t.core.removeprefix("ال") in nouns for t in before):
            continue
        a = m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
        b = a + len(name)
        out.append(Mention(a, b, doc.body[a:b], "EVENT_NAME", None, "new:EVENT_NAME:" + fold(name), 0.8,
                           "quoted name after an exercise noun", "name", toks[k].sentence))
    return out


@cache
def _visit_verbs() -> frozenset[str]:
    """Verbs whose object is a place: "زار وزير الدفاع الإسرائيلي بيني غانتس الرباط" (verb, subject, the place);
    the event vocabulary's list (data/events.json)."""
    return frozenset(fold(w) for w in load_json("events.json")["visit_verbs"])


def _visited(toks: list[_Tok], n: int) -> bool:
    """A visit verb a few words back in the same clause (no punctuation between): the name is where it went."""
    for k in range(n - 1, max(-1, n - 7), -1):
        if toks[k].sentence != toks[n].sentence or not any(ch.isalnum() for ch in toks[k].full):
            return False
        if toks[k].core in _visit_verbs() or fold(toks[k].full) in _visit_verbs():
            return True
    return False


class _Occupancy:
    """Which characters of a body are already inside a mention (a byte per character: O(1) marking, fast tests)."""

    def __init__(self, size: int):
        self.flags = bytearray(size + 1)

    def add(self, mentions: list[Mention]) -> None:
        for m in mentions:
            self.flags[m.start:m.end] = b"\x01" * (m.end - m.start)

    def taken(self, a: int, b: int) -> bool:
        return self.flags.find(1, a, b) != -1
# words after which a place name is a place, not its state acting
_LOCATIVE = frozenset(fold(w) for w in (
    "في", "إلى", "الى", "من", "داخل", "قرب", "نحو", "عبر", "مدينة", "المدينة", "العاصمة", "عاصمة", "بالعاصمة",
    "بمدينة", "ضواحي", "شوارع", "مطار", "قاعدة", "سفارة", "مقر", "بين", "حتى", "غادر", "زار", "وصل", "يزور", "زيارة",
    "لزيارة", "بزيارة", "احتضنت", "تحتضن", "استضافت", "جنوب", "شمال", "شرق", "غرب", "وسط"))


def _untaken_tail(doc: Document, sp, toks: list[_Tok], taken):
    """The part of an NER span after the tokens a surer mention already holds (الموريتاني [حنا ولد سيدي])."""
    inside = [t for t in toks if sp.start <= t.start and t.end <= sp.end]
    k = 0
    while k < len(inside) and taken(inside[k].start, inside[k].end):
        k += 1
    rest = inside[k:]
    if not rest or any(taken(t.start, t.end) for t in rest):
        return None
    return doc.span(rest[0].start, sp.end, sp.label)


def _is_generic(role: str) -> bool:
    return role in ("general", "commander", "minister", "adviser", "expert", "ambassador", "envoy", "spokesperson",
                    "movement_leader")


@cache
def _word_list(name: str) -> frozenset[str]:
    """A data file of words (one per line), folded: nisba_nouns.txt, org_purposes.txt."""
    return frozenset(fold(w) for w in load_lines(name))


def _purpose_tail(toks: list[_Tok], j: int, sentence: int) -> int:
    """Where an organization's name ends when it says what the body is for: "… لدعم فلسطين ومناهضة التطبيع"
    (ل or و + a purpose noun, its object, and a definite word completing the object: لحقوق الإنسان)."""
    purposes, n = _word_list("org_purposes.txt"), len(toks)
    lead = ("ل",)
    while j + 1 < n and toks[j + 1].sentence == sentence and _ARABIC.search(toks[j + 1].full):
        t = toks[j]
        word = t.core if t.core in purposes else t.full[1:]
        if t.sentence != sentence or t.full[:1] not in lead or word not in purposes:
            break
        j += 2
        if j < n and toks[j].sentence == sentence and toks[j].full.startswith("ال") and toks[j - 1].full[:1] != "ال":
            j += 1  # "لنصرة قضايا الأمة"
        lead = ("و",)
    return j


def _is_modifier(t: _Tok) -> bool:
    """A definite adjective-like word that can continue a name: العسكرية، المشتركة، الإسرائيلية، المغربية."""
    c = t.full
    if not c.startswith("ال") or len(c) < 5 or c in _ANAPHORIC:
        return False
    stem = c[2:]
    return stem.endswith(("ي", "يه", "ه", "ين", "يون")) or (stem.startswith("م") and len(stem) >= 5) \
        or stem in _MODIFIER_WORDS


_MODIFIER_WORDS = frozenset(fold(w) for w in ("عام", "أعلى", "أول", "دائم", "ثلاثي", "ثنائي"))
# modifiers that point back at a name rather than form one (خطة العمل الجديدة، الاتفاق المذكور)
_ANAPHORIC = frozenset(fold(w) for w in ("الجديد", "الجديدة", "المذكور", "المذكورة", "الأخير", "الأخيرة", "الحالي",
                                         "الحالية", "المقبل", "المقبلة", "السابق", "السابقة", "المشار", "الأولى"))


def _lemma(word: str) -> str:
    """Gender-neutral key of a modifier, so العسكري/العسكرية and المشترك/المشتركة compare equal."""
    for suf in ("يه", "ه"):
        if word.endswith(suf) and len(word) > 4:
            return word[: -len(suf)] + ("ي" if suf == "يه" else "")
    return word


def _surnames(mentions: list[Mention]) -> None:
    """A lone surname of an unknown person named in full elsewhere in the document takes that person's key."""
    full = {}
    for m in mentions:
        if m.type == "PERSON" and m.kb is None and " " in m.text.strip():
            last = skeleton(m.text.split()[-1])
            full.setdefault(last, m.key)
    for m in mentions:
        if m.type == "PERSON" and m.kb is None and " " not in m.text.strip():
            k = full.get(skeleton(m.text))
            if k and k != m.key:
                m.key = k
                m.form = "surname"
                m.why += "+surname"
