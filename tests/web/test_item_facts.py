"""What an item's page shows of what its source gave (its « Références »): the fields a reader
wants that were stored but never shown — a contract's amount, duration and notification day
(or that the record gives none), an aid's type and recurrence, a notice's descriptors, a
decision's formation, a question's author, a dossier's accelerated procedure — read from the
real samples of ``../shared/corpus``."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from vigie.documents.models import Document

pytestmark = [pytest.mark.django_db, pytest.mark.shared]


def references(client, uid: str) -> dict[str, str]:
    """The « Références » of an item's page: label → value, as a reader reads them."""
    answer = client.get(f"/texte/{uid}/")
    assert answer.status_code == 200
    page = lxml_html.fromstring(answer.content.decode())
    rows = page.xpath("//section[@aria-labelledby='references']//dl[@class='facts']/div")
    return {" ".join(row.xpath("dt")[0].text_content().split()):
            " ".join(row.xpath("dd")[0].text_content().split()) for row in rows}


def test_a_contract_says_its_amount_duration_and_that_no_notification_day_was_given(
        client, vigie, shared):
    """Half the contracts of the real AIFE file give no « dateNotification » (nor a day of
    publication of their data): their page showed no date at all and said nothing of it; nor
    did any contract show its amount (but in the essentials), duration, place or CPV code."""
    path = shared("corpus", "decp", "decp-json_data.gouv.fr_aife_json_2019-04-04.zip")
    assert vigie("ingest", "--no-analysis", path)[0] == 0
    fuel = Document.objects.get(
        title__startswith="Fourniture de carburants et additif en carburant pour l'ann")
    facts = references(client, fuel.uid)
    assert facts["Date de notification"] == "non donnée par la source"
    # (the no-break spaces of « 110 000 € » read as spaces, as ``references`` splits them)
    assert facts["Montant"] == "110 000 € HT" and facts["Durée"] == "12 mois"
    assert facts["Acheteur"] == "Mairie de l'Etang-Sale"
    assert facts["SIRET (acheteur)"] == "21974004000015" and facts["Code CPV"] == "9132100"
    assert "Données publiées le" not in facts
    notified = next(d for d in Document.objects.filter(flow="decp") if d.details["notified"])
    shown = references(client, notified.uid)["Date de notification"]
    assert shown != "non donnée par la source" and shown.split()[-1].isdigit()


def test_an_aid_says_its_type_and_recurrence(client, vigie, shared):
    """The Drôme's aids are « Ingénierie technique », « Permanente »: stored, never shown."""
    drome = shared("corpus", "aides", "aides-territoires_dataprovider_departement_drome_data.json")
    assert vigie("feeds", "add", drome.as_uri(), "--rubric", "financements")[0] == 0
    assert vigie("sync", "--source", "feeds")[0] == 0
    aid = Document.objects.get(title="Développement d’une alimentation de proximité")
    facts = references(client, aid.uid)
    assert facts["Type d'aide"] == "Ingénierie technique"
    assert facts["Récurrence"] == "Permanente"
    assert "Appel à projets" not in facts  # the provider does not say it is one


def test_a_boamp_notice_says_its_descriptors(client, vigie, shared):
    notice = shared("corpus", "flux", "boamp_avis_pub-2.xml")
    assert vigie("feeds", "add", notice.as_uri(), "--rubric", "marches")[0] == 0
    assert vigie("sync", "--source", "feeds")[0] == 0
    doc = Document.objects.get(details__kind="notice")
    assert doc.details["descriptors"]
    assert references(client, doc.uid)["Descripteurs"] == ", ".join(doc.details["descriptors"])


def test_a_decision_says_its_formation(client, vigie, shared):
    decision = shared("corpus", "jurisprudence", "judilibre_cc_decision_resolved.json")
    assert vigie("ingest", "--no-analysis", decision)[0] == 0
    doc = Document.objects.get(flow="judilibre", number="19-19.463")
    assert references(client, doc.uid)["Formation"] == "Formation de section"


def test_a_question_names_its_author_and_a_dossier_its_accelerated_procedure(
        client, vigie, shared):
    """The author of a question (with group and seat) and the accelerated procedure of a
    dossier were printed by ``vigie show`` but not on the page."""
    folder = shared("corpus", "parlement")
    for name in ("an_question_ecrite_legacy_q14_14-47351QE.xml",
                 "senat_dossier_legislatif_terrorismus.html"):
        assert vigie("ingest", "--no-analysis", folder / name)[0] == 0, name
    question = references(client, "QANR5L14QE47351")
    assert question["Auteur"] == ("M. François Cornut-Gentille (Les Républicains, "
                                  "Haute-Marne (2e circonscription))")
    assert "Ministère interrogé" not in question  # the ministry asked is the one answering
    assert references(client, "pjl16-587")["Procédure accélérée engagée le"] == "28 juin 2017"
