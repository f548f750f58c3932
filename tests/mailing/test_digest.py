"""What a digest or an alert says, to whom: selection by roles, themes and commune, urgent
items always, weekly digests, the empty-digest choice, and planning each message once."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.editions.stored import store_edition
from tests.mailing.conftest import CATNAT, PREFET, subscriber
from tests.mailing.mail import parts
from vigie.editions.content import Item, Link
from vigie.mailing.models import Delivery

pytestmark = pytest.mark.django_db
ELUS_FRAIS = "JORFTEXT000099000006"  # urgent, national
IFSE = "JORFTEXT000099000007"  # ressources humaines


def _send(vigie, day: str = "2026-10-14") -> str:
    code, out, err = vigie("send", "--date", day)
    assert code == 0, err
    return out


def _digests(smtp, address: str):
    return [m.message for m in smtp.to(address) if m.message["Subject"].startswith("Vigie")]


def test_digest_keeps_roles_themes_urgent_items_and_the_commune(demo_editions, smtp, vigie):
    subscriber("rh@exemple.fr", roles=["rh"], alerts=False)
    subscriber("ecoles@exemple.fr", "36", themes=["education"], commune="36044",
               commune_name="Châteauroux", alerts=False)
    subscriber("tout@exemple.fr", "36", alerts=False)
    _send(vigie)
    (rh,) = _digests(smtp, "rh@exemple.fr")
    plain, html = parts(rh)
    assert all(uid in plain for uid in (CATNAT, ELUS_FRAIS, IFSE))
    assert "JORFTEXT000099000002" not in plain  # eau potable: neither their role nor urgent
    assert "6 autres textes de l'édition ne correspondent pas à vos préférences" in plain
    assert rh["Subject"] == ("Vigie · Cher (18) · mercredi 14 octobre 2026 : 3 textes pour "
                             "vous, dont 2 urgents")
    assert str(rh["List-Id"]) == "Vigie — Cher (18) <departement-18.vigie.test>"
    (ecoles,) = _digests(smtp, "ecoles@exemple.fr")
    plain, html = parts(ecoles)
    assert CATNAT in plain and "Votre commune : Châteauroux" in html  # urgent, names it
    assert "la commune de Châteauroux" in plain
    (tout,) = _digests(smtp, "tout@exemple.fr")
    assert PREFET in parts(tout)[0]  # local to Indre, and no preference narrows the edition
    assert PREFET not in parts(rh)[0]


def _communes_listed(text: str) -> list[str]:
    """The lines under « Communes de votre département concernées : », in order."""
    lines = text.splitlines()
    start = lines.index("  Communes de votre département concernées :") + 1
    listed = []
    for line in lines[start:]:
        if not line.startswith("    "):
            break
        listed.append(line.strip())
    return listed


def test_the_readers_commune_comes_first_and_marked_in_both_parts(demo_editions, smtp, vigie):
    """Issoudun is the last commune of the Indre the catastrophe naturelle arrêté lists (its
    annexe II): its reader reads it first, marked, with its status, in the plain-text part
    and in the HTML part; a reader of the Indre without a commune reads the text's order."""
    subscriber("issoudun@exemple.fr", "36", commune="36088", commune_name="Issoudun",
               alerts=False)
    subscriber("indre@exemple.fr", "36", alerts=False)
    _send(vigie)
    plain, html = parts(_digests(smtp, "issoudun@exemple.fr")[0])
    listed = _communes_listed(plain)
    assert listed[0] == ("► Issoudun (votre commune) : non reconnue — mouvements de terrain "
                         "différentiels consécutifs à la sécheresse et à la réhydratation des "
                         "sols, du 1er juillet au 30 septembre 2025")
    assert listed[1].startswith("- Le Blanc : reconnue — ") and len(listed) == 6
    assert "[URGENT · Dans votre département · Votre commune : Issoudun]" in plain
    html_lines = re.findall(r"<li style=\"[^\"]*\">([^<]*)</li>", html.split(
        "Communes de votre département concernées :")[1].split("</ul>")[0])
    assert html_lines[0].startswith("► Issoudun (votre commune) : non reconnue — ")
    assert html_lines[1].startswith("Le Blanc : reconnue — ")
    assert 'background:#fff2b3;font-weight:bold">► Issoudun' in html  # highlighted
    others = _communes_listed(parts(_digests(smtp, "indre@exemple.fr")[0])[0])
    assert others[0].startswith("- Le Blanc : reconnue") and others[-1].startswith(
        "- Issoudun : non reconnue") and not any("►" in line for line in others)


