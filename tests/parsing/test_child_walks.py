"""The parsers walk an element's children as ``element[:]`` (no child iterator per loop): these
tests pin that it reads the same nodes as iterating, and that the metadata map and the text id
of the global flow read from it are those of the former walks, on the fixtures, the real
corpus (skipped when ../shared is absent) and hand-made edge cases."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tests.parsing.conftest import corpus_files
from vigie.parsing.jorf_global import _context_text_id, merged_fields
from vigie.parsing.xmltools import children, parse_xml

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _xml_files() -> list[Path]:
    return sorted(FIXTURES.rglob("*.xml")) + corpus_files()


def _former_merged_fields(root: etree._Element) -> dict:
    """merged_fields as written before the walks used slices."""
    fields: dict = {}
    for child in root:
        fields.setdefault(child.tag, child)
    meta = fields.get("META")
    if meta is None:
        return fields
    for part in meta:
        for spec in (part if part.tag == "META_SPEC" else [part]):
            for child in spec:
                fields.setdefault(child.tag, child)
    return fields


def _former_context_text_id(root: etree._Element) -> str:
    texte = root.find("CONTEXTE/TEXTE")
    return " ".join((texte.get("cid") or "").split()) if texte is not None else ""


def _check(root: etree._Element) -> None:
    for element in root.iter():
        assert element[:] == list(element)
    assert merged_fields(root) == _former_merged_fields(root)
    assert list(merged_fields(root)) == list(_former_merged_fields(root))
    assert children(root) == {child.tag: child for child in reversed(list(root))}
    assert _context_text_id(root[:]) == _former_context_text_id(root)


def test_fixtures_and_corpus_read_as_before() -> None:
    files = _xml_files()
    assert files, "aucun fichier XML dans tests/fixtures"
    for path in files:
        try:
            root = parse_xml(path.name, path.read_bytes())
        except ValueError:  # fixtures of unreadable members
            continue
        _check(root)


@pytest.mark.skipif(not corpus_files(), reason="../shared absent : corpus DILA réel indisponible")
def test_corpus_present() -> None:
    assert len(corpus_files()) > 10


@pytest.mark.parametrize("xml", [
    # A comment, a processing instruction and an entity reference among the children.
    b'<!DOCTYPE A [<!ENTITY e "v">]><A><!--c--><ID>1</ID><?pi x?>&e;<META><!--m-->'
    b'<META_COMMUN><ID>2</ID><NUM>3</NUM></META_COMMUN><META_SPEC><!--s--><META_ARTICLE>'
    b'<NUM>4</NUM><ID_ELI>5</ID_ELI></META_ARTICLE></META_SPEC></META>'
    b'<CONTEXTE/><CONTEXTE><!--t--><TEXTE cid=" X  1 "/><TEXTE cid="X2"/></CONTEXTE></A>',
    # Namespaced look-alikes are other tags; the first META only.
    b'<A xmlns:n="urn:n"><n:CONTEXTE><TEXTE cid="N"/></n:CONTEXTE><META><META_COMMUN>'
    b'<ID>1</ID></META_COMMUN></META><META><META_COMMUN><NUM>2</NUM></META_COMMUN></META>'
    b'<CONTEXTE><n:TEXTE cid="N"/></CONTEXTE></A>',
    b"<A><META>text only</META></A>",
])
def test_edge_cases_read_as_before(xml: bytes) -> None:
    _check(parse_xml("cas.xml", xml))
