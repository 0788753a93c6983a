"""Human-readable summaries of documents for the terminal."""
from __future__ import annotations

from .model import Document


def describe(doc: Document, body: bool = False, width: int = 100) -> str:
    pub = f"{doc.published.date} ({doc.published.basis})" if doc.published.date else "unknown"
    lines = [
        f"■ {doc.id}",
        f"  title     {doc.title or '—'}",
        f"  outlet    {doc.outlet or '—'}    byline {doc.byline or '—'}    dateline {doc.dateline or '—'}",
        f"  published {pub}    page date {doc.page_date or '—'}    language {doc.language}",
        f"  body      {len(doc.body.split())} words in {doc.body.count(chr(10) * 2) + 1 if doc.body else 0} paragraphs"
        f" — {doc.body[:width].replace(chr(10), ' ')}…",
    ]
    if doc.captions:
        lines.append(f"  captions  {len(doc.captions)}: " + " | ".join(c[:60] for c in doc.captions))
    if doc.removed:
        lines.append(f"  removed   {len(doc.removed)} lines:")
        lines += [f"     − {r.reason}: {r.text[:70]}" for r in doc.removed]
    if body:
        lines += ["", doc.body]
    return "\n".join(lines)


def describe_record(data: dict) -> str:
    """The record a dossier holds, for a person: stories, the timeline of news events, contradictions."""
    names = {e["id"]: e.get("name_en") or e["name"] for e in data.get("entities", [])}
    titles = {d["id"]: d.get("title") or d["id"] for d in data.get("documents", [])}
    out = [f"\nstories ({len(data['stories'])}):"]
    for s in data["stories"]:
        out.append(f"  • {len(s['documents'])} article{'s' if len(s['documents']) > 1 else ''}: "
                   + " | ".join(titles[d][:60] for d in s["documents"]))
    news = [e for e in data["events"] if not e.get("historical")]
    out.append(f"\ntimeline ({len(news)} news events, {len(data['events']) - len(news)} recalled from the past):")
    for e in news:
        d = e["date"]
        when = d["start"] if d["start"] and d["start"] == d["end"] else f"{d['start'] or '?'}..{d['end'] or '?'}"
        docs = {s["doc"] for s in e["sources"]}
        who = ", ".join(names.get(p["entity"], p["entity"]) for p in e["participants"][:4])
        out.append(f"  {when:23} {d['precision']:6} {e['type']:19} {len(docs)} src  {who}")
    out.append(f"\ncontradictions ({len(data['contradictions'])}):")
    for c in data["contradictions"]:
        vals = "  vs  ".join(f"{v['value']} «{v['sources'][0]['text']}»" for v in c["values"])
        out.append(f"  {c.get('about') or c['property']}: {vals}")
    return "\n".join(out)
