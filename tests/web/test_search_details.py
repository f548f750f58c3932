"""What other sources' items hold is searched too, not only their title: a court decision's
parties, sommaire and reasons, a contract's holders; entries written before (index format 2)
are stale for ``vigie repair`` only where such details exist."""

from __future__ import annotations

import json

from tests.documents.eu_notices import WATER, work_notice
from vigie.documents.decp_repeats import contract_uid
from vigie.documents.eu_store import act_uid
from vigie.documents.judilibre_store import decision_uid
from vigie.web.models import SearchEntry
from vigie.web.search import SearchFilters, search, stale

OPENING = ("COUR D'APPEL DE CHAMBÉRY\n\nAppelante\n\nLa commune de Brides-les-Bains, "
           "représentée par son maire en exercice\n\nIntimée\n\nLa société Thermes Alpins\n\n")
REASONS = ("MOTIFS\n\nLa parcelle litigieuse relève du domaine public communal : la "
           "convention d'occupation ne conférait aucun droit au maintien dans les lieux.\n\n")
DECISION = {
    "id": "6a1b2c3d4e5f60718293a4c1", "jurisdiction": "Cour d'appel",
    "location": "Cour d'appel de Chambéry", "chamber": "Chambre civile",
    "number": "25/00422", "decision_date": "2026-09-30", "update_date": "2026-10-14",
    "solution": "Infirme la décision", "text": OPENING + REASONS,
    "themes": ["Baux commerciaux"],
    "zones": {"introduction": [{"start": 0, "end": len(OPENING)}],
              "motivations": [{"start": len(OPENING), "end": len(OPENING + REASONS)}]},
}
CONTRACT = {"marches": [{
    "_type": "Marché", "uid": "21180033300018M9", "id": "M9",
    "objet": "Réfection de la toiture de l'école", "nature": "Marché",
    "acheteur": {"id": "21180033300018", "nom": "Commune de Bourges"},
    "procedure": "Procédure adaptée", "montant": 47600.87,
    "dateNotification": "2026-09-30+02:00", "datePublicationDonnees": "2026-10-14",
    "lieuExecution": {"code": "18033", "typeCode": "Code commune", "nom": "Bourges"},
    "titulaires": [{"denominationSociale": "COUVERTURES DU BERRY", "id": "1"}]}]}


def _found(query: str) -> set[str]:
    return {hit.uid for hit in search(query, filters=SearchFilters(), per_page=100).results}


def _ingest(vigie, tmp_path) -> tuple[str, str]:
    (tmp_path / "judilibre.json").write_text(json.dumps({"results": [DECISION]}), "utf-8")
    (tmp_path / "decp.json").write_text(json.dumps(CONTRACT), "utf-8")
    code, out, err = vigie("ingest", tmp_path / "judilibre.json", tmp_path / "decp.json")
    assert code == 0, (out, err)
    return decision_uid(DECISION["id"]), contract_uid("21180033300018M9")


def test_a_decision_is_found_by_its_parties_and_reasons_a_contract_by_its_holder(
        vigie, tmp_path):
    decision, contract = _ingest(vigie, tmp_path)
    assert decision in _found("Brides-les-Bains")  # a party, named in the opening
    assert decision in _found('"domaine public communal"')  # its reasons
    assert decision in _found("baux commerciaux")  # its themes (in its title too)
    assert contract in _found("couvertures berry")  # the contract's holder
    assert contract in _found("toiture")  # its subject, as before


def test_an_eu_act_is_found_by_its_classification_and_celex(vigie, tmp_path):
    (tmp_path / "work.xml").write_text(work_notice(), encoding="utf-8")
    code, out, err = vigie("ingest", tmp_path / "work.xml")
    assert code == 0, (out, err)
    assert act_uid(WATER) in _found('"eau potable"')  # its EuroVoc concepts
    assert act_uid(WATER) in _found("protection gestion des eaux")  # its directory heading
    assert act_uid(WATER) in _found(WATER)  # its CELEX number


def test_entries_of_the_formats_before_are_stale(vigie, tmp_path):
    """Format 4 changed the stems of some words (« direction »): every entry of format 2 or
    3 is written again, a Journal officiel text's too."""
    code, _, err = vigie("demo", "--no-serve")  # Journal officiel texts (the demo's own)
    assert code == 0, err
    decision, contract = _ingest(vigie, tmp_path)
    journal = SearchEntry.objects.filter(uid__startswith="JORFTEXT").values_list(
        "uid", flat=True)[0]
    assert stale() == []
    for older in (2, 3):
        SearchEntry.objects.update(index_version=older)
        assert set(stale()) >= {decision, contract, journal}


def test_the_footer_names_every_source_not_only_the_journal_officiel(client, db):
    footer = client.get("/recherche/").content.decode().split('class="site-footer"')[1]
    for source in ("Journal officiel", "Assemblée nationale et Sénat", "Judilibre", "EUR-Lex",
                   "commande publique", "BOAMP", "Aides-territoires"):
        assert source in footer, source
    assert "seul le texte\n        publié par sa source officielle fait foi" in footer
