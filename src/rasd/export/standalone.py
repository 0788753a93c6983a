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


def render(dossier: Dossier, lang: str = "ar", style: str = "latn", article_limit: int = 500) -> str:
    """Every dated event on the timeline, each event with its sources, every entity that takes part in an event,
    stories, contradictions, and the articles that report events (up to ``article_limit``, bodies marked)."""
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=select_autoescape(["html"]))
    env.filters["show"] = show
    env.filters["safe_url"] = safe_url

    def href(kind: str, key: str) -> str:
        return "#" + anchor(kind, key)

    def cite(span: dict) -> str:
        return f"#{anchor('article', span['doc'])}"

    timeline = dossier.timeline(TimelineQuery(recalled=True, limit=100000))
    events = [dossier.event(ev["id"]) for ev in dossier.events]
    involved = list(dict.fromkeys(p["entity"] for ev in dossier.events for p in ev["participants"]
                                  if p["entity"] in dossier.entities))
    entities = [dossier.entity(e) for e in involved]
    cited = list(dict.fromkeys(d for ev in dossier.events for d in ev["documents"]))
    articles = [dossier.article(d) for d in cited[:article_limit]]
    data = {"counts": dossier.counts(), "timeline": timeline, "events": events, "entities": entities,
            "stories": [dossier.story(s) for s in dossier.stories], "contradictions": dossier.all_contradictions(),
            "articles": [a for a in articles if a], "omitted_articles": max(0, len(cited) - article_limit)}
    css = (HERE / "static" / "style.css").read_text(encoding="utf-8")
    ctx = helpers(lang, style, href, cite) | {"data": data, "css": Markup(css.replace("</", "<\\/")), "csp": Markup(CSP),
                                              "anchor": anchor}
    return env.get_template("standalone.html").render(ctx).lstrip()
