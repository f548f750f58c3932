"""Whom a text binds, not where it lies: a région or a département glossed as a place, a named
person's post in a national body, the teachers of the State's schools (analysis 2026.34).

Titles written in the Journal officiel's manner from the policy (§3, §4), not taken from the
labelled issues."""

from __future__ import annotations

from datetime import date

import pytest

from vigie.analysis.actors import ACTOR_NONE, actor_values
from vigie.analysis.cues import blank_other_senses
from vigie.analysis.engine import analyse, item_features
from vigie.analysis.reach import NATIONAL_POST, national_post, state_staff
from vigie.analysis.records import Item

GENERAL = "Décrets, arrêtés, circulaires / Textes généraux / "


def item(title: str, section: str = "", ministry: str = "", nature: str = "") -> Item:
    return Item(title=title, section=section, ministry=ministry, nature=nature,
                date=date(2026, 9, 3))


@pytest.mark.parametrize(("title", "word"), [
    ("Décret n° 2026-811 du 2 septembre 2026 autorisant la société Atlantique Stockage à "
     "exploiter l'installation nucléaire de base n° 171 sur le site de Flamanville "
     "(département de la Manche)", "département"),
    ("Décret n° 2026-812 du 2 septembre 2026 autorisant la société Rhône Énergies à modifier "
     "l'installation n° 93 du site du Tricastin (départements de la Drôme et de Vaucluse)",
     "départements"),
    ("Arrêté du 2 septembre 2026 relatif à l'expérimentation d'un parcours de soins coordonné "
     "dans les régions de Bretagne, Normandie et Occitanie", "régions"),
    ("Arrêté du 2 septembre 2026 relatif aux conditions d'exercice des guides de haute "
     "montagne dans le département de la Haute-Savoie", "département"),
])
def test_a_territory_glossed_as_a_place_is_no_local_actor(title: str, word: str) -> None:
    assert f" {word} " not in blank_other_senses(title)
    values = actor_values(title)
    assert ACTOR_NONE in values and "acteur:local" not in values
    assert "portee:individuelle locale" not in values


@pytest.mark.parametrize("title", [
    # the authority itself, object of the act: the policy's reader
    "Décret n° 2026-813 du 2 septembre 2026 confiant à la région Bretagne les missions "
    "d'animation et de concertation dans le domaine de la gestion de l'eau",
    "Arrêté du 2 septembre 2026 autorisant le département de la Manche à déroger aux règles "
    "de la commande publique",
    # « départements ministériels » name no place, nor a name written in small letters
    "Arrêté du 2 septembre 2026 relatif au comité social d'administration institué dans les "
    "départements ministériels relevant du ministre chargé du travail",
    "Décret du 2 septembre 2026 relatif à l'aide sociale dans les départements (dispositions "
    "transitoires)",
])
def test_the_authority_itself_is_still_read(title: str) -> None:
    assert blank_other_senses(title) == title


def test_a_located_authorisation_for_a_company_is_left_out() -> None:
    decision = analyse(item(
        "Décret n° 2026-811 du 2 septembre 2026 autorisant la société Atlantique Stockage à "
        "exploiter l'installation nucléaire de base n° 171 sur le site de Flamanville "
        "(département de la Manche)", ministry="Ministère de la transition écologique",
        nature="DECRET"))
    assert not decision.retained, decision.reasons


PAPAUD_LIKE = ("Décret du 2 septembre 2026 portant nomination d'un membre du Conseil supérieur "
               "de l'appui territorial et de l'évaluation - Mme DURAND (Claire)")


@pytest.mark.parametrize("title", [
    PAPAUD_LIKE,
    "Décret du 2 septembre 2026 portant nomination du directeur général de l'Institut national "
    "de l'information géographique et forestière - M. MARTIN (Paul)",
    "Décret du 2 septembre 2026 portant nomination au Haut Conseil pour le climat - M. ROUX "
    "(Jean)",
])
def test_a_named_person_in_a_national_body_is_left_out_with_its_reason(title: str) -> None:
    decision = analyse(item(title, ministry="Ministère de l'intérieur", nature="DECRET"))
    assert not decision.retained
    assert decision.reasons[0] == NATIONAL_POST


