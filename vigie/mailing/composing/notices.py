"""The two messages sent on request from the web: confirm a subscription, manage it.

Both may reach someone who did not ask: they say so, and their unsubscribe address cancels
a pending request (and erases it). Composed whole for each message: they are few.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from vigie.mailing.composing.mime import Segment
from vigie.mailing.subscribing import links
from vigie.mailing.subscribing.profiles import Preferences
from vigie.reference.places import subscribed_for


def _days(value: float) -> str:
    days = int(value) if float(value).is_integer() else value
    return f"{days} jour{'s' if value > 1 else ''}"


def notice(kind: str, profile: Preferences, holder: links.Holder, *, confirm_days: float,
           manage_days: float) -> tuple[str, list[Segment], list[Segment], str]:
    """(subject, plain, HTML, unsubscribe address) of a confirmation or of a management link."""
    if kind == "confirm":
        subject, heading, button = ("Confirmez votre abonnement à Vigie",
                                    "Confirmez votre abonnement", "Confirmer mon abonnement")
        url = links.confirm_url(holder)
        before = ["Bonjour,",
                  "Un abonnement à Vigie, la veille officielle des collectivités, a été demandé "
                  f"avec cette adresse {subscribed_for(profile.departement)}.",
                  "Vous ne recevrez rien tant que vous ne l'aurez pas confirmé. Pour le "
                  f"confirmer, suivez ce lien (valable {_days(confirm_days)}) :"]
        after = ["Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : vous ne "
                 "recevrez rien et votre adresse sera effacée à l'expiration du lien."]
    else:
        subject, heading, button = ("Votre lien pour gérer votre abonnement à Vigie",
                                    "Gérer votre abonnement", "Gérer mon abonnement")
        url = links.manage_url(holder)
        before = ["Bonjour,",
                  "Un lien pour gérer votre abonnement à Vigie a été demandé avec cette adresse. "
                  "Il permet de changer vos préférences, d'exporter ou de supprimer vos données "
                  "et de vous désabonner.",
                  f"Ce lien est personnel et valable {_days(manage_days)} ; ne le transférez pas :"]
        after = ["Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : rien ne "
                 "change."]
    text = "\n".join([heading, "", *before, url, "", *after, ""])
    page = render_to_string("mailing/email/notice.html", {
        "subject": subject, "heading": heading, "before": before, "after": after,
        "url": url, "button": button})
    return subject, [Segment(text)], [Segment(page)], links.unsubscribe_url(holder)
