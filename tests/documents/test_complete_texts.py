"""New global-flow texts assembled by the batch that completes them (``documents.complete``)
store exactly what assembling them at the end of the delivery stored: the same texts, hashes,
issues, articles and positions, the same counts, whatever the order of the members (an
article the structure does not name, or the sommaire, coming after the text was assembled:
it is assembled again at the end; a text the sommaire does not list takes its issue from it
all the same)."""

from __future__ import annotations

import re

import pytest

from tests.conftest import FIXTURES, make_tarball, tree_members
from tests.documents.test_waiting_articles import ARTICLE, _forget_everything
from tests.documents.test_waiting_texts import _stored
from vigie.documents.complete import Outlines
from vigie.documents.models import Document
from vigie.parsing.model import ParsedSection, ParsedStructure, StructItem

GLOBAL_FIXTURE = FIXTURES / "global" / "JORF_20260923-011003"
# Members by kind, in the order each delivery brings them.
ORDERS = {
    "articles_last": ("/texte/struct/", "/section_ta/", "/conteneur/", "/texte/version/",
                      "/article/"),
    "sommaire_last": ("/texte/version/", "/texte/struct/", "/article/", "/section_ta/",
                      "/conteneur/"),
    "as_in_the_tree": ("/article/", "/conteneur/", "/section_ta/", "/texte/struct/",
                       "/texte/version/"),
}


def _delivery(tmp_path, order: tuple[str, ...], surprises: bool):
    """The fixture delivery in this ``order``; with ``surprises``, the sommaire does not list
    one of its texts and gives another the issue number its version lacks, an article of a
    text that its structure does not name comes last, and so does the structure of a text
    that never comes."""
    members = tree_members(GLOBAL_FIXTURE)
    ordered = {name: members[name] for part in order for name in members if part in name}
    assert len(ordered) == len(members)
    if surprises:
        sommaire = next(name for name in ordered if "/conteneur/" in name)
        ordered[sommaire], unlisted = re.subn(rb'<LIEN_TXT idtxt="JORFTEXT000099100240"[^>]*>',
                                              b"", ordered[sommaire])
        assert unlisted == 1
        version = next(name for name in ordered if name.endswith("JORFTEXT000099100130.xml")
                       and "/version/" in name)
        ordered[version] = ordered[version].replace(b"<NUM_PARUTION>0222</NUM_PARUTION>",
                                                    b"<NUM_PARUTION/>")
        ordered[ARTICLE.replace("100017", "100098")] = members[ARTICLE].replace(
            b"100017", b"100098").replace(b"<NUM>5</NUM>", b"<NUM>14</NUM>")
        # The structure of a text that neither comes nor is listed: a placeholder stays.
        structure = next(name for name in ordered if "/struct/" in name and "100240" in name)
        ordered[structure.replace("100240", "100999")] = ordered[structure].replace(
            b"JORFTEXT000099100240", b"JORFTEXT000099100999")
    return make_tarball(tmp_path / "JORF_20260923-011003.tar.gz", ordered)


def _spy_early(monkeypatch, early: bool) -> list[str]:
    """The texts assembled early (``Outlines.forget`` is given them); none when not
    ``early``."""
    assembled: list[str] = []
    forget, complete = Outlines.forget, Outlines.complete

    def spied_forget(self, uids):
        assembled.extend(uids)
        return forget(self, uids)

    monkeypatch.setattr(Outlines, "forget", spied_forget)
    monkeypatch.setattr(Outlines, "complete",
                        complete if early else lambda self, uid, articles: False)
    return assembled


@pytest.mark.django_db
@pytest.mark.parametrize("surprises", [False, True])
@pytest.mark.parametrize("order", list(ORDERS))
@pytest.mark.parametrize("batch", [1000, 1])
def test_texts_assembled_early_store_what_the_end_of_the_delivery_stored(
        vigie, tmp_path, monkeypatch, batch, order, surprises):
    monkeypatch.setattr("vigie.documents.store.BATCH_SIZE", batch)
    delivery = _delivery(tmp_path, ORDERS[order], surprises)
    seen, early = {}, {}
    for assemble_early in (True, False):
        _forget_everything()
        early[assemble_early] = _spy_early(monkeypatch, assemble_early)
        code, out, _ = vigie("ingest", "--no-analysis", "--force", delivery)
        assert code == 0, out
        seen[assemble_early] = (_stored(), out.split(" : ", 1)[1])
    assert seen[True] == seen[False]
    assert not early[False]
    if batch == 1:  # (in one batch, the sommaire places every text: assembled at the end)
        assert early[True], "aucun texte assemblé avant la fin de la livraison"
    unlisted = Document.objects.get(uid="JORFTEXT000099100240")
    assert unlisted.jo_id == "JORFCONT000099100000" and unlisted.status == "complete"
    if surprises and order == "sommaire_last":  # (given after the version, it stays)
        assert Document.objects.get(uid="JORFTEXT000099100130").jo_number == "0222"


@pytest.mark.django_db
@pytest.mark.parametrize("order", list(ORDERS))
def test_the_summary_counts_the_texts_the_sommaire_alone_knows_once_the_delivery_is_read(
        vigie, tmp_path, monkeypatch, order):
    """Four texts listed, three delivered: whether they come before or after the sommaire
    (a batch each), one text is known by the sommaire only (not the three that came after
    it)."""
    monkeypatch.setattr("vigie.documents.store.BATCH_SIZE", 1)
    code, out, _ = vigie("ingest", "--no-analysis", _delivery(tmp_path, ORDERS[order], False))
    assert code == 0, out
    assert "3 textes créés" in out and "1 connu par le sommaire seulement" in out, out


def _items(*pairs: tuple[str, str]) -> tuple[StructItem, ...]:
    return tuple(StructItem(kind=kind, id=item_id) for kind, item_id in pairs)


def test_a_text_is_complete_once_everything_its_outline_names_is_here():
    outlines = Outlines()
    outlines.keep([ParsedStructure("T", _items(("article", "A1"), ("section", "S1")))], [])
    assert not outlines.complete("T", {"A1", "A2"})  # its section has not come
    outlines.keep([], [ParsedSection("S1", "T", "Titre", _items(("article", "A2"),
                                                                ("section", "S2")))])
    assert not outlines.complete("T", {"A1", "A2"})  # nor the section inside it
    outlines.keep([], [ParsedSection("S2", "T", "Sous-titre", _items(("article", "A3")))])
    assert not outlines.complete("T", {"A1", "A2"})  # nor that section's article
    assert outlines.complete("T", {"A1", "A2", "A3", "A9"})  # (others: placed after)
    assert not outlines.complete("U", {"A1"})  # no structure kept
    assert outlines.entries == 5
    outlines.forget(["T"])
    assert outlines.entries == 0 and not outlines.sections and not outlines.structures


def test_outlines_kept_are_bounded():
    """Beyond the bound, a text's outline is not kept: it is assembled at the end."""
    outlines = Outlines(most_entries=2)
    outlines.keep([ParsedStructure("T", _items(("article", "A1"), ("article", "A2"))),
                   ParsedStructure("U", _items(("article", "B1")))], [])
    assert outlines.complete("T", {"A1", "A2"})
    assert not outlines.complete("U", {"B1"})
    outlines.keep([ParsedStructure("T", _items(("article", "A1")))], [])  # replaced: smaller
    assert outlines.entries == 1
    outlines.keep([ParsedStructure("U", _items(("article", "B1")))], [])
    assert outlines.complete("U", {"B1"}) and outlines.entries == 2
