"""Acts of EU law ingested as « Union européenne » items: notices written for these tests in
the shapes of Cellar and EUR-Lex (``eu_notices``), then the real samples of
``../shared/corpus/ue`` (object and tree notices, an answer of the web service)."""

from __future__ import annotations

import tarfile

import pytest

from tests.documents.eu_notices import (
    CEREALS,
    DE_MINIMIS,
    SEARCH_ANSWER,
    WATER,
    WATER_TITLE,
    expression_notice,
    work_notice,
)
from vigie.analysis.models import Analysis
from vigie.documents.eu_store import act_uid
from vigie.documents.models import Anomaly, Document
from vigie.editions.models import Edition
from vigie.editions.reading import content_of
from vigie.parsing.model import NOT_DILA

pytestmark = pytest.mark.django_db


def _write(folder, name: str, text: str):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_acts_that_matter_go_to_every_edition_with_their_reasons(vigie, tmp_path):
    path = _write(tmp_path, "eurlex.xml", SEARCH_ANSWER)
    code, out, err = vigie("ingest", path)
    assert code == 0, err
    assert ("eurlex.xml : réponse du web-service EUR-Lex, 2 actes lus, 2 créés, 0 mis à jour, "
            "0 inchangé(s), 0 anomalie.") in out, out
    aid = Analysis.objects.get(document__uid=act_uid(DE_MINIMIS))
    assert aid.retained and aid.scope == "national" and aid.departements == []
    assert aid.decision["theme"] == "economie"
    assert aid.decision["reasons"][0] == ("l'acte porte sur : aides d'État (« articles 107 "
                                          "et 108 », titre)")
    assert "toutes les éditions" in aid.decision["reasons"][1]
    cereals = Analysis.objects.get(document__uid=act_uid(CEREALS))
    assert not cereals.retained and cereals.decision["reasons"][0].startswith(
        "règlement qui ne porte sur aucune matière que les collectivités exercent ou "
        "appliquent, et ne les finance pas ; la notice ne le classe sous aucune matière")
    doc = Document.objects.get(uid=act_uid(DE_MINIMIS))
    assert (doc.rubric, doc.flow, doc.number, doc.nature) == (
        "europe", "eurlex", DE_MINIMIS, "Règlement")
    assert doc.origine_publi == "CELEX 32026R2102 — JO L 301 du 14.10.2026, p. 15-19"
    assert doc.details["url"] == ("https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:"
                                  "32026R2102")
    for departement in ("", "73", "971"):  # an act of the Union: every edition
        items = content_of(Edition.objects.get(date="2026-10-14",
                                               departement=departement)).items()
        assert [i.uid for i in items if i.rubric == "europe"] == [doc.uid]


def test_a_later_notice_updates_the_act_and_nothing_is_duplicated(vigie, tmp_path):
    work = _write(tmp_path, "work.xml", work_notice())
    code, out, _ = vigie("ingest", work)
    assert code == 0 and "notice Cellar (objet), 1 acte lu, 1 créé" in out, out
    doc = Document.objects.get(uid=act_uid(WATER))
    # No French expression yet: named in French by its kind and number, never by a title.
    assert doc.title == "Directive (UE) 2026/2110 du 7 octobre 2026"
    assert doc.eli == "http://data.europa.eu/eli/dir/2026/2110/oj"
    first = Analysis.objects.get(document=doc)
    assert first.retained and first.decision["theme"] == "environnement"
    assert first.decision["reasons"][0].startswith(
        "l'acte porte sur : eau et assainissement (« eau potable », EuroVoc)")
    assert first.decision["short_title"] == ("Directive (UE) 2026/2110 du 7 octobre 2026 : eau "
                                             "et assainissement")
    code, out, _ = vigie("ingest", work)  # the same file: nothing
    assert code == 0 and "rien n'a changé" in out
    code, out, _ = vigie("ingest", "--force", work)
    assert code == 0 and "0 créé, 0 mis à jour, 1 inchangé(s)" in out, out
    # The notice of its French expression: the title added, what the work said kept.
    expression = _write(tmp_path, "expression.xml", expression_notice())
    code, out, _ = vigie("ingest", expression)
    assert code == 0 and "1 acte lu, 0 créé, 1 mis à jour" in out, out
    assert Document.objects.filter(flow="eurlex").count() == 1
    doc.refresh_from_db()
    assert doc.title == WATER_TITLE and doc.version == 2
    assert doc.date_publi.isoformat() == "2026-10-14" and doc.details["concepts"] == [
        "eau potable", "santé publique"]
    assert doc.eli == "http://data.europa.eu/eli/dir/2026/2110/oj"
    analysis = Analysis.objects.get(document=doc)
    assert analysis.decision["short_title"] == WATER_TITLE
    assert analysis.decision["dates"][0]["label"] == "Entrée en vigueur"
    # The work's notice again, once the act has its title: it keeps it.
    code, out, _ = vigie("ingest", "--force", work)
    assert code == 0 and "1 inchangé(s)" in out, out


