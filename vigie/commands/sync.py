"""``vigie sync``: fetch what the sources published since the last run, then ingest it.

``--source dila`` (the default) reads the DILA deliveries of the Journal officiel in order;
``an`` and ``senat`` fetch the Assemblée's and the Sénat's open data when it changed;
``feeds`` polls the feeds Vigie follows (news, BOAMP notices, aid schemes: ``vigie feeds``);
``judilibre`` reads the court decisions Judilibre changed (it needs VIGIE_JUDILIBRE_KEY);
``circulaires`` reads the archives of the DILA's CIRCULAIRES flow in order (its own watermark);
``all`` does them all but the circulaires, Judilibre only when a key is configured (said otherwise).
"""

from __future__ import annotations

import argparse
import sys

from vigie.argparse_fr import iso_date

FLOWS = ("jorf", "jorfsimple")
SOURCES = ("dila", "an", "senat", "feeds", "judilibre", "circulaires", "all")
NO_KEY = ("Judilibre non synchronisé : aucune clé d'accès (VIGIE_JUDILIBRE_KEY, à demander "
          "sur piste.gouv.fr).")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "sync", help="télécharger et ingérer ce que les sources ont publié",
        description="Lit la liste des livraisons publiées par la DILA, télécharge celles qui "
        "n'ont pas encore été traitées (reprise des téléchargements interrompus, nouvelles "
        "tentatives, contrôle de taille) puis les ingère dans l'ordre. Avec --source an, senat "
        "ou all : questions, réponses et dossiers législatifs de l'Assemblée nationale et du "
        "Sénat, téléchargés seulement s'ils ont changé ; avec --source feeds, les flux suivis "
        "(actualités, avis du BOAMP, aides : vigie feeds) ; avec --source judilibre, les "
        "décisions de justice publiées ou modifiées dans Judilibre depuis la dernière fois "
        "(clé VIGIE_JUDILIBRE_KEY) ; avec --source circulaires, les archives du flux "
        "CIRCULAIRES de la DILA (les stocks 2009-2014 seulement avec un --since qui les "
        "couvre).",
    )
    parser.add_argument("--source", choices=SOURCES, default="dila",
                        help="dila (Journal officiel, défaut), an (Assemblée nationale), "
                        "senat (Sénat), feeds (flux suivis), judilibre (jurisprudence), "
                        "circulaires (fonds CIRCULAIRES de la DILA) ou all (tous sauf les "
                        "circulaires ; Judilibre seulement avec une clé)")
    parser.add_argument("--flow", choices=FLOWS, default="jorfsimple",
                        help="flux DILA : jorfsimple (défaut) ou jorf (flux « global »)")
    parser.add_argument("--since", type=iso_date, metavar="AAAA-MM-JJ",
                        help="ignorer les livraisons DILA antérieures à cette date (pour les "
                        "circulaires, en 2014 ou avant : aussi les stocks annuels depuis "
                        "cette année-là) ; pour le "
                        "Sénat, les questions et dossiers sans date depuis (défaut : "
                        "VIGIE_PARLEMENT_SINCE, sinon les deux dernières années) ; pour "
                        "Judilibre, les décisions modifiées depuis (défaut : la dernière "
                        "synchronisation, sinon les 30 derniers jours)")
    parser.add_argument("--base-url", help="adresse de base des données ouvertes DILA "
                        "(défaut : VIGIE_DILA_BASE_URL)")
    parser.set_defaults(handler=run)


def synchronise(flow: str, *, since=None, base_url: str | None = None,
                source: str = "dila", wait: float | None = None) -> int:
    """Fetch, ingest, analyse, index and publish what a source published (``dila``: a flow's
    new deliveries; ``an``, ``senat``, ``feeds``, ``judilibre`` or ``all``), telling people
    as it goes; returns the exit status (``vigie morning`` and ``vigie run`` call it too, for
    the JO). ``wait``: how long to wait for another run of the pipeline (default
    VIGIE_PIPELINE_WAIT; then status 3)."""
    from django.conf import settings

    from vigie import pipeline
    from vigie.commands.output import printer
    from vigie.operations.exclusive import EXIT_BUSY, AnotherRun

    status, progress = 0, sys.stderr.isatty()
    try:
        if source in ("dila", "circulaires", "all"):  # (the circulaires: a DILA flow too)
            status = pipeline.sync(base_url or settings.VIGIE_DILA_BASE_URL,
                                   "circulaires" if source == "circulaires" else flow,
                                   since=since, progress=progress, notify=printer(),
                                   wait=wait).status
        if source in ("feeds", "all"):
            status = max(status, feeds())
        if source in ("an", "senat", "all"):
            chambers = ["an", "senat"] if source == "all" else [source]
            status = max(status, pipeline.sync_parlement(
                chambers, since=since, progress=progress, notify=printer()).status)
        if source in ("judilibre", "all"):
            status = max(status, judilibre(since, everything=source == "all"))
    except AnotherRun as busy:  # vigie morning sends what is due all the same
        print(f"vigie : {busy}", file=sys.stderr)
        return EXIT_BUSY
    return status


def judilibre(since, *, everything: bool) -> int:
    """Judilibre's new decisions, then the later steps; without a key: said on one line,
    news within ``all`` (status unchanged), a refusal alone (status 2)."""
    from vigie import pipeline
    from vigie.commands.output import printer
    from vigie.documents.judilibre_sync import sync_judilibre
    from vigie.operations.exclusive import patiently
    from vigie.sources.judilibre import api_key

    if not api_key():
        print(NO_KEY if everything else f"vigie : {NO_KEY}",
              file=sys.stdout if everything else sys.stderr)
        return 0 if everything else 2
    return pipeline.fetched("judilibre", lambda seen: sync_judilibre(
        since=since, notify=seen, attempt=patiently).status,
        "synchronisation Judilibre incomplète (clé, réseau ou page illisible)", printer()).status


def feeds() -> int:
    """The followed feeds polled, then the later steps. A feed is told only when it brought
    news or a problem: when none did, one line says so (an operator once read nothing at
    all, not even that no feed was followed)."""
    from vigie import pipeline
    from vigie.commands.output import printer
    from vigie.documents.models import Feed

    report = pipeline.sync_feeds(feed_options(), notify=printer())
    if not report.inputs:
        active = Feed.objects.filter(status=Feed.ACTIVE)
        failing = active.filter(failures__gt=0).count()
        print(f"Flux suivis : rien de nouveau, aucune anomalie ({active.count()} actif(s)"
              f"{f', dont {failing} en échec' if failing else ''}, relevés quand ils sont "
              "dus ; vigie feeds list pour l'état de chacun)." if active.exists() else
              "Aucun flux suivi : vigie feeds add ADRESSE --rubric actualite (ou vigie feeds "
              "defaults, la liste fournie avec Vigie).")
    return report.status


def feed_options():
    """How to poll feeds, from the settings (``VIGIE_FEEDS_*``)."""
    from django.conf import settings

    from vigie.documents.feed_poll import PollOptions

    return PollOptions(workers=settings.VIGIE_FEEDS_WORKERS,
                       host_delay=settings.VIGIE_FEEDS_HOST_DELAY)


def run(args: argparse.Namespace) -> int:
    return synchronise(args.flow, since=args.since, base_url=args.base_url, source=args.source)
