"""Every source Vigie reads, served from one ``DilaServer`` on 127.0.0.1 (``prefix=""``):
the DILA under ``dila/`` (the demo's JO day, a circulaire of that day in the CIRCULAIRES
fund), the Assemblée under ``an/``, the Sénat under ``senat/`` and ``site/``, Cellar under
``eu/`` (a directive of that day: its listing and its notices) — for the tests of
``vigie sync --source all``, ``vigie morning`` and ``vigie run``; ``NEWS``, a followed
feed's RSS."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.conftest import make_tarball, tree_members
from tests.documents.circulaire_files import BUDGET_ID, budget
from tests.documents.eu_notices import WATER, expression_notice, work_notice

from .cellar_server import sparql_answer
from .dila_server import DilaServer

DEMO = Path(__file__).resolve().parents[2] / "vigie" / "demo" / "sample"
JO_DAY = "JORFSIMPLE_20261014-011502"
CIRCULAIRE = "CIRCULAIRES/FLUX/2026/circulaire_14102610h00.tar.gz"
NEWS = (b'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        b"<title>Actualit\xc3\xa9s des collectivit\xc3\xa9s</title>"
        b"<link>https://exemple.gouv.fr/</link><description>Flux de test</description>"
        b"<item><title>Dotation de soutien aux communes rurales : les montants 2026</title>"
        b"<link>https://exemple.gouv.fr/dotation</link><guid>https://exemple.gouv.fr/dotation"
        b"</guid><description>Les communes rurales recevront la dotation de soutien en "
        b"novembre.</description><pubDate>Wed, 14 Oct 2026 07:00:00 +0200</pubDate></item>"
        b"</channel></rss>")


def serve_dila(server: DilaServer, tmp_path: Path, day: date = date(2026, 10, 14)) -> None:
    """The demo's JO day and, in the DILA's CIRCULAIRES fund, a circulaire of that day:
    ``--source all`` reads both; ``day``: when the DILA published them (the names of the
    deliveries; their texts stay those of 14 October 2026)."""
    tarball = make_tarball(tmp_path / f"{JO_DAY}.tar.gz",
                           tree_members(DEMO / JO_DAY, f"{JO_DAY}/"))
    server.add(f"dila/JORFSIMPLE/JORFSIMPLE_{day:%Y%m%d}-011502.tar.gz", tarball.read_bytes())
    archive = make_tarball(tmp_path / CIRCULAIRE.rpartition("/")[2], {
        f"xml/2026/10/cir_{BUDGET_ID}.xml": budget().encode()})
    server.add(f"dila/CIRCULAIRES/FLUX/{day.year}/circulaire_{day:%d%m%y}10h00.tar.gz",
               archive.read_bytes())
    serve_eu(server)


def serve_eu(server: DilaServer) -> None:
    """Cellar's listing (the same answer whatever the query) and the notices of a directive
    of the JO's day, under ``eu/``. The listing names it on the day the test runs: a run
    leaves out a row outside the days it asked for (its first read: the last few days), and
    the act's own notice gives its day of publication."""
    server.add("eu/sparql", sparql_answer([(WATER, date.today().isoformat())]))
    server.add(f"eu/resource/celex/{WATER}", work_notice().encode())
    server.add(f"eu/resource/celex/{WATER}.FRA", expression_notice().encode())


def point_eu(settings, server: DilaServer) -> None:
    """Vigie's addresses of Cellar: on ``server`` (``serve_eu``)."""
    settings.VIGIE_CELLAR_SPARQL_URL = server.base_url + "eu/sparql"
    settings.VIGIE_CELLAR_URL = server.base_url + "eu/resource"


def point_to(settings, server: DilaServer) -> None:
    """Vigie's addresses of the DILA, the Assemblée (17th legislature), the Sénat and Cellar:
    on ``server``; the Parliament's rows from 2024 on (the fixtures' years)."""
    settings.VIGIE_DILA_BASE_URL = server.base_url + "dila/"
    settings.VIGIE_AN_BASE_URL, settings.VIGIE_AN_LEGISLATURE = server.base_url + "an/", "17"
    settings.VIGIE_SENAT_BASE_URL = server.base_url + "senat/"
    settings.VIGIE_SENAT_SITE_URL = server.base_url + "site/"
    settings.VIGIE_PARLEMENT_SINCE = date(2024, 1, 1)
    point_eu(settings, server)
