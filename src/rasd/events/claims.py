"""Claims sources make about a subject, and where they disagree.

A claim is (subject entity, property, value) with the span that states it. Today's claim kind is the rank of a
country in a series of states ("رابع بلد عربي يطبع", "الدولة العربية السادسة التي توقع"), an ordinal that
outlets count differently; the subject is the nearest country named before it in the sentence.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ..model import Document, Span, make_id
from ..text.fold import FoldMap, fold
from .lexicon import lexicon


@dataclass(slots=True)
class Claim:
    subject: str  # entity key in its document
    property: str
    value: str
    span: Span


def _pattern() -> re.Pattern:
    lex = lexicon()
    spec = lex.claims["rank_among_arab_states"]
    ords = "|".join(sorted((re.escape(o) for o in lex.ordinals if not o.startswith("ال")), key=len, reverse=True))
    dords = "|".join(sorted((re.escape(o) for o in lex.ordinals if o.startswith("ال")), key=len, reverse=True))
    nouns = [fold(n) for n in spec["nouns"]]
    adjs = [fold(a) for a in spec["adjectives"]]
    bare_n = "|".join(n for n in nouns if not n.startswith("ال"))
    def_n = "|".join(n for n in nouns if n.startswith("ال"))
    bare_a = "|".join(a for a in adjs if not a.startswith("ال"))
    def_a = "|".join(a for a in adjs if a.startswith("ال"))
    return re.compile(rf"(?<!\w)(?:(?P<o1>{ords})\s+(?:{bare_n})\s+(?:{bare_a})"
                      rf"|(?:{def_n})\s+(?:{def_a})\s+(?P<o2>{dords}))(?!\w)")


_RANK: list[re.Pattern] = []


def claims(doc: Document) -> list[Claim]:
    if not _RANK:
        _RANK.append(_pattern())
    lex = lexicon()
    fm = FoldMap(doc.body)
    linked = doc.annotations.get("linked")
    countries = sorted((m for m in (linked.mentions if linked else []) if m.key.startswith("country:")),
                       key=lambda m: m.start)
    out = []
    for sent in doc.spans.get("sentences", []):
        a = fm.folded(sent.start)
        b = fm.folded(sent.end)
        for m in _RANK[0].finditer(fm.text, a, b):
            s, e = fm.span(m.start(), m.end())
            before = [c for c in countries if sent.start <= c.start < s]
            if not before:
                continue
            value = lex.ordinals[m.group("o1") or m.group("o2")]
            out.append(Claim(before[-1].key, "rank_among_arab_states", str(value), doc.span(s, e, "claim")))
    return out


def contradictions(all_claims: list[tuple[str, Claim]], key_of) -> list[dict]:
    """Claims on one (subject, property) whose values differ between or within sources."""
    by: dict[tuple[str, str], dict[str, list[Span]]] = defaultdict(lambda: defaultdict(list))
    for doc, c in all_claims:
        by[(key_of(doc, c.subject), c.property)][c.value].append(c.span)
    out = []
    for (subject, prop), values in sorted(by.items()):
        if len(values) < 2:
            continue
        out.append({"id": make_id("contra", subject, prop), "subject": subject, "property": prop,
                    "about": f"{prop.replace('_', ' ')} of {subject}",
                    "values": [{"value": v, "sources": [s.as_dict() for s in spans]}
                               for v, spans in sorted(values.items())]})
    return out
