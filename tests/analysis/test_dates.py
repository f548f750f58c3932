"""Key dates: real JORF texts of ../shared, and the French wordings one by one."""

from __future__ import annotations

import datetime
import re

import pytest
from lxml import etree

from tests.analysis.conftest import CATNAT, shared_file
from vigie.analysis.dates import KeyDate, find_dates, is_urgent

D = datetime.date
PUBLICATION = D(2026, 9, 20)
GLOBAL = ("corpus", "jorf", "global", "empreinte-politique")
DELEGATION = ("corpus", "jorf", "jorfsimple", "france-transparence",
              "jorf_texte_arrete_JORFTEXT000054708438.xml")


def _jorf(*parts: str) -> tuple[str, datetime.date]:
    """(plain text, publication date) of a real JORF file: one line per paragraph or <br/>."""
    root = etree.parse(str(shared_file(*parts))).getroot()
    chunks: list[str] = []

    def walk(element: etree._Element) -> None:
        if element.tag in ("br", "p", "div", "tr"):
            chunks.append("\n")
        chunks.append(re.sub(r"\s+", " ", element.text or ""))
        for child in element:
            walk(child)
            chunks.append(re.sub(r"\s+", " ", child.tail or ""))

    for content in root.iter("CONTENU"):
        walk(content)
        chunks.append("\n")
    return "".join(chunks), D.fromisoformat(root.findtext(".//DATE_PUBLI") or "")


def _pairs(dates: tuple[KeyDate, ...]) -> list[tuple[datetime.date, str]]:
    return [(d.date, d.kind) for d in dates]


# ------------------------------------------------------------------ real texts
def test_notice_entry_into_force_the_day_after_publication():
    text, published = _jorf(*GLOBAL, "JORFTEXT000054861494.xml")
    assert published == D(2026, 9, 20)
    (date,) = find_dates(text, publication=published)
    assert (date.date, date.kind, date.label) == (D(2026, 9, 21), "entree_en_vigueur",
                                                  "Entrée en vigueur")
    assert date.evidence.startswith("Entrée en vigueur : le présent arrêté entre en vigueur")


def test_old_notice_in_visas_and_cited_laws_of_1924():
    text, published = _jorf(*GLOBAL, "JORFTEXT000027904809.xml")
    # « maintenus en vigueur par les lois du 1er juin 1924 »: a cited law, not a key date.
    assert _pairs(find_dates(text, publication=published)) == [
        (D(2013, 8, 29), "entree_en_vigueur")]


def test_delegation_from_a_date_and_cited_decree_ignored():
    text, published = _jorf(*DELEGATION)
    assert "décret n° 2005-850 du 27 juillet 2005" in text
    assert _pairs(find_dates(text, publication=published)) == [
        (D(2026, 8, 24), "entree_en_vigueur")]


def test_catastrophe_naturelle_keeps_only_the_appeal_deadline():
    text, published = _jorf(*CATNAT)
    # The 280 dates of the annex tables are periods of the past, not key dates.
    assert len(re.findall(r"\d\d/\d\d/20\d\d", text)) == 280
    (date,) = find_dates(text, publication=published)
    assert (date.date, date.kind, date.label) == (D(2026, 3, 24), "echeance",
                                                  "Fin du délai de recours")


