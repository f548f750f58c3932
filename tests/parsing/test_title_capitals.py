"""Titles a chamber writes in capitals (the Assemblée's questions of the 16th legislature,
« PROJET DE RÉFORME DES RETRAITES ») read in sentence case with their names: the real pages of
../shared/corpus/parlement/ are given their titles in capitals, as such a source would write
them, and must read as the chamber wrote them in mixed case (skipped without ../shared)."""

from __future__ import annotations

import re

import pytest

from tests.conftest import shared_path
from vigie.parsing.parlement_dispatch import parse_parlement_member
from vigie.parsing.parlement_model import ParsedDossier, ParsedQuestion

pytestmark = pytest.mark.shared


def read(name: str) -> bytes:
    return shared_path("corpus", "parlement", name).read_bytes()


def in_capitals(page: bytes, titles: list[str]) -> bytes:
    """The page with each of ``titles`` written in capitals, in the page's own encoding (the
    list of questions is in ISO-8859-1, the dossiers were saved again in UTF-8)."""
    encoding = "utf-8" if page.decode("utf-8", "replace").count("\ufffd") == 0 else "latin-1"
    text = page.decode(encoding)
    for title in titles:
        written = title if title in text else title.replace("'", "&#39;")
        assert written in text, title
        text = text.replace(written, written.upper())
    return text.encode(encoding)


def test_senat_question_titles_in_capitals_keep_their_names() -> None:
    # Before: « Partenariat entre la poste et l'état : … », « camp de grande-synthe ».
    name = "senat_questions_recherche_resultats.html"
    questions = parse_parlement_member(name, read(name))
    titles = [q.title for q in questions if isinstance(q, ParsedQuestion)]
    assert "Partenariat entre La Poste et l'État : maisons de services au public" in titles
    capitals = parse_parlement_member(name, in_capitals(read(name), titles))
    assert [q.title for q in capitals] == titles


@pytest.mark.parametrize("name", ["senat_dossier_legislatif_simple.html",
                                  "senat_dossier_legislatif_transparence.html",
                                  "senat_dossier_legislatif_terrorismus.html"])
def test_senat_dossier_titles_in_capitals_keep_their_names(name: str) -> None:
    # Before: « …entre le gouvernement de la république française et le gouvernement de la
    # république fédérale d'allemagne… ».
    [dossier] = parse_parlement_member(name, read(name))
    assert isinstance(dossier, ParsedDossier)
    text = read(name).decode("utf-8")
    long = re.search(r'<h2 class="subtitle-01">([^<:]+)', text).group(1).strip()
    page = in_capitals(read(name), [dossier.title, long])
    [capitals] = parse_parlement_member(name, page)
    assert (capitals.title, capitals.long_title) == (dossier.title, dossier.long_title)


@pytest.mark.django_db
def test_stored_titles_read_as_the_chamber_writes_them(vigie, tmp_path) -> None:
    # Before, stored: « Partenariat entre la poste et l'état : maisons de services au
    # public », « Crise migratoire : camp de grande-synthe ».
    from vigie.documents.models import Document

    name = "senat_questions_recherche_resultats.html"
    titles = [q.title for q in parse_parlement_member(name, read(name))]
    (tmp_path / name).write_bytes(in_capitals(read(name), titles))
    code, out, err = vigie("ingest", "--no-analysis", tmp_path / name)
    assert code == 0, out + err
    stored = dict(Document.objects.values_list("uid", "title"))
    assert stored["qSEQ16030791G"] == ("Partenariat entre La Poste et l'État : maisons de "
                                       "services au public")
    assert stored["qSEQ16030792G"] == "Crise migratoire : camp de Grande-Synthe"