@pytest.mark.parametrize("title", [
    # functions for a territory (§3)
    "Décret du 2 septembre 2026 portant nomination du sous-préfet de Coutances - M. LEROY (Luc)",
    "Décret du 2 septembre 2026 portant nomination d'une directrice académique des services de "
    "l'éducation nationale - Mme PETIT (Anne)",
    # the bodies of the fonction publique territoriale are the local authorities' own
    "Décret du 2 septembre 2026 portant nomination du directeur général du Centre national de "
    "la fonction publique territoriale - M. BLANC (Marc)",
    # a national body of or for the local authorities themselves: a seat there is theirs
    "Arrêté du 2 septembre 2026 portant nomination au Conseil national d'évaluation des "
    "normes applicables aux collectivités territoriales - M. DUPONT (Jean)",
    "Arrêté du 2 septembre 2026 portant nomination à la Conférence nationale des services "
    "d'incendie et de secours - Mme MARTIN (Marie)",
    # no person named: a board's list, weighed as any line
    "Décret du 2 septembre 2026 portant nomination au Conseil national des services publics",
])
def test_what_is_no_named_post_in_a_national_body(title: str) -> None:
    features, _ = item_features(item(title, nature="DECRET"))
    assert features.structure.veto != NATIONAL_POST


def test_a_named_post_in_a_national_body_is_still_learned_from() -> None:
    """Editors label such lines as any other: their words weigh for the lines that share
    them (« conseil », « territorial »), as a regional service's nomination does."""
    assert national_post(PAPAUD_LIKE) == NATIONAL_POST
    features, _ = item_features(item(PAPAUD_LIKE, nature="DECRET"))
    assert features.structure.veto == NATIONAL_POST
    assert features.structure.learned
    assert "forme:exclusion" not in features.values


def test_the_teachers_of_the_state_s_schools_are_its_own_staff() -> None:
    title = ("Arrêté du 2 septembre 2026 fixant le cahier des charges de la formation initiale "
             "des fonctionnaires stagiaires se destinant aux métiers du professorat")
    assert state_staff(title) == "fonctionnaires … professorat"
    _, signals = item_features(item(title, GENERAL + "Ministère de l'éducation nationale",
                                    nature="ARRETE"))
    # « fonctionnaires » names the State's teachers here, no rule local authorities apply
    assert not [s for s in signals if s.reason.startswith("vocabulaire des collectivités")]
    # the teachers of the local authorities' schools of art say so
    assert state_staff("Décret relatif au recrutement des enseignants du cadre d'emplois des "
                       "professeurs territoriaux d'enseignement artistique") == ""


HEALTH_CARE = "système de soins (hôpitaux, professions de santé, assurance maladie)"


def _reasons(title: str, nature: str = "ARRETE") -> list[str]:
    return [signal.reason for signal in item_features(item(title, nature=nature))[1]]


def test_the_health_care_system_is_run_without_local_authorities() -> None:
    # policy §4: hospitals, the health professions and health insurance are a system the State
    # and the caisses run; the money of a hospital is no local « dotation »
    for title in (
        "Arrêté du 8 décembre 2020 fixant la dotation annuelle de financement de "
        "l'établissement public de santé territorial de Saint-Pierre-et-Miquelon pour l'année "
        "2020",
        "Décret n° 2020-1629 du 21 décembre 2020 relatif au plan d'actions pluriannuel "
        "régional d'amélioration de la pertinence des soins",
        "Arrêté du 3 septembre 2026 fixant la liste des établissements de santé autorisés à "
        "facturer les soins hospitaliers aux caisses d'assurance maladie",
    ):
        assert HEALTH_CARE in _reasons(title), title
    # the communes' own centres de santé, and a law financing social security, are not it
    for title in ("Décret du 3 septembre 2026 relatif aux centres de santé gérés par les "
                  "communes et leurs groupements",
                  "LOI n° 2026-900 du 2 septembre 2026 de financement de la sécurité sociale "
                  "pour 2027"):
        assert HEALTH_CARE not in _reasons(title), title
