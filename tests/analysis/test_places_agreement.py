"""The local answer measured: départements read from labelled titles (``vigie eval``)."""

from __future__ import annotations

import subprocess
import sys

from tests.analysis.conftest import LABELS, shared_file
from vigie.analysis.engine import departements_of
from vigie.analysis.evaluate import Label, Outcome, label_item
from vigie.analysis.places_agreement import (
    EXACT,
    NARROWER,
    NONE,
    OTHER,
    WIDER,
    agreement,
)
from vigie.analysis.records import Decision, Territory


def _outcome(expected: tuple[str, ...], read: tuple[Territory, ...], *, scope: str = "local",
             retained: str = "must", decided: str = "local") -> Outcome:
    label = Label("JORFTEXT000000000001", "Arrêté du 1er janvier 2026", "", retained, scope,
                  expected, ("institutions",))
    decision = Decision(retained=decided != "no", scope=decided, territories=read,
                        departements=departements_of(read) if decided == "local" else ())
    return Outcome(label, label_item(label), decision)


BOURGES = Territory("commune", "18033", "Bourges", "18")
CHER = Territory("departement", "18", "Cher", "18")
BRETAGNE = Territory("region", "53", "Bretagne", "")


def test_each_kind_of_disagreement_is_told_apart():
    result = agreement([
        _outcome(("18",), (BOURGES,)),  # a commune counts for its département
        _outcome(("18",), (CHER, BRETAGNE)),  # a région adds its départements
        _outcome(("22", "29", "35", "56", "18"), (BRETAGNE,)),
        _outcome(("18",), ()),
        _outcome(("29", "18"), (BOURGES, BRETAGNE)),  # none of these: read {18, 22, 29, 35, 56}
        _outcome(("36",), (BOURGES,)),
    ])
    assert [kind for kind, *_ in result.wrong] == [WIDER, NARROWER, NONE, WIDER, OTHER]
    assert result.kinds[EXACT] == 1 and result.labelled == 6
    text = result.render()
    assert "6 textes annotés avec leurs départements, 16,7 % exacts" in text
    assert "attendus : 36 ; lus : 18" in text and "lus : aucun" in text


def test_a_text_selection_missed_is_scored_where_it_would_have_gone():
    label = Label("JORFTEXT000000000002", "Décret du 3 décembre 2020 portant nomination du "
                  "sous-préfet de Vierzon", "", "must", "local", ("18",), ("institutions",))
    missed = Outcome(label, label_item(label), Decision(retained=False, scope="no"))
    assert agreement([missed]).kinds[EXACT] == 1  # not « aucun lu »: the miss is selection's


def test_scope_is_scored_on_texts_both_kept():
    result = agreement([
        _outcome((), (), scope="national", decided="local"),  # sent to editions wrongly
        _outcome((), (), scope="national", decided="national"),
        _outcome((), (), scope="local", decided="no"),  # a miss: selection's, not scope's
        _outcome((), (), scope="local", retained="no", decided="national"),
    ])
    assert result.scopes == {True: 1, False: 1} and result.national_placed == 1
    assert result.labelled == 0 and result.exact_share == 1.0
    assert "1 sur 2 comme l'annotation ; 1 texte(s) national(aux)" in result.render()


def test_vigie_eval_reports_the_territories_of_a_labelled_issue():
    labels = shared_file(*LABELS)
    done = subprocess.run([sys.executable, "-m", "vigie.cli", "eval", str(labels)],
                          capture_output=True, text=True, check=True)
    line = next(row for row in done.stdout.splitlines()
                if row.startswith("Territoires lus dans les titres"))
    assert "textes annotés avec leurs départements" in line and "exacts" in line


def test_the_texts_whose_scope_disagrees_are_listed():
    result = agreement([
        _outcome((), (), scope="local", decided="national"),
        _outcome((), (), scope="national", decided="national"),
    ])
    text = result.render()
    assert "Portées autres que celle de l'annotation :" in text
    assert "  - local attendue, national lue : JORFTEXT000000000001 Arrêté du 1er janvier" in text
