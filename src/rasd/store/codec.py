"""Per-document analysis as JSON for the store: what the language, resolve, time and event layers found.

Stored so that export, timeline and the UI resolve across documents without re-reading every article, and so
that adding an article costs its own analysis only. Each record carries the versioned component names it was
made with; a record made by other versions is ignored and the document analysed again.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..model import Document, Published, Span
from ..resolve.link import Linked, Mention, RoleMention
from ..time.interval import Interval
from ..time.publication import Publication
from ..time.timex import Timex

FORMAT = 1


def _iv(iv: Interval | None) -> list | None:
    return list(iv.iso()) if iv is not None else None


def _univ(x) -> Interval:
    from datetime import date
    if not x:
        return Interval()
    return Interval(date.fromisoformat(x[0]) if x[0] else None, date.fromisoformat(x[1]) if x[1] else None)


@dataclass(frozen=True, slots=True)
class StoredSpec:
    """What a stored temporal expression keeps of its spec: whether it needed an anchor, and its weekday."""
    fixed: bool
    weekday: int | None = None


def encode(doc: Document, version: str) -> str:
    linked: Linked = doc.annotations.get("linked") or Linked()
    index = {id(m): i for i, m in enumerate(linked.mentions)}
    pub: Publication | None = doc.annotations.get("publication")
    data: dict[str, Any] = {
        "format": FORMAT, "version": version,
        "sentences": [[s.start, s.end] for s in doc.spans.get("sentences", [])],
        "entities": [[s.start, s.end, s.label] for s in doc.spans.get("entities", [])]
        or doc.annotations.get("entity_spans", []),
        "mentions": [[m.start, m.end, m.text, m.type, m.kb, m.key, m.score, m.why, m.form, m.sentence, m.name]
                     for m in linked.mentions],
        "roles": [[index.get(id(r.person)), r.role, r.title, r.of, r.start, r.end] for r in linked.roles],
        "time": [[t.start, t.end, t.text, _iv(t.value), t.basis, t.role, t.check, t.spec.fixed,
                  getattr(t.spec, "weekday", None)] for t in doc.annotations.get("time", [])],
        "publication": {"interval": _iv(pub.interval), "basis": pub.basis, "conflicts": pub.conflicts} if pub else None,
        "published": [doc.published.date, doc.published.basis, doc.published.detail, doc.published.start,
                      doc.published.end],
        "events": [_event(e) for e in doc.annotations.get("events", [])],
        "claims": [[c.subject, c.property, c.value, c.span.start, c.span.end] for c in doc.annotations.get("claims", [])],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _span(s: Span | None) -> list | None:
    return [s.start, s.end, s.label] if s is not None else None


def _event(e) -> dict:
    return {"type": e.type, "trigger": _span(e.trigger), "sentence": _span(e.sentence),
            "participants": [[p.key, p.role, _span(p.span), p.via] for p in e.participants],
            "location": e.location, "date": _iv(e.date), "date_basis": e.date_basis, "date_span": _span(e.date_span),
            "own_date": e.own_date, "weekday": e.weekday, "attributes": e.attributes, "modality": e.modality,
            "historical": e.historical, "anaphoric": e.anaphoric, "announced": _iv(e.announced)}


def decode(doc: Document, text: str, version: str) -> bool:
    """Restore a stored analysis onto ``doc``; False when it was made by other component versions."""
    from ..events.claims import Claim
    from ..events.model import EventMention, Participant

    data = json.loads(text)
    if data.get("format") != FORMAT or data.get("version") != version:
        return False

    def sp(x, label: str = "") -> Span | None:
        return doc.span(x[0], x[1], x[2] if len(x) > 2 else label) if x is not None else None
    doc.spans["sentences"] = [doc.span(s, e, "sentence") for s, e in data["sentences"]]
    # spans other than sentences are rebuilt on demand (``spans_of``): thousands of documents' worth of Span
    # objects, each holding its text, would double what cross-document resolution needs in memory
    doc.annotations["entity_spans"] = data["entities"]
    mentions = [Mention(*m) for m in data["mentions"]]
    roles = [RoleMention(mentions[i], role, title, of, s, e) for i, role, title, of, s, e in data["roles"]
             if i is not None]
    doc.annotations["linked"] = Linked(mentions, roles)
    doc.annotations["time"] = [Timex(s, e, t, StoredSpec(fixed, wd), _univ(v), basis, role, check)
                               for s, e, t, v, basis, role, check, fixed, wd in data["time"]]
    if data["publication"] is not None:
        p = data["publication"]
        doc.annotations["publication"] = Publication(_univ(p["interval"]), p["basis"], p["conflicts"])
    doc.published = Published(*data["published"])
    events = []
    for e in data["events"]:
        events.append(EventMention(
            doc=doc.id, type=e["type"], trigger=sp(e["trigger"]), sentence=sp(e["sentence"]),
            participants=[Participant(k, r, sp(s), via) for k, r, s, via in e["participants"]],
            location=e["location"], date=_univ(e["date"]), date_basis=e["date_basis"], date_span=sp(e["date_span"]),
            own_date=e["own_date"], weekday=e["weekday"], attributes=e["attributes"], modality=e["modality"],
            historical=e["historical"], anaphoric=e["anaphoric"],
            announced=_univ(e["announced"]) if e.get("announced") else None))
    doc.annotations["events"] = events
    doc.annotations["claims"] = [Claim(subj, prop, val, doc.span(s, e, "claim")) for subj, prop, val, s, e in
                                 data["claims"]]
    return True


def spans_of(doc: Document) -> None:
    """Rebuild the span layers of a document restored by :func:`decode` (for display)."""
    doc.spans["entities"] = [doc.span(s, e, t) for s, e, t in doc.annotations.get("entity_spans", [])]
    linked = doc.annotations.get("linked")
    doc.spans["mentions"] = [doc.span(m.start, m.end, m.key) for m in (linked.mentions if linked else [])]
    doc.spans["time"] = [doc.span(t.start, t.end, t.precision) for t in doc.annotations.get("time", [])]
    doc.spans["events"] = [m.trigger for m in doc.annotations.get("events", [])]
