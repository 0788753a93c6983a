"""SQLite store.

* WAL journal, foreign keys on, ``PRAGMA user_version`` = schema version, migrations applied in order.
* Documents are unique by (source_key, content_hash): re-ingesting the same article adds nothing.
* Every batch is written in one transaction: a crash (even SIGKILL) leaves whole batches only, and a rerun
  skips what is stored and finishes the job.
* Full-text search: a contentless FTS5 table over the *folded* title and body (hamza/alef, ى/ي, ة/ه,
  diacritics, tatweel), queried with the folded query, so "اسرائيل" finds "إسرائيل".
"""
from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from ..model import Document, Published, Removed
from ..text.fold import fold, search_variants

MIGRATIONS: list[str] = [
    # 1: documents, removed lines, full-text index
    """
    CREATE TABLE documents (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        source_key TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        fmt TEXT NOT NULL,
        url TEXT,
        title TEXT,
        outlet TEXT,
        byline TEXT,
        dateline TEXT,
        page_date TEXT,
        published TEXT,
        published_basis TEXT NOT NULL DEFAULT 'unknown',
        published_detail TEXT NOT NULL DEFAULT '',
        language TEXT NOT NULL DEFAULT 'und',
        raw TEXT NOT NULL,
        body TEXT NOT NULL,
        captions TEXT NOT NULL DEFAULT '[]',
        ingested_at TEXT NOT NULL,
        UNIQUE (source_key, content_hash)
    );
    CREATE TABLE removed (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        text TEXT NOT NULL,
        reason TEXT NOT NULL,
        PRIMARY KEY (doc_id, seq)
    );
    CREATE VIRTUAL TABLE documents_fts USING fts5(title, body, variants, content='', tokenize='unicode61');
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # 2: each document's analysis (language, entities, time, events), keyed by the component versions
    """
    CREATE TABLE analyses (
        doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        version TEXT NOT NULL,
        data TEXT NOT NULL
    );
    """,
    # 3: the cross-document record (entities, canonical events, stories, contradictions), cached for the server
    # and exports; keyed by the analysis version and the documents it was made from
    """
    CREATE TABLE record (
        key TEXT PRIMARY KEY,
        data BLOB NOT NULL
    );
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)

_DOC_COLS = ("id", "source", "source_key", "content_hash", "fmt", "url", "title", "outlet", "byline", "dateline",
             "page_date", "published", "published_basis", "published_detail", "language", "raw", "body", "captions",
             "ingested_at")


class StoreError(RuntimeError):
    pass


