"""Resolve-stage pipeline component: link the document's mentions to the knowledge base (or mark them unknown).

Writes ``doc.spans["mentions"]`` (label = KB id or unknown key) and keeps the full result (scores, reasons, roles)
in ``doc.annotations["linked"]`` for cross-document resolution.
"""
from __future__ import annotations

from functools import cache

from ..model import Document
from ..pipeline import Component
from .link import Linker


@cache
def _linker() -> Linker:
    return Linker()


def link(doc: Document) -> None:
    linked = _linker().link(doc)
    doc.annotations["linked"] = linked
    doc.spans["mentions"] = [doc.span(m.start, m.end, m.key) for m in linked.mentions]


LINK = Component("link/1", frozenset({"body", "sentences", "tokens", "entities"}), frozenset({"mentions"}), link)
