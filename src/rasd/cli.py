"""The ``rasd`` command line. Every command has --help; exit code 1 means some input failed."""
from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path

import click

from . import __version__

DEFAULT_DB = os.environ.get("RASD_DB", "rasd.db")
db_option = click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
                         help="SQLite store (also $RASD_DB).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rasd")
def main() -> None:
    """rasd (رصد): turn noisy Arabic news into a verified, source-linked record.

    Typical use: `rasd ingest articles/ --db dossier.db`, then `rasd export --db dossier.db --format json -o dossier.json`.
    `rasd demo` runs the whole thing on the bundled sample corpus.
    """


def _parse_fields(fields: tuple[str, ...]) -> dict[str, str]:
    from .ingest.readers import DEFAULT_FIELDS

    out = {}
    for f in fields:
        if "=" not in f:
            raise click.BadParameter(f"{f!r}: use NAME=JSONFIELD, e.g. body=content", param_hint="--field")
        name, src = f.split("=", 1)
        if name not in DEFAULT_FIELDS:
            raise click.BadParameter(f"{name!r} is not one of {sorted(DEFAULT_FIELDS)}", param_hint="--field")
        out[name] = src
    return out


def run_ingest(paths, db: str, fields: dict[str, str], max_mb: float, quiet: bool = False, progress: bool | None = None,
               nlp: bool = True):
    from tqdm import tqdm

    from .ingest.readers import ReadOptions
    from .ingest.run import ingest
    from .registry import analysis_pipeline, build_pipeline
    from .store import Store

    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(unit=" docs", disable=not show or quiet, file=sys.stderr, mininterval=0.5)
    errors_shown = 0

    def on_error(err):
        nonlocal errors_shown
        errors_shown += 1
        bar.clear()
        click.echo(f"error: {err}", err=True)

    t0 = time.perf_counter()
    with Store(db) as store:
        report = ingest(paths, store, build_pipeline(), ReadOptions(fields=fields, max_bytes=int(max_mb * 1024 * 1024)),
                        on_error=on_error, on_progress=bar.update, analysis=analysis_pipeline() if nlp else None)
        total = store.count()
    bar.close()
    dt = time.perf_counter() - t0
    if not quiet:
        for w in report.warnings:
            click.echo(f"warning: {w}", err=True)
        click.echo(f"{len(report.added)} added, {len(report.already)} already stored, {len(report.errors)} failed "
                   f"from {report.files} files in {dt:.1f}s — store {db} holds {total} documents", err=True)
    return report


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--field", "fields", multiple=True, metavar="NAME=JSONFIELD",
              help="JSON/JSONL field mapping, e.g. --field body=content --field published=date_extracted. "
                   "NAME is one of body, title, published, url, outlet, byline, id.")
@click.option("--max-mb", default=50.0, show_default=True, help="Largest single-article file (txt/html) accepted.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal).")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@click.option("--no-nlp", is_flag=True, help="Clean and store only; entities, dates and events are then found at "
              "export (or by a later ingest of the same files).")
def ingest(paths, db, fields, max_mb, progress, quiet, no_nlp):
    """Read articles (txt, html, warc, rss/atom, json, jsonl; .zip and .gz too) from files, folders or globs,
    clean them, find their entities, dates and events, and store them. Re-ingesting the same article adds
    nothing."""
    report = run_ingest(paths, db, _parse_fields(fields), max_mb, quiet=quiet, progress=progress, nlp=not no_nlp)
    sys.exit(1 if report.errors else 0)


EXPORT_FORMATS = {
    "json": "the rasd.dossier/1 export, validated against its JSON Schema",
    "csv": "one row per canonical event: dates, type, CAMEO, PLOVER, participants, place, sources",
    "ftm": "FollowTheMoney entities as JSON lines (Person, Organization, PublicBody, Event, Article, Mention)",
    "graphml": "entities, events and articles as nodes, participation and reporting as edges",
    "html": "one self-contained file that opens offline: timeline, events, entities, contradictions, articles",
}


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(list(EXPORT_FORMATS)), default="json", show_default=True,
              help="; ".join(f"{k}: {v}" for k, v in EXPORT_FORMATS.items()))
