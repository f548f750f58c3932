"""Quality gate: cross-validated figures over every labelled issue (leave one issue out).

Each of the 18 issues is decided with weights learned from the 17 others, so the figures say
how selection and themes do on an issue nobody has seen; in-sample figures would say nothing.
The floors are read from ``eval_baseline.json`` and may only go up. Without ../shared, the
gate skips and says why.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from tests.analysis.conftest import LABELS, SOMMAIRE, shared_file
from vigie.analysis.evaluate import evaluate, read_labels, sommaire_item
from vigie.analysis.learning.crossval import (
    FULL,
    LINE,
    CrossValidation,
    Fold,
    cross_validate,
)

BASELINE = Path(__file__).with_name("eval_baseline.json")


@pytest.fixture(scope="module")
def crossval() -> CrossValidation:
    shared_file(*LABELS)
    from vigie.analysis.learning.dataset import default_files, load

    return cross_validate(load(default_files()))


def floors() -> dict:
    return json.loads(BASELINE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("mode", [LINE, FULL])
def test_cross_validated_figures_hold_their_floors(crossval: CrossValidation, mode: str):
    floor = floors()
    overall = crossval.overall(mode)
    details = crossval.render()
    assert len(crossval.folds) >= 18 and len(overall.outcomes) >= 2000
    assert overall.recall >= floor["recall"], details
    assert overall.precision >= floor["precision"], details
    assert overall.theme_accuracy >= floor["theme_accuracy"], details
    low, high = floor["selection_rate"]
    assert low <= overall.selection_rate <= high, details
    worst = crossval.worst(mode)
    assert (worst.line if mode == LINE else worst.full).recall >= floor["worst_issue_recall"]


def test_false_alarms_at_a_number_of_misses_pool_the_folds_margins(
        crossval: CrossValidation):
    counts = [crossval.false_alarms_at(misses) for misses in range(8)]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]
    assert "jusqu'à N oublis (ligne du sommaire) : 3 oublis : " in crossval.render()


def test_contested_main_themes_are_listed_with_the_reason_of_the_theme_given(
        crossval: CrossValidation):
    # ``vigie eval --cross-validate --themes``: what to read before touching the lexicon
    wrong = crossval.overall().wrong_themes
    assert wrong and "Thème principal contesté" not in crossval.render()
    listing = crossval.render(themes=True).split("Thème principal contesté", 1)[1]
    assert listing.startswith(f" (à retenir, retenus) : {len(wrong)}\n")
    for outcome in wrong:
        assert outcome.label.idtxt in listing
        assert f"thème donné « {outcome.decision.theme} », attendu : " in listing
    assert listing.count("\n      thème « ") == len(wrong)


def test_pooled_false_alarms_move_every_threshold_by_the_same_amount():
    first, second = Fold("a"), Fold("b")
    first.margins = [("must", 2.0), ("must", -0.5), ("no", 1.0), ("no", -1.0), ("may", 5.0)]
    second.margins = [("must", 0.5), ("no", 0.4), ("no", -0.7), ("no", -math.inf)]
    both = CrossValidation([first, second])
    # musts at -0.5, 0.5, 2.0: no miss keeps every « no » from -0.5 up, one miss from 0.5 up
    assert [both.false_alarms_at(misses) for misses in range(4)] == [2, 1, 0, 0]


def test_the_0192_issue_is_one_fold_among_the_others(crossval: CrossValidation):
    fold = next(f for f in crossval.folds if f.issue == "labels_jorf_0192")
    assert len(fold.line.outcomes) == 83
    assert fold.line.recall >= floors()["issue_0192_recall"]
    text = crossval.render()
    for heading in ("rappel", "précision", "thème", "sélection", "ensemble", "Oublis",
                    "Fausses alertes", "Ligne du sommaire", "Texte intégral"):
        assert heading in text


def test_territories_read_from_titles_hold_their_floor():
    # Read by rules, not learnt weights: every labelled line as it is, no fold needed.
    shared_file(*LABELS)
    from vigie.analysis.learning.dataset import default_files, load
    from vigie.analysis.places_agreement import read_all

    result = read_all(load(default_files()))
    assert result.labelled >= 79, result.render()
    assert result.exact_share >= floors()["territories_exact"], result.render()
    assert result.scope_share >= floors()["scope_agreed"], result.render()


def test_items_from_the_sommaire_carry_section_ministry_and_nature():
    report = evaluate(shared_file(*LABELS), sommaire=shared_file(*SOMMAIRE))
    by_id = {o.label.idtxt: o.item for o in report.outcomes}
    decree = by_id["JORFTEXT000054708683"]
    assert decree.nature == "DECRET"
    assert decree.ministry == "Ministère de l'aménagement du territoire et de la décentralisation"
    assert decree.section.endswith("/ Textes généraux / " + decree.ministry)
    assert not decree.title.endswith("…") and len(decree.title) > 120  # full, not the CSV's


def test_report_lists_misses_and_false_alarms_in_french():
    report = evaluate(shared_file(*LABELS), sommaire=shared_file(*SOMMAIRE))
    text = report.render()
    for heading in ("rappel", "précision", "taux de sélection", "thème principal", "Oublis",
                    "Fausses alertes"):
        assert heading in text
    assert len(report.misses) == round((1 - report.recall) * 18)


def test_csv_only_evaluation_runs_on_truncated_titles():
    # The CSV cuts titles at 120 characters: this mode is for quick looks, not for the gate.
    report = evaluate(shared_file(*LABELS))
    assert len(report.outcomes) == len(read_labels(shared_file(*LABELS)))
    assert report.render().startswith("Évaluation sur 83 textes")


def test_issue_files_give_nature_ministry_and_date():
    path = shared_file("eval", "issues", "labels_2020-12-04.csv")
    label = read_labels(path)[2]
    assert label.nature == "DECRET" and label.ministry == "Premier ministre"
    assert label.jo_date == "2020-12-04"


def test_sommaire_item_takes_the_ministry_from_the_last_level():
    item = sommaire_item("Décret n° 2026-1 du 1er janvier 2026 relatif aux communes",
                         ("Décrets, arrêtés, circulaires", "Textes généraux",
                          "Ministère de l'intérieur"))
    assert item.ministry == "Ministère de l'intérieur" and item.nature == "DECRET"
    other = sommaire_item("Décision n° 1", ("Conseil constitutionnel",))
    assert other.ministry == "" and other.nature == "DECISION"
