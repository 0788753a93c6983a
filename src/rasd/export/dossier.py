"""The dossier export, schema ``rasd.dossier/1`` (documented in the README and in dossier.schema.json)."""
from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from pathlib import Path

from ..model import Document
from ..store import Store

SCHEMA_ID = "rasd.dossier/1"


@cache
def json_schema() -> dict:
    return json.loads(resources.files(__package__).joinpath("dossier.schema.json").read_text(encoding="utf-8"))


def document_json(doc: Document, story: str) -> dict:
    return {
        "id": doc.id,
        "source": doc.source,
        "title": doc.title,
        "outlet": doc.outlet,
        "byline": doc.byline,
        "dateline": doc.dateline,
        "page_date": doc.page_date,
        "published": {"date": doc.published.date, "basis": doc.published.basis,
                      "start": doc.published.start or doc.published.date, "end": doc.published.end or doc.published.date,
                      "detail": doc.published.detail},
        "language": doc.language,
        "body": doc.body,
        "removed": [r.text for r in doc.removed],
        "removed_reasons": [r.reason for r in doc.removed],
        "captions": doc.captions,
        "url": doc.url,
        "story": story,
        "dates": [{"start": t.value.iso()[0], "end": t.value.iso()[1], "precision": t.precision,
                   "span": doc.span(t.start, t.end).as_dict(), "relative": t.relative, "role": t.role, "basis": t.basis}
                  for t in doc.annotations.get("time", [])],
    }


def build(store: Store) -> dict:
    """The whole dossier; the cross-document part is cached in the store on the way (``store.record``)."""
    from ..resolve.analyze import analyze
    from ..store import record

    analysis = analyze(store.documents(light=True), store)
    rec = record.from_analysis(analysis)
    if not store.readonly:
        record.save(store, rec)
    return {
        "schema": SCHEMA_ID,
        "generated_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "documents": [document_json(doc, analysis.story_of[doc.id]) for doc in analysis.documents],
        "stories": rec["stories"],
        "entities": rec["entities"],
        "events": rec["events"],
        "contradictions": rec["contradictions"],
    }


def validate(dossier: dict) -> None:
    """Raise jsonschema.ValidationError if ``dossier`` breaks the schema, ValueError if a span is off."""
    import jsonschema

    jsonschema.validate(dossier, json_schema())
    bodies = {d["id"]: d["body"] for d in dossier["documents"]}
    spans = [m for e in dossier["entities"] for m in e.get("mentions", [])]
    spans += [s for e in dossier["events"] for s in e.get("sources", [])]
    spans += [s for c in dossier["contradictions"] for v in c["values"] for s in v.get("sources", [])]
    spans += [x for e in dossier["events"] for ev in e.get("evidence", []) for x in ev.values()
              if isinstance(x, dict)]
    spans += [t["span"] for d in dossier["documents"] for t in d.get("dates", [])]
    for s in spans:
        if bodies.get(s["doc"], "")[s["start"]:s["end"]] != s["text"]:
            raise ValueError(f"span {s} does not match the body of {s['doc']}")


def write(store: Store, out: str | Path) -> dict:
    dossier = build(store)
    validate(dossier)
    Path(out).write_text(json.dumps(dossier, ensure_ascii=False, indent=1), encoding="utf-8")
    return dossier
