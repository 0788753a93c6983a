"""The web UI and JSON API (in-process, through Starlette's test client): every page answers HTML and JSON,
the JSON matches the schemas the OpenAPI description declares, untrusted text is escaped, the security
headers are set and nothing can change the store."""
import hashlib
import re
import warnings
from pathlib import Path

import jsonschema
import pytest
from serve_fixtures import HOSTILE_BODY, build_store

warnings.filterwarnings("ignore", category=DeprecationWarning)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from fastapi.testclient import TestClient

    from rasd.serve.app import create_app

    db = build_store(tmp_path_factory.mktemp("serve"))
    client = TestClient(create_app(db))
    return db, client


def _schema(client, name):
    spec = client.get("/openapi.json").json()
    # resolve the OpenAPI component references with a registry-free resolver: wrap the spec as the root
    return {"$ref": f"#/components/schemas/{name}", "components": spec["components"]}


def _valid(client, name, data):
    jsonschema.validate(data, _schema(client, name))


def test_home_timeline_in_date_order_with_json_twin(served):
    _, c = served
    r = c.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert '<html lang="ar" dir="rtl">' in r.text
    data = c.get("/index.json").json()
    assert c.get("/", headers={"Accept": "application/json"}).json()["counts"] == data["counts"]
    _valid(c, "HomePage", data)
    starts = [e["date"]["start"] or e["date"]["end"] for e in data["timeline"]["events"]]
    assert starts == sorted(starts) and len(starts) >= 10
    types = {(e["type"], (e["date"]["start"] or "")[:7]) for e in data["timeline"]["events"]}
    # the November 2021 memorandum and the December 2025 plan are both on the timeline
    assert ("SIGN_AGREEMENT", "2021-11") in types and ("SIGN_AGREEMENT", "2025-12") in types
    # the SVG has one marker per event, in the same order, each linking to its event page
    order = [line.split('data-id="')[1].split('"')[0] for line in r.text.split("<a class=\"ev")[1:]]
    assert order == [e["id"] for e in data["timeline"]["events"]]


def test_timeline_filters(served):
    _, c = served
    only = c.get("/index.json?type=SIGN_AGREEMENT&from=2025").json()["timeline"]
    assert only["events"] and all(e["type"] == "SIGN_AGREEMENT" and e["date"]["end"] >= "2025" for e in only["events"])
    with_recalled = c.get("/index.json?recalled=true").json()["timeline"]
    assert with_recalled["matching"] > c.get("/index.json").json()["timeline"]["matching"]
    assert c.get("/index.json?from=not-a-date").status_code == 422
    # the entity filter takes an id or any spelling
    by_name = c.get("/index.json", params={"entity": "جانتس"}).json()["timeline"]["events"]
    by_id = c.get("/index.json", params={"entity": "person:gantz"}).json()["timeline"]["events"]
    assert by_name == by_id and by_id
    assert all("person:gantz" in {p["id"] for p in e["participants"]} for e in by_id)
    # a place's page lists the events that happened there
    placed = [e for e in c.get("/index.json?recalled=true").json()["timeline"]["events"] if e["place"] and e["place"]["known"]]
    assert placed
    page = c.get(f"/entity/{placed[0]['place']['id']}.json").json()
    assert placed[0]["id"] in {e["id"] for e in page["events"]}


def test_event_page_lists_every_source_with_its_sentence(served):
    _, c = served
    home = c.get("/index.json").json()
    ev = max(home["timeline"]["events"], key=lambda e: e["sources"])
    data = c.get(f"/event/{ev['id']}.json").json()
    _valid(c, "EventPage", data)
    assert len({s["document"]["id"] for s in data["sources"]}) == ev["sources"] >= 2
    html = c.get(f"/event/{ev['id']}").text
    for s in data["sources"]:
        ctx = s["context"]
        assert ctx["text"][s["sentence"]["start"] - ctx["start"]:s["sentence"]["end"] - ctx["start"]] == s["sentence"]["text"]
        assert f'href="/article/{s["document"]["id"]}?hl={s["sentence"]["start"]}-{s["sentence"]["end"]}#hl"' in html
    assert html.count("<mark") >= len(data["sources"])


