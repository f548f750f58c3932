"""iCalendar (RFC 5545) calendars of key dates: entries into force, abrogations of censured
provisions, and deadlines.

One all-day event per key date of the items of the recent editions of a département (or the
national edition) or of a theme — the same selection, in the same order, as the feeds. Dates
may lie ahead: a text published last month that enters into force next January is there.

Written by hand (the format is small): CRLF line ends, lines folded at 75 octets without
splitting a UTF-8 character, TEXT values escaped. An event's UID is stable
(``<JORFTEXT>-<kind>-<date>@vigie``) and its DTSTAMP is when its edition last changed, so the
same data always gives the same bytes (and the same ETag).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, timedelta

from django.http import Http404, HttpRequest, HttpResponse

from vigie.analysis.dates import KEY_KINDS, KeyDate
from vigie.editions.recent import Entry, place_entries, theme_entries
from vigie.editions.reminders import reminder_days
from vigie.reference.places import NATIONAL, PlaceError, parse_place, place_label
from vigie.reference.taxonomy import THEMES, theme_label
from vigie.web import addresses
from vigie.web.conditional import conditional, departement_scope, national_scope, theme_scope
from vigie.web.views.common import canonical_place

CALENDAR_DAYS = 90  # editions looked at, back from the latest one
# KEY_KINDS: entries into force, abrogations, deadlines; « date à retenir » is not a key date
ALARM_RUBRICS = ("marches", "financements")  # deadlines to apply by: a reminder before
PRODID = "-//Vigie//Dates clés des textes officiels//FR"
CONTENT_TYPE = "text/calendar; charset=utf-8"
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_UNSAFE_IN_URI = re.compile(r"[\x00-\x20\x7f]")


def escape_text(value: str) -> str:
    """RFC 5545 §3.3.11: backslash, semicolon, comma and line breaks are escaped; the other
    control characters, which a TEXT may not hold (§3.1, tab aside), are dropped."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")
    return _CONTROL.sub("", value)


def uri_value(value: str) -> str:
    """A URI property's value (§3.3.13, not escaped as TEXT): its spaces and control
    characters percent-encoded, so that no data ever breaks a line or a property."""
    return _UNSAFE_IN_URI.sub(lambda found: f"%{ord(found.group()):02X}", value)


def fold(line: str) -> str:
    """RFC 5545 §3.1: lines of at most 75 octets; continuation lines start with a space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    pieces, start, budget = [], 0, 75
    while start < len(encoded):
        end = min(start + budget, len(encoded))
        while end < len(encoded) and (encoded[end] & 0xC0) == 0x80:  # inside a character
            end -= 1
        pieces.append(encoded[start:end].decode("utf-8"))
        start, budget = end, 74  # the leading space counts
    return "\r\n ".join(pieces)


def stamp(entry: Entry) -> str:
    return entry.updated_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def event_lines(entry: Entry, key_date: KeyDate) -> list[str]:
    item, day = entry.item, key_date.date
    # Each link's address is checked when read (``href``): read once, for 4 000 events.
    origin, official = item.origin, item.official
    official_href = official.href if official else ""
    origin_href = origin.href if origin else ""
    description = "\n".join(part for part in (
        key_date.evidence, item.reference,
        f"Texte officiel : {official_href}" if official_href else "",
        f"Source ({origin.label}) : {origin_href}" if origin and origin_href else "",
    ) if part)
    return [
        "BEGIN:VEVENT",
        # UID is TEXT (§3.8.4.7): an outside item's uid is a hash, but nothing says so here.
        f"UID:{escape_text(f'{item.uid}-{key_date.kind}-{day.isoformat()}@vigie')}",
        f"DTSTAMP:{stamp(entry)}",
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{escape_text(key_date.label + ' : ' + item.short_title)}",
        f"DESCRIPTION:{escape_text(description)}",
        f"URL:{uri_value(addresses.absolute(addresses.text_path(item.uid)))}",
        f"CATEGORIES:{escape_text(item.theme_label)}",
        "TRANSP:TRANSPARENT",
        *closing_alarm(item.rubric, key_date),
        "END:VEVENT",
    ]


def closing_alarm(rubric: str, key_date: KeyDate) -> list[str]:
    """For the deadline of a call for tenders or of an aid, a reminder some days before it
    closes (``VALARM``; as many days as the editions' reminder, ``VIGIE_AID_REMINDER_DAYS``,
    a week by default): applying takes time."""
    days = reminder_days() or 7
    if rubric not in ALARM_RUBRICS or key_date.kind != "echeance":
        return []
    return ["BEGIN:VALARM", "ACTION:DISPLAY", f"TRIGGER:-P{days}D",
            f"DESCRIPTION:{escape_text(f'Clôture dans {days} jours : ' + key_date.label)}",
            "END:VALARM"]


def calendar_events(entries: Iterable[Entry]) -> list[tuple[Entry, KeyDate]]:
    """(entry, key date) pairs in the entries' order, each event once."""
    seen: set[tuple[str, str, str]] = set()
    events = []
    for entry in entries:
        for key_date in entry.item.dates:
            key = (entry.item.uid, key_date.kind, key_date.date.isoformat())
            if key_date.kind in KEY_KINDS and key not in seen:
                seen.add(key)
                events.append((entry, key_date))
    return events


def render_calendar(name: str, description: str, entries: Iterable[Entry]) -> str:
    """A whole VCALENDAR, CRLF-terminated."""
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text(name)}", f"NAME:{escape_text(name)}",
        f"X-WR-CALDESC:{escape_text(description)}", f"DESCRIPTION:{escape_text(description)}",
        "X-WR-TIMEZONE:Europe/Paris", "REFRESH-INTERVAL;VALUE=DURATION:PT6H",
        "X-PUBLISHED-TTL:PT6H",
    ]
    for entry, key_date in calendar_events(entries):
        lines += event_lines(entry, key_date)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def _response(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text.encode("utf-8"), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _scope_calendar(departement: str) -> HttpResponse:
    where = place_label(departement)
    text = render_calendar(
        f"Vigie — dates clés — {where}",
        f"Entrées en vigueur et échéances des textes officiels pour les collectivités — {where}.",
        place_entries(departement, days=CALENDAR_DAYS, limit=None, dated_only=True),
    )
    return _response(text, f"vigie-{departement or 'national'}.ics")


def departement_view(request: HttpRequest, code: str) -> HttpResponse:
    try:
        return _scope_calendar(parse_place(code))
    except PlaceError as error:
        raise Http404(str(error)) from None


def national_view(request: HttpRequest) -> HttpResponse:
    return _scope_calendar(NATIONAL)


def theme_view(request: HttpRequest, slug: str) -> HttpResponse:
    if slug not in THEMES:
        raise Http404(f"Thème inconnu : « {slug} ».")
    label = theme_label(slug)
    text = render_calendar(
        f"Vigie — dates clés — {label}",
        f"Entrées en vigueur et échéances des textes officiels du thème « {label} ».",
        theme_entries(slug, days=CALENDAR_DAYS, limit=None),
    )
    return _response(text, f"vigie-{slug}.ics")


departement_calendar = canonical_place("code", national=False)(
    conditional(departement_view, departement_scope, CALENDAR_DAYS))
national_calendar = conditional(national_view, national_scope, CALENDAR_DAYS)
theme_calendar = conditional(theme_view, theme_scope, CALENDAR_DAYS)
