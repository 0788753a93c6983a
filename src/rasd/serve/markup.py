"""An article body as HTML with its spans marked: sentences, resolved entity mentions, date expressions, event
triggers and one highlighted stretch.

Spans may overlap (a date inside a trigger's sentence, a highlight across entities), and HTML elements must
nest, so the body is cut at every span boundary and each piece is wrapped in the marks that cover it. All
text is escaped; only the marks are markup.
"""
from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from markupsafe import Markup, escape


def mark_body(body: str, spans: list[dict], href: Callable[[str, str], str],
              highlight: tuple[int, int] | None = None) -> Markup:
    sentences = sorted((s["start"], s["end"]) for s in spans if s["kind"] == "sentence")
    marks = [s for s in spans if s["kind"] != "sentence"]
    if highlight and 0 <= highlight[0] < highlight[1] <= len(body):
        marks.append({"kind": "highlight", "start": highlight[0], "end": highlight[1]})
    cuts = {0, len(body)}
    for s in marks:
        cuts.update((s["start"], s["end"]))
    for a, b in sentences:
        cuts.update((a, b))
    cuts = sorted(c for c in cuts if 0 <= c <= len(body))
    starts = {a: b for a, b in sentences}
    ends = {b for _, b in sentences}
    out: list[str] = []
    first_highlight = True
    for a, b in pairwise(cuts):
        if a in starts:
            out.append(f'<span class="sent" id="s{a}">')
        piece = str(escape(body[a:b]))
        cover = [s for s in marks if s["start"] <= a and b <= s["end"] and s["start"] < s["end"]]
        date = next((s for s in cover if s["kind"] == "date"), None)
        if date:
            iv = date.get("interval") or [None, None]
            title = f'{iv[0] or "?"} – {iv[1] or "?"} ({date.get("precision") or "?"})' if any(iv) else ""
            attr = f' title="{escape(title)}"' if title else ""
            piece = f'<span class="date"{attr}>{piece}</span>'
        ent = next((s for s in cover if s["kind"] == "entity"), None)
        trg = next((s for s in cover if s["kind"] == "trigger"), None)
        if trg and trg.get("event") and not ent:  # a link cannot hold the entity's link
            piece = (f'<a class="trigger" href="{escape(href("event", trg["event"]))}" '
                     f'title="{escape(trg["type"])}">{piece}</a>')
        elif trg:
            piece = f'<span class="trigger" title="{escape(trg["type"])}">{piece}</span>'
        if ent:
            piece = (f'<a class="ent e-{escape(ent["type"].lower())}" href="{escape(href("entity", ent["entity"]))}" '
                     f'title="{escape(ent["name"])}">{piece}</a>')
        if any(s["kind"] == "highlight" for s in cover):
            piece = f'<mark{" id=hl" if first_highlight else ""}>{piece}</mark>'
            first_highlight = False
        out.append(piece)
        if b in ends:
            out.append("</span>")
    return Markup("".join(out))


def mark_sentence(context: dict, sentence: dict, triggers: list[dict], dates: list[dict]) -> Markup:
    """A paragraph with the evidence sentence highlighted, its trigger words and date words emphasised."""
    base, text = context["start"], context["text"]
    spans = [{"kind": "trigger", "start": t["start"] - base, "end": t["end"] - base, "type": "", "event": None}
             for t in triggers]
    spans += [{"kind": "date", "start": d["start"] - base, "end": d["end"] - base} for d in dates]
    return mark_body(text, spans, lambda kind, key: "#", (sentence["start"] - base, sentence["end"] - base))
