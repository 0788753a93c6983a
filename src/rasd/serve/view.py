"""The dossier as the web UI and JSON API see it: the cached cross-document record (store/record.py) indexed
in memory, with article bodies and per-article analyses read from the store on demand.

Every public method returns plain JSON-able data — what a page's ``.json`` twin answers and what its template
renders — so the HTML and the API can never say different things.
"""
from __future__ import annotations

import threading
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from ..store import Store
from ..store import record as record_cache
from ..text.fold import fold, fold_key

UNDATED = "9999-99-99"


@dataclass(frozen=True, slots=True)
class TimelineQuery:
    start: str | None = None  # YYYY or YYYY-MM or YYYY-MM-DD, inclusive
    end: str | None = None
    type: str | None = None
    entity: str | None = None
    recalled: bool = False  # also the events articles only recall from the past
    limit: int = 300


def _date_key(ev: dict) -> tuple:
    d = ev["date"]
    return (d["start"] or d["end"] or UNDATED, d["end"] or d["start"] or UNDATED, ev["id"])


def _upper(bound: str) -> str:
    """``2022`` as an upper bound means up to the end of 2022 (compared as text with ISO dates)."""
    return bound + "-99-99"[len(bound) - 4:] if len(bound) < 10 else bound


def in_range(first: str | None, last: str | None, lo: str | None, hi: str | None) -> bool:
    """Whether the interval first..last (ISO dates, either may be open) can overlap lo..hi (YYYY, YYYY-MM or
    YYYY-MM-DD, inclusive; None is open). An interval with no known end passes."""
    first, last = first or last, last or first
    return not (lo and last and last < lo or hi and first and first > _upper(hi))


