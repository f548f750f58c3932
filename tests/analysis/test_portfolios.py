"""A ministry renamed by a new government weighs as its predecessors did (``portfolios``).

The names below are the successive names of real ministries; the titles are written for
these tests.
"""

from __future__ import annotations

from datetime import date

import pytest

from vigie.analysis.engine import analyse, item_features
from vigie.analysis.features import selection_values
from vigie.analysis.portfolios import is_ministry, portfolios, without_local_authorities
from vigie.analysis.records import Item

GENERAL = "Décrets, arrêtés, circulaires / Textes généraux / "
# The ministry in charge of local authorities, as governments from 2017 to 2026 named it.
LOCAL_AUTHORITIES = (
    "Ministère de la cohésion des territoires",
    "Ministère de la cohésion des territoires et des relations avec les collectivités "
    "territoriales",
    "Ministère du partenariat avec les territoires et de la décentralisation",
    "Ministère de l'aménagement du territoire et de la décentralisation",
)
TITLE = ("Arrêté du 2 mars 2027 fixant le modèle du rapport annuel prévu à l'article 4 du "
         "décret n° 2027-12 du 5 janvier 2027")


def item(ministry: str, title: str = TITLE) -> Item:
    return Item(title=title, section=GENERAL + ministry, ministry=ministry,
                date=date(2027, 3, 3))


@pytest.mark.parametrize("name", LOCAL_AUTHORITIES)
def test_every_name_of_the_ministry_of_local_authorities_holds_that_portfolio(name):
    assert "collectivites" in portfolios(name)


@pytest.mark.parametrize("name", LOCAL_AUTHORITIES)
def test_no_word_of_any_name_of_the_ministry_of_local_authorities_is_left_for_themes(name):
    # (``domains``: that ministry signs texts of all their fields; its name names none)
    left = without_local_authorities(name)
    assert is_ministry(name) and not any(word in left for word in (
        "territ", "collectivit", "decentralisation", "cohesion", "partenariat")), left


def test_the_other_portfolios_of_a_ministry_are_left_for_themes():
    assert "transition ecologique" in without_local_authorities(
        "Ministère de la transition écologique et de la cohésion des territoires")
    assert not is_ministry("Commission nationale du débat public")


def test_a_ministry_may_hold_several_portfolios_and_another_body_none():
    assert portfolios("Ministère de la transition écologique et de la cohésion des "
                      "territoires") == ("collectivites", "ecologie")
    assert portfolios("Ministère de l'intérieur et des outre-mer") == ("interieur", "outre-mer")
    assert portfolios("Ministère des outre-mer") == ("outre-mer",)  # not the sea's
    assert portfolios("Ministère de la mer") == ("mer",)
    assert portfolios("Conseil constitutionnel") == ()
    assert portfolios("Autorité de la concurrence") == ()


def test_selection_reads_the_same_features_whatever_the_government_called_the_ministry():
    read = [selection_values(item_features(item(name))[0].values)
            for name in LOCAL_AUTHORITIES]
    assert all(values == read[0] for values in read[1:])
    assert read[0]["portefeuille:collectivites"] == 1.0
    assert not any(name.startswith("emetteur:") for name in read[0])


def test_themes_still_read_the_words_of_the_ministry():
    values = item_features(item("Ministère de la culture"))[0].values
    assert values["emetteur:culture"] == 1.0


@pytest.mark.parametrize("name", LOCAL_AUTHORITIES)
def test_the_policy_points_of_the_issuer_do_not_depend_on_its_name(name):
    _, signals = item_features(item(name))
    issuer = [signal.points for signal in signals if signal.reason.startswith("émetteur")]
    assert issuer == [3.0]


def test_a_ministry_holding_several_portfolios_weighs_their_mean():
    # ecology (no points) and territorial cohesion (3): its texts are not all on territories
    _, signals = item_features(item("Ministère de la transition écologique et de la cohésion "
                                    "des territoires"))
    assert [s.points for s in signals if s.reason.startswith("émetteur")] == [1.5]


def test_the_armed_forces_are_known_under_their_other_names():
    for name in ("Ministère des armées", "Ministère des armées et des anciens combattants",
                 "Ministère de la défense"):
        _, signals = item_features(item(name))
        assert any(s.reason == "ministère des armées" and s.points == -1.0 for s in signals)


def test_a_renamed_ministry_of_local_authorities_keeps_its_text_retained():
    title = ("Décret n° 2027-40 du 2 mars 2027 relatif aux modalités de calcul de la dotation "
             "globale de fonctionnement des communes")
    decisions = [analyse(item(name, title)) for name in LOCAL_AUTHORITIES]
    assert all(decision.retained for decision in decisions)
    assert len({decision.score for decision in decisions}) == 1
