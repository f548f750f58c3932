"""``vigie sync``: fetch what the sources published since the last run, then ingest it.

``--source dila`` (the default) reads the DILA deliveries of the Journal officiel in order;
``an`` and ``senat`` fetch the Assemblée's and the Sénat's open data when it changed;
``feeds`` polls the feeds Vigie follows (news, BOAMP notices, aid schemes: ``vigie feeds``);
``judilibre`` reads the court decisions Judilibre changed (it needs VIGIE_JUDILIBRE_KEY);
``circulaires`` reads the archives of the DILA's CIRCULAIRES flow in order (its own watermark);
``eu`` reads the acts of EU law Cellar lists as published in the Official Journal since its
watermark (the last seven days the first time);
``all`` does them all, each on its own (``pipeline.every_source``: one failing does not stop
the others), Judilibre only when a key is configured (said otherwise), the circulaires of a
first run from VIGIE_CIRCULAIRES_SINCE only.
"""

from __future__ import annotations

import argparse
import sys

from vigie.argparse_fr import iso_date
from vigie.reference.followed_sources import NO_KEY, SOURCES

FLOWS = ("jorf", "jorfsimple")


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
        "couvre) ; avec --source eu, les actes de l'Union européenne publiés au Journal "
        "officiel de l'UE, lus chez Cellar (Office des publications) ; avec --source all, "
        "toutes ces sources l'une après l'autre : l'échec de l'une n'empêche pas les autres, "
        "il est signalé et rend le code de sortie non nul.",
    )
    parser.add_argument("--source", choices=SOURCES, default="dila",
                        help="dila (Journal officiel, défaut), an (Assemblée nationale), "
                        "senat (Sénat), feeds (flux suivis), judilibre (jurisprudence), "
                        "circulaires (fonds CIRCULAIRES de la DILA), eu (actes de "
                        "l'Union européenne, Cellar) ou all (toutes ; "
                        "Judilibre seulement avec une clé ; au premier passage, les "
                        "circulaires depuis VIGIE_CIRCULAIRES_SINCE, sinon le 1er janvier)")
    parser.add_argument("--flow", choices=FLOWS, default="jorfsimple",
                        help="flux DILA : jorfsimple (défaut) ou jorf (flux « global »)")
    parser.add_argument("--since", type=iso_date, metavar="AAAA-MM-JJ",
                        help="ignorer les livraisons DILA antérieures à cette date (pour les "
                        "circulaires, en 2014 ou avant : aussi les stocks annuels depuis "
                        "cette année-là) ; pour le "
                        "Sénat, les questions et dossiers sans date depuis (défaut : "
                        "VIGIE_PARLEMENT_SINCE, sinon les deux dernières années) ; pour "
                        "Judilibre, les décisions modifiées depuis (défaut : la dernière "
                        "synchronisation, sinon les 30 derniers jours) ; pour l'Union "
                        "européenne, les actes publiés depuis (défaut : trois jours avant la "
                        "dernière synchronisation, sinon les 7 derniers jours)")
    parser.add_argument("--base-url", help="adresse de base des données ouvertes DILA "
                        "(défaut : VIGIE_DILA_BASE_URL)")
    parser.set_defaults(handler=run)


def synchronise(flow: str, *, since=None, base_url: str | None = None,
                source: str = "dila", wait: float | None = None,
                first_days: int | None = None, impatient: bool = False) -> int:
    """Fetch, ingest, analyse, index and publish what a source published (``dila``: a flow's
    new deliveries; ``an``, ``senat``, ``feeds``, ``judilibre``, ``circulaires`` or ``all``,
    each source on its own: one failing does not stop the others), telling people as it goes;
    returns the worst exit status (``vigie morning`` and ``vigie run`` call it too). ``wait``:
    how long to wait for another run of the pipeline (default VIGIE_PIPELINE_WAIT; then
    status 3); ``first_days``: how far back a source's first read goes, ``impatient``: a
    server that cannot be reached is not asked again (``Plan``)."""
    from django.conf import settings

    from vigie.commands.output import printer
    from vigie.operations.exclusive import EXIT_BUSY, AnotherRun
    from vigie.pipeline.every_source import Plan, feed_options, status, sync_sources
    from vigie.sources.judilibre import api_key

    if source == "judilibre" and not api_key():  # asked for alone: a refusal
        print(f"vigie : {NO_KEY}", file=sys.stderr)
        return 2
    plan = Plan(base_url or settings.VIGIE_DILA_BASE_URL, flow, since, sys.stderr.isatty(),
                wait, feed_options(), first_days, impatient)
    try:
        return status(sync_sources(source, plan, printer(), told=_feeds_told))
    except AnotherRun as busy:  # vigie morning sends what is due all the same
        print(f"vigie : {busy}", file=sys.stderr)
        return EXIT_BUSY


def _feeds_told(source: str, report) -> None:
    """After the feeds' run: a feed is told only when it brought news or a problem; when
    none did, one line says so (an operator once read nothing at all, not even that no feed
    was followed)."""
    from vigie.documents.models import Feed
    from vigie.pipeline.every_source import SourceFailed

    if source != "feeds" or report.inputs or isinstance(report, SourceFailed):
        return
    active = Feed.objects.filter(status=Feed.ACTIVE)
    failing = active.filter(failures__gt=0).count()
    print(f"Flux suivis : rien de nouveau, aucune anomalie ({active.count()} actif(s)"
          f"{f', dont {failing} en échec' if failing else ''}, relevés quand ils sont "
          "dus ; vigie feeds list pour l'état de chacun)." if active.exists() else
          "Aucun flux suivi : vigie feeds add ADRESSE --rubric actualite (ou vigie feeds "
          "defaults, la liste fournie avec Vigie).")


def run(args: argparse.Namespace) -> int:
    return synchronise(args.flow, since=args.since, base_url=args.base_url, source=args.source)