def test_a_notice_that_cannot_be_read_is_an_anomaly_and_the_run_goes_on(vigie, tmp_path):
    broken = _write(tmp_path, "cassee.xml", work_notice()[:400])
    bad = _write(tmp_path, "mauvaise.xml", work_notice("3202XL21", eli="javascript:alert(1)"))
    wrong_eli = _write(tmp_path, "eli.xml", work_notice(eli="javascript:alert(1)",
                                                         document_date="2026-02-31"))
    good = _write(tmp_path, "eurlex.xml", SEARCH_ANSWER)
    code, out, err = vigie("ingest", broken, bad, wrong_eli, good)
    assert code == 1 and "Traceback" not in out + err, err  # one input unreadable
    messages = list(Anomaly.objects.values_list("message", flat=True))
    assert any(m.startswith("notice Cellar : XML mal formé (ligne") for m in messages), messages
    assert "numéro CELEX « 3202XL21 » mal formé : œuvre laissée de côté" in messages
    assert ("acte 32026L2110 : ELI « javascript:alert(1) » illisible, laissé de côté"
            in messages)
    assert ("acte 32026L2110 : date « 2026-02-31 » illisible (WORK_DATE_DOCUMENT), laissée de "
            "côté") in messages
    assert Document.objects.get(uid=act_uid(WATER)).eli == ""
    assert Document.objects.filter(flow="eurlex").count() == 3  # the others read


def test_a_notice_in_a_folder_is_read_as_its_own_input(vigie, tmp_path):
    """Beside a JO delivery's XML files it was read by the DILA reader (« élément racine
    « NOTICE » inconnu »); among Parliament files, by the Parliament reader."""
    for neighbour in ("texte.xml", "question.json"):
        folder = tmp_path / neighbour.split(".")[0]
        folder.mkdir()
        _write(folder, "notice.xml", work_notice())
        _write(folder, neighbour, "<TEXTE_VERSION/>" if neighbour == "texte.xml"
               else '{"question": {}}')
        code, out, err = vigie("ingest", "--no-analysis", "--force", folder)
        assert "notice.xml : notice Cellar (objet), 1 acte lu" in out, (neighbour, out, err)
        assert not Anomaly.objects.filter(member__contains="notice.xml").exists(), list(
            Anomaly.objects.values_list("message", flat=True))
    assert Document.objects.filter(flow="eurlex").count() == 1


def test_the_real_samples_keep_the_directive_on_plastics(vigie, shared):
    folder = shared("corpus", "ue")
    code, out, err = vigie("ingest", folder)
    assert code == 0, err
    assert "cellar_tree_notice_2018_172_original.xml : notice Cellar (arbre), 1 acte lu" in out
    assert ("cellar_tree_notice_2018_172_original.xml : notice Cellar (arbre), 1 acte lu, 1 "
            "créé, 0 mis à jour, 0 inchangé(s), 0 anomalie ; non repris (hors actes "
            "juridiques) : actes préparatoires (7), œuvres sans numéro CELEX (24).") in out, out
    docs = {d.number: d for d in Document.objects.filter(flow="eurlex")}
    assert set(docs) == {"32018R0196", "32014R0248", "32019L0904", "32014R1337", "32014R1338"}
    plastics = docs["32019L0904"]
    assert plastics.eli == "http://data.europa.eu/eli/dir/2019/904/oj"
    assert plastics.origine_publi == "CELEX 32019L0904 — JO L 155 du 12.6.2019, p. 1-19"
    assert plastics.title == "Directive (UE) 2019/904 du 5 juin 2019"  # no French expression
    assert plastics.details["procedure"] == "2018/0172/COD"
    kept = Analysis.objects.get(document=plastics)
    assert kept.retained and kept.decision["theme"] == "environnement"
    assert kept.decision["reasons"][0] == (
        "l'acte porte sur : déchets (« waste », EuroVoc), eau et assainissement (« Water "
        "protection and management », répertoire de la législation), protection de "
        "l'environnement (« environmental protection », EuroVoc)")
    assert kept.decision["short_title"] == ("Directive (UE) 2019/904 du 5 juin 2019 : déchets, "
                                            "eau et assainissement")
    assert kept.decision["essentials"][0].startswith(
        "Intitulé publié en anglais (la notice ne donne pas de version française) : Directive "
        "(EU) 2019/904")
    # The work's object notice and its expression's, one act: dates, classification, title.
    customs = docs["32018R0196"]
    assert customs.details["concepts"][-1] == "suspension of customs duties"
    assert customs.details["titles"][0][0] == "en" and customs.date_text.isoformat() == (
        "2018-02-07")
    others = Analysis.objects.filter(document__flow="eurlex").exclude(document=plastics)
    assert not any(a.retained for a in others), [a.decision["reasons"] for a in others]


def test_a_notice_inside_a_dila_archive_is_named_not_read_as_a_jo_text(vigie, tmp_path):
    """The DILA reader read it as a JO text: « élément racine « NOTICE » inconnu »."""
    notice = _write(tmp_path, "notice.xml", work_notice())
    archive = tmp_path / "JORF_20261014-000000.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(notice, arcname="jorf/notice.xml")
    code, out, err = vigie("ingest", "--no-analysis", archive)
    assert "Traceback" not in out + err
    (message,) = Anomaly.objects.values_list("message", flat=True)
    assert message == NOT_DILA and "inconnu" not in out + err
    assert not Document.objects.filter(flow="eurlex").exists()
