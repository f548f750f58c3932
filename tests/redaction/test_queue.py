"""The review queue and corrections: ordered by uncertainty, applied at once to editions,
pages, feeds, API and search, kept through re-analysis, undone by going back to the machine."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tests.editions.stored import content, uids
from vigie.analysis.models import Analysis
from vigie.newsroom.models import AuditEntry, Correction

pytestmark = pytest.mark.django_db
CATNAT, ELUS = "JORFTEXT000099000004", "JORFTEXT000099000006"


def rejected(day) -> str:
    """A text of the demo day the machine set aside."""
    return (Analysis.objects.filter(retained=False, document__date_publi=day)
            .exclude(document__title="").order_by("document__uid")
            .values_list("document__uid", flat=True).first())


def test_the_queue_lists_the_day_most_uncertain_first(editor_client, ingested_demo):
    page = editor_client.get("/redaction/")
    html = page.content.decode()
    assert page.status_code == 200 and "Relecture du 14 octobre 2026" in html
    assert "no-store" in page["Cache-Control"]
    scores = [abs(float(a.decision["score"]) - 0.5) for a in Analysis.objects.filter(
        document__date_publi=ingested_demo).exclude(document__title="")]
    order = [uid for uid in (a.document.uid for a in Analysis.objects.filter(
        document__date_publi=ingested_demo).exclude(document__title="")
        .select_related("document")) if f'id="t-{uid}"' in html]
    assert len(order) == len(scores) > 3
    positions = sorted(order, key=lambda uid: html.index(f'id="t-{uid}"'))
    distances = {a.document.uid: abs(float(a.decision["score"]) - 0.5)
                 for a in Analysis.objects.filter(document__uid__in=order)
                 .select_related("document")}
    assert [distances[u] for u in positions] == sorted(distances[u] for u in positions)
    for words in ("Retenir", "Écarter", "Titre court", "score", "seuil", "Thèmes"):
        assert words in html
    assert "0 décision de la rédaction." in html  # French: 0 takes the singular


def test_setting_aside_reaches_edition_api_feed_and_page_then_goes_back(
        editor_client, ingested_demo, editor):
    day, client = ingested_demo, Client()
    assert ELUS in uids(day, "")
    answer = editor_client.post(f"/redaction/texte/{ELUS}/corriger/", {"decision": "ecarter"})
    assert answer.status_code == 302 and answer["Location"].endswith(f"#t-{ELUS}")
    assert ELUS not in uids(day, "") and ELUS not in uids(day, "18")
    assert ELUS not in client.get(f"/api/editions/{day}/national/").content.decode()
    assert ELUS not in client.get("/flux/national/rss/").content.decode()
    text = json.loads(client.get(f"/api/textes/{ELUS}/").content)
    assert text["analysis"]["retained"] is False and text["analysis"]["newsroom"] is True
    page = client.get(f"/texte/{ELUS}/").content.decode()
    assert "Décision de la rédaction" in page and "Historique de la rédaction" not in page
    mine = editor_client.get(f"/texte/{ELUS}/")
    assert "Historique de la rédaction" in mine.content.decode()
    assert "redac@example.fr" in mine.content.decode() and "retenu : oui → non" in \
        mine.content.decode()
    assert "no-store" in mine["Cache-Control"]
    entry = AuditEntry.objects.get(uid=ELUS)
    assert entry.before["retained"] is True and entry.after["retained"] is False
    assert entry.machine["retained"] is True and entry.editor_email == "redac@example.fr"
    editor_client.post(f"/redaction/texte/{ELUS}/retablir/")
    assert ELUS in uids(day, "") and not Correction.objects.exists()
    assert AuditEntry.objects.filter(uid=ELUS).first().action == AuditEntry.RESTORED


def test_retaining_a_set_aside_text_for_one_departement_with_new_words(
        editor_client, ingested_demo):
    day, uid = ingested_demo, rejected(ingested_demo)
    assert uid and uid not in uids(day, "18")
    editor_client.post(f"/redaction/texte/{uid}/corriger/", {"decision": "retenir"})
    assert uid in uids(day, "")
    editor_client.post(f"/redaction/texte/{uid}/corriger/", {
        "scope": "local", "departements": "18 2a", "theme": "finances",
        "short_title": "Un titre de la rédaction",
        "essentials": "Premier point\n\nSecond point\n"})
    assert uid not in uids(day, "") and uid in uids(day, "18") and uid in uids(day, "2A")
    item = content(day, "18").item(uid)
    assert item.short_title == "Un titre de la rédaction" and item.theme == "finances"
    assert item.essentials == ("Premier point", "Second point")
    hits = editor_client.get("/recherche/", {"q": "titre"})
    assert hits.status_code == 200


def test_a_wrong_correction_is_refused_with_its_reason(editor_client, ingested_demo):
    answer = editor_client.post(f"/redaction/texte/{ELUS}/corriger/",
                                {"scope": "local", "departements": "999"}, follow=True)
    assert "Correction refusée" in answer.content.decode()
    assert not Correction.objects.exists()
    answer = editor_client.post(f"/redaction/texte/{ELUS}/corriger/",
                                {"theme": "pas-un-theme"}, follow=True)
    assert "thème inconnu" in answer.content.decode()


def test_reanalysis_never_overwrites_the_newsroom(editor_client, vigie, ingested_demo):
    day = ingested_demo
    editor_client.post(f"/redaction/texte/{ELUS}/corriger/", {"decision": "ecarter"})
    Analysis.objects.update(version="ancienne")  # as after a change of the rules
    code, out, err = vigie("analyse", "--all")
    assert code == 0 and "analysé" in out, err
    vigie("editions", "--date", str(day), "--quiet")
    assert Analysis.objects.exclude(version="ancienne").count() > 3
    assert Analysis.objects.get(document__uid=ELUS).retained is True  # the machine's
    assert ELUS not in uids(day, "")  # …and the newsroom's decision stands


def test_marking_an_edition_reviewed(editor_client, ingested_demo):
    day = ingested_demo
    answer = editor_client.post(f"/redaction/jour/{day}/relue/", {"place": "18"})
    assert answer.status_code == 302
    again = editor_client.post(f"/redaction/jour/{day}/relue/", {"place": "18"})
    assert again.status_code == 302
    page = editor_client.get(f"/redaction/jour/{day}/").content.decode()
    assert "Relues : 18 (redac@example.fr)" in page
    assert AuditEntry.objects.filter(action=AuditEntry.REVIEWED).count() == 1
    assert editor_client.post(f"/redaction/jour/{day}/relue/",
                              {"place": "999"}).status_code == 404


def test_repair_finds_nothing_to_redo_after_the_newsroom_worked(editor_client, ingested_demo):
    """``vigie repair`` compares editions and search entries with the effective decisions,
    the newsroom's articles included: nothing the newsroom did looks stale."""
    from vigie.operations.repairs import scan

    before = scan()
    editor_client.post(f"/redaction/texte/{ELUS}/corriger/", {"decision": "ecarter",
                                                             "theme": "finances"})
    uid = rejected(ingested_demo)
    editor_client.post(f"/redaction/texte/{uid}/corriger/", {"decision": "retenir"})
    editor_client.post("/redaction/articles/nouveau/", {
        "day": str(ingested_demo), "rubric": "actualite", "title": "Un article",
        "theme": "rh"})
    editor_client.post("/redaction/articles/nouveau/", {
        "day": str(ingested_demo), "rubric": "actualite", "title": "Un commentaire",
        "theme": "rh", "about": uid, "body": "À lire."})
    after = scan()
    assert after.days == before.days and ingested_demo not in after.days
    assert ELUS not in after.unindexed and uid not in after.unindexed


