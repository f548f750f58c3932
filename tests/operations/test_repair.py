"""``vigie repair`` and the follow-ups: what a delivery owes its texts is recorded with them,
marked step by step, and whatever the stored state shows undone is finished.

(The same with real processes killed by SIGKILL: ``test_crash_resume``.)
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from vigie.analysis.models import Analysis
from vigie.analysis.store import freshness
from vigie.commands.demo import sample_deliveries
from vigie.documents import followups
from vigie.documents.models import Document, FollowUp
from vigie.editions.checks import stale_days
from vigie.editions.models import Edition, EditionItem
from vigie.web.models import SearchEntry
from vigie.web.search import stale as stale_index

pytestmark = pytest.mark.django_db
CATNAT, ELUS = "JORFTEXT000099000004", "JORFTEXT000099000006"


def nothing_left() -> bool:
    return not (freshness().stale or stale_index() or stale_days()
                or FollowUp.objects.filter(finished_at=None).exists())


def test_a_delivery_records_what_it_owes_and_each_step_marks_it(vigie):
    code, _, err = vigie("ingest", "--no-analysis", *sample_deliveries())
    assert code == 0, err
    owed = FollowUp.objects.get()
    assert owed.origin == sample_deliveries()[0].name and owed.done == []
    assert owed.texts == len(owed.uids) == Document.objects.count()
    code, out, _ = vigie("analyse", "--date", "2026-10-14")  # takes up what was left
    assert code == 0
    assert (f"Reprise de ce qu'une exécution précédente a laissé : {owed.origin} — "
            f"{owed.texts} texte(s) en attente de : analyse, index de recherche, "
            "éditions.") in out
    owed.refresh_from_db()
    assert owed.done == ["analysis", "index", "editions"] and owed.finished_at
    assert owed.uids == [] and owed.texts  # the record stays, the list goes
    assert nothing_left()


def test_what_a_delivery_left_in_several_chunks_is_told_in_one_line(vigie):
    """A big delivery commits in chunks, each its own follow-up: what a crash left of it is
    one line for people, with all its texts."""
    code, _, err = vigie("ingest", "--no-analysis", *sample_deliveries())
    assert code == 0, err
    whole = FollowUp.objects.get()
    whole.delete()
    for part in (whole.uids[:2], whole.uids[2:]):  # as two committed chunks record them
        followups.record(whole.origin, part)
    code, out, _ = vigie("analyse", "--date", "2026-10-14")
    assert code == 0
    assert out.count("Reprise de ce qu'une exécution précédente a laissé") == 1, out
    assert (f"{whole.origin} — {len(whole.uids)} texte(s) en attente de : analyse, index de "
            "recherche, éditions.") in out
    assert nothing_left()


def test_status_tells_what_a_delivery_left_in_several_chunks_in_one_line(vigie):
    """``vigie status`` as the run that takes it up: one line per delivery and steps owed,
    with all its texts (it listed the chunks one by one, five at most, hiding the rest)."""
    code, _, err = vigie("ingest", "--no-analysis", *sample_deliveries())
    assert code == 0, err
    whole = FollowUp.objects.get()
    whole.delete()
    for start in range(0, len(whole.uids), 2):  # as many committed chunks record them
        followups.record(whole.origin, whole.uids[start:start + 2])
    assert FollowUp.objects.count() > 5
    for name in ("analyse 2026-10-14", *(f"JORF_2026100{n}-011502.tar.gz" for n in range(6))):
        followups.record(name, whole.uids[:1])
    code, out, _ = vigie("status")
    owed = [line.strip() for line in out.splitlines() if "étapes en attente" in line]
    assert owed[0] == (f"étapes en attente — {whole.origin} : {len(whole.uids)} texte(s) en "
                       "attente de : analyse, index de recherche, éditions (la prochaine "
                       "exécution ou vigie repair les termine)"), out
    assert owed[1].startswith("étapes en attente — analyse 2026-10-14 : 1 texte(s)")
    assert len(owed) == 6 and "… et 3 autre(s) entrée(s) en attente" in owed[-1], owed


def test_repair_finds_and_finishes_what_the_stored_state_shows_undone(ingested_demo, vigie):
    """No follow-up says so (a base older than them, restored, changed by hand): the scan
    finds texts without a current decision, index entries missing or out of step, edition
    days not matching their decisions."""
    SearchEntry.objects.filter(uid=CATNAT).delete()
    SearchEntry.objects.filter(uid=ELUS).update(retained=False, theme="")
    Analysis.objects.filter(document__uid=ELUS).update(version="0.0")
    Edition.objects.filter(date=ingested_demo).delete()
    EditionItem.objects.filter(day=ingested_demo).delete()
    assert freshness().stale == [ELUS] and stale_index() == sorted([CATNAT, ELUS])
    assert stale_days() == [ingested_demo]

    code, out, err = vigie("repair")
    assert code == 0, err
    assert ("Vérification de la base : 1 texte(s) sans décision à jour, 2 entrée(s) d'index "
            "manquante(s) ou périmée(s), 1 jour(s) d'éditions à reconstruire.") in out
    assert "Éditions du mercredi 14 octobre 2026 : 108 créée(s)" in out
    assert nothing_left()
    assert SearchEntry.objects.count() == Document.objects.exclude(title="").count()
    assert EditionItem.objects.filter(day=ingested_demo).count() == (
        Analysis.objects.filter(retained=True).count())

    code, out, _ = vigie("repair")
    assert code == 0 and "Rien à reprendre" in out


def test_repair_everything_rebuilds_without_changing_what_is_right(ingested_demo, vigie):
    code, out, _ = vigie("repair", "--tout")
    assert code == 0
    assert "Index de recherche : " in out and "108 créée(s)" not in out
    assert Edition.objects.filter(date=ingested_demo, revision=1).count() == 108


def test_repair_applies_the_web_backlog(ingested_demo, vigie):
    """One-click unsubscribes queued while the database was busy, sign-ups recorded by the
    pages and not handled yet (a crash after the answer)."""
    from vigie.mailing.models import Delivery, PendingRequest, Subscriber
    from vigie.mailing.subscribing import leaving, links, outbox

    reader = Subscriber.objects.create(
        email="lecteur@exemple.fr", status=Subscriber.ACTIVE, departement="18",
        confirmed_at=datetime(2026, 10, 1, tzinfo=UTC), consent_means="test")
    leaving.push(links.make_token(links.holder_of(reader), links.UNSUBSCRIBE))
    outbox.record(PendingRequest.SUBSCRIBE, "nouvelle@exemple.fr",
                  {"departement": "36", "frequency": "daily"})

    code, out, err = vigie("repair")
    assert code == 0, err
    assert ("Désabonnements en file appliqués : 1 ; demandes d'inscription ou de lien "
            "traitées : 1.") in out
    reader.refresh_from_db()
    assert reader.status != Subscriber.ACTIVE and not leaving.waiting()
    newcomer = Subscriber.objects.get(email="nouvelle@exemple.fr")
    assert Delivery.objects.filter(subscriber=newcomer, kind=Delivery.CONFIRM,
                                   status=Delivery.PENDING).exists()  # for vigie send
    assert not PendingRequest.objects.exists()
