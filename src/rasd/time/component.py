"""Time-layer pipeline component: temporal expressions as spans of the body, anchored on the (possibly
inferred) publication date.

Writes ``doc.spans["time"]`` (label = precision), ``doc.annotations["time"]`` (the :class:`Timex` list, for the
event layer), ``doc.annotations["publication"]`` (the inferred interval and its basis) and, when the page
said nothing and the article supports a single day, ``doc.published``.
"""
from __future__ import annotations

from ..model import Document, Published
from ..pipeline import Component
from .publication import Publication, infer
from .timex import Timex, anchor, recognize


def analyze_time(doc: Document) -> tuple[list[Timex], Publication]:
    found = recognize(doc.body)
    captions = [(c, recognize(c)) for c in doc.captions]
    pub = infer(doc.published.date, doc.published.basis, doc.page_date, doc.body, found, captions)
    when = pub.interval if pub.known else None
    return anchor(found, doc.body, when, pub.how()), pub


def time(doc: Document) -> None:
    timexes, pub = analyze_time(doc)
    doc.annotations["time"] = timexes
    doc.annotations["publication"] = pub
    doc.spans["time"] = [doc.span(t.start, t.end, t.precision) for t in timexes]
    if not doc.published.date and pub.known:
        iv = pub.interval
        doc.published = Published(iv.start.isoformat() if iv.precision == "day" else None, "inferred", pub.how(),
                                  *iv.iso())


def reanchor(doc: Document, interval, reason: str) -> None:
    """Resolve the document's expressions again on a narrower publication interval (found by a later layer)."""
    pub = doc.annotations["publication"]
    pub.interval = interval
    pub.basis.append(reason)
    timexes = anchor(recognize(doc.body), doc.body, interval, pub.how())
    doc.annotations["time"] = timexes
    doc.spans["time"] = [doc.span(t.start, t.end, t.precision) for t in timexes]
    if doc.published.basis == "inferred":
        doc.published = Published(interval.start.isoformat() if interval.precision == "day" else None, "inferred",
                                  pub.how(), *interval.iso())


TIME = Component("time/1", frozenset({"body", "captions", "page_date", "published"}), frozenset({"time"}), time)
