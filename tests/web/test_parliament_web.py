"""Parliament items on the site, in the feeds, the API, the search and the digests: the demo's
Journal officiel day and its Parliament sample (answers of both chambers, a bill in
progress), ingested once for the module."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from contextlib import redirect_stdout
from datetime import date
from xml.etree import ElementTree

import pytest
from django.conf import settings

from tests.mailing.conftest import smtp, subscriber  # noqa: F401 (fixture)
from tests.mailing.mail import parts

pytestmark = pytest.mark.django_db
DAY = date(2026, 10, 14)
SENAT, AN, BILL = "qSEQ260509921", "QANR5L17QE99201", "DLR5L17N99201"
AWAITING = "qSEQ260909922"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def three_rubrics(django_db_setup, django_db_blocker) -> Iterator[date]:
    from django.db import transaction

    from vigie.cli import main
    from vigie.commands.demo import sample_deliveries, sample_parlement

    with django_db_blocker.unblock(), transaction.atomic():
        with redirect_stdout(io.StringIO()):
            code = main(["ingest", *map(str, [*sample_deliveries(), *sample_parlement()])])
        assert code == 0
        yield DAY
        transaction.set_rollback(True)


def rss_guids(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    return [i.findtext("guid") for i in
            ElementTree.fromstring(response.content).findall("./channel/item")]


def test_edition_page_lists_the_three_rubrics_in_order(client, three_rubrics):
    page = client.get("/edition/2026-10-14/18/").content.decode()
    jo, parlement, reponses = (page.index(f">{label}<") for label in (
        "Journal officiel", "Parlement", "Réponses ministérielles"))
    assert jo < parlement < reponses
    answers = page[reponses:]
    assert '<p class="item__heading">Cimetières</p>' in answers
    assert "Question écrite n° 9921 de Mme Jeanne Démo (Cher) : Reprise des concessions" in answers
    assert "Question :</span> Mme Jeanne Démo demande de préciser la procédure" in answers
    assert "Réponse publiée au JO Sénat du 14 octobre 2026, p.\u00a05212" in answers
    assert 'href="https://www.senat.fr/questions/base/2026/qSEQ260509921.html"' in answers
    assert "Dans votre département" in answers  # the question is about Vierzon (Cher)
    assert AWAITING not in page  # no answer yet
    assert '<a href="/flux/rubrique/reponses/rss/" type="application/rss+xml">' in page


def test_feeds_per_rubric(client, three_rubrics):
    assert rss_guids(client, "/flux/rubrique/reponses/rss/") == [AN, SENAT]
    assert rss_guids(client, "/flux/rubrique/parlement/rss/") == [BILL]
    jo = rss_guids(client, "/flux/rubrique/jo/rss/")
    assert jo and all(uid.startswith("JORFTEXT") for uid in jo)
    response = client.get("/flux/rubrique/reponses/rss/")
    channel = ElementTree.fromstring(response.content).find("channel")
    assert channel.findtext("title") == "Vigie — Réponses ministérielles"
    senat = next(i for i in channel.findall("item") if i.findtext("guid") == SENAT)
    assert "Question : Mme Jeanne Démo demande" in senat.findtext("description")
    assert "Réponse publiée au JO Sénat du 14 octobre 2026, p. 5212" in senat.findtext(
        "description")
    atom = ElementTree.fromstring(client.get("/flux/rubrique/parlement/atom/").content)
    assert [e.findtext(f"{ATOM}id") for e in atom.findall(f"{ATOM}entry")] == [
        "https://www.assemblee-nationale.fr/dyn/17/dossiers/eau_potable_communes_rurales_demo"]
    assert client.get("/flux/rubrique/presse/rss/").status_code == 404
    assert client.get("/flux/rubrique/circulaires/atom/").status_code == 200  # has sources
    assert client.get("/flux/rubrique/europe/atom/").status_code == 200  # EU acts
    assert client.get("/flux/rubrique/actualite/atom/").status_code == 200  # the news feeds


def test_search_filters_by_rubric(client, three_rubrics):
    from vigie.web.search import refresh_missing

    refresh_missing()
    data = json.loads(client.get("/api/recherche/?q=concessions&rubric=reponses").content)
    assert [hit["uid"] for hit in data["results"]] == [SENAT]
    data = json.loads(client.get("/api/recherche/?q=communes&rubric=parlement").content)
    assert [hit["uid"] for hit in data["results"]] == [BILL]
    everything = json.loads(client.get("/api/recherche/?q=communes").content)
    assert {"jo", "parlement", "reponses"} <= {h["rubric"] for h in everything["results"]}
    page = client.get("/recherche/?q=concessions&rubric=reponses").content.decode()
    assert f"/texte/{SENAT}/" in page and "JORFTEXT" not in page.split("<main", 1)[1]


def test_search_names_a_question_and_orders_the_natures_by_name(client, three_rubrics):
    """A question's nature is its chamber's code (« QE »): the hit and the « Nature du texte »
    filter say « Question écrite », and the filter lists the natures in alphabetical order."""
    from vigie.web.search import refresh_missing

    refresh_missing()
    page = client.get("/recherche/?q=concessions&rubric=reponses").content.decode()
    hit = page.split('class="hit"', 1)[1].split("</li>", 1)[0]
    assert "· Question écrite" in hit and "Qe" not in hit
    select = page.split('name="nature"', 1)[1].split("</select>", 1)[0]
    names = re.findall(r'<option value="[^"]+"[^>]*>([^<]+)</option>', select)
    assert '<option value="QE">Question écrite</option>' in select
    assert "Arrêté" in names and "Qe" not in names
    assert names == sorted(names, key=lambda n: n.lower().replace("ê", "e").replace("é", "e"))


def test_api_gives_questions_and_dossiers_by_their_official_id(client, three_rubrics):
    from tests.web.test_api import EDITION, TEXT, check

    for uid in (SENAT, AN, BILL, AWAITING):
        data = check(client.get(f"/api/textes/{uid}/"), TEXT)
        assert data["id"] == uid
    data = check(client.get("/api/editions/2026-10-14/18/"), EDITION)
    answers = next(r for r in data["rubrics"] if r["slug"] == "reponses")
    item = next(i for t in answers["themes"] for i in t["items"] if i["uid"] == SENAT)
    assert item["heading"] == "Cimetières" and item["question"].startswith("Mme Jeanne Démo")
    assert item["reference"] == "Réponse publiée au JO Sénat du 14 octobre 2026, p. 5212"


def test_text_page_links_the_chamber_page_over_https_only(client, three_rubrics):
    from vigie.documents.models import Document

    page = client.get(f"/texte/{SENAT}/").content.decode()
    assert ('<a href="https://www.senat.fr/questions/base/2026/qSEQ260509921.html" '
            'hreflang="fr">Page officielle (Sénat)</a>') in page
    assert "Question écrite · Réponse publiée au JO Sénat du 14 octobre 2026" in page
    assert '<h3 id="a-qSEQ260509921-Q">Question</h3>' in page
    assert "Légifrance" not in page.split("<main", 1)[1]
    doc = Document.objects.get(uid=AN)
    doc.details = {**doc.details, "url": "javascript:alert(1)"}
    doc.save()
    page = client.get(f"/texte/{AN}/").content.decode()
    assert 'href="javascript' not in page
    assert 'Assemblée nationale : <span class="raw-address">javascript:alert(1)</span>' in page


def test_a_line_break_between_two_sentences_is_kept(client, three_rubrics):
    """« rémunère.<br/>Le temps de trajet »: a style rule hiding any first <br> of a paragraph
    (``p > br:first-child`` ignores text) ran the two sentences together."""
    page = client.get(f"/texte/{AN}/").content.decode()
    assert "qu'elle rémunère.<br/>Le temps de trajet entre deux lieux" in page
    assert "br:first-child" not in client.get("/vigie.css").content.decode()


def test_a_dossier_page_lists_its_steps_its_state_and_its_source(client, three_rubrics):
    """The « Étapes » of a dossier were an empty body (stored as text only), its state the
    raw « in_progress », its provenance the DILA's."""
    from vigie.documents.models import Document

    page = client.get(f"/texte/{BILL}/").content.decode()
    steps = page.split('<h3 id="a-DLR5L17N99201-E">Étapes</h3>', 1)[1].split("</section>")[0]
    assert re.findall(r"<li>([^<]+)</li>", steps) == [
        "12 mai 2026 — 1ère lecture, Assemblée nationale : Dépôt d&#x27;une initiative en "
        "1ère lecture",
        "14 octobre 2026 — 1ère lecture, Assemblée nationale : Décision de l&#x27;Assemblée "
        "nationale (adopté)"]
    assert "<dt>État</dt><dd>en cours d&#x27;examen</dd>" in page and "in_progress" not in page
    provenance = page.split('id="provenance"', 1)[1].split("</section>")[0]
    assert "Assemblée nationale, données ouvertes (data.assemblee-nationale.fr)" in provenance
    assert "DILA" not in provenance
    doc = Document.objects.get(uid=BILL)  # a step's documents, beyond the one it is named by
    doc.details["steps"][0]["details"] = ["Texte n° 1", "Rapport n° 2 <b>"]
    doc.save()
    page = client.get(f"/texte/{BILL}/").content.decode()
    assert "initiative en 1ère lecture<ul><li>Rapport n° 2 &lt;b&gt;</li></ul></li>" in page


