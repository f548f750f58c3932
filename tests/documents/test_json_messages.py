"""A JSON file cut short or not in UTF-8 (a Parliament file, a DECP file): the anomaly says
what and where in French. It said « Unterminated string starting at », « Expecting ','
delimiter: line 1 column 17 (char 16) », « invalid continuation byte »."""

from __future__ import annotations

import json

import pytest

from tests.conftest import FIXTURES
from vigie.documents.models import Anomaly
from vigie.parsing.aides import AidError, read_aids
from vigie.parsing.json_errors import json_reason

ENGLISH = ("Expecting", "Unterminated", "continuation byte", "delimiter", "char ")


@pytest.mark.django_db
def test_cut_or_latin1_json_files_are_said_in_french(vigie, tmp_path):
    question = json.loads((FIXTURES / "parlement" / "QANR5L17QG9902.json").read_text("utf-8"))
    (tmp_path / "coupe.json").write_text('{"question": {"uid": "QANR5L', encoding="utf-8")
    (tmp_path / "latin1.json").write_bytes(json.dumps(question, ensure_ascii=False)
                                           .encode("latin-1", "replace"))
    (tmp_path / "decp.json").write_text('{"marches": [1, 2', encoding="utf-8")
    code, _, err = vigie("ingest", "--no-analysis", *(tmp_path / n for n in (
        "coupe.json", "latin1.json", "decp.json")))
    assert code == 1
    said = {a.delivery: a.message for a in Anomaly.objects.all()}
    assert said["coupe.json"] == ("JSON mal formé (ligne 1, colonne 22 : texte entre guillemets "
                                  "jamais fermé (fichier coupé ?))")
    assert said["latin1.json"].startswith("fichier JSON qui n'est pas en UTF-8 (octets qui ne "
                                          "sont pas de l'UTF-8 valide (position ")
    assert said["decp.json"] == ("fichier DECP illisible (JSON invalide, ligne 1, colonne 18 : "
                                 "virgule attendue (fichier coupé ?))")
    assert not [w for w in ENGLISH for m in [*said.values(), err] if w in m], (said, err)


def test_feeds_answers_too():
    with pytest.raises(AidError, match="JSON invalide, ligne 1, colonne 1 : valeur attendue"):
        read_aids(b"")
    assert json_reason(ValueError("autre")) == "message de Python : autre"