@click.option("-o", "--output", default="-", show_default=True, help="Output file ('-' for stdout).")
@click.option("--lang", type=click.Choice(["ar", "en"]), default="ar", show_default=True,
              help="Interface language of the html export.")
@click.option("--from", "start", metavar="YYYY[-MM[-DD]]", help="html: only events from this date.")
@click.option("--to", "end", metavar="YYYY[-MM[-DD]]", help="html: only events up to this date.")
@click.option("--type", "etype", help="html: only events of this type (MEET, VISIT, SIGN_AGREEMENT …).")
@click.option("--entity", help="html: only events this entity (id or any spelling) takes part in.")
def export(db, fmt, output, lang, start, end, etype, entity):
    """Export the store as a dossier (json), an event table (csv), FollowTheMoney entities (ftm), a graph
    (graphml) or one offline HTML file (html)."""
    from .export import dossier
    from .store import Store

    _require_db(db)
    with Store(db) as store:
        if fmt == "html":
            from .export import standalone
            from .serve.view import Dossier
            from .store import record as record_cache

            from .serve.view import TimelineQuery

            view = Dossier(store, record_cache.load(store))
            query = None
            if start or end or etype or entity:
                for bound in (start, end):
                    if bound and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", bound):
                        raise click.BadParameter(f"{bound!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
                query = TimelineQuery(start=start, end=end, type=etype, entity=entity, recalled=True, limit=10**9)
            text = standalone.render(view, lang=lang, query=query)
            summary = f"{len(view.docs)} documents"
        else:
            data = dossier.build(store)
            summary = f"{len(data['documents'])} documents, {len(data['events'])} events"
    if fmt == "json":
        dossier.validate(data)
        text, summary = json.dumps(data, ensure_ascii=False, indent=1), summary + f" ({data['schema']})"
    elif fmt == "csv":
        from .export import table
        text = table.write(data)
    elif fmt == "ftm":
        from .export import ftm
        try:
            text = ftm.write(data)
        except RuntimeError as exc:
            raise click.ClickException(str(exc)) from exc
    elif fmt == "graphml":
        from .export import graph
        text = graph.write(data)
    if output == "-":
        click.echo(text, nl=False)
    else:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}: {summary} ({fmt})", err=True)


@main.command()
@click.argument("query")
@db_option
@click.option("-n", "--limit", default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per result.")
def search(query, db, limit, as_json):
    """Full-text search with Arabic folding: "اسرائيل" finds "إسرائيل"."""
    from .store import Store
    from .text.snippet import snippet

    _require_db(db)
    with Store(db) as store:
        hits = store.search(query, limit)
    for doc, score in hits:
        snip = snippet(doc.body, query)
        if as_json:
            click.echo(json.dumps({"id": doc.id, "title": doc.title, "score": round(score, 3), "snippet": snip},
                                  ensure_ascii=False))
        else:
            click.echo(f"{doc.id}\t{doc.title or '(no title)'}\n    {snip}")
    if not hits and not as_json:
        click.echo("no match", err=True)


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True)
def stats(db, as_json):
    """What the store holds."""
    from .store import Store

    _require_db(db)
    with Store(db) as store:
        s = store.stats()
    if as_json:
        click.echo(json.dumps(s, ensure_ascii=False, indent=1))
        return
    for k, v in s.items():
        click.echo(f"{k:18} {v}")


@main.command()
@click.argument("doc_id")
@db_option
@click.option("--raw", is_flag=True, help="Show the raw input text too.")
def show(doc_id, db, raw):
    """One document: metadata, clean body and what cleaning removed (id or unique id prefix)."""
    from .store import Store

    _require_db(db)
    with Store(db) as store:
        doc = store.get(doc_id)
    if doc is None:
        raise click.ClickException(f"no document {doc_id!r} (or the prefix is not unique)")
    from .report import describe

    click.echo(describe(doc, body=True))
    if raw:
        click.echo("\n--- raw ---\n" + doc.raw)


