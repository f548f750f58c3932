"""French labels of the features (``features``), as readers see them in reasons.

Every feature name reads as a reason: « nature:DECRET » is « nature du texte : décret »,
« croise:DECRET | textes generaux » is « nature du texte : décret, rubrique « Textes
généraux » », a cue is its own reason. The weights file carries these labels beside the
weights (``training``), so that it reads like a list of reasons.
"""

from __future__ import annotations

from vigie.analysis import cues
from vigie.analysis.actors import LABELS as ACTOR_LABELS
from vigie.analysis.normalize import stream
from vigie.analysis.portfolios import LABELS as PORTFOLIO_LABELS
from vigie.analysis.reach import LABELS as REACH_LABELS
from vigie.reference.natures import nature_label
from vigie.reference.taxonomy import theme_label

# The rubrics of the sommaire, by the slug their feature carries (« rubrique:textes generaux »).
RUBRICS = {
    "LOIS": "lois", "Textes généraux": "textes generaux", "Mesures nominatives": "nominatives",
    "Conventions collectives": "conventions collectives", "Conseil constitutionnel":
    "conseil constitutionnel", "Avis et communications": "avis et communications",
    "Avis de concours et de vacance d'emplois": "concours et vacances",
    "Informations parlementaires": "informations parlementaires", "Annonces": "annonces",
}


# A nature crossed with a rubric (``features._crossed``): a feature for selection only.
CROSSED = "croise:"


def cue_slug(cue: cues.Cue) -> str:
    return stream(cue.forms[0])


def label(name: str) -> str:
    """The French label of a feature, as readers see it in reasons."""
    kind, _, what = name.partition(":")
    if kind == "nature":
        return _nature_label(what)
    if kind == "indice":
        return _CUE_LABELS.get(what, what)
    if name == "politique":
        return "indices de la politique éditoriale"
    if kind == "croise":
        nature, _, rubric = what.partition(" | ")
        where = ("sommaire sans rubrique" if rubric == "aucune"
                 else f"rubrique « {_RUBRIC_NAMES.get(rubric, rubric)} »")
        return f"{label('nature:' + nature)}, {where}"
    fixed = _FIXED.get(name)
    if fixed:
        return fixed
    if kind == "domaine":
        what = theme_label(what)
    if kind == "rubrique":
        what = _RUBRIC_NAMES.get(what, what)
    if kind == "portefeuille":
        return f"émetteur : ministère chargé {PORTFOLIO_LABELS.get(what, what)}"
    return _TEMPLATES.get(kind, "{}").format(what)


def _nature_label(what: str) -> str:
    if what == "conseil constitutionnel hors loi":
        return "décision du Conseil constitutionnel qui ne juge pas une loi (élection, " \
            "délégalisation)"
    if what.startswith("conseil constitutionnel"):
        code = what.rsplit(" ", 1)[-1]
        return ("décision du Conseil constitutionnel" if code == "CC"
                else f"décision du Conseil constitutionnel ({code})")
    return f"nature du texte : {nature_label(what).lower() or 'inconnue'}"


_TEMPLATES = {
    "mot": "mot du titre « {} »", "paire": "mots du titre « {} »",
    "emetteur": "émetteur : « {} »", "terme": "vocabulaire des collectivités : « {} »",
    "code": "cite le {}", "rubrique": "rubrique « {} »",
    "domaine": "vocabulaire du domaine « {} »",
}
_FIXED = {
    **ACTOR_LABELS,
    **REACH_LABELS,
    "rubrique:aucune": "sommaire sans rubrique",
    "forme:nominative": "mesure individuelle (nomination, carrière)",
    "forme:local_function": "nomination d'un responsable public pour un territoire",
    "forme:designation": "désigne ou classe des territoires pour une mesure",
    "forme:career": "carrière d'un agent de l'État (retraite, titularisation, avancement)",
    "forme:state_service": "service ou personnel de l'État nommé dans le titre",
    "forme:regional": "nomination dans un service régional de l'État (direction ou adjoint)",
    "forme:conseil local": "nomination au conseil d'un organisme local nommé",
    "forme:conseil national": "nomination au conseil d'un organisme national",
    "forme:exclusion": "forme d'acte que la politique éditoriale écarte",
    "territoire:outre-mer": "territoires d'outre-mer nommés dans le titre",
    "territoire:nomme": "territoire nommé dans le titre",
}
_RUBRIC_NAMES = {slug: name for name, slug in RUBRICS.items()}
_CUE_LABELS = {
    **{cue_slug(cue): cue.reason for cue in cues.NEGATIVE},
    "financement": cues.FUNDING.reason,
    "plan territorial": cues.PLANNING.reason,
    "grade territorial": "grade de la fonction publique territoriale",
}
