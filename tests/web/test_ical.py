"""iCalendar calendars of key dates: RFC 5545 as written, and as a calendar program reads it."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

import icalendar
import pytest
from django.conf import settings
from django.utils import timezone

from tests.editions.stored import content, store_edition
from vigie.analysis.dates import KeyDate
from vigie.editions.models import Edition
from vigie.editions.recent import Entry
from vigie.web.ical import escape_text, fold, render_calendar

pytestmark = pytest.mark.django_db
ELUS = "JORFTEXT000099000006"
LATER = ("JORFTEXT000099000002", "JORFTEXT000099000003", "JORFTEXT000099000007",
         "JORFTEXT000099000009")  # all enter into force on 1 January 2027


def physical_lines(content: bytes) -> list[bytes]:
    """The lines as sent, checking the framing RFC 5545 asks for on the way."""
    assert content.endswith(b"\r\n")
    lines = content[:-2].split(b"\r\n")
    for line in lines:
        assert b"\n" not in line and b"\r" not in line, line
        assert len(line) <= 75, (len(line), line)
        line.decode("utf-8")  # a fold never cuts a character in two
    return lines


def unfolded(content: bytes) -> list[str]:
    return re.sub(r"\r\n[ \t]", "", content.decode("utf-8")).split("\r\n")[:-1]


def events(content: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(content).walk("VEVENT"))


def edition_items(day, departement: str) -> list:
    return list(content(day, departement).items())


def test_departement_calendar_has_one_event_per_key_date(client, ingested_demo):
    response = client.get("/calendrier/departement/36.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    physical_lines(response.content)
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"] == "-//Vigie//Dates clés des textes officiels//FR"
    assert str(calendar["X-WR-CALNAME"]) == "Vigie — dates clés — Indre (36)"
    found = events(response.content)
    assert [str(e["UID"]) for e in found] == [
        f"{ELUS}-entree_en_vigueur-2026-10-15@vigie",
        *(f"{uid}-entree_en_vigueur-2027-01-01@vigie" for uid in LATER),
    ]
    elus = found[0]
    assert elus["DTSTART"].dt == date(2026, 10, 15)  # a date, not a date-time: all day
    assert elus["DTEND"].dt == date(2026, 10, 16)
    short_title = next(i.short_title for i in edition_items(ingested_demo, "36")
                       if i.uid == ELUS)
    assert str(elus["SUMMARY"]) == f"Entrée en vigueur : {short_title}"
    description = str(elus["DESCRIPTION"])
    assert description.splitlines() == [
        "le texte entre en vigueur le lendemain de sa publication.",
        "Journal officiel n°0241 du 14 octobre 2026 — NOR : TERB2628014D",
        f"Texte officiel : https://www.legifrance.gouv.fr/jorf/id/{ELUS}",
    ]
    assert str(elus["URL"]) == f"{settings.VIGIE_SITE_URL}/texte/{ELUS}/"
    assert elus["DTSTAMP"].dt.tzinfo is not None
    assert elus.categories == ["Institutions locales, élus et décentralisation"]


def test_escaping_as_written(client, ingested_demo):
    lines = unfolded(client.get("/calendrier/departement/36.ics").content)
    assert "CATEGORIES:Institutions locales\\, élus et décentralisation" in lines
    description = next(line for line in lines if line.startswith("DESCRIPTION:le texte"))
    assert "publication.\\nJournal officiel n°0241" in description
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"


def test_same_bytes_for_the_same_editions(client, ingested_demo):
    first = client.get("/calendrier/departement/36.ics")
    assert client.get("/calendrier/departement/36.ics").content == first.content
    assert client.get("/calendrier/departement/36.ics",
                      HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get("/calendrier/departement/36.ics",
                      HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304


def test_national_and_theme_calendars(client, ingested_demo):
    national = client.get("/calendrier/national.ics")
    assert national.status_code == 200
    physical_lines(national.content)
    assert len(events(national.content)) == 5
    theme = client.get("/calendrier/theme/urbanisme.ics")
    assert theme["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(theme.content)
    # icalendar leaves X- properties as written: TEXT by RFC 5545, so the comma is escaped.
    assert calendar["X-WR-CALNAME"].to_ical().decode() == (
        "Vigie — dates clés — Urbanisme\\, foncier et aménagement opérationnel")
    assert [str(e["UID"]) for e in events(theme.content)] == [
        "JORFTEXT000099000009-entree_en_vigueur-2027-01-01@vigie"]
    assert events(client.get("/calendrier/theme/risques.ics").content) == []


@pytest.mark.parametrize("url", ["/calendrier/departement/99.ics",
                                 "/calendrier/theme/inconnu.ics"])
def test_unknown_calendar_is_404(client, ingested_demo, url):
    assert client.get(url).status_code == 404


def test_deadlines_are_events_and_other_dates_are_not(client, ingested_demo):
    first = edition_items(ingested_demo, "36")[0]
    item = replace(first, uid="JORFTEXT000033333333", short_title="Déclaration", dates=(
        KeyDate(date(2026, 12, 31), "echeance", "Date limite",
                "Les demandes sont déposées avant le 31 décembre 2026 ; ensuite, "
                "elles sont rejetées."),
        KeyDate(date(2026, 11, 2), "date", "Date à retenir", "réunion du 2 novembre 2026"),
    ))
    store_edition(ingested_demo - timedelta(days=80), "36", [item], title="ancienne",
                  fingerprint="x", items_count=1)
    response = client.get("/calendrier/departement/36.ics")
    found = events(response.content)
    deadline = found[-1]
    assert str(deadline["UID"]) == "JORFTEXT000033333333-echeance-2026-12-31@vigie"
    assert str(deadline["SUMMARY"]) == "Date limite : Déclaration"
    assert str(deadline["DESCRIPTION"]).startswith(
        "Les demandes sont déposées avant le 31 décembre 2026 ; ensuite, elles sont rejetées.")
    assert "Les demandes sont déposées avant le 31 décembre 2026 \\; ensuite\\, elles" in (
        "".join(unfolded(response.content)))
    assert not any("-date-" in str(e["UID"]) for e in found)


def test_calendar_looks_back_90_days(client, ingested_demo):
    store_edition(ingested_demo - timedelta(days=90), "36",
                  edition_items(ingested_demo, "36"), title="trop ancienne", fingerprint="x")
    Edition.objects.filter(date=ingested_demo, departement="36").delete()
    assert events(client.get("/calendrier/departement/36.ics").content) == []


def test_fold_counts_octets_and_keeps_characters_whole():
    line = "SUMMARY:" + "é" * 100 + "x" * 7 + "€" * 40
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
    assert all(p.startswith(" ") for p in pieces[1:])
    assert "".join([pieces[0], *(p[1:] for p in pieces[1:])]) == line
    assert fold("A" * 75) == "A" * 75
    assert fold("A" * 76) == "A" * 75 + "\r\n A"


def test_escape_text():
    assert escape_text("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"


def test_every_value_from_data_is_escaped_and_no_line_is_broken(ingested_demo):
    """The UID was written as the item's uid was: harmless only while outside uids are hashes.
    An uid, a title, a date's words holding « ; , \\ » and line breaks stay in their
    property, and no control character reaches the calendar."""
    first = edition_items(ingested_demo, "36")[0]
    uid = "AIDE1;2,3\\4\r\nATTACH:mailto:x@exemple.fr\x00 y"
    item = replace(first, uid=uid, short_title="Aide\r\nLOCATION:ailleurs\x07", dates=(
        KeyDate(date(2026, 12, 31), "echeance", "Date limite", "avant le 31\ndécembre"),))
    text = render_calendar("Vigie", "Calendrier", [Entry(item, ingested_demo, timezone.now())])
    physical_lines(text.encode())
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text)
    (event,) = events(text.encode())
    assert str(event["UID"]) == ("AIDE1;2,3\\4\nATTACH:mailto:x@exemple.fr y"
                                 "-echeance-2026-12-31@vigie")
    assert str(event["SUMMARY"]) == "Date limite : Aide\nLOCATION:ailleurs"
    assert "ATTACH" not in event and "LOCATION" not in event
    assert str(event["URL"]) == (f"{settings.VIGIE_SITE_URL}/texte/AIDE1;2,3%5C4%0D%0A"
                                 "ATTACH:mailto:x@exemple.fr%00%20y/")
