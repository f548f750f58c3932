"""The shape of an edition: typed items and editions, one walk, a JSON round trip (pure)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from vigie.analysis.dates import KeyDate
from vigie.editions.content import (
    Commune,
    EditionContent,
    Item,
    Link,
    Territory,
    group,
)

DAY = date(2026, 10, 14)


def item(uid: str, theme: str = "risques", rubric: str = "jo", **fields) -> Item:
    return Item(uid=uid, rubric=rubric, title=f"Arrêté {uid}", short_title=f"Court {uid}",
                theme=theme, **fields)


CATNAT = item(
    "JORFTEXT000099000004", urgent=True, score=1.0, departements=("18", "36"),
    essentials=("L'état de catastrophe naturelle est constaté.",),
    dates=(KeyDate(date(2026, 10, 15), "entree_en_vigueur", "Entrée en vigueur",
                   "le lendemain de sa publication"),),
    reasons=("désigne 17 communes de 4 départements",), reference="JORF n°0241 — NOR : X",
    jo_number="241", date_publi=DAY, rank=4,
    territories=(Territory("18", (Commune("18033", "Bourges", "reconnue",
                                          "Inondations et coulées de boue", "du 1er au 3 juin",
                                          listed=True),
                                  Commune("", "Saint-Nulle-Part", "reconnue", listed=True),
                                  Commune("18279", "Vierzon"))),
                 Territory("36", (Commune("36044", "Châteauroux"),))),
    links=(Link("official", "Légifrance", "https://www.legifrance.gouv.fr/jorf/id/X"),
           Link("issue", "Journal officiel du jour", "https://www.legifrance.gouv.fr/jo")),
)


def test_an_item_reads_back_what_it_wrote():
    data = json.loads(json.dumps(CATNAT.to_json()))  # through real JSON text
    assert Item.from_json(data) == CATNAT
    assert data["territories"][0]["communes"][0] == {
        "code": "18033", "name": "Bourges", "status": "reconnue",
        "phenomenon": "Inondations et coulées de boue", "period": "du 1er au 3 juin",
        "listed": True}
    assert "in_departement" not in data and "shown_for" not in data  # the edition's


def test_an_edition_of_a_departement_lists_its_communes_the_readers_first():
    cher = CATNAT.shown_in("18")
    # Listed by the text (annex rows), unidentified names kept; Vierzon, only named, is not.
    assert [c.describe() for c in cher.local_communes] == [
        "Bourges : reconnue — inondations et coulées de boue, du 1er au 3 juin",
        "Saint-Nulle-Part (commune non identifiée) : reconnue"]
    assert [c.name for c in cher.communes_first("18279")][0] == "Bourges"
    assert cher.communes_first("18033")[0].describe(mine=True).startswith(
        "Bourges (votre commune) : reconnue")
    assert CATNAT.shown_in("").local_communes == ()  # the national edition: no département
    assert CATNAT.shown_in("36").local_communes == ()  # Châteauroux is only named
    assert CATNAT.names_commune("18279") and not CATNAT.names_commune("")


def test_an_item_knows_its_places_and_links():
    assert CATNAT.names("18") and CATNAT.names("36") and not CATNAT.names("41")
    assert not CATNAT.names("")  # the national edition has no département
    assert CATNAT.names_commune("18279") and not CATNAT.names_commune("45234")
    assert [c.name for c in CATNAT.communes_in("18")] == ["Bourges", "Saint-Nulle-Part",
                                                           "Vierzon"]
    assert CATNAT.shown_in("18").in_departement and not CATNAT.shown_in("").in_departement
    assert CATNAT.official_url == "https://www.legifrance.gouv.fr/jorf/id/X"
    assert CATNAT.issue.label == "Journal officiel du jour" and CATNAT.eli is None
    assert CATNAT.theme_label == "Risques, catastrophes et sécurité civile"


def test_rubrics_in_taxonomy_order_themes_by_first_item():
    items = [item("A", "rh", rubric="parlement"), item("B", "finances"), item("C", "rh"),
             item("D", "finances")]
    rubrics = group(items, {"jo": ("Journal officiel n°241",)})
    assert [r.slug for r in rubrics] == ["jo", "parlement"]  # a future rubric: nothing new
    assert [t.slug for t in rubrics[0].themes] == ["finances", "rh"]
    assert [i.uid for i in rubrics[0].items()] == ["B", "D", "C"]
    assert rubrics[0].headers == ("Journal officiel n°241",) and rubrics[1].headers == ()


def test_an_edition_is_walked_one_way_and_reads_back():
    items = [CATNAT.shown_in("18"), item("B", "finances"), item("C", "risques")]
    edition = EditionContent(day=DAY, departement="18", title="L'actualité — Cher (18)",
                             rubrics=group(items, {"jo": ("JO n°241",)}), covered=(DAY,),
                             headers={"jo": ("JO n°241",)}, closing="Aucun autre texte.",
                             revised=True, revision=3)
    assert edition.uids() == [CATNAT.uid, "C", "B"]  # grouped by theme
    assert edition.item(CATNAT.uid).in_departement
    back = EditionContent.from_json(json.loads(json.dumps(edition.to_json())))
    assert back == edition and back.item(CATNAT.uid).in_departement
    assert edition.jo_headers == ("JO n°241",)
    only = edition.only(["B"])
    assert only.uids() == ["B"] and [t.slug for t in only.rubrics[0].themes] == ["finances"]
    assert only.closing == edition.closing and only.headers == edition.headers


def test_order_key_urgent_then_importance_then_issue_order():
    first, second = replace(CATNAT, urgent=False, score=0.9), replace(CATNAT, urgent=False,
                                                                      score=0.9, rank=9)
    ordered = sorted([second, replace(CATNAT, score=0.1), first], key=Item.sort_key)
    assert [i.rank for i in ordered] == [4, 4, 9] and ordered[0].urgent


def test_a_long_list_is_cut_in_messages_the_readers_commune_kept_first():
    from vigie.editions.text import MAX_COMMUNES, commune_lines

    many = tuple(Commune(f"18{n:03d}", f"Commune {n}", "reconnue", listed=True)
                 for n in range(1, 41))
    cher = item("JORFTEXT000099000099", departements=("18",),
                territories=(Territory("18", many),)).shown_in("18")
    lines = commune_lines(cher, reader="18040")  # the last of forty
    assert lines[0] == "  Communes de votre département concernées :"
    assert lines[1] == "    ► Commune 40 (votre commune) : reconnue"
    assert lines[2] == "    - Commune 1 : reconnue" and len(lines) == 1 + MAX_COMMUNES + 1
    assert lines[-1] == "    … et 10 autres (liste complète sur Vigie)"
    assert commune_lines(item("JORFTEXT000099000098").shown_in("18")) == []
