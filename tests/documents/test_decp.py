"""Awarded contracts (DECP) ingested as « Marchés publics » items: the real files of
``../shared/corpus/decp`` (JSON in a zip, two states of one source, State buyers with lost
characters) and records written for these tests (every kind of place, a concession, a
record without buyer)."""

from __future__ import annotations

import json
import re
import zipfile
from datetime import date

import pytest

from vigie.analysis.models import Analysis
from vigie.documents.decp_repeats import contract_uid
from vigie.documents.models import Anomaly, Delivery, Document
from vigie.editions.models import Edition
from vigie.editions.reading import content_of
from vigie.parsing.decp import DecpError, departement_of, is_decp, read_decp

RECORDS = {"marches": [
    {"_type": "Marché", "uid": "21180033300018M1", "id": "M1", "objet": "Réfection de la "
     "toiture de l'école", "acheteur": {"id": "21180033300018", "nom": "Commune de Bourges"},
     "nature": "Marché", "procedure": "Procédure adaptée", "montant": 47600.87,
     "dateNotification": "2026-09-30+02:00", "datePublicationDonnees": "2026-10-14",
     "lieuExecution": {"code": "18033", "typeCode": "Code commune", "nom": "Bourges"},
     "titulaires": [{"denominationSociale": "COUVERTURES DU BERRY", "id": "1"}]},
    {"_type": "Contrat de concession", "id": "C1", "objet": "Délégation du service de l'eau",
     "autoriteConcedante": {"id": "20000000000001", "nom": "Syndicat des eaux"},
     "valeurGlobale": "1200000.5", "dateSignature": "2026-10-01",
     "lieuExecution": {"code": "20090", "typeCode": "CODE POSTAL"},
     "concessionnaires": [{"denominationSociale": "Eaux de Corse"}]},
    {"_type": "Marché", "id": "X", "objet": "Sans acheteur", "acheteur": {}},
    {"_type": "Marché", "id": "M2", "objet": "Prestations juridiques", "montant": 10,
     "acheteur": {"id": "1", "nom": "Soci\ufffdt\ufffd nationale"},
     "lieuExecution": {"code": "11", "typeCode": "Code région"}},
]}


def test_records_read_with_their_departement_and_problems_in_french():
    data = json.dumps(RECORDS).encode()
    assert is_decp(data) and not is_decp(b'{"results": []}')
    contracts, problems = read_decp(data)
    assert [c.departement for c in contracts] == ["18", "2A", ""]
    school, water, _ = contracts
    assert school.amount == 47600.87 and school.notified == date(2026, 9, 30)
    assert school.winners == ("COUVERTURES DU BERRY",)
    assert water.kind == "Contrat de concession" and water.amount == 1200000.5
    assert water.buyer == "Syndicat des eaux" and water.winners == ("Eaux de Corse",)
    assert problems == ["marché n° 3 du fichier sans acheteur, identifiant ou objet : ignoré",
                        "1 marché(s) avec des caractères illisibles (« \ufffd ») dans "
                        "l'acheteur ou l'objet, gardés tels que publiés",
                        "1 marché(s) sans date (ni publication des données, ni notification "
                        "ou signature) : gardés et trouvés par la recherche, mais dans aucune "
                        "édition"]
    assert [departement_of(*p) for p in (("Code département", "85"), ("Code postal", "97411"),
                                         ("Code commune", "2B033"), ("Code pays", "FR"))] == [
        "85", "974", "2B", ""]
    with pytest.raises(DecpError):
        read_decp(b"{ pas du json")


@pytest.mark.django_db
def test_a_local_buyers_contract_is_in_its_departements_marches_publics(vigie, tmp_path):
    path = tmp_path / "decp.json"
    path.write_text(json.dumps(RECORDS), encoding="utf-8")
    code, out, _ = vigie("ingest", path)
    assert code == 0 and "DECP, 3 marchés lus, 3 créés" in out
    school = Analysis.objects.get(document__uid=contract_uid("21180033300018M1"))
    assert school.retained and school.departements == ["18"]
    assert "Attribué à COUVERTURES DU BERRY pour 47\u202f600,87\u00a0€ HT" in (
        school.decision["essentials"])
    # A contract is no BOAMP notice: its theme's reason says what it is.
    reasons = " ".join(school.decision["reasons"])
    assert "marché attribué (données essentielles, DECP)" in reasons
    assert "avis du BOAMP" not in reasons
    shown = vigie("show", school.document.uid)[1]  # the score with a French decimal comma
    assert re.search(r"\(score \d,\d\d\)", shown) and not re.search(r"score \d\.", shown)
    items = content_of(Edition.objects.get(date=date(2026, 10, 14), departement="18")).items()
    marches = [i for i in items if i.rubric == "marches"]
    assert [i.title for i in marches] == ["Réfection de la toiture de l'école"]
    assert marches[0].origin.url.startswith("https://www.data.gouv.fr/")
    assert Anomaly.objects.filter(message__contains="sans acheteur").exists()
    code, out, _ = vigie("ingest", path)
    assert code == 0 and "rien n'a changé" in out
    read = Delivery.objects.get(name="decp.json").processed_at.astimezone()
    assert f"decp.json : déjà ingéré le {read:%d/%m/%Y à %H:%M} avec un contenu identique" in out


