"""A delivery (global flow, JORFSIMPLE) stores the same whatever the order of its files and
whatever the bounds of what waits for the assembly (``documents.store``, ``waiting``,
``complete``): the same texts, hashes, articles and positions, sections, previous versions and
counts as its files in the order of DILA's tree with the default bounds; and so does one
stopped at any batch, then run again.

Orders, batch sizes, bounds and the split of a delivery into two are drawn at random from fixed
seeds (the same draws on every run); ``test_complete_texts`` and ``test_waiting_*`` hold the
cases written out by hand.
"""

from __future__ import annotations

import random

import pytest

from tests.conftest import FIXTURES, REPO, make_tarball, tree_members
from tests.documents.test_waiting_articles import ARTICLE, _forget_everything
from tests.documents.test_waiting_texts import _stored
from vigie.documents.complete import Outlines
from vigie.documents.models import Article, Document, DocumentVersion
from vigie.documents.waiting import WaitingArticles

pytestmark = pytest.mark.django_db

GLOBAL_FIXTURE = FIXTURES / "global" / "JORF_20260923-011003"
SIMPLE = REPO / "vigie" / "demo" / "sample" / "JORFSIMPLE_20261014-011502"
TRIALS = 12
SOMMAIRE = "20260923-011003/jorf/global/conteneur/JORF/CONT/00/00/99/10/00/" \
           "JORFCONT000099100000.xml"
# The second of the two articles of text JORFTEXT000099100240.
LAST_ARTICLE = "20260923-011003/jorf/global/article/JORF/ARTI/00/00/99/10/02/" \
               "JORFARTI000099100242.xml"
TITLED = "20260923-011003/jorf/global/texte/version/JORF/TEXT/00/00/99/10/00/" \
         "JORFTEXT000099100001.xml"


def _bounded(monkeypatch, rng: random.Random) -> None:
    """Batches and bounds drawn from the smallest (everything goes in at once, or a record
    a batch) to the defaults."""
    monkeypatch.setattr("vigie.documents.store.BATCH_SIZE", rng.choice([1, 2, 3, 5, 8, 1000]))
    monkeypatch.setattr("vigie.documents.store.HASHED_KEPT_CHARS",
                        rng.choice([0, 300, 3000, 4 * 1024 * 1024]))
    monkeypatch.setattr("vigie.documents.store.PLACEHOLDER_ITEMS_KEPT", rng.choice([0, 3, 50_000]))
    entries = rng.choice([0, 2, 5, 50_000])
    monkeypatch.setattr("vigie.documents.store.Outlines", lambda: Outlines(entries))
    most = rng.choice([0, 500, 5000, 8 * 1024 * 1024])
    monkeypatch.setattr("vigie.documents.store.WaitingArticles",
                        lambda _default: WaitingArticles(most))


def _ingest(vigie, folder, deliveries: list[dict[str, bytes]],
            names: list[str] | None = None) -> tuple:
    """Ingest these deliveries in turn (``names``: their files', by default those of the
    23rd, 24th… of September, in turn); the stored state and each summary."""
    folder.mkdir()
    said = []
    names = names or [f"JORF_202609{23 + day}-011003.tar.gz" for day in range(len(deliveries))]
    for name, members in zip(names, deliveries, strict=True):
        tarball = make_tarball(folder / name, members)
        code, out, _ = vigie("ingest", "--no-analysis", tarball)
        assert code == 0, out
        said.append(out.split(" : ", 1)[1])
    return _stored(), said


def _shuffled(members: dict[str, bytes], rng: random.Random) -> dict[str, bytes]:
    names = list(members)
    rng.shuffle(names)
    return {name: members[name] for name in names}


def test_one_delivery_in_any_order_and_within_any_bounds(vigie, tmp_path, monkeypatch):
    members = tree_members(GLOBAL_FIXTURE)
    expected = _ingest(vigie, tmp_path / "arbre", [members])
    rng = random.Random(13)
    for trial in range(TRIALS):
        _forget_everything()
        _bounded(monkeypatch, rng)
        assert _ingest(vigie, tmp_path / f"essai-{trial}", [_shuffled(members, rng)]) \
            == expected, f"essai {trial}"
        monkeypatch.undo()


