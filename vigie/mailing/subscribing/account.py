"""Pages reached from a message: manage preferences, export or delete one's data, leave.

All of them are opened by a signed link (``links``), no password; a damaged, forged, expired
or revoked link says so (« Lien invalide ou expiré »), never that something was done. The
unsubscribe address also answers the one-click POST of RFC 8058 that mail clients make
without cookies or CSRF token (hence ``csrf_exempt``: the signed token is the proof); a GET
only shows a button, so that link checkers that open every link of a message do not
unsubscribe anyone. That POST is recorded even while a batch holds the database: it then
waits in a queue (``leaving``) applied at the next opportunity.
"""

from __future__ import annotations

import json

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from vigie.mailing.models import Subscriber
from vigie.mailing.subscribing import leaving, links
from vigie.mailing.subscribing.forms import HELP, PreferencesForm
from vigie.mailing.subscribing.profiles import profile_of, why_lines
from vigie.mailing.subscribing.views import commune_options, invalid_link, message_page
from vigie.reference.places import departement_label, subscribed_for
from vigie.web.hardening import is_busy

RESUBSCRIBED = "Lien de gestion reçu à l'adresse (réabonnement)"


@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = links.open_link(token, links.MANAGE)
    if subscriber is None or subscriber.status == Subscriber.PENDING:
        return invalid_link(request)
    action = request.POST.get("action", "")
    if action == "revoke":  # every link sent so far stops working; this page moves
        links.revoke(subscriber)
        return redirect(links.manage_path(links.holder_of(subscriber)) + "?revoques=1")
    if action == "resubscribe":
        Subscriber.objects.filter(pk=subscriber.pk).update(
            status=Subscriber.ACTIVE, unsubscribed_at=None, confirmed_at=timezone.now(),
            consent_means=RESUBSCRIBED, bounces=0, suspended_at=None)
        return redirect(request.path + "?reabonne=1")
    if action == "save":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            Subscriber.objects.filter(pk=subscriber.pk).update(**form.preferences(),
                                                               updated_at=timezone.now())
            return redirect(request.path + "?enregistre=1")
        form.mark_errors()
    else:
        form = PreferencesForm(initial=PreferencesForm.initial_for(subscriber))
    code = form["departement"].value() or subscriber.departement
    return render(request, "mailing/manage.html", {
        "form": form, "subscriber": subscriber, "token": token,
        "communes": commune_options(code), "why": why_lines(profile_of(subscriber)),
        "help": HELP, "unsubscribe_path": links.unsubscribe_path(links.holder_of(subscriber)),
        "place": departement_label(subscriber.departement),
        "saved": "enregistre" in request.GET, "welcome": "bienvenue" in request.GET,
        "resubscribed": "reabonne" in request.GET, "revoked": "revoques" in request.GET,
    }, status=400 if form.errors else 200)


def export_data(subscriber: Subscriber) -> dict:
    """Everything Vigie keeps about an address (RGPD, right of access and portability)."""
    def when(value) -> str | None:
        return value.isoformat() if value else None

    deliveries = subscriber.deliveries.order_by("created_at").values(
        "kind", "key", "status", "created_at", "sent_at", "attempts", "last_error")
    return {
        "adresse": subscriber.email, "statut": subscriber.status,
        "departement": subscriber.departement,
        "commune": {"code": subscriber.commune, "nom": subscriber.commune_name},
        "type_de_collectivite": subscriber.authority, "metiers": subscriber.roles,
        "themes": subscriber.themes, "frequence": subscriber.frequency,
        "alertes": subscriber.alerts,
        "consentement": {"date": when(subscriber.confirmed_at),
                         "moyen": subscriber.consent_means},
        "demande_le": when(subscriber.created_at), "modifie_le": when(subscriber.updated_at),
        "desabonne_le": when(subscriber.unsubscribed_at),
        "refus_definitifs": subscriber.bounces, "suspendu_le": when(subscriber.suspended_at),
        "envois": [{**d, "created_at": when(d["created_at"]), "sent_at": when(d["sent_at"])}
                   for d in deliveries],
    }


def export(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = links.open_link(token, links.MANAGE)
    if subscriber is None:
        return invalid_link(request)
    body = json.dumps(export_data(subscriber), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="vigie-mes-donnees.json"'
    response["Cache-Control"] = "no-store"
    return response


def deleted_page(request: HttpRequest) -> HttpResponse:
    return message_page(request, "Vos données ont été supprimées", [
        "Votre adresse, vos préférences et l'historique des envois ont été effacés. Vous ne "
        "recevrez plus aucun message de Vigie.",
        "Vous pouvez vous abonner de nouveau à tout moment."],
        link=("S'abonner", "mailing:subscribe"))


@require_POST
def delete(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = links.open_link(token, links.MANAGE)
    if subscriber is None:
        return invalid_link(request)
    subscriber.delete()
    return deleted_page(request)


def queued_page(request: HttpRequest) -> HttpResponse:
    """The database is busy: the unsubscribe waits in the queue (202: accepted, applied soon)."""
    return message_page(request, "Votre désabonnement est enregistré", [
        "Vigie met à jour ses textes en ce moment : votre demande est enregistrée et sera "
        "appliquée dans quelques instants, avant tout nouvel envoi.",
        "Vous ne recevrez plus de message de Vigie."], status=202)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = links.open_link(token, links.UNSUBSCRIBE)
    except OperationalError as error:  # even reading is refused: keep the request for later
        if request.method != "POST" or not is_busy(error):
            raise
        leaving.push(token)
        return queued_page(request)
    if subscriber is None:  # damaged, forged, expired, or the address was deleted
        return invalid_link(request)
    if request.method == "GET":
        return render(request, "mailing/unsubscribe.html", {
            "subscriber": subscriber, "subscribed_for": subscribed_for(subscriber.departement)})
    if request.POST.get("action") == "delete":
        subscriber.delete()  # a form: a busy database answers 503, nothing done
        return deleted_page(request)
    try:
        leaving.leave(subscriber, timezone.now())
    except OperationalError as error:
        if not is_busy(error):
            raise
        leaving.push(token)
        return queued_page(request)
    if subscriber.status == Subscriber.PENDING:  # a request never confirmed is erased
        return deleted_page(request)
    return render(request, "mailing/unsubscribed.html", {"token": token})
