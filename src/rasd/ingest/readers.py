"""One reader per input format. Each takes bytes (already out of any container) and yields RawRecords.

HTML goes through trafilatura for main text and metadata; WARC through warcio (HTML responses only); RSS/Atom
through feedparser (the entry content is the article); JSON arrays and JSON Lines through a field mapping.
"""
from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from ..errors import E, InputError
from ..model import Published, RawRecord
from .decode import decode

Item = RawRecord | InputError  # readers yield per-record errors and go on with the rest of the input

DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "body": ("body", "content", "text", "article", "maintext", "description"),
    "title": ("title", "headline"),
    "published": ("published", "date_published", "pubDate", "publish_date", "date", "datePublished"),
    "url": ("url", "link", "source_url", "canonical_url"),
    "outlet": ("outlet", "site", "sitename", "site_name", "source", "publisher", "source_domain"),
    "byline": ("byline", "author", "authors"),
    "id": ("id", "guid", "uuid"),
}


@dataclass(slots=True)
class ReadOptions:
    fields: dict[str, str] = field(default_factory=dict)  # --field body=content …
    max_bytes: int = 50 * 1024 * 1024  # for one article (txt/html); JSON/WARC/feeds stream past it

    def pick(self, obj: dict, name: str):
        if name in self.fields:
            return obj.get(self.fields[name])
        for k in DEFAULT_FIELDS[name]:
            v = obj.get(k)
            if v not in (None, "", []):
                return v
        return None


_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_published(value) -> str | None:
    """A machine-written date (ISO 8601, RFC 2822, epoch seconds) → YYYY-MM-DD."""
    if value in (None, ""):
        return None
    if isinstance(value, (int, float)):
        try:
            return datetime.utcfromtimestamp(value).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    s = str(value).strip()
    m = _ISO.search(s)
    if m:
        try:
            return datetime(int(m[1]), int(m[2]), int(m[3])).date().isoformat()
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _stem(name: str) -> str:
    base = PurePosixPath(name.replace("\\", "/")).name
    for ext in (".gz", ".warc", ".html", ".htm", ".txt", ".json", ".jsonl", ".ndjson", ".xml", ".rss", ".atom"):
        if base.lower().endswith(ext):
            base = base[: -len(ext)]
    return base


def _url_prefix(url: str) -> str:
    parts = urlsplit(url)
    host = parts.netloc.removeprefix("www.")
    return host or "url"


# ---------------------------------------------------------------- text
def read_txt(data: bytes, name: str, opts: ReadOptions) -> Iterator[Item]:
    if len(data) > opts.max_bytes:
        raise InputError(E.TOO_LARGE, name, f"{len(data) / 1e6:.0f} MB > {opts.max_bytes / 1e6:.0f} MB for one article")
    text, _enc = decode(data, name)
    yield RawRecord(source=name, source_key=PurePosixPath(name).name, text=text, id_prefix=_stem(name), fmt="txt")


# ---------------------------------------------------------------- html
def html_record(html: str | bytes, name: str, url: str | None, fmt: str = "html") -> RawRecord:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True, favor_recall=True,
        date_extraction_params={"extensive_search": False, "original_date": True})
    text = (doc.text if doc else "") or ""
    if not text.strip():
        raise InputError(E.NO_ARTICLE, name)
    url = url or (doc.url if doc else None)
    pub = parse_published(doc.date) if doc and doc.date else None
    published = Published(pub, "metadata", "html meta") if pub else Published()
    if not pub:
        seen = _date_after_headline(html)
        if seen:
            published = Published(seen, "text", "date element after the headline")
    return RawRecord(
        source=url or name, source_key=url or PurePosixPath(name).name, text=text,
        id_prefix=_url_prefix(url) if url else _stem(name), title=doc.title or None,
        outlet=doc.sitename or None, byline=doc.author or None, url=url,
        published=published, fmt=fmt)


_DATEISH = re.compile(r"date|time|publish|posted|meta|تاريخ", re.IGNORECASE)