class Dossier:
    """Read-only view of one store. Thread-safe for reads (one SQLite connection behind a lock)."""

    def __init__(self, store: Store, record: dict[str, Any] | None = None):
        self.store = store
        self._lock = threading.Lock()
        rec = record if record is not None else record_cache.load(store)
        self.docs: dict[str, dict] = {}
        for row in store.conn.execute("SELECT id, title, outlet, url, source, fmt, byline, published, "
                                      "published_basis, length(body) FROM documents"):
            meta = rec["documents"].get(row[0], {})
            pub = meta.get("published") or {"date": row[7], "basis": row[8], "start": row[7], "end": row[7]}
            self.docs[row[0]] = {"id": row[0], "title": row[1], "outlet": row[2], "url": row[3], "source": row[4],
                                 "format": row[5], "byline": row[6], "published": pub, "story": meta.get("story"),
                                 "chars": row[9]}
        self.entities: dict[str, dict] = {e["id"]: e for e in rec["entities"]}
        self.by_kb = {e["kb"]: e["id"] for e in rec["entities"] if e.get("kb")}
        self.events: list[dict] = sorted(rec["events"], key=_date_key)
        self.event_by_id = {e["id"]: e for e in self.events}
        self.stories = {s["id"]: s for s in rec["stories"]}
        self.contradictions = rec["contradictions"]
        self.contra_by_subject: dict[str, list[dict]] = defaultdict(list)
        for c in self.contradictions:
            self.contra_by_subject[c["subject"]].append(c)
        self.events_of_entity: dict[str, list[str]] = defaultdict(list)
        self.events_of_doc: dict[str, list[str]] = defaultdict(list)
        self.trigger_event: dict[str, dict[int, str]] = defaultdict(dict)  # doc → trigger start → event
        for ev in self.events:
            ev["documents"] = list(dict.fromkeys(s["doc"] for s in ev["sources"]))
            keys = [p["entity"] for p in ev["participants"]]
            if ev["location"]:  # a place's page lists what happened there
                keys.append(self.by_kb.get(ev["location"], ev["location"]))
            for k in dict.fromkeys(keys):
                self.events_of_entity[k].append(ev["id"])
            for d in ev["documents"]:
                self.events_of_doc[d].append(ev["id"])
            for x in ev["evidence"]:
                self.trigger_event[x["trigger"]["doc"]][x["trigger"]["start"]] = ev["id"]
        self.mentions_of_doc: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        self.docs_of_entity: dict[str, list[str]] = {}
        self.alias_index: dict[str, set[str]] = defaultdict(set)
        for e in self.entities.values():
            for m in e["mentions"]:
                self.mentions_of_doc[m["doc"]].append((m["start"], m["end"], e["id"]))
            self.docs_of_entity[e["id"]] = list(dict.fromkeys(m["doc"] for m in e["mentions"]))
            for name in (e["name"], e.get("name_en"), *e["aliases"], *e.get("alias_usage", {})):
                if name:
                    self.alias_index[fold_key(name)].add(e["id"])
        self.entities_of_doc: dict[str, list[str]] = {
            d: list(dict.fromkeys(eid for _, _, eid in ms)) for d, ms in self.mentions_of_doc.items()}
        self.types = sorted({e["type"] for e in self.events})
        self._cooccurring = lru_cache(maxsize=4096)(self._cooccurring_uncached)
        # the record never changes while it is served: the pages every visitor asks for are made once
        self.timeline = lru_cache(maxsize=256)(self._timeline)  # type: ignore[method-assign]
        self._counts = self._count()
        self._top_stories = [self.story_brief(s) for s in sorted(self.stories.values(),
                                                                key=lambda s: (-len(s["documents"]), s["id"]))[:10]]

    # ------------------------------------------------------------ small helpers
    def name(self, key: str, lang: str = "ar") -> str:
        e = self.entities.get(key) or self.entities.get(self.by_kb.get(key, ""))
        if e is None:
            return key.split(":", 1)[-1].replace("_", " ")
        return (e.get("name_en") or e["name"]) if lang == "en" else (e["name"] or e.get("name_en") or key)

    def resolve_entity(self, name: str) -> str:
        """An entity id from an id, a knowledge-base id, or any name or spelling (the best match)."""
        if name in self.entities:
            return name
        if name in self.by_kb:
            return self.by_kb[name]
        hits = self.find_entities(name, limit=1)
        return hits[0]["id"] if hits else name

    def entity_ref(self, key: str) -> dict:
        e = self.entities.get(key)
        return {"id": key, "name": self.name(key), "name_en": e.get("name_en") if e else None,
                "type": e["type"] if e else None, "known": e is not None}

    def event_brief(self, ev: dict) -> dict:
        return {"id": ev["id"], "type": ev["type"], "cameo": ev["cameo"], "plover": ev["plover"],
                "summary": ev["summary"], "date": ev["date"], "historical": ev["historical"],
                "modality": ev["modality"], "location": ev["location"],
                "place": self.entity_ref(self.by_kb.get(ev["location"], ev["location"])) if ev["location"] else None,
                "participants": [self.entity_ref(p["entity"]) | {"role": p["role"]} for p in ev["participants"]],
                "sources": len(ev["documents"])}

    def doc_brief(self, doc_id: str) -> dict:
        d = self.docs[doc_id]
        return {k: d[k] for k in ("id", "title", "outlet", "url", "published", "story")}

    def _body(self, doc_id: str) -> str:
        with self._lock:
            row = self.store.conn.execute("SELECT body FROM documents WHERE id=?", (doc_id,)).fetchone()
        return row[0] if row else ""

    # ------------------------------------------------------------ pages
    def counts(self) -> dict:
        return dict(self._counts)

    def _count(self) -> dict:
        return {"documents": len(self.docs), "stories": len(self.stories), "entities": len(self.entities),
                "events": len(self.events), "events_reported": sum(not e["historical"] for e in self.events),
                "contradictions": len(self.contradictions),
                "outlets": len({d["outlet"] for d in self.docs.values() if d["outlet"]})}

    def _timeline(self, q: TimelineQuery) -> dict:
        """Dated events matching ``q`` in date order; when more match than ``q.limit``, those reported by the
        most sources are kept (and the page says so)."""
        allowed = set(self.events_of_entity.get(self.resolve_entity(q.entity), [])) if q.entity else None
        chosen = []
        for ev in self.events:
            s, e = ev["date"]["start"], ev["date"]["end"]
            if not (s or e) or (ev["historical"] and not q.recalled):
                continue
            if q.type and ev["type"] != q.type or allowed is not None and ev["id"] not in allowed:
                continue
            if not in_range(s, e, q.start, q.end):
                continue
            chosen.append(ev)
        total = len(chosen)
        if total > q.limit:
            keep = {ev["id"] for ev in sorted(chosen, key=lambda ev: (-len(ev["documents"]), _date_key(ev)))[:q.limit]}
            chosen = [ev for ev in chosen if ev["id"] in keep]
        undated = sum(1 for ev in self.events if not (ev["date"]["start"] or ev["date"]["end"]))
        return {"query": {"from": q.start, "to": q.end, "type": q.type, "entity": q.entity, "recalled": q.recalled,
                          "limit": q.limit},
                "matching": total, "shown": len(chosen), "undated": undated,
                "events": [self.event_brief(ev) for ev in chosen]}

    def home(self, q: TimelineQuery) -> dict:
        return {"counts": self.counts(), "types": self.types, "timeline": self.timeline(q),
                "stories": self._top_stories,
                "contradictions": [self.contradiction(c) for c in self.contradictions[:10]]}

    def story_brief(self, s: dict) -> dict:
        dates = sorted(self.docs[d]["published"].get("date") or self.docs[d]["published"].get("start") or ""
                       for d in s["documents"] if d in self.docs)
        return {"id": s["id"], "title": s["title"], "documents": len(s["documents"]), "events": len(s["events"]),
                "outlets": sorted({self.docs[d]["outlet"] for d in s["documents"] if self.docs.get(d, {}).get("outlet")}),
                "first": next((x for x in dates if x), None)}

    def contradiction(self, c: dict) -> dict:
        about = self.event_by_id.get(c["subject"])
        return {"id": c["id"], "subject": c["subject"], "property": c["property"], "about": c.get("about"),
                "event": self.event_brief(about) if about else None,
                "entity": self.entity_ref(c["subject"]) if c["subject"] in self.entities else None,
                "values": [{"value": v["value"],
                            "sources": [s | {"outlet": self.docs.get(s["doc"], {}).get("outlet"),
                                             "title": self.docs.get(s["doc"], {}).get("title")}
                                        for s in v["sources"]]} for v in c["values"]]}

    def event(self, eid: str) -> dict | None:
        ev = self.event_by_id.get(eid)
        if ev is None:
            return None
        sources = []
        for s in ev["sources"]:
            body = self._body(s["doc"])
            a = body.rfind("\n", 0, s["start"]) + 1
            b = body.find("\n", s["end"])
            b = len(body) if b < 0 else b
            triggers = [x["trigger"] for x in ev["evidence"] if x["trigger"]["doc"] == s["doc"]
                        and s["start"] <= x["trigger"]["start"] < s["end"]]
            dates = [x["date"] for x in ev["evidence"] if x["date"] and x["date"]["doc"] == s["doc"]
                     and s["start"] <= x["date"]["start"] < s["end"]]
            sources.append({"document": self.doc_brief(s["doc"]), "sentence": s,
                            "context": {"start": a, "end": b, "text": body[a:b]},
                            "triggers": triggers, "dates": dates})
        attributes = []
        for k, v in ev["attributes"].items():
            key = self.by_kb.get(v, v) if isinstance(v, str) else None
            attributes.append({"name": k, "value": v,
                               "entity": self.entity_ref(key) if key in self.entities else None})
        return {"event": self.event_brief(ev) | {"attributes": ev["attributes"], "announced": ev["announced"],
                                                  "date": ev["date"]},
                "attributes": attributes,
                "sources": sources,
                "contradictions": [self.contradiction(c) for c in self.contra_by_subject.get(eid, [])],
                "story": next((self.docs[d]["story"] for d in ev["documents"] if d in self.docs), None)}

    def _cooccurring_uncached(self, eid: str) -> tuple[tuple[str, int, int], ...]:
        """Entities seen with ``eid``: (id, shared events, shared documents), strongest first."""
        in_events: Counter = Counter()
        for x in self.events_of_entity.get(eid, []):
            in_events.update({p["entity"] for p in self.event_by_id[x]["participants"]} - {eid})
        in_docs: Counter = Counter()
        for d in self.docs_of_entity.get(eid, []):
            in_docs.update(self.entities_of_doc.get(d, ()))
        in_docs.pop(eid, None)
        keys = set(in_events) | {k for k, _ in in_docs.most_common(40)}
        ranked = sorted(keys, key=lambda k: (-(3 * in_events[k] + in_docs[k]), k))
        return tuple((k, in_events[k], in_docs[k]) for k in ranked[:16])

    def entity(self, eid: str) -> dict | None:
        e = self.entities.get(eid)
        if e is None:
            hits = self.find_entities(eid, limit=1)
            e = self.entities.get(hits[0]["id"]) if hits else None
            if e is None:
                return None
        eid = e["id"]
        used: dict[str, Counter] = defaultdict(Counter)
        for m in e["mentions"]:
            used[m["text"]][self.source_name(m["doc"])] += 1
        usage = e.get("alias_usage", {})
        names = [{"form": form, "usage": usage.get(form, "name"), "pejorative": usage.get(form) == "pejorative",
                  "mentions": sum(c.values()), "by": [{"outlet": o, "mentions": n} for o, n in c.most_common()]}
                 for form, c in sorted(used.items(), key=lambda kv: -sum(kv[1].values()))]
        for form in (*e["aliases"], *usage):
            if form not in used:
                names.append({"form": form, "usage": usage.get(form, "alias"),
                              "pejorative": usage.get(form) == "pejorative", "mentions": 0, "by": []})
        roles = []
        for r in e["roles"]:
            dates = sorted(self._doc_date(s["doc"]) for s in r["sources"])
            roles.append({"title": r["title"], "role": r["role"], "organization": r["organization"],
                          "first": dates[0] if dates else None, "last": dates[-1] if dates else None,
                          "sources": r["sources"]})
        roles.sort(key=lambda r: (r["first"] or "", r["title"]))
        return {"entity": {k: e[k] for k in ("id", "type", "name", "name_en", "aliases", "kb")},
                "names": names, "roles": roles,
                "mentions": len(e["mentions"]), "documents": [self.doc_brief(d) for d in self.docs_of_entity[eid][:50]],
                "document_count": len(self.docs_of_entity[eid]),
                "events": [self.event_brief(self.event_by_id[x]) for x in self.events_of_entity.get(eid, [])[-300:]],
                "event_count": len(self.events_of_entity.get(eid, [])),
                "cooccurring": [self.entity_ref(k) | {"events": ne, "documents": nd}
                                for k, ne, nd in self._cooccurring(eid)],
                "contradictions": [self.contradiction(c) for c in self.contra_by_subject.get(eid, [])]}

    def source_name(self, doc_id: str) -> str:
        """Who wrote an article, for "who used which name": the outlet, else the site, else the title."""
        d = self.docs.get(doc_id) or {}
        if d.get("outlet"):
            return d["outlet"]
        if d.get("url"):
            from urllib.parse import urlsplit
            host = urlsplit(d["url"]).netloc
            if host:
                return host.removeprefix("www.")
        title = d.get("title") or doc_id
        return title if len(title) <= 40 else title[:39] + "…"

    def _doc_date(self, doc_id: str) -> str:
        p = self.docs.get(doc_id, {}).get("published") or {}
        return p.get("date") or p.get("start") or p.get("end") or ""

    def story(self, sid: str) -> dict | None:
        s = self.stories.get(sid)
        if s is None:
            return None
        return {"story": self.story_brief(s) | {"links": s.get("links", [])},
                "documents": [self.doc_brief(d) for d in s["documents"] if d in self.docs],
                "events": [self.event_brief(self.event_by_id[x]) for x in s["events"] if x in self.event_by_id]}

    def article(self, doc_id: str) -> dict | None:
        """An article with every span the analysis found in it: sentences, entity mentions (resolved), date
        expressions, event triggers; the lines cleaning removed, with why."""
        from ..registry import analysis_version
        from ..store.codec import decode

        with self._lock:
            doc = self.store.get(doc_id)
            stored = self.store.analysis(doc.id) if doc else None
        if doc is None:
            return None
        analysed = bool(stored) and decode(doc, stored[1], analysis_version())
        spans: list[dict] = []
        for s in doc.spans.get("sentences", []) if analysed else []:
            spans.append({"kind": "sentence", "start": s.start, "end": s.end})
        for a, b, eid in self.mentions_of_doc.get(doc.id, []):
            e = self.entities[eid]
            spans.append({"kind": "entity", "start": a, "end": b, "entity": eid, "type": e["type"],
                          "name": e["name"], "text": doc.body[a:b]})
        for t in doc.annotations.get("time", []) if analysed else []:
            s, e = t.value.iso()
            spans.append({"kind": "date", "start": t.start, "end": t.end, "text": doc.body[t.start:t.end],
                          "interval": [s, e], "precision": t.precision, "role": t.role})
        for m in doc.annotations.get("events", []) if analysed else []:
            spans.append({"kind": "trigger", "start": m.trigger.start, "end": m.trigger.end, "text": m.trigger.text,
                          "type": m.type, "event": self.trigger_event.get(doc.id, {}).get(m.trigger.start)})
        spans.sort(key=lambda s: (s["start"], -s["end"]))
        meta = self.docs.get(doc.id, {})
        return {"document": {"id": doc.id, "title": doc.title, "outlet": doc.outlet, "byline": doc.byline,
                             "dateline": doc.dateline, "page_date": doc.page_date, "url": doc.url,
                             "source": doc.source, "format": doc.fmt, "language": doc.language,
                             "published": meta.get("published"), "story": meta.get("story"),
                             "body": doc.body, "captions": doc.captions,
                             "removed": [{"text": r.text, "reason": r.reason} for r in doc.removed]},
                "analysed": analysed, "spans": spans,
                "events": [self.event_brief(self.event_by_id[x]) for x in self.events_of_doc.get(doc.id, [])]}

    @cached_property
    def _newest(self) -> list[dict]:
        return sorted(self.docs.values(), key=lambda d: (self._doc_date(d["id"]), d["id"]), reverse=True)

    @cached_property
    def _outlets(self) -> list[dict]:
        per: dict[str, Counter] = defaultdict(Counter)
        for d in self.docs.values():
            o = d["outlet"] or ""
            per[o]["documents"] += 1
            per[o]["events"] += bool(self.events_of_doc.get(d["id"]))
        return [{"outlet": o or None, "documents": c["documents"], "reporting_events": c["events"]}
                for o, c in sorted(per.items(), key=lambda kv: -kv[1]["documents"])]

    @cached_property
    def _ranked(self) -> list[dict]:
        return sorted(self.entities.values(), key=lambda e: (-len(e["mentions"]), e["id"]))

    @cached_property
    def _type_counts(self) -> dict[str, int]:
        return dict(Counter(e["type"] for e in self._ranked).most_common())

    def articles(self, limit: int = 200, offset: int = 0, outlet: str | None = None) -> dict:
        """The sources: articles newest first (optionally of one outlet), and every outlet with its counts."""
        docs = self._newest if outlet is None else [d for d in self._newest if (d["outlet"] or "") == outlet]
        return {"total": len(docs), "offset": offset, "outlet": outlet, "outlets": self._outlets,
                "documents": [self.doc_brief(d["id"]) for d in docs[offset:offset + limit]]}

    def entity_index(self, type: str | None = None, limit: int = 200, offset: int = 0) -> dict:
        """Every entity (of one type), most mentioned first, with its type counts."""
        ranked = self._ranked if not type else [e for e in self._ranked if e["type"] == type]
        return {"total": len(ranked), "offset": offset, "type": type,
                "types": self._type_counts,
                "entities": [self.entity_ref(e["id"]) | {"mentions": len(e["mentions"]),
                                                         "documents": len(self.docs_of_entity[e["id"]]),
                                                         "events": len(self.events_of_entity.get(e["id"], [])),
                                                         "aliases": e["aliases"][:6]}
                             for e in ranked[offset:offset + limit]]}

    def all_contradictions(self) -> dict:
        return {"contradictions": [self.contradiction(c) for c in self.contradictions]}

    def find_entities(self, query: str, limit: int = 20) -> list[dict]:
        """Entities whose name or any alias contains the folded query (so every spelling the articles used is
        searchable); ranked by exact alias match, then mentions."""
        q = fold_key(query)
        if not q:
            return []
        exact = set(self.alias_index.get(q, ()))
        hits = set(exact)
        if len(q) >= 2:
            for alias, ids in self.alias_index.items():
                if q in alias:
                    hits |= ids
        ranked = sorted(hits, key=lambda k: (k not in exact, -len(self.entities[k]["mentions"]), k))[:limit]
        return [self.entity_ref(k) | {"aliases": self.entities[k]["aliases"][:8],
                                      "mentions": len(self.entities[k]["mentions"])} for k in ranked]

    def search(self, query: str, type: str | None = None, start: str | None = None, end: str | None = None,
               entity: str | None = None, limit: int = 50) -> dict:
        """Entities by any spelling, articles by full text (with Arabic folding, and with every spelling of a
        matched entity), events by type, date, entity and words of their sentences; the date and entity filters
        apply to articles too (publication interval, articles mentioning the entity)."""
        from ..text.snippet import snippet

        entities = self.find_entities(query) if query else []
        spellings = [query] if query else []
        for e in entities[:3]:
            ent = self.entities[e["id"]]
            spellings += [a for a in {ent["name"], *ent["aliases"]} if a and fold_key(a) != fold_key(query)][:6]
        ent_docs = set(self.docs_of_entity.get(self.resolve_entity(entity), [])) if entity else None

        def doc_ok(doc_id: str) -> bool:
            """In the entity's articles, published in the date range (an interval that may overlap it)."""
            if ent_docs is not None and doc_id not in ent_docs:
                return False
            p = self.docs.get(doc_id, {}).get("published") or {}
            first, last = p.get("start") or p.get("date"), p.get("end") or p.get("date")
            return not ((start or end) and not (first or last)) and in_range(first, last, start, end)

        docs: dict[str, dict] = {}
        filtered = bool(entity or start or end)
        with self._lock:
            for s in spellings:
                for d, score in self.store.search(s, limit * 5 if filtered else limit):
                    if d.id not in docs and doc_ok(d.id):
                        docs[d.id] = self.doc_brief(d.id) | {"score": round(score, 3),
                                                            "snippet": snippet(d.body, s), "matched": s}
        if not query and filtered:  # no words: the articles the filters select, newest first
            for d in self._newest:
                if len(docs) >= limit:
                    break
                if doc_ok(d["id"]):
                    docs[d["id"]] = self.doc_brief(d["id"])
        fq = fold(query) if query else ""
        ent_ids = {e["id"] for e in entities}
        events = []
        allowed = set(self.events_of_entity.get(self.resolve_entity(entity), [])) if entity else None
        for ev in self.events:
            if type and ev["type"] != type or allowed is not None and ev["id"] not in allowed:
                continue
            s, e = ev["date"]["start"], ev["date"]["end"]
            if (start or end) and not (s or e) or not in_range(s, e, start, end):
                continue
            if fq and not ({p["entity"] for p in ev["participants"]} & ent_ids
                           or any(fq in fold(x["text"]) for x in ev["sources"])):
                continue
            events.append(self.event_brief(ev))
            if len(events) >= limit:
                break
        return {"query": {"q": query, "type": type, "from": start, "to": end, "entity": entity},
                "spellings": spellings, "entities": entities, "documents": list(docs.values())[:limit],
                "events": events}
