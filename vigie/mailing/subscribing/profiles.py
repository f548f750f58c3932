"""What a reader can choose, and the French sentence that says why a message reaches them.

Roles and themes are the taxonomy's (``vigie.reference.taxonomy``); the kinds of authority
are ours. The « Pourquoi vous recevez ce message » text is built from the profile only, so
that it can be written per message without rendering a template.
"""

from __future__ import annotations

from dataclasses import dataclass

from vigie.reference.places import subscribed_for
from vigie.reference.taxonomy import ROLES, THEMES

AUTHORITIES: dict[str, str] = {
    "commune": "Commune",
    "epci": "Intercommunalité (communauté de communes, d'agglomération, métropole…)",
    "departement": "Département",
    "region": "Région",
    "syndicat": "Syndicat ou établissement public local",
    "autre": "Autre (association d'élus, service de l'État, particulier…)",
}

FREQUENCY_WORDS = {"daily": "un résumé chaque jour de parution",
                   "weekly": "un résumé chaque lundi", "none": "aucun résumé"}


@dataclass(frozen=True)
class Preferences:
    """What a reader chose: what they read and why (hashable, so a cache key)."""

    departement: str
    commune: str = ""
    commune_name: str = ""
    roles: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    frequency: str = "daily"
    alerts: bool = True


def profile_of(subscriber) -> Preferences:
    """The fields of a ``Subscriber`` that say what they read and why."""
    s = subscriber
    return Preferences(s.departement, s.commune, s.commune_name, tuple(s.roles),
                       tuple(s.themes), s.frequency, s.alerts)


def role_choices() -> list[tuple[str, str]]:
    return list(ROLES.items())


def theme_choices() -> list[tuple[str, str]]:
    return list(THEMES.items())


def labels(slugs: tuple[str, ...], table: dict[str, str]) -> list[str]:
    """French labels of known slugs, in taxonomy order (unknown ones are dropped)."""
    return [label for slug, label in table.items() if slug in slugs]


def matching_rule(roles: tuple[str, ...], themes: tuple[str, ...]) -> str:
    """How the texts are chosen for this profile, in one French sentence."""
    parts = []
    if roles:
        parts.append("vos métiers (" + ", ".join(labels(roles, ROLES)) + ")")
    if themes:
        parts.append("vos thèmes (" + ", ".join(labels(themes, THEMES)) + ")")
    if not parts:
        return "tous les textes de l'édition de votre département"
    return ("les textes qui concernent " + " ou ".join(parts)
            + ", ainsi que tous les textes urgents")


def why_lines(profile: Preferences) -> list[str]:
    """« Pourquoi vous recevez ce message », one sentence a line, from a subscriber's fields."""
    lines = [f"Vous êtes abonné·e à Vigie {subscribed_for(profile.departement)}"
             + (f" et la commune de {profile.commune_name}." if profile.commune_name else ".")]
    digest = FREQUENCY_WORDS.get(profile.frequency, "")
    alerts = " et une alerte immédiate pour chaque texte urgent" if profile.alerts else ""
    lines.append(f"Vous avez demandé {digest}{alerts}.")
    lines.append(f"Vous y trouvez {matching_rule(profile.roles, profile.themes)}"
                 + (", et ceux qui nomment votre commune." if profile.commune else "."))
    return lines
