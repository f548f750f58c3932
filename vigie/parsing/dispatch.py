"""Entry point of the parsing stage: one archive member in, one frozen record out.

This module owns the choice of the parser, made on the XML root element alone (file names and
paths differ between flows and deliveries): ``TEXTE_VERSION``, ``ARTICLE``, ``TEXTELR``,
``SECTION_TA`` (global flow), ``TEXTE`` (JORFSIMPLE) and ``JO`` (sommaire, both flows). Every
failure is a :class:`ParseError` whose message, in French, names the member.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from vigie.parsing.circulaire import is_circulaire_name
from vigie.parsing.jorf_global import (
    parse_article,
    parse_section,
    parse_structure,
    parse_texte_version,
)
from vigie.parsing.jorf_simple import parse_texte
from vigie.parsing.model import NOT_DILA, NOT_JO_CIRCULAIRE, TOO_DEEP, Parsed, ParseError
from vigie.parsing.sommaire import parse_sommaire
from vigie.parsing.xmltools import parse_xml

PARSERS: dict[str, Callable[[etree._Element, str], Parsed]] = {
    "TEXTE_VERSION": parse_texte_version,
    "ARTICLE": parse_article,
    "TEXTELR": parse_structure,
    "SECTION_TA": parse_section,
    "JO": parse_sommaire,
    "TEXTE": parse_texte,
}
# The roots of Cellar notices and of EUR-Lex's answers (``parsing.cellar``): read apart.
EU_ROOTS = frozenset({"NOTICE", "searchResults", "Envelope"})


# Files of other sources an operator may give to ``vigie ingest``, by their root element:
# what they are and how Vigie reads them, said instead of a bare « unknown root ».
ELSEWHERE = {
    "ANNONCE": "un avis du BOAMP, que Vigie relève dans un flux suivi (vigie feeds add "
               "ADRESSE --rubric marches), pas par vigie ingest",
    "rss": "un flux RSS, que Vigie relève par vigie feeds add ADRESSE --rubric actualite, "
           "pas par vigie ingest",
    "feed": "un flux Atom, que Vigie relève par vigie feeds add ADRESSE --rubric actualite, "
            "pas par vigie ingest",
    "QUESTION": "une question de l'Assemblée nationale (ancien format XML), que vigie ingest "
                "lit donnée seule ou dans un dossier, pas dans une archive de la DILA",
}

# The same for JSON files, told by their first bytes: aid lists and the BOAMP's API answers.
ELSEWHERE_HEAD = 6000  # (as far as ``is_aids`` looks)
AIDS_ELSEWHERE = ("des aides aux collectivités (schéma Aides-territoires ou ADEME « Agir »), "
                  "que Vigie relève dans un flux suivi (vigie feeds add ADRESSE --rubric "
                  "financements), pas par vigie ingest")
BOAMP_ELSEWHERE = ("des avis du BOAMP (réponse de son API), que Vigie relève dans un flux "
                   "suivi (vigie feeds add ADRESSE --rubric marches), pas par vigie ingest")


def json_elsewhere(head: bytes) -> str:
    """What a JSON file starting with ``head`` is, when Vigie reads it elsewhere than in
    ``vigie ingest`` (said instead of « format JSON non reconnu »); "" when unknown."""
    # Imported here: the feeds' readers (some 50 M instructions with what they import) are
    # not needed to parse a delivery, and every parsing process would import them.
    from vigie.parsing.aides import is_aids
    from vigie.parsing.boamp import is_boamp

    if is_aids(head):
        return AIDS_ELSEWHERE
    return BOAMP_ELSEWHERE if is_boamp(head) and head.lstrip()[:1] in (b"{", b"[") else ""


def parse_member(name: str, data: bytes) -> Parsed:
    """Parse the XML ``data`` of the archive member ``name`` into a record of ``model``.

    Raises :class:`ParseError` for empty data, data that is not (well-formed) XML, an unknown
    root element, a record without its ``ID``, or content nested too deeply to be walked.
    """
    if is_circulaire_name(name):  # (its root is not documented: told by its name)
        raise ParseError(f"{name} : {NOT_JO_CIRCULAIRE}")
    root = parse_xml(name, data)
    parser = PARSERS.get(root.tag) if isinstance(root.tag, str) else None
    if parser is None and isinstance(root.tag, str) and etree.QName(root).localname in EU_ROOTS:
        raise ParseError(f"{name} : {NOT_DILA}")
    if parser is None:
        raise ParseError(f"{name} : {unknown_root(root)}")
    try:
        return parser(root, name)
    except RecursionError as error:  # HTML nested deeper than Python's stack allows
        raise ParseError(f"{name} : {TOO_DEEP}") from error


def unknown_root(root: etree._Element) -> str:
    """Why a file with this root is no DILA file, for people: what it is when known, else
    its root (without the namespace's address in braces) and the roots expected."""
    tag = root.tag if isinstance(root.tag, str) else "?"
    local = etree.QName(tag).localname if tag.startswith("{") else tag
    space = f" (espace de noms {etree.QName(tag).namespace})" if tag.startswith("{") else ""
    if local in ELSEWHERE:
        return f"pas un fichier de la DILA (élément racine « {local} ») : {ELSEWHERE[local]}"
    return (f"élément racine « {local} »{space} inconnu (attendu : {', '.join(PARSERS)} : "
            "fichiers de la DILA)")


def parse_batch(batch: list[tuple[str, bytes]]) -> list[tuple[Parsed | None, str]]:
    """Parse several members; for each, the record or the French error message.

    Module-level and pure so that worker processes can run it on batches of members.
    """
    results: list[tuple[Parsed | None, str]] = []
    for name, data in batch:
        try:
            results.append((parse_member(name, data), ""))
        except ParseError as error:
            results.append((None, str(error)))
    return results
