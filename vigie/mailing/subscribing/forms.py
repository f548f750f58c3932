"""The forms of the subscription pages: preferences, sign-up, request of a link.

Widgets carry what assistive technologies need (``aria-describedby`` to the help text, and
to the error once there is one, ``aria-invalid``); the templates lay them out.
"""

from __future__ import annotations

from typing import Any

from django import forms

from vigie.mailing.models import Subscriber
from vigie.mailing.subscribing.communes import CommuneError, resolve
from vigie.mailing.subscribing.profiles import AUTHORITIES, role_choices, theme_choices
from vigie.web.fields import PlaceField, place_choices

HELP = {
    "email": "Format attendu : nom@domaine.fr",
    "commune": "Facultatif. Les textes qui nomment votre commune vous seront toujours "
               "envoyés. Tapez son nom puis choisissez-la dans la liste, ou son code INSEE.",
    "roles": "Facultatif. Sans choix, vous recevez tous les textes de votre département.",
    "themes": "Facultatif. Un texte vous est envoyé s'il concerne l'un de vos métiers ou l'un "
              "de vos thèmes ; les textes urgents vous sont toujours envoyés.",
    "alerts": "Un texte urgent que porte déjà votre résumé du jour, parti au même moment, ne "
              "vous est pas envoyé une seconde fois.",
}


class PreferencesForm(forms.Form):
    departement = PlaceField(label="Département", choices=())
    commune = forms.CharField(label="Commune", required=False, max_length=120)
    authority = forms.ChoiceField(label="Type de collectivité ou d'organisme", required=False,
                                  choices=[("", "— Choisir (facultatif) —"),
                                           *AUTHORITIES.items()])
    roles = forms.MultipleChoiceField(label="Vos métiers", required=False,
                                      choices=role_choices(),
                                      widget=forms.CheckboxSelectMultiple)
    themes = forms.MultipleChoiceField(label="Vos thèmes", required=False,
                                       choices=theme_choices(),
                                       widget=forms.CheckboxSelectMultiple)
    frequency = forms.ChoiceField(label="Résumé", choices=Subscriber.FREQUENCIES,
                                  initial=Subscriber.DAILY, widget=forms.RadioSelect)
    alerts = forms.BooleanField(label="Recevoir une alerte immédiate pour chaque texte urgent",
                                required=False, initial=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["departement"].choices = [("", "— Choisir votre département —"),
                                              *place_choices()]
        self.fields["commune"].widget.attrs.update(list="communes-liste", autocomplete="off")
        for name, field in self.fields.items():
            if name in HELP and not isinstance(field.widget, forms.CheckboxSelectMultiple):
                field.widget.attrs["aria-describedby"] = f"{name}-aide"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["commune_code"], data["commune_name"] = "", ""
        typed = data.get("commune", "").strip()
        if typed and data.get("departement"):
            try:
                data["commune_code"], data["commune_name"] = resolve(data["departement"], typed)
            except CommuneError as error:
                self.add_error("commune", str(error))
        if data.get("frequency") == Subscriber.NO_DIGEST and not data.get("alerts"):
            self.add_error("alerts", "Sans résumé ni alerte, vous ne recevriez rien : "
                           "choisissez un résumé ou les alertes.")
        return data

    def mark_errors(self) -> None:
        """Point each invalid field to its error message, for screen readers."""
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                described = attrs.get("aria-describedby", "")
                attrs["aria-describedby"] = f"{described} {name}-erreur".strip()

    def preferences(self) -> dict[str, Any]:
        """The cleaned values as Subscriber fields."""
        d = self.cleaned_data
        return {"departement": d["departement"], "commune": d["commune_code"],
                "commune_name": d["commune_name"], "authority": d.get("authority", ""),
                "roles": list(d.get("roles", [])), "themes": list(d.get("themes", [])),
                "frequency": d["frequency"], "alerts": bool(d.get("alerts"))}

    @staticmethod
    def initial_for(subscriber: Subscriber) -> dict[str, Any]:
        commune = (f"{subscriber.commune_name} ({subscriber.commune})"
                   if subscriber.commune else "")
        return {"departement": subscriber.departement, "commune": commune,
                "authority": subscriber.authority, "roles": subscriber.roles,
                "themes": subscriber.themes, "frequency": subscriber.frequency,
                "alerts": subscriber.alerts}


class SubscribeForm(PreferencesForm):
    email = forms.EmailField(label="Adresse électronique", max_length=254)
    field_order = ["email", "departement", "commune", "authority", "roles", "themes",
                   "frequency", "alerts"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update(autocomplete="email",
                                                 **{"aria-describedby": "email-aide"})

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        local, _, domain = email.rpartition("@")
        if not local.isascii():
            raise forms.ValidationError("Cette adresse n'est pas prise en charge : la partie "
                                        "avant @ doit s'écrire sans accent.")
        # Django takes « nom@localhost » and « nom@[127.0.0.1] »: no mail to the server's own
        # machine, nor to an address no public name leads to.
        if domain.startswith("[") or "." not in domain.strip("."):
            raise forms.ValidationError("Cette adresse n'est pas prise en charge : le "
                                        "domaine après @ doit être un nom public "
                                        "(nom@domaine.fr).")
        return email


class AccessForm(forms.Form):
    email = forms.EmailField(label="Adresse électronique", max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email",
                                                            "aria-describedby": "email-aide"}))

    def mark_errors(self) -> None:
        if self.errors:
            self.fields["email"].widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": "email-aide email-erreur"})
