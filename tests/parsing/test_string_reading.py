"""The plain text read from the serialised HTML (tables included) is the text the walk of the
tree gives, on hand-made contents and on every ``CONTENU`` of the fixtures and the real corpus
(skipped when ../shared is absent); what the string cannot say (nested tables, a cell out of
any row, a dropped tag) is left to the walk."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tests.parsing.conftest import corpus_files
from vigie.parsing.html import _dila_serialise, _flat_text, _walked_text, render_contenu
from vigie.parsing.xmltools import parse_xml

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

TABLE = ('<p>ANNEXE<br/>PROGRAMME</p><div align="center"><table border="1"><thead>'
         '<tr><th>\n<br/>Module</th><th>Durée<br/>(en <b>heures</b>)</th></tr></thead><tbody>'
         '<tr><td align="left"><p>Police</p><p>de la route</p></td><td>84</td></tr>'
         '<tr><td/><td colspan="2">  </td></tr><tr/>'
         '<tr>avant <td>1<sup>er</sup></td></tr></tbody></table></div>après &amp; fin')
WALKED = [
    "<table><tr><td>a<table><tr><td>b</td></tr></table>c</td></tr></table>",  # nested
    "<td>hors ligne</td><p>x</p>",  # a cell out of any row
    "<table><tr><td>a<script>x</script></td></tr></table>",  # dirty
    "<table><tr><td>a<br>lu</br>b</td></tr></table>",  # a <br> with content
]


def _contenu(inner: str) -> etree._Element:
    return etree.fromstring(f"<CONTENU>{inner}</CONTENU>")


def test_a_table_is_read_from_the_string_as_walked() -> None:
    html = _dila_serialise(_contenu(TABLE))
    text = _flat_text(html)
    assert text == _walked_text(_contenu(TABLE))
    assert text == ("ANNEXE\nPROGRAMME\nModule | Durée (en heures)\nPolice de la route | 84\n"
                    "avant\n1er\naprès & fin")


@pytest.mark.parametrize("inner", WALKED)
def test_what_the_string_cannot_say_is_walked(inner: str) -> None:
    assert _flat_text(_dila_serialise(_contenu(inner))) is None
    assert render_contenu(_contenu(inner))[1] == _walked_text(_contenu(inner))


def test_every_real_contenu_reads_as_walked() -> None:
    read = 0
    for path in sorted(FIXTURES.rglob("*.xml")) + corpus_files():
        try:
            root = parse_xml(path.name, path.read_bytes())
        except ValueError:
            continue
        for contenu in root.iter("CONTENU"):
            text = _flat_text(_dila_serialise(contenu))
            if text is not None:
                assert text == _walked_text(contenu), path.name
                read += 1
    assert read


@pytest.mark.parametrize("blank", [" ", "\n    ", "\t", "\xa0", "\x85", "\u3000", "\n\n"])
def test_blanks_between_lines_read_as_walked(blank: str) -> None:
    """Blanks after a line's tag (indentation between blocks, a break's first spaces) start
    no line and end no word, whatever the blank."""
    inner = (f'<div align="left">{blank}<p>Fait le 21 septembre 2026.</p>{blank}</div>{blank}'
             f'<div>{blank}<p>{blank}Agnès{blank}VILLEDIEU{blank}</p>{blank}<br/>{blank}<br/>'
             f'{blank}Par le <b>Premier</b>{blank}ministre :<br/>{blank}&amp; {blank}</div>')
    text = _flat_text(_dila_serialise(_contenu(inner)))
    assert text == _walked_text(_contenu(inner))
    assert text == "Fait le 21 septembre 2026.\nAgnès VILLEDIEU\nPar le Premier ministre :\n&"
