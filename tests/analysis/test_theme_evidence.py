"""What a text is about, read from what it does and the code it applies, not from whom it
addresses (``features._domains``): the vocabulary scores each theme's weights read.

The titles are quoted from the labelled issues of ``shared/eval/issues`` (the labelled themes
are given with each); they are written here, so the tests need no shared file.
"""

from __future__ import annotations

from vigie.analysis.engine import item_features
from vigie.analysis.evaluate import sommaire_item

COHESION = ("Décrets, arrêtés, circulaires", "Textes généraux", "Ministère de la cohésion des "
            "territoires et des relations avec les collectivités territoriales")


def domains(title: str, section: tuple[str, ...]) -> dict[str, float]:
    features, _ = item_features(sommaire_item(title, section))
    return {name.partition(":")[2]: value for name, value in features.values.items()
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