def _entities(db: str):
    from .resolve.analyze import analyze
    from .store import Store

    _require_db(db)
    with Store(db) as store:
        return analyze(store.documents())


@main.command()
@db_option
@click.option("--type", "typ", default=None, help="Only this type (PERSON, ORGANIZATION, GPE, LOCATION, AGREEMENT …).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per entity.")
def entities(db, typ, as_json):
    """Every entity across the store: KB entries and unknown names, with mention and document counts."""
    from .resolve.analyze import entity_json

    for e in _entities(db).entities:
        if typ and e.type != typ.upper():
            continue
        if as_json:
            click.echo(json.dumps(entity_json(e), ensure_ascii=False))
            continue
        docs = len({s.doc for s, _m in e.mentions})
        click.echo(f"{e.type:<12} {e.name} ({e.name_en or '-'})  kb={e.kb or 'new'}  "
                   f"{len(e.mentions)} mentions in {docs} documents  id={e.id}")


@main.command()
@click.argument("name")
@db_option
@click.option("--width", default=50, show_default=True, help="Characters of context on each side.")
def entity(name, db, width):
    """One entity (by id, KB id, name or any alias) with its roles and every mention in context."""
    from .resolve.kb import load
    from .text.fold import fold_key

    analysis = _entities(db)
    kb = load()
    want = fold_key(name)

    def spellings(e):  # names seen in the store, and every spelling the KB knows for the entry
        known = [n.text for n in kb.entries[e.kb].names] if e.kb in kb.entries else []
        return {fold_key(x) for x in [e.name, e.name_en or "", *e.aliases, *known]}

    found = [e for e in analysis.entities if name in (e.id, e.kb) or want in spellings(e)]
    if not found:
        raise click.ClickException(f"no entity named {name!r}; `rasd entities` lists them")
    bodies = {d.id: d.body for d in analysis.documents}
    for e in found:
        click.echo(f"{e.name} — {e.name_en or '-'} [{e.type}] kb={e.kb or 'new'} id={e.id}")
        if e.aliases:
            click.echo("  aliases: " + "، ".join(e.aliases))
        for form in sorted(set(e.usages.values())):
            click.echo(f"  {form}: " + "، ".join(sorted(a for a, f in e.usages.items() if f == form)))
        for r in e.roles:
            click.echo(f"  role: {r.title} ({r.organization or '-'}) — {len(r.sources)} source(s)")
        for s, m in e.mentions:
            body = bodies[s.doc]
            left = body[max(0, s.start - width):s.start].replace("\n", " ")
            right = body[s.end:s.end + width].replace("\n", " ")
            click.echo(f"  {s.doc} {s.start}:{s.end} [{m.form}, {m.why}, {m.score}] …{left}[[{s.text}]]{right}…")


@main.command()
@click.option("--out", default="rasd-demo", show_default=True, type=click.Path(file_okay=False),
              help="Folder for the demo store (demo.db) and export (dossier.json).")
