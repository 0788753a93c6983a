"""The cleaning component: raw text → body, title, byline, outlet, dateline, captions, page date, published."""
from __future__ import annotations

from ..model import Document
from ..pipeline import Component
from ..text.fold import arabic_ratio
from .lines import clean_text
from .pubdate import infer


def clean_document(doc: Document) -> None:
    c = clean_text(doc.raw, known_title=doc.title)
    doc.body = c.body
    doc.title = doc.title or c.title
    doc.outlet = doc.outlet or c.outlet
    doc.byline = doc.byline or c.byline
    doc.dateline = c.dateline
    doc.page_date = c.page_date
    doc.captions = c.captions
    doc.removed = c.removed
    doc.language = "ar" if arabic_ratio(doc.body[:4000]) >= 0.5 else ("en" if doc.body.strip() else "und")
    doc.published = infer(doc.published, doc.url, doc.dateline, doc.body, c.published, c.published_why)


CLEAN = Component(
    name="clean/1",
    requires=frozenset({"raw", "title_meta", "published_meta", "url"}),
    provides=frozenset({"body", "title", "outlet", "byline", "dateline", "page_date", "captions", "removed",
                        "language", "published"}),
    run=clean_document,
)
