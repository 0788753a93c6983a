"""Every pipeline component, registered explicitly in one place (no registration by import side effect)."""
from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from .annotate.components import ENTITIES, SENTENCES, TOKENS
from .clean.component import CLEAN
from .events.component import EVENTS
from .pipeline import INGESTED, Component, Pipeline
from .resolve.components import LINK
from .time.component import TIME

COMPONENTS: dict[str, Component] = {c.name: c for c in (CLEAN, SENTENCES, TOKENS, ENTITIES, LINK, TIME, EVENTS)}
DEFAULT = ["clean/1"]  # ingest stores clean documents; the language layer runs on demand
LANGUAGE = ["clean/1", "sentences/1", "tokens/1", "ner/1"]
ANALYSIS = ["sentences/1", "tokens/1", "ner/1", "link/1", "time/1", "events/1"]  # over stored (already clean) documents




@cache
def analysis_version() -> str:
    """The component names plus a digest of the code, lexicons and model they run on: a stored analysis made
    by anything else is redone, so a store never mixes the output of two versions of rasd."""
    root = Path(__file__).parent
    h = hashlib.sha1()
    for sub in ("text", "annotate", "resolve", "time", "events", "clean", "data", "models"):
        for f in sorted((root / sub).rglob("*")):
            if f.is_file() and f.suffix in (".py", ".json", ".txt", ".gz", ".tsv", ".crfsuite"):
                h.update(f.relative_to(root).as_posix().encode())
                h.update(f.read_bytes())
    return "+".join(ANALYSIS) + "@" + h.hexdigest()[:12]


def build_pipeline(names: list[str] | None = None, given: frozenset[str] = INGESTED) -> Pipeline:
    unknown = [n for n in names or [] if n not in COMPONENTS]
    if unknown:
        raise KeyError(f"unknown pipeline components {unknown}; known: {sorted(COMPONENTS)}")
    return Pipeline((COMPONENTS[n] for n in (names or DEFAULT)), given)


def analysis_pipeline() -> Pipeline:
    """The language and resolve layers over documents read back from the store (already clean)."""
    return build_pipeline(ANALYSIS, INGESTED | CLEAN.provides)
