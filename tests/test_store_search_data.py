from conftest import SEEDS, rasd

from rasd.data.build import GENERATED, render
from rasd.data import path as data_path
from rasd.text.fold import fold


def test_generated_data_is_current():
    for rel, builder in GENERATED.items():
        assert data_path(rel).read_text(encoding="utf-8") == render(builder()), \
            f"{rel} is stale: run python -m rasd.data.build"


def test_fold():
    assert fold("إسرائيل") == fold("اسرائيل") == "اسراييل"
    assert fold("القاهرةُ") == fold("القاهره")
    assert fold("مـصـر") == "مصر"
    assert fold("٢٠٢١") == "2021"


def test_search_folds_arabic(db):
    rasd("ingest", SEEDS, "--db", db)
    hits = rasd("search", "اسرائيل", "--db", db, "--json").stdout.splitlines()
    assert len(hits) == 5
    one = rasd("search", "جانتس", "--db", db).stdout
    assert "001_9f926e2afb30af44" in one and "003_" not in one
    assert "غانتس" in rasd("search", "غانتس", "--db", db).stdout


def test_every_command_has_help():
    from rasd.cli import main

    for name, cmd in main.commands.items():
        assert cmd.help and len(cmd.help) > 20, name
        assert rasd(name, "--help").returncode == 0


def test_stats_and_show(db):
    rasd("ingest", SEEDS, "--db", db)
    assert "documents          5" in rasd("stats", "--db", db).stdout
    shown = rasd("show", "004_", "--db", db).stdout
    assert "ناظورسيتي" in shown and "repeated paragraph" in shown
