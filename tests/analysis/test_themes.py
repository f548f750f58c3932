"""Themes, roles, the taxonomy and the normalisation they rest on."""

from __future__ import annotations

import re

import pytest

from tests.analysis.conftest import shared_file
from vigie.analysis.engine import analyse
from vigie.analysis.evidence import gather
from vigie.analysis.normalize import fold, stem, tokens
from vigie.analysis.records import Item
from vigie.analysis.selection import features_of
from vigie.analysis.themes import classify
from vigie.reference.taxonomy import ROLES, RUBRICS, THEMES, roles_for, theme_label

GENERAL = "Décrets, arrêtés, circulaires / Textes généraux / "


def themes_of(title: str, **fields) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    departements = fields.pop("departements", ())
    item = Item(title=title, **fields)
    overseas = bool(departements) and all(code.startswith("97") for code in departements)
    features, _ = features_of(item, gather(item), overseas=overseas)
    found = classify(features)
    return found.theme, found.secondary, found.roles


def test_taxonomy_matches_the_shared_table():
    table = shared_file("eval", "TAXONOMY.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| ([a-z_]+) \| ([^|]+?) \|", table, flags=re.MULTILINE))
    # « Financements » (aid schemes, issue 15) is Vigie's own addition to the shared rubrics.
    own = {"financements": "Financements"}
    for slugs in (THEMES, ROLES, {k: v for k, v in RUBRICS.items() if k not in own}):
        for slug, label in slugs.items():
            # (the shared words, with French spacing: « Population : état civil »)
            shared = rows.get(slug, "").replace(": ", " : ")
            assert shared == label or label in table, slug
    assert all(RUBRICS[slug] == label for slug, label in own.items())
    assert len(THEMES) == 20 and len(ROLES) == 13 and len(RUBRICS) == 10 + len(own)


def test_labels_are_french_and_unknown_slugs_do_not_crash():
    assert theme_label("rh") == "Ressources humaines et fonction publique territoriale"
    assert theme_label("inconnu") == "inconnu"


@pytest.mark.parametrize("title, expected", [
    ("Décret n° 2026-1 du 2 septembre 2026 relatif aux conditions d'exercice des mandats "
     "locaux et au conseil municipal", "institutions"),
    ("Arrêté du 2 septembre 2026 relatif à la collecte séparée des biodéchets", "environnement"),
    ("Décret n° 2026-2 du 2 septembre 2026 relatif à la tenue des listes électorales",
     "population"),
    ("Décret n° 2026-3 du 2 septembre 2026 relatif au classement en zone de revitalisation "
     "rurale", "territoires"),
    ("Décret n° 2026-4 du 2 septembre 2026 relatif au revenu de solidarité active",
     "social"),
    ("Décret n° 2026-5 du 2 septembre 2026 relatif aux seuils de la commande publique",
     "commande_publique"),
    ("Décret n° 2026-6 du 2 septembre 2026 relatif à la restauration scolaire", "education"),
    ("Arrêté du 2 septembre 2026 relatif au permis de construire", "urbanisme"),
    ("Décret n° 2026-7 du 2 septembre 2026 relatif à la dotation globale de fonctionnement",
     "finances"),
    ("Décret n° 2026-8 du 2 septembre 2026 relatif aux polices municipales", "securite"),
])
def test_main_theme_from_title_vocabulary(title: str, expected: str):
    assert themes_of(title)[0] == expected


def test_accents_capitals_and_plurals_do_not_matter():
    assert themes_of("DECRET RELATIF AUX COLLECTIVITES TERRITORIALES")[0] == "institutions"
    assert themes_of("Décret relatif aux agents territoriaux")[0] == "rh"


def test_ministry_and_nor_priors_break_silence():
    theme, _, _ = themes_of("Décret n° 2026-9 du 2 septembre 2026 portant diverses dispositions",
                            section=GENERAL + "Ministère de la ville et du logement",
                            ministry="Ministère de la ville et du logement")
    assert theme == "logement"
    assert themes_of("Décret n° 2026-10 du 2 septembre 2026 portant diverses dispositions",
                     nor="INTB2600001D")[0] == "institutions"


def test_the_reason_shows_the_words_as_written():
    # « émetteur : « interieur » (« Intérieur ») »: the folded word the weights know, then
    # the word of the text; now the word as written, once.
    item = Item(title="Décret du 13 octobre 2026 portant nomination du préfet de l'Indre - "
                "M. DELORME-VAUTRIN (Olivier)", nor="INTA2628071D",
                ministry="Ministère de l'intérieur",
                section="Décrets, arrêtés, circulaires / Mesures nominatives / Ministère de "
                "l'intérieur")
    features, _ = features_of(item, gather(item))
    reason = classify(features).reason
    assert "émetteur : « intérieur »" in reason and "interieur" not in reason, reason


def test_overseas_territories_are_evidence_not_a_verdict():
    # Named overseas territories lean to « Outre-mer » when nothing else says the subject…
    assert analyse(Item(title="Décret portant diverses dispositions applicables en "
                              "Guadeloupe et en Martinique")).theme == "outre_mer"
    # …but the subject wins when the title says it (learned weights, not an override).
    assert analyse(Item(title="Arrêté relatif à la collecte des déchets à "
                              "Mayotte")).theme == "environnement"


def test_addressees_alone_do_not_decide_the_theme():
    for title in ("Décret relatif aux obligations des maires en matière de collecte des "
                  "déchets", "Arrêté relatif à la collecte des déchets dans les communes et "
                  "par les élus"):
        assert analyse(Item(title=title)).theme == "environnement", title


def test_secondary_themes_are_at_most_two_and_roles_follow_themes():
    theme, secondary, roles = themes_of(
        "Décret relatif au logement social, à l'urbanisme, aux écoles élémentaires, à la "
        "voirie et aux déchets")
    assert len(secondary) <= 2 and theme not in secondary
    assert roles[-1] == "direction"
    assert set(roles) <= set(ROLES)


def test_roles_for_rh_and_default():
    assert roles_for(("rh",)) == ("rh", "direction")
    assert roles_for(("institutions",))[0] == "elus"
    assert themes_of("Informations diverses")[0] == "institutions"


def test_fold_and_stem():
    assert fold("Œuvre d’État") == "oeuvre d'etat"
    assert stem("territoriaux") == "territorial"
    assert stem("réseaux") == "réseau"
    assert stem("communes") == "commune" and stem("commun") == "commun"
    assert stem("plus") == "plus"  # would collide with « PLU »
    assert tokens("Des Élus locaux") == ["des", "elu", "local"]
