"""The selection of acts of EU law: a matter local authorities run, answer for or are funded
by, found in the act's titles (French or English) or in the Office's classification of it; the
reasons say which, where, in the words written there; everything else is not retained, and
says how the Office classifies it."""

from __future__ import annotations

from datetime import date

from vigie.analysis.eu_law import EuItem, decide


def _item(**given) -> EuItem:
    return EuItem(**{"celex": "32026L2110", "name": "Directive (UE) 2026/2110 du 7 octobre 2026",
                     "kind": "Directive", **given})


def test_each_matter_of_the_policy_is_found_in_french_and_in_english():
    cases = {
        "Directive 2014/24/UE sur la passation des marchés publics": "commande_publique",
        "Directive 2014/23/EU on the award of concession contracts": "commande_publique",
        "Commission Regulation on State aid for regional development": "economie",
        "Directive relative au traitement des eaux urbaines résiduaires": "environnement",
        "Directive on the landfill of waste": "environnement",
        "Directive on ambient air quality and cleaner air for Europe": "environnement",
        "Directive sur la performance énergétique des bâtiments": "energie",
        "Regulation on the European Regional Development Fund and on the Cohesion Fund":
            "finances",
        "Règlement relatif à la protection des données à caractère personnel": "numerique",
        "Regulation on public passenger transport services by rail and by road": "mobilite",
        "Directive concerning certain aspects of the organisation of working time": "rh",
        "Directive relative à l'évaluation et à la gestion des risques d'inondation": "risques",
    }
    for title, theme in cases.items():
        decision = decide(_item(titles=(("fr", title),)))
        assert decision.retained and decision.scope == "national", title
        assert decision.theme == theme, (title, decision.theme)
        assert decision.departements == () and decision.territories == ()


def test_the_reasons_say_what_was_found_where_and_the_headline_is_in_french():
    decision = decide(_item(
        titles=(("en", "Directive (EU) 2019/904 on the reduction of the impact of certain "
                 "plastic products on the environment"),),
        concepts=("waste", "environmental protection", "plastics"),
        directory=("Waste management and clean technology",), journal="JO L 155 du 12.6.2019",
        in_force_from=date(2019, 7, 2)))
    assert decision.reasons[0] == ("l'acte porte sur : déchets (« waste », EuroVoc), "
                                   "protection de l'environnement (« environmental "
                                   "protection », EuroVoc)")
    assert decision.reasons[1].startswith("acte de l'Union européenne : il s'applique dans "
                                          "toute la France")
    assert decision.reasons[2] == "thème « Environnement, eau, déchets et biodiversité » : déchets"
    assert decision.short_title == "Directive (UE) 2026/2110 du 7 octobre 2026 : déchets"
    assert decision.essentials[0].startswith("Intitulé publié en anglais (la notice ne donne "
                                             "pas de version française) : Directive (EU)")
    assert decision.dates[0].label == "Entrée en vigueur" and decision.score == 0.7
    french = decide(_item(titles=(("en", "Directive"), ("fr", "Directive relative aux déchets")),
                          title_fr="Directive relative aux déchets"))
    assert french.short_title == "Directive relative aux déchets"
    assert not any(line.startswith("Intitulé publié") for line in french.essentials)


def test_a_broad_matter_alone_is_kept_in_doubt_and_said_so():
    decision = decide(_item(concepts=("environmental policy", "chemical industry")))
    assert decision.retained and decision.score == 0.55
    assert decision.reasons[1] == "matière générale seulement : retenu dans le doute"


def test_acts_on_no_such_matter_are_not_retained_and_say_their_classification():
    customs = decide(_item(kind="Règlement", concepts=("suspension of customs duties",),
                           titles=(("en", "Regulation (EU) 2018/196 on additional customs "
                                    "duties"),)))
    assert not customs.retained and customs.scope == "no" and customs.theme == ""
    assert customs.reasons == (
        "règlement qui ne porte sur aucune matière que les collectivités exercent ou "
        "appliquent, et ne les finance pas ; la notice le classe sous : suspension of customs "
        "duties",)
    # « commune » is an adjective in « politique agricole commune »: no local authority.
    farming = decide(_item(titles=(("fr", "Règlement portant dispositions de la politique "
                                    "agricole commune pour le lait"),)))
    assert not farming.retained


def test_the_essentials_say_in_which_language_the_offices_labels_are():
    english = decide(_item(titles=(("en", "Directive on the landfill of waste"),),
                           concepts=("waste", "landfill"), directory=("Waste management",),
                           labels_language="ENG"))
    assert "Thésaurus EuroVoc (libellés en anglais) : waste, landfill" in english.essentials
    assert ("Répertoire de la législation (libellés en anglais) : Waste management"
            in english.essentials)
    french = decide(_item(titles=(("fr", "Directive concernant la mise en décharge"),),
                          concepts=("déchet",), labels_language="fra"))
    assert "Thésaurus EuroVoc : déchet" in french.essentials
