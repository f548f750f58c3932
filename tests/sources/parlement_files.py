"""The Assemblée's and the Sénat's open-data files built from the project's fixtures, at the
paths their servers publish them under (``an/17/…``, ``senat/data/…``, ``site/…``): for
tests that serve them from a ``DilaServer`` on 127.0.0.1 (``prefix=""``)."""

from __future__ import annotations

import io
import json
import zipfile

from tests.conftest import FIXTURES

PARLEMENT = FIXTURES / "parlement"
AN = "an/17/"
QE = AN + "questions/questions_ecrites/Questions_ecrites.json.zip"
QG = AN + "questions/questions_gouvernement/Questions_gouvernement.json.zip"
QOSD = AN + "questions/questions_orales_sans_debat/Questions_orales_sans_debat.json.zip"
DOSSIERS = AN + "loi/dossiers_legislatifs/Dossiers_Legislatifs.json.zip"


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def fixture(name: str) -> bytes:
    return (PARLEMENT / name).read_bytes()


def an_files(question: str = "QANR5L17QE9901_question.json") -> dict[str, bytes]:
    return {
        QE: zipped({"json/QANR5L17QE9901.json": fixture(question)}),
        QG: zipped({"json/QANR5L17QG9902.json": fixture("QANR5L17QG9902.json")}),
        QOSD: zipped({}),
        DOSSIERS: zipped({
            "json/dossierParlementaire/DLR5L17N99001.json": fixture("DLR5L17N99001.json"),
            "json/document/PIONANR5L17B9901.json": json.dumps({"document": {}}).encode()}),
    }


def senat_files() -> dict[str, bytes]:
    return {
        "senat/data/questions/questions.zip": zipped({"questions.sql": fixture(
            "senat_questions.sql")}),
        "senat/data/dosleg/dossiers-legislatifs.csv": fixture("dossiers-legislatifs.csv"),
        "site/dossier-legislatif/ppl25-990.html": fixture("senat_ppl25-990.html"),
        "site/dossier-legislatif/pjl09-991.html": b"<html>never asked</html>",
    }
