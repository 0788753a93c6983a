"""The typed document model.

A :class:`Document` owns its raw text and its clean ``body``; every later annotation is a :class:`Span`
(character offsets into ``body``, Python code points). IDs are deterministic: derived from the source
key (file name, URL) and a hash of the raw content, so re-ingesting the same article gives the same id.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal

DateBasis = Literal["metadata", "text", "url", "page_date", "inferred", "unknown"]


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


_SLUG_DROP = re.compile(r"[^\w.-]+", re.UNICODE)


def slug(text: str, limit: int = 48) -> str:
    text = unicodedata.normalize("NFKC", text).strip().replace(" ", "-")
    return _SLUG_DROP.sub("", text)[:limit].strip("-.") or "doc"


def make_id(prefix: str, source_key: str, content_hash: str) -> str:
    """``<readable prefix>-<10 hex>``: same source and same content → same id, on any machine."""
    return f"{slug(prefix)}-{sha1(source_key + chr(0) + content_hash)[:10]}"


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a document's body: ``body[start:end] == text``."""

    doc: str
    start: int
    end: int
    text: str
    label: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Published:
    date: str | None = None  # YYYY-MM-DD
    basis: DateBasis = "unknown"
    detail: str = ""
    start: str | None = None  # the interval publication is known to lie in, when not a single day
    end: str | None = None


@dataclass(slots=True)
class Removed:
    """A line cleaning dropped, with why (nothing is dropped silently)."""

    text: str
    reason: str


@dataclass(slots=True)
class RawRecord:
    """One article as an input gave it, before cleaning."""

    source: str  # path or URL as ingested (shown to users)
    source_key: str  # what identifies the source for de-duplication (file name, URL, file#record)
    text: str  # plain text, or the main text trafilatura extracted from HTML
    id_prefix: str = "doc"
    title: str | None = None  # from metadata (HTML, feed, JSON)
    outlet: str | None = None
    byline: str | None = None
    url: str | None = None
    published: Published = field(default_factory=Published)
    fmt: str = "txt"

    @property
    def content_hash(self) -> str:
        return sha1(self.text)


@dataclass(slots=True)
class Document:
    id: str
    source: str
    source_key: str
    content_hash: str
    raw: str
    body: str = ""
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    dateline: str | None = None
    page_date: str | None = None
    published: Published = field(default_factory=Published)
    language: str = "und"
    url: str | None = None
    fmt: str = "txt"
    removed: list[Removed] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    spans: dict[str, list[Span]] = field(default_factory=dict)  # layer name → spans into body
    annotations: dict[str, Any] = field(default_factory=dict)  # richer per-layer results (linked mentions …)

    @classmethod
    def from_record(cls, rec: RawRecord) -> "Document":
        chash = rec.content_hash
        return cls(
            id=make_id(rec.id_prefix, rec.source_key, chash),
            source=rec.source,
            source_key=rec.source_key,
            content_hash=chash,
            raw=rec.text,
            title=rec.title,
            outlet=rec.outlet,
            byline=rec.byline,
            url=rec.url,
            published=rec.published,
            fmt=rec.fmt,
        )

    def span(self, start: int, end: int, label: str = "") -> Span:
        if not (0 <= start <= end <= len(self.body)):
            raise ValueError(f"span {start}:{end} outside body of {self.id} (length {len(self.body)})")
        return Span(self.id, start, end, self.body[start:end], label)
