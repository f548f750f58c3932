"""The dates an item of a followed feed is shown with are the source's: an aid its provider
gives no date is not said « publié » the day Vigie first saw it."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from vigie.documents.models import Document

pytestmark = pytest.mark.django_db


def test_an_aid_without_a_date_says_when_vigie_saw_it_not_when_it_was_published(
        client, vigie, shared):
    """The Drôme's aids (real provider answer) carry no date at all: the page wrote « Publié
    le » and put, over the title, the day of the poll, as if the Département had published
    them that day."""
    drome = shared("corpus", "aides", "aides-territoires_dataprovider_departement_drome_data.json")
    assert vigie("feeds", "add", drome.as_uri(), "--rubric", "financements")[0] == 0
    assert vigie("sync", "--source", "feeds")[0] == 0
    aid = Document.objects.get(title="Développement d’une alimentation de proximité")
    page = lxml_html.fromstring(client.get(f"/texte/{aid.uid}/").content.decode())
    terms = [" ".join(dt.text_content().split()) for dt in page.xpath("//dl[@class='facts']//dt")]
    assert "Relevé par Vigie le" in terms and "Publié le" not in terms
    kicker = " ".join(page.xpath("//p[@class='masthead__kicker']")[0].text_content().split())
    assert kicker == "Aide · Chambre d’agriculture de la Drôme"


def test_an_eu_act_whose_notice_gives_no_publication_is_not_dated_the_day_it_was_read(
        client, vigie, shared):
    """The real object notice of Regulation (EU) 2018/196 gives the act's date and its entry
    into force, not its publication: the kicker said the day of the ingestion (« 6 décembre
    2026 ») over « Règlement (UE) 2018/196 du 7 février 2018 »."""
    notice = shared("corpus", "ue", "cellar_object_notice_work_32018R0196.xml")
    assert vigie("ingest", notice)[0] == 0
    page = lxml_html.fromstring(client.get("/texte/CELEX32018R0196/").content.decode())
    kicker = " ".join(page.xpath("//p[@class='masthead__kicker']")[0].text_content().split())
    assert kicker == "Acte de l'Union européenne · EUR-Lex"
    terms = [" ".join(dt.text_content().split()) for dt in page.xpath("//dl[@class='facts']//dt")]
    assert "Date de l'acte" in terms and "Publié le" not in terms