def _date_after_headline(html: str | bytes) -> str | None:
    """The date a page shows with the article when its metadata has none: a ``<time>`` or a short element whose
    class, id or itemprop says date/time/published, after the headline (``<h1>``) and outside header, navigation
    and footer — a date in the site's header is the day the page was served, not when the article appeared.
    Written here because trafilatura drops these lines and htmldate does not read Arabic month names."""
    import lxml.html

    from ..clean.dates import find_dates

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    for bad in root.xpath("//header|//nav|//footer|//aside|//script|//style"):
        bad.drop_tree()
    heads = root.xpath("//h1")
    after = not heads
    for el in root.iter():
        if heads and el is heads[0]:
            after = True
            continue
        if not after or not isinstance(el.tag, str):
            continue
        attrs = " ".join(el.get(a) or "" for a in ("class", "id", "itemprop"))
        if el.tag != "time" and not _DATEISH.search(attrs):
            continue
        iso = parse_published(el.get("datetime") or el.get("content") or "")
        if iso:
            return iso
        text = el.text_content()
        if len(text) <= 160:
            hits = find_dates(text)
            if hits:
                return hits[0][2].isoformat()
    return None


def read_html(data: bytes, name: str, opts: ReadOptions) -> Iterator[Item]:
    if len(data) > opts.max_bytes:
        raise InputError(E.TOO_LARGE, name, f"{len(data) / 1e6:.0f} MB > {opts.max_bytes / 1e6:.0f} MB for one article")
    text, _enc = decode(data, name)
    if "<" not in text:
        raise InputError(E.NO_ARTICLE, name, "no HTML markup")
    yield html_record(text, name, None)


# ---------------------------------------------------------------- warc
def read_warc(data: bytes, name: str, opts: ReadOptions) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        for i, rec in enumerate(ArchiveIterator(io.BytesIO(data))):
            if rec.rec_type != "response" or not rec.http_headers:
                continue
            ctype = rec.http_headers.get_header("Content-Type") or ""
            if "html" not in ctype.lower():
                continue
            url = rec.rec_headers.get_header("WARC-Target-URI")
            payload = rec.content_stream().read()
            charset = re.search(r"charset=([\w-]+)", ctype, re.I)
            where = f"{name}#{url or i}"
            try:
                html = payload.decode(charset.group(1)) if charset else decode(payload, where)[0]
            except (LookupError, UnicodeDecodeError):
                html = decode(payload, where)[0]
            try:
                yield html_record(html, where, url, fmt="warc")
            except InputError as err:
                yield err
    except ArchiveLoadFailed as exc:
        raise InputError(E.BAD_WARC, name, str(exc).splitlines()[0][:120]) from exc


