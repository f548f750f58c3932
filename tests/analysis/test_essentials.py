"""Short titles in the manner of a newsroom, and essentials taken from the text itself."""

from __future__ import annotations

import re

import pytest

from tests.analysis.conftest import CATNAT, parsed_text
from vigie.analysis.essentials import MAX_ESSENTIALS, NO_ESSENTIALS, essentials, short_title
from vigie.analysis.records import Item


@pytest.mark.parametrize("title, expected", [
    ("Décret n° 2026-800 du 17 août 2026 pris pour l'application de l'article 15 de la loi "
     "n° 2025-1249 du 22 décembre 2025 portant création d'un statut de l'élu local",
     "Statut de l'élu local : application de l'article 15 de la loi du 22 décembre 2025"),
    ("Arrêté du 11 août 2026 modifiant l'arrêté du 10 avril 2020 relatif aux obligations "
     "d'actions de réduction des consommations d'énergie finale dans des bâtiments à usage "
     "tertiaire",
     "Obligations d'actions de réduction des consommations d'énergie finale dans des bâtiments "
     "à usage tertiaire : modification de l'arrêté du 10 avril 2020"),
    ("Décision du 10 août 2026 portant fixation du barème indicatif de la valeur vénale "
     "moyenne des terres agricoles en 2025",
     "Barème indicatif de la valeur vénale moyenne des terres agricoles en 2025"),
    ("LOI n° 2026-797 du 18 août 2026 pour une montagne vivante et souveraine (1)",
     "Loi pour une montagne vivante et souveraine"),
    ("Décret n° 2027-12 du 5 janvier 2027 relatif à la tenue des listes électorales",
     "Tenue des listes électorales"),
    ("Arrêté du 5 janvier 2027 fixant le montant de la dotation de solidarité rurale",
     "Fixation du montant de la dotation de solidarité rurale"),
    ("Décision n° 2026-0924 du 26 mai 2026 attribuant le statut de « zone fibrée » sur 238 "
     "communes du département du Cher",
     "Attribution du statut de « zone fibrée » sur 238 communes du département du Cher"),
    ("Arrêté du 17 août 2026 portant nomination (directions départementales interministérielles)",
     "Nomination (directions départementales interministérielles)"),
    ("Décret n° 2026-1 du 2 janvier 2026 relatif au patrimoine de l'Etat",
     "Patrimoine de l'État"),
])
def test_short_title(title: str, expected: str):
    assert short_title(title) == expected


@pytest.mark.parametrize("title", [
    "Décision n° 2026-910 DC du 14 août 2026",  # nothing but the reference: kept whole
    "Informations diverses",
    "Avis de vacance d'un emploi de sous-directeur",
])
def test_short_title_keeps_titles_it_cannot_shorten_safely(title: str):
    assert short_title(title) == title


def test_short_title_never_adds_words():
    title = ("Arrêté du 7 août 2026 portant extension d'un accord relatif aux primes conclu dans "
             "la branche des industries électriques et gazières")
    added = set(short_title(title).lower().split()) - set(title.lower().split())
    assert added <= {"extension"}


def test_sommaire_only_gives_no_essentials_and_says_why():
    found, reason = essentials(Item(title="Décret n° 2026-1 du 2 janvier 2026 relatif aux "
                                          "communes"))
    assert found == () and reason == NO_ESSENTIALS


def test_notice_first_then_operative_articles():
    text = ("Le Premier ministre,\nSur le rapport du ministre de l'intérieur,\n"
            "Vu le code général des collectivités territoriales ;\nDécrète :\nArticle 1\n"
            "Le conseil municipal se réunit au moins une fois par trimestre dans les communes "
            "de moins de 1 000 habitants.\nArticle 2\nLe ministre de l'intérieur est chargé de "
            "l'exécution du présent décret, qui sera publié au Journal officiel de la République "
            "française.\nFait le 2 janvier 2026.\nSébastien LECORNU")
    item = Item(title="Décret n° 2026-1 du 2 janvier 2026 relatif au conseil municipal",
                text=text, notice={"objet": "fréquence des réunions du conseil municipal."})
    found, reason = essentials(item)
    assert reason == ""
    assert found[0] == "Fréquence des réunions du conseil municipal."
    assert found[1].startswith("Le conseil municipal se réunit au moins une fois")
    assert len(found) == 2  # never padded with visas, formulas or signatures


