"""Ingest of every format and container, de-duplication, and bad input: one clear line, the rest goes on."""
import gzip
import io
import json
import sqlite3
import zipfile

from conftest import SEEDS, rasd

from rasd.store import Store

ARTICLE = ("وقع المغرب وإسرائيل اليوم اتفاقا للتعاون في مجال الدفاع خلال زيارة رسمية إلى العاصمة الرباط.\n\n"
           "وقال الوزير إن الاتفاق يشمل التدريب المشترك وتبادل الخبرات ونقل التكنولوجيا بين البلدين.\n")


def test_reingest_adds_nothing(tmp_path, db):
    first = rasd("ingest", SEEDS, "--db", db)
    assert "5 added" in first.stderr
    again = rasd("ingest", SEEDS, "--db", db)
    assert "0 added, 5 already stored" in again.stderr
    with Store(db) as s:
        assert s.count() == 5


def test_same_text_other_source_is_separate_document(tmp_path, db):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    rasd("ingest", tmp_path / "a.txt", tmp_path / "b.txt", "--db", db)
    with Store(db) as s:
        ids = s.ids()
    assert len(ids) == 2 and ids[0] != ids[1]


def test_ids_are_deterministic(tmp_path):
    rasd("ingest", SEEDS, "--db", tmp_path / "1.db")
    rasd("ingest", SEEDS, "--db", tmp_path / "2.db")
    with Store(tmp_path / "1.db") as a, Store(tmp_path / "2.db") as b:
        assert a.ids() == b.ids()
        assert all(i.split("-")[0] in {p.stem for p in SEEDS.iterdir()} for i in a.ids())


