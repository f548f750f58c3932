"""The real Parliament files of ../shared/corpus/parlement/ read as a mayor would: official
links that can be followed, dossier steps in order and in words (skipped without ../shared)."""

from __future__ import annotations

import pytest

from tests.conftest import shared_path
from vigie.documents.citation import display_title
from vigie.documents.models import Document
from vigie.documents.parlement_display import official_address, parlement_links
from vigie.documents.parlement_fields import readable_title

pytestmark = [pytest.mark.django_db, pytest.mark.shared]


def ingest(vigie, *names: str) -> None:
    paths = [shared_path("corpus", "parlement", name) for name in names]
    code, out, err = vigie("ingest", "--no-analysis", *paths)
    assert code == 0, out + err


def test_official_links_of_older_pages_are_followed_in_https(vigie) -> None:
    ingest(vigie, "senat_dossier_legislatif_transparence.html",
           "an_dossier_legislatif_legacy_14_dossiers_republique_numerique.html")
    senat = parlement_links(Document.objects.get(uid="pjl12-688"))
    assert [(kind, url) for kind, _label, url in senat] == [
        ("official", "https://www.senat.fr/dossier-legislatif/pjl12-688.html"),
        ("other", "https://www.assemblee-nationale.fr/14/dossiers/"
                  "transparence_vie_publique_pjl.asp#vie_publique_transparence"),
        ("law", "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000028056223")]
    an = parlement_links(Document.objects.get(uid="AN14-republique_numerique"))
    assert an[1][2] == "https://www.senat.fr/dossier-legislatif/pjl15-325.html"


def test_official_address_leaves_other_sites_alone() -> None:
    assert official_address("http://exemple.fr/a") == "http://exemple.fr/a"
    assert official_address("javascript:alert(1)") == "javascript:alert(1)"
    assert official_address("http://legifrance.gouv.fr/affichCodeArticle.do?x=1") == (
        "https://www.legifrance.gouv.fr/affichCodeArticle.do?x=1")


def test_senat_dossier_steps_in_words_never_cut_in_a_number(vigie) -> None:
    ingest(vigie, "senat_dossier_legislatif_simple.html",
           "senat_dossier_legislatif_transparence.html")
    steps = Document.objects.get(uid="pjl12-688").details["steps"]
    stages = [s["stage"] for s in steps]
    assert "CMP" not in stages and "nouv. lect." not in stages and "C. Constit." not in stages
    assert {"Commission mixte paritaire", "Nouvelle lecture", "Lecture définitive",
            "Conseil constitutionnel"} <= set(stages)
    # The phase's own entry (« 16 juillet 2013 | CMP », nothing in it) said « CMP : CMP ».
    assert all(s["label"] or s["place"] for s in steps)
    law = Document.objects.get(uid="pjl07-488").details["steps"][-1]["label"]
    assert law.startswith("Loi autorisant l'approbation") and law.endswith("…")
    assert not law.endswith("2011-…") and len(law) <= 400


def test_older_assemblee_page_steps_in_order_without_the_ministers_summary(vigie) -> None:
    ingest(vigie, "an_dossier_legislatif_legacy_14_dossiers_republique_numerique.html")
    steps = Document.objects.get(uid="AN14-republique_numerique").details["steps"]
    # The Conseil des ministres' summary under « En savoir plus » is no step (it read
    # « 18 octobre 2015 — Lecture texte CMP : Le projet, qui traduit … Une relecture publiq »).
    assert not any("Conseil national du numérique" in s["label"] for s in steps)
    for stage in {s["stage"] for s in steps}:  # each stage's steps in the order of their days
        days = [s["date"] for s in steps if s["stage"] == stage]
        assert days == sorted(days), stage
    last = steps[-1]
    # One line of the page, not two (« au cours » / « de la séance du mardi 27 … »), in its
    # chamber.
    assert (last["date"], last["place"]) == ("2016-09-27", "Sénat")
    assert last["label"] == ("Discussion en séance publique au cours de la séance du mardi 27 "
                             "septembre 2016")
    assert not any(" ," in s["label"] for s in steps)


def test_government_question_names_the_member_who_asked(vigie) -> None:
    ingest(vigie, "an_question_gouvernement_QANR5L16QG1.json",
           "an_question_gouvernement_QANR5L16QG400.json")
    doc = Document.objects.get(uid="QANR5L16QG1")
    # The file names the member by a reference only; the record of the debate names her.
    assert doc.details["author"]["name"] == "Mme Marine Le Pen"
    assert display_title(doc) == ("Question au Gouvernement n° 1 de Mme Marine Le Pen : "
                                  "Expulsion des étrangers condamnés")
    code, out, _ = vigie("show", "QANR5L16QG400")
    assert "n° 400 de M. Yannick Monnet (Gauche démocrate et républicaine" in out
    assert "auteur PA" not in out


def test_a_title_in_capitals_reads_in_sentence_case(vigie) -> None:
    ingest(vigie, "an_question_gouvernement_QANR5L16QG400.json")
    doc = Document.objects.get(uid="QANR5L16QG400")
    assert doc.title == "Projet de réforme des retraites"  # « PROJET DE RÉFORME DES RETRAITES »
    assert readable_title("DGF") == "DGF" and readable_title("Cimetières") == "Cimetières"


def test_dossier_page_names_each_official_link_once(vigie, client) -> None:
    ingest(vigie, "senat_dossier_legislatif_transparence.html")
    page = client.get("/texte/pjl12-688/").content.decode()
    assert ">Page officielle (Sénat)</a>" in page
    assert ">Dossier de l&#x27;autre assemblée</a>" in page
    assert ">Loi promulguée (Légifrance)</a>" in page
    assert "Page officielle (Loi promulguée" not in page  # « (Légifrance)) »
    assert 'class="raw-address"' not in page


def test_older_assemblee_page_stages_in_words(vigie) -> None:
    # Before: « Où en est le texte : 27 septembre 2016 — Lecture texte CMP, Sénat : … »,
    # and steps « Commission Mixte Paritaire (Accord) : … ».
    ingest(vigie, "an_dossier_legislatif_legacy_14_dossiers_republique_numerique.html")
    doc = Document.objects.get(uid="AN14-republique_numerique")
    assert {s["stage"] for s in doc.details["steps"]} == {
        "1ère lecture", "Commission mixte paritaire (accord)",
        "Lecture du texte de la commission mixte paritaire"}
    assert doc.origine_publi.startswith("27 septembre 2016 — Lecture du texte de la commission "
                                        "mixte paritaire, Sénat : Discussion en séance")


def test_parliament_pages_say_whose_rubric_it_is(vigie, client) -> None:
    # Before: « Rubrique du sommaire : défense » (a question has no JO sommaire) and, for a
    # dossier, « Rubrique du sommaire : Loi — Promulgation ».
    ingest(vigie, "an_question_ecrite_legacy_q14_14-47351QE.xml",
           "senat_dossier_legislatif_transparence.html")
    question = client.get("/texte/QANR5L14QE47351/").content.decode()
    assert "<dt>Rubrique de l&#x27;Assemblée nationale</dt>" in question, question
    dossier = client.get("/texte/pjl12-688/").content.decode()
    assert "<dt>Dernière étape</dt>" in dossier
    assert "Rubrique du sommaire" not in question + dossier
