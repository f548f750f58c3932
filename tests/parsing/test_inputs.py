"""parse_member on small hand-written members: dispatch by root and every kind of bad input."""

from __future__ import annotations

from datetime import date

import pytest

from vigie.parsing.dispatch import parse_member
from vigie.parsing.model import (
    ParsedArticle,
    ParsedSection,
    ParsedSommaire,
    ParsedStructure,
    ParsedText,
    ParseError,
    SommaireEntry,
    StructItem,
)

TEXTE = """<?xml version="1.0" encoding="UTF-8"?>
<TEXTE><ID>JORFTEXT000000000001</ID><NATURE>DECRET</NATURE><NUM>2026-1</NUM>
<NUM_SEQUENCE>x</NUM_SEQUENCE><DATE_PUBLI>2999-01-01</DATE_PUBLI><DATE_TEXTE/>
<ORIGINE_PUBLI id="JORFCONT000000000009">JORF n°0001 du 1 janvier 2026</ORIGINE_PUBLI>
<TITRE>Décret n° 2026-1</TITRE><TITREFULL/><MCS_TEXT><MC>COMMUNE</MC><MC/></MCS_TEXT>
<STRUCT><ARTICLE><ID>JORFARTI000000000002</ID><NUM>1</NUM><BLOC_TEXTUEL><CONTENU>
<p>Un.</p></CONTENU></BLOC_TEXTUEL></ARTICLE></STRUCT></TEXTE>""".encode()


def test_texte_snippet_defaults() -> None:
    text = parse_member("t.xml", TEXTE)
    assert isinstance(text, ParsedText)
    assert (text.id, text.flow, text.number, text.jo_id) == (
        "JORFTEXT000000000001", "jorfsimple", "2026-1", "JORFCONT000000000009")
    assert (text.date_publi, text.date_text, text.sequence) == (None, None, None)
    assert (text.title, text.short_title) == ("Décret n° 2026-1", "Décret n° 2026-1")
    assert text.keywords == ("COMMUNE",)
    assert text.articles[0].text_id == text.id and text.articles[0].text == "Un."


def test_global_flow_roots() -> None:
    version = parse_member("v.xml", b"""<TEXTE_VERSION><META><META_COMMUN><ID>JORFTEXT1</ID>
        <NATURE>LOI</NATURE></META_COMMUN><META_SPEC><META_TEXTE_CHRONICLE>
        <DATE_PUBLI>2026-01-02</DATE_PUBLI><NUM_SEQUENCE>7</NUM_SEQUENCE></META_TEXTE_CHRONICLE>
        <META_TEXTE_VERSION><TITREFULL>Loi  du
        1er janvier</TITREFULL><MCS_TXT><MC>X</MC></MCS_TXT></META_TEXTE_VERSION></META_SPEC>
        </META></TEXTE_VERSION>""")
    assert isinstance(version, ParsedText)
    assert (version.id, version.flow, version.nature, version.date_publi, version.sequence) == (
        "JORFTEXT1", "jorf", "LOI", date(2026, 1, 2), 7)
    assert (version.title, version.keywords) == ("Loi du 1er janvier", ("X",))
    article = parse_member("a.xml", b"""<ARTICLE><META><META_COMMUN><ID>JORFARTI1</ID>
        </META_COMMUN><META_SPEC><META_ARTICLE><NUM/></META_ARTICLE></META_SPEC></META>
        <CONTEXTE><TEXTE cid="JORFTEXT1"/></CONTEXTE><BLOC_TEXTUEL><CONTENU/></BLOC_TEXTUEL>
        </ARTICLE>""")
    assert article == ParsedArticle(id="JORFARTI1", text_id="JORFTEXT1", num="", html="",
                                    text="")
    structure = parse_member("s.xml", b"""<TEXTELR><META><META_COMMUN><ID>JORFTEXT1</ID>
        </META_COMMUN></META><STRUCT><LIEN_SECTION_TA id="JORFSCTA1">Titre I</LIEN_SECTION_TA>
        <LIEN_ART id="JORFARTI1" num="1"/></STRUCT></TEXTELR>""")
    assert structure == ParsedStructure(text_id="JORFTEXT1", items=(
        StructItem(kind="section", id="JORFSCTA1", title="Titre I"),
        StructItem(kind="article", id="JORFARTI1", num="1"),
    ))
    section = parse_member("c.xml", b"""<SECTION_TA><ID>JORFSCTA1</ID><TITRE_TA>Annexe</TITRE_TA>
        <STRUCTURE_TA/><CONTEXTE><TEXTE cid="JORFTEXT1"/></CONTEXTE></SECTION_TA>""")
    assert section == ParsedSection(id="JORFSCTA1", text_id="JORFTEXT1", title="Annexe", items=())