def test_the_alert_puts_the_readers_commune_first(demo_editions, smtp, vigie):
    subscriber("alerte@exemple.fr", "36", frequency="none", alerts=True, commune="36088",
               commune_name="Issoudun")
    _send(vigie)
    (alert,) = [m.message for m in smtp.to("alerte@exemple.fr")
                if CATNAT in parts(m.message)[0]]
    plain, html = parts(alert)
    assert _communes_listed(plain)[0].startswith("► Issoudun (votre commune) : non reconnue")
    assert "► Issoudun (votre commune) : non reconnue" in html
    assert "Votre commune : Issoudun" in html


def test_the_digest_opens_on_its_urgent_items_and_an_alert_says_where_it_was_published(
        demo_editions, smtp, vigie):
    """The digest now carries the alerts of its day (``planner``): its urgent items are
    listed first, each linked to its page, whatever rubric and theme they sit under. An alert
    about a BOAMP notice said « Texte urgent publié au Journal officiel »."""
    from vigie.commands.demo import follow_sample_feeds
    from vigie.mailing.subscribing.links import item_url

    assert follow_sample_feeds(lambda event: None) == 0  # with an urgent BOAMP notice (18)
    subscriber("quotidien@exemple.fr")
    subscriber("alertes@exemple.fr", frequency="none", alerts=True)
    _send(vigie)
    (digest,) = _digests(smtp, "quotidien@exemple.fr")
    plain, html = parts(digest)
    urgent = re.search(r"À lire en priorité : (\d+) textes urgents\r?\n((?:  ! .*\r?\n)+)",
                       plain)
    assert urgent and digest["Subject"].endswith(f"dont {urgent[1]} urgents"), plain[:800]
    assert f"  ! Réfection de la toiture de l'école élémentaire Jean-Moulin : " \
           f"{item_url('BOAMP26-990001')}" in urgent[2]
    assert plain.index("À lire en priorité") < plain.index("JOURNAL OFFICIEL")
    assert f"À lire en priorité : {urgent[1]} textes urgents" in html
    assert f'href="{item_url("BOAMP26-990001")}"' in html.split("JOURNAL OFFICIEL")[0]
    notice = next(m.message for m in smtp.to("alertes@exemple.fr")
                  if "Jean-Moulin" in m.message["Subject"])
    plain, html = parts(notice)
    assert "Texte urgent publié le mercredi 14 octobre 2026 (Marchés publics)." in plain
    catnat = next(m.message for m in smtp.to("alertes@exemple.fr")
                  if CATNAT in parts(m.message)[0])
    assert "Texte urgent publié au Journal officiel du mercredi 14 octobre 2026." in (
        parts(catnat)[0])


def test_html_part_is_self_contained_with_inlined_css(demo_editions, smtp, vigie):
    subscriber("a@exemple.fr", alerts=False)
    _send(vigie)
    _, html = parts(_digests(smtp, "a@exemple.fr")[0])
    assert "<style" not in html and "class=" not in html and 'style="' in html
    assert '<html lang="fr">' in html and "URGENT" in html and "Dans votre département" in html
    assert "Lire sur Vigie" in html and "Texte officiel (Légifrance)" in html


def test_alerts_only_reader_gets_each_urgent_item_once(demo_editions, smtp, vigie):
    subscriber("alertes@exemple.fr", frequency="none", alerts=True)
    out = _send(vigie)
    assert "2 envoyé(s)" in out
    subjects = sorted(m.message["Subject"] for m in smtp.to("alertes@exemple.fr"))
    assert all(s.startswith("Urgent · Cher (18) : ") for s in subjects)
    plain, html = parts(smtp.to("alertes@exemple.fr")[0].message)
    assert "Pourquoi vous recevez ce message" in plain and "une alerte immédiate" in plain
    _send(vigie)
    assert len(smtp.accepted) == 2  # planned once, sent once


def test_weekly_digest_covers_the_week_ending_on_monday(demo_editions, smtp, vigie):
    subscriber("semaine@exemple.fr", frequency="weekly", alerts=False)
    _send(vigie)  # a Wednesday: its week's weekly (ending on Monday 12) has no edition
    assert not smtp.accepted
    _send(vigie, "2026-10-19")
    (weekly,) = smtp.to("semaine@exemple.fr")
    assert weekly.message["Subject"].startswith(
        "Vigie · Cher (18) · semaine du 13 au 19 octobre 2026 : ")
    plain, html = parts(weekly.message)
    assert "L'actualité du mercredi 14 octobre 2026 — Cher (18)" in plain
    assert "un résumé chaque lundi" in plain and CATNAT in html
    # the week ending on Monday 12 had no edition: nothing to say
    assert dict(Delivery.objects.values_list("key", "status")) == {
        "2026-10-12": Delivery.SKIPPED, "2026-10-19": Delivery.SENT}


