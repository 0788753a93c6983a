"""Server-drawn SVG: the dossier timeline and an entity's neighbourhood.

Drawn here rather than by a charting library in the browser: the pictures must render with JavaScript off,
under a Content-Security-Policy that forbids inline script and style, in the offline HTML export, and with no
CDN — and they are a few dozen shapes. Every text that comes from an article is escaped.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, timedelta

from markupsafe import Markup, escape

LANE_ORDER = ["SIGN_AGREEMENT", "MEET", "VISIT", "EXERCISE", "PROCUREMENT", "ESTABLISH_RELATIONS",
              "SEVER_RELATIONS", "STATEMENT", "PROTEST", "OTHER"]
_ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def digits(text: str, style: str) -> str:
    return str(text).translate(_ARABIC_DIGITS) if style == "arab" else str(text)


def _day(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None


def _months(d: date) -> int:
    return d.year * 12 + d.month - 1


def _ticks(lo: date, hi: date) -> list[tuple[date, str]]:
    """Month-aligned ticks, at most about ten."""
    span = _months(hi) - _months(lo) + 1
    step = next((s for s in (1, 2, 3, 6, 12, 24, 60, 120) if span / s <= 10), 240)
    m = _months(lo) + (-_months(lo)) % step
    out = []
    while m <= _months(hi):
        d = date(m // 12, m % 12 + 1, 1)
        if d >= lo:
            out.append((d, f"{d.year}" if step >= 12 else f"{d.year}-{d.month:02d}"))
        m += step
    return out


def timeline(events: list[dict], href: Callable[[str, str], str], label: Callable[[str], str], rtl: bool = True,
             digit_style: str = "latn", width: int = 1100) -> Markup:
    """Events (``event_brief`` dicts, in date order) on a time axis, one lane per event type. A marker's area
    grows with the number of sources; an event known only to a month, season or year gets a bar over its
    whole interval, the marker at its middle. Each marker links to its event page."""
    dated = [(ev, _day(ev["date"]["start"]) or _day(ev["date"]["end"]), _day(ev["date"]["end"]) or
              _day(ev["date"]["start"])) for ev in events]
    dated = [(ev, s, e) for ev, s, e in dated if s and e]
    if not dated:
        return Markup('<svg class="timeline" role="img" viewBox="0 0 400 40" width="400" height="40"></svg>')
    lanes = [t for t in LANE_ORDER if any(ev["type"] == t for ev, _, _ in dated)]
    lanes += sorted({ev["type"] for ev, _, _ in dated} - set(lanes))
    top, label_w, pad, row_h, max_rows = 34, 150, 18, 16, 6
    lo, hi = min(s for _, s, _ in dated), max(e for _, _, e in dated)
    if (hi - lo).days < 30:
        lo, hi = lo - timedelta(days=15), hi + timedelta(days=15)
    x0, x1 = (pad, width - label_w - pad) if rtl else (label_w + pad, width - pad)
    total = (hi - lo).days + 1

    def x(d: date, frac: float = 0.0) -> float:
        v = ((d - lo).days + frac) / total
        return round(x1 - v * (x1 - x0), 1) if rtl else round(x0 + v * (x1 - x0), 1)

    # where each marker goes: its x from the date; within its lane, the first row where it does not cover
    # another marker (greedy interval packing, at most six rows: a crowded month stays readable)
    placed, shapes = [], []
    rows_of: dict[str, list[float]] = {t: [] for t in lanes}
    for ev, s, e in dated:
        n = max(1, ev["sources"])
        r = min(14.0, 4.5 + 3.0 * math.sqrt(n - 1))
        uncertain = e > s
        cx = x(s, ((e - s).days + 1) / 2) if uncertain else x(s, 0.5)
        bar = sorted((x(s), x(e, 1.0))) if uncertain else [cx, cx]
        shapes.append((min(cx - r, bar[0]), max(cx + r, bar[1]), ev, s, e, n, r, uncertain, cx, bar))
    for left, right, ev, s, e, n, r, uncertain, cx, bar in sorted(shapes, key=lambda sh: sh[0]):  # left to right
        rows = rows_of[ev["type"]]
        row = next((k for k, end_ in enumerate(rows) if end_ < left - 2), None)
        if row is None:
            if len(rows) < max_rows:
                rows.append(right)
                row = len(rows) - 1
            else:
                row = min(range(len(rows)), key=rows.__getitem__)
        rows[row] = max(rows[row], right)
        placed.append((ev, s, e, n, r, uncertain, cx, bar, row))
    heights = {t: max(38, len(rows_of[t]) * row_h + 14) for t in lanes}
    lane_top, y = {}, top
    for t in lanes:
        lane_top[t], y = y, y + heights[t]
    height = y + 10
    out = [(f'<svg class="timeline" role="img" aria-label="timeline" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" direction="ltr" xmlns="http://www.w3.org/2000/svg">')]
    for i, t in enumerate(lanes):
        out.append(f'<rect class="lane lane-{i % 2}" x="0" y="{lane_top[t]}" width="{width}" height="{heights[t]}"/>')
        lx = width - 8 if rtl else 8
        anchor = "end" if rtl else "start"
        out.append(f'<text class="lane-label" x="{lx}" y="{lane_top[t] + heights[t] / 2 + 4}" text-anchor="{anchor}">'
                   f'{escape(label(t))}</text>')
    for d, text in _ticks(lo, hi):
        xx = x(d)
        out.append(f'<line class="tick" x1="{xx}" x2="{xx}" y1="{top - 6}" y2="{height - 10}"/>'
                   f'<text class="tick-label" x="{xx}" y="{top - 10}" text-anchor="middle">'
                   f'{escape(digits(text, digit_style))}</text>')
    where = {id(p[0]): p for p in placed}
    for ev, _s, _e in dated:  # drawn in the given (date) order
        _, s, e, n, r, uncertain, cx, bar, row = where[id(ev)]
        rows = len(rows_of[ev["type"]])
        cy = lane_top[ev["type"]] + heights[ev["type"]] / 2 + (row - (rows - 1) / 2) * row_h
        when = ev["date"]["start"] if not uncertain else f"{ev['date']['start'] or '?'} – {ev['date']['end'] or '?'}"
        tip = f"{label(ev['type'])} · {digits(when, digit_style)} · {digits(n, digit_style)} · {ev['summary']}"
        cls = "ev" + (" recalled" if ev.get("historical") else "") + (" uncertain" if uncertain else "")
        out.append(f'<a class="{cls}" href="{escape(href("event", ev["id"]))}" data-id="{escape(ev["id"])}" '
                   f'data-start="{escape(ev["date"]["start"] or "")}" data-end="{escape(ev["date"]["end"] or "")}" '
                   f'data-sources="{n}" data-type="{escape(ev["type"])}"><title>{escape(tip)}</title>')
        if uncertain:
            a, b = bar
            out.append(f'<rect class="interval" x="{a}" y="{cy - 3}" width="{max(1.0, round(b - a, 1))}" height="6" rx="3"/>')
        out.append(f'<circle class="marker t-{escape(ev["type"].lower())}" cx="{cx}" cy="{cy}" r="{r:.1f}"/></a>')
    out.append("</svg>")
    return Markup("".join(out))


def network(center: dict, neighbours: list[dict], href: Callable[[str, str], str], size: int = 460) -> Markup:
    """The entity in the middle, the entities seen with it around it; a line's width grows with shared events
    (counted thrice) and shared articles. Labels sit outside the ring, on the side away from the centre."""
    c = size / 2
    radius = size / 2 - 130
    out = [(f'<svg class="network" role="img" aria-label="network" viewBox="0 0 {size} {size}" width="{size}" '
            f'height="{size}" direction="ltr" xmlns="http://www.w3.org/2000/svg">')]
    nodes = []
    for i, n in enumerate(neighbours):
        a = 2 * math.pi * i / max(1, len(neighbours)) - math.pi / 2
        nx, ny = round(c + radius * math.cos(a), 1), round(c + radius * math.sin(a), 1)
        w = 3 * n.get("events", 0) + n.get("documents", 0)
        out.append(f'<line class="edge" x1="{c}" y1="{c}" x2="{nx}" y2="{ny}" '
                   f'stroke-width="{min(8.0, 1 + math.log1p(w)):.1f}"/>')
        nodes.append((n, nx, ny, a))
    for n, nx, ny, a in [(center, c, c, None), *nodes]:
        kind = (n.get("type") or "other").lower()
        name = n["name"] if len(n["name"]) <= 22 else n["name"][:21] + "…"
        if a is None:
            lx, ly, anchor = nx, ny + 28, "middle"
        else:
            lx, ly = round(nx + 14 * math.cos(a), 1), round(ny + 14 * math.sin(a) + 4, 1)
            anchor = "middle" if abs(math.cos(a)) < 0.3 else ("start" if math.cos(a) > 0 else "end")
            if abs(math.cos(a)) < 0.3:
                ly = round(ny + (20 if math.sin(a) > 0 else -12), 1)
        out.append(f'<a class="node" href="{escape(href("entity", n["id"]))}"><title>{escape(n["name"])}</title>'
                   f'<circle class="n-{escape(kind)}" cx="{nx}" cy="{ny}" r="{12 if a is None else 8}"/>'
                   f'<text x="{lx}" y="{ly}" text-anchor="{anchor}">{escape(name)}</text></a>')
    out.append("</svg>")
    return Markup("".join(out))