def test_global_conteneur_with_meta_wrapper() -> None:
    sommaire = parse_member("jo.xml", """<JO><META><META_COMMUN><ID>JORFCONT1</ID>
        <ID_ELI>https://eli/jo</ID_ELI></META_COMMUN><META_SPEC><META_CONTENEUR>
        <TITRE>JORF n°0002 du 3 janvier 2026</TITRE><NUM>0002</NUM>
        <DATE_PUBLI>2026-01-03</DATE_PUBLI></META_CONTENEUR></META_SPEC></META>
        <STRUCTURE_TXT><TM niv="1"><TITRE_TM>Journal officiel</TITRE_TM>
        <TM niv="2"><TITRE_TM>Décrets, arrêtés, circulaires</TITRE_TM>
        <TM niv="3"><TITRE_TM>Textes généraux</TITRE_TM>
        <LIEN_TXT idtxt="JORFTEXT1" titretxt="Arrêté A"/><LIEN_TXT titretxt="sans id"/>
        </TM></TM><TM niv="2"><TITRE_TM>Annonces</TITRE_TM>
        <LIEN_TXT idtxt="JORFTEXT2" titretxt="Avis"/></TM></TM></STRUCTURE_TXT></JO>""".encode())
    assert sommaire == ParsedSommaire(
        id="JORFCONT1", number="0002", date_publi=date(2026, 1, 3),
        title="JORF n°0002 du 3 janvier 2026", eli="https://eli/jo",
        entries=(
            SommaireEntry("JORFTEXT1", "Arrêté A", ("Décrets, arrêtés, circulaires",
                                                    "Textes généraux"), 1),
            SommaireEntry("JORFTEXT2", "Avis", ("Annonces",), 2),
        ),
    )


def test_sommaire_without_niv_uses_depth() -> None:
    sommaire = parse_member("jo.xml", b"""<JO><ID>JORFCONT1</ID><STRUCTURE_TXT><TM>
        <TITRE_TM>JO</TITRE_TM><TM><TITRE_TM>LOIS</TITRE_TM><LIEN_TXT idtxt="JORFTEXT1"
        titretxt="Loi"/></TM></TM></STRUCTURE_TXT></JO>""")
    assert sommaire.entries == (SommaireEntry("JORFTEXT1", "Loi", ("LOIS",), 1),)


@pytest.mark.parametrize("data", [b"", b"   \n\t  "], ids=["empty", "blank"])
def test_empty_member(data: bytes) -> None:
    with pytest.raises(ParseError, match=r"^vide\.xml : fichier vide"):
        parse_member("vide.xml", data)