def test_encodings(tmp_path, db):
    (tmp_path / "cp.txt").write_bytes(ARTICLE.encode("cp1256"))
    (tmp_path / "u16.txt").write_bytes(ARTICLE.encode("utf-16"))
    (tmp_path / "u16le.txt").write_bytes(ARTICLE.replace("المغرب", "الجزائر").encode("utf-16-le"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + ARTICLE.replace("المغرب", "تونس").encode("utf-8"))
    proc = rasd("ingest", tmp_path, "--db", db)
    assert "4 added" in proc.stderr, proc.stderr
    with Store(db) as s:
        bodies = [d.body for d in s.documents()]
    assert all(b.startswith("وقع") for b in bodies), bodies


def test_bad_inputs_reported_and_batch_goes_on(tmp_path, db):
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (bad / "empty.txt").write_bytes(b"")
    (bad / "blank.txt").write_bytes(b"   \n\n")
    (bad / "binary.bin").write_bytes(bytes(range(256)) * 20)
    (bad / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    (bad / "latin.txt").write_bytes("caf\xe9 cr\xe8me br\xfbl\xe9e \xff\xfe".encode("latin-1") * 3)
    (bad / "nohtml.html").write_text("<html><body><nav>x</nav></body></html>", encoding="utf-8")
    (bad / "trunc.txt.gz").write_bytes(gzip.compress(ARTICLE.encode())[:30])
    (bad / "lines.jsonl").write_text(json.dumps({"content": ARTICLE, "url": "https://ex.ma/1"}) + "\n{broken\n"
                                     + json.dumps({"content": ARTICLE, "url": "https://ex.ma/2"}) + "\n", encoding="utf-8")
    (bad / "feed.rss").write_text("this is not xml at all", encoding="utf-8")
    (bad / "array.json").write_text('[{"content": "x"', encoding="utf-8")
    (bad / "huge.txt").write_bytes(b"a" * (3 * 1024 * 1024))
    proc = rasd("ingest", bad, "--db", db, "--max-mb", "2", check=False)
    assert proc.returncode == 1
    err = proc.stderr
    for name, code in [("empty.txt", "E003"), ("blank.txt", "E003"), ("binary.bin", "E00"), ("image.txt", "E002"),
                       ("latin.txt", "E001"), ("nohtml.html", "E004"), ("trunc.txt.gz", "E005"),
                       ("lines.jsonl:2", "E006"), ("feed.rss", "E007"), ("array.json", "E006"), ("huge.txt", "E008")]:
        assert any(name in line and code in line for line in err.splitlines()), (name, err)
    assert "3 added" in err  # good.txt and the two good JSON lines
    with Store(db) as s:
        assert s.count() == 3 and s.integrity() == "ok"


def test_formats_and_containers(tmp_path, db):
    html = ("<html><head><title>t</title><meta property='og:site_name' content='هسبريس'>"
            "<meta property='article:published_time' content='2021-11-24T09:00:00+00:00'></head><body>"
            "<nav><a href='/'>الرئيسية</a></nav><article><h1>اتفاق دفاعي بين المغرب وإسرائيل</h1>"
            + "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")) + "</article>"
            "<footer>جميع الحقوق محفوظة © 2025</footer></body></html>")
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    rss = ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>موقع الأخبار</title>"
           "<item><title>خبر أول</title><link>https://news.example/2022/07/19/a</link>"
           "<pubDate>Tue, 19 Jul 2022 10:00:00 GMT</pubDate><description><![CDATA[" + ARTICLE.replace("\n\n", "<br/>")
           + "]]></description></item></channel></rss>")
    (tmp_path / "feed.xml").write_text(rss, encoding="utf-8")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("inner/2015-07-21.json", json.dumps([{"source": "aawsat", "url": "https://aawsat.example/x",
                                                          "date_extracted": "2015-07-21 02:51:32", "title": "عنوان",
                                                          "content": ARTICLE}], ensure_ascii=False))
    (tmp_path / "dump.zip").write_bytes(buf.getvalue())
    (tmp_path / "one.txt.gz").write_bytes(gzip.compress(ARTICLE.replace("الرباط", "تل أبيب").encode()))
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(tmp_path / "crawl.warc.gz", "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
        w.write_record(w.create_warc_record("https://site.example/2021/11/24/story.html", "response",
                                            payload=io.BytesIO(html.replace("هسبريس", "موقع").encode()),
                                            http_headers=headers))
    rasd("ingest", tmp_path, "--db", db, "--field", "published=date_extracted")
    with Store(db) as s:
        docs = {d.fmt: d for d in s.documents()}
    assert set(docs) == {"html", "feed", "json", "txt", "warc"}
    assert docs["html"].title == "اتفاق دفاعي بين المغرب وإسرائيل" and docs["html"].outlet == "هسبريس"
    assert docs["html"].published.date == "2021-11-24" and docs["html"].published.basis == "metadata"
    assert "الرئيسية" not in docs["html"].body and "وقال الوزير" in docs["html"].body
    assert docs["feed"].published.date == "2022-07-19" and docs["feed"].title == "خبر أول"
    assert docs["json"].published.date == "2015-07-21" and docs["json"].outlet == "aawsat"
    assert docs["warc"].url == "https://site.example/2021/11/24/story.html"
    assert "تل أبيب" in docs["txt"].body


def test_store_is_wal_versioned_with_foreign_keys(db):
    rasd("ingest", SEEDS, "--db", db)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] >= 1
    assert conn.execute("PRAGMA foreign_key_list(removed)").fetchall()


def test_html_without_date_metadata_takes_the_date_shown_after_the_headline():
    from rasd.ingest.readers import html_record

    page = ("<html><body><header><div class='date'>الأحد 1 دجنبر 2024</div></header>"
            "<h1>الجيش الإسرائيلي يشارك في مناورات بالمغرب</h1>"
            "<div class='post-meta'><span class='date'>الأربعاء، ١٤ فبراير ٢٠٢٤ ٠٩:١٥ م</span></div>"
            "<div class='entry-content'><p>" + "أعلن الجيش الإسرائيلي أن وحدة من لواء جولاني شاركت في المناورات. " * 4
            + "</p></div></body></html>")
    rec = html_record(page, "p.html", None)
    # the header's date is the day the page was served; the one under the headline is the article's
    assert (rec.published.date, rec.published.basis) == ("2024-02-14", "text")
    rec = html_record(page.replace("<time", "<x").replace("post-meta", "x").replace("class='date'>الأربعاء",
                                                                                    "class='x'>الأربعاء"), "p.html", None)
    assert rec.published.date is None
