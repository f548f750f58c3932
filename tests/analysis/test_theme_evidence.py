"""What a text is about, read from what it does and the code it applies, not from whom it
addresses, nor from who signs it (``domains.domains``): the vocabulary scores each theme's
weights read.

The titles are quoted from the labelled issues of ``shared/eval/issues`` (the labelled themes
are given with each); they are written here, so the tests need no shared file.
"""

from __future__ import annotations

from vigie.analysis.engine import item_features
from vigie.analysis.evaluate import sommaire_item
from vigie.analysis.evidence import gather
from vigie.analysis.records import Item
from vigie.analysis.selection import features_of

COHESION = ("Décrets, arrêtés, circulaires", "Textes généraux", "Ministère de la cohésion des "
            "territoires et des relations avec les collectivités territoriales")


GENERAL = ("Décrets, arrêtés, circulaires", "Textes généraux")
NOMINATIONS = ("Décrets, arrêtés, circulaires", "Mesures nominatives")


def domains(title: str, section: tuple[str, ...]) -> dict[str, float]:
    features, _ = item_features(sommaire_item(title, section))
    return {name.partition(":")[2]: value for name, value in features.values.items()
            if name.startswith("domaine:")}


def shown(title: str, section: tuple[str, ...]) -> dict[str, str]:
    """The words each theme's vocabulary score was read from."""
    features, _ = item_features(sommaire_item(title, section))
    return {name.partition(":")[2]: words for name, words in features.evidence.items()
            if name.startswith("domaine:")}


def test_an_article_of_the_cgct_finance_books_makes_the_code_a_finance_one():
    # 2020-12-09, labelled finances: L. 2334-7-3 is in book III of part 2 (finances communales)
    found = domains("Arrêté du 4 décembre 2020 pris pour l'application au titre de l'année 2020 "
                    "des dispositions prévues à l'article L. 2334-7-3 du code général des "
                    "collectivités territoriales", COHESION)
    assert found.get("finances", 0) > 0 and "institutions" not in found, found


def test_an_article_of_the_cgct_outside_its_finance_books_stays_institutional():
    found = domains("Décret relatif à l'application de l'article L. 2122-22 du code général "
                    "des collectivités territoriales", COHESION)
    assert found.get("institutions", 0) > 0 and "finances" not in found, found


def test_collectivites_territoriales_name_the_addressees_not_the_subject():
    # 2020-12-20, labelled rh;finances: the collectivités recruit, the text is about recruiting
    found = domains("Décret n° 2020-1622 du 18 décembre 2020 relatif aux modalités de versement "
                    "de l'aide financière exceptionnelle pour le recrutement d'apprentis par les "
                    "collectivités territoriales et les établissements publics en relevant",
                    COHESION)
    assert "institutions" not in found, found



def test_the_name_of_the_ministry_of_local_authorities_names_no_theme():
    # 2020-12-09, labelled finances: the ministry « de la cohésion des territoires » signs
    # the rules of local finances; its name is no « Aménagement du territoire » vocabulary,
    # even when the title names no domain (the article of a loi de finances is cited by number).
    found = domains("Arrêté du 4 décembre 2020 pris pour l'application au titre de l'année 2020 "
                    "des dispositions prévues à l'article 159 de la loi n° 2017-1837 du 30 "
                    "décembre 2017 de finances pour 2018", COHESION)
    assert "territoires" not in found, found


def test_a_signing_ministry_speaks_only_when_nothing_else_names_a_domain():
    # 2020-12-11, labelled energie;finances: the title says energy; « transition écologique »
    # in the name of the ministry that signs it adds no « Environnement »…
    title = ("Décret n° 2020-1561 du 10 décembre 2020 relatif aux aides pour l'électrification "
             "rurale")
    found = domains(title, (*GENERAL, "Ministère de la transition écologique"))
    assert "environnement" not in found and "territoires" not in found, found
    assert found.get("energie", 0) > 0, found
    # …but it is all there is to go on when the title names no domain (not its words naming
    # local authorities: that ministry signs texts of all their fields).
    silent = domains("Décret n° 2027-3 du 2 mars 2027 portant diverses dispositions", (
        *GENERAL, "Ministère de la transition écologique et de la cohésion des territoires"))
    assert silent.get("environnement", 0) > 0 and "territoires" not in silent, silent


def test_the_minister_a_question_is_put_to_names_its_subject():
    # A Parliament question goes to the minister in charge of its subject: the ministry's
    # name counts (« décentralisation »), as it does not for a JO text it signs.
    item = Item(title="Responsabilité du maire pour une aire de jeux communale",
                ministry="Ministère chargé des collectivités territoriales et de la "
                "décentralisation", section="communes")
    asked, _ = features_of(item, gather(item), addressed=True)
    signed, _ = features_of(item, gather(item))
    assert asked.values.get("domaine:institutions", 0) > 0, asked.values
    assert "domaine:institutions" not in signed.values, signed.values


def test_the_state_service_a_nomination_names_is_the_post_and_its_field():
    # JO n° 0192, labelled finances: the post is in the finances publiques.
    assert "finances publiques" in shown(
        "Décret du 17 août 2026 portant nomination (direction régionale des finances "
        "publiques)", (*NOMINATIONS, "Ministère de l'action et des comptes publics"))["finances"]
    # Elsewhere a State service named says who acts, not what the text is about.
    assert "finances" not in domains("Arrêté du 2 mars 2027 relatif à l'organisation de la "
                                     "direction régionale des finances publiques de Bretagne",
                                     ("Décrets, arrêtés, circulaires", "Textes généraux"))


def test_preventive_archaeology_is_heritage_whoever_holds_the_licence():
    # 2020-12-13, labelled culture_sport_tourisme;urbanisme (twice): the licence's holder, a
    # municipal service or a communauté d'agglomération's, is not the subject.
    for title in ("Arrêté du 1er décembre 2020 portant habilitation en qualité d'opérateur "
                  "d'archéologie préventive du service archéologique municipal de Béziers",
                  "Arrêté du 1er décembre 2020 portant habilitation en qualité d'opérateur "
                  "d'archéologie préventive de la direction de l'archéologie de la communauté "
                  "d'agglomération de Béthune-Bruay"):
        found = domains(title, (*GENERAL, "Ministère de la culture"))
        culture = found.get("culture_sport_tourisme", 0)
        assert culture > max(found.get("institutions", 0), found.get("intercommunalite", 0))
        assert found.get("urbanisme", 0) > 0, found


def test_the_words_of_a_theme_are_quoted_one_by_one():
    """« entreprises », « économique » — each word between its own marks, as French writes
    them (before: « entreprises», « économique»)."""
    features, _ = item_features(Item(
        title="Décret n° 2020-1620 du 19 décembre 2020 relatif au fonds de solidarité à "
              "destination des entreprises particulièrement touchées par les conséquences "
              "économiques", nature="DECRET"))
    assert features.evidence["domaine:economie"] == "entreprises », « économique"
