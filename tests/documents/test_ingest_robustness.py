"""Never twice, never lost: re-ingestion, later versions, malformed members, bad inputs."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from tests.conftest import FIXTURES, make_tarball, tree_members
from vigie.demo.factory import FakeText, texte_xml
from vigie.documents.models import Anomaly, Article, Delivery, Document, DocumentVersion

pytestmark = pytest.mark.django_db

DECRET = FakeText(
    uid="JORFTEXT000099500001",
    title="Décret n° 2026-900 du 12 octobre 2026 relatif aux conseils municipaux",
    nature="DECRET", nor="TERB2600001D", number="2026-900",
    articles=("Le conseil municipal se réunit au moins une fois par trimestre.",
              "Le présent décret entre en vigueur le 1er janvier 2027."),
    notice="Publics concernés : communes.<br/>Objet : réunions du conseil municipal.",
)
ARRETE = FakeText(uid="JORFTEXT000099500002", title="Arrêté du 12 octobre 2026 portant test")
GLOBAL_FIXTURE = FIXTURES / "global" / "JORF_20260923-011003"


def _delivery(tmp_path, name: str, members: dict[str, bytes]):
    return make_tarball(tmp_path / name, members)


def _snapshot() -> list:
    return sorted(Document.objects.values_list("uid", "content_hash", "version", "status"))


def test_second_ingest_changes_nothing_and_says_so(vigie, tmp_path):
    tarball = _delivery(tmp_path, "JORFSIMPLE_20261014-010000.tar.gz",
                        {"a/1.xml": texte_xml(DECRET), "a/2.xml": texte_xml(ARRETE)})
    code, out, _ = vigie("ingest", tarball)
    assert code == 0 and "2 textes créés" in out
    before = _snapshot()
    code, out, _ = vigie("ingest", tarball)
    assert code == 0 and "rien n'a changé" in out
    code, out, _ = vigie("ingest", "--force", tarball)
    assert code == 0 and "2 inchangés" in out and "Aucun changement" in out
    assert _snapshot() == before
    assert Article.objects.count() == 3
    assert Delivery.objects.count() == 1


def test_later_delivery_updates_the_text_and_keeps_the_previous_version(vigie, tmp_path):
    first = _delivery(tmp_path, "JORFSIMPLE_20261014-010000.tar.gz", {"1.xml": texte_xml(DECRET)})
    corrected = replace(DECRET, articles=(DECRET.articles[0],
                                          "Le présent décret entre en vigueur le 1er mars 2027."))
    second = _delivery(tmp_path, "JORFSIMPLE_20261014-200000.tar.gz",
                       {"1.xml": texte_xml(corrected)})
    vigie("ingest", first)
    code, out, _ = vigie("ingest", second)
    assert code == 0 and "1 mis à jour" in out
    doc = Document.objects.get(uid=DECRET.uid)
    assert doc.version == 2
    old = DocumentVersion.objects.get(document=doc)
    assert "1er janvier 2027" in old.snapshot["articles"][1]["text"]
    assert old.replaced_by == "JORFSIMPLE_20261014-200000.tar.gz"
    assert "1er mars 2027" in Article.objects.get(text_uid=doc.uid, num="2").text


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "vide"),
        (b"<TEXTE><ID>JORFTEXT1</ID>", "XML"),
        (b"<?xml version='1.0'?><RECETTE><ID>x</ID></RECETTE>", "RECETTE"),
        (b"<?xml version='1.0'?><TEXTE><NATURE>ARRETE</NATURE></TEXTE>", "ID"),
    ],
    ids=["empty", "bad-xml", "unknown-root", "missing-id"],
)
def test_malformed_member_is_an_anomaly_and_the_rest_goes_in(vigie, tmp_path, data, fragment):
    tarball = _delivery(tmp_path, "JORFSIMPLE_20261014-010000.tar.gz",
                        {"a/good.xml": texte_xml(DECRET), "a/bad.xml": data})
    code, out, err = vigie("ingest", tarball)
    assert code == 0, err
    assert "1 anomalie" in out
    anomaly = Anomaly.objects.get()
    assert anomaly.member == "a/bad.xml"
    assert anomaly.delivery == "JORFSIMPLE_20261014-010000.tar.gz"
    assert fragment.lower() in anomaly.message.lower()
    assert Document.objects.filter(uid=DECRET.uid, status="complete").exists()
    assert not anomaly.message.startswith("a/bad.xml")  # named once: by its member
    code, out, _ = vigie("anomalies")
    assert "a/bad.xml" in out and anomaly.message in out
    assert "a/bad.xml : a/bad.xml" not in out


def test_truncated_tarball_leaves_an_anomaly_exit_1_and_an_intact_database(vigie, tmp_path):
    vigie("ingest", _delivery(tmp_path, "JORFSIMPLE_20261013-010000.tar.gz",
                              {"1.xml": texte_xml(DECRET)}))
    before = _snapshot()
    members = {f"t/{i}.xml": texte_xml(replace(ARRETE, uid=f"JORFTEXT0000996{i:05d}",
                                               title=f"Arrêté n° {i} " + "x" * 3000))
               for i in range(60)}
    members["t/000-decret.xml"] = texte_xml(replace(DECRET, title="Titre corrompu"))
    full = _delivery(tmp_path, "full.tar.gz", members).read_bytes()
    truncated = tmp_path / "JORFSIMPLE_20261014-010000.tar.gz"
    truncated.write_bytes(full[: len(full) // 2])
    code, out, err = vigie("ingest", truncated)
    assert code == 1
    assert "en partie" in out
    anomaly = Anomaly.objects.get(delivery=truncated.name)
    assert anomaly.message
    decret = Document.objects.get(uid=DECRET.uid)
    assert decret.title == DECRET.title  # untouched: its member came after the cut or not
    assert [row for row in _snapshot() if row[0] == DECRET.uid] == before
    assert Delivery.objects.get(name=truncated.name).status == "partial"


def test_unreadable_inputs_exit_1_and_bad_arguments_exit_2(vigie, tmp_path):
    garbage = tmp_path / "JORF_20261014-010000.tar.gz"
    garbage.write_bytes(b"ceci n'est pas une archive")
    code, out, err = vigie("ingest", tmp_path / "absent.tar.gz", garbage)
    assert code == 1
    assert out.count("illisible") == 2
    assert Anomaly.objects.count() == 2
    code, _, err = vigie("ingest")
    assert code == 2 and "erreur" in err
    code, _, err = vigie("export", "--date", "14/10/2026")
    assert code == 2 and "AAAA-MM-JJ" in err


def test_folder_and_single_file_inputs(vigie, tmp_path):
    folder = tmp_path / "JORFSIMPLE_20261014-010000"
    (folder / "texte").mkdir(parents=True)
    (folder / "texte" / "decret.xml").write_bytes(texte_xml(DECRET))
    single = tmp_path / "arrete.xml"
    single.write_bytes(texte_xml(ARRETE))
    code, out, _ = vigie("ingest", folder, single)
    assert code == 0
    code, out, _ = vigie("export", "--date", "2026-10-14")
    records = [json.loads(line) for line in out.splitlines()]
    assert {r["id"] for r in records} == {DECRET.uid, ARRETE.uid}
    decret = next(r for r in records if r["id"] == DECRET.uid)
    assert decret["notice"]["publics"] == "communes."
    assert decret["source"] == {"delivery": folder.name, "member": "texte/decret.xml"}
    code, out, _ = vigie("show", DECRET.uid)
    assert code == 0 and "Publics concernés : communes." in out and "Article 2" in out
    code, _, err = vigie("show", "JORFTEXT000000000000")
    assert code == 1 and "aucun texte" in err


def test_parallel_parsing_gives_the_same_result_as_sequential(vigie, tmp_path, monkeypatch):
    members = {f"t/{i:03d}.xml": texte_xml(replace(ARRETE, uid=f"JORFTEXT0000997{i:05d}"))
               for i in range(150)}
    members["t/050-bad.xml"] = b"<TEXTE>"
    tarball = _delivery(tmp_path, "JORFSIMPLE_20261014-010000.tar.gz", members)
    monkeypatch.setenv("VIGIE_INGEST_WORKERS", "2")
    code, out, _ = vigie("ingest", tarball)
    assert code == 0 and "150 textes créés" in out and "1 anomalie" in out
    assert Anomaly.objects.get().member == "t/050-bad.xml"
    parallel = _snapshot()
    Document.objects.all().delete()
    monkeypatch.setenv("VIGIE_INGEST_WORKERS", "0")
    vigie("ingest", "--force", tarball)
    assert _snapshot() == parallel


def _stored() -> tuple[list, list, list]:
    from vigie.documents.models import Section

    return (_snapshot(), sorted(Article.objects.values_list("article_id", "text_uid", "position")),
            sorted(Section.objects.values_list("section_id", "items")))


def _forget_everything() -> None:
    from vigie.documents.models import JoIssue, Section

    for model in (Document, Article, Section, JoIssue, Anomaly, Delivery):
        model.objects.all().delete()


def test_workers_reading_the_input_themselves_store_what_one_process_stores(
        vigie, tmp_path, monkeypatch):
    """The global flow read by a worker (``parsed_input``) or in the ingest process: the same
    texts, hashes, article order, anomalies (bad member, member over the size limit) and, for a
    truncated archive, the same partial delivery."""
    members = tree_members(GLOBAL_FIXTURE)
    members["z/bad.xml"] = b"<TEXTE_VERSION>"
    members["z/big.xml"] = b"<x>" + b" " * (2 * 1024 * 1024) + b"</x>"
    tarball = _delivery(tmp_path, "JORF_20261014-010000.tar.gz", members)
    truncated = tmp_path / "JORF_20261015-010000.tar.gz"
    truncated.write_bytes(tarball.read_bytes()[: tarball.stat().st_size * 2 // 3])
    monkeypatch.setenv("VIGIE_INGEST_MAX_FILE_MB", "1")
    seen = []
    for workers in ("1", "0"):
        _forget_everything()
        monkeypatch.setenv("VIGIE_INGEST_WORKERS", workers)
        code, out, _ = vigie("ingest", "--no-analysis", tarball)
        assert code == 0 and "2 anomalies" in out, out
        stored = _stored()
        code, out, _ = vigie("ingest", "--no-analysis", truncated)
        assert code == 1 and "en partie" in out, out
        seen.append((stored, sorted(Anomaly.objects.values_list("member", "message"))))
    assert seen[0] == seen[1]
    assert len(seen[0][0][0]) >= 3 and seen[0][0][1]


def test_a_structure_written_with_its_new_text_or_after_it_stores_the_same(
        vigie, tmp_path, monkeypatch):
    """A text's structure met in the same batch as the new text goes in the text's inserted
    row; met in another batch (one record per batch here), it is kept on a placeholder or
    written into the stored row. Both give the same texts, structures, hashes, article order."""
    tarball = _delivery(tmp_path, "JORF_20261014-010000.tar.gz", tree_members(GLOBAL_FIXTURE))
    seen = []
    for batch_size in (1000, 1):
        _forget_everything()
        monkeypatch.setattr("vigie.documents.store.BATCH_SIZE", batch_size)
        code, out, _ = vigie("ingest", "--no-analysis", tarball)
        assert code == 0 and "0 anomalie" in out, out
        structures = sorted(Document.objects.values_list("uid", "structure", "member", "title"))
        seen.append((_stored(), structures))
    assert seen[0] == seen[1]
    assert sum(1 for _, structure, _, _ in seen[0][1] if structure) >= 3


def test_an_input_without_any_xml_file_says_so(vigie, tmp_path):
    """An empty incoming folder, an empty archive: said in words, not as « 0 texte créé …
    Aucun changement. », and nothing stored. A folder given by mistake, with files no reader
    takes: they are named, and nothing could be read of it (status 1)."""
    empty = tmp_path / "vide"
    empty.mkdir()
    archive = make_tarball(tmp_path / "JORFSIMPLE_20261014-020000.tar.gz", {})
    for given in (empty, archive):
        code, out, _ = vigie("ingest", given)
        assert code == 0 and f"{given.name} : aucun fichier XML trouvé, rien à ingérer." in out
    assert not Document.objects.exists() and not Anomaly.objects.exists()

    folder = tmp_path / "arrivees"
    folder.mkdir()
    (folder / "lisez-moi.txt").write_text("rien ici")
    code, out, err = vigie("ingest", folder)
    assert code == 1, out
    assert ("arrivees : 1 fichier non lu (voir l'anomalie) : rien n'a pu être lu de ce "
            "dossier.") in out
    assert Anomaly.objects.get().message.endswith(" : lisez-moi.txt.")
    assert not Document.objects.exists()
