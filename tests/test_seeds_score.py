"""The referee (score.py, copied from shared/eval) on the bundled seed copy: cleaning figures perfect, entities at
the issue-4 bar, events, stories and contradictions at the issue-6 bar."""
import json
import subprocess
import sys

from conftest import HERE, SEEDS, rasd


def test_seed_cleaning_titles_metadata_are_perfect(tmp_path):
    db, out = tmp_path / "s.db", tmp_path / "d.json"
    rasd("ingest", SEEDS, "--db", db)
    rasd("export", "--db", db, "--format", "json", "-o", out)
    proc = subprocess.run([sys.executable, HERE / "eval" / "score.py", "--gold", HERE / "eval" / "seeds.json",
                           "--corpus", SEEDS, "--export", out, "--json"], capture_output=True, text=True, check=True)
    figures = json.loads(proc.stdout[: proc.stdout.rindex("}") + 1])
    assert figures["documents_found"] == 1.0
    assert figures["cleaning"] == 1.0, proc.stdout
    assert figures["titles"] == 1.0
    assert figures["metadata"] == 1.0
    assert figures["provenance"] == 1.0
    assert figures["entity_recall"] >= 0.95, proc.stdout
    assert figures["entity_splits"] == 0, proc.stdout
    assert figures["stories_f1"] == 1.0, proc.stdout
    assert figures["event_f1"] >= 0.85, proc.stdout
    assert figures["date_accuracy"] >= 0.85, proc.stdout
    assert figures["event_merge"] == 1.0, proc.stdout
    assert figures["contradictions"] == 1.0, proc.stdout


def test_export_validates_and_keeps_chrome_out(tmp_path):
    from rasd.export.dossier import validate

    db, out = tmp_path / "s.db", tmp_path / "d.json"
    rasd("ingest", SEEDS, "--db", db)
    rasd("export", "--db", db, "-o", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    validate(data)
    assert data["schema"] == "rasd.dossier/1"
    assert len(data["documents"]) == 5
    for doc in data["documents"]:
        assert doc["story"] in {s["id"] for s in data["stories"]}
        assert "اترك رد" not in doc["body"] and "Exit mobile version" not in doc["body"]
        assert len(doc["removed"]) == len(doc["removed_reasons"]) >= 1
