"""Pipeline components with declared contracts (the spaCy idea, registered explicitly, no import side effects).

A component names the document fields it ``requires`` and the ones it ``provides``; :class:`Pipeline` checks
at construction that every requirement is met by an earlier component (or by ingest), so a misassembled
pipeline fails at startup with a clear message rather than halfway through a batch.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .model import Document

# what a document has straight out of ingest
INGESTED = frozenset({"raw", "source", "url", "title_meta", "published_meta"})


@dataclass(frozen=True, slots=True)
class Component:
    name: str  # versioned: "clean/1"
    requires: frozenset[str]
    provides: frozenset[str]
    run: Callable[[Document], None]


class PipelineError(ValueError):
    pass


class Pipeline:
    def __init__(self, components: Iterable[Component], given: frozenset[str] = INGESTED):
        self.components = list(components)
        have = set(given)
        for comp in self.components:
            missing = comp.requires - have
            if missing:
                raise PipelineError(f"component {comp.name} requires {sorted(missing)}, which nothing before it provides")
            have |= comp.provides
        self.provides = frozenset(have)

    def __call__(self, doc: Document) -> Document:
        for comp in self.components:
            comp.run(doc)
        return doc

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.components]
