"""Every pipeline component, registered explicitly in one place (no registration by import side effect)."""
from __future__ import annotations

from .annotate.components import ENTITIES, SENTENCES, TOKENS
from .clean.component import CLEAN
from .pipeline import Component, Pipeline

COMPONENTS: dict[str, Component] = {c.name: c for c in (CLEAN, SENTENCES, TOKENS, ENTITIES)}
DEFAULT = ["clean/1"]  # ingest stores clean documents; the language layer runs on demand
LANGUAGE = ["clean/1", "sentences/1", "tokens/1", "ner/1"]


def build_pipeline(names: list[str] | None = None) -> Pipeline:
    unknown = [n for n in names or [] if n not in COMPONENTS]
    if unknown:
        raise KeyError(f"unknown pipeline components {unknown}; known: {sorted(COMPONENTS)}")
    return Pipeline(COMPONENTS[n] for n in (names or DEFAULT))
