"""An aid list written to weigh: a name of 5 MB and a million audiences were kept whole, to
be stored and shown. Each text and list of an aid is now bounded, and what is cut is said."""

from __future__ import annotations

import json

from vigie.parsing.aides import (
    DESCRIPTION_LIMIT,
    FIELD_LIMIT,
    LIST_LIMIT,
    NAME_LIMIT,
    URL_LIMIT,
    read_aids,
)

AID = {"id": 162, "name": "Rénovation énergétique des écoles",
       "description": "Aide aux communes pour rénover leurs écoles.",
       "url": "https://aides-territoires.beta.gouv.fr/aides/renovation/",
       "targeted_audiences": ["Communes", "Intercommunalités / Pays"],
       "perimeter": "Drôme", "financers": [{"name": "Département de la Drôme"}],
       "aid_types": ["Subvention"], "recurrence": "Permanente"}


def _read(**changes: object) -> tuple[list, list[str]]:
    return read_aids(json.dumps({"results": [AID | changes]}).encode())


def test_a_sound_aid_is_read_whole_and_says_nothing():
    aids, problems = _read()
    assert not problems and aids[0].name == AID["name"]
    assert aids[0].audiences == ("Communes", "Intercommunalités / Pays")
    assert aids[0].financers == "Département de la Drôme"


def test_a_name_of_5_mb_and_a_million_audiences_are_cut_and_said():
    aids, problems = _read(name="Aide aux communes " * 300_000,
                           targeted_audiences=["Communes"] * 1_000_000)
    aid = aids[0]
    assert len(aid.name) <= NAME_LIMIT and aid.name.startswith("Aide aux communes")
    assert len(aid.audiences) == LIST_LIMIT
    assert problems == ["aide at:162 : nom coupé à 1000 caractères, publics : 100 gardés sur "
                        "1000000 (valeurs démesurées dans la source)"]


def test_every_other_text_and_list_is_bounded():
    long = "Communauté de communes " * 10_000
    aids, problems = _read(description=long, perimeter={"name": long},
                           financers=[{"name": f"Financeur {n}"} for n in range(5000)],
                           aid_types=[long], recurrence=long,
                           url="https://exemple.fr/" + "a" * 10_000)
    aid = aids[0]
    assert len(aid.description) <= DESCRIPTION_LIMIT
    assert max(len(aid.perimeter), len(aid.financers), len(aid.aid_types[0]),
               len(aid.recurrence)) <= FIELD_LIMIT
    assert aid.url == "" and URL_LIMIT < 10_000
    # The description is a summary, cut as every source's: no problem for it.
    assert problems == ["aide at:162 : adresse de plus de 2000 caractères écartée, territoire "
                        "coupé à 300 caractères, financeurs : 100 gardés sur 5000, financeurs "
                        "coupé à 300 caractères, un élément de « types d'aide » coupé à 300 "
                        "caractères, récurrence coupé à 300 caractères (valeurs démesurées "
                        "dans la source)"]


def test_an_id_too_long_refuses_the_aid_rather_than_merge_two():
    aids, problems = _read(id="x" * 100_000)
    assert aids == [] and problems == [
        "aide : identifiant de plus de 200 caractères, écartée"]
