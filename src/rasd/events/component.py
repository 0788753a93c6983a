"""Event-layer pipeline component: event mentions of one document (cross-document resolution runs later).

Writes ``doc.spans["events"]`` (trigger spans, label = event type) and ``doc.annotations["events"]``."""
from __future__ import annotations

from ..model import Document
from ..pipeline import Component
from ..time.component import reanchor
from .anchoring import narrowed_publication
from .claims import claims
from .extract import extract


def events(doc: Document) -> None:
    found = extract(doc)
    narrowed = narrowed_publication(doc, found)
    if narrowed is not None:  # re-anchor the time layer on the narrower publication and read again
        reanchor(doc, *narrowed)
        found = extract(doc)
    doc.annotations["events"] = found
    doc.spans["events"] = [m.trigger for m in found]
    doc.annotations["claims"] = claims(doc)


EVENTS = Component("events/1", frozenset({"body", "sentences", "mentions", "time"}), frozenset({"events"}), events)
