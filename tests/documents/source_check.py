"""An independent reading of DILA XML, to check exported records field by field.

Deliberately written without the project's parsers (plain lxml paths) so that a parser
bug cannot hide itself in the test.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

NONE_DATE = "2999-01-01"


def _text(root: etree._Element, *paths: str) -> str:
    for path in paths:
        found = root.find(path)
        if found is not None and (found.text or "").strip():
            return found.text.strip()
    return ""


def _date(value: str) -> str | None:
    return None if not value or value == NONE_DATE else value


def expected_fields(path: Path) -> dict:
    """The fields a JORFSIMPLE TEXTE or a global TEXTE_VERSION must export as."""
    root = etree.parse(str(path)).getroot()
    chronicle = "META/META_SPEC/META_TEXTE_CHRONICLE/"
    version = "META/META_SPEC/META_TEXTE_VERSION/"
    fields = {
        "id": _text(root, "ID", "META/META_COMMUN/ID"),
        "nor": _text(root, "NOR", chronicle + "NOR"),
        "eli": _text(root, "ID_ELI", "META/META_COMMUN/ID_ELI"),
        "nature": _text(root, "NATURE", "META/META_COMMUN/NATURE"),
        "number": _text(root, "NUM", chronicle + "NUM"),
        "title": _text(root, "TITREFULL", version + "TITREFULL"),
        "ministry": _text(root, "MINISTERE", version + "MINISTERE"),
        "date_text": _date(_text(root, "DATE_TEXTE", chronicle + "DATE_TEXTE")),
        "date_publi": _date(_text(root, "DATE_PUBLI", chronicle + "DATE_PUBLI")),
        "jo_number": _text(root, "NUM_PARUTION", chronicle + "NUM_PARUTION"),
    }
    origine = root.find("ORIGINE_PUBLI")
    if origine is not None and origine.get("id"):
        fields["jo_id"] = origine.get("id")
    return fields


def inline_articles(path: Path) -> list[tuple[str, str]]:
    """(num, first words of the body) of JORFSIMPLE inline articles, in file order."""
    root = etree.parse(str(path)).getroot()
    result = []
    for article in root.iterfind("STRUCT/ARTICLE"):
        body = " ".join(article.find("BLOC_TEXTUEL/CONTENU").itertext()).split()
        result.append(((article.findtext("NUM") or "").strip(), " ".join(body[:6])))
    return result


def signatory_names(path: Path) -> list[str]:
    root = etree.parse(str(path)).getroot()
    block = root.find(".//SIGNATAIRES/CONTENU")
    if block is None:
        return []
    lines = [" ".join(p.itertext()).strip() for p in block.iter("p")]
    return [line for line in lines if line and not line.lower().startswith("fait ")]
