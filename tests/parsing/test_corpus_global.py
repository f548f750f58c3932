"""Real files of the JORF « global » flow (TEXTE_VERSION, ARTICLE) and the trimmed 2015 excerpts
(ARTICLE, TEXTELR, SECTION_TA): concrete values read from the files."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from vigie.parsing.model import (
    CitedText,
    Notice,
    Parsed,
    ParsedArticle,
    ParsedSection,
    ParsedStructure,
    ParsedText,
    StructItem,
)

pytestmark = pytest.mark.shared

GLOBAL = "global/empreinte-politique/"
EXCERPTS = "excerpts-trimmed/"
Parse = Callable[[str], Parsed]


def test_arrete_armees_metadata(parse_real: Parse) -> None:
    text = parse_real(GLOBAL + "JORFTEXT000054861441.xml")
    assert isinstance(text, ParsedText)
    assert (text.id, text.flow, text.nature, text.nor) == (
        "JORFTEXT000054861441", "jorf", "ARRETE", "ARMK2624825A")
    assert text.eli == "https://www.legifrance.gouv.fr/eli/arrete/2026/9/18/ARMK2624825A/jo/texte"
    assert text.title.startswith("Arrêté du 18 septembre 2026 modifiant deux arrêtés fixant")
    assert text.title.endswith("à des praticiens des armées")
    assert text.short_title == "Arrêté du 18 septembre 2026"
    assert text.ministry == "Ministère des armées et des anciens combattants"
    assert (text.date_text, text.date_publi) == (date(2026, 9, 18), date(2026, 9, 20))
    assert (text.jo_number, text.jo_id, text.number, text.page) == ("0220", "", "", "")
    assert text.origine_publi == "JORF n°0220 du 20 septembre 2026"
    assert text.sequence == 4
    assert text.notice == Notice()
    assert text.articles == ()  # separate ARTICLE files in this flow
    assert text.keywords == ()
    visas = text.visas.split("\n")
    assert visas[0] == "La ministre des armées et des anciens combattants,"
    assert visas[1].startswith("Vu l'arrêté du 24 juin 2026 fixant le nombre")
    assert visas[-1] == "Arrête :" and len(visas) == 4
    assert text.signatories == (
        "Fait le 18 septembre 2026.",
        "Pour la ministre et par délégation :",
        "L'adjoint au sous-directeur Etudes et politiques des ressources humaines de la "
        "direction centrale du service de santé des armées,",
        "N. BROSSARD",
    )
    assert text.cited == (
        CitedText(id="JORFTEXT000054310327", kind="CITATION", nature="ARRETE",
                  nor="ARMK2616920A", number="", date=date(2026, 6, 24),
                  title="Arrêté du 24 juin 2026", text_id="JORFTEXT000054310327"),
        CitedText(id="JORFTEXT000054811417", kind="CITATION", nature="ARRETE",
                  nor="ARMK2623524A", number="", date=date(2026, 9, 4),
                  title="Arrêté du 4 septembre 2026", text_id="JORFTEXT000054811417"),
    )


def test_article_with_table(parse_real: Parse) -> None:
    article = parse_real(GLOBAL + "JORFARTI000054861446.xml")
    assert isinstance(article, ParsedArticle)
    assert (article.id, article.text_id, article.num) == (
        "JORFARTI000054861446", "JORFTEXT000054861441", "2")
    assert article.eli.endswith("/eli/arrete/2026/9/18/ARMK2624825A/jo/article_2")
    assert article.text.split("\n") == [
        "Le tableau de l'article 1er de l'arrêté du 4 septembre 2026 susvisé est remplacé par "
        "les dispositions suivantes :",
        "«",
        "Diplômes d'études spécialisées | Nombre de postes",
        "Anesthésie-réanimation/médecine intensive-réanimation | 4",
        "Chirurgie viscérale et digestive | 1",
        "Médecine d'urgence | 3",
        "Neurochirurgie | 2",
        "Ophtalmologie | 2",
        "Psychiatrie | 1",
        "Radiologie et imagerie médicale | 2",
        "Urologie/chirurgie générale | 2",
        "».",
    ]
    assert "<table>" in article.html  # border="1" dropped
    assert '<td align="justify">' in article.html and "1<sup>er</sup>" in article.html


def test_publication_article(parse_real: Parse) -> None:
    article = parse_real(GLOBAL + "JORFARTI000054861448.xml")
    assert (article.id, article.text_id, article.num) == (
        "JORFARTI000054861448", "JORFTEXT000054861441", "3")
    assert article.text == (
        "Le présent arrêté sera publié au Journal officiel de la République française.")


def test_arrete_fdes_saint_gaudens(parse_real: Parse) -> None:
    text = parse_real(GLOBAL + "JORFTEXT000054861513.xml")
    assert (text.nor, text.sequence, text.jo_number) == ("ECOT2624231A", 10, "0220")
    assert text.title.endswith("à la SAS Fibre Excellence Saint-Gaudens")
    assert text.ministry == (
        "Ministère de l'économie, des finances et de la souveraineté industrielle, énergétique "
        "et numérique")
    assert text.visas.split("\n")[-1] == "Arrêtent :"
    assert text.signatories[0] == "Fait le 18 septembre 2026."
    assert text.signatories[2::2] == ("Roland LESCURE", "Sébastien MARTIN")
    assert len(text.signatories) == 5
    (cited,) = text.cited
    assert (cited.id, cited.nature, cited.number, cited.date, cited.title) == (
        "JORFTEXT000000680802", "DECRET", "60-703", date(1960, 7, 15),
        "Décret n°60-703 du 15 juillet 1960")
    first = parse_real(GLOBAL + "JORFARTI000054861515.xml")
    second = parse_real(GLOBAL + "JORFARTI000054861516.xml")
    assert (first.text_id, first.num, second.text_id, second.num) == (
        "JORFTEXT000054861513", "1", "JORFTEXT000054861513", "2")
    assert first.text.split("\n") == [
        "L'Etat versera deux (2) millions d'euros, au titre du programme du fonds de "
        "développement économique et social (FDES), par l'entremise de BpiFrance Assurance "
        "Export, sous la forme d'un prêt au profit de la SAS Fibre Excellence Saint-Gaudens.",
        "Le prêt sera versé par BpiFrance Assurance Export au nom de l'Etat selon les modalités "
        "décrites dans le contrat de prêt entre la SAS Fibre Excellence Saint-Gaudens et "
        "BpiFrance Assurance Export.",
    ]


def test_notice_from_notice_element(parse_real: Parse) -> None:
    text = parse_real(GLOBAL + "JORFTEXT000054861494.xml")
    assert (text.nor, text.sequence, text.ministry) == (
        "JUSB2615968A", 8, "Ministère de la justice")
    assert text.notice == Notice(
        publics="magistrats de l'ordre judiciaire, magistrats de l'ordre administratif, agents "
        "de greffe des juridictions administratives et judiciaires, avocats, officiers "
        "ministériels, auxiliaires de justice, particuliers et justiciables.",
        objet="précision des conditions d'alimentation par les greffes des juridictions et de "
        "mise à jour du registre public des actions de groupe, ainsi que de ses modalités de "
        "gestion au sein du ministère de la justice.",
        entree_en_vigueur="le présent arrêté entre en vigueur le lendemain de sa publication.",
        application="le présent arrêté est pris pour l'application de l'article 14 du décret "
        "n° 2025-734 du 30 juillet 2025 relatif à la procédure applicable aux actions de groupe "
        "et au registre des actions de groupe.",
        origin="notice",
    )
    assert text.visas.startswith("Le garde des sceaux, ministre de la justice,\nVu la directive")
    assert text.signatories == (
        "Fait le 18 septembre 2026.", "Pour le ministre et par délégation :",
        "Le directeur des services judiciaires,", "J. SEITHER",
        "La directrice des affaires civiles et du sceau,", "V. DELNAUD",
    )
    assert len(text.cited) == 7
    assert {cited.kind for cited in text.cited} == {"CITATION"}
    by_id = {cited.id: cited for cited in text.cited}
    article_link = by_id["JORFARTI000051539065"]  # LOI n° 2025-391, art. 16
    assert (article_link.text_id, article_link.number, article_link.nor) == (
        "JORFTEXT000051538879", "2025-391", "ECOM2415026L")
    assert article_link.title == "LOI n°2025-391 du 30 avril 2025 - art. 16"
    code_article = by_id["LEGIARTI000018919281"]
    assert (code_article.nature, code_article.number, code_article.date) == ("CODE", "D211-8", None)
    assert code_article.text_id == "LEGITEXT000006071164"


def test_notice_taken_from_visas(parse_real: Parse) -> None:
    text = parse_real(GLOBAL + "JORFTEXT000027904809.xml")
    assert (text.nature, text.number, text.nor) == ("DECRET", "2013-776", "JUSX1319588D")
    assert (text.date_text, text.date_publi) == (date(2013, 8, 27), date(2013, 8, 29))
    assert (text.jo_number, text.page, text.sequence) == ("0200", "14617", 3)
    assert text.short_title == "Décret n°2013-776 du 27 août 2013"
    assert "Bas-Rhin, du Haut-Rhin et de la Moselle" in text.title
    notice = text.notice
    assert notice.origin == "visas"
    assert notice.publics.startswith("personnes ayant à connaître les lois et règlements locaux")
    assert notice.objet.startswith("publication de la traduction de plusieurs lois")
    assert notice.entree_en_vigueur == (
        "les traductions annexées au présent décret sont officielles dès leur publication. "
        "Elles ne modifient pas le droit applicable.")
    assert notice.notice.startswith("comme le décret n° 2013-395 du 14 mai 2013")
    assert notice.notice.endswith("Elle n'est pas susceptible d'en modifier le contenu.")
    assert notice.references.startswith("le présent décret peut être consulté sur le site")
    assert notice.references.endswith("https://www.moselle.gouv.fr/index.php?articleid=1135).")
    assert notice.application == ""
    visas = text.visas.split("\n")  # the notice paragraphs are not repeated in the visas
    assert visas[0] == "Le Premier ministre,"
    assert visas[1] == "Sur le rapport de la garde des sceaux, ministre de la justice,"
    assert visas[-1] == "Décrète :" and len(visas) == 6
    assert "Publics concernés" not in text.visas and "Références" not in text.visas
    assert text.signatories == (
        "Fait le 27 août 2013.", "Jean-Marc Ayrault", "Par le Premier ministre :",
        "La garde des sceaux,", "ministre de la justice,", "Christiane Taubira",
    )
    assert len(text.keywords) == 17
    assert text.keywords[:2] == ("JUSTICE", "ACTE LEGISLATIF")
    assert {"BAS-RHIN", "HAUT-RHIN", "MOSELLE", "ALSACE-MOSELLE"} <= set(text.keywords)
    assert [cited.kind for cited in text.cited] == ["APPLICATION"] * 3 + ["CITATION"]
    assert text.cited[0].title == "Loi du 1er juin 1924"
    assert text.cited[3].number == "2013-395" and text.cited[3].nor == "JUSX1311608D"


def test_trimmed_article(parse_real: Parse) -> None:
    article = parse_real(EXCERPTS + "guillett-jos_ARTICLE_JORFARTI000030611298.xml")
    assert article == ParsedArticle(
        id="JORFARTI000030611298", text_id="JORFTEXT000030611283", num="3",
        html="<p>\n        <br/>En application de l'article 4 </p>",
        text="En application de l'article 4",
        eli="http://www.legifrance.gouv.fr/eli/arrete/2015/5/7/AFSZ1511210A/jo/article_3",
    )


def test_trimmed_structure(parse_real: Parse) -> None:
    structure = parse_real(EXCERPTS + "guillett-jos_TEXTELR_struct_JORFTEXT000030611441.xml")
    assert structure == ParsedStructure(
        text_id="JORFTEXT000030611441",
        items=(
            StructItem(kind="article", id="JORFARTI000030611446", num="1"),
            StructItem(kind="article", id="JORFARTI000030611449", num="2"),
            StructItem(kind="section", id="JORFSCTA000030611232", title="Annexe"),
        ),
    )


def test_trimmed_section(parse_real: Parse) -> None:
    section = parse_real(EXCERPTS + "guillett-jos_SECTION_TA_JORFSCTA000030611457.xml")
    assert isinstance(section, ParsedSection)
    assert (section.id, section.text_id, section.title) == (
        "JORFSCTA000030611457", "JORFTEXT000030611453", "Titre Ier : MODALITÉS D'ADMISSION")
    assert [(item.kind, item.id, item.num) for item in section.items[:4]] == [
        ("article", f"JORFARTI00003061146{n}", str(n + 1)) for n in range(2, 6)
    ]
    assert section.items[4:] == (
        StructItem(kind="section", id="JORFSCTA000000905382",
                   title="Chapitre Ier : Concours de spécialité mathématiques"),
        StructItem(kind="section", id="JORFSCTA000000905383",
                   title="Chapitre II : Concours de spécialité économie"),
    )
