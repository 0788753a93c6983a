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
