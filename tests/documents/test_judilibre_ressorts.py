"""A cour d'appel's decision goes to the editions of its whole ressort, a tribunal's to its
seat's département: the table of the 36 ressorts checked against the COG, a decision written
for these tests in the API's shape, then the real samples of ``../shared/corpus/jurisprudence``.

Found reading the editions: a decision of the Cour d'appel de Paris reached the readers of
Paris (75) only, not those of the Essonne, the Seine-Saint-Denis… it rules for as much.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from tests.documents.test_judilibre import ANSWER, CHAMBERY, TODAY
from vigie.analysis.case_law import editions_of
from vigie.analysis.models import Analysis
from vigie.analysis.origin_items import case_law_item_for
from vigie.documents.judilibre_store import decision_uid
from vigie.documents.models import Document
from vigie.editions.models import Edition
from vigie.editions.reading import content_of
from vigie.reference.courts import RESSORTS, appeal_ressort, court_seat
from vigie.reference.geography import load_geo

OVERSEAS = {"Basse-Terre", "Cayenne", "Fort-de-France", "Nouméa", "Papeete", "Saint-Denis"}


def test_every_departement_is_in_exactly_one_ressort():
    assert len(RESSORTS) == 36 and set(RESSORTS) >= OVERSEAS
    counted = Counter(code for codes in RESSORTS.values() for code in codes)
    known = set(load_geo().departements)
    assert {code for code, n in counted.items() if n > 1} == set()
    assert set(counted) <= known
    # Saint-Pierre-et-Miquelon: a tribunal supérieur d'appel; the TAAF: no court.
    assert known - set(counted) == {"975", "984"}
    metropolitan = [c for seat, codes in RESSORTS.items() if seat not in OVERSEAS for c in codes]
    assert len(metropolitan) == 96
    assert RESSORTS["Paris"] == ("75", "77", "89", "91", "93", "94")
    assert RESSORTS["Versailles"] == ("28", "78", "92", "95")
    for seat, codes in RESSORTS.items():  # each court sits inside its own ressort
        found = court_seat(f"Cour d'appel de {seat}")
        assert found is None or found.departement in codes, (seat, found)


def test_a_cour_d_appel_is_found_however_its_name_is_written():
    assert appeal_ressort("COUR D'APPEL de CHAMBÉRY") == ("73", "74")
    assert appeal_ressort("Cour d’appel d'Aix en Provence") == ("04", "06", "13", "83")
    assert appeal_ressort("Cour d'appel de Saint-Denis de La Réunion") == ("974", "976")
    for court in ("Tribunal judiciaire de Paris", "Cour de cassation",
                  "Tribunal supérieur d'appel de Saint-Pierre", "Cour d'appel de Saint-Pierre",
                  ""):
        assert appeal_ressort(court) == (), court


@pytest.mark.django_db
def test_a_decision_of_a_cour_d_appel_reaches_its_whole_ressort(vigie, tmp_path):
    path = tmp_path / "judilibre.json"
    path.write_text(json.dumps(ANSWER), encoding="utf-8")
    assert vigie("ingest", path)[0] == 0
    local = Analysis.objects.get(document__uid=decision_uid(CHAMBERY["id"]))
    assert local.retained and local.scope == "local" and local.departements == ["73", "74"]
    assert ("décision d'une cour d'appel (Cour d'appel de Chambéry) : éditions des "
            "départements de son ressort, Savoie (73), Haute-Savoie (74)"
            in local.decision["reasons"])
    for code, shown in (("73", True), ("74", True), ("01", False), ("38", False)):
        items = content_of(Edition.objects.get(date=TODAY, departement=code)).items()
        assert (local.document.uid in {i.uid for i in items}) is shown, code


@pytest.mark.django_db
def test_the_real_samples_a_cour_d_appel_its_ressort_a_tribunal_its_seat(vigie, shared):
    folder = shared("corpus", "jurisprudence")
    # (The two samples share an identifier: each read on its own.)
    assert vigie("ingest", folder / "judilibre_ca_decision_resolved.json")[0] == 0
    chambery = Document.objects.get(uid=decision_uid("5fca277de35a255d41ca73ab0ca"))
    assert chambery.details["court"] == "Cour d'appel de Chambéry"
    assert editions_of(case_law_item_for(chambery)) == ("73", "74")
    code, out, _ = vigie("show", chambery.uid)
    assert code == 0 and "Ressort : Savoie (73), Haute-Savoie (74)" in out, out
    assert "Département :" not in out
    assert vigie("ingest", folder / "judilibre_tj_decision_resolved.json")[0] == 0
    bordeaux = Document.objects.get(uid=chambery.uid)
    assert bordeaux.details["court"] == "Tribunal judiciaire de Bordeaux"
    assert editions_of(case_law_item_for(bordeaux)) == ("33",)
    code, out, _ = vigie("show", bordeaux.uid)
    assert "Département : Gironde (33)" in out and "Ressort" not in out, out
