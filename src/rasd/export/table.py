"""The event table: one CSV row per canonical event, coded CAMEO and PLOVER like GDELT/ICEWS users expect.

Columns (documented in the README; ISO dates, empty when unknown):
``event_id, date_start, date_end, date_precision, type, cameo, plover, summary, participants, participant_ids,
countries, place, place_id, modality, recalled, source_count, sentence_count, first_source_url,
first_source_doc, story``. Lists inside a cell are joined with ``; ``.
"""
from __future__ import annotations

import csv
import io

COLUMNS = ["event_id", "date_start", "date_end", "date_precision", "type", "cameo", "plover", "summary",
           "participants", "participant_ids", "countries", "place", "place_id", "modality", "recalled",
           "source_count", "sentence_count", "first_source_url", "first_source_doc", "story"]


def rows(dossier: dict) -> list[dict]:
    names = {e["id"]: e.get("name_en") or e["name"] for e in dossier["entities"]}
    by_kb = {e["kb"]: e["id"] for e in dossier["entities"] if e.get("kb")}
    docs = {d["id"]: d for d in dossier["documents"]}
    story_of = {x: s["id"] for s in dossier["stories"] for x in s["events"]}
    out = []
    for ev in dossier["events"]:
        doc_ids = list(dict.fromkeys(s["doc"] for s in ev["sources"]))
        ordered = sorted(doc_ids, key=lambda d: (docs[d]["published"].get("start") or "9999", d))
        first = docs[ordered[0]] if ordered else {}
        parts = [p["entity"] for p in ev["participants"]]
        place = ev.get("location")
        out.append({
            "event_id": ev["id"], "date_start": ev["date"]["start"] or "", "date_end": ev["date"]["end"] or "",
            "date_precision": ev["date"]["precision"], "type": ev["type"], "cameo": ev["cameo"] or "",
            "plover": ev["plover"] or "", "summary": ev["summary"],
            "participants": "; ".join(names.get(p) or names.get(by_kb.get(p, "")) or p for p in parts),
            "participant_ids": "; ".join(parts),
            "countries": "; ".join(p.split(":", 1)[1] for p in parts if p.startswith("country:")),
            "place": (names.get(place) or names.get(by_kb.get(place, "")) or place.split(":", 1)[-1]) if place else "",
            "place_id": place or "", "modality": ev["modality"], "recalled": bool(ev["historical"]),
            "source_count": len(doc_ids), "sentence_count": len(ev["sources"]),
            "first_source_url": first.get("url") or "", "first_source_doc": first.get("id", ""),
            "story": story_of.get(ev["id"], ""),
        })
    return out


def write(dossier: dict) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows(dossier))
    return buf.getvalue()
