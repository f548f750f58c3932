"""How Journal officiel titles write places, checked on lines shaped like real ones.

Each case is a sommaire line of the kind the JO prints every week (nominations of a préfet's
staff, decisions of the audiovisual regulator, of the Commission nationale du débat public,
habilitations of municipal services): the person a decree names is no place, a département
written in parentheses after a name is one even when the name before it is not a commune.
"""

from __future__ import annotations

import pytest

from vigie.analysis.engine import analyse
from vigie.analysis.records import Item
from vigie.analysis.territories import Territory, find_territories

GENERAL = "Décrets, arrêtés, circulaires / Textes généraux / Ministère de l'intérieur"
NOMINATIVE = "Décrets, arrêtés, circulaires / Mesures nominatives / Ministère de la cohésion"


def _places(territories: tuple[Territory, ...]) -> list[tuple[str, str]]:
    return [(t.kind, t.code) for t in territories]


# ------------------------------------------------------------------ persons are no places
@pytest.mark.parametrize(("title", "expected"), [
    ("Décret du 3 décembre 2020 portant nomination du directeur de cabinet du préfet des "
     "Pyrénées-Atlantiques - M. de LASSUS SAINT-GENIÈS (Théophile)",
     [("departement", "64")]),
    ("Décret du 8 décembre 2020 portant nomination de la sous-préfète de Coutances - "
     "Mme SAINT-MARTIN (Françoise)", [("commune", "50147")]),
    ("Arrêté portant nomination de M. Jean-Paul SAINT-ÉTIENNE, administrateur civil",
     []),
])
def test_a_persons_name_written_after_its_title_is_no_commune(title: str, expected):
    assert _places(find_territories("", title=title)) == expected


def test_a_place_after_a_persons_name_is_still_read():
    title = ("Décret portant nomination de M. DUPONT (Jean), sous-préfet de Saint-Jean-de-"
             "Maurienne")
    assert _places(find_territories("", title=title)) == [("commune", "73248")]


# ------------------------------------------------------------------ « (Hérault) », « (13) »
@pytest.mark.parametrize(("title", "expected"), [
    # a commune renamed since (Mons, 34): the département written after it still says where
    ("Décision n° 2020-827 du 25 novembre 2020 modifiant la décision n° 2018-820 du 24 octobre "
     "2018 autorisant la commune de Mons-la-Trivalle (Hérault) à utiliser une ressource "
     "radioélectrique", [("departement", "34")]),
    ("Décision n° 2020-145/LIAISON FOS-SALON/9 du 2 décembre 2020 relative au projet de "
     "liaison routière Fos-Salon (13)", [("departement", "13")]),
    ("Décision n° 2020-138/ACACI (10)/1 du 2 décembre 2020 relative au projet ACACI "
     "d'augmentation des capacités du centre industriel de regroupement d'entreposage et de "
     "stockage de déchets radioactifs de très faible activité (TFA) (10)",
     [("departement", "10")]),
    ("Arrêté portant création d'une zone réglementée au large de Porquerolles (Var)",
     [("departement", "83")]),
])
def test_a_departement_in_parentheses_after_a_name(title: str, expected):
    assert _places(find_territories("", title=title)) == expected


@pytest.mark.parametrize("title", [
    "LOI n° 2026-794 du 18 août 2026 relative au droit à l'aide à mourir (1)",
    "Article 18 (18) du règlement",
    "Décret n° 2020-1515 portant diverses mesures (n° 13)",
    "Les crues ont touché la Vienne (et ses affluents) et la Zone (A)",
])
def test_numbers_in_parentheses_are_no_departement_without_a_name_before(title: str):
    assert find_territories("", title=title) == ()


# ------------------------------------------------------------------ « municipal de Béziers »
@pytest.mark.parametrize(("title", "expected"), [
    ("Arrêté du 1er décembre 2020 portant habilitation en qualité d'opérateur d'archéologie "
     "préventive du service archéologique municipal de Béziers", [("commune", "34032")]),
    ("Décret portant dissolution du conseil municipal de Vézelay", [("commune", "89446")]),
    ("Arrêté relatif à la police municipale d'Arles", [("commune", "13004")]),
])
def test_a_municipal_service_names_its_commune(title: str, expected):
    assert _places(find_territories("", title=title)) == expected


def test_an_intercommunal_body_is_no_cue_for_a_commune():
    title = "Arrêté portant création du syndicat intercommunal de Plan"
    assert find_territories("", title=title) == ()


# ------------------------------------------------------------------ a concours is for everyone
@pytest.mark.parametrize("title", [
    "Arrêté du 23 novembre 2020 portant ouverture d'un concours externe sur titres avec "
    "épreuves et d'un concours interne sur épreuves d'ingénieur territorial organisé par le "
    "centre de gestion du Bas-Rhin (session 2021)",
    "Arrêté du 26 novembre 2020 portant ouverture de l'examen professionnel d'avancement au "
    "grade d'assistant socio-éducatif de classe exceptionnelle organisé par le centre de "
    "gestion de la Haute-Garonne (session 2021)",
])
def test_a_territorial_concours_goes_to_every_edition(title: str):
    decision = analyse(Item(title=title, section=GENERAL, nature="ARRETE"))
    assert decision.retained
    assert decision.scope == "national"
    assert any("toute la France" in reason for reason in decision.reasons)


def test_a_nomination_for_a_centre_de_gestion_stays_local():
    title = ("Arrêté portant nomination au conseil d'administration de l'établissement public "
             "foncier de Normandie")
    decision = analyse(Item(title=title, section=NOMINATIVE, nature="ARRETE"))
    assert decision.scope == "local"
