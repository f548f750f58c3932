"""JSON files of other sources, and empty files, given to ``vigie ingest``. An aid list
(Aides-territoires' schema, ADEME « Agir ») or an answer of the BOAMP's API was « n'est ni
une archive … ni un fichier reconnu du Parlement … ou des marchés publics », alone, and
« format JSON non reconnu » in a folder: never what it was, nor how Vigie reads it (the XML
files of the same sources said it already). An empty JSON or zip file, a download cut at its
start, was told the same, not that it was empty. And the list of what Vigie reads left out
Judilibre's answers and the EU's notices."""

from __future__ import annotations

import json

import pytest

from tests.conftest import shared_path
from vigie.documents.models import Anomaly, Delivery

pytestmark = pytest.mark.django_db

AIDS = {"count": 1, "next": None, "results": [
    {"id": 162, "name": "Développement d'une alimentation de proximité",
     "targeted_audiences": ["Communes", "EPCI à fiscalité propre"]}]}
BOAMP = {"total_count": 1, "results": [
    {"idweb": "26-81222", "objet": "Entretien des locaux", "code_departement": ["01"]}]}


def test_an_aid_list_or_a_boamp_answer_given_alone_says_what_it_is(vigie, tmp_path):
    aids, boamp = tmp_path / "aides.json", tmp_path / "boamp.json"
    aids.write_text(json.dumps(AIDS))
    boamp.write_text(json.dumps(BOAMP))
    code, out, err = vigie("ingest", "--no-analysis", aids)
    assert code == 1, out + err
    assert out.startswith(
        "aides.json : illisible : des aides aux collectivités (schéma Aides-territoires ou "
        "ADEME « Agir »), que Vigie relève dans un flux suivi (vigie feeds add ADRESSE "
        "--rubric financements), pas par vigie ingest"), out
    code, out, err = vigie("ingest", "--no-analysis", boamp)
    assert code == 1 and "boamp.json : illisible : des avis du BOAMP" in out, out
    assert "vigie feeds add ADRESSE --rubric marches" in out
    assert not Delivery.objects.exists() and Anomaly.objects.count() == 2
    assert "Traceback" not in err


def test_in_a_folder_the_anomaly_says_what_they_are(vigie, tmp_path):
    (tmp_path / "aides.json").write_text(json.dumps(AIDS))
    (tmp_path / "boamp.json").write_text(json.dumps(BOAMP))
    (tmp_path / "autre.json").write_text('{"articles": []}')
    code, out, err = vigie("ingest", "--no-analysis", tmp_path)
    assert code == 1
    said = out + err
    assert "aides.json (des aides aux collectivités (schéma Aides-territoires" in said, said
    assert "boamp.json (des avis du BOAMP" in said and "autre.json (format JSON non reconnu)" \
        in said
    assert "des marchés publics, de Judilibre ou de l'Union européenne) : " in said


@pytest.mark.parametrize("name", ["decisions.json", "marches.zip", "liste"])
def test_an_empty_file_is_said_empty(vigie, tmp_path, name):
    empty = tmp_path / name
    empty.write_bytes(b"")
    code, out, err = vigie("ingest", "--no-analysis", empty)
    assert code == 1, out + err
    assert out.startswith(f"{name} : illisible : Le fichier « {empty} » est vide."), out


def test_a_file_no_reader_takes_is_told_with_every_reader(vigie, tmp_path):
    other = tmp_path / "autre.json"
    other.write_text('{"articles": []}')
    code, out, _ = vigie("ingest", "--no-analysis", other)
    assert code == 1
    assert "de Judilibre (réponse JSON) ou de l'Union européenne (notice Cellar" in out, out


@pytest.mark.shared
@pytest.mark.parametrize("folder, name, what", [
    ("aides", "aides-territoires_dataprovider_ademe_agir_data.json", "des aides"),
    ("aides", "aides-territoires_dataprovider_departement_manche_data.json", "des aides"),
    ("flux", "boamp_api_records_2026-08-19.json", "des avis du BOAMP")])
def test_the_published_samples(vigie, folder, name, what):
    code, out, _ = vigie("ingest", "--no-analysis", shared_path("corpus", folder, name))
    assert code == 1 and out.startswith(f"{name} : illisible : {what}"), out