def test_entity_page_names_roles_network(served):
    _, c = served
    hits = c.get("/search.json", params={"q": "غانتس"}).json()
    person = hits["entities"][0]
    assert person["type"] == "PERSON"
    # every spelling finds the same person
    for spelling in ("جانتس", "غانتس", "بيني جانتس"):
        assert c.get("/search.json", params={"q": spelling}).json()["entities"][0]["id"] == person["id"]
    data = c.get(f"/entity/{person['id']}.json").json()
    _valid(c, "EntityPage", data)
    forms = {n["form"] for n in data["names"]}
    assert {"جانتس", "غانتس"} <= {f.split()[-1] for f in forms}
    assert all(n["by"] for n in data["names"] if n["mentions"])
    assert data["roles"] and data["roles"][0]["first"]
    assert data["events"] and data["cooccurring"]
    html = c.get(f"/entity/{person['id']}").text
    assert 'class="network"' in html and html.count('class="node"') == len(data["cooccurring"]) + 1


def test_search_finds_documents_under_every_spelling(served):
    _, c = served
    one = c.get("/search.json", params={"q": "جانتس"}).json()
    other = c.get("/search.json", params={"q": "غانتس"}).json()
    _valid(c, "SearchPage", one)
    assert {d["id"] for d in one["documents"]} == {d["id"] for d in other["documents"]}
    assert len(one["documents"]) >= 2 and "غانتس" in " ".join(one["spellings"])
    assert all(e["type"] == "VISIT" for e in c.get("/search.json?type=VISIT").json()["events"])
    # filters narrow the articles too: by publication date and by the entity they mention
    late = c.get("/search.json", params={"q": "المغرب", "from": "2025"}).json()["documents"]
    assert late and all((d["published"]["end"] or "9999") >= "2025" for d in late)
    assert len(late) < len(c.get("/search.json", params={"q": "المغرب"}).json()["documents"])
    his = c.get("/search.json", params={"entity": "غانتس"}).json()["documents"]
    assert {d["id"] for d in his} == {d["id"] for d in other["documents"]}


def test_story_article_contradictions_articles_pages(served):
    _, c = served
    home = c.get("/index.json").json()
    story = max(home["stories"], key=lambda s: s["documents"])
    data = c.get(f"/story/{story['id']}.json").json()
    _valid(c, "StoryPage", data)
    assert len(data["documents"]) == 3
    doc = data["documents"][0]["id"]
    art = c.get(f"/article/{doc}.json").json()
    _valid(c, "ArticlePage", art)
    body = art["document"]["body"]
    assert art["analysed"] and art["document"]["removed"]
    for s in art["spans"]:
        if "text" in s:
            assert body[s["start"]:s["end"]] == s["text"]
    kinds = {s["kind"] for s in art["spans"]}
    assert kinds == {"sentence", "entity", "date", "trigger"}
    html = c.get(f"/article/{doc}?hl=0-20").text
    assert '<mark id=hl>' in html and "<details" in html
    con = c.get("/contradictions.json").json()
    _valid(c, "ContradictionsPage", con)
    assert len(con["contradictions"]) >= 2 and all(len(x["values"]) >= 2 for x in con["contradictions"])
    ents = c.get("/entities.json").json()
    _valid(c, "EntitiesPage", ents)
    assert ents["total"] == sum(ents["types"].values()) and ents["entities"][0]["mentions"] >= ents["entities"][-1]["mentions"]
    people = c.get("/entities.json?type=PERSON").json()
    assert people["total"] == ents["types"]["PERSON"] and all(e["type"] == "PERSON" for e in people["entities"])
    assert "person:gantz" in c.get("/entities?type=PERSON").text
    arts = c.get("/articles.json").json()
    _valid(c, "ArticlesPage", arts)
    assert arts["total"] == 6 and sum(o["documents"] for o in arts["outlets"]) == 6
    outlet = next(o["outlet"] for o in arts["outlets"] if o["outlet"])
    one = c.get("/articles.json", params={"outlet": outlet}).json()
    assert one["total"] == next(o["documents"] for o in arts["outlets"] if o["outlet"] == outlet)
    assert c.get("/articles.json", params={"outlet": "", "offset": 0}).json()["total"] == 6


