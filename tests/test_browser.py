"""End to end in a real headless Chromium (Debian's chromium, driven by Playwright with its executable path —
no browser download) against `rasd serve` on the seed store plus one hostile article.

Skipped when Chromium or Playwright is missing, unless RASD_REQUIRE_BROWSER=1 (set by .ci/run), where a
missing browser fails. Screenshots of the home and an event page go to test-artifacts/ (or
$RASD_ARTIFACTS)."""
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from serve_fixtures import HOSTILE_BODY, build_store

CHROMIUM = os.environ.get("RASD_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(os.environ.get("RASD_ARTIFACTS") or Path(__file__).resolve().parents[1] / "test-artifacts")
# what the machine's closed network needs: no background requests to Google's hosts, no sandbox as root
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _need_browser():
    missing = None
    if not CHROMIUM:
        missing = "no chromium on PATH (Debian: apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "playwright is not installed (pip install -e '.[dev]')"
    if missing:
        if os.environ.get("RASD_REQUIRE_BROWSER") == "1":
            pytest.fail(missing)
        pytest.skip(missing)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    _need_browser()
    db = build_store(tmp_path_factory.mktemp("browser"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "rasd.cli", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                raise AssertionError(proc.stdout.read().decode())
            time.sleep(0.1)
    yield base, db
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A fresh page that records every request it makes and every dialog (alert) anything opens."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.requests, pg.dialogs = [], []
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


def _only_local(urls, base):
    host = urlsplit(base).netloc
    return [u for u in urls if urlsplit(u).scheme not in ("data", "about") and urlsplit(u).netloc != host]


def test_timeline_in_order_click_event_sources_highlighted(page, server):
    base, _ = server
    page.goto(base + "/")
    markers = page.locator("svg.timeline a.ev")
    n = markers.count()
    assert n >= 10
    starts = [markers.nth(i).get_attribute("data-start") or markers.nth(i).get_attribute("data-end") for i in range(n)]
    assert starts == sorted(starts)
    types = [(markers.nth(i).get_attribute("data-type"), starts[i][:7]) for i in range(n)]
    assert ("SIGN_AGREEMENT", "2021-11") in types and ("SIGN_AGREEMENT", "2025-12") in types
    # right to left: later events are further left on screen
    xs = [markers.nth(i).locator("circle").bounding_box()["x"] for i in range(n)]
    assert xs[0] > xs[-1]
    rows = page.locator("table.events tr.event-row")
    assert [rows.nth(i).get_attribute("data-id") for i in range(rows.count())] == \
        [markers.nth(i).get_attribute("data-id") for i in range(n)]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "home.png"), full_page=True)
    # the event most sources report
    best = max(range(n), key=lambda i: int(markers.nth(i).get_attribute("data-sources")))
    want = int(markers.nth(best).get_attribute("data-sources"))
    event_id = markers.nth(best).get_attribute("data-id")
    markers.nth(best).locator("circle").click()
    page.wait_for_url(f"**/event/{event_id}")
    sources = page.locator("section.source")
    docs = {sources.nth(i).get_attribute("data-doc") for i in range(sources.count())}
    assert len(docs) == want >= 2
    for i in range(sources.count()):
        mark = sources.nth(i).locator("mark")  # the sentence, cut where a trigger or date word is emphasised
        assert mark.count() >= 1 and mark.first.is_visible() and len("".join(mark.all_inner_texts()).strip()) > 20
    page.screenshot(path=str(ARTIFACTS / "event.png"), full_page=True)
    # a source link opens the article scrolled to the same sentence, highlighted
    sentence = sources.nth(0).locator("mark").all_inner_texts()
    sources.nth(0).locator("h3 a").click()
    page.wait_for_url("**/article/**")
    highlighted = "".join(page.locator("div.body mark").all_inner_texts())
    assert "".join(sentence).split()[:4] == highlighted.split()[:4]
    assert page.locator("#hl").is_visible()
    assert not _only_local(page.requests, base) and not page.dialogs


def test_search_finds_the_person_whatever_the_spelling(page, server):
    base, _ = server
    found = []
    for spelling in ("غانتس", "جانتس"):
        page.goto(base + "/")
        page.fill("header form.quick input[name=q]", spelling)
        page.press("header form.quick input[name=q]", "Enter")
        page.wait_for_url("**/search?q=*")
        link = page.locator("ul.entities a.ent").first
        found.append(link.get_attribute("href"))
    assert found[0] == found[1] == "/entity/person:gantz"
    page.locator("ul.entities a.ent").first.click()
    page.wait_for_url("**/entity/person:gantz")
    names = page.locator("table.names").inner_text()
    assert "جانتس" in names and "غانتس" in names
    assert page.locator("svg.network a.node").count() >= 3
    assert not _only_local(page.requests, base)


def test_hostile_article_renders_as_text_and_runs_nothing(page, server):
    base, _ = server
    page.goto(base + "/search?q=" + "تعليقه")
    page.locator("ul.docs a").first.click()
    page.wait_for_url("**/article/**")
    page.wait_for_timeout(300)
    body = page.locator("div.body").inner_text()
    assert "<script>alert(1)</script>" in body and "<img src=x onerror=alert(2)>" in body
    assert page.locator("div.body script, div.body img").count() == 0
    assert page.locator("h1").inner_text().startswith("<script>")
    assert not page.dialogs
    assert page.locator("a[href^='javascript:']").count() == 0
    assert HOSTILE_BODY.split("\n")[0][:20] in body
    assert not _only_local(page.requests, base)


def test_every_page_loads_only_from_the_server(page, server):
    base, _ = server
    for path in ("/", "/?lang=en&digits=arab", "/contradictions", "/articles", "/api", "/search?q=المغرب"):
        page.goto(base + path)
        assert page.locator("main").is_visible()
    links = page.locator("a[href^='/article/']")
    page.goto(base + links.first.get_attribute("href")) if links.count() else None
    assert any(u.endswith("/static/style.css") for u in page.requests)
    assert not _only_local(page.requests, base), _only_local(page.requests, base)
    assert not page.dialogs


def test_html_export_renders_offline(browser, server, tmp_path):
    _, db = server
    out = tmp_path / "dossier.html"
    subprocess.run([sys.executable, "-m", "rasd.cli", "export", "--db", str(db), "--format", "html", "-o", str(out)],
                   check=True, capture_output=True)
    context = browser.new_context(offline=True)
    pg = context.new_page()
    requests = []
    pg.on("request", lambda r: requests.append(r.url))
    pg.goto(out.as_uri())
    assert pg.locator("svg.timeline a.ev").count() >= 10
    assert pg.locator("section.source mark").count() >= 10
    # the stylesheet is applied (inline): the header is laid out as a flex row
    assert pg.eval_on_selector("header.top", "e => getComputedStyle(e).display") == "flex"
    pg.locator("svg.timeline a.ev").first.locator("circle").click()
    assert "#event-" in pg.url
    assert [u for u in requests if u != out.as_uri()] == []
    context.close()
