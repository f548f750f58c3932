"""The review queue of an edition day, and what an editor does there: retain or set aside a
text, correct its scope, départements, theme, short title and essentials, go back to the
machine's decision, mark an edition « relue ».

Each change is kept by ``vigie.newsroom.corrections`` and the editions of the text's day are
rebuilt at once (with its search entry), so that pages, feeds, API and the digests not yet
sent carry it. A correction refused (a wrong département, another editor's change since the
queue was opened) shows the queue again with the reason and what the editor typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render

from vigie.analysis.records import Decision
from vigie.documents.models import Document
from vigie.editions.builder import build_day
from vigie.editions.calendar import covered_days, edition_day
from vigie.editions.models import Edition
from vigie.newsroom import corrections, reviews
from vigie.newsroom.queue import Entry, day_queue
from vigie.redaction.access import editor_required, post_only
from vigie.reference.places import departement_label, parse_place, places
from vigie.reference.taxonomy import THEMES, theme_label
from vigie.web.addresses import redaction_path
from vigie.web.search.index import refresh_uids
from vigie.web.views.texts import named_document


def parse_day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Http404(f"Date invalide « {value} » (AAAA-MM-JJ).") from None


def latest_day() -> date:
    found = Edition.objects.order_by("-date").values_list("date", flat=True).first()
    return found or edition_day(date.today())


@dataclass(frozen=True)
class Refused:
    """A correction refused: the text, why, what the editor sent, the version to send next."""

    uid: str
    reason: str
    sent: dict[str, str]
    version: str


@editor_required
def queue(request: HttpRequest, day: str = "") -> HttpResponse:
    when = parse_day(day) if day else latest_day()
    return render(request, "redaction/file.html", queue_context(when))


def queue_context(when: date, refused: Refused | None = None) -> dict:
    entries = day_queue(covered_days(when))
    versions = corrections.versions([e.doc.uid for e in entries])
    cards = [typed(card(e, versions[e.doc.uid]), refused) for e in entries]
    return {
        "day": when, "entries": cards, "themes": THEMES.items(),
        "places": [(code, departement_label(code)) for code in places()],
        "retained": sum(e.chosen.retained for e in entries),
        "corrected": sum(e.corrected for e in entries),
        "reviews": reviews.of_day(when), "editions": editions_of(when), "refused": refused,
        "refused_shown": any(c.get("reason") for c in cards),
    }


def verdict(decision: Decision) -> str:
    if not decision.retained:
        return "Écarté"
    if decision.scope == "local":
        return "Retenu, éditions locales"
    return "Retenu, toutes les éditions"


def card(entry: Entry, version: str = "0") -> dict:
    """What the queue shows of a text (labels in French, ready for the template)."""
    d = entry.chosen
    return {
        "version": version, "scope": d.scope, "theme": d.theme,
        "uid": entry.doc.uid, "title": entry.doc.title, "doc": entry.doc, "decision": d,
        "short_title": d.short_title or entry.doc.title, "verdict": verdict(d),
        "machine_verdict": verdict(entry.machine), "corrected": entry.corrected,
        "score": f"{entry.machine.score:.2f}".replace(".", ","),
        "threshold": f"{entry.threshold:.2f}".replace(".", ","),
        "themes": [theme_label(t) for t in (d.theme, *d.themes) if t],
        "places": [departement_label(c) for c in d.departements],
        "territories": sorted({t.name for t in d.territories})[:12],
        "departements": " ".join(d.departements), "essentials": "\n".join(d.essentials),
    }


def typed(shown: dict, refused: Refused | None) -> dict:
    """The card of a refused correction: its form holds what the editor sent, open."""
    if refused is None or refused.uid != shown["uid"]:
        return shown
    sent = {key: refused.sent[key] for key in (
        "scope", "theme", "departements", "short_title", "essentials") if key in refused.sent}
    return {**shown, **sent, "version": refused.version, "reason": refused.reason,
            "open": bool(sent)}


def editions_of(day: date) -> list[tuple[str, str]]:
    return [(code, departement_label(code) if code else "Édition nationale")
            for code in Edition.objects.filter(date=day).order_by("departement")
            .values_list("departement", flat=True)]


def changes_from(form: dict[str, str]) -> dict:
    """What an editor's form changes (only the fields the form sent)."""
    decision = form.get("decision", "")
    changes: dict = {}
    if decision in ("retenir", "ecarter"):
        changes["retained"] = decision == "retenir"
    if "scope" in form:
        changes["scope"] = form["scope"]
        codes = [c for c in re.split(r"[\s,;]+", form.get("departements", "")) if c]
        try:
            changes["departements"] = sorted({parse_place(c) for c in codes})
        except ValueError as error:
            raise corrections.CorrectionError(str(error)) from None
    for key in ("theme", "short_title"):
        if key in form:
            changes[key] = form[key].strip()
    if "essentials" in form:
        changes["essentials"] = [line.strip() for line in form["essentials"].splitlines()
                                 if line.strip()]
    return changes


def publish(doc: Document) -> None:
    """Rebuild the editions of the text's day and its search entry."""
    if doc.date_publi:
        build_day(edition_day(doc.date_publi), newsroom=True)
    refresh_uids([doc.uid])


def queue_path(day: date, *, uid: str = "") -> str:
    path = redaction_path("queue-day", day.isoformat())
    return f"{path}#t-{uid}" if uid else path


def day_of(doc: Document) -> date:
    return edition_day(doc.date_publi) if doc.date_publi else latest_day()


def back(doc: Document) -> HttpResponseRedirect:
    return HttpResponseRedirect(queue_path(day_of(doc), uid=doc.uid))


@post_only
@editor_required
def correct(request: HttpRequest, uid: str) -> HttpResponse:
    doc = named_document(uid)
    if doc is None:
        raise Http404("Texte inconnu.")
    sent = request.POST.dict()
    version = sent.get("version", "")
    try:
        corrections.correct(doc, changes_from(sent), request.user, version=version)
    except corrections.CorrectionConflict as conflict:
        return refuse(request, doc, Refused(uid, str(conflict), sent, conflict.version), 409)
    except corrections.CorrectionError as error:
        return refuse(request, doc, Refused(uid, str(error), sent, version), 400)
    publish(doc)
    return back(doc)


def refuse(request: HttpRequest, doc: Document, refused: Refused, status: int) -> HttpResponse:
    return render(request, "redaction/file.html", queue_context(day_of(doc), refused),
                  status=status)


@post_only
@editor_required
def restore(request: HttpRequest, uid: str) -> HttpResponse:
    doc = named_document(uid)
    if doc is None:
        raise Http404("Texte inconnu.")
    corrections.restore(doc, request.user)
    publish(doc)
    return back(doc)


@post_only
@editor_required
def review(request: HttpRequest, day: str) -> HttpResponse:
    when = parse_day(day)
    try:
        code = parse_place(request.POST.get("place", ""), national=True)
    except ValueError:
        raise Http404("Édition inconnue.") from None
    get_object_or_404(Edition, date=when, departement=code)
    reviews.mark(when, code, request.user)
    return HttpResponseRedirect(queue_path(when))