def _split(members: dict[str, bytes], rng: random.Random) -> list[dict[str, bytes]]:
    """The delivery cut in two at random; the second also changes an article and brings a
    new one (new versions of their texts)."""
    names = sorted(members)
    first = set(rng.sample(names, rng.randint(1, len(names) - 1)))
    later = {name: members[name] for name in names if name not in first}
    later[ARTICLE] = members[ARTICLE].replace(b"</CONTENU>", b" (modifi\xc3\xa9)</CONTENU>", 1)
    later[ARTICLE.replace("100017", "100099")] = members[ARTICLE].replace(
        b"100017", b"100099").replace(b"<NUM>5</NUM>", b"<NUM>12</NUM>")
    return [{name: members[name] for name in names if name in first}, later]


def test_two_deliveries_in_any_order_and_within_any_bounds(vigie, tmp_path, monkeypatch):
    members = tree_members(GLOBAL_FIXTURE)
    rng = random.Random(14)
    for trial in range(TRIALS):
        deliveries = _split(members, rng)
        _forget_everything()
        expected = _ingest(vigie, tmp_path / f"arbre-{trial}", deliveries)
        _forget_everything()
        _bounded(monkeypatch, rng)
        got = _ingest(vigie, tmp_path / f"essai-{trial}",
                      [_shuffled(delivery, rng) for delivery in deliveries])
        monkeypatch.undo()
        assert got == expected, f"essai {trial}"


def test_a_previous_version_is_where_the_text_sat_before_the_delivery(vigie, tmp_path,
                                                                     monkeypatch):
    """The sommaire of the second delivery, read before the article that changes a text,
    moves the text: its previous version keeps where it sat before (nowhere, no sommaire had
    placed it), not where this delivery put it."""
    members = tree_members(GLOBAL_FIXTURE)
    later = {SOMMAIRE: members.pop(SOMMAIRE), LAST_ARTICLE: members.pop(LAST_ARTICLE)}
    monkeypatch.setattr("vigie.documents.store.BATCH_SIZE", 1)  # the sommaire written first
    _ingest(vigie, tmp_path / "livraisons", [members, later])
    version = DocumentVersion.objects.get(document__uid="JORFTEXT000099100240")
    assert (version.snapshot["section"], version.snapshot["rank"]) == ("", None)
    assert [a["id"] for a in version.snapshot["articles"]] == ["JORFARTI000099100241"]
    assert version.document.section.startswith("Décrets, arrêtés, circulaires / Mesures")


@pytest.mark.parametrize("batch", [1, 1000])
def test_a_text_the_sommaire_alone_knows_comes_from_the_sommaire_whatever_came_first(
        vigie, tmp_path, monkeypatch, batch):
    """Its structure but not its version delivered: the row the sommaire fills names the
    sommaire's file as its source, as when the sommaire comes first (one batch writes the
    structures before the sommaires)."""
    members = tree_members(GLOBAL_FIXTURE)
    kept = {name: data for name, data in members.items()
            if "/conteneur/" in name or "/texte/struct/" in name}
    monkeypatch.setattr("vigie.documents.store.BATCH_SIZE", batch)
    _ingest(vigie, tmp_path / "livraison", [kept])
    listed = Document.objects.get(uid="JORFTEXT000099100130")
    assert listed.status == Document.STATUS_SOMMAIRE and listed.structure
    assert (listed.delivery, listed.member) == ("JORF_20260923-011003.tar.gz", SOMMAIRE)


# The delivery of the 24th, then the older one of the 23rd (a late archive).
NEWER_FIRST = ["JORF_20260924-011003.tar.gz", "JORF_20260923-011003.tar.gz"]


def test_an_older_delivery_brings_no_article_back_to_a_text_a_later_one_wrote(vigie, tmp_path):
    """Its text refused (older), a new article of the older delivery went in all the same
    and the text was assembled again: a previous version was recorded with nothing of the
    text in it (what is kept of a text written once the delivery has read it)."""
    members = tree_members(GLOBAL_FIXTURE)
    stale = ARTICLE.replace("100017", "100099")
    older = dict(members, **{stale: members[ARTICLE].replace(b"100017", b"100099")
                             .replace(b"<NUM>5</NUM>", b"<NUM>12</NUM>")})
    _ingest(vigie, tmp_path / "livraisons", [members, older], NEWER_FIRST)
    assert not Article.objects.filter(article_id="JORFARTI000099100099").exists()
    assert not DocumentVersion.objects.exists()
    text = Document.objects.get(uid="JORFTEXT000099100001")
    assert text.delivery == "JORF_20260924-011003.tar.gz" and text.version == 1


