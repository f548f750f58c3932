"""Pages reached from a message: manage preferences, export or delete one's data, leave.

All of them are opened by a signed link (``links``), no password. The unsubscribe address
also answers the one-click POST of RFC 8058 that mail clients make without cookies or CSRF
token (hence ``csrf_exempt``: the signed token is the proof); a GET only shows a button, so
that link checkers that open every link of a message do not unsubscribe anyone.
"""

from __future__ import annotations

import json

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from vigie.mailing.models import Delivery, Subscriber
from vigie.mailing.subscribing import links
from vigie.mailing.subscribing.forms import HELP, PreferencesForm
from vigie.mailing.subscribing.profiles import profile_of, why_lines
from vigie.mailing.subscribing.views import commune_options, invalid_link, message_page
from vigie.reference.places import departement_label

RESUBSCRIBED = "Lien de gestion reçu à l'adresse (réabonnement)"


def _subscriber(token: str, purpose: str) -> Subscriber | None:
    key = links.read_token(token, purpose)
    return Subscriber.objects.filter(key=key).first() if key else None


def _cancel_pending(subscriber: Subscriber) -> None:
    Delivery.objects.filter(subscriber=subscriber, status=Delivery.PENDING).update(
        status=Delivery.CANCELLED, last_error="désabonnement")


@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = _subscriber(token, links.MANAGE)
    if subscriber is None or subscriber.status == Subscriber.PENDING:
        return invalid_link(request)
    action = request.POST.get("action", "")
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
        "help": HELP, "unsubscribe_path": links.unsubscribe_path(subscriber.key),
        "place": departement_label(subscriber.departement),
        "saved": "enregistre" in request.GET, "welcome": "bienvenue" in request.GET,
        "resubscribed": "reabonne" in request.GET,
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
    subscriber = _subscriber(token, links.MANAGE)
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
    subscriber = _subscriber(token, links.MANAGE)
    if subscriber is None:
        return invalid_link(request)
    subscriber.delete()
    return deleted_page(request)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = _subscriber(token, links.UNSUBSCRIBE)
    if subscriber is None:  # already deleted: leaving is done
        return message_page(request, "Vous êtes désabonné·e", [
            "Cette adresse ne reçoit aucun message de Vigie."])
    if request.method == "GET":
        return render(request, "mailing/unsubscribe.html", {
            "subscriber": subscriber, "place": departement_label(subscriber.departement)})
    if request.POST.get("action") == "delete" or subscriber.status == Subscriber.PENDING:
        subscriber.delete()  # a request never confirmed is erased, not kept
        return deleted_page(request)
    with transaction.atomic():
        Subscriber.objects.filter(pk=subscriber.pk, status=Subscriber.ACTIVE).update(
            status=Subscriber.UNSUBSCRIBED, unsubscribed_at=timezone.now())
        _cancel_pending(subscriber)
    return render(request, "mailing/unsubscribed.html", {"token": token})