class Store:
    def __init__(self, path: str | Path, readonly: bool = False):
        """Open (and create or migrate) the store at ``path``. ``readonly``: open an existing store of this
        schema for reading only (SQLite refuses every write); what the web server uses."""
        self.path = str(path)
        self.readonly = readonly
        if readonly:
            if not Path(self.path).is_file():
                raise StoreError(f"{self.path}: no such store")
            self.conn = sqlite3.connect(f"{Path(self.path).resolve().as_uri()}?mode=ro", uri=True, timeout=30,
                                        isolation_level=None, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA_VERSION:
                raise StoreError(f"{self.path} has schema {version}, this rasd reads {SCHEMA_VERSION}: "
                                 "run any rasd command that writes (rasd stats) to migrate it")
            return
        self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.migrate()

    # ------------------------------------------------------------ schema
    def migrate(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path} has schema {version}, newer than this rasd ({SCHEMA_VERSION}): upgrade rasd")
        for n in range(version, SCHEMA_VERSION):
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                for stmt in (s.strip() for s in MIGRATIONS[n].split(";")):
                    if stmt:
                        self.conn.execute(stmt)
                self.conn.execute(f"PRAGMA user_version={n + 1}")
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------ writes
    def known(self, source_key: str, content_hash: str) -> str | None:
        row = self.conn.execute("SELECT id FROM documents WHERE source_key=? AND content_hash=?",
                                (source_key, content_hash)).fetchone()
        return row[0] if row else None

    def add_batch(self, docs: Iterable[Document], analyses: dict[str, tuple[str, str]] | None = None
                  ) -> list[tuple[Document, bool]]:
        """Insert documents (and their analyses: id → (version, JSON)) in one transaction. Returns (doc, added) —
        added False when already stored."""
        analyses = analyses or {}
        out = []
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            for d in docs:
                cur = self.conn.execute(
                    f"INSERT OR IGNORE INTO documents ({', '.join(_DOC_COLS)}) VALUES ({', '.join('?' * len(_DOC_COLS))})",
                    (d.id, d.source, d.source_key, d.content_hash, d.fmt, d.url, d.title, d.outlet, d.byline,
                     d.dateline, d.page_date, d.published.date, d.published.basis, d.published.detail, d.language,
                     d.raw, d.body, json.dumps(d.captions, ensure_ascii=False), now))
                if cur.rowcount == 0:
                    out.append((d, False))
                    continue
                rowid = cur.lastrowid
                self.conn.executemany("INSERT INTO removed (doc_id, seq, text, reason) VALUES (?, ?, ?, ?)",
                                      [(d.id, i, r.text, r.reason) for i, r in enumerate(d.removed)])
                ftitle, fbody = fold(d.title or ""), fold(d.body)
                self.conn.execute("INSERT INTO documents_fts (rowid, title, body, variants) VALUES (?, ?, ?, ?)",
                                  (rowid, ftitle, fbody, search_variants(ftitle + " " + fbody)))
                if d.id in analyses:
                    self.conn.execute("INSERT OR REPLACE INTO analyses (doc_id, version, data) VALUES (?, ?, ?)",
                                      (d.id, *analyses[d.id]))
                out.append((d, True))
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        return out

    def save_analyses(self, analyses: dict[str, tuple[str, str]]) -> None:
        """Store analyses (doc id → (version, JSON)) of documents already stored, in one transaction."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.conn.executemany("INSERT OR REPLACE INTO analyses (doc_id, version, data) VALUES (?, ?, ?)",
                                  [(k, v, d) for k, (v, d) in analyses.items()])
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def analyses(self) -> dict[str, tuple[str, str]]:
        return {r[0]: (r[1], r[2]) for r in self.conn.execute("SELECT doc_id, version, data FROM analyses")}

    def analysis(self, doc_id: str) -> tuple[str, str] | None:
        row = self.conn.execute("SELECT version, data FROM analyses WHERE doc_id=?", (doc_id,)).fetchone()
        return (row[0], row[1]) if row else None

    def fingerprint(self) -> str:
        """Changes whenever a document is added (documents are never edited in place)."""
        n, top = self.conn.execute("SELECT count(*), coalesce(max(rowid), 0) FROM documents").fetchone()
        return f"{n}:{top}"

    def record(self, key: str) -> bytes | None:
        row = self.conn.execute("SELECT data FROM record WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def save_record(self, key: str, data: bytes) -> None:
        """Keep ``data`` as the one cached record (older ones are dropped)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.conn.execute("DELETE FROM record")
            self.conn.execute("INSERT INTO record (key, data) VALUES (?, ?)", (key, data))
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    # ------------------------------------------------------------ reads
    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM documents").fetchone()[0]

    def ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM documents ORDER BY id")]

    def _doc(self, row: sqlite3.Row, with_removed: bool = True) -> Document:
        d = Document(id=row["id"], source=row["source"], source_key=row["source_key"],
                     content_hash=row["content_hash"], raw=row["raw"], body=row["body"], title=row["title"],
                     outlet=row["outlet"], byline=row["byline"], dateline=row["dateline"],
                     page_date=row["page_date"],
                     published=Published(row["published"], row["published_basis"], row["published_detail"]),
                     language=row["language"], url=row["url"], fmt=row["fmt"], captions=json.loads(row["captions"]))
        if with_removed:
            d.removed = [Removed(r["text"], r["reason"]) for r in self.conn.execute(
                "SELECT text, reason FROM removed WHERE doc_id=? ORDER BY seq", (d.id,))]
        return d

    def get(self, doc_id: str) -> Document | None:
        row = self.conn.execute("SELECT * FROM documents WHERE id=?", (doc_id,)).fetchone()
        if row is None:  # allow a unique prefix
            rows = self.conn.execute("SELECT * FROM documents WHERE id LIKE ? ESCAPE '\\' LIMIT 2",
                                     (doc_id.replace("%", r"\%").replace("_", r"\_") + "%",)).fetchall()
            row = rows[0] if len(rows) == 1 else None
        return self._doc(row) if row else None

    def documents(self, light: bool = False) -> Iterator[Document]:
        """Every document in id order. ``light``: without the raw input text, and with the removed lines read
        in one query (what analysis and export need, at a fraction of the memory)."""
        if not light:
            for row in self.conn.execute("SELECT * FROM documents ORDER BY id"):
                yield self._doc(row)
            return
        removed: dict[str, list[Removed]] = {}
        for r in self.conn.execute("SELECT doc_id, text, reason FROM removed ORDER BY doc_id, seq"):
            removed.setdefault(r[0], []).append(Removed(r[1], r[2]))
        cols = ", ".join(c for c in _DOC_COLS if c != "raw") + ", '' AS raw"
        for row in self.conn.execute(f"SELECT {cols} FROM documents ORDER BY id"):
            d = self._doc(row, with_removed=False)
            d.removed = removed.get(d.id, [])
            yield d

    def search(self, query: str, limit: int = 20) -> list[tuple[Document, float]]:
        """Documents matching every word of ``query`` (folded), best first. Quoted phrases are kept as phrases."""
        terms = re.findall(r'"[^"]+"|\S+', fold(query))
        cleaned = []
        for t in terms:
            words = re.findall(r"\w+", t)
            if words:
                cleaned.append('"' + " ".join(words) + '"')
        if not cleaned:
            return []
        rows = self.conn.execute(
            "SELECT d.*, bm25(documents_fts) AS score FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
            "WHERE documents_fts MATCH ? ORDER BY score LIMIT ?", (" AND ".join(cleaned), limit)).fetchall()
        return [(self._doc(r, with_removed=False), -r["score"]) for r in rows]

    def stats(self) -> dict:
        c = self.conn
        one = lambda sql: c.execute(sql).fetchone()[0]
        return {
            "path": self.path,
            "schema_version": one("PRAGMA user_version"),
            "documents": one("SELECT count(*) FROM documents"),
            "outlets": one("SELECT count(DISTINCT outlet) FROM documents WHERE outlet IS NOT NULL"),
            "with_title": one("SELECT count(*) FROM documents WHERE title IS NOT NULL"),
            "published_known": one("SELECT count(*) FROM documents WHERE published IS NOT NULL"),
            "published_basis": dict(c.execute("SELECT published_basis, count(*) FROM documents GROUP BY 1").fetchall()),
            "formats": dict(c.execute("SELECT fmt, count(*) FROM documents GROUP BY 1").fetchall()),
            "languages": dict(c.execute("SELECT language, count(*) FROM documents GROUP BY 1").fetchall()),
            "removed_lines": one("SELECT count(*) FROM removed"),
            "analysed": one("SELECT count(*) FROM analyses"),
            "body_chars": one("SELECT coalesce(sum(length(body)), 0) FROM documents"),
            "file_bytes": Path(self.path).stat().st_size if Path(self.path).exists() else 0,
        }

    def integrity(self) -> str:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]