def demo(out):
    """Ingest the bundled sample corpus (five real scraped articles), print what rasd made of it and write the
    dossier export."""
    from importlib import resources

    from .export import dossier
    from .report import describe, describe_record
    from .store import Store

    outdir = Path(out)
    outdir.mkdir(parents=True, exist_ok=True)
    db = outdir / "demo.db"
    corpus = resources.files("rasd").joinpath("examples", "seeds")
    click.echo(f"rasd demo — sample corpus: {corpus}\n")
    report = run_ingest([str(corpus)], str(db), {}, 50.0, progress=False)
    with Store(db) as store:
        for doc in store.documents():
            click.echo(describe(doc, body=False))
        data = dossier.write(store, outdir / "dossier.json")
        click.echo(describe_record(data))
        click.echo(f"\nstore: {db} ({store.count()} documents)")
    click.echo(f"export: {outdir / 'dossier.json'} ({data['schema']}, {len(data['documents'])} documents)")
    click.echo(f"browse: rasd serve --db {db}   (then open http://127.0.0.1:8765/)")
    sys.exit(1 if report.errors else 0)


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--tokens", "show_tokens", is_flag=True, help="Also list every token with its clitic segments.")
@click.option("--json", "as_json", is_flag=True, help="Print the spans as JSON instead.")
def annotate(path, show_tokens, as_json):
    """Clean one article and print it with its sentences, tokens and named entities marked, for a person to check.
    Entities appear as [[name]]/TYPE; every span is an exact offset into the clean body."""
    from .errors import InputError
    from .ingest.readers import ReadOptions
    from .ingest.sources import read_path
    from .model import Document
    from .registry import LANGUAGE, build_pipeline
    from .text.tokens import tokenize

    pipe = build_pipeline(LANGUAGE)
    for item in read_path(Path(path), ReadOptions()):
        if isinstance(item, InputError):
            click.echo(f"error: {item}", err=True)
            continue
        doc = pipe(Document.from_record(item))
        ents = doc.spans["entities"]
        if as_json:
            click.echo(json.dumps({"id": doc.id, "body": doc.body,
                                   "sentences": [[s.start, s.end] for s in doc.spans["sentences"]],
                                   "entities": [{"start": e.start, "end": e.end, "text": e.text, "type": e.label}
                                                for e in ents]}, ensure_ascii=False))
            continue
        click.echo(f"■ {doc.id} — {doc.title or '(no title)'}: {len(doc.spans['sentences'])} sentences, "
                   f"{len(doc.spans['tokens'])} tokens, {len(ents)} entities")
        for n, sent in enumerate(doc.spans["sentences"], 1):
            inner = [e for e in ents if sent.start <= e.start and e.end <= sent.end]
            text, pos = [], sent.start
            for e in inner:
                text.append(doc.body[pos:e.start] + f"[[{e.text}]]/{e.label}")
                pos = e.end
            text.append(doc.body[pos:sent.end])
            click.echo(f"{n:3}. " + "".join(text))
            if show_tokens:
                for t in tokenize(sent.text, base=sent.start):
                    segs = " + ".join(f"{s.text}:{s.kind}" + (f"({s.form})" if s.form else "") for s in t.segments)
                    click.echo(f"       {t.start}-{t.end} {t.kind:6} {segs}")
        by_type: dict[str, set[str]] = {}
        for e in ents:
            by_type.setdefault(e.label, set()).add(e.text)
        for typ, names in sorted(by_type.items()):
            click.echo(f"  {typ}: " + "، ".join(sorted(names)))


DATA_DIR = click.option("--data-dir", type=click.Path(file_okay=False), default=None,
                        help="Folder with anercorp/, names/ and saudinewsnet/ (default: ../shared/data beside the repo).")


@main.command()
@click.argument("text")
@click.option("--anchor", default=None, metavar="YYYY-MM-DD", help="Publication date to resolve relative expressions "
              "against (default: for an article file, inferred from the article; for text, unknown).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per expression.")
def dates(text, anchor, as_json):
    """Print every date expression in TEXT, one per line, tab-separated: start, end, precision, the text as written,
    the basis of the value. TEXT is Arabic text, '-' for stdin, or an article file (txt/html/…), which is cleaned
    first: its captions are read too and its publication date is inferred when the page does not state it.
    An unknown bound prints as '?'."""
    from datetime import date

    from .time.interval import Interval
    from .time.timex import find

    when = None
    if anchor:
        try:
            when = Interval.day(date.fromisoformat(anchor))
        except ValueError:
            raise click.BadParameter(f"{anchor!r} is not YYYY-MM-DD", param_hint="--anchor")

    def emit(timexes, where=""):
        for t in timexes:
            if as_json:
                click.echo(json.dumps(dict(t.as_dict(), where=where or "text"), ensure_ascii=False))
                continue
            s, e = t.value.iso()
            basis = f"{where}: {t.basis}" if where else t.basis
            click.echo("\t".join([s or "?", e or "?", t.precision, t.text.replace("\n", " "), basis]))

    path = Path(text) if text != "-" and len(text) < 4096 and "\n" not in text else None
    try:
        is_file = path is not None and path.is_file()
    except OSError:  # a sentence too long to be a file name
        is_file = False
    if is_file:
        _dates_of_file(path, when, emit, as_json)
        return
    emit(find(sys.stdin.read() if text == "-" else text, when, "--anchor"))


