"""``rasd serve``: the analyst's workbench — server-rendered pages over one store, each with a JSON twin.

* Every page answers HTML, or JSON at the same URL + ``.json`` or with ``Accept: application/json``; the JSON
  routes are described by OpenAPI (``/openapi.json``, read as a page at ``/api``).
* Read-only: the store is opened with SQLite's ``mode=ro`` and only GET/HEAD routes exist.
* Article text is untrusted: Jinja2 autoescapes everything, the Content-Security-Policy allows no inline
  script or style and no request to any other host, and all assets (CSS, no web fonts) ship in the package.
"""
from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import quote, urlencode

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..store import Store
from .context import HERE, helpers, safe_url, show
from .svg import digits
from .view import Dossier, TimelineQuery

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


@functools.cache
def page_schemas() -> dict[str, Any]:
    return json.loads((HERE / "pages.schema.json").read_text(encoding="utf-8"))["$defs"]


# interface preferences, each remembered in a cookie of its name; the first value is the default
PREFS = {"lang": ("ar", "en"), "digits": ("latn", "arab"), "cal": ("greg", "both")}


def prefs(request: Request) -> dict[str, str]:
    """Interface language (ar, en), digit style (latn 0-9, arab ٠-٩) and calendar (greg, or both Gregorian and
    Hijri): from the query, else the cookie, else the default."""
    out = {}
    for name, allowed in PREFS.items():
        value = request.query_params.get(name) or request.cookies.get(name)
        out[name] = value if value in allowed else allowed[0]
    return out


