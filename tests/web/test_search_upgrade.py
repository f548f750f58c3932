"""Entries of an older index format are written again by the daily work itself, on both
databases: each run of the pipeline (here ``vigie ingest``) a bounded number of them
(VIGIE_INDEX_UPGRADE_PER_RUN), the newest texts first, and says so; the next run goes on
where it stopped, a run stopped midway losing nothing; ``vigie repair`` still writes them all;
``/sante/`` says how many remain."""

from __future__ import annotations

import json

import pytest

from vigie.demo.factory import FakeText, texte_xml
from vigie.web.models import SearchEntry
from vigie.web.search import SearchFilters, search
from vigie.web.search import index as search_index
from vigie.web.search.text import INDEX_FORMAT, index_words, legacy_stem, singular
from vigie.web.search.upgrade import old_format_count, rewrite_old

# Twelve texts on a « direction », one a month: format 4 indexes the word whole, format 3
# held Snowball's « direct » (the stem of « directive » and « directement » too).
UIDS = [f"JORFTEXT0000992000{month:02d}" for month in range(1, 13)]
NEWEST_FIRST = UIDS[::-1]
ANOTHER_TEXT = "JORFTEXT000099200099"


@pytest.fixture
def texts(vigie, tmp_path):
    folder = tmp_path / "livraison"
    folder.mkdir()
    for month, uid in enumerate(UIDS, start=1):
        fake = FakeText(uid=uid, title=f"Arrêté portant organisation de la direction n° {month}",
                        nor=f"INTB26{month:05d}A", date_publi=f"2026-{month:02d}-15",
                        date_texte=f"2026-{month:02d}-12",
                        articles=("La direction régionale est réorganisée.",))
        (folder / f"{uid}.xml").write_bytes(texte_xml(fake))
    code, _, err = vigie("ingest", folder)
    assert code == 0, err
    return folder


def _written_in_format_3(uids: list[str]) -> None:
    """The entries as the release before format 4 wrote them: the Snowball stem of each
    word's masculine singular, « direction » cut to « direct »."""
    for entry in SearchEntry.objects.filter(uid__in=uids):
        def old(value: str) -> str:
            return " ".join(legacy_stem(singular(word)) for word in index_words(value))

        SearchEntry.objects.filter(pk=entry.pk).update(
            index_version=3, index_title=old(f"{entry.title} {entry.uid}"),
            index_body=old(entry.text))


def _found(query: str) -> set[str]:
    return {hit.uid for hit in search(query, filters=SearchFilters(), per_page=100).results}


def _upgrade_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if "ancien format" in line]


def test_each_run_writes_a_bounded_number_again_newest_first(texts, vigie, settings):
    settings.VIGIE_INDEX_UPGRADE_PER_RUN = 5
    _written_in_format_3(UIDS)
    assert _found("direction") == set()  # what readers miss until the entries are rewritten
    code, out, err = vigie("ingest", texts)  # nothing new: only the rewriting
    assert code == 0, err
    assert _upgrade_lines(out) == [
        "Index de recherche : 5 entrées d'un ancien format réécrites, 7 restent (les "
        "prochaines exécutions les reprennent ; vigie repair, toutes d'un coup)."]
    assert _found("direction") == set(NEWEST_FIRST[:5])
    assert old_format_count() == 7
    code, out, _ = vigie("ingest", texts)
    assert "5 entrées d'un ancien format réécrites, 2 restent" in out
    assert _found("direction") == set(NEWEST_FIRST[:10])
    code, out, _ = vigie("ingest", texts)
    assert _upgrade_lines(out) == [
        "Index de recherche : 2 entrées d'un ancien format réécrites, aucune ne reste."]
    assert _found("direction") == set(UIDS)
    assert set(SearchEntry.objects.values_list("index_version", flat=True)) == {INDEX_FORMAT}
    code, out, _ = vigie("ingest", texts)
    assert code == 0 and _upgrade_lines(out) == []


def test_the_journal_counts_the_entries_written_again(texts, vigie, settings):
    from vigie.operations.models import Run

    settings.VIGIE_INDEX_UPGRADE_PER_RUN = 4
    _written_in_format_3(UIDS[:3])
    vigie("ingest", texts)
    run = Run.objects.filter(kind=Run.INGEST).latest("started_at")
    assert run.summary["index_format"] == 3
    code, out, _ = vigie("status")
    assert "entrées d'index d'un ancien format réécrites 3" in out


def test_a_run_stopped_midway_loses_nothing(texts, monkeypatch):
    """Each chunk is written in its own transaction and what remains is asked for again:
    a run that fails after its first chunk leaves the others old, taken by the next."""
    _written_in_format_3(UIDS)
    written = search_index.write_chunk
    calls = []

    def fails_second(read):
        calls.append(read.uids)
        if len(calls) == 2:
            raise RuntimeError("arrêt brutal")
        return written(read)

    monkeypatch.setattr(search_index, "write_chunk", fails_second)
    with pytest.raises(RuntimeError):
        rewrite_old(6, chunk=3)
    assert set(calls[0]) == set(NEWEST_FIRST[:3])
    assert old_format_count() == 9
    assert _found("direction") == set(NEWEST_FIRST[:3])
    monkeypatch.setattr(search_index, "write_chunk", written)
    done = rewrite_old(100, chunk=3)
    assert (done.rewritten, done.remaining) == (9, 0)
    assert _found("direction") == set(UIDS)


def test_undated_entries_come_last(texts):
    _written_in_format_3(UIDS)
    SearchEntry.objects.filter(uid=UIDS[5]).update(date_publi=None)  # (PostgreSQL: NULL first)
    rewrite_old(11)
    assert list(SearchEntry.objects.exclude(index_version=INDEX_FORMAT)
                .values_list("uid", flat=True)) == [UIDS[5]]


def test_repair_still_writes_them_all(texts, vigie, settings):
    settings.VIGIE_INDEX_UPGRADE_PER_RUN = 5
    _written_in_format_3(UIDS)
    code, out, err = vigie("repair")
    assert code == 0, err
    assert _upgrade_lines(out) == []  # not a few: all, by the repair's own check
    assert "Index de recherche : 12 entrée(s) réécrite(s)." in out
    assert old_format_count() == 0 and _found("direction") == set(UIDS)


def test_zero_leaves_them_to_repair(texts, vigie, settings):
    settings.VIGIE_INDEX_UPGRADE_PER_RUN = 0
    _written_in_format_3(UIDS)
    code, out, _ = vigie("ingest", texts)
    assert code == 0 and _upgrade_lines(out) == [] and old_format_count() == 12


def test_health_says_how_many_entries_are_of_an_older_format(texts, client, vigie):
    def remaining() -> int:
        return json.loads(client.get("/sante/").content)["index_old_format"]

    assert remaining() == 0
    _written_in_format_3(UIDS[:4])
    SearchEntry.objects.filter(uid=UIDS[4]).update(index_version=None)  # format 1
    assert remaining() == 5
    vigie("ingest", texts)
    assert remaining() == 0
