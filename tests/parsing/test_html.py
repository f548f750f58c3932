"""Sanitised HTML and plain-text conventions of a CONTENU element, on hand-written snippets."""

from __future__ import annotations

import pytest
from lxml import etree

from vigie.parsing.html import CELL_SEPARATOR, contenu_text, render_contenu, sanitize_html


def _contenu(inner: str) -> etree._Element:
    return etree.fromstring(f"<CONTENU>{inner}</CONTENU>".encode())


def test_separator_is_pipe_with_spaces() -> None:
    assert CELL_SEPARATOR == " | "


@pytest.mark.parametrize("inner", ["", "  \n ", None])
def test_empty_contenu(inner: str | None) -> None:
    contenu = None if inner is None else _contenu(inner)
    assert render_contenu(contenu) == ("", "")


def test_script_event_handlers_and_unknown_tags() -> None:
    html, text = render_contenu(_contenu(
        '<p onclick="steal()" align="center" style="color:red" class="x">Avant '
        '<script>alert("x")</script><SCRIPT>alert(2)</SCRIPT><style>p{}</style>'
        '<a href="javascript:evil()">lien</a> <img src="x" onerror="evil()"/>'
        "<!-- commentaire --><?php echo 1 ?>après</p>"
        '<iframe src="https://evil"><p>caché</p></iframe>'
        '<table border="1" width="100%"><tr><td colspan="2" rowspan="1" onmouseover="x()">a</td>'
        "</tr></table>"
    ))
    assert html == (
        '<p align="center">Avant lien après</p>'
        '<table><tr><td colspan="2" rowspan="1">a</td></tr></table>'
    )
    assert text == "Avant lien après\na"
    for bad in ("script", "alert", "onclick", "onerror", "style", "javascript", "iframe",
                "caché", "<a", "<img", "border", "width", "<!--", "<?"):
        assert bad not in html and bad not in text


def test_namespaced_and_xmlns_are_removed() -> None:
    html = sanitize_html(_contenu(
        '<p xmlns="http://evil">a</p><h:b xmlns:h="http://h">b</h:b><b xml:lang="fr">c</b>'))
    assert html == "<p>a</p>b<b>c</b>"


def test_allowed_markup_is_kept_verbatim() -> None:
    inner = ('<h2 align="center">Titre</h2><ul><li><i>un</i></li><li><u>deux</u></li></ul>'
             "<blockquote><em>cité</em> <strong>fort</strong> <span>s</span> H<sub>2</sub>O"
             "</blockquote><pre>a  b</pre>")
    html, text = render_contenu(_contenu(inner))
    assert html == inner
    assert text == "Titre\nun\ndeux\ncité fort s H2O\na b"


def test_breaks_blocks_whitespace_and_sup() -> None:
    text = contenu_text(_contenu(
        "<p>\n<br/>Article 1<sup>er</sup>\u00a0:   le\n   texte<br/><br/>\tsuite</p>"
        "<div>bloc</div>fin &amp; &lt;tout&gt;"))
    assert text == "Article 1er : le texte\nsuite\nbloc\nfin & <tout>"


def test_table_rows_one_line_each_with_empty_cells_kept() -> None:
    contenu = _contenu(
        "<p>Annexe</p><div align=\"center\"><table border=\"1\"><thead><tr><th>\n<br/>Dépt"
        "</th><th>Commune<br/>(nom)</th><th>Nb</th></tr></thead><tbody>"
        "<tr><td>\n<br/>Ain</td><td><p>Bourg</p><p>en-Bresse</p></td><td/></tr>"
        "<tr><td/><td/><td/></tr>"
        "<tr><td>Aude</td><td/><td>1<sup>re</sup> fois</td></tr></tbody></table></div>"
        "<p>Fin</p>")
    assert contenu_text(contenu).split("\n") == [
        "Annexe",
        "Dépt | Commune (nom) | Nb",
        "Ain | Bourg en-Bresse | ",  # trailing empty cell kept: columns stay aligned
        "Aude |  | 1re fois",
        "Fin",
    ]


def test_text_before_first_cell_gets_its_own_line() -> None:
    text = contenu_text(_contenu("<table><caption>Liste</caption><tr><td>a</td><td>b</td></tr>"
                                 "<tr>x<td>c</td></tr></table>"))
    assert text == "Liste\na | b\nx\nc"


def test_sanitised_html_keeps_tree_text() -> None:
    contenu = _contenu("<p>a<!-- c -->b<unknown>c</unknown></p>")
    html, text = render_contenu(contenu)
    assert (html, text) == ("<p>abc</p>", "abc")
