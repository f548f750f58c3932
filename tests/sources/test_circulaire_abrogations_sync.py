"""``vigie sync --source circulaires`` and the fund's list of abrogations
(``CIRCULAIRES/txt/abroge_txt.tar``), on a local imitation of the fund: fetched once, with a
``--since`` that reaches the stocks, after them and before the flow; never without one. And
the ``vigie.sync`` task, which reads any source ``vigie sync --source`` knows."""

from __future__ import annotations

import pytest

from tests.documents.circulaire_files import BUDGET_ID, abrogations
from tests.sources.dila_server import DilaServer
from tests.sources.test_circulaires_sync import BUDGET, DEC31, FUND, STOCK, _fund, _gets, _sync
from vigie.documents.models import CirculaireAbrogation, Document, Watermark

LIST = "txt/abroge_txt.tar"


def _with_list(tmp_path) -> dict[str, bytes]:
    """The fund of ``test_circulaires_sync`` and its list naming the budget circulaire (in
    force in the stock of 2012 and on 31 December 2025, abrogated on 2 January 2026)."""
    listed = abrogations(tmp_path / "liste", **{
        "abroge_2014.txt": f"2012/06/cir_{BUDGET_ID}.pdf\n2011/07/cir_33411.xml\n"})
    return {**_fund(tmp_path), FUND + LIST: listed.read_bytes()}


@pytest.mark.django_db
def test_the_list_is_read_once_after_the_stocks_and_before_the_flow(vigie, tmp_path):
    with DilaServer(_with_list(tmp_path), listing_style="apache") as server:
        code, out, err = _sync(vigie, server, "--since", "2012-06-01")
        assert code == 0, err
        assert "5 livraison(s) à traiter" in out, out
        assert out.index("2012_xml") < out.index("abroge_txt.tar") < out.index(
            DEC31.rpartition("/")[2]), out
        assert ("abroge_txt.tar : 2 circulaires listées, 1 circulaire marquée abrogée, "
                "1 pas encore connue (notée), 0 anomalie.") in out, out
        # 31 December 2025, in force, after the list: it wins; 2 January abrogates it.
        assert "circulaire_31122518h00.tar.gz : 1 circulaire lue, 0 créée, 1 mise(s) à jour" \
            in out, out
        assert Document.objects.get(uid=BUDGET).details["abrogated"]
        assert CirculaireAbrogation.objects.count() == 2
        assert Watermark.objects.get(source="dila-circulaires").value == "20260115-1030"

        code, out, err = _sync(vigie, server, "--since", "2012-06-01")
        assert code == 0 and "aucune nouvelle livraison" in out, out + err
        assert _gets(server, LIST) == _gets(server, STOCK) == 1


@pytest.mark.django_db
def test_without_a_since_in_the_stock_years_the_list_is_not_even_listed(vigie, tmp_path):
    with DilaServer(_with_list(tmp_path), listing_style="apache") as server:
        code, out, err = _sync(vigie, server)
        assert code == 0 and "3 livraison(s) à traiter" in out, out + err
        assert _gets(server, "txt/") == _gets(server, LIST) == 0
        assert not CirculaireAbrogation.objects.exists()


@pytest.mark.django_db
def test_a_list_folder_that_fails_otherwise_than_missing_stops_the_run(vigie, tmp_path):
    with DilaServer(_with_list(tmp_path), listing_style="apache") as server:
        server.fail(FUND + "txt/", status=403)
        code, out, err = _sync(vigie, server, "--since", "2012-06-01")
        assert code == 1 and "txt/ » est inaccessible (réponse HTTP 403)" in err, out + err
        assert not Watermark.objects.filter(source="dila-circulaires").exists()


@pytest.mark.django_db
def test_the_sync_task_takes_a_source(tmp_path, settings):
    from vigie.tasks.work import sync

    with DilaServer(_fund(tmp_path), listing_style="apache") as server:
        settings.VIGIE_DILA_BASE_URL = server.base_url
        done = sync.delay(source="circulaires").get()
        assert done["status"] == 0 and set(done["sources"]) == {"circulaires"}, done
        assert done["sources"]["circulaires"]["inputs"] == 3
        assert Document.objects.get(uid=BUDGET).details["abrogated"]
        done = sync.delay().get()  # the default: the Journal officiel's flow, as before
        assert set(done) == {"status", "inputs", "texts", "steps"} and done["status"] == 1
        assert len(server.requests_for("JORFSIMPLE/")) == 1
