"""Annex tables on the text page (issue 10): grouped by département, the reader's first."""

from __future__ import annotations

import re

import pytest
from django.core.cache import caches
from lxml import html

from tests.analysis.conftest import CATNAT, parsed_text
from tests.web.pages import CATNAT as CATNAT_UID
from vigie.web.views.annexes import MIN_ROWS, readable

HEADER = "<tr><th>Département</th><th>Commune</th><th>Phénomène</th></tr>"


def table(rows: list[tuple[str, str]]) -> str:
    body = "".join(f"<tr><td>{d}</td><td>{c}</td><td>Inondations</td></tr>" for d, c in rows)
    return f"<p>ANNEXE</p><table>{HEADER}{body}</table>"


ROWS = [("Ain", "Baix"), ("Ain", "Argis"), ("Cher", "Bourges"), ("Cher", "Vierzon"),
        ("Cher", "Vierzon"), ("18", "Aubigny-sur-Nère"), ("Département du Gard", "Alès"),
        ("Gard (30)", "Nîmes"), ("Gard", "Uzès")]


def test_rows_are_grouped_by_departement_in_the_tables_order():
    page = html.fragment_fromstring(readable(table(ROWS), key="2"), create_parent="div")
    assert page.xpath("string(p)") == "ANNEXE"
    assert [a.text for a in page.iter("a")] == [
        "Ain (01) — 2 communes", "Cher (18) — 3 communes", "Gard (30) — 3 communes"]
    assert [a.get("href") for a in page.iter("a")] == [
        "#annexe-2-1-01", "#annexe-2-1-18", "#annexe-2-1-30"]
    cher = page.get_element_by_id("annexe-2-1-18")
    assert cher.get("open") is None
    assert [td.text for td in cher.xpath(".//td[@data-label='Commune']")] == [
        "Bourges", "Vierzon", "Vierzon", "Aubigny-sur-Nère"]
    assert "Département" not in cher.text_content()  # the section says it


def test_the_readers_departement_comes_first_and_open():
    page = html.fragment_fromstring(readable(table(ROWS), key="2", reader="30"),
                                    create_parent="div")
    first = next(page.iter("a"))
    assert first.text == "Gard (30) — 3 communes"
    assert page.get_element_by_id("annexe-2-1-30").get("open") == "open"
    assert "Votre département" in page.get_element_by_id("annexe-2-1-30").text_content()


def test_short_tables_stay_tables_with_labels_for_phones():
    short = table(ROWS[:MIN_ROWS - 1])
    out = readable(short, key="1")
    assert "<details" not in out and 'class="stack-table"' in out
    assert 'data-label="Commune"' in out
    assert readable("<p>Sans tableau</p>", key="1") == "<p>Sans tableau</p>"


def test_the_real_catastrophe_naturelle_annexes():
    articles = parsed_text(*CATNAT).articles
    annex = next(a for a in articles if "ANNEXE I" in a.text and "ANNEXE II" not in a.text)
    out = readable(annex.html, key="6", reader="34")
    links = re.findall(r'<a href="#annexe-6-1-(\w+)">([^<]+)</a>', out)
    assert links[0] == ("34", "Hérault (34) — 42 communes")  # 42 rows in annexe I
    assert len(links) == len({code for code, _ in links})
    assert out.count("<tr>") == out.count("</tr>")


def test_a_line_break_in_a_header_reads_as_a_space():
    """« Date de début<br/>de la période » was labelled « Date de débutde la période »."""
    header = ("<tr><th>Département</th><th>Commune</th>"
              "<th>Date de début<br/>de la période</th><th><p>Nombre</p><p>de jours</p></th></tr>")
    body = "".join(f"<tr><td>{d}</td><td>{c}</td><td>01/07/2025</td><td>3</td></tr>"
                   for d, c in ROWS)
    grouped = html.fragment_fromstring(readable(f"<table>{header}{body}</table>", key="1"),
                                       create_parent="div")
    assert [th.text for th in grouped.iter("th")][:3] == [
        "Commune", "Date de début de la période", "Nombre de jours"]
    assert grouped.xpath("//td[@data-label='Date de début de la période']")
    short = html.fragment_fromstring(readable(f"<table>{header}{body}</table>".replace(
        body, body[:body.index("</tr>") + 5]), key="1"), create_parent="div")
    assert short.xpath("//td/@data-label") == [
        "Département", "Commune", "Date de début de la période", "Nombre de jours"]


def test_every_table_scrolls_in_a_box_of_its_own():
    """A table wider than the column (seven columns on a laptop) scrolls there, its scroll
    bar under it, not the whole article; the text after a table stays."""
    from pathlib import Path

    import vigie.web

    plain = "<table><tr><td>Sans en-tête</td></tr></table>après"
    for fragment in (table(ROWS), table(ROWS[:2]), plain):
        page = html.fragment_fromstring(readable(fragment, key="1"), create_parent="div")
        tables = list(page.iter("table"))
        assert tables and all(t.getparent().get("class") == "table-scroll" for t in tables)
    assert readable(plain, key="1").endswith("</table></div>après")
    assert readable(table(ROWS) + "après", key="1").endswith("</details></div>après")
    css = (Path(vigie.web.__file__).parent / "static" / "vigie.css").read_text(encoding="utf-8")
    assert ".table-scroll { overflow-x: auto; }" in css


@pytest.mark.django_db
def test_an_annex_is_made_readable_once_per_reader(client, ingested_demo, monkeypatch):
    """Grouping an annex of 700 communes cost a fifth of a second at every request of its
    page, a 304 included: each table is made once per reader's département, then kept."""
    caches["fragments"].clear()  # as in a process just started
    parsed = []
    parse = html.fragment_fromstring
    monkeypatch.setattr(html, "fragment_fromstring",
                        lambda *args, **kwargs: parsed.append(1) or parse(*args, **kwargs))
    url = f"/texte/{CATNAT_UID}/"
    first = client.get(url)
    assert first.status_code == 200 and "<table" in first.content.decode()
    made = len(parsed)
    assert made
    for _ in range(2):
        assert client.get(url).content == first.content
        assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert len(parsed) == made
    client.cookies["vigie_departement"] = "18"  # another reader: the Cher's rows first
    assert client.get(url).status_code == 200
    assert len(parsed) == 2 * made
