"""The ingest loop: inputs → records → pipeline → store, in batches, one transaction per batch."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import E, InputError
from ..model import Document
from ..pipeline import Pipeline
from ..store import Store
from .readers import ReadOptions
from .sources import expand, read_path


MIN_WORDS = 5  # fewer words than this after cleaning is not an article


@dataclass(slots=True)
class IngestReport:
    added: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    files: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def ingest(paths: Iterable[str], store: Store, pipeline: Pipeline, opts: ReadOptions | None = None,
           batch_size: int = 500, on_error: Callable[[InputError], None] | None = None,
           on_progress: Callable[[int], None] | None = None, analysis: Pipeline | None = None) -> IngestReport:
    """Ingest every input under ``paths``. Errors are reported (``on_error``) and the batch goes on. With an
    ``analysis`` pipeline each clean document is also analysed (entities, time, events) and the analysis
    stored with it; an analysis that fails is reported and the document is stored without it."""
    from ..registry import analysis_version
    from ..store.codec import encode

    opts = opts or ReadOptions()
    report = IngestReport()
    batch: list[Document] = []
    analyses: dict[str, tuple[str, str]] = {}
    pending: set[tuple[str, str]] = set()

    def flush() -> None:
        for doc, added in store.add_batch(batch, analyses):
            (report.added if added else report.already).append(doc.id)
        batch.clear()
        analyses.clear()
        pending.clear()

    def fail(err: InputError) -> None:
        report.errors.append(err)
        if on_error:
            on_error(err)

    own = str(Path(store.path).resolve())
    for path in expand(list(paths)):
        if isinstance(path, InputError):
            fail(path)
            continue
        if str(path.resolve()).startswith(own):
            continue  # the store itself (and its -wal/-shm) when it lives inside an ingested folder
        report.files += 1
        for item in read_path(path, opts):
            if isinstance(item, InputError):
                fail(item)
                continue
            doc = Document.from_record(item)
            key = (item.source_key, doc.content_hash)
            if key in pending or store.known(*key):
                report.already.append(doc.id)
                continue
            pipeline(doc)
            if len(doc.body.split()) < MIN_WORDS:
                fail(InputError(E.NO_ARTICLE, item.source, f"{len(doc.body.split())} words left after cleaning"))
                continue
            if analysis is not None:
                try:
                    analysis(doc)
                    analyses[doc.id] = (analysis_version(), encode(doc, analysis_version()))
                except Exception as exc:  # noqa: BLE001 - keep the document; its analysis is redone at export
                    report.warnings.append(f"{item.source}: analysis failed ({type(exc).__name__}: {exc})")
            batch.append(doc)
            pending.add(key)
            if on_progress:
                on_progress(1)
            if len(batch) >= batch_size:
                flush()
    if batch:
        flush()
    return report
