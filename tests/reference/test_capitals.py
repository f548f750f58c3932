"""Titles written in capitals, in sentence case with their names (``reference.capitals``):
the file's own evidence, places of the COG, institutions, acronyms — and common words left
alone."""

from __future__ import annotations

import pytest

from vigie.reference.capitals import sentence_case, title_evidence


@pytest.mark.parametrize(("capitals", "sentence"), [
    ("LOI RELATIVE À LA CORSE", "Loi relative à la Corse"),
    ("DÉSERTS MÉDICAUX EN SEINE-SAINT-DENIS ET DANS LA CREUSE",
     "Déserts médicaux en Seine-Saint-Denis et dans la Creuse"),
    ("FERMETURE DE CLASSES À NANTES", "Fermeture de classes à Nantes"),
    ("DÉPARTEMENT DU NORD", "Département du Nord"),
    ("QUESTION SUR L'ASSEMBLÉE NATIONALE ET LE SÉNAT",
     "Question sur l'Assemblée nationale et le Sénat"),
    ("AIDES DE L'ÉTAT AUX EPCI ET À LA SNCF", "Aides de l'État aux EPCI et à la SNCF"),
    ("RÉGION HAUTS-DE-FRANCE", "Région Hauts-de-France"),
    # Common words that are also places, and the state of things, stay in lower case.
    ("LA SOMME DES DOTATIONS DE L'ÉTAT", "La somme des dotations de l'État"),
    ("ATTRIBUTION DU LOT 3 PAR LA COMMUNE", "Attribution du lot 3 par la commune"),
    ("L'ÉTAT DE CATASTROPHE NATURELLE", "L'état de catastrophe naturelle"),
    ("MINISTRE DE LA JUSTICE, GARDE DES SCEAUX", "Ministre de la justice, garde des sceaux"),
    ("BILLET D'AVION ET MATIÈRE GRASSE", "Billet d'avion et matière grasse"),
    ("LOI N° 2011-2 DU 3 JANVIER 2011", "Loi n° 2011-2 du 3 janvier 2011"),
])
def test_general_evidence(capitals: str, sentence: str) -> None:
    assert sentence_case(capitals) == sentence


def test_the_files_other_titles_tell_its_names() -> None:
    # « Morvan » is neither a commune nor a département: the file's other titles say it.
    evidence = title_evidence(["Desserte ferroviaire du Morvan", "Projet de réforme",
                               "PROJET DE RÉFORME"])
    assert sentence_case("DÉSENCLAVEMENT DU MORVAN", evidence) == "Désenclavement du Morvan"
    assert sentence_case("DÉSENCLAVEMENT DU MORVAN") == "Désenclavement du morvan"
    # A word the file writes in lower case is no name there, nor a function word ever.
    lower = title_evidence(["Une somme de la dotation", "Crise de La Réunion"])
    assert sentence_case("DÉPARTEMENT DE LA SOMME", lower) == "Département de la somme"
    assert sentence_case("ÉLUS DE LA MONTAGNE", lower) == "Élus de la montagne"


def test_titles_not_in_capitals_are_left_as_they_are() -> None:
    assert sentence_case("DGF") == "DGF" and sentence_case("Cimetières") == "Cimetières"
    assert sentence_case("Economie : pour une République  numérique") == (
        "Economie : pour une République numérique")
    assert sentence_case("RETRAITES") == "Retraites"
