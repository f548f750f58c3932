"""Whom a text binds: the actors its title names and the scope of the act (real JO titles)."""

from __future__ import annotations

import pytest

from vigie.analysis.actors import LABELS, actor_evidence, actor_values
from vigie.analysis.engine import analyse, item_features
from vigie.analysis.feature_labels import label
from vigie.analysis.features import theme_values
from vigie.analysis.records import Item
from vigie.analysis.selection import assess, leading_reasons


def test_an_authorisation_for_a_commune_is_local_one_for_a_company_is_private():
    commune = actor_values(
        "Décision n° 2020-827 du 25 novembre 2020 modifiant la décision n° 2018-820 du 24 "
        "octobre 2018 autorisant la commune de Mons-la-Trivalle (Hérault) à utiliser une "
        "ressource radioélectrique")
    company = actor_values(
        "Décret n° 2020-1593 du 15 décembre 2020 autorisant la société Orano Recyclage à "
        "prendre en charge l'exploitation des installations nucléaires")
    assert {"acteur:local", "objet:local", "portee:individuelle locale"} <= set(commune)
    assert "acteur:aucun local" not in commune
    assert "acteur:prive" not in commune  # « radioélectrique » names no radio company
    assert {"acteur:prive sans local", "objet:prive", "portee:individuelle sans local",
            "acteur:aucun local"} <= set(company)


def test_a_general_rule_for_local_authorities_names_them_as_its_complement():
    found = actor_values(
        "Décret n° 2020-1622 du 18 décembre 2020 relatif aux modalités de versement de "
        "l'aide financière exceptionnelle pour le recrutement d'apprentis par les "
        "collectivités territoriales et les établissements publics en relevant")
    assert {"acteur:local complement", "portee:generale locale"} <= set(found)
    assert "portee:individuelle" not in found


def test_a_named_person_makes_an_individual_measure():
    found = actor_values("Décret du 3 décembre 2020 portant nomination du sous-préfet "
                         "d'Albertville - M. HERIARD (Christophe)")
    assert {"acteur:personne", "portee:individuelle"} <= set(found)
    assert "portee:generale" not in found


def test_a_located_project_is_read_but_a_draft_text_is_no_project():
    project = actor_values("Décision n° 2020-145/LIAISON FOS-SALON/9 du 2 décembre 2020 "
                           "relative au projet de liaison routière Fos-Salon (13)")
    draft = actor_values("Délibération n° 2020-066 du 25 juin 2020 portant avis sur un projet "
                         "de décret modifiant les dispositions du code de la sécurité intérieure")
    assert {"objet:projet ou site", "territoire:code departement"} <= set(project)
    assert "objet:projet ou site" not in draft


def test_state_services_and_staff_are_the_state():
    found = actor_values("Arrêté du 7 décembre 2020 relatif aux taux de promotion dans "
                         "certains corps de fonctionnaires relevant du ministère de "
                         "l'éducation nationale")
    assert {"acteur:etat", "acteur:etat sans local", "portee:generale sans local"} <= set(found)


def test_constitutional_decisions_on_elections_are_told_from_those_on_laws():
    election = item_features(Item(title="Décision n° 2020-5687 SEN du 11 décembre 2020",
                                  nature="DECISION"))[0].values
    law = item_features(Item(title="Décision n° 2020-807 DC du 3 décembre 2020",
                             nature="DECISION"))[0].values
    assert "nature:conseil constitutionnel hors loi" in election
    assert "nature:conseil constitutionnel hors loi" not in law


def test_actor_features_weigh_in_selection_never_in_themes_and_read_in_french():
    features, _ = item_features(Item(
        title="Arrêté du 2 décembre 2020 fixant la répartition du fonds de soutien à "
              "l'apprentissage aux régions et à la collectivité de Corse", nature="ARRETE"))
    assert "acteur:local complement" in features.values
    assert not any(name.startswith(("acteur:", "objet:", "portee:"))
                   for name in theme_values(features.values))
    for name in [*LABELS, "politique:sans acteur local"]:
        text = label(name)
        assert text and text != name and "§" not in text


@pytest.mark.parametrize("title", [
    "Arrêté du 14 décembre 2020 portant reconnaissance de l'état de catastrophe naturelle",
    "Décret n° 2020-1567 du 11 décembre 2020 portant diverses dispositions dans le domaine "
    "funéraire en raison des circonstances exceptionnelles liées à l'épidémie de covid-19",
])
def test_rules_without_a_named_actor_keep_the_policy_evidence_apart(title: str):
    features, signals = item_features(Item(title=title, nature="DECRET"))
    assert "acteur:aucun local" in features.values
    assert features.values["politique:sans acteur local"] == features.values["politique"]
    assert sum(signal.points for signal in signals) > 0


def test_readers_see_the_title_s_own_words_for_an_actor():
    title = ("Décret n° 2020-1622 du 18 décembre 2020 relatif aux modalités de versement de "
             "l'aide financière exceptionnelle pour le recrutement d'apprentis par les "
             "collectivités territoriales")
    shown = actor_evidence(title, actor_values(title))
    assert shown["acteur:local"] == "collectivités"
    decision = analyse(Item(title=title, nature="DECRET"))
    assert decision.retained
    # the policy's vocabulary and its level lead; the actor's piece quotes the title's word
    selection = assess(*item_features(Item(title=title, nature="DECRET")))
    assert any("« collectivités »" in reason
               for reason in leading_reasons(selection, limit=10))


def test_a_project_s_quote_has_no_trailing_space():
    """The project cue reads « au projet » followed by a space (not « au projet de loi »):
    the quote readers see is the words alone."""
    title = ("Décision n° 2020-134/LNPCA/15 du 2 décembre 2020 relative au projet de ligne "
             "nouvelle Provence Côte d'Azur")
    assert actor_evidence(title, actor_values(title))["objet:projet ou site"] == "au projet"
