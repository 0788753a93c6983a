"""A catalogue of numbered error messages (the spaCy idea): every input problem has a code and one line of text.

Ingest reports ``path: E00x reason`` for each failed input and goes on with the rest of the batch.
"""
from __future__ import annotations

from enum import Enum


class E(str, Enum):
    UNDECODABLE = "E001 cannot decode text: not UTF-8, UTF-16 or windows-1256"
    BINARY = "E002 binary file, not text"
    EMPTY = "E003 empty file"
    NO_ARTICLE = "E004 no article text found"
    BAD_GZIP = "E005 broken or truncated gzip/zip container"
    BAD_JSON = "E006 malformed JSON"
    BAD_FEED = "E007 not a valid RSS/Atom feed"
    TOO_LARGE = "E008 file too large"
    UNSUPPORTED = "E009 unsupported file type"
    UNREADABLE = "E010 cannot read file"
    BAD_WARC = "E011 malformed WARC"
    NOT_FOUND = "E012 no such file or pattern"


class InputError(Exception):
    """An input that cannot become a document. ``where`` names the file (and record) at fault."""

    def __init__(self, code: E, where: str, detail: str = ""):
        self.code, self.where, self.detail = code, where, detail
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.where}: {self.code.value}" + (f" ({self.detail})" if self.detail else "")
