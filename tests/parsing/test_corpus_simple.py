"""Real files of the JORFSIMPLE flow: self-contained TEXTE files and the JO sommaire."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date

import pytest

from vigie.parsing.model import Notice, Parsed, ParsedSommaire, ParsedText

pytestmark = pytest.mark.shared

FT = "jorfsimple/france-transparence/"
MS = "jorfsimple/mon-sinistre/"
SOMMAIRE = FT + "jorf_sommaire_JORFCONT000054706874.xml"
CATNAT = MS + "JORFTEXT000053398028.xml"
Parse = Callable[[str], Parsed]
TEXTES_GENERAUX = ("Décrets, arrêtés, circulaires", "Textes généraux")
MESURES_NOMINATIVES = ("Décrets, arrêtés, circulaires", "Mesures nominatives")


def test_arrete_delegation(parse_real: Parse) -> None:
    text = parse_real(FT + "jorf_texte_arrete_JORFTEXT000054708438.xml")
    assert isinstance(text, ParsedText)
    assert (text.id, text.flow, text.nature, text.nor) == (
        "JORFTEXT000054708438", "jorfsimple", "ARRETE", "ARMM2621619A")
    assert (text.jo_id, text.jo_number, text.sequence) == ("JORFCONT000054706874", "0192", 14)
    assert (text.date_text, text.date_publi) == (date(2026, 8, 11), date(2026, 8, 19))
    assert text.origine_publi == "JORF n°0192 du 19 août 2026"
    assert text.title == (
        "Arrêté du 11 août 2026 portant délégation de signature (cabinet de la ministre "
        "déléguée auprès de la ministre des armées et des anciens combattants)")
    assert text.ministry == "Ministère des armées et des anciens combattants"
    assert (text.number, text.page, text.cited, text.keywords) == ("", "", (), ())
    assert text.notice == Notice()
    assert text.visas.split("\n")[-1] == "Arrête :"
    assert [(a.id, a.num, a.text_id) for a in text.articles] == [
        ("JORFARTI000054708443", "1", "JORFTEXT000054708438"),
        ("JORFARTI000054708445", "2", "JORFTEXT000054708438"),
    ]
    first, second = text.articles
    assert first.eli.endswith("/eli/arrete/2026/8/11/ARMM2621619A/jo/article_1")
    assert first.text.startswith("Délégation permanente est donnée à M. Léo LESNE, chef de cabinet")
    assert "mentionnées à l'article 1er du décret du 27 juillet 2005 susvisé." in first.text
    assert "1<sup>er</sup>" in first.html
    assert second.text == (
        "Le présent arrêté sera publié au Journal officiel de la République française.")
    assert text.signatories == ("Fait le 11 août 2026.", "Alice RUFO")


def test_decret_nomination(parse_real: Parse) -> None:
    text = parse_real(FT + "jorf_texte_nomination_JORFTEXT000054708776.xml")
    assert (text.nature, text.nor, text.eli, text.ministry) == (
        "DECRET", "CPTP2618404D", "", "Premier ministre")
    assert (text.jo_id, text.sequence) == ("JORFCONT000054706874", 36)
    assert text.title == "Décret du 17 août 2026 portant nomination (Cour des comptes)"
    assert text.visas.split("\n")[:2] == [
        "Le Président de la République,", "Sur le rapport du Premier ministre,"]
    lines = text.articles[0].text.split("\n")
    assert lines[0] == "Sont nommés conseillers référendaires au titre des auditeurs sur emploi :"
    assert lines[2] == (
        "Mme Justine RENAULT, administratrice de l'Etat, à compter du 1er septembre 2026 (rang 2).")
    assert len(lines) == 7
    assert [a.num for a in text.articles] == ["1", "2"]
    assert text.signatories == (
        "Fait le 17 août 2026.", "Emmanuel MACRON", "Par le Président de la République :",
        "Le Premier ministre,", "Sébastien LECORNU",
    )


def test_short_nomination_with_empty_parts(parse_real: Parse) -> None:
    text = parse_real(MS + "JORFTEXT000054246001.xml")
    assert (text.nor, text.jo_id, text.jo_number) == (
        "INTJ2615756A", "JORFCONT000054245240", "0137")
    assert text.date_publi == date(2026, 6, 13)
    assert (text.eli, text.visas, text.signatories) == ("", "", ())
    (article,) = text.articles
    assert (article.id, article.num, article.eli) == ("JORFARTI000054246002", "", "")
    assert article.text.startswith("Par arrêté du ministre de l'intérieur en date du 11 juin 2026")


def test_catnat_metadata_and_articles(parse_real: Parse) -> None:
    text = parse_real(CATNAT)
    assert (text.nor, text.jo_id, text.jo_number, text.sequence) == (
        "INTE2601369A", "JORFCONT000053397925", "0020", 4)
    assert (text.date_text, text.date_publi) == (date(2026, 1, 19), date(2026, 1, 24))
    assert text.title == (
        "Arrêté du 19 janvier 2026 portant reconnaissance de l'état de catastrophe naturelle")
    assert text.ministry == "Ministère de l'intérieur"
    assert text.visas.split("\n")[-1] == "Arrêtent :"
    # Articles 1 to 5, then the two annex articles nested in STRUCT/SECTION_TA « Annexe ».
    assert [(a.id[-3:], a.num) for a in text.articles] == [
        ("036", "1"), ("038", "2"), ("041", "3"), ("044", "4"), ("048", "5"),
        ("051", ""), ("052", ""),
    ]
    assert all(a.text_id == "JORFTEXT000053398028" for a in text.articles)
    assert len(text.signatories) == 17
    assert text.signatories[0] == "Fait le 19 janvier 2026."
    assert text.signatories[-2] == (
        "L'adjoint au sous-directeur chargé de la 5e sous-direction de la direction du budget,")
    assert text.signatories[-1] == "S. Doumeix"


def test_catnat_table_rows_are_pipe_lines(parse_real: Parse) -> None:
    annex_1, annex_2 = (a.text.split("\n") for a in parse_real(CATNAT).articles[5:])
    assert annex_1[:4] == [
        "ANNEXES", "ANNEXE I", "Communes reconnues en état de catastrophe naturelle",
        "Département | Commune | Phénomène naturel | Date de début de la période de "
        "reconnaissance | Date de fin de la période de reconnaissance | Nombre de "
        "reconnaissances au cours des 5 dernières années hors PPRN (article 3 de l'arrêté) | "
        "Motivations de la décision",
    ]
    assert annex_1[4] == (
        "Ardèche | Baix | Inondations et coulées de boue | 16/11/2025 | 17/11/2025 |  | "
        "Le débit de pointe du cours d'eau lors de l'évènement présente une période de retour "
        "supérieure à 10 ans.")
    assert (
        "Bouches-du-Rhône | Simiane-Collongue | Mouvements de terrain différentiels consécutifs "
        "à la sécheresse et à la réhydratation des sols | 01/04/2023 | 30/06/2023 |  | "
        "L'intensité anormale du phénomène est analysée au regard des données géotechniques et "
        "météorologiques. Les critères météorologiques et géotechniques fixés par la circulaire "
        "n° INTE1911312C du 10 mai 2019 sont réunis."
    ) in annex_1  # the <br/> inside the last cell is a space: the row stays on one line
    assert annex_2[:2] == ["ANNEXE II", "Communes non reconnues en état de catastrophe naturelle"]
    assert annex_2[-1].startswith("Val-d'Oise | Saint-Prix | Vents cycloniques | 20/10/2025 | "
                                  "20/10/2025 | Le phénomène ne réunit pas les critères")
    rows_1 = [line for line in annex_1 if " | " in line]
    rows_2 = [line for line in annex_2 if " | " in line]
    assert Counter(row.count(" | ") for row in rows_1) == {6: 77}  # 7 columns, header included
    assert Counter(row.count(" | ") for row in rows_2) == {5: 65}  # 6 columns
    assert len(rows_1) + len(rows_2) - 2 == 140  # communes listed
    assert sum(row.split(" | ")[0] == "Ardèche" for row in rows_1 + rows_2) == 12


def test_sommaire_issue(parse_real: Parse) -> None:
    sommaire = parse_real(SOMMAIRE)
    assert isinstance(sommaire, ParsedSommaire)
    assert (sommaire.id, sommaire.number, sommaire.date_publi) == (
        "JORFCONT000054706874", "0192", date(2026, 8, 19))
    assert sommaire.title == "JORF n°0192 du 19 août 2026"
    assert sommaire.eli == "https://www.legifrance.gouv.fr/eli/jo/2026/8/19/0192"
    assert len(sommaire.entries) == 83
    assert [entry.rank for entry in sommaire.entries] == list(range(1, 84))
    assert len({entry.text_id for entry in sommaire.entries}) == 83


@pytest.mark.parametrize(
    ("rank", "text_id", "section", "title_start"),
    [
        (1, "JORFTEXT000054706877", ("LOIS",), "LOI n° 2026-794 du 18 août 2026 relative au droit"),
        (6, "JORFTEXT000054707698", ("LOIS", "Conseil constitutionnel"),
         "Décision n° 2026-910 DC du 14 août 2026"),
        (11, "JORFTEXT000054708393", (*TEXTES_GENERAUX, "Ministère de l'intérieur"),
         "Arrêté du 27 juillet 2026 désignant l'opération de restructuration"),
        (28, "JORFTEXT000054708683",
         (*TEXTES_GENERAUX, "Ministère de l'aménagement du territoire et de la décentralisation"),
         "Décret n° 2026-800 du 17 août 2026"),
        (29, "JORFTEXT000054708703",
         (*TEXTES_GENERAUX, "Ministère de l'aménagement du territoire et de la décentralisation"),
         "Décret n° 2026-801 du 18 août 2026"),
        (36, "JORFTEXT000054708776", (*MESURES_NOMINATIVES, "Premier ministre"),
         "Décret du 17 août 2026 portant nomination (Cour des comptes)"),
        (73, "JORFTEXT000054709012",
         ("Décrets, arrêtés, circulaires", "Conventions collectives",
          "Ministère de l'économie, des finances et de la souveraineté industrielle, "
          "énergétique et numérique"),
         "Arrêté du 7 août 2026 portant extension d'un accord"),
        (75, "JORFTEXT000054709039", ("Conseil constitutionnel",),
         "Décision n° 2026-910-1 DR DC"),
        (77, "JORFTEXT000054709052",
         ("Autorité de régulation des communications électroniques, des postes et de la "
          "distribution de la presse",),
         "Décision n° 2026-0924 du 26 mai 2026 attribuant le statut de « zone fibrée »"),
        (79, "JORFTEXT000054709088", ("Informations parlementaires", "Sénat"),
         "Informations diverses"),
        (83, "JORFTEXT000054709132", ("Annonces",), "Demandes de changement de nom"),
    ],
)
def test_sommaire_entries(
    parse_real: Parse, rank: int, text_id: str, section: tuple[str, ...], title_start: str
) -> None:
    entry = parse_real(SOMMAIRE).entries[rank - 1]
    assert (entry.rank, entry.text_id, entry.section) == (rank, text_id, section)
    assert entry.title.startswith(title_start)


def test_sommaire_sections_count(parse_real: Parse) -> None:
    counts = Counter(entry.section[:2] for entry in parse_real(SOMMAIRE).entries)
    assert counts[TEXTES_GENERAUX] == 21
    assert counts[MESURES_NOMINATIVES] == 41
    assert counts[("LOIS",)] + counts[("LOIS", "Conseil constitutionnel")] == 10
    assert "238 communes du département du Cher" in parse_real(SOMMAIRE).entries[76].title


def test_texts_sit_where_the_sommaire_says(parse_real: Parse) -> None:
    """Both flows agree: ORIGINE_PUBLI@id, NUM_SEQUENCE and the sommaire rank/section."""
    sommaire = parse_real(SOMMAIRE)
    by_id = {entry.text_id: entry for entry in sommaire.entries}
    for name, section in [
        ("jorf_texte_arrete_JORFTEXT000054708438.xml",
         (*TEXTES_GENERAUX, "Ministère des armées et des anciens combattants")),
        ("jorf_texte_nomination_JORFTEXT000054708776.xml",
         (*MESURES_NOMINATIVES, "Premier ministre")),
    ]:
        text = parse_real(FT + name)
        entry = by_id[text.id]
        assert text.jo_id == sommaire.id and text.jo_number == sommaire.number
        assert (entry.rank, entry.section, entry.title) == (text.sequence, section, text.title)
