"""The cross-document record — entities, canonical events, stories, contradictions and each document's story
and publication interval — as plain JSON, cached in the store.

Resolving across 30k articles takes about a minute; the web server and the exports read the cached record
instead. The cache key is the record format, the analysis version (a digest of the code, lexicons and model)
and the store's fingerprint (documents are only ever added), so a stale record is never served: any new
document or new rasd version builds it again.
"""
from __future__ import annotations

import json
import zlib
from typing import Any

from .sqlite import Store

FORMAT = 1


def key(store: Store) -> str:
    from ..registry import analysis_version
    return f"{FORMAT}|{analysis_version()}|{store.fingerprint()}"


def from_analysis(analysis) -> dict[str, Any]:
    """The record of an :class:`rasd.resolve.analyze.Analysis` (the dossier's shapes, without the bodies)."""
    from ..resolve.analyze import entity_json, event_json

    entities = [entity_json(e) for e in analysis.entities]
    names = {e["id"]: e.get("name_en") or e["name"] for e in entities}
    documents = {}
    for d in analysis.documents:
        p = d.published
        documents[d.id] = {"story": analysis.story_of.get(d.id),
                           "published": {"date": p.date, "basis": p.basis, "start": p.start or p.date,
                                         "end": p.end or p.date, "detail": p.detail}}
    return {"format": FORMAT, "documents": documents, "entities": entities,
            "events": [event_json(ev, names) for ev in analysis.events],
            "stories": list(analysis.stories), "contradictions": list(analysis.contradictions)}


def save(store: Store, record: dict[str, Any]) -> None:
    store.save_record(key(store), zlib.compress(json.dumps(record, ensure_ascii=False).encode("utf-8"), 6))


def load(store: Store) -> dict[str, Any]:
    """The current record: the cached one when it is current, else resolved now (and cached, unless the store
    is open read-only)."""
    blob = store.record(key(store))
    if blob is not None:
        return json.loads(zlib.decompress(blob))
    from ..resolve.analyze import analyze

    record = from_analysis(analyze(store.documents(light=True), None if store.readonly else store))
    if not store.readonly:
        save(store, record)
    return record
