"""Pages to subscribe: the form, « vérifiez votre messagerie », confirmation, a new link.

Whatever the address — unknown, waiting for confirmation, subscribed — the answer to the
form is the same page, after the same work: the request is recorded (``outbox``) and what
the address is owed — a confirmation link, or, for an address already subscribed, a link to
manage it (its preferences are not changed by a form anyone could post) — is decided and
sent once the answer has gone. Each client may post a limited number of times per window,
each mailbox receives a limited number of such messages per window (``throttle``).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_safe

from vigie.mailing.models import PendingRequest, Subscriber
from vigie.mailing.subscribing import links, outbox, throttle
from vigie.mailing.subscribing.communes import commune_label, communes_of
from vigie.mailing.subscribing.forms import HELP, AccessForm, SubscribeForm
from vigie.reference.places import PlaceError, parse_place

CONSENT_MEANS = ("Formulaire d'abonnement du site Vigie, confirmé par le lien envoyé à "
                 "l'adresse (double consentement)")


def message_page(request: HttpRequest, title: str, lines: list[str], status: int = 200,
                 **extra) -> HttpResponse:
    return render(request, "mailing/message.html",
                  {"title": title, "lines": lines, **extra}, status=status)


def too_many(request: HttpRequest) -> HttpResponse:
    return message_page(request, "Trop de demandes", [
        "Trop de demandes ont été faites depuis votre connexion.",
        "Réessayez dans une heure. Si vous partagez votre connexion (mairie, intercommunalité), "
        "une autre personne a peut-être fait ces demandes."], status=429)


@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if form.is_valid():  # only sign-ups that send a message count against the limit
            if not throttle.allow_client(request):
                return too_many(request)
            outbox.record(PendingRequest.SUBSCRIBE, form.cleaned_data["email"],
                          form.preferences())
            return redirect("mailing:check")
        form.mark_errors()
    else:
        form = SubscribeForm()
    code = form["departement"].value() or ""
    return render(request, "mailing/subscribe.html", {
        "form": form, "communes": commune_options(code), "help": HELP,
    }, status=400 if form.errors else 200)


def commune_options(code: str) -> list[str]:
    """« Bourges (18033) »… for the completion list of the commune field."""
    try:
        place = parse_place(code)
    except PlaceError:
        return []
    return [commune_label(c, n) for c, n in communes_of(place)]


def check(request: HttpRequest) -> HttpResponse:
    return message_page(request, "Vérifiez votre messagerie", [
        "Si l'adresse indiquée peut recevoir des messages, un courriel vient de lui être "
        "envoyé : suivez le lien qu'il contient pour confirmer votre abonnement, ou pour "
        "gérer l'abonnement existant.",
        "Vous ne recevrez aucun résumé avant d'avoir confirmé. Pensez à regarder dans les "
        "courriers indésirables ; le message vient de l'expéditeur « Vigie »."])


def invalid_link(request: HttpRequest) -> HttpResponse:
    return message_page(request, "Lien invalide ou expiré", [
        "Ce lien n'est pas valable : il a peut-être expiré, été déjà utilisé pour une "
        "adresse supprimée depuis, ou été mal copié.",
        "Vous pouvez recevoir un nouveau lien par courriel."],
        status=400, link=("Recevoir un nouveau lien", "mailing:access"))


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = links.open_link(token, links.CONFIRM)
    if subscriber is None:
        return invalid_link(request)
    if subscriber.status == Subscriber.PENDING and request.method == "POST":
        now = timezone.now()
        Subscriber.objects.filter(pk=subscriber.pk, status=Subscriber.PENDING).update(
            status=Subscriber.ACTIVE, confirmed_at=now, consent_means=CONSENT_MEANS,
            unsubscribed_at=None, bounces=0, suspended_at=None, updated_at=now)
        return redirect(links.manage_path(links.holder_of(subscriber)) + "?bienvenue=1")
    if subscriber.status != Subscriber.PENDING:  # already confirmed: the link still opens
        return redirect(links.manage_path(links.holder_of(subscriber)))
    return render(request, "mailing/confirm.html", {"subscriber": subscriber})


@require_http_methods(["GET", "POST"])
def access(request: HttpRequest) -> HttpResponse:
    """Ask for a link to manage one's subscription (the same answer for every address)."""
    if request.method == "POST":
        if not throttle.allow_client(request):
            return too_many(request)
        form = AccessForm(request.POST)
        if form.is_valid():  # the same work for a known and an unknown address
            outbox.record(PendingRequest.ACCESS, form.cleaned_data["email"].strip().lower())
            return redirect("mailing:check")
        form.mark_errors()
    else:
        form = AccessForm()
    return render(request, "mailing/access.html", {"form": form},
                  status=400 if form.errors else 200)


@cache_control(public=True, max_age=86400)
def communes(request: HttpRequest, departement: str) -> JsonResponse:
    """The communes of a département, for completion: ``[{"code", "name", "label"}]``."""
    try:
        code = parse_place(departement)
    except PlaceError:
        raise Http404("Département inconnu.") from None
    return JsonResponse([{"code": c, "name": n, "label": commune_label(c, n)}
                         for c, n in communes_of(code)], safe=False)


@require_safe
@cache_control(public=True, max_age=86400)
def communes_script(request: HttpRequest) -> HttpResponse:
    """The script that completes the commune field (a file: no inline script, see the CSP)."""
    return HttpResponse(loader.render_to_string("mailing/communes.js"),
                        content_type="text/javascript; charset=utf-8")