def test_show_and_export_give_the_newsrooms_decision_beside_the_machines(
        editor_client, ingested_demo, vigie):
    editor_client.post(f"/redaction/texte/{ELUS}/corriger/", {"decision": "ecarter"})
    code, out, _ = vigie("show", ELUS)
    assert code == 0
    ours, machine = out.split("Décision de la rédaction\n", 1)[1].split(
        "Décision de Vigie (remplacée par celle de la rédaction)\n", 1)
    assert ours.lstrip().startswith("Non retenu") and machine.lstrip().startswith("Retenu")
    assert "Corrigé par la rédaction : retenu, portée" in ours and "Pourquoi" not in ours
    code, out, _ = vigie("show", CATNAT)  # not corrected: the machine's, as before
    assert "Analyse de Vigie" in out and "Décision de la rédaction" not in out
    code, out, _ = vigie("export", "--date", ingested_demo.isoformat())
    lines = {line["id"]: line for line in map(json.loads, out.splitlines())}
    api = json.loads(Client().get(f"/api/textes/{ELUS}/").content)["analysis"]
    elus = lines[ELUS]
    assert elus["analysis"]["retained"] is False and elus["analysis"]["newsroom"] is True
    assert {k: elus["analysis"][k] for k in ("retained", "scope", "theme")} == {
        k: api[k] for k in ("retained", "scope", "theme")}
    assert elus["machine_analysis"]["retained"] is True
    catnat = lines[CATNAT]
    assert catnat["analysis"]["newsroom"] is False
    assert {**catnat["machine_analysis"], "newsroom": False} == catnat["analysis"]