def test_the_weekly_view_of_monday_gathers_the_saturday_edition(demo_editions, smtp, vigie):
    """A Saturday issue has its own edition; with no Monday issue, the latest edition is
    Saturday's, and the next run sends the weekly view of the Monday after it, which gathers
    Wednesday's and Saturday's editions (each once)."""
    saturday = date(2026, 10, 17)
    item = Item(uid=IFSE, rubric="jo", title="Arrêté du samedi", short_title="Arrêté du samedi",
                theme="rh", roles=("rh",), reference="Journal officiel n°0245",
                date_publi=saturday, rank=1)
    store_edition(saturday, "18", [item], title="L'actualité du samedi 17 octobre 2026 — Cher "
                  "(18)", items_count=1)
    subscriber("semaine@exemple.fr", frequency="weekly", alerts=False)
    code, out, err = vigie("send")  # no date: the latest edition, Saturday's
    assert code == 0, err
    (weekly,) = smtp.to("semaine@exemple.fr")
    assert weekly.message["Subject"].startswith(
        "Vigie · Cher (18) · semaine du 13 au 19 octobre 2026 : ")
    plain, _ = parts(weekly.message)
    assert plain.count("L'actualité du mercredi 14 octobre 2026 — Cher (18)") == 1
    assert plain.count("L'actualité du samedi 17 octobre 2026 — Cher (18)") == 1
    assert Delivery.objects.get().key == "2026-10-19"


@pytest.fixture
def quiet_day():
    """An edition where one non-urgent text about human resources is all there is."""
    item = Item(uid=IFSE, rubric="jo", title="Arrêté RH", short_title="Arrêté RH",
                theme="rh", roles=("rh",), urgent=False, reference="JORF",
                date_publi=date(2026, 10, 16), rank=1,
                links=(Link("official", "Légifrance", "https://www.legifrance.gouv.fr/x"),))
    return store_edition(date(2026, 10, 16), "23", [item], title="Creuse", fingerprint="x",
                         items_count=1)


def test_empty_digest_sends_nothing_by_default(demo_editions, quiet_day, smtp, vigie,
                                               settings):
    settings.VIGIE_EMPTY_DIGEST = "none"
    subscriber("creuse@exemple.fr", "23", roles=["securite"])
    out = _send(vigie, "2026-10-16")
    assert not smtp.accepted and "sans objet" in out
    assert Delivery.objects.get().status == Delivery.SKIPPED


def test_empty_digest_can_say_nothing_new(demo_editions, quiet_day, smtp, vigie, settings):
    settings.VIGIE_EMPTY_DIGEST = "short"
    subscriber("creuse@exemple.fr", "23", roles=["securite"])
    _send(vigie, "2026-10-16")
    (message,) = smtp.accepted
    assert message.message["Subject"].endswith(": rien de nouveau pour vous")
    plain, html = parts(message.message)
    assert "aucun texte ne correspond à vos préférences" in plain
    assert "Pourquoi vous recevez ce message" in html


def test_readers_who_joined_after_the_edition_wait_for_the_next(demo_editions, smtp, vigie):
    from django.utils import timezone

    subscriber("nouveau@exemple.fr", confirmed_at=timezone.now())
    code, out, _ = vigie("send")  # the latest edition, 14 October, is older than them
    assert code == 0 and not smtp.accepted and "0 message(s) préparé(s)" in out
    assert "rien à envoyer : aucun abonné confirmé avant cette édition ; --date pour forcer" \
        in out  # says why
    _send(vigie)  # an explicit day goes to every active reader
    assert smtp.to("nouveau@exemple.fr")


def test_unsubscribed_and_suspended_readers_get_nothing(demo_editions, smtp, vigie):
    from django.utils import timezone

    subscriber("parti@exemple.fr", status="unsubscribed")
    subscriber("refuse@exemple.fr", suspended_at=timezone.now())
    subscriber("attente@exemple.fr", status="pending", confirmed_at=None)
    out = _send(vigie)
    assert not smtp.accepted and not Delivery.objects.exists()
    assert "rien à envoyer : aucun abonné confirmé" in out


def test_sending_again_says_everything_was_prepared(demo_editions, smtp, vigie):
    subscriber("une@exemple.fr", alerts=False)
    _send(vigie)
    assert "rien à envoyer : ce qui était dû pour cette édition a déjà été préparé" in _send(
        vigie)
