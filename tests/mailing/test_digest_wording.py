"""What an item says in a digest or an alert, as the page says it: an outside item's origin
first, a text known from the sommaire alone said so, « Texte officiel (Légifrance) », and
the plain-text part without repeated titles, revision notices or numeric dates."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.editions.stored import store_edition
from tests.mailing.conftest import subscriber
from tests.mailing.mail import parts
from vigie.editions.content import Item, Link
from vigie.editions.models import Edition
from vigie.mailing.subscribing.links import item_url

pytestmark = pytest.mark.django_db
BOAMP, BOAMP_ORIGIN = "BOAMP26-990001", "https://demo.vigie.invalid/boamp/26-990001"
AID_ORIGIN = "https://demo.vigie.invalid/aides/renovation-ecoles"
SOUS_PREFETE = "JORFTEXT000099000011"  # Cher (18), known from the sommaire only
QPC = "JORFTEXT000099000014"  # its short title is its title
ELUS_FRAIS = "JORFTEXT000099000006"  # enters into force on 15 October 2026


@pytest.fixture
def with_feeds(demo_editions) -> date:
    """The demo day with the sample feeds polled: BOAMP notices, aids, news items."""
    from vigie.commands.demo import follow_sample_feeds

    assert follow_sample_feeds(lambda event: None) == 0
    return demo_editions


def _send(vigie, day: str = "2026-10-14") -> None:
    code, _, err = vigie("send", "--date", day)
    assert code == 0, err


def _digest(smtp, address: str) -> tuple[str, str]:
    (message,) = [m.message for m in smtp.to(address)
                  if m.message["Subject"].startswith("Vigie")]
    return parts(message)


def block(plain: str, uid: str) -> list[str]:
    """The plain-text lines of the item whose Vigie link ends with ``uid`` (not the one of
    « À lire en priorité »), from the blank line or the theme's « — … — » before it to the
    blank line after it."""
    lines = plain.splitlines()
    link = next(n for n, line in enumerate(lines) if line.startswith("  ")
                and not line.startswith("  ! ") and line.endswith(f"/texte/{uid}/"))
    start = max(n for n in range(link) if not lines[n].strip()
                or lines[n].startswith("— ")) + 1
    end = next(n for n in range(link, len(lines)) if not lines[n].strip())
    return lines[start:end]


def html_block(html: str, uid: str) -> str:
    """The HTML block of the item whose Vigie page is linked in it."""
    blocks = html.split('background:#f6f6f6">')  # each item's box
    return next(b for b in blocks[1:] if f'href="{item_url(uid)}"' in b)


def test_outside_items_link_first_to_their_origin(with_feeds, smtp, vigie):
    """A BOAMP notice, an aid, a news item: the page, the API and the calendar give their
    origin; digests and alerts gave only « Sur Vigie » / « Lire sur Vigie », as if the item
    were Vigie's text."""
    subscriber("quotidien@exemple.fr", alerts=False)
    subscriber("alertes@exemple.fr", frequency="none", alerts=True)
    _send(vigie)
    plain, html = _digest(smtp, "quotidien@exemple.fr")
    assert block(plain, BOAMP)[-2:] == [
        f"  Lire sur le site de la source (BOAMP) : {BOAMP_ORIGIN}",
        f"  Fiche Vigie (résumé, pourquoi cet élément) : {item_url(BOAMP)}"]
    assert f"  Sur Vigie : {item_url(BOAMP)}" not in plain
    assert f"Lire sur le site de la source (Fonds de démonstration pour la transition) : " \
           f"{AID_ORIGIN}" in plain
    assert "https://demo.vigie.invalid/actualites/guide-ccas-canicule" in plain  # news item
    notice = html_block(html, BOAMP)
    # The title leads to the origin, and the origin comes before Vigie's page.
    assert re.search(rf'<h3[^>]*><a href="{re.escape(BOAMP_ORIGIN)}"', notice), notice
    assert (f'<a href="{BOAMP_ORIGIN}" style="color:#000091">Lire sur le site de la source '
            f"(BOAMP)</a> · <a href=\"{item_url(BOAMP)}\"") in notice
    assert "Lire sur Vigie" not in notice
    assert f'href="{AID_ORIGIN}"' in html
    alert = next(m.message for m in smtp.to("alertes@exemple.fr")
                 if "Jean-Moulin" in m.message["Subject"])
    plain, html = parts(alert)
    assert f"  Lire sur le site de la source (BOAMP) : {BOAMP_ORIGIN}" in plain
    assert f'href="{BOAMP_ORIGIN}"' in html


