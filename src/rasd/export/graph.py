"""GraphML for Gephi, Cytoscape or networkx: entities and events as nodes, participation as edges (the role on
the edge), articles as nodes linked to the events they report."""
from __future__ import annotations

import io


def build(dossier: dict):
    import networkx as nx

    g = nx.MultiDiGraph(name="rasd dossier")
    for e in dossier["entities"]:
        g.add_node(e["id"], kind="entity", type=e["type"], label=e.get("name_en") or e["name"], name=e["name"],
                   name_en=e.get("name_en") or "", kb=e.get("kb") or "", aliases="; ".join(e["aliases"]),
                   mentions=len(e.get("mentions", [])))
    alias = {e["kb"]: e["id"] for e in dossier["entities"] if e.get("kb")}
    docs = {d["id"]: d for d in dossier["documents"]}
    for ev in dossier["events"]:
        g.add_node(ev["id"], kind="event", type=ev["type"], label=ev["summary"], cameo=ev["cameo"] or "",
                   plover=ev["plover"] or "", date_start=ev["date"]["start"] or "", date_end=ev["date"]["end"] or "",
                   precision=ev["date"]["precision"], recalled=bool(ev["historical"]),
                   sources=len({s["doc"] for s in ev["sources"]}))
        for p in ev["participants"]:
            node = alias.get(p["entity"], p["entity"])
            if node not in g:
                g.add_node(node, kind="entity", type="", label=node, name=node, name_en="", kb="", aliases="",
                           mentions=0)
            g.add_edge(node, ev["id"], kind="participates", role=p["role"])
        if ev.get("location"):
            node = alias.get(ev["location"], ev["location"])
            if node not in g:
                g.add_node(node, kind="entity", type="LOCATION", label=node, name=node, name_en="", kb="",
                           aliases="", mentions=0)
            g.add_edge(ev["id"], node, kind="located", role="place")
        for d in dict.fromkeys(s["doc"] for s in ev["sources"]):
            if d not in g:
                doc = docs.get(d, {})
                g.add_node(d, kind="article", type="ARTICLE", label=doc.get("title") or d, outlet=doc.get("outlet") or "",
                           url=doc.get("url") or "", published=(doc.get("published") or {}).get("date") or "")
            g.add_edge(d, ev["id"], kind="reports", role="source")
    return g


def write(dossier: dict) -> str:
    import networkx as nx

    buf = io.BytesIO()
    nx.write_graphml(build(dossier), buf, encoding="utf-8")
    return buf.getvalue().decode("utf-8")