def test_a_text_a_later_sommaire_listed_takes_an_older_delivery_s_structure(vigie, tmp_path,
                                                                           monkeypatch):
    """The row the sommaire made bears the sommaire's delivery; a text's version is taken
    from any delivery then, and so is its structure now, even read before the version."""
    members = tree_members(GLOBAL_FIXTURE)
    _ingest(vigie, tmp_path / "entiere", [members])
    expected = Document.objects.get(uid="JORFTEXT000099100001").structure
    _forget_everything()
    monkeypatch.setattr("vigie.documents.store.BATCH_SIZE", 1)  # the structure first
    _ingest(vigie, tmp_path / "tard", [{SOMMAIRE: members.pop(SOMMAIRE)}, members], NEWER_FIRST)
    text = Document.objects.get(uid="JORFTEXT000099100001")
    assert text.status == Document.STATUS_COMPLETE and text.structure == expected != []


class _Stop(Exception):
    """A run that stops in the middle of a delivery."""


def stopped_at_batch(vigie, monkeypatch, tarball, stop: int) -> None:
    """Ingest ``tarball`` in a run that stops before writing its ``stop``-th batch (the
    batches before are committed, as a crash leaves them)."""
    from vigie.documents.store import DeliveryWriter
    write, calls = DeliveryWriter._write, iter(range(1, 1000))

    def stopping(writer, batch):
        if next(calls) == stop:
            raise _Stop
        return write(writer, batch)

    monkeypatch.setattr(DeliveryWriter, "_write", stopping)
    with pytest.raises(_Stop):
        vigie("ingest", "--no-analysis", tarball)
    monkeypatch.setattr(DeliveryWriter, "_write", write)


def _stopped_then_run(vigie, monkeypatch, tarball, stop: int) -> None:
    """Ingest ``tarball`` in a run that stops before writing its ``stop``-th batch, then
    in a run that goes to its end."""
    stopped_at_batch(vigie, monkeypatch, tarball, stop)
    code, out, _ = vigie("ingest", "--no-analysis", tarball)
    assert code == 0, out


def _nothing_held(monkeypatch) -> None:
    """Texts and articles written at once, none kept for the assembly."""
    monkeypatch.setattr("vigie.documents.store.HASHED_KEPT_CHARS", 0)
    monkeypatch.setattr("vigie.documents.store.WaitingArticles", lambda _most: WaitingArticles(0))


