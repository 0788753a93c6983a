"""Publication date with its basis: metadata (HTML meta, feed, JSON field) > URL pattern > a line labelled as
the publication date ("نشر في: …") > a dated dateline.

A page-header date is *not* publication (a site prints today's date on every page); it is kept as
``page_date`` and left to the time layer, which may use it as an upper bound. Unknown stays unknown.
"""
from __future__ import annotations

import re
from datetime import date

from ..model import Published
from .dates import find_dates

_URL_DATE = (
    re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$)"),
    re.compile(r"[/_-]((?:19|20)\d{2})-(\d{2})-(\d{2})(?:[/_.-]|$)"),
    re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})(?:/|[-_]|$)"),
)


def from_url(url: str | None) -> date | None:
    if not url:
        return None
    for pat in _URL_DATE:
        m = pat.search(url)
        if m:
            try:
                d = date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                continue
            if 1990 <= d.year <= date.today().year + 1:
                return d
    return None


def infer(published: Published, url: str | None, dateline: str | None, body: str,
          labelled: str | None = None, labelled_why: str = "line labelled as the publication date") -> Published:
    if published.date:
        return published
    d = from_url(url)
    if d:
        return Published(d.isoformat(), "url", "date in URL path")
    if labelled:
        return Published(labelled, "text", labelled_why)
    if dateline:
        hits = find_dates(dateline)
        if hits:
            return Published(hits[0][2].isoformat(), "text", "dateline")
    # a dateline at the head of the first paragraph: "الرباط - 24 نوفمبر 2021 (رويترز) - …"
    head = body[:80].split("\n", 1)[0]
    hits = [h for h in find_dates(head) if h[0] < 40]
    if hits and re.match(r"^[^\W\d_]+(?:\s[^\W\d_]+)?\s*[-–—(،,]", head):
        return Published(hits[0][2].isoformat(), "text", "dateline in first paragraph")
    return Published()
