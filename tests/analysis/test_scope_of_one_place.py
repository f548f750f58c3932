"""A retained text reaches one place or every authority of a kind (policy §3 against §2), as its
line says even when it names no territory (``reach.one_place``, ``reach.every_one_of_a_kind``).

The titles are quoted from the labelled issues of ``shared/eval/issues`` (the labelled scope
is given with each); they are written here, so the tests need no shared file.
"""

from __future__ import annotations

import pytest

from vigie.analysis.engine import TO_BE_SPECIFIED, analyse
from vigie.analysis.evaluate import sommaire_item
from vigie.analysis.reach import every_one_of_a_kind, one_place

CULTURE = ("Décrets, arrêtés, circulaires", "Textes généraux", "Ministère de la culture")
LABOUR = ("Décrets, arrêtés, circulaires", "Textes généraux",
          "Ministère du travail, de l'emploi et de l'insertion")
CNDP = ("Commission nationale du débat public",)


@pytest.mark.parametrize("title, section", [
    # 2020-12-09, labelled local (13;83;06): a public debate on one project
    ("Décision n° 2020-134/LNPCA/15 du 2 décembre 2020 relative au projet de ligne nouvelle "
     "Provence Côte d'Azur", CNDP),
    # 2020-12-18, labelled local (03): one site Natura 2000
    ("Arrêté du 10 novembre 2020 modifiant l'arrêté du 22 avril 2014 portant désignation du "
     "site Natura 2000 Vallée de l'Allier nord (zone spéciale de conservation)", ()),
    # 2020-12-09, labelled local: a transfer to one collectivité
    ("Arrêté du 2 décembre 2020 portant transfert de propriété d'un bien des collections "
     "nationales au profit d'une collectivité territoriale, en application des dispositions "
     "des articles L. 125-1 et L. 451-8 du code du patrimoine", CULTURE),
])
def test_a_located_object_or_one_beneficiary_is_local_even_unnamed(title: str,
                                                                    section: tuple[str, ...]):
    decision = analyse(sommaire_item(title, section))
    assert decision.retained
    assert decision.scope == "local", decision.reasons
    # No département read: the editions give it to the national edition, and say so.
    assert any(reason.startswith(TO_BE_SPECIFIED) for reason in decision.reasons)


def test_a_sum_shared_among_all_regions_and_corse_is_national():
    # 2020-12-06, labelled national: Corse is named as one of the régions' peers
    title = ("Arrêté du 2 décembre 2020 fixant la répartition du fonds de soutien à "
             "l'apprentissage aux régions et à la collectivité de Corse")
    assert every_one_of_a_kind(title)
    decision = analyse(sommaire_item(title, LABOUR))
    assert decision.retained
    assert (decision.scope, decision.departements) == ("national", ())


@pytest.mark.parametrize("title", [
    "Arrêté du 3 décembre 2026 fixant la liste des projets retenus par la région Bretagne",
    "Décret du 4 décembre 2026 relatif aux compétences des régions de Guadeloupe et de "
    "Martinique",
])
def test_named_regions_are_no_kind_addressed_whole(title: str):
    assert not every_one_of_a_kind(title)


def test_a_rule_for_every_collectivite_names_no_place():
    # Only the indefinite « une collectivité » designates one of them.
    assert one_place("Décret relatif aux transferts de biens au profit des collectivités "
                     "territoriales", {}) == ""
    assert one_place("Arrêté portant transfert au profit d'une commune", {})