def _dates_of_file(path: Path, when, emit, as_json: bool) -> None:
    from .errors import InputError
    from .ingest.readers import ReadOptions
    from .ingest.sources import read_path
    from .model import Document
    from .registry import build_pipeline
    from .time.component import analyze_time
    from .time.timex import find

    pipe = build_pipeline(["clean/1"])
    for item in read_path(path, ReadOptions()):
        if isinstance(item, InputError):
            click.echo(f"error: {item}", err=True)
            continue
        doc = pipe(Document.from_record(item))
        timexes, pub = analyze_time(doc)
        if when is not None:
            timexes = find(doc.body, when, "--anchor")
            pub_line = f"given {when}"
        else:
            pub_line = f"{pub.interval if pub.known else 'unknown'} ({pub.how()})"
            when = pub.interval if pub.known else None
        if not as_json:
            click.echo(f"# {doc.id}: publication {pub_line}")
            for c in pub.conflicts:
                click.echo(f"# conflict: {c}")
        for caption in doc.captions:
            emit(find(caption, when, "publication"), "caption")
        emit(timexes)


def _analysis(db: str):
    from .resolve.analyze import analyze
    from .store import Store

    _require_db(db)
    store = Store(db)
    return store, analyze(store.documents(light=True), store)


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per event (the export's event records).")
@click.option("--all", "show_all", is_flag=True, help="Also list historical mentions (events the articles recall).")
def timeline(db, as_json, show_all):
    """The canonical events in date order: date interval and precision, type and CAMEO code, participants,
    how many sources report it, and what the date rests on."""
    from .resolve.analyze import event_json

    store, a = _analysis(db)
    names = {e.id: e.name_en or e.name for e in a.entities}
    for ev in a.events:
        if ev.historical and not show_all:
            continue
        if as_json:
            click.echo(json.dumps(event_json(ev, names), ensure_ascii=False))
            continue
        s, e = ev.date.iso()
        when = s if s and s == e else f"{s or '?'}..{e or '?'}"
        who = ", ".join(names.get(p.key, p.key) for p in ev.participants[:5])
        docs = {m.doc for m in ev.mentions}
        mark = " (recalled)" if ev.historical else ""
        click.echo(f"{when:23} {ev.date.precision:7} {ev.type:20} {ev.cameo or '-':4} {len(docs)} source"
                   f"{'s' if len(docs) != 1 else ' '}  {who}{mark}")
    store.close()


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per contradiction.")
def contradictions(db, as_json):
    """Where sources disagree: about an event (its weekday, date …) or a claim (a country's rank …), each value
    with the sentence that states it."""
    store, a = _analysis(db)
    bodies = {d.id: d for d in a.documents}
    for c in a.contradictions:
        if as_json:
            click.echo(json.dumps(c, ensure_ascii=False))
            continue
        click.echo(f"■ {c.get('about') or c['property']} ({c['subject']})")
        for v in c["values"]:
            for src in v["sources"]:
                doc = bodies.get(src["doc"])
                click.echo(f"    {v['value']:>10}  {src['doc'][:24]}  «{src['text']}»"
                           + (f"  — {doc.outlet}" if doc is not None and doc.outlet else ""))
    if not a.contradictions and not as_json:
        click.echo("no contradictions found")
    store.close()


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. The default answers this machine only; 0.0.0.0 exposes the store to "
                   "the network (read-only, no authentication).")