@pytest.mark.django_db
def test_the_real_files_two_states_of_one_source_and_lost_characters(vigie, shared):
    folder = shared("corpus", "decp")
    code, out, _ = vigie("ingest", folder / "decp-json_data.gouv.fr_pes_json_2019-02-03.zip")
    assert code == 0 and "110 marchés lus, 110 créés" in out
    first = Document.objects.filter(flow="decp").count()
    code, out, _ = vigie("ingest", folder / "decp-json_data.gouv.fr_pes_json_2019-02-11.zip")
    assert code == 0 and "138 marchés lus" in out
    assert Document.objects.filter(flow="decp").count() == first + 28
    dunkerque = Document.objects.get(uid=contract_uid("200027159000172018A30600"))
    assert dunkerque.details["departements"] == ["59"] and dunkerque.ministry.startswith(
        "VILLE DE DUNKERQUE")
    assert Analysis.objects.get(document=dunkerque).retained


def test_state_buyers_with_lost_characters_are_kept_as_published(shared):
    path = shared("corpus", "decp", "decp-json_data.gouv.fr_aife_json_2019-04-04.zip")
    contracts, problems = read_decp(path.read_bytes())
    assert len(contracts) > 4000 and any("\ufffd" in c.buyer for c in contracts)
    assert "caractères illisibles" in problems[-2]
    assert problems[-1].startswith("2492 marché(s) sans date")
    # Its concessions have neither identifier nor object: left out, each reported.
    assert {c.kind for c in contracts} == {"Marché"}
    assert sum("sans acheteur, identifiant ou objet" in p for p in problems) == 26


@pytest.mark.django_db
def test_undated_contracts_are_said_and_repair_leaves_their_index_entries_be(vigie, shared,
                                                                              tmp_path):
    """Most records of the real State file carry no date at all (neither publication of the
    data nor notification): kept, in no edition, which an anomaly says (it was silent); and
    their search entries, dated like them (NULL), were found stale by every ``vigie
    repair`` and rewritten each time (« 2339 entrée(s) d'index manquante(s) ou
    périmée(s) » on a database just ingested)."""
    path = shared("corpus", "decp", "decp-json_data.gouv.fr_aife_json_2019-04-04.zip")
    with zipfile.ZipFile(path) as archive:
        records = json.loads(archive.read(archive.namelist()[0]))["marches"]
    dated = list({r.get("id"): r for r in records if r.get("datePublicationDonnees")}.values())[:2]
    undated = [r for r in records if r.get("acheteur") and r.get("objet")
               and not (r.get("datePublicationDonnees") or r.get("dateNotification"))][:3]
    sample = tmp_path / "decp-aife-extrait.json"
    sample.write_text(json.dumps({"marches": dated + undated}), encoding="utf-8")
    code, out, err = vigie("ingest", sample)
    assert code == 0 and "5 marchés lus, 5 créés" in out, out + err
    assert Document.objects.filter(flow="decp", date_publi__isnull=True).count() == 3
    assert Anomaly.objects.filter(message__startswith="3 marché(s) sans date").exists()
    code, out, err = vigie("repair")
    assert code == 0, out + err
    assert "0 entrée(s) d'index manquante(s) ou périmée(s)" in out, out


def _lot(winner: str, amount: float, published: str | None) -> dict:
    return {"_type": "Marché", "id": "2018110100", "objet": "Réhabilitation de l'ancien hôpital",
            "acheteur": {"id": "21040049500011", "nom": "Commune de Château-Arnoux"},
            "montant": amount, "dateNotification": "2018-12-20",
            "datePublicationDonnees": published,
            "lieuExecution": {"code": "04160", "typeCode": "Code postal"},
            "titulaires": [{"denominationSociale": winner}]}


@pytest.mark.django_db
def test_lots_sharing_an_identifier_are_each_kept_and_a_repeat_is_named(vigie, tmp_path):
    """The e-marchespublics file of the corpus gives the twelve lots of one works contract
    the same identifier (other winner, other amount): each is a contract, none is lost (the
    last one replaced all the others). The same contract published twice keeps its most
    recent publication, not a later record without dates; each repeated identifier is named."""
    path = tmp_path / "decp.json"
    path.write_text(json.dumps({"marches": [
        _lot("ROS'EAU", 34973, "2018-12-21"), _lot("CAPARROS", 81223, "2018-12-21"),
        _lot("ROS'EAU", 34973, "2018-12-28"), _lot("ROS'EAU", 34973, None),
    ]}), encoding="utf-8")
    code, out, err = vigie("ingest", path)
    assert code == 0 and "4 marchés lus, 2 créés" in out, out
    lots = Document.objects.filter(flow="decp").order_by("id")
    assert [(d.details["winners"], d.details["amount"], d.date_publi) for d in lots] == [
        (["ROS'EAU"], 34973, date(2018, 12, 28)), (["CAPARROS"], 81223, date(2018, 12, 21))]
    assert lots[0].uid == contract_uid("210400495000112018110100")  # (as before: the first)
    assert {d.details["key"] for d in lots} == {"210400495000112018110100"}
    messages = list(Anomaly.objects.values_list("message", flat=True))
    assert any("210400495000112018110100" in m and "2 fois de plus" in m for m in messages)
    assert any("210400495000112018110100" in m and "autre titulaire ou montant" in m
               for m in messages), messages


@pytest.mark.django_db
def test_a_file_nested_too_deep_is_an_anomaly_not_a_traceback(vigie, tmp_path):
    """``json`` raises ``RecursionError`` (no ValueError) past Python's stack: ``vigie
    ingest`` ended on a traceback."""
    path = tmp_path / "decp.json"
    path.write_text('{"marches": ' + "[" * 200_000 + "]" * 200_000 + "}", encoding="utf-8")
    code, out, err = vigie("ingest", path)
    assert code == 1 and "Traceback" not in out + err, err
    assert Anomaly.objects.get().message == (
        "fichier DECP illisible (imbrication trop profonde pour être lue)")
