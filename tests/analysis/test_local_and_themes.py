"""Local nominations find their département, themes follow the words that say the subject, and
short titles read like a newsroom's.

The titles are written in the manner of the Journal officiel for these tests; they are not
taken from the labelled issue.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from vigie.analysis.engine import analyse, item_features
from vigie.analysis.evidence import gather
from vigie.analysis.records import Item
from vigie.analysis.territories import find_territories
from vigie.analysis.themes import classify
from vigie.analysis.titles import MAX_LENGTH, short_title

NOMINATIVE = "Décrets, arrêtés, circulaires / Mesures nominatives / Ministère de l'intérieur"
GENERAL = "Décrets, arrêtés, circulaires / Textes généraux / Ministère de l'intérieur"
DECREE = "Décret du 13 octobre 2026 portant nomination "
ORDER = "Arrêté du 13 octobre 2026 portant nomination "
HAUTS_DE_FRANCE = ("02", "59", "60", "62", "80")
BRETAGNE = ("22", "29", "35", "56")
REPO = Path(__file__).resolve().parents[2]


def nomination(title: str, text: str = ""):
    return analyse(Item(title=title, section=NOMINATIVE, text=text))


# --- 1. local nominations --------------------------------------------------------------------

@pytest.mark.parametrize("title, departements", [
    (DECREE + "de la sous-préfète de Vierzon - Mme Claire DUPONT", ("18",)),
    (DECREE + "du sous-préfet de Bayonne - M. Paul MARTIN", ("64",)),
    (DECREE + "du sous-préfet d'Argentan - M. Paul MARTIN", ("61",)),
    (DECREE + "du sous-préfet du Vigan - M. Paul MARTIN", ("30",)),
    (DECREE + "de la sous-préfète des Andelys - Mme Claire DUPONT", ("27",)),
    (DECREE + "de la sous-préfète de La Tour-du-Pin - Mme Claire DUPONT", ("38",)),
    (DECREE + "du sous-préfet de Saint-Denis (La Réunion) - M. Paul MARTIN", ("974",)),
    # The chef-lieu of an arrondissement, not the département of the same name (86).
    (DECREE + "du sous-préfet de Vienne - M. Paul MARTIN", ("38",)),
    (DECREE + "du préfet de la Vienne - M. Paul MARTIN", ("86",)),
    (DECREE + "du préfet de la Haute-Marne - M. Luc BLANC", ("52",)),
    (DECREE + "du sous-préfet chargé de mission auprès du préfet de la région Hauts-de-France "
              "- M. Jean DURAND", HAUTS_DE_FRANCE),
    (DECREE + "du préfet de la région Bretagne, préfet de la zone de défense et de sécurité "
              "Ouest, préfet d'Ille-et-Vilaine - Mme Anne NOIR", BRETAGNE),
    (DECREE + "du secrétaire général de la préfecture du Nord, sous-préfet de Lille - M. A B",
     ("59",)),
    # « la Creuse » is also a village of Haute-Saône: the département must win after its cue.
    (ORDER + "du directeur départemental des territoires de la Creuse - M. Marc GRIS", ("23",)),
    (ORDER + "du directeur départemental de l'emploi, du travail, des solidarités et de la "
             "protection des populations de la Creuse - M. Marc GRIS", ("23",)),
    (ORDER + "du directeur académique des services de l'éducation nationale du Tarn "
             "- Mme Léa ROUX", ("81",)),
    (ORDER + "de l'inspecteur d'académie, directeur académique des services de l'éducation "
             "nationale de la Marne - M. A B", ("51",)),
    (DECREE + "de la rectrice de la région académique Bretagne, rectrice de l'académie de "
              "Rennes - Mme A B", BRETAGNE),
])
def test_local_nominations_name_their_departement(title: str, departements: tuple[str, ...]):
    decision = nomination(title)
    assert decision.retained and decision.scope == "local", decision.reasons
    assert decision.departements == departements
    assert any(reason.startswith("nomination pour : ") for reason in decision.reasons)


def test_a_region_counts_for_all_its_departements_and_names_them():
    decision = nomination(DECREE + "du préfet de la région Bretagne, préfet d'Ille-et-Vilaine "
                                   "- Mme Anne NOIR")
    assert decision.departements == BRETAGNE
    assert "Bretagne (22, 29, 35, 56)" in " ".join(decision.reasons)


@pytest.mark.parametrize("name, code", [
    ("Castres", "81065"),  # the Aisne has a village of that name, a hundred times smaller
    ("Langon", "33227"),
    ("Grasse", "06069"),
    ("Montbrison", "42147"),
])
def test_a_subprefecture_named_like_villages_is_the_biggest_town(name: str, code: str):
    found = find_territories("", title=f"{DECREE}du sous-préfet de {name} - M. Paul MARTIN")
    assert [(t.kind, t.code) for t in found] == [("commune", code)]


def test_two_towns_of_a_size_are_left_unsettled():
    # Saint-Denis (93) and Saint-Denis (974) are both chefs-lieux of an arrondissement.
    decision = nomination(DECREE + "de la sous-préfète de Saint-Denis - Mme Claire DUPONT")
    assert decision.scope == "local" and decision.departements == ()
    assert "ne précise pas" in " ".join(decision.reasons)


def test_the_title_names_the_post_the_text_also_names_the_previous_one():
    text = ("Par décret du Président de la République en date du 13 octobre 2026, Mme Claire "
            "DUPONT, sous-préfète de Bayonne, est nommée sous-préfète de Vierzon.")
    decision = nomination(DECREE + "de la sous-préfète de Vierzon - Mme Claire DUPONT", text)
    assert decision.departements == ("18",)


def test_without_a_cue_a_river_or_a_village_is_no_territory():
    assert find_territories("La rivière traverse la Creuse en aval du barrage.") == ()
    assert find_territories("Le trajet de Vierzon à la mer est long.") == ()


def test_vigie_analyse_gives_local_editions_for_nominations(tmp_path: Path):
    records = [{"title": DECREE + "de la sous-préfète de Vierzon - Mme Claire DUPONT",
                "section": NOMINATIVE, "nature": "DECRET", "date": "2026-10-14"},
               {"title": ORDER + "du directeur départemental des territoires de la Creuse "
                                 "- M. Marc GRIS", "section": NOMINATIVE, "date": "2026-10-14"}]
    env = {**os.environ, "VIGIE_DATA_DIR": str(tmp_path),
           "VIGIE_DATABASE_URL": f"sqlite:///{tmp_path}/t.sqlite3", "PYTHONIOENCODING": "utf-8"}
    run = subprocess.run(
        [sys.executable, "-m", "vigie.cli", "analyse", "--jsonl", "-"],
        input="\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n",
        capture_output=True, text=True, env=env, cwd=REPO, timeout=300)
    assert run.returncode == 0, run.stderr
    decisions = [json.loads(line) for line in run.stdout.splitlines()]
    assert [(d["scope"], d["departements"]) for d in decisions] == [
        ("local", ["18"]), ("local", ["23"])]


# --- 2. main theme ----------------------------------------------------------------------------

def themes_of(title: str) -> tuple[str, tuple[str, ...]]:
    item = Item(title=title, section=GENERAL)
    found = classify(item_features(item, gather(item))[0])
    return found.theme, found.secondary


@pytest.mark.parametrize("title, theme", [
    ("Décret n° 2026-1100 du 20 octobre 2026 relatif à la dotation globale de fonctionnement "
     "des communes et de leurs groupements", "finances"),
    ("Décret n° 2026-1102 du 20 octobre 2026 relatif au FCTVA des communes nouvelles",
     "finances"),
    ("Arrêté du 20 octobre 2026 fixant le montant de la DGF des départements", "finances"),
    ("Décret n° 2026-1104 du 20 octobre 2026 relatif à la fiscalité locale des établissements "
     "publics de coopération intercommunale", "finances"),
    ("Décret n° 2026-1109 du 20 octobre 2026 relatif au potentiel fiscal et à l'effort fiscal "
     "des communes", "finances"),
    ("Arrêté du 20 octobre 2026 relatif aux fréquences attribuées pour les réseaux de "
     "communications électroniques dans les communes de montagne", "numerique"),
    ("Décret n° 2026-1106 du 20 octobre 2026 relatif au déploiement de la fibre dans les "
     "communes rurales", "numerique"),
    ("Arrêté du 20 octobre 2026 relatif aux décisions de l'ARCEP sur la couverture des "
     "communes", "numerique"),
    # « fréquence » is also how often: the waste vocabulary keeps its text.
    ("Décret n° 2026-1110 du 20 octobre 2026 relatif à la fréquence de collecte des "
     "biodéchets par les communes", "environnement"),
])
def test_main_theme_follows_the_words_that_say_the_subject(title: str, theme: str):
    assert themes_of(title)[0] == theme


def test_taxe_de_sejour_is_local_finance_read_by_the_tourism_desk_too():
    theme, secondary = themes_of("Décret n° 2026-1105 du 20 octobre 2026 relatif à la taxe de "
                                 "séjour")
    assert theme == "finances" and "culture_sport_tourisme" in secondary
    decision = analyse(Item(title="Décret n° 2026-1105 du 20 octobre 2026 relatif à la taxe de "
                                  "séjour", section=GENERAL))
    assert decision.retained and {"finances", "culture_sport"} <= set(decision.roles)


# --- 3. short titles --------------------------------------------------------------------------

@pytest.mark.parametrize("title, expected", [
    ("Décret n° 2026-1014 du 12 octobre 2026 relatif au remboursement des frais de garde et "
     "d'assistance engagés par les élus locaux et modifiant le code général des collectivités "
     "territoriales",
     "Remboursement des frais de garde et d'assistance engagés par les élus locaux"),
    ("Décret n° 2026-1 du 2 janvier 2026 pris pour l'application de l'article 15 de la loi "
     "n° 2025-1249 du 22 décembre 2025 relative au statut de l'élu local",
     "Statut de l'élu local : application de l'article 15 de la loi du 22 décembre 2025"),
    ("Décret n° 2026-2 du 2 janvier 2026 pris pour l'application de l'article 15 de la loi "
     "n° 2025-1249 du 22 décembre 2025",
     "Application de l'article 15 de la loi n° 2025-1249 du 22 décembre 2025"),
    ("Décret n° 2026-3 du 2 janvier 2026 pris pour l'application de la loi n° 2023-1196 du "
     "18 décembre 2023 pour le plein emploi",
     "Plein emploi : application de la loi du 18 décembre 2023"),
    ("Décret n° 2026-905 du 2 septembre 2026 relatif à la taxe de séjour et abrogeant le décret "
     "n° 2015-970 du 31 juillet 2015", "Taxe de séjour"),
    ("Ordonnance n° 2026-5 du 10 janvier 2026 relative à la protection sociale complémentaire "
     "des agents territoriaux et portant modification du code général de la fonction publique",
     "Protection sociale complémentaire des agents territoriaux"),
    # Too thin a head to stand alone: the amending clause stays, as a noun.
    ("Décret n° 2026-906 du 2 septembre 2026 relatif aux communes et modifiant le code général "
     "des collectivités territoriales",
     "Communes et modification du code général des collectivités territoriales"),
    # Amending something other than a text is the subject itself.
    ("Décret n° 2026-902 du 2 septembre 2026 relatif aux conditions de recrutement et modifiant "
     "le statut particulier du cadre d'emplois des attachés territoriaux",
     "Conditions de recrutement et modification du statut particulier du cadre d'emplois des "
     "attachés territoriaux"),
    # The issuer named after the number goes: the section names it.
    ("Décision n° 2026-1200 de l'Autorité de régulation des communications électroniques, des "
     "postes et de la distribution de la presse en date du 3 juin 2026 relative au déploiement "
     "de la fibre dans les zones rurales", "Déploiement de la fibre dans les zones rurales"),
    ("Arrêté du 15 février 2026 pris en application de l'article R. 2334-7 du code général des "
     "collectivités territoriales",
     "Application de l'article R. 2334-7 du code général des collectivités territoriales"),
    ("Décret n° 2026-7 du 2 janvier 2026 relatif à l'aide de l'Etat aux communes et à leurs "
     "groupements pour la vidéoprotection",
     "Aide de l'État aux communes et à leurs groupements pour la vidéoprotection"),
])
def test_short_titles_read_like_a_newsroom(title: str, expected: str):
    assert short_title(title) == expected


@pytest.mark.parametrize("title, expected", [
    ("Décret n° 2026-901 du 2 septembre 2026 relatif à la partie réglementaire du code de la "
     "commande publique, pris pour l'application de la loi n° 2026-12 du 3 janvier 2026 de "
     "simplification de la vie économique et portant diverses dispositions",
     "Partie réglementaire du code de la commande publique"),
    ("Décret n° 2026-900 du 2 septembre 2026 relatif aux modalités de mise en œuvre de la "
     "protection sociale complémentaire des agents de la fonction publique territoriale et "
     "portant diverses dispositions relatives aux centres de gestion",
     "Modalités de mise en œuvre de la protection sociale complémentaire des agents de la "
     "fonction publique territoriale"),
    # The legal basis inside the subject goes; what the decision does and where stays.
    ("Décision n° 2026-0924 du 26 mai 2026 attribuant le statut de « zone fibrée » en vertu de "
     "l'article L. 33-11 du CPCE à la société Réseau Numérique sur 112 communes du département "
     "de l'Indre",
     "Attribution du statut de « zone fibrée » à la société Réseau Numérique sur 112 communes du "
     "département de l'Indre"),
])
def test_long_titles_are_cut_where_a_clause_begins(title: str, expected: str):
    short = short_title(title)
    assert short == expected
    assert len(short) <= MAX_LENGTH or "," not in title  # cut only where a clause begins


def test_a_long_title_without_a_clause_to_cut_stays_whole():
    title = ("Décret n° 2026-907 du 2 septembre 2026 relatif à la répartition de la dotation "
             "globale de fonctionnement des communes, des établissements publics de coopération "
             "intercommunale à fiscalité propre et des départements pour l'année 2026, au titre "
             "de la péréquation")
    assert short_title(title).startswith("Répartition de la dotation globale")
    assert short_title(title).endswith("au titre de la péréquation")


@pytest.mark.parametrize("title", [
    "Décret n° 2026-1014 du 12 octobre 2026 relatif au remboursement des frais de garde et "
    "d'assistance engagés par les élus locaux et modifiant le code général des collectivités "
    "territoriales",
    "Décret n° 2026-901 du 2 septembre 2026 relatif à la partie réglementaire du code de la "
    "commande publique, pris pour l'application de la loi n° 2026-12 du 3 janvier 2026 de "
    "simplification de la vie économique et portant diverses dispositions",
    "Décret n° 2026-905 du 2 septembre 2026 relatif à la taxe de séjour et abrogeant le décret "
    "n° 2015-970 du 31 juillet 2015",
])
def test_short_titles_never_invent_words_nor_cut_one(title: str):
    short = short_title(title)
    # Every word of the short title is a whole word of the title, or a participle's noun.
    added = set(short.lower().replace(",", " ").split()) - set(
        title.lower().replace(",", " ").split())
    assert added <= {"abrogation", "modification", "du", "de"}
