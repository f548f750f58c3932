"""Learned weights: the shipped file, ``vigie train``, and what readers see of the weights."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.analysis.conftest import shared_file
from vigie.analysis.engine import analyse
from vigie.analysis.learning.dataset import MissingLabels, default_files, load
from vigie.analysis.learning.training import train
from vigie.analysis.records import ANALYSIS_VERSION, Item
from vigie.analysis.weights import WEIGHTS_FILE, read, render, shipped

REPO = Path(__file__).resolve().parents[2]
COLUMNS = ("idtxt", "title", "section", "retained", "scope", "departements", "themes")


def vigie(*args: str, cwd: Path = REPO, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "vigie.cli", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=600,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8", **env})


def test_retraining_reproduces_the_shipped_file():
    shared_file("eval", "labels_jorf_0192.csv")
    files = default_files()
    data = train(load(files), files=[path.name for path in files])
    assert render(data) == WEIGHTS_FILE.read_text(encoding="utf-8"), (
        "le fichier de poids livré ne correspond plus aux annotations : lancez « vigie train »")


def test_the_shipped_file_is_readable_and_labelled_in_french():
    weights = shipped()
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert weights.version == ANALYSIS_VERSION == data["version"]
    assert data["trained_on"]["issues"] >= 18
    named = set(weights.selection) | set(weights.themes)
    assert named <= set(weights.labels)
    assert all(label and "§" not in label for label in weights.labels.values())
    assert {"politique", "rubrique:lois"} <= set(weights.selection)
    assert weights.selection["politique"] > 0  # the policy's evidence counts for retaining


def test_vigie_train_adds_labelled_files_and_writes_elsewhere(tmp_path: Path):
    shared_file("eval", "labels_jorf_0192.csv")
    extra = tmp_path / "corrections.csv"
    with extra.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerow(("JORFTEXT900000000001", "Décret n° 2026-1 du 2 janvier 2026 relatif "
                         "à la collecte des biodéchets par les communes", "", "must",
                         "national", "", "environnement"))
        writer.writerow(("JORFTEXT900000000002", "Arrêté du 2 janvier 2026 portant "
                         "nomination (inspection générale des finances)", "", "no", "", "", ""))
    output = tmp_path / "poids.json"
    run = vigie("train", "--labels", str(extra), "--output", str(output))
    assert run.returncode == 0, run.stderr
    assert "écrit dans" in run.stdout and str(output) in run.stdout
    data = json.loads(output.read_text(encoding="utf-8"))
    assert "corrections.csv" in data["trained_on"]["files"]
    assert data["trained_on"]["texts"] == len(load(default_files())) + 2
    assert read(output).threshold == data["selection"]["threshold"]
    assert WEIGHTS_FILE.read_text(encoding="utf-8") == render(
        json.loads(WEIGHTS_FILE.read_text(encoding="utf-8")))  # the shipped file untouched


def test_missing_labels_are_told_in_french(tmp_path: Path):
    with pytest.raises(MissingLabels, match="aucun fichier annoté trouvé"):
        default_files(tmp_path)
    run = vigie("train", "--labels", str(tmp_path / "absent.csv"), "--output",
                str(tmp_path / "w.json"))
    assert run.returncode == 1 and "fichier annoté introuvable" in run.stderr
    assert not (tmp_path / "w.json").exists()


def test_reasons_are_weighted_features_in_french_never_policy_sections():
    decision = analyse(Item(
        title="Décret n° 2026-900 du 2 septembre 2026 modifiant le code général des "
              "collectivités territoriales en matière de publicité des actes",
        section="Décrets, arrêtés, circulaires / Textes généraux / Ministère de l'intérieur",
        ministry="Ministère de l'intérieur"))
    assert decision.retained
    assert any("(+" in reason for reason in decision.reasons)  # weighed pieces, signed
    for title in ("Arrêté du 1er septembre 2026 portant délégation de signature",
                  "LOI n° 2026-1 du 1er septembre 2026 relative aux communes",
                  "Arrêté du 2 septembre 2026 portant reconnaissance de l'état de catastrophe "
                  "naturelle"):
        assert all("§" not in reason for reason in analyse(Item(title=title)).reasons)


@pytest.mark.parametrize("nature", ["DECRET", "décret", "Décret", "DÉCRETS", "decrets"])
def test_analyse_jsonl_takes_natures_in_any_case_and_without_any_database(tmp_path: Path,
                                                                          nature: str):
    line = json.dumps({"title": "Décret n° 2026-5 du 2 septembre 2026 relatif aux seuils de "
                                "la commande publique", "nature": nature}, ensure_ascii=False)
    # A database that cannot be reached: --jsonl needs none.
    run = subprocess.run([sys.executable, "-m", "vigie.cli", "analyse", "--jsonl", "-"],
                         input=line + "\n", capture_output=True, text=True, cwd=REPO,
                         timeout=300, env={**os.environ, "PYTHONIOENCODING": "utf-8",
                                           "VIGIE_DATABASE_URL":
                                               "postgres://nobody@127.0.0.1:9/absent"})
    assert run.returncode == 0, run.stderr
    decision = json.loads(run.stdout)
    reference = analyse(Item(title=json.loads(line)["title"], nature="DECRET")).to_json()
    assert decision == reference
    assert decision["retained"] and decision["theme"] == "commande_publique"



def test_the_threshold_leaves_out_musts_only_within_one_standard_error_of_the_goal():
    from vigie.analysis.learning.training import RECALL_TARGET, left_out

    for count in (20, 60, 128, 400):
        index = left_out(count)
        recall = 1 - index / count
        assert recall - (recall * (1 - recall) / count) ** 0.5 >= RECALL_TARGET
        one_more = 1 - (index + 1) / count
        assert one_more - (one_more * (1 - one_more) / count) ** 0.5 < RECALL_TARGET
    assert left_out(128) < int(0.05 * 128)  # a margin under the plain 95 % quantile


def test_a_negative_inner_split_is_refused_in_french():
    run = vigie("eval", "--cross-validate", "--inner-split", "-1")
    assert run.returncode == 2 and "--inner-split attend un entier positif" in run.stderr


def test_inner_folds_take_issues_in_date_order_unless_a_split_shuffles_them():
    from vigie.analysis.learning.training import inner_order

    groups = [f"2020-12-{day:02d}" for day in range(1, 18)]
    assert inner_order(groups) == groups and inner_order(groups, 0) == groups
    shuffled = inner_order(groups, 3)
    assert sorted(shuffled) == groups and shuffled != groups
    assert inner_order(groups, 3) == shuffled and inner_order(groups, 4) != shuffled
    assert groups == sorted(groups)  # the caller's list is left as it was
