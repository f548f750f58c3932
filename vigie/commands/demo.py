"""``vigie demo``: offline, on a fresh machine, ingest the shipped sample (a day of the Journal
officiel, questions and a bill of Parliament, court decisions, EU acts, circulaires, feeds),
show the day, then serve the site on it
(``--no-serve`` stops after printing the addresses)."""

from __future__ import annotations

import argparse
import sys
from importlib import resources
from pathlib import Path

from vigie.commands.run import add_server_arguments


def sample_deliveries() -> list[Path]:
    """The sample deliveries shipped in ``vigie/demo/sample``, in delivery order."""
    root = Path(str(resources.files("vigie.demo") / "sample"))
    return sorted(p for p in root.iterdir() if p.is_dir() and p.name.startswith("JORF"))


def sample_parlement() -> list[Path]:
    """The Parliament sample shipped beside them (``vigie/demo/sample/parlement``: an answered
    written question of each chamber, one awaiting its answer, a bill in progress)."""
    return [Path(str(resources.files("vigie.demo") / "sample" / "parlement"))]


# The other sources' samples, one folder each (each file in it read as if given alone): court
# decisions of Judilibre, notices of EU acts, circulaires of the DILA's fund.
SAMPLE_SOURCES = ("jurisprudence", "europe", "circulaires")


def sample_sources() -> list[Path]:
    """The folders of the other sources' samples (``vigie/demo/sample/jurisprudence``,
    ``europe``, ``circulaires``), which give the day its rubrics Jurisprudence, Union
    européenne and Circulaires et instructions."""
    root = Path(str(resources.files("vigie.demo") / "sample"))
    return [root / name for name in SAMPLE_SOURCES]


# The sample feeds (fictitious): file name → (rubric, title, département of the source).
SAMPLE_FEEDS = {
    "actualite.xml": ("actualite", "Actualités des collectivités (démonstration)"),
    "rh.atom": ("rh", "Infos RH (démonstration)"),
    "boamp.json": ("marches", "BOAMP (démonstration)"),
    "aides.json": ("financements", "Aides aux collectivités (démonstration)"),
}


def sample_feeds() -> list[tuple[str, str, str]]:
    """(``file://`` address, rubric, title) of the sample feeds in ``vigie/demo/sample/flux``."""
    root = Path(str(resources.files("vigie.demo") / "sample" / "flux"))
    return [((root / name).resolve().as_uri(), rubric, title)
            for name, (rubric, title) in SAMPLE_FEEDS.items()]


def follow_sample_feeds(notify) -> int:
    """Follow the sample feeds and poll them (no network: local files, no article fetched)."""
    from vigie import pipeline
    from vigie.documents.feed_list import add_feed
    from vigie.documents.feed_poll import PollOptions
    from vigie.documents.models import Feed

    for url, rubric, title in sample_feeds():
        add_feed(url, rubric, title=title)
        Feed.objects.filter(url=url).update(fetch_articles=False)
    options = PollOptions(host_delay=0.0, articles=False, everything=True)
    return pipeline.sync_feeds(options, notify=notify).status


def foreign_data() -> str:
    """What this database holds that the demonstration did not bring (deliveries, feeds
    polled), said for a refusal: "" for a new database or one of an earlier demonstration."""
    from vigie.documents.models import Delivery, Feed

    ours = {path.name for path in [*sample_deliveries(), *sample_parlement()]}
    # (each file of the other sources' folders is a delivery of its own, named after it)
    ours |= {path.name for folder in sample_sources() for path in folder.iterdir()}
    deliveries = Delivery.objects.exclude(name__in=ours).count()
    feeds = (Feed.objects.exclude(url__in=[url for url, *_ in sample_feeds()])
             .filter(items__gt=0).count())
    found = [f"{deliveries} livraison(s)" if deliveries else "",
             f"{feeds} flux relevé(s)" if feeds else ""]
    return " et ".join(part for part in found if part)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "demo", help="démonstration hors ligne sur l'échantillon fourni",
        description="Crée la base si besoin, ingère l'échantillon de démonstration fourni avec "
        "Vigie (textes fictifs aux formats de la DILA, de l'Assemblée nationale et du Sénat ; "
        "décisions de justice au format de Judilibre, actes de l'Union européenne en notices "
        "Cellar, circulaires du fonds de la DILA ; flux d'actualités, avis du BOAMP et aides "
        "fictifs), affiche les textes du jour puis "
        "sert le site "
        "(http://127.0.0.1:8000 par défaut ; --no-serve pour s'arrêter avant).",
    )
    add_server_arguments(parser)
    # The only command that may serve without VIGIE_SECRET_KEY: it makes a throwaway one.
    parser.set_defaults(handler=run, throwaway_key=True)


def run(args: argparse.Namespace) -> int:
    from django.conf import settings

    from vigie import pipeline
    from vigie.commands.output import printer
    from vigie.commands.run import announce, prepare_site
    from vigie.commands.serve import serve, site_port
    from vigie.documents.day import day_lines, parliament_lines
    from vigie.documents.models import Document

    print(f"Base de données : {settings.DATABASES['default']['NAME']}")
    foreign = foreign_data()
    if foreign:  # fictitious texts in real editions, e-mailed to real subscribers: never
        print(f"vigie demo : cette base contient déjà d'autres données que la démonstration "
              f"({foreign}) : ses textes fictifs y seraient publiés dans les éditions et "
              "envoyés aux abonnés. Lancez-la sur une base à part, par exemple "
              "VIGIE_DATA_DIR=/tmp/vigie-demo vigie demo (sans VIGIE_DATABASE_URL).",
              file=sys.stderr)
        return 1
    report = pipeline.ingest([*sample_deliveries(), *sample_parlement(), *sample_sources()],
                             notify=printer())
    status = max(report.status, follow_sample_feeds(printer()))
    latest = (Document.objects.filter(rubric="jo").exclude(date_publi=None)
              .order_by("-date_publi").first())
    if latest is None:
        print("L'échantillon ne contient aucun texte daté.")
        return 1
    print()
    print("\n".join(day_lines(latest.date_publi)))
    print("\n".join(parliament_lines(latest.date_publi)))
    prepare_site()
    taken = site_port(args.host, args.port, not args.no_serve)
    if taken is None:
        return 1
    listener, port = taken
    announce(args.departement, args.host, port)
    if listener is None:
        return status
    return serve(args.host, port, listener=listener)
