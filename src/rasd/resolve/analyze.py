"""Run the language and resolve layers over stored documents and resolve entities across them."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Document
from ..registry import analysis_pipeline
from .entities import Entity, resolve
from .translit import transliterate


@dataclass(slots=True)
class Analysis:
    documents: list[Document]
    entities: list[Entity]


def analyze(documents: Iterable[Document]) -> Analysis:
    pipe = analysis_pipeline()
    docs = [pipe(d) for d in documents]
    linked = {d.id: (d.body, d.annotations["linked"]) for d in docs}
    return Analysis(docs, resolve(linked, transliterate=transliterate))


def entity_json(e: Entity) -> dict:
    return {
        "id": e.id,
        "type": e.type,
        "name": e.name,
        "name_en": e.name_en,
        "aliases": e.aliases,
        "alias_usage": e.usages,
        "kb": e.kb,
        "roles": [{"title": r.title, "role": r.role, "organization": r.organization,
                   "sources": [s.as_dict() for s in r.sources]} for r in e.roles],
        "mentions": [{**s.as_dict(), "form": m.form, "score": m.score, "why": m.why} for s, m in e.mentions],
    }
