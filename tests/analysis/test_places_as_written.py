"""How Journal officiel titles write places, checked on lines shaped like real ones.

Each case is a sommaire line of the kind the JO prints every week (nominations of a préfet's
staff, concours of the centres de gestion): the person a decree names is no place, and the
département of a centre de gestion that opens a concours says where, not for whom.
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