def test_a_dossier_page_does_not_call_its_steps_a_full_text(client, three_rubrics):
    """A dossier holds the steps of a procedure: its section is « Procédure parlementaire »,
    a question's stays « Texte intégral » (the question and its answer)."""
    page = client.get(f"/texte/{BILL}/").content.decode()
    assert '<h2 id="texte">Procédure parlementaire</h2>' in page
    assert "Texte intégral" not in page.split("<main", 1)[1]
    question = client.get(f"/texte/{SENAT}/").content.decode()
    assert re.search(r'<h2 id="texte">La question( et sa réponse)?</h2>', question)
    assert "Texte intégral" not in question.split("<main", 1)[1]


def test_question_pages_say_their_state_and_their_chamber(client, three_rubrics):
    page = client.get(f"/texte/{SENAT}/").content.decode()
    assert "<dt>État</dt><dd>réponse publiée</dd>" in page
    assert "<p>Sénat, données ouvertes (data.senat.fr).</p>" in page
    page = client.get(f"/texte/{AN}/").content.decode()
    assert "<p>Assemblée nationale, données ouvertes (data.assemblee-nationale.fr).</p>" in page
    assert "Journal officiel, données ouvertes de la DILA" in client.get(
        "/texte/JORFTEXT000099000004/").content.decode()


def test_digest_carries_the_answers_after_the_journal_officiel(three_rubrics, smtp, vigie):  # noqa: F811
    subscriber("mairie@exemple.fr", "18", alerts=False)
    code, _, err = vigie("send", "--date", "2026-10-14")
    assert code == 0, err
    (message,) = [m.message for m in smtp.to("mairie@exemple.fr")]
    plain, html = parts(message)
    assert plain.index("JOURNAL OFFICIEL") < plain.index("PARLEMENT") < plain.index(
        "RÉPONSES MINISTÉRIELLES")
    assert "  Question : Mme Jeanne Démo demande de préciser la procédure" in plain
    assert "Réponse publiée au JO Sénat du 14 octobre 2026, p. 5212" in plain
    assert f"{settings.VIGIE_SITE_URL}/texte/{SENAT}/" in plain
    assert "Cimetières" in html and "<strong>Question :</strong> Mme Jeanne Démo" in html


def test_a_dossier_is_shown_in_french_in_the_terminal(three_rubrics):
    from vigie.cli import main

    with redirect_stdout(io.StringIO()) as out:
        assert main(["show", BILL]) == 0
    assert "dossier de l'Assemblée nationale" in out.getvalue()  # was « du Assemblée »
