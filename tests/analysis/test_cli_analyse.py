"""``vigie analyse --jsonl`` and ``vigie eval`` as a user runs them, in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.analysis.conftest import LABELS, SOMMAIRE, shared_file

KEYS = {"retained", "scope", "departements", "score", "reasons", "theme", "themes", "roles",
        "territories", "dates", "urgent", "short_title", "essentials", "version",
        "communes",  # added by issue 10: the communes a text lists, with their status
        "heading", "question"}  # added by issue 11: Parliament items' heading and question
REPO = Path(__file__).resolve().parents[2]

GOOD = {"title": "Décret n° 2026-900 du 2 septembre 2026 modifiant le code général des "
                 "collectivités territoriales", "nature": "DECRET",
        "ministry": "Ministère de l'intérieur",
        "section": "Décrets, arrêtés, circulaires / Textes généraux / Ministère de l'intérieur",
        "text": "", "date": "2026-09-03"}
CONVENTION = {"title": "Arrêté du 7 août 2026 portant extension d'un avenant à la convention "
                       "collective nationale de la métallurgie",
              "section": "Décrets, arrêtés, circulaires / Conventions collectives / Ministère du "
                         "travail", "date": "2026-08-19", "nor": "MTRT2620000A",
              "notice": {}, "cited": []}


def vigie(tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VIGIE_DATA_DIR": str(tmp_path),
           "VIGIE_DATABASE_URL": f"sqlite:///{tmp_path}/t.sqlite3", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "vigie.cli", *args], input=stdin,
                          capture_output=True, text=True, env=env, cwd=REPO, timeout=300)


def test_one_decision_per_line_with_the_promised_keys(tmp_path: Path):
    lines = "\n".join(json.dumps(x, ensure_ascii=False) for x in (GOOD, CONVENTION)) + "\n"
    run = vigie(tmp_path, "analyse", "--jsonl", "-", stdin=lines)
    assert run.returncode == 0, run.stderr
    decisions = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(decisions) == 2
    assert all(set(d) == KEYS for d in decisions)
    first, second = decisions
    assert first["retained"] and first["scope"] == "national"
    assert any("code général des collectivités territoriales" in r for r in first["reasons"])
    assert not second["retained"] and second["scope"] == "no"
    assert "é" in run.stdout  # ensure_ascii=False: French as written


def test_malformed_lines_are_reported_and_the_run_goes_on(tmp_path: Path):
    lines = "\n".join([json.dumps(GOOD), "{pas du json", json.dumps({"nature": "DECRET"}),
                       "", json.dumps({**GOOD, "date": "19/08/2026"}), json.dumps(CONVENTION)])
    run = vigie(tmp_path, "analyse", "--jsonl", "-", stdin=lines)
    assert run.returncode == 1
    assert len(run.stdout.splitlines()) == 2
    assert "ligne 2 : JSON invalide" in run.stderr
    assert "ligne 3 : champ « title » manquant" in run.stderr
    assert "ligne 5 : champ « date »" in run.stderr


def test_jsonl_file_today_and_urgent_days(tmp_path: Path):
    source = tmp_path / "textes.jsonl"
    source.write_text(json.dumps(GOOD, ensure_ascii=False) + "\n", encoding="utf-8")
    run = vigie(tmp_path, "analyse", "--jsonl", str(source), "--today", "2026-09-03",
                "--urgent-days", "30")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["short_title"].startswith("Modification du code général")
    missing = vigie(tmp_path, "analyse", "--jsonl", str(tmp_path / "absent.jsonl"))
    assert missing.returncode == 1 and "impossible de lire" in missing.stderr
    bad = vigie(tmp_path, "analyse", "--jsonl", "-", "--today", "demain")
    assert bad.returncode == 2 and "date invalide" in bad.stderr


def test_without_a_source_the_command_says_what_to_give(tmp_path: Path):
    run = vigie(tmp_path, "analyse")
    assert run.returncode == 2
    assert "--jsonl" in run.stderr


def test_eval_prints_the_report_in_french(tmp_path: Path):
    run = vigie(tmp_path, "eval", str(shared_file(*LABELS)), "--sommaire",
                str(shared_file(*SOMMAIRE)))
    assert run.returncode == 0, run.stderr
    assert "rappel" in run.stdout and "précision" in run.stdout
    missing = vigie(tmp_path, "eval", str(tmp_path / "absent.csv"))
    assert missing.returncode == 1 and "lecture impossible" in missing.stderr


def test_item_from_json_accepts_the_contract_and_refuses_in_french():
    import io

    import pytest

    from vigie.analysis.records import Item, ItemError

    one = Item.from_json({**CONVENTION, "notice": {"publics": "communes", "autre": "x"},
                          "cited": ["Code général des collectivités territoriales"],
                          "id": "ignoré"})
    assert one.notice == {"publics": "communes"} and one.nor == "MTRT2620000A"
    assert one.cited == ("Code général des collectivités territoriales",)
    assert one.kind == "ARRETE" and one.date.isoformat() == "2026-08-19"
    for bad, message in (([], "objet JSON"), ({"title": " "}, "« title »"),
                         ({"title": "x", "text": 3}, "« text »"),
                         ({"title": "x", "cited": "y"}, "« cited »"),
                         ({"title": "x", "notice": []}, "« notice »")):
        with pytest.raises(ItemError, match=message):
            Item.from_json(bad)

    from vigie.commands.analyse import analyse_jsonl

    out, err = io.StringIO(), io.StringIO()
    status = analyse_jsonl([json.dumps(GOOD), "[]"], out, err)
    assert status == 1 and len(out.getvalue().splitlines()) == 1
    assert "ligne 2" in err.getvalue()