# ---------------------------------------------------------------- feeds
def fragment_text(html: str) -> str:
    """Text of an HTML fragment (feed entry content), one block element per line."""
    import lxml.html

    if "<" not in html:
        return html
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # noqa: BLE001 - lxml raises several types on broken markup; fall back to tags stripped
        return re.sub(r"<[^>]+>", " ", html)
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for br in root.xpath("//br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.xpath("//p|//div|//h1|//h2|//h3|//h4|//li|//blockquote|//figcaption"):
        block.tail = "\n" + (block.tail or "")
        block.text = "\n" + (block.text or "")
    return root.text_content()


def read_feed(data: bytes, name: str, opts: ReadOptions) -> Iterator[Item]:
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = str(getattr(parsed, "bozo_exception", "")) or "no entries"
        raise InputError(E.BAD_FEED, name, reason[:120])
    outlet = parsed.feed.get("title") or None
    for i, entry in enumerate(parsed.entries):
        html = ""
        if entry.get("content"):
            html = max((c.get("value", "") for c in entry.content), key=len)
        html = html or entry.get("summary", "") or entry.get("description", "")
        link = entry.get("link") or entry.get("id")
        where = f"{name}#{link or i}"
        text = fragment_text(html)
        if not text.strip():
            yield InputError(E.NO_ARTICLE, where, "feed entry has no content")
            continue
        pub = None
        for k in ("published_parsed", "updated_parsed"):
            if entry.get(k):
                pub = datetime(*entry[k][:3]).date().isoformat()
                break
        yield RawRecord(source=link or where, source_key=link or f"{PurePosixPath(name).name}#{entry.get('title') or i}",
                        text=text, id_prefix=_url_prefix(link) if link else _stem(name), title=entry.get("title"),
                        outlet=outlet, byline=entry.get("author"), url=link,
                        published=Published(pub, "metadata", "feed entry date") if pub else Published(), fmt="feed")


# ---------------------------------------------------------------- json
def _json_record(obj, name: str, n: int, opts: ReadOptions) -> RawRecord:
    where = f"{name}#{n}"
    if not isinstance(obj, dict):
        raise InputError(E.BAD_JSON, where, "record is not an object")
    body = opts.pick(obj, "body")
    if isinstance(body, list):
        body = "\n".join(map(str, body))
    if not body or not str(body).strip():
        raise InputError(E.NO_ARTICLE, where, "empty body field" + (f" '{opts.fields['body']}'" if "body" in opts.fields else ""))
    body = str(body)
    if "<" in body and re.search(r"</?(?:p|div|br|span)\b", body):
        body = fragment_text(body)
    url = opts.pick(obj, "url")
    rid = opts.pick(obj, "id")
    title = opts.pick(obj, "title")
    pub_raw = opts.pick(obj, "published")
    pub = parse_published(pub_raw)
    byline = opts.pick(obj, "byline")
    if isinstance(byline, list):
        byline = ", ".join(map(str, byline))
    key = str(url) if url else f"{PurePosixPath(name).name}#{rid if rid is not None else (title or n)}"
    return RawRecord(source=str(url) if url else where, source_key=key, text=body,
                     id_prefix=_url_prefix(str(url)) if url else _stem(name), title=str(title) if title else None,
                     outlet=str(opts.pick(obj, "outlet")) if opts.pick(obj, "outlet") else None,
                     byline=str(byline) if byline else None, url=str(url) if url else None,
                     published=Published(pub, "metadata", f"field {opts.fields.get('published', 'published')}") if pub else Published(),
                     fmt="json")


def read_json(data: bytes, name: str, opts: ReadOptions) -> Iterator[Item]:
    text, _enc = decode(data, name)
    stripped = text.lstrip()
    if not stripped.startswith(("[", "{")):
        raise InputError(E.BAD_JSON, name, "does not start with [ or {")
    if stripped.startswith("{") and "\n{" in stripped:  # JSON Lines saved as .json
        yield from read_jsonl(data, name, opts)
        return
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(E.BAD_JSON, name, f"line {exc.lineno} column {exc.colno}: {exc.msg}") from exc
    if isinstance(obj, list):
        items = obj
    elif isinstance(obj, dict) and not opts.pick(obj, "body"):  # a wrapper: {"articles": [...]}
        items = next((v for v in obj.values() if isinstance(v, list)), [obj])
    else:
        items = [obj]
    for n, item in enumerate(items):
        try:
            yield _json_record(item, name, n, opts)
        except InputError as err:
            yield err


def read_jsonl(data: bytes, name: str, opts: ReadOptions) -> Iterator[Item]:
    text, _enc = decode(data, name)
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(E.BAD_JSON, f"{name}:{n}", f"column {exc.colno}: {exc.msg}")
            continue
        try:
            yield _json_record(obj, name, n, opts)
        except InputError as err:
            yield err


def sniff(data: bytes) -> str | None:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"warc/"):
        return "warc"
    if head.startswith((b"[", b"{")):
        return "json"
    if head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed")):
        return "feed" if (b"<rss" in head or b"<feed" in head or b"<rdf" in head) else "html"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    return None


READERS = {"txt": read_txt, "html": read_html, "warc": read_warc, "feed": read_feed, "json": read_json, "jsonl": read_jsonl}
EXTENSIONS = {".txt": "txt", ".text": "txt", ".md": "txt", ".html": "html", ".htm": "html", ".xhtml": "html",
              ".warc": "warc", ".rss": "feed", ".atom": "feed", ".xml": "feed", ".json": "json",
              ".jsonl": "jsonl", ".ndjson": "jsonl"}