def test_a_delivery_stopped_at_any_batch_then_run_again_stores_the_same(vigie, tmp_path,
                                                                        monkeypatch):
    """The texts' versions first, nothing held, a batch of five files: the run that took
    up a stopped one found texts this delivery had half written (no articles assembled) and
    kept that state as a previous version of them (``DocumentVersion``, the text at
    version 2)."""
    tree = tree_members(GLOBAL_FIXTURE)
    members = dict(sorted(tree.items(), key=lambda item: "/texte/version/" not in item[0]))
    monkeypatch.setattr("vigie.documents.store.BATCH_SIZE", 5)
    _nothing_held(monkeypatch)
    expected = _ingest(vigie, tmp_path / "entiere", [members])
    for stop in range(1, len(members) // 5 + 1):
        _forget_everything()
        (tmp_path / f"arret-{stop}").mkdir()
        tarball = make_tarball(tmp_path / f"arret-{stop}" / "JORF_20260923-011003.tar.gz", members)
        _stopped_then_run(vigie, monkeypatch, tarball, stop)
        assert _stored() == expected[0], f"arrêt au lot {stop}"
        assert not DocumentVersion.objects.exists()


def _corrected(members: dict[str, bytes], rng: random.Random | None = None
               ) -> dict[str, bytes]:
    """A later delivery of the same texts: an article rewritten, a new one, a title
    corrected, the sommaire's heading of the day's general texts renamed (moving them);
    with ``rng``, some of these only, and some files left out."""
    later, draw = dict(members), (lambda: rng is None or rng.random() < 0.6)
    if draw():
        later[ARTICLE] = members[ARTICLE].replace(b"</CONTENU>", b" (modifi\xc3\xa9)</CONTENU>", 1)
    if draw():
        later[ARTICLE.replace("100017", "100099")] = members[ARTICLE].replace(
            b"100017", b"100099").replace(b"<NUM>5</NUM>", b"<NUM>12</NUM>")
    if draw():
        later[SOMMAIRE] = members[SOMMAIRE].replace("Textes généraux".encode(),
                                                    "Textes généraux (suite)".encode(), 1)
    if draw():
        later[TITLED] = members[TITLED].replace(b"police municipal<", b"police municipale<", 1)
    others = sorted(set(members) - {ARTICLE, SOMMAIRE, TITLED})
    for name in rng.sample(others, rng.randint(0, len(others) // 2)) if rng else ():
        del later[name]
    return later


def _stopped_at(vigie, tmp_path, monkeypatch, later: dict[str, bytes], stops: list[int]
                ) -> list[int]:
    """The fixture's delivery, then ``later`` stopped at each of ``stops`` (a batch) and run
    again, each time from an empty database; the stops after which ``later`` stored anything
    but what it stores when never stopped."""
    members = tree_members(GLOBAL_FIXTURE)
    expected = _ingest(vigie, tmp_path / "entiere", [members, later])[0]
    wrong = []
    for stop in stops:
        _forget_everything()
        _ingest(vigie, tmp_path / f"arret-{stop}", [members])
        tarball = make_tarball(tmp_path / f"arret-{stop}" / "JORF_20260924-011003.tar.gz", later)
        _stopped_then_run(vigie, monkeypatch, tarball, stop)
        if _stored() != expected:
            wrong.append(stop)
    return wrong


def test_a_delivery_changing_stored_texts_stopped_at_any_batch_keeps_their_versions(
        vigie, tmp_path, monkeypatch):
    """Stopped at any batch, then run again, a delivery changing stored texts stores the
    same as a run never stopped, previous versions included: the stopped run had rewritten
    articles, rows and placings, and the next one took them for the texts' state before
    the delivery (a trace with the new article, the new heading, or none at all, the row
    bearing the delivery). The first batch to rewrite a text now stores that state."""
    later = _shuffled(_corrected(tree_members(GLOBAL_FIXTURE)), random.Random(16))
    monkeypatch.setattr("vigie.documents.store.BATCH_SIZE", 1)
    _nothing_held(monkeypatch)
    assert _stopped_at(vigie, tmp_path, monkeypatch, later, list(range(1, len(later) + 1))) \
        == []
    [version] = DocumentVersion.objects.all()  # its text's title, heading and article before
    assert version.snapshot["title"].endswith("police municipal")
    assert "(suite)" not in version.snapshot["section"] != ""
    assert "(modifié)" not in str(version.snapshot["articles"])


def test_deliveries_changing_stored_texts_stopped_at_random_keep_their_versions(
        vigie, tmp_path, monkeypatch):
    """Some of those changes, some files, any order, any batch size, held or not, stopped at
    batches drawn at random: the sommaire moving a text whose unchanged article an earlier
    batch had read, a later batch changing it, is one of the cases found so."""
    rng = random.Random(17)
    for trial in range(TRIALS):
        later = _shuffled(_corrected(tree_members(GLOBAL_FIXTURE), rng), rng)
        size = rng.choice([1, 2, 3, 5])
        monkeypatch.setattr("vigie.documents.store.BATCH_SIZE", size)
        if rng.random() < 0.5:
            _nothing_held(monkeypatch)
        stops = rng.sample(range(1, len(later) // size + 1), min(4, len(later) // size))
        _forget_everything()
        (tmp_path / f"essai-{trial}").mkdir()
        assert _stopped_at(vigie, tmp_path / f"essai-{trial}", monkeypatch, later, stops) \
            == [], f"essai {trial}, lots de {size}"
        monkeypatch.undo()


def test_jorfsimple_deliveries_in_any_order_newest_first_or_not(vigie, tmp_path, monkeypatch):
    """The JORFSIMPLE sample cut in two at random, the second changing articles, each in any
    order, sometimes the newer one ingested first: the same as in the order of its tree."""
    members = tree_members(SIMPLE, "JORFSIMPLE_20261014-011502/")
    rng = random.Random(15)
    for trial in range(TRIALS):
        first = set(rng.sample(sorted(members), rng.randint(1, len(members))))
        later = set(rng.sample(sorted(members), rng.randint(1, len(members))))
        deliveries = [{n: d for n, d in members.items() if n in first},
                      {n: d.replace(b"</CONTENU>", b" (modifi\xc3\xa9)</CONTENU>", 1)
                       for n, d in members.items() if n in later}]
        names = [f"JORFSIMPLE_202610{day}-011502.tar.gz" for day in (14, 15)]
        if rng.random() < 0.4:
            names.reverse()
        _forget_everything()
        expected = _ingest(vigie, tmp_path / f"arbre-{trial}", deliveries, names)
        _forget_everything()
        _bounded(monkeypatch, rng)
        got = _ingest(vigie, tmp_path / f"essai-{trial}",
                      [_shuffled(delivery, rng) for delivery in deliveries], names)
        monkeypatch.undo()
        assert got == expected, f"essai {trial}"
