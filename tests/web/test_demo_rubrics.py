"""``vigie demo`` shows every rubric readers expect: its sample has court decisions (Judilibre),
EU acts (Cellar notices) and circulaires, fictitious, dated on the demo's day, so that its
edition has Jurisprudence, Union européenne and Circulaires et instructions besides the JO,
Parliament and the feeds."""

from __future__ import annotations

import re

import pytest

DAY = "2026-10-14"
EXPECTED = ["Journal officiel", "Jurisprudence", "Union européenne",
            "Circulaires et instructions", "Parlement", "Réponses ministérielles"]


def rubric_headings(html: str) -> list[str]:
    """The rubrics of an edition page, as its readers see them (their ``h2`` headings)."""
    return re.findall(r'<h2 id="r-[\w-]+" class="rubric__title">([^<]+)</h2>', html)


@pytest.mark.django_db
def test_the_demo_edition_shows_case_law_eu_acts_and_circulaires(vigie, client):
    code, out, err = vigie("demo", "--no-serve")
    assert code == 0, err
    national = client.get(f"/edition/{DAY}/national/").content.decode()
    headings = rubric_headings(national)
    assert [name for name in EXPECTED if name not in headings] == []
    assert "judilibre_demo.json : Judilibre, 2 décisions lues, 2 créées" in out
    assert "cir_990001.xml : 1 circulaire lue, 1 créée" in out
    # Retained, dated on the day, in French: one item of each new source.
    for title in ("Directive (UE) 2026/9901", "Règlement délégué (UE) 2026/9902",
                  "Circulaire relative au renouvellement des conventions de coordination",
                  "Instruction relative à l&#x27;organisation des élections municipales",
                  "Cour de cassation, Troisième chambre civile, 8 octobre 2026"):
        assert title in national, title
    # The cour d'appel de Bourges judges for the Cher (its ressort), not for every edition.
    cher = client.get(f"/edition/{DAY}/18/").content.decode()
    assert "Cour d&#x27;appel de Bourges" in cher and "Cour d&#x27;appel de Bourges" not in national
    assert "Jurisprudence" in rubric_headings(cher)
    # An earlier demonstration's data are its own: taken again, not refused as foreign.
    assert vigie("demo", "--no-serve")[0] == 0