def test_only_https_origins_and_sources_are_links(demo_editions, smtp, vigie):
    """An origin that is no plain ``https://`` address is named, never written out or
    linked; a link the newsroom gave is in both parts."""
    day = date(2026, 10, 16)
    odd = Item(uid="FLUX0000000000000000000000000001", rubric="actualite", theme="rh",
               title="Une actualité", short_title="Une actualité", reference="Source douteuse",
               date_publi=day, links=(Link("origin", "Source douteuse", "javascript:alert(1)"),))
    plain_http = Item(uid="AIDE0000000000000000000000000001", rubric="financements", theme="rh",
                      title="Une aide", short_title="Une aide", reference="Financeur",
                      date_publi=day, links=(Link("origin", "Financeur", "http://exemple.fr/a"),))
    article = Item(uid="REDAC000000000000000000000000001", rubric="actualite", theme="rh",
                   title="Un article", short_title="Un article", reference="Rédaction",
                   editorial=True, date_publi=day,
                   links=(Link("source", "Le guide", "https://exemple.fr/guide"),))
    store_edition(day, "23", [odd, plain_http, article], title="Creuse", items_count=3)
    subscriber("creuse@exemple.fr", "23", alerts=False)
    _send(vigie, "2026-10-16")
    plain, html = _digest(smtp, "creuse@exemple.fr")
    assert "javascript:" not in plain + html and "http://exemple.fr/a" not in plain + html
    assert block(plain, odd.uid)[-2:] == [
        "  Source : Source douteuse",
        f"  Fiche Vigie (résumé, pourquoi cet élément) : {item_url(odd.uid)}"]
    assert re.search(rf'<h3[^>]*><a href="{re.escape(item_url(odd.uid))}"', html)
    assert "  Le guide : https://exemple.fr/guide" in plain
    assert '<a href="https://exemple.fr/guide" style="color:#000091">Le guide</a>' in html


def test_a_text_known_from_the_sommaire_only_says_so(demo_editions, smtp, vigie):
    subscriber("cher@exemple.fr", alerts=False)
    _send(vigie)
    plain, html = _digest(smtp, "cher@exemple.fr")
    assert block(plain, SOUS_PREFETE)[-3:] == [
        "  Journal officiel n°0241 du 14 octobre 2026 — connu par le sommaire seulement",
        f"  Fiche sur Vigie : {item_url(SOUS_PREFETE)}",
        f"  Texte officiel (Légifrance) : https://www.legifrance.gouv.fr/jorf/id/{SOUS_PREFETE}"]
    sommaire = html_block(html, SOUS_PREFETE)
    assert ("Journal officiel n°0241 du 14 octobre 2026 — <em>connu par le sommaire "
            "seulement</em>") in sommaire
    assert f'<a href="{item_url(SOUS_PREFETE)}" style="color:#000091">Fiche sur Vigie</a>' \
        in sommaire and "Lire sur Vigie" not in sommaire
    complete = block(plain, ELUS_FRAIS)
    assert f"  Sur Vigie : {item_url(ELUS_FRAIS)}" in complete
    assert not any("sommaire" in line for line in complete)


def test_the_official_text_is_named_as_the_page_names_it(demo_editions, smtp, vigie):
    subscriber("cher@exemple.fr", alerts=False)
    _send(vigie)
    _, html = _digest(smtp, "cher@exemple.fr")
    assert "Texte officiel (Légifrance)</a>" in html and "Texte officiel sur" not in html


def test_a_short_title_equal_to_the_title_is_printed_once(demo_editions, smtp, vigie):
    """The HTML part skipped the repeat; the plain-text part printed the title twice."""
    subscriber("cher@exemple.fr", alerts=False)
    _send(vigie)
    plain, _ = _digest(smtp, "cher@exemple.fr")
    qpc = block(plain, QPC)
    assert qpc[0] == "Décision n° 2026-1121 QPC du 9 octobre 2026"
    assert sum(qpc[0] in line for line in qpc) == 1, qpc
    elus = block(plain, ELUS_FRAIS)  # a short title of its own: both are there
    assert elus[0].endswith("Remboursement des frais de garde et d'assistance engagés par les "
                            "élus locaux") and elus[1].startswith("  Décret n° 2026-1014 ")


def test_a_digest_tells_no_revision_its_reader_never_saw(with_feeds, smtp, vigie):
    """The feeds revised the day's edition (révision 2) before any digest left: a reader's
    first digest of it opened with « (Édition mise à jour, révision 2) ». A reader gets an
    edition by e-mail once, as it stands then; the page keeps the notice."""
    edition = Edition.objects.get(date=with_feeds, departement="18")
    assert edition.revision > 1
    subscriber("cher@exemple.fr", alerts=False)
    _send(vigie)
    plain, html = _digest(smtp, "cher@exemple.fr")
    assert "Édition mise à jour" not in plain + html and "révision" not in plain + html
    assert "L'actualité du mercredi 14 octobre 2026 — Cher (18)\n" \
        f"{'=' * 51}\n\nJOURNAL OFFICIEL" in plain.replace("\r\n", "\n")


def test_dates_read_the_same_in_both_parts(with_feeds, smtp, vigie):
    """« 15/10/2026 » in the plain-text part, « 15 octobre 2026 » in the HTML part."""
    subscriber("cher@exemple.fr", alerts=False)
    _send(vigie)
    plain, html = _digest(smtp, "cher@exemple.fr")
    assert "  Entrée en vigueur : 15 octobre 2026" in block(plain, ELUS_FRAIS)
    assert "<strong>Entrée en vigueur :</strong> 15 octobre 2026" in html
    assert "  Date limite de réponse : 23 octobre 2026" in block(plain, BOAMP)
    assert not re.search(r"\b\d\d/\d\d/\d{4}\b", plain)
