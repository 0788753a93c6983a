"""Walk paths (files, folders, globs), open containers (.zip, .gz) and hand each member to its reader."""
from __future__ import annotations

import glob
import io
import gzip
import os
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from ..errors import E, InputError
from .readers import EXTENSIONS, READERS, Item, ReadOptions, sniff

SKIP_NAMES = {".DS_Store", "Thumbs.db"}


def expand(paths: list[str]) -> Iterator[Path | InputError]:
    """Files named, found under folders (recursively, sorted) or matched by globs."""
    for p in paths:
        matches = [Path(m) for m in sorted(glob.glob(p, recursive=True))] if glob.has_magic(p) else [Path(p)]
        if not matches or not matches[0].exists():
            yield InputError(E.NOT_FOUND, p)
            continue
        for m in matches:
            if m.is_dir():
                for root, dirs, files in os.walk(m):
                    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                    for f in sorted(files):
                        if not f.startswith(".") and f not in SKIP_NAMES:
                            yield Path(root) / f
            else:
                yield m


def _kind(name: str, data: bytes | None) -> str | None:
    lower = name.lower()
    for ext in (".warc.gz",):
        if lower.endswith(ext):
            return "warc"
    kind = EXTENSIONS.get(os.path.splitext(lower)[1])
    sniffed = sniff(data) if data is not None else None
    if kind in (None, "txt") and sniffed and sniffed != "json":
        return sniffed  # an .txt that is really HTML, or a file with no extension
    if kind == "feed" and sniffed == "html":
        return "html"
    if kind is None:
        return sniffed or ("txt" if not os.path.splitext(lower)[1] else None)
    return kind


def read_bytes(data: bytes, name: str, opts: ReadOptions) -> Iterator[Item]:
    """Records from one file's bytes; containers are opened transparently (also nested)."""
    lower = name.lower()
    if lower.endswith(".zip"):
        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
            members = [i for i in zf.infolist() if not i.is_dir() and not i.filename.startswith("__MACOSX")]
        except zipfile.BadZipFile as exc:
            yield InputError(E.BAD_GZIP, name, str(exc))
            return
        for info in members:
            inner = f"{name}/{info.filename}"
            try:
                payload = zf.read(info)
            except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
                yield InputError(E.BAD_GZIP, inner, str(exc))
                continue
            yield from read_bytes(payload, inner, opts)
        return
    if lower.endswith(".gz") and not lower.endswith(".warc.gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            yield InputError(E.BAD_GZIP, name, str(exc) or exc.__class__.__name__)
            return
        name = name[:-3]
        yield from read_bytes(data, name, opts)
        return
    if not data.strip():
        yield InputError(E.EMPTY, name)
        return
    kind = _kind(name, data)
    if kind is None:
        yield InputError(E.UNSUPPORTED, name, os.path.splitext(name)[1] or "no extension")
        return
    try:
        yield from READERS[kind](data, name, opts)
    except InputError as err:
        yield err
    except (EOFError, zlib.error, OSError) as exc:
        yield InputError(E.BAD_GZIP if kind == "warc" else E.UNREADABLE, name, str(exc)[:120] or exc.__class__.__name__)


def read_path(path: Path, opts: ReadOptions) -> Iterator[Item]:
    name = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield InputError(E.UNREADABLE, name, exc.strerror or str(exc))
        return
    if size == 0:
        yield InputError(E.EMPTY, name)
        return
    kind = _kind(name, None)
    if kind in ("txt", "html") and size > opts.max_bytes:
        # never read a huge single-article file into memory
        yield InputError(E.TOO_LARGE, name, f"{size / 1e6:.0f} MB > {opts.max_bytes / 1e6:.0f} MB for one article")
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(E.UNREADABLE, name, exc.strerror or str(exc))
        return
    yield from read_bytes(data, name, opts)