def wants_json(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def create_app(db: str | Path, dossier: Dossier | None = None) -> FastAPI:
    if dossier is None:
        dossier = Dossier(Store(db, readonly=True))
    app = FastAPI(title="rasd", version=__version__, docs_url=None, redoc_url=None, openapi_url="/openapi.json",
                  description="The dossier as JSON: every page of the web UI at the same URL + `.json` (or with "
                              "`Accept: application/json`). Read-only. Spans are character offsets into the "
                              "article's clean body (`body[start:end] == text`).")
    app.state.dossier = dossier
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    env.globals["digits"] = digits
    env.filters["safe_url"] = safe_url
    env.filters["show"] = show
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.middleware("http")
    async def security(request: Request, call_next):
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        return response

    def href(kind: str, key: str) -> str:
        return f"/{kind}/{quote(key, safe=':')}"

    def cite(span: dict) -> str:
        """The article with the cited words highlighted and scrolled to."""
        return f"{href('article', span['doc'])}?hl={int(span['start'])}-{int(span['end'])}#hl"

    def render(request: Request, template: str, data: dict, status: int = 200) -> HTMLResponse:
        chosen = prefs(request)
        here = request.url.path
        kept = urlencode([(k, v) for k, v in request.query_params.multi_items() if k not in PREFS])
        back = here + (f"?{kept}" if kept else "")  # a preference in the query would override the new cookie
        switch = {name: "/prefs?" + urlencode({name: next(v for v in allowed if v != chosen[name]), "next": back})
                  for name, allowed in PREFS.items()}
        ctx = helpers(chosen["lang"], chosen["digits"], href, cite, chosen["cal"]) | {
            "request": request, "data": data, "switch": switch,
            "json_url": here.rstrip("/") + (".json" if here != "/" else "index.json")
            + (f"?{request.url.query}" if request.url.query else "")}
        return templates.TemplateResponse(request, template, ctx, status_code=status)

    def register(path: str, fn: Callable[..., dict], template: str, schema: str, summary: str) -> None:
        """One page, two faces: HTML at ``path``, JSON at ``path.json`` (and at ``path`` for JSON clients)."""
        json_path = "/index.json" if path == "/" else path + ".json"

        @functools.wraps(fn)
        def as_json(*args, **kwargs):
            return JSONResponse(fn(*args, **kwargs))

        @functools.wraps(fn)
        def as_html(*args, **kwargs):
            data = fn(*args, **kwargs)
            request = kwargs["request"]
            return JSONResponse(data) if wants_json(request) else render(request, template, data)

        ref = {"$ref": f"#/components/schemas/{schema}"}
        app.add_api_route(json_path, as_json, methods=["GET"], summary=summary, response_class=JSONResponse,
                          responses={200: {"content": {"application/json": {"schema": ref}}},
                                     404: {"description": "no such item"}}, name=f"{schema}.json")
        app.add_api_route(path, as_html, methods=["GET"], include_in_schema=False, response_class=HTMLResponse,
                          name=schema)

    def missing(what: str, key: str) -> NoReturn:
        raise HTTPException(status_code=404, detail=f"no {what} {key!r}")

    def timeline_query(start: str | None, end: str | None, type: str | None, entity: str | None, recalled: bool,
                       limit: int) -> TimelineQuery:
        return TimelineQuery(start=start or None, end=end or None, type=type or None, entity=entity or None,
                             recalled=bool(recalled), limit=max(1, min(limit, 2000)))

    date_q = {"pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}

    def home(request: Request, start: str | None = Query(None, alias="from", **date_q),
             end: str | None = Query(None, alias="to", **date_q), type: str | None = None,
             entity: str | None = None, recalled: bool = False, limit: int = 300) -> dict:
        """Counts, the timeline (dated events in date order, filtered), the largest stories, contradictions."""
        return dossier.home(timeline_query(start, end, type, entity, recalled, limit))

    def event(request: Request, eid: str) -> dict:
        return dossier.event(eid) or missing("event", eid)

    def entity(request: Request, eid: str) -> dict:
        return dossier.entity(eid) or missing("entity", eid)

    def story(request: Request, sid: str) -> dict:
        return dossier.story(sid) or missing("story", sid)

    def article(request: Request, doc: str, hl: str | None = Query(None, pattern=r"^\d+-\d+$")) -> dict:
        data = dossier.article(doc) or missing("article", doc)
        if hl:
            a, b = (int(x) for x in hl.split("-"))
            data["highlight"] = [a, b]
        return data

    def articles(request: Request, offset: int = Query(0, ge=0), limit: int = Query(200, ge=1, le=1000),
                 outlet: str | None = None) -> dict:
        return dossier.articles(limit, offset, outlet or None)

    def entities(request: Request, type: str | None = None, offset: int = Query(0, ge=0),
                 limit: int = Query(200, ge=1, le=1000)) -> dict:
        return dossier.entity_index(type or None, limit, offset)

    def contradictions(request: Request) -> dict:
        return dossier.all_contradictions()

    def search(request: Request, q: str = "", type: str | None = None,
               start: str | None = Query(None, alias="from", **date_q),
               end: str | None = Query(None, alias="to", **date_q), entity: str | None = None,
               limit: int = Query(50, ge=1, le=500)) -> dict:
        data = dossier.search(q.strip(), type or None, start, end, entity or None, limit)
        data["types"] = dossier.types
        return data

    register("/", home, "home.html", "HomePage", "Dossier home: counts, timeline, stories, contradictions")
    register("/event/{eid}", event, "event.html", "EventPage",
             "An event: type, codes, participants, place, date and basis, every source with its sentence")
    register("/entity/{eid}", entity, "entity.html", "EntityPage",
             "An entity: names and who used them, roles over time, events, entities seen with it")
    register("/story/{sid}", story, "story.html", "StoryPage", "A story: the articles about one happening")
    register("/article/{doc}", article, "article.html", "ArticlePage",
             "An article: clean body, every span the analysis found, what cleaning removed")
    register("/articles", articles, "articles.html", "ArticlesPage",
             "The sources: every outlet with its counts, articles newest first (of one outlet with ?outlet=)")
    register("/entities", entities, "entities.html", "EntitiesPage",
             "Every entity (of one type with ?type=), most mentioned first")
    register("/contradictions", contradictions, "contradictions.html", "ContradictionsPage",
             "Where sources disagree, each value with the words that state it")
    register("/search", search, "search.html", "SearchPage",
             "Entities by any spelling, articles by full text (Arabic folding), events by type/date/entity")

    @app.get("/.json", include_in_schema=False)
    def home_json_alias(request: Request):
        return RedirectResponse("/index.json" + (f"?{request.url.query}" if request.url.query else ""))

    @app.get("/prefs", include_in_schema=False)
    def set_prefs(request: Request, next: str = "/"):
        """Remember interface preferences in cookies (nothing on the server changes), then go back."""
        target = next if next.startswith("/") and not next.startswith("//") and "\\" not in next else "/"
        response = RedirectResponse(target, status_code=303)
        for name, allowed in PREFS.items():
            value = request.query_params.get(name)
            if value in allowed:
                response.set_cookie(name, value, max_age=31536000, samesite="strict")
        return response

    @app.get("/api", include_in_schema=False, response_class=HTMLResponse)
    def api_docs(request: Request):
        return render(request, "api.html", {"spec": app.openapi()})

    def openapi() -> dict:
        if app.openapi_schema is None:
            from fastapi.openapi.utils import get_openapi

            spec = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
            spec.setdefault("components", {}).setdefault("schemas", {}).update(page_schemas())
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if wants_json(request) or request.url.path.endswith(".json"):
            response = JSONResponse({"error": exc.detail}, status_code=exc.status_code)
        else:
            response = render(request, "error.html", {"error": exc.detail, "status": exc.status_code}, exc.status_code)
        for k, v in (exc.headers or {}).items():  # Allow on a 405, as RFC 9110 requires
            response.headers[k] = v
        return response

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> Response:
        return Response("ok", media_type="text/plain")

    return app
