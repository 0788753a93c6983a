"""A store of the five seed articles plus one hostile article (script and event-handler markup in its title
and body, a javascript: URL), shared by the server, export and browser tests."""
import json
from pathlib import Path

from conftest import SEEDS

HOSTILE_TITLE = "<script>alert('title')</script> المغرب وإسرائيل"
HOSTILE_BODY = (
    "أعلنت وزارة الدفاع المغربية أمس عن زيارة وفد عسكري إسرائيلي إلى الرباط لبحث التعاون الدفاعي بين البلدين.\n\n"
    "وكتب أحد القراء في تعليقه <script>alert(1)</script> ثم أضاف <img src=x onerror=alert(2)> في نهاية النص، "
    "وهو نص يجب أن يظهر كما هو دون أن يُنفَّذ.\n\n"
    "وقال مسؤول في الوزارة إن الوفد سيلتقي قيادات القوات المسلحة الملكية خلال الأسبوع المقبل لبحث برامج التدريب.")
HOSTILE_URL = "javascript:alert(3)"


def build_store(folder: Path) -> Path:
    from rasd.cli import run_ingest
    from rasd.store import Store, record

    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps({"title": HOSTILE_TITLE, "body": HOSTILE_BODY, "url": HOSTILE_URL,
                                   "published": "2023-03-02"}, ensure_ascii=False) + "\n", encoding="utf-8")
    db = folder / "serve.db"
    report = run_ingest([str(SEEDS), str(hostile)], str(db), {}, 50.0, quiet=True, progress=False)
    assert not report.errors, report.errors
    with Store(db) as store:
        record.load(store)  # build and cache the cross-document record, as `rasd serve` does at start
    return db