def test_at_most_three_essentials_and_long_sentences_are_cut():
    sentence = "communes transmettent leurs actes au représentant de l'État " + "x " * 200
    text = "Arrête :\n" + "\n".join(f"Les {n} {sentence}." for n in range(5))
    found, _ = essentials(Item(title="Arrêté du 1er janvier 2026 relatif aux actes", text=text))
    assert len(found) == MAX_ESSENTIALS
    assert all(len(one) <= 300 for one in found)
    assert found[0].endswith("x…")  # « … » glued to the last word (French typography)


@pytest.mark.parametrize("pad", range(0, 24))
def test_long_essential_never_ends_inside_an_article_reference(pad: int):
    """Wherever the limit falls, the cut keeps « articles L. 2131-1 » whole or leaves it out
    (it read « … prévues aux articles L. … »)."""
    sentence = ("Les communes transmettent leurs actes réglementaires au représentant de l'État "
                "dans le département " + "a " * pad + "de façon électronique selon des modalités "
                "fixées par arrêté ministériel et dans les délais et conditions prévus aux "
                "articles L. 2131-1 et L. 2131-2 du code général des collectivités territoriales, "
                "sans que cette transmission ne soit soumise à un formulaire, et en conservant "
                "un accusé de réception.")
    found, _ = essentials(Item(title="Arrêté du 1er janvier 2026 relatif aux actes",
                               text=f"Arrête :\nArticle 1\n{sentence}"))
    kept = found[0].removesuffix("…")
    assert len(found[0]) <= 300 and found[0].endswith("…") and not kept.endswith(" ")
    assert not re.search(r"(?:\baux|\barticles|L\.|L\. \d+|\d-)$", kept), found[0]


def test_notice_lines_at_the_top_of_older_texts_are_used():
    text = ("Publics concernés : communes.\nObjet : publication des actes des communes.\n"
            "Le Premier ministre,\nDécrète :\nArticle 1\nLes actes sont publiés sous forme "
            "électronique sur le site internet de la commune.")
    found, _ = essentials(Item(title="Décret n° 2026-2 du 2 janvier 2026", text=text))
    assert found[0] == "Publication des actes des communes."
    assert "sous forme électronique" in found[1]


def test_real_catastrophe_naturelle_text():
    item = Item.from_parsed(parsed_text(*CATNAT))
    found, reason = essentials(item)
    assert reason == "" and 1 <= len(found) <= MAX_ESSENTIALS
    assert "catastrophe naturelle" in found[0]
    assert not any("Journal officiel" in one or one.startswith("Vu ") for one in found)


def test_real_essential_is_cut_after_a_whole_item_of_the_list():
    """The catastrophe naturelle's long sentence ended « …, les vents cycloniques et les … »:
    it is cut after a whole item of its list, « … » glued to it."""
    found, _ = essentials(Item.from_parsed(parsed_text(*CATNAT)))
    cut = [one for one in found if one.endswith("…")]
    assert len(cut) == 1 and len(cut[0]) <= 300
    assert cut[0].endswith(", les mouvements de terrain…")


# --- Issue 10: reader text in good French -----------------------------------------------------

@pytest.mark.parametrize("title, expected", [
    ("Arrêté du 5 janvier 2027 fixant le nombre et la durée des mandats des membres du conseil",
     "Fixation du nombre et de la durée des mandats des membres du conseil"),
    ("Décret n° 2026-3 du 3 janvier 2026 portant classement de la commune de Achères en "
     "station de tourisme", "Classement de la commune d'Achères en station de tourisme"),
    ("Arrêté du 3 mars 2026 modifiant le montant et les modalités de versement de la dotation",
     "Modification du montant et des modalités de versement de la dotation"),
])
def test_short_titles_are_grammatical(title: str, expected: str):
    assert short_title(title) == expected


