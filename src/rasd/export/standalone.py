"""The dossier as one self-contained HTML file: it opens offline, can be mailed, and makes no request at all
(the stylesheet is inlined, the pictures are inline SVG, there is no script, and a Content-Security-Policy in
the file forbids loading anything). The same templates and pictures as ``rasd serve``, with in-page links.
"""
from __future__ import annotations

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from ..serve.context import HERE, helpers, safe_url, show
from ..serve.view import Dossier, TimelineQuery

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def anchor(kind: str, key: str) -> str:
    return f"{kind}-{key}"


def render(dossier: Dossier, lang: str = "ar", style: str = "latn", article_limit: int = 500,
           query: TimelineQuery | None = None) -> str:
    """The events ``query`` selects (default: every event, recalled ones included) on the timeline and each with
    its sources; the entities taking part in them; the stories and contradictions they belong to; the articles
    that report them (up to ``article_limit``, bodies marked)."""
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=select_autoescape(["html"]))
    env.filters["show"] = show
    env.filters["safe_url"] = safe_url

    def href(kind: str, key: str) -> str:
        return "#" + anchor(kind, key)

    def cite(span: dict) -> str:
        return f"#{anchor('article', span['doc'])}"

    everything = TimelineQuery(recalled=True, limit=10**9)
    query = query or everything
    whole = query == everything  # the whole dossier: undated events, every story and contradiction too
    timeline = dossier.timeline(query)
    chosen = [dossier.event_by_id[e["id"]] for e in timeline["events"]]
    if whole:
        chosen = dossier.events
    ids = {ev["id"] for ev in chosen}
    events = [dossier.event(ev["id"]) for ev in chosen]
    involved = list(dict.fromkeys(p["entity"] for ev in chosen for p in ev["participants"]
                                  if p["entity"] in dossier.entities))
    entities = [dossier.entity(e) for e in involved]
    cited = list(dict.fromkeys(d for ev in chosen for d in ev["documents"]))
    articles = [dossier.article(d) for d in cited[:article_limit]]
    stories = [dossier.story(s) for s, st in dossier.stories.items() if whole or ids & set(st["events"])]
    contradictions = [c for c in dossier.all_contradictions()["contradictions"]
                      if whole or c["subject"] in ids or (c.get("entity") or {}).get("id") in involved]
    data = {"counts": dossier.counts(), "timeline": timeline, "events": events, "entities": entities,
            "stories": stories, "contradictions": {"contradictions": contradictions},
            "articles": [a for a in articles if a], "omitted_articles": max(0, len(cited) - article_limit)}
    css = (HERE / "static" / "style.css").read_text(encoding="utf-8")
    ctx = helpers(lang, style, href, cite) | {"data": data, "css": Markup(css.replace("</", "<\\/")), "csp": Markup(CSP),
                                              "anchor": anchor}
    return env.get_template("standalone.html").render(ctx).lstrip()