# ------------------------------------------------------------------ wordings
@pytest.mark.parametrize(("text", "expected"), [
    ("Le présent décret entre en vigueur le 1er janvier 2027.",
     (D(2027, 1, 1), "entree_en_vigueur")),
    ("Les dispositions de l'article 3 s'appliquent à compter du 1er mars 2027.",
     (D(2027, 3, 1), "entree_en_vigueur")),
    ("Ces règles sont applicables au 1er juillet 2026 aux contrats en cours.",
     (D(2026, 7, 1), "entree_en_vigueur")),
    ("Les communes transmettent leur rapport au plus tard le 31 décembre 2026.",
     (D(2026, 12, 31), "echeance")),
    ("Les demandes sont déposées avant le 15 fevrier 2027.", (D(2027, 2, 15), "echeance")),
    ("Le dispositif est prolongé jusqu'au 30 aout 2027.", (D(2027, 8, 30), "echeance")),
    ("Date limite de dépôt des dossiers : 31/03/2027.", (D(2027, 3, 31), "echeance")),
    ("Le rapport est remis le 30 juin 2027 au plus tard.", (D(2027, 6, 30), "echeance")),
    ("Le décret entre en vigueur le premier janvier 2028.",
     (D(2028, 1, 1), "entree_en_vigueur")),
    ("Entrée en vigueur : le texte entre en vigueur le lendemain de sa publication.",
     (D(2026, 9, 21), "entree_en_vigueur")),
    ("Le présent arrêté entre en vigueur le jour de sa publication.",
     (D(2026, 9, 20), "entree_en_vigueur")),
    ("Les dispositions sont applicables à compter de sa publication.",
     (D(2026, 9, 20), "entree_en_vigueur")),
    ("Il entre en vigueur le premier jour du mois suivant celui de sa publication.",
     (D(2026, 10, 1), "entree_en_vigueur")),
    ("Le présent décret entre en vigueur à l'expiration d'un délai de six mois suivant sa "
     "publication.", (D(2027, 3, 20), "entree_en_vigueur")),
    ("Les collectivités disposent d'un délai de trois mois à compter de la publication du "
     "présent décret pour délibérer.", (D(2026, 12, 20), "echeance")),
    ("Elles délibèrent dans un délai de quatre-vingt-dix jours à compter de sa publication.",
     (D(2026, 12, 19), "echeance")),
    ("Le plan est révisé dans un délai de 2 ans à compter de sa publication.",
     (D(2028, 9, 20), "echeance")),
])
def test_wordings(text: str, expected: tuple[datetime.date, str]):
    assert _pairs(find_dates(text, publication=PUBLICATION)) == [expected]


@pytest.mark.parametrize("text", [
    "Vu le décret n° 2005-850 du 27 juillet 2005 modifié relatif aux délégations de signature ;",
    "Vu la loi du 1er juillet 2027 relative au contrat d'association ;",
    "Arrêté du 11 août 2026 modifiant l'arrêté du 7 mai 2021 portant institution de régies.",
    "JORF n°0220 du 20 septembre 2026",
    "Fait le 18 septembre 2026.",
    "Vu les avis rendus le 13 janvier 2026 par la commission interministérielle.",
    "dans un délai de deux mois courant à compter de la notification de la décision",
    "Le 31 février 2027 n'existe pas.",
])
def test_not_key_dates(text: str):
    assert find_dates(text, publication=PUBLICATION) == ()


def test_bare_future_date_is_a_date_to_remember_only_with_a_publication_date():
    text = "Les épreuves écrites auront lieu le 12 octobre 2026 à Paris."
    (date,) = find_dates(text, publication=PUBLICATION)
    assert (date.date, date.kind, date.label) == (D(2026, 10, 12), "date", "Date à retenir")
    assert find_dates(text) == ()
    assert find_dates("Les épreuves ont eu lieu le 12 mars 2026.", publication=PUBLICATION) == ()


def test_relative_dates_need_the_publication_date():
    assert find_dates("Il entre en vigueur le lendemain de sa publication.") == ()


def test_a_year_written_once_for_a_period():
    text = "Le dispositif s'applique du 1er janvier au 31 décembre 2027."
    assert _pairs(find_dates(text, publication=PUBLICATION)) == [
        (D(2027, 1, 1), "entree_en_vigueur"), (D(2027, 12, 31), "entree_en_vigueur")]


def test_deduplicated_sorted_and_evidence_is_short():
    text = ("Le présent décret entre en vigueur le 1er janvier 2027. " + "Considérant " * 40
            + "que les communes délibèrent au plus tard le 31 mars 2027. Il entre en vigueur "
            "le 1er janvier 2027 pour les départements.")
    dates = find_dates(text, publication=PUBLICATION)
    assert _pairs(dates) == [(D(2027, 1, 1), "entree_en_vigueur"), (D(2027, 3, 31), "echeance")]
    assert all(len(d.evidence) <= 160 for d in dates)
    assert "au plus tard le 31 mars 2027" in dates[1].evidence


def test_is_urgent():
    dates = find_dates("Les communes délibèrent au plus tard le 31 octobre 2026. Les épreuves "
                       "auront lieu le 5 octobre 2026.", publication=PUBLICATION)
    assert is_urgent(dates, today=D(2026, 10, 1), within_days=30)
    assert not is_urgent(dates, today=D(2026, 9, 1), within_days=30)
    assert not is_urgent(dates, today=D(2026, 11, 1), within_days=30)  # already past
    # a plain date to remember (5 October) does not make the text urgent
    assert not is_urgent([d for d in dates if d.kind == "date"], today=D(2026, 10, 1),
                         within_days=30)
