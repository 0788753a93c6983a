"""The exports analysts take to other tools: the event CSV opens in pandas with typed columns, the GraphML loads
in networkx, every FollowTheMoney entity passes the followthemoney library's own schema checks, the HTML file
is self-contained."""
import io
import json
import re

import pytest
from conftest import rasd
from serve_fixtures import build_store


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("exports")
    db = build_store(folder)
    out = {}
    for fmt in ("json", "csv", "ftm", "graphml", "html"):
        path = folder / f"dossier.{fmt}"
        rasd("export", "--db", db, "--format", fmt, "-o", path)
        out[fmt] = path
    return out


def test_csv_opens_in_pandas_with_typed_columns(exported):
    import pandas as pd

    from rasd.export.table import COLUMNS

    dossier = json.loads(exported["json"].read_text(encoding="utf-8"))
    df = pd.read_csv(exported["csv"], parse_dates=["date_start", "date_end"], dtype={"cameo": "string"})
    assert list(df.columns) == COLUMNS
    assert len(df) == len(dossier["events"])
    assert str(df["date_start"].dtype).startswith("datetime64") and str(df["date_end"].dtype).startswith("datetime64")
    assert df["source_count"].dtype.kind == "i" and df["sentence_count"].dtype.kind == "i"
    assert df["recalled"].dtype == bool
    assert (df["source_count"] >= 1).all() and (df["sentence_count"] >= df["source_count"]).all()
    assert set(df["cameo"].dropna()) <= {"057", "040", "042", "043", "044", "046", "062", "064", "072", "161", "010",
                                         "111", "112", "051", "141"}
    signed = df[(df["type"] == "SIGN_AGREEMENT") & (df["date_start"].dt.year == 2021)]
    assert not signed.empty and (signed["plover"] == "AGREE").all() and signed["participants"].str.contains("Morocco").all()
    assert df["cameo"].str.len().dropna().eq(3).all()  # leading zeros kept as text


def test_every_participant_and_place_is_an_entity_of_the_dossier(exported):
    dossier = json.loads(exported["json"].read_text(encoding="utf-8"))
    ids = {e["id"] for e in dossier["entities"]}
    refs = {p["entity"] for ev in dossier["events"] for p in ev["participants"]}
    refs |= {ev["location"] for ev in dossier["events"] if ev["location"]}
    assert refs <= ids, refs - ids


def test_graphml_loads_in_networkx(exported):
    import networkx as nx

    dossier = json.loads(exported["json"].read_text(encoding="utf-8"))
    g = nx.read_graphml(exported["graphml"])
    kinds = nx.get_node_attributes(g, "kind")
    assert sum(k == "event" for k in kinds.values()) == len(dossier["events"])
    assert sum(k == "entity" for k in kinds.values()) >= len(dossier["entities"])
    for ev in dossier["events"]:
        parts = {u for u, _, d in g.in_edges(ev["id"], data=True) if d["kind"] == "participates"}
        assert len(parts) == len({p["entity"] for p in ev["participants"]})
        assert {u for u, _, d in g.in_edges(ev["id"], data=True) if d["kind"] == "reports"} == {s["doc"] for s in ev["sources"]}
    assert g.nodes["person:gantz"]["label"] == "Benny Gantz"


def test_ftm_entities_pass_followthemoney_validation(exported):
    from followthemoney import model

    lines = exported["ftm"].read_text(encoding="utf-8").splitlines()
    entities = [json.loads(x) for x in lines]
    ids = {e["id"] for e in entities}
    assert len(ids) == len(entities)
    schemata = {e["schema"] for e in entities}
    assert {"Person", "Organization", "PublicBody", "Event", "Article", "Mention"} <= schemata
    for data in entities:
        proxy = model.get_proxy(data, cleaned=False)  # raises on an unknown schema or property
        cleaned = proxy.to_dict()["properties"]
        # the library's value cleaning (dates, countries, references) keeps every value rasd wrote
        for prop, values in data["properties"].items():
            assert len(cleaned.get(prop, [])) == len(values), (data["schema"], prop, values, cleaned.get(prop))
        for prop in proxy.schema.properties.values():
            if prop.type.name == "entity":
                for ref in proxy.get(prop):
                    assert ref in ids, (data["schema"], prop.name, ref)
    events = [e for e in entities if e["schema"] == "Event"]
    assert any(e["properties"].get("date") == ["2021-11-24"] for e in events)
    assert all(e["properties"].get("proof") for e in events)


def test_ftm_validate_command_accepts_the_export(exported, tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    ftm = Path(sys.executable).parent / "ftm"
    out = tmp_path / "valid.json"
    proc = subprocess.run([str(ftm), "validate", "-i", str(exported["ftm"]), "-o", str(out)], capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(exported["ftm"].read_text(encoding="utf-8").splitlines())


def test_html_export_is_self_contained(exported):
    html = exported["html"].read_text(encoding="utf-8")
    assert "<script" not in html.replace("&lt;script", "")
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert re.search(r"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'", html)
    assert "<style>" in html and '<link rel="stylesheet"' not in html
    dossier = json.loads(exported["json"].read_text(encoding="utf-8"))
    for ev in dossier["events"]:
        assert f'id="event-{ev["id"]}"' in html
    assert io.StringIO(html).read().count('class="ev') >= 10


def test_html_export_of_a_range_or_an_entity(exported, tmp_path):
    import json as _json

    dossier = _json.loads(exported["json"].read_text(encoding="utf-8"))
    db = exported["json"].parent / "serve.db"
    out = tmp_path / "late.html"
    rasd("export", "--db", db, "--format", "html", "--from", "2025", "-o", out)
    late = set(re.findall(r'id="event-([^"]+)"', out.read_text(encoding="utf-8")))
    want = {e["id"] for e in dossier["events"] if (e["date"]["end"] or e["date"]["start"] or "") >= "2025"}
    assert late and late == want
    out = tmp_path / "gantz.html"
    rasd("export", "--db", db, "--format", "html", "--entity", "غانتس", "-o", out)
    his = set(re.findall(r'id="event-([^"]+)"', out.read_text(encoding="utf-8")))
    assert his == {e["id"] for e in dossier["events"] if "person:gantz" in {p["entity"] for p in e["participants"]}}
    assert rasd("export", "--db", db, "--format", "html", "--from", "20x", "-o", out, check=False).returncode == 2