def test_identical_short_titles_are_told_apart_by_their_reference():
    from vigie.analysis.titles import distinct_titles

    catnat = "Reconnaissance de l'état de catastrophe naturelle"
    titles = distinct_titles([
        (catnat, "Arrêté du 9 octobre 2026 portant reconnaissance de l'état de catastrophe "
                 "naturelle", "INTE2699700A"),
        (catnat, "Arrêté du 10 octobre 2026 portant reconnaissance de l'état de catastrophe "
                 "naturelle", "INTE2699701A"),
        ("Nomination", "Arrêté du 9 octobre 2026 portant nomination", "ARMH2600001A"),
        ("Nomination", "Arrêté du 9 octobre 2026 portant nomination", "ARMH2600002A"),
        ("Tenue des listes électorales", "Décret n° 2027-12 du 5 janvier 2027 relatif à la "
                                         "tenue des listes électorales", "INTA2700001D"),
    ])
    assert titles == [f"{catnat} (arrêté du 9 octobre 2026)",
                      f"{catnat} (arrêté du 10 octobre 2026)",
                      "Nomination (arrêté du 9 octobre 2026, NOR ARMH2600001A)",
                      "Nomination (arrêté du 9 octobre 2026, NOR ARMH2600002A)",
                      "Tenue des listes électorales"]
    assert len(set(titles)) == len(titles)


def test_texts_known_by_the_sommaire_only_get_distinct_titles_too():
    """Same short title, same reference, no NOR (the sommaire gives none): numbered."""
    from vigie.analysis.titles import distinct_titles

    official = "Décret du 1er décembre 2026 portant nomination (Cour des comptes)"
    titles = distinct_titles([("Nomination (Cour des comptes)", official, "")] * 3
                             + [("Avis", "Avis", ""), ("Avis", "Avis", "")])
    assert titles == [
        "Nomination (Cour des comptes) (décret du 1er décembre 2026)",
        "Nomination (Cour des comptes) (décret du 1er décembre 2026, 2e texte)",
        "Nomination (Cour des comptes) (décret du 1er décembre 2026, 3e texte)",
        "Avis", "Avis (2e texte)"]


def test_a_laws_essential_is_what_its_first_article_decides():
    text = ("L'Assemblée nationale et le Sénat ont adopté,\nLe Président de la République "
            "promulgue la loi dont la teneur suit :\nArticle 1\nLe code général des collectivités "
            "territoriales est ainsi modifié :\n1° Après l'article L. 2224-7, il est inséré un "
            "article L. 2224-7-2 ainsi rédigé :\n« Art. L. 2224-7-2. – Les communes de moins de "
            "3 500 habitants peuvent confier la gestion de leur service d'eau au département. »\n"
            "Article 2\nLes montants sont fixés comme suit :\nLa présente loi sera exécutée "
            "comme loi de l'Etat.")
    found, _ = essentials(Item(title="LOI n° 2026-1 du 1er janvier 2026 relative à l'eau",
                               nature="LOI", text=text))
    assert found == ("Les communes de moins de 3 500 habitants peuvent confier la gestion de "
                     "leur service d'eau au département.",)


def test_no_essential_ends_on_a_colon():
    text = ("Arrête :\nArticle 1\nLes montants annuels de référence applicables aux membres du "
            "cadre d'emplois sont fixés comme suit :\nGrade | Montant\nArticle 2\nL'organe "
            "délibérant fixe, dans la limite de ces montants, les plafonds applicables.")
    found, _ = essentials(Item(title="Arrêté du 8 octobre 2026 fixant des montants", text=text))
    assert found and not any(one.endswith(":") for one in found)
    # Nor from the notice: « Objet : … les dispositions suivantes : » announces, says nothing.
    found, _ = essentials(Item(title="Arrêté du 8 octobre 2026 fixant des montants", text=text,
                               notice={"objet": "modification des dispositions suivantes :"}))
    assert found and not any(one.endswith(":") for one in found)
