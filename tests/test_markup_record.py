"""Span marking never loses or injects text, whatever the spans; the cached cross-document record follows the
store (a new article makes a new record) and a read-only store refuses writes."""
import html
import re
import sqlite3

import pytest
from conftest import SEEDS, rasd
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.serve.markup import mark_body

TEXT = st.text(alphabet=st.sampled_from(list("المغرب إسرائيل<>&\"' \n.،abc123")), min_size=0, max_size=80)


@st.composite
def body_and_spans(draw):
    body = draw(TEXT)
    n = len(body)
    spans = []
    for kind in draw(st.lists(st.sampled_from(["sentence", "entity", "date", "trigger"]), max_size=8)):
        a = draw(st.integers(0, n))
        b = draw(st.integers(a, n))
        s = {"kind": kind, "start": a, "end": b}
        if kind == "entity":
            s |= {"entity": "person:<x>", "type": "PERSON", "name": "<b>x</b>"}
        elif kind == "date":
            s |= {"interval": ["2021-01-01", None], "precision": "month"}
        elif kind == "trigger":
            s |= {"type": "MEET", "event": draw(st.sampled_from([None, "evt-1"]))}
        spans.append(s)
    # sentences do not overlap one another (as the splitter makes them)
    sents, last = [], -1
    for s in sorted((s for s in spans if s["kind"] == "sentence"), key=lambda s: s["start"]):
        if s["start"] >= last and s["end"] > s["start"]:
            sents.append(s)
            last = s["end"]
    spans = [s for s in spans if s["kind"] != "sentence"] + sents
    hl = draw(st.one_of(st.none(), st.tuples(st.integers(0, n), st.integers(0, n)).map(sorted).map(tuple)))
    return body, spans, hl


@settings(max_examples=300, deadline=None)
@given(body_and_spans())
def test_marking_keeps_the_text_exactly_and_escapes_it(case):
    body, spans, hl = case
    out = str(mark_body(body, spans, lambda kind, key: f"/{kind}/{key}", hl))
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == body
    # every tag is one of ours: untrusted text cannot open an element
    assert set(re.findall(r"<(/?\w+)", out)) <= {"span", "/span", "a", "/a", "mark", "/mark"}
    assert out.count("<span") == out.count("</span>") and out.count("<a ") == out.count("</a>")


def test_record_follows_the_store(tmp_path):
    from rasd.store import Store, record

    db = tmp_path / "r.db"
    rasd("ingest", SEEDS, "--db", db)
    with Store(db) as store:
        key = record.key(store)
        first = record.load(store)
        assert store.record(key) is not None  # cached
        assert record.load(store) == first
    extra = tmp_path / "extra.txt"
    extra.write_text("استقبل وزير الدفاع المغربي أمس في الرباط وفدا عسكريا إسرائيليا لبحث التعاون الدفاعي.\n"
                     "وتناولت المباحثات برامج التدريب المشترك بين القوات المسلحة الملكية والجيش الإسرائيلي.\n",
                     encoding="utf-8")
    rasd("ingest", extra, "--db", db)
    with Store(db) as store:
        assert record.key(store) != key and store.record(record.key(store)) is None
        second = record.load(store)
        assert store.record(key) is None and store.record(record.key(store)) is not None  # one record kept
    assert len(second["documents"]) == len(first["documents"]) + 1


def test_read_only_store_refuses_writes(tmp_path):
    from rasd.store import Store
    from rasd.store.sqlite import StoreError

    db = tmp_path / "ro.db"
    rasd("ingest", SEEDS, "--db", db, "--no-nlp")
    ro = Store(db, readonly=True)
    assert ro.count() == 5
    with pytest.raises(sqlite3.OperationalError):
        ro.save_record("k", b"x")
    with pytest.raises(StoreError):
        Store(tmp_path / "missing.db", readonly=True)