@click.option("--port", default=8765, show_default=True, type=int)
def serve(db, host, port):
    """The web UI and JSON API over a store: timeline, event, entity, story and article pages, contradictions,
    search; each page also as JSON (URL + .json), described at /openapi.json and /api. Read-only."""
    import uvicorn

    from .serve.app import create_app
    from .serve.view import Dossier
    from .store import Store
    from .store import record as record_cache

    _require_db(db)
    t0 = time.perf_counter()
    import sqlite3

    try:
        with Store(db) as store:  # writable once, to build and cache the cross-document record if it is stale
            rec = record_cache.load(store)
    except sqlite3.OperationalError as exc:  # a store on read-only media: resolve in memory, cache nothing
        click.echo(f"rasd: cannot write {db} ({exc}); resolving without caching", err=True)
        rec = record_cache.load(Store(db, readonly=True))
    dossier = Dossier(Store(db, readonly=True), rec)
    click.echo(f"rasd: {len(dossier.docs)} documents, {len(dossier.events)} events, {len(dossier.entities)} "
               f"entities loaded in {time.perf_counter() - t0:.1f}s — http://{host}:{port}/", err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}: anyone who can reach this machine can read the store "
                   "(read-only, no authentication)", err=True)
    uvicorn.run(create_app(db, dossier), host=host, port=port, log_level="warning")


@main.command("train-ner")
@DATA_DIR
@click.option("--no-clusters", is_flag=True, help="Keep the committed word-cluster table instead of relearning it "
              "from SaudiNewsNet (relearning needs the 'train' extra: scikit-learn, scipy).")
def train_ner(data_dir, no_clusters):
    """Rebuild the NER gazetteer file, word clusters and CRF model from the shared data (fixed seeds)."""
    from .annotate import ner

    data = Path(data_dir) if data_dir else ner.DEFAULT_DATA
    if not no_clusters:
        from .annotate.ner_distrib import build
        from .data import path as data_path

        n = build(data / "saudinewsnet", Path(str(data_path("ner_clusters.tsv.gz"))), log=click.echo)
        click.echo(f"word clusters: {n} stems")
        from .annotate.ner_features import load_lexicons

        load_lexicons.cache_clear()
    ner.train(data, log=click.echo)


@main.command("eval-ner")
@DATA_DIR
@click.option("--official", is_flag=True, help="Also score the official CAMeL test copy (first tokens corrupted).")
def eval_ner(data_dir, official):
    """Exact-span precision/recall/F1 per type and micro (CoNLL semantics) on the CAMeL test split of ANERcorp."""
    from .annotate import ner

    data = Path(data_dir) if data_dir else ner.DEFAULT_DATA
    files = [("reconstructed CAMeL test split", data / "anercorp" / "camel_split_reconstructed" / "test.txt")]
    if official:
        files.append(("official CAMeL test copy", data / "anercorp" / "ANERCorp_CamelLab_test.official_copy.txt"))
    last = None
    for label, f in files:
        if not f.exists():
            raise click.ClickException(f"no {f}: pass --data-dir pointing at the shared data folder")
        r = ner.evaluate(f)
        click.echo(f"{label}: {r['tokens']} tokens")
        click.echo(f"  {'type':6} {'P':>6} {'R':>6} {'F1':>6}")
        for t in (*ner.TYPES, "micro"):
            p, rc, f1 = r[t]
            click.echo(f"  {t:6} {p:6.3f} {rc:6.3f} {f1:6.3f}")
        last = last or r
    p, rc, f1 = last["micro"]
    click.echo(f"NER micro_f1={f1:.3f} precision={p:.3f} recall={rc:.3f} tokens_per_s={last['tokens_per_s']:.0f}")


def _require_db(db: str) -> None:
    if not Path(db).exists():
        raise click.ClickException(f"no store at {db}: run `rasd ingest PATH --db {db}` first")


if __name__ == "__main__":
    main()