def test_untrusted_text_is_escaped_and_urls_are_not_links(served):
    _, c = served
    hits = c.get("/search.json", params={"q": "تعليقه"}).json()["documents"]
    doc = hits[0]["id"]
    html = c.get(f"/article/{doc}").text
    assert "<script>alert" not in html and "<img src=x" not in html
    text = re.sub(r"<[^>]+>", "", html)  # marks (an entity span may cut the words) aside
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "&lt;img src=x onerror=alert(2)&gt;" in text
    assert 'href="javascript:' not in html
    assert c.get(f"/article/{doc}.json").json()["document"]["body"].count("<script>") == HOSTILE_BODY.count("<script>")
    assert "<script>alert('title')" not in c.get("/articles").text


def test_security_headers_and_read_only(served):
    db, c = served
    before = hashlib.sha256(Path(db).read_bytes()).hexdigest()
    r = c.get("/")
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    for method in ("post", "put", "delete", "patch"):
        assert getattr(c, method)("/").status_code == 405
        assert getattr(c, method)("/index.json").status_code == 405
    for url in ("/", "/contradictions", "/articles", "/search?q=المغرب", "/api", "/openapi.json"):
        assert c.get(url).status_code == 200
    assert hashlib.sha256(Path(db).read_bytes()).hexdigest() == before
    # the next= of the preferences link never leaves the site
    assert c.get("/prefs?lang=en&next=//evil.example/", follow_redirects=False).headers["location"] == "/"
    r = c.get("/prefs?lang=en&next=/contradictions", follow_redirects=False)
    assert r.headers["location"] == "/contradictions" and "lang=en" in r.headers["set-cookie"]
    assert c.get("/contradictions").text.startswith('<!doctype html>\n<html lang="en"')  # the cookie is read
    c.cookies.clear()
    # the switch links on a page go back to it, without a preference in the query that would override the cookie
    page = c.get("/search?q=المغرب&lang=en&digits=arab").text
    link = re.search(r'href="(/prefs\?lang=ar[^"]*)"', page).group(1)
    r = c.get(link.replace("&amp;", "&"), follow_redirects=False)
    assert "lang=" not in r.headers["location"] and "digits=" not in r.headers["location"]
    assert r.headers["location"].startswith("/search?q=")
    c.cookies.clear()


def test_english_and_arabic_digits(served):
    _, c = served
    en = c.get("/?lang=en").text
    assert '<html lang="en" dir="ltr">' in en and "Timeline" in en
    arab = c.get("/?digits=arab").text
    assert "٢٠٢١-١١-٢٤" in arab and "2021-11-24</bdi>" not in arab
    # the Hijri (Umm al-Qura) day beside the Gregorian one: 24 November 2021 = 19 Rabi' al-Thani 1443
    both = c.get("/?cal=both").text
    assert "2021-11-24 / 19 ربيع الثاني 1443 هـ" in both
    assert "19 Rabi' al-Thani 1443 AH" in c.get("/?cal=both&lang=en").text.replace("&#39;", "'")


def test_openapi_and_docs_page(served):
    _, c = served
    spec = c.get("/openapi.json").json()
    for path in ("/index.json", "/entities.json", "/event/{eid}.json", "/entity/{eid}.json", "/story/{sid}.json",
                 "/article/{doc}.json", "/contradictions.json", "/search.json", "/articles.json"):
        assert path in spec["paths"], path
    docs = c.get("/api").text
    assert "/event/{eid}.json" in docs and "EventPage" in docs
    assert "cdn" not in docs.lower() and "<script" not in docs


def test_missing_items_are_404_in_both_faces(served):
    _, c = served
    assert c.get("/event/nope").status_code == 404
    r = c.get("/event/nope.json")
    assert r.status_code == 404 and r.json()["error"]
