"""Parliament files and DECP files are written as DILA deliveries are: by batches, each
committed in its own transaction with the later steps it owes its texts, the delivery
recorded as begun before its first batch. A run stopped midway leaves its committed batches
(before, one transaction for the whole input: a Sénat dump held the database's write lock
as long as it was read) and ``vigie repair`` reads the input again to its end:
the base then holds what a run never stopped stores, every text analysed. A DECP file over
``VIGIE_INGEST_MAX_FILE_MB`` (or whose JSON inflates over it) is refused unread, as any
input's file.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.documents.test_waiting_articles import _forget_everything
from tests.documents.test_waiting_texts import _stored
from vigie.analysis.models import Analysis
from vigie.documents.models import Anomaly, Delivery, Document, DocumentVersion, FollowUp
from vigie.sources.members import megabytes

pytestmark = pytest.mark.django_db

PARLEMENT = FIXTURES / "parlement"
DEMO = Path(__file__).resolve().parents[2] / "vigie" / "demo" / "sample" / "parlement"
QUESTIONS = "Questions_ecrites.json.zip"
CONTRACTS = "decp-collectivites.json"


class _Stop(Exception):
    """A crash between two batches."""


def _questions_zip(path: Path, names: tuple[str, ...] = (
        "QANR5L17QE9901_reponse.json", "QANR5L17QG9902.json", "DLR5L17N99001.json",
        "question_ancienne_QE99903.xml", "senat_ppl25-990.html"),
        demo: bool = True) -> Path:
    """A zip of Parliament files: questions, dossiers, an old XML question, a Sénat page
    (``demo``: and the demo's). (Each once: a second file of the same question in one input
    is refused, as for the Journal officiel.)"""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.write(PARLEMENT / name, name)
        for file in sorted(DEMO.glob("*.json")) if demo else ():
            archive.write(file, file.name)
    return path


def _contracts(path: Path, count: int = 12) -> Path:
    """A DECP file of ``count`` contracts of communes of the Cher."""
    records = [{"_type": "Marché", "uid": f"21180033300018M{n}", "id": f"M{n}",
                "objet": f"Travaux de voirie, lot {n}", "nature": "Marché",
                "acheteur": {"id": "21180033300018", "nom": "Commune de Bourges"},
                "procedure": "Procédure adaptée", "montant": 1000 + n,
                "dateNotification": "2026-09-30", "datePublicationDonnees": "2026-10-14",
                "lieuExecution": {"code": "18033", "typeCode": "Code commune"},
                "titulaires": [{"denominationSociale": "ROUTES DU BERRY"}]}
               for n in range(1, count + 1)]
    path.write_text(json.dumps({"marches": records}), encoding="utf-8")
    return path


def _stop_at(monkeypatch, owner: type, method: str, stop: int) -> None:
    """Make ``owner.method`` raise before its ``stop``-th call (the calls before go in)."""
    original, calls = getattr(owner, method), iter(range(1, 1000))

    def stopping(self, *args):
        if next(calls) == stop:
            raise _Stop
        return original(self, *args)

    monkeypatch.setattr(owner, method, stopping)


def _analysed_everything() -> None:
    ruled = Document.objects.filter(rubric__in=("reponses", "parlement", "marches"))
    assert ruled.exists()
    assert Analysis.objects.filter(document__in=ruled).count() == ruled.count()
    assert not FollowUp.objects.filter(finished_at=None).exists()


def _stopped_then_repaired(vigie, monkeypatch, path: Path, owner: type, method: str,
                           expected: list) -> None:
    """Ingest ``path`` in a run stopped at its second batch, then ``vigie repair``."""
    with monkeypatch.context() as patch:
        _stop_at(patch, owner, method, stop=2)
        with pytest.raises(_Stop):
            vigie("ingest", path)
    delivery = Delivery.objects.get(name=path.name)
    assert delivery.status == Delivery.STATUS_STARTED and delivery.path == str(path)
    committed = Document.objects.count()
    assert 0 < committed < len(expected[0])  # the first batch went in, alone
    owed = FollowUp.objects.filter(origin=path.name, finished_at=None)
    assert sum(f.texts for f in owed) == committed  # and the steps it owes its texts
    assert path.name in vigie("status")[1]

    code, out, err = vigie("repair")
    assert code == 0, err
    assert f"relue(s) jusqu'au bout : {path.name}" in out, out
    assert _stored() == expected
    assert Delivery.objects.get(name=path.name).status == Delivery.STATUS_DONE
    _analysed_everything()
    assert "Rien à reprendre" in vigie("repair")[1]


def test_a_parliament_input_stopped_midway_keeps_its_batches_and_is_read_again(
        vigie, tmp_path, monkeypatch):
    from vigie.documents.parlement_store import ParlementWriter

    monkeypatch.setattr("vigie.documents.parlement_store.BATCH_SIZE", 2)
    path = _questions_zip(tmp_path / QUESTIONS)
    code, out, _ = vigie("ingest", path)
    assert code == 0, out
    expected = _stored()
    assert len(expected[0]) >= 6  # three batches of two at least
    _analysed_everything()
    _forget_everything()
    Analysis.objects.all().delete()
    FollowUp.objects.all().delete()

    _stopped_then_repaired(vigie, monkeypatch, path, ParlementWriter, "_write", expected)


def test_a_question_created_by_the_stopped_run_keeps_the_state_it_left(vigie, tmp_path,
                                                                       monkeypatch):
    """A question the stopped run created, whose answer comes in a later batch of the same
    file (the Sénat's dump, its answers in their own table, here after the questions): read
    again, the answer goes in and the question without it is kept as a version (readers
    could see it between the stop and the repair)."""
    from vigie.documents.parlement_store import ParlementWriter

    monkeypatch.setattr("vigie.documents.parlement_store.BATCH_SIZE", 1)
    dump = (PARLEMENT / "senat_questions.sql").read_text(encoding="utf-8")
    answers = dump[dump.index("COPY public.tam_reponses"):dump.index("COPY public.tam_questions")]
    path = tmp_path / "questions.sql"
    path.write_text(dump.replace(answers, "") + answers, encoding="utf-8")
    uid = "qSEQ260309902"
    with monkeypatch.context() as patch:  # questions 990001, 990002, 990005, 990006, answer
        _stop_at(patch, ParlementWriter, "_write", stop=5)
        with pytest.raises(_Stop):
            vigie("ingest", path)
    assert Document.objects.get(uid=uid).status == "closed"  # (no answer yet)
    code, out, err = vigie("repair")
    assert code == 0, err
    question = Document.objects.get(uid=uid)
    assert (question.status, question.version) == ("answered", 2)
    [before] = DocumentVersion.objects.filter(document=question)
    assert before.snapshot["status"] == "closed"
    _analysed_everything()


def test_the_same_file_name_with_new_content_keeps_the_versions(vigie, tmp_path):
    """The Assemblée's archives keep their names from one day to the next: the answer a new
    state of the same file brings keeps the question readers saw as a version."""
    (tmp_path / "avant").mkdir()
    first = _questions_zip(tmp_path / "avant" / QUESTIONS, ("QANR5L17QE9901_question.json",),
                           demo=False)
    assert vigie("ingest", "--no-analysis", first)[0] == 0
    later = _questions_zip(tmp_path / QUESTIONS, ("QANR5L17QE9901_reponse.json",), demo=False)
    code, out, _ = vigie("ingest", "--no-analysis", later)
    assert code == 0 and "1 mis à jour" in out, out
    question = Document.objects.get(uid="QANR5L17QE9901")
    assert (question.status, question.version) == ("answered", 2)
    assert DocumentVersion.objects.filter(document=question).count() == 1


def test_a_decp_input_stopped_midway_keeps_its_chunks_and_is_read_again(
        vigie, tmp_path, monkeypatch):
    from vigie.documents import decp_store

    monkeypatch.setattr(decp_store, "CHUNK", 5)
    path = _contracts(tmp_path / CONTRACTS)
    code, out, _ = vigie("ingest", path)
    assert code == 0 and "12 créés" in out, out
    expected = _stored()
    _forget_everything()
    Analysis.objects.all().delete()
    FollowUp.objects.all().delete()

    stored = decp_store.Stored  # each chunk's new documents are written by its ``flush``
    _stopped_then_repaired(vigie, monkeypatch, path, stored, "flush", expected)


def test_a_decp_file_over_the_size_limit_is_refused_unread(vigie, tmp_path, monkeypatch):
    monkeypatch.setenv("VIGIE_INGEST_MAX_FILE_MB", "1")
    big = _contracts(tmp_path / CONTRACTS, count=4000)  # 1,8 Mo of JSON
    weight = megabytes(big.stat().st_size)
    code, out, err = vigie("ingest", big)
    assert code == 1
    said = (f"Le fichier « {CONTRACTS} » pèse {weight}, ce qui dépasse la limite de 1 Mo "
            "(VIGIE_INGEST_MAX_FILE_MB) : ignoré, sans être lu. Pour le lire : "
            "VIGIE_INGEST_MAX_FILE_MB=2 (au moins), puis vigie ingest de nouveau sur cette "
            "entrée (elle n'est pas notée comme lue : pas besoin de --force).")
    assert said in out + err, out + err
    assert not Document.objects.exists() and not Delivery.objects.exists()
    assert Anomaly.objects.get().message == said

    # Zipped, it weighs a few kilobytes: its JSON is refused before it is inflated.
    packed = tmp_path / "decp.zip"
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(big, CONTRACTS)
    assert packed.stat().st_size < 1024 * 1024
    code, out, err = vigie("ingest", packed)
    assert code == 1 and f"« decp.zip/{CONTRACTS} » pèse {weight}" in out + err, out + err
    assert not Document.objects.exists()

    monkeypatch.setenv("VIGIE_INGEST_MAX_FILE_MB", "16")  # within the limit: read
    code, out, _ = vigie("ingest", packed)
    assert code == 0 and "4000 créés" in out, out


def test_a_contract_twice_in_a_file_is_an_anomaly(vigie, tmp_path):
    path = _contracts(tmp_path / CONTRACTS, count=3)
    data = json.loads(path.read_text(encoding="utf-8"))
    later = dict(data["marches"][0], objet="Travaux de voirie (lot 1)",
                 datePublicationDonnees="2026-10-20")  # the same contract, published again
    path.write_text(json.dumps({"marches": [*data["marches"], later]}), encoding="utf-8")
    code, out, _ = vigie("ingest", path)
    assert code == 0 and "3 créés" in out and "1 anomalie" in out, out
    assert Anomaly.objects.get().message == (
        "1 marché(s) présent(s) plusieurs fois dans le fichier (même identifiant, même "
        "titulaire et même montant : 21180033300018M1 (1 fois de plus)) : l'état publié le "
        "plus récemment est gardé")
    assert Document.objects.get(uid__startswith="DECP", title="Travaux de voirie (lot 1)")


def test_a_stopped_folder_is_found_by_the_fingerprint_of_its_kind(tmp_path):
    """A folder of Parliament files is fingerprinted over all its files, a DILA folder over
    its XML files: ``vigie repair`` finds either where it was read from."""
    from vigie.documents.interrupted import interrupted
    from vigie.documents.parlement_events import fingerprint
    from vigie.sources.archives import input_fingerprint

    questions = tmp_path / "questions"
    questions.mkdir()
    for name in ("QANR5L17QE9901_question.json", "QANR5L17QG9902.json"):
        (questions / name).write_bytes((PARLEMENT / name).read_bytes())
    dila = FIXTURES / "global" / "JORF_20260923-011003"
    for folder, sha in ((questions, fingerprint(questions)[0]),
                        (dila, input_fingerprint(dila)[0])):
        Delivery.objects.create(name=folder.name, sha256=sha, path=str(folder),
                                status=Delivery.STATUS_STARTED)
    assert {each.name: each.found for each in interrupted()} == {
        "questions": questions, dila.name: dila}
    (questions / "QANR5L17QG9902.json").write_text("{}", encoding="utf-8")  # changed since
    assert {each.name: each.found for each in interrupted()}["questions"] is None