def test_not_xml() -> None:
    with pytest.raises(ParseError) as error:
        parse_member("doc.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    assert str(error.value).startswith("doc.pdf : contenu qui n'est pas du XML (ligne 1, colonne")


def test_truncated_xml_reports_line() -> None:
    truncated = TEXTE[: TEXTE.index(b"<STRUCT>") + 30]
    with pytest.raises(ParseError) as error:
        parse_member("JORFTEXT000000000001.xml", truncated)
    message = str(error.value)
    assert message.startswith("JORFTEXT000000000001.xml : XML mal formé (ligne 6, colonne")
    # libxml2's English (« Premature end of data in tag STRUCT ») said in French
    assert "le fichier s'arrête avant la fin de <" in message, message


def test_mismatched_tags() -> None:
    with pytest.raises(ParseError, match=r"XML mal formé \(ligne 2, .*: <ID> est fermée par "
                                         r"</NOR>\)$"):
        parse_member("m.xml", b"<TEXTE>\n<ID>JORFTEXT1</NOR></TEXTE>")


@pytest.mark.parametrize(("data", "said"), [
    (b'<!DOCTYPE t [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
     b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
     b'<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]><t>&e;&e;&e;&e;&e;&e;&e;&e;</t>',
     "entités imbriquées ou répétées à l'excès (refusé)"),
    (b"<TEXTE/><TEXTE/>", "contenu après la fin du document"),
    (b"<TEXTE>\xff\xfe</TEXTE>", "octets qui ne sont pas de l'UTF-8 valide"),
    (b"<TEXTE>&nbsp;</TEXTE>", "référence d'entité inconnue ou mal écrite"),
])
def test_libxml2_faults_are_said_in_french(data: bytes, said: str) -> None:
    with pytest.raises(ParseError) as error:
        parse_member("f.xml", data)
    message = str(error.value)
    assert message.startswith("f.xml : XML mal formé (ligne 1"), message
    assert message.endswith(f": {said})"), message
    assert not any(word in message for word in (" the ", " of ", " in tag ")), message


def test_unknown_root_is_named() -> None:
    with pytest.raises(ParseError, match=r"^x\.xml : élément racine « CIRCULAIRE » inconnu"):
        parse_member("x.xml", b"<CIRCULAIRE><ID>1</ID></CIRCULAIRE>")


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"<TEXTE><NATURE>ARRETE</NATURE></TEXTE>", "le texte"),
        (b"<TEXTE><ID> </ID></TEXTE>", "le texte"),
        (b"<TEXTE_VERSION><META><META_COMMUN/></META></TEXTE_VERSION>", "le texte"),
        (b"<ARTICLE><META><META_COMMUN><ID/></META_COMMUN></META></ARTICLE>", "un article"),
        (b"<TEXTELR><STRUCT/></TEXTELR>", "la structure du texte"),
        (b"<SECTION_TA><TITRE_TA>Annexe</TITRE_TA></SECTION_TA>", "la section"),
        (b"<JO><NUM>0001</NUM></JO>", "le sommaire"),
        (b"<TEXTE><ID>JORFTEXT1</ID><STRUCT><ARTICLE><NUM>1</NUM></ARTICLE></STRUCT></TEXTE>",
         "un article"),
    ],
)
def test_missing_id(data: bytes, what: str) -> None:
    with pytest.raises(ParseError, match=f"^m.xml : identifiant \\(ID\\) absent pour {what}$"):
        parse_member("m.xml", data)


def test_entities_are_not_expanded() -> None:
    data = b"""<?xml version="1.0"?>
<!DOCTYPE TEXTE [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY a "AAAAAAAAAA">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<TEXTE><ID>JORFTEXT1</ID><TITREFULL>t&xxe;&b;</TITREFULL>
<VISAS><CONTENU><p>v &xxe;&b; w</p></CONTENU></VISAS></TEXTE>"""
    text = parse_member("xxe.xml", data)
    assert (text.title, text.visas) == ("t", "v w")


def test_too_deep_nesting_is_a_parse_error() -> None:
    depth = 1500  # deeper than Python's recursion limit, within libxml2's
    data = (b"<TEXTE><ID>JORFTEXT1</ID><VISAS><CONTENU>" + b"<div>" * depth + b"x"
            + b"</div>" * depth + b"</CONTENU></VISAS></TEXTE>")
    with pytest.raises(ParseError, match="imbrication trop profonde"):
        parse_member("deep.xml", data)


def test_article_html_is_sanitised() -> None:
    article = parse_member("a.xml", b"""<ARTICLE><META><META_COMMUN><ID>JORFARTI1</ID>
        </META_COMMUN></META><BLOC_TEXTUEL><CONTENU><p onclick="steal()" align="left">Vu
        <a href="javascript:x()">le code</a>,<script>alert('x')</script></p>
        <!-- commentaire --></CONTENU></BLOC_TEXTUEL></ARTICLE>""")
    assert article.html == '<p align="left">Vu\n        le code,</p>'
    assert article.text == "Vu le code,"
