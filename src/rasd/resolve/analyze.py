"""Run the language, resolve, time and event layers over stored documents and resolve across them: entities,
canonical events, stories and contradictions."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Document
from ..registry import analysis_pipeline
from .entities import Entity, resolve
from .translit import transliterate


@dataclass(slots=True)
class Analysis:
    documents: list[Document]
    entities: list[Entity]
    events: list = field(default_factory=list)
    stories: list[dict] = field(default_factory=list)
    story_of: dict[str, str] = field(default_factory=dict)
    contradictions: list[dict] = field(default_factory=list)


def analyze(documents: Iterable[Document], store=None) -> Analysis:
    """Analyse documents (reusing what ``store`` keeps from ingest, and keeping what is new) and resolve
    across them."""
    from ..events.claims import contradictions
    from ..events.resolve import build_events
    from ..events.stories import near_duplicate_pairs, stories
    from ..registry import analysis_version
    from ..store.codec import decode

    stored = store.analyses() if store is not None else {}
    docs, stale, fresh = [], [], {}
    for d in documents:
        got = stored.get(d.id)
        if got is None or not decode(d, got[1], analysis_version()):
            stale.append(d)
        docs.append(d)
    for d, text in zip(stale, _analyse_all(stale)):
        if not decode(d, text, analysis_version()):  # pragma: no cover - the same version made it
            raise RuntimeError(f"analysis of {d.id} does not decode")
        fresh[d.id] = (analysis_version(), text)
    if store is not None and fresh:
        store.save_analyses(fresh)
    linked = {d.id: (d.body, d.annotations["linked"]) for d in docs}
    entities = resolve(linked, transliterate=transliterate)
    by_key: dict[tuple[str, str], str] = {}
    by_kb: dict[str, str] = {}
    people = set()
    for e in entities:
        for span, m in e.mentions:
            by_key[(span.doc, m.key)] = e.id
        if e.kb:
            by_kb[e.kb] = e.id
        if e.type == "PERSON":
            people.add(e.id)

    def key_of(doc: str, key: str) -> str:
        return by_key.get((doc, key)) or by_kb.get(key) or key

    mentions = [m for d in docs for m in d.annotations.get("events", [])]

    def is_person(k: str) -> bool:
        return k in people or k.startswith("person:")
    # strict resolution first; its stories then let reports within one story join on a vague date
    # strict resolution first; its stories then let reports within one story join on a vague date
    near = near_duplicate_pairs((d.id, d.body) for d in docs)
    events, _ = build_events(mentions, key_of, is_person)
    story_of, _ = stories(((d.id, d.title) for d in docs), events, near)
    events, contra = build_events(mentions, key_of, is_person, story_of)
    story_of, story_list = stories(((d.id, d.title) for d in docs), events, near)
    contra += contradictions([(d.id, c) for d in docs for c in d.annotations.get("claims", [])], key_of)
    return Analysis(docs, entities + _implied_entities(entities, events), events, story_list, story_of, contra)


def _implied_entities(entities: list[Entity], events: list) -> list[Entity]:
    """KB entries an event involves without any article naming them — the armed forces of "وفد عسكري إسرائيلي",
    the host country of "وصل إلى القاهرة" — become entities too (with no mentions), so that every participant
    and place an export or page refers to exists."""
    from .kb import load as load_kb

    kb = load_kb()
    have = {e.id for e in entities}
    out = []
    for ev in events:
        for key in [p.key for p in ev.participants] + ([ev.location] if ev.location else []):
            e = kb.entries.get(key)
            if e is not None and key not in have:
                have.add(key)
                out.append(Entity(key, e.type, e.name, e.en, key, [], []))
    return out


PARALLEL_FROM = 200  # stale documents from which analysing them in worker processes pays for starting them


def _analyse_one(doc: Document) -> str:
    from ..registry import analysis_version
    from ..store.codec import encode

    analysis_pipeline()(doc)
    return encode(doc, analysis_version())


def _analyse_all(docs: list[Document]) -> list[str]:
    """Each document's analysis, encoded as the store keeps it: in worker processes (one per core, at most four;
    $RASD_WORKERS overrides) when there are many — a new rasd version re-analyses a whole store at the first
    export or `rasd serve` — else in this process."""
    import os

    workers = int(os.environ.get("RASD_WORKERS") or min(4, os.cpu_count() or 1))
    if workers < 2 or len(docs) < PARALLEL_FROM:
        return [_analyse_one(d) for d in docs]
    import multiprocessing

    analysis_pipeline()  # load the models once, before forking: the workers share them
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return pool.map(_analyse_one, docs, chunksize=32)


def entity_json(e: Entity) -> dict:
    return {
        "id": e.id,
        "type": e.type,
        "name": e.name,
        "name_en": e.name_en,
        "aliases": e.aliases,
        "alias_usage": e.usages,
        "kb": e.kb,
        "roles": [{"title": r.title, "role": r.role, "organization": r.organization,
                   "sources": [s.as_dict() for s in r.sources]} for r in e.roles],
        "mentions": [{**s.as_dict(), "form": m.form, "score": m.score, "why": m.why} for s, m in e.mentions],
    }


def event_json(ev, names: dict[str, str]) -> dict:
    """One canonical event in the dossier schema, with every sentence that reports it."""
    s, e = ev.date.iso()
    parts = [{"entity": p.key, "role": p.role} for p in ev.participants]
    who = ", ".join(names.get(p.key, p.key) for p in ev.participants[:4])
    attrs = dict(ev.attributes)
    summary = f"{ev.type.replace('_', ' ').lower()}: {who}" + (f" ({s}" + (f"..{e})" if e != s else ")") if s or e else "")
    sources, seen = [], set()
    for m in sorted(ev.mentions, key=lambda m: (m.doc, m.sentence.start)):
        if (m.doc, m.sentence.start) not in seen:
            seen.add((m.doc, m.sentence.start))
            sources.append(m.sentence.as_dict())
    return {
        "id": ev.id, "type": ev.type, "cameo": ev.cameo, "plover": ev.plover, "summary": summary,
        "date": {"start": s, "end": e, "precision": ev.date.precision, "basis": ev.date_basis},
        "announced": {"start": ev.announced.iso()[0], "end": ev.announced.iso()[1]} if ev.announced else None,
        "location": ev.location,
        "participants": parts,
        "attributes": attrs,
        "modality": ev.modality,
        "historical": ev.historical,
        "sources": sources,
        "evidence": [{"trigger": m.trigger.as_dict(), "date": m.date_span.as_dict() if m.date_span else None,
                      "modality": m.modality, "historical": m.historical} for m in ev.mentions],
    }
