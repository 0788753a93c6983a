"""FollowTheMoney entities (JSON lines) for Aleph and the FtM tools, built with the ``followthemoney`` library
so that every property is one its schema knows.

Mapping: PERSON → Person; ORGANIZATION → Organization; a country (GPE with a country code) → PublicBody
with ``country``/``jurisdiction`` (FtM has no Country schema, and an Event's ``involved`` must be a legal
entity: the state is what acts); other places → Address; each canonical event → Event (``startDate``/
``endDate`` at the precision the articles allow, ``involved``, ``location``, CAMEO/PLOVER in ``keywords``,
articles in ``proof``); each article → Article; each entity mention → Mention (name as written, resolved
entity, article). Agreements and named events stay in the events' attributes. IDs are deterministic
(``make_id`` over rasd's own ids).
"""
from __future__ import annotations

import json
from collections.abc import Iterator

SCHEMA_OF = {"PERSON": "Person", "ORGANIZATION": "Organization", "LOCATION": "Address"}


def _prefix_date(iso: str | None, precision: str) -> str | None:
    """FtM dates may be prefixes: a month-precise event is ``2022-07``, a year ``2022``."""
    if not iso:
        return None
    if precision == "year":
        return iso[:4]
    if precision == "month":
        return iso[:7]
    return iso


def entities(dossier: dict) -> Iterator[dict]:
    try:
        from followthemoney import model
    except ImportError as exc:  # pragma: no cover - the message is the point
        raise RuntimeError("the ftm export needs the followthemoney library: pip install 'rasd[ftm]'") from exc

    ids: dict[str, str] = {}
    schema_of: dict[str, str] = {}
    for e in dossier["entities"]:
        country = e["id"].split(":", 1)[1] if e["id"].startswith("country:") else None
        schema = "PublicBody" if country else SCHEMA_OF.get(e["type"], "Address" if e["type"] == "GPE" else None)
        if schema is None:
            continue
        proxy = model.make_entity(schema)
        proxy.make_id("rasd", e["id"])
        if schema == "Address":
            proxy.add("full", e["name"])
        proxy.add("name", e["name"])
        proxy.add("name", e.get("name_en"))
        proxy.add("alias", [a for a in e["aliases"] if a != e["name"]])
        if country:
            proxy.add("country", country.lower())
            proxy.add("jurisdiction", country.lower())
        if schema == "Person":
            proxy.add("position", sorted({r["title"] for r in e.get("roles", [])}))
        if e.get("kb"):
            proxy.add("notes", f"rasd knowledge base: {e['kb']}")
        ids[e["id"]] = proxy.id
        if e.get("kb"):
            ids.setdefault(e["kb"], proxy.id)
        schema_of[e["id"]] = schema
        yield proxy.to_dict()
    place_names = {k: e["name"] for e in dossier["entities"] for k in (e["id"], e.get("kb")) if k}
    docs: dict[str, str] = {}
    for d in dossier["documents"]:
        proxy = model.make_entity("Article")
        proxy.make_id("rasd", d["id"])
        proxy.add("title", d.get("title") or d["id"])
        proxy.add("bodyText", d["body"])
        proxy.add("publisher", d.get("outlet"))
        proxy.add("author", d.get("byline"))
        proxy.add("sourceUrl", d.get("url"))
        proxy.add("fileName", d.get("source"))
        proxy.add("language", "ara" if d.get("language") == "ar" else None)
        proxy.add("publishedAt", d["published"].get("date"))
        docs[d["id"]] = proxy.id
        yield proxy.to_dict()
    for ev in dossier["events"]:
        proxy = model.make_entity("Event")
        proxy.make_id("rasd", ev["id"])
        proxy.add("name", ev["summary"])
        proxy.add("summary", " / ".join(s["text"] for s in ev["sources"][:3]))
        prec = ev["date"]["precision"]
        s, e = ev["date"]["start"], ev["date"]["end"]
        if s and (s == e or prec in ("month", "year")):
            proxy.add("date", _prefix_date(s, prec))
        else:
            proxy.add("startDate", _prefix_date(s, prec))
            proxy.add("endDate", _prefix_date(e, prec))
        involved = [ids[p["entity"]] for p in ev["participants"] if p["entity"] in ids
                    and schema_of.get(p["entity"]) != "Address"]
        proxy.add("involved", involved)
        proxy.add("country", [p["entity"].split(":", 1)[1].lower() for p in ev["participants"]
                              if p["entity"].startswith("country:")])
        if ev.get("location"):
            proxy.add("location", place_names.get(ev["location"], ev["location"].split(":", 1)[-1]))
        proxy.add("keywords", [ev["type"], f"CAMEO:{ev['cameo']}" if ev["cameo"] else None,
                               f"PLOVER:{ev['plover']}" if ev["plover"] else None])
        proxy.add("proof", [docs[x] for x in dict.fromkeys(s["doc"] for s in ev["sources"]) if x in docs])
        yield proxy.to_dict()
    for e in dossier["entities"]:
        if e["id"] not in ids:
            continue
        seen = set()
        for m in e.get("mentions", []):
            if (m["doc"], m["text"]) in seen or m["doc"] not in docs:
                continue
            seen.add((m["doc"], m["text"]))
            proxy = model.make_entity("Mention")
            proxy.make_id("rasd", e["id"], m["doc"], m["text"])
            proxy.add("name", m["text"])
            proxy.add("resolved", ids[e["id"]])
            proxy.add("document", docs[m["doc"]])
            proxy.add("detectedSchema", schema_of[e["id"]])
            yield proxy.to_dict()


def write(dossier: dict) -> str:
    return "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in entities(dossier))
