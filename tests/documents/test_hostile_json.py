"""A JSON delivery may write characters no database stores: the NUL character (« \\u0000 »,
refused by PostgreSQL in any text and in ``jsonb``) and half a surrogate pair (« \\ud800 »
alone, which Python decodes but cannot encode in UTF-8). One such value in a Judilibre answer,
a DECP file, an aid list, BOAMP notices or a Parliament file stopped the ingest on a
traceback; now the NUL is dropped and the half pair replaced (« � »), the rest read."""

from __future__ import annotations

import json
import time

import pytest

from tests.conftest import FIXTURES
from vigie.documents.decp_repeats import contract_uid
from vigie.documents.judilibre_store import decision_uid
from vigie.documents.models import Document
from vigie.parsing.aides import read_aids
from vigie.parsing.boamp import records_in
from vigie.parsing.json_reading import load
from vigie.parsing.judilibre import LIST_LIMIT, read_judilibre

DECISION = {
    "id": "6a1b2c3d4e5f60718293a4d1", "jurisdiction": "Cour d'appel",
    "location": "Cour d'appel de Chambéry", "chamber": "Chambre civile\u0000",
    "number": "25/00431", "decision_date": "2026-09-30", "update_date": "2026-10-14",
    "solution": "Infirme la décision \ud800", "summary": "La commune\u0000 de Brides-les-Bains",
    "text": "COUR D'APPEL\n\nAppelante\n\nLa commune de Brides-les-Bains\udc00\n\nMOTIFS\n\n"
            "domaine public communal",
    "themes": "['Baux commerciaux\\x00', 'domaine public \\ud800']",
}
CONTRACT = {"marches": [{
    "_type": "Marché", "uid": "21180033300018M7", "id": "M7",
    "objet": "Réfection\u0000 de la toiture de l'école \ud83d", "nature": "Marché",
    "acheteur": {"id": "21180033300018", "nom": "Commune de Bourges\udc01"},
    "procedure": "Procédure adaptée", "montant": 47600.87,
    "dateNotification": "2026-09-30+02:00", "datePublicationDonnees": "2026-10-14",
    "lieuExecution": {"code": "18033", "typeCode": "Code commune", "nom": "Bourges"},
    "titulaires": [{"denominationSociale": "COUVERTURES\u0000 DU BERRY", "id": "1"}]}]}


def _storable(value: object) -> bool:
    """No NUL, and UTF-8 can write it (no half surrogate pair)."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    text.encode("utf-8")
    return "\x00" not in text and "\\u0000" not in text


def test_escapes_are_mended_and_only_escapes():
    written = (rb'["a\u0000b", "\ud800x", "\udc00", "\ud83d\ude00", "\\u0000", "\\\u0000",'
               rb' "\ud800\\udc00", "\uD83D\uDE00"]')
    assert load(written) == ["ab", "\ufffdx", "\ufffd", "😀", "\\u0000", "\\", "\ufffd\\udc00",
                             "😀"]
    assert load('{"k": "\\u0000"}') == {"k": ""}
    # the other control characters (no XML feed of the site holds them) become spaces
    assert load(rb'"a\u0001b\u001Fc\u007fd\u0009e\u000a"') == "a b c d\te\n"


def test_judilibre_aids_and_boamp_read_storable_values():
    decisions, _ = read_judilibre(json.dumps({"results": [DECISION]}).encode())
    assert len(decisions) == 1 and _storable(decisions[0].__dict__)
    assert decisions[0].themes == ("Baux commerciaux", "domaine public \ufffd")
    aids, _ = read_aids(json.dumps({"results": [{
        "id": "1\u0000", "name": "Aide aux communes \ud800", "description": "x\u0000y",
        "url": "https://aides-territoires.beta.gouv.fr/aides/x/"}]}).encode())
    assert [a.name for a in aids] == ["Aide aux communes \ufffd"] and _storable(aids)
    assert records_in(json.dumps([{"objet": "a\u0000b\ud800"}]).encode()) == [
        {"objet": "ab\ufffd"}]


@pytest.mark.parametrize("name, content, uid", [
    ("judilibre.json", {"results": [DECISION]}, decision_uid(DECISION["id"])),
    ("decp.json", CONTRACT, contract_uid("21180033300018M7"))])
def test_an_ingest_stores_them_and_goes_on(vigie, tmp_path, name, content, uid):
    (tmp_path / name).write_text(json.dumps(content), "utf-8")
    code, out, err = vigie("ingest", tmp_path / name)
    assert code == 0, (out, err)
    doc = Document.objects.get(uid=uid)
    assert _storable([doc.title, doc.details])


def test_a_parliament_question_with_them_is_stored(vigie, tmp_path):
    question = json.loads((FIXTURES / "parlement" / "QANR5L17QG9902.json").read_text("utf-8"))
    question["question"]["indexationAN"]["analyses"]["analyse"] += " \u0000\ud800"
    (tmp_path / "QANR5L17QG9902.json").write_text(json.dumps(question), "utf-8")
    code, out, err = vigie("ingest", tmp_path / "QANR5L17QG9902.json")
    assert code == 0, (out, err)
    assert Document.objects.filter(rubric="reponses").exists()


def test_a_decision_with_a_hundred_thousand_themes_is_read_at_once():
    """Each theme was compared with every other kept before it: minutes for one decision."""
    crafted = dict(DECISION, themes=[f"thème {i}" for i in range(100_000)],
                   titlesAndSummaries=[{"titles": [f"titre {i}"]} for i in range(100_000)])
    started = time.monotonic()
    decisions, _ = read_judilibre(json.dumps({"results": [crafted]}).encode())
    assert time.monotonic() - started < 10
    assert len(decisions[0].themes) == LIST_LIMIT == len(decisions[0].titles)
    assert decisions[0].themes[:2] == ("thème 0", "thème 1")
