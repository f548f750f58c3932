"""How Journal officiel titles write places, checked on lines shaped like real ones.

Each case is a sommaire line of the kind the JO prints every week (nominations of a préfet's
staff, decisions of the audiovisual regulator, of the Commission nationale du débat public,
habilitations of municipal services): the person a decree names is no place, a département
written in parentheses after a name is one even when the name before it is not a commune.
"""

from __future__ import annotations

import pytest

from vigie.analysis.territories import Territory, find_territories


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
