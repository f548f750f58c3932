"""``vigie run``: bring the texts up to date, then serve the site on this machine.

Reads every source as ``vigie morning`` does, through the same code (``vigie sync --source
all`` by default, ``pipeline.every_source``: the Journal officiel, the circulaires, the
followed feeds, the Assemblée nationale and the Sénat, EU acts, Judilibre with a key;
``--source`` for one), which the pipeline analyses, indexes for search and turns into
editions; prints the address of the chosen département's edition, then serves the site under
gunicorn (``vigie.commands.serve``). A source's first read goes back ``FIRST_SYNC_DAYS`` days only
(told), not the whole history of the Journal officiel. One source failing does not stop the
others; a network failure is reported and the site starts anyway on what is stored, a server
that cannot be reached at all (no network) at once, without the retries the morning makes
(``Plan.impatient``); another run of the pipeline is not waited for. On a database that never
followed a feed, Vigie's default list is installed first (told; once). ``vigie demo`` shares
``announce``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from vigie.argparse_fr import iso_date, place, port_number
from vigie.reference.followed_sources import LABELS, SOURCES

FIRST_SYNC_DAYS = 10  # a source's first read fetches this many days, not the whole history
EVERY_SOURCE = ("toutes les sources (Journal officiel, circulaires, flux suivis, Assemblée "
                "nationale et Sénat, Union européenne, Judilibre avec une clé)")


def serving(args: argparse.Namespace) -> str:
    """What a published secret key makes unsafe here: serving the site (not with --no-serve)."""
    return "" if args.no_serve else "de servir le site"


def add_server_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--departement", metavar="NN", default="", type=place,
                        help="code INSEE du département dont afficher l'édition (ex. 18, 2A)")
    parser.add_argument("--host", default="127.0.0.1",
                        help="adresse d'écoute (défaut : 127.0.0.1, cette machine seulement)")
    parser.add_argument("--port", type=port_number, default=8000, help="port (défaut : 8000)")
    parser.add_argument("--no-serve", action="store_true",
                        help="s'arrêter après avoir affiché les adresses, sans servir le site")
    parser.set_defaults(guarded=serving)  # no site served with the published key


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "run", help="mettre à jour les textes de toutes les sources et servir le site",
        description="Lit toutes les sources comme « vigie morning » (Journal officiel, "
        "circulaires, flux suivis, Assemblée nationale et Sénat, Union européenne, Judilibre "
        "avec une clé ; --source pour une seule), analyse, construit les éditions, affiche "
        "l'adresse de l'édition du département puis sert le site (http://127.0.0.1:8000 par "
        "défaut). Au "
        f"premier passage d'une source datée, seuls ses {FIRST_SYNC_DAYS} derniers jours sont "
        "lus ; sur une base qui n'a jamais suivi de flux, la liste de flux fournie avec Vigie "
        "est d'abord installée (une fois). L'échec d'une source n'empêche pas les autres ; "
        "sans réseau, le site démarre en quelques secondes sur les textes déjà enregistrés "
        "(un serveur injoignable n'est pas redemandé).",
    )
    add_server_arguments(parser)
    parser.add_argument("--source", choices=SOURCES, default="all",
                        help="all (toutes les sources, défaut), ou une seule comme pour "
                        "vigie sync --source : dila, an, senat, feeds, judilibre, "
                        "circulaires, eu")
    parser.add_argument("--offline", action="store_true",
                        help="ne pas télécharger : servir les textes déjà enregistrés")
    parser.add_argument("--since", type=iso_date, metavar="AAAA-MM-JJ",
                        help="ignorer ce que les sources ont publié avant cette date (comme "
                        "vigie sync --since ; défaut au premier passage d'une source : ses "
                        f"{FIRST_SYNC_DAYS} derniers jours, ensuite la suite du précédent)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.offline:
        print("Hors ligne : pas de téléchargement, Vigie sert les textes déjà enregistrés.")
    else:
        offer_feeds(args.source)
        synchronise(args.since, args.source)
    prepare_site()
    from vigie.commands.serve import serve, site_port

    taken = site_port(args.host, args.port, not args.no_serve)
    if taken is None:
        return 1
    listener, port = taken
    if not announce(args.departement, args.host, port):
        print("Aucune édition encore : le site affichera une page d'accueil vide "
              "(« vigie demo » charge un échantillon).")
    if listener is None:
        return 0
    return serve(args.host, port, listener=listener)


def offer_feeds(source: str) -> None:
    """On a database that never had its feeds set up, when the feeds are read: Vigie's
    default list installed (once: an operator who removed them all keeps none), told."""
    from django.conf import settings

    from vigie.documents.feed_list import offer_defaults
    from vigie.reference.followed_sources import skipped_sources

    skipped = "feeds" in skipped_sources(settings.VIGIE_SOURCES_SKIPPED)
    if source not in ("all", "feeds") or (source == "all" and skipped):  # not read: not set up
        return
    added = offer_defaults()
    if added is not None:
        print(f"Flux suivis : aucun encore, Vigie suit sa liste par défaut ({len(added)} flux "
              "d'actualités, d'avis du BOAMP et d'aides aux collectivités) ; vigie feeds list "
              "pour les voir, vigie feeds remove ADRESSE pour en retirer un (ils ne seront "
              "pas remis).")


def synchronise(since: date | None, source: str = "all") -> None:
    """Read ``source`` (every source by default) as ``vigie morning`` does, a source's first
    read bounded; never stop the site from starting."""
    from vigie.commands.sync import synchronise as sync
    from vigie.operations.exclusive import EXIT_BUSY

    print(f"Synchronisation : {EVERY_SOURCE if source == 'all' else LABELS[source]}…")
    try:  # what was ingested before a failure is analysed and shown all the same
        status = sync("jorfsimple", since=since, source=source, wait=0,  # another run:
                      first_days=FIRST_SYNC_DAYS,  # serve at once; no network: at once too
                      impatient=True)
    except Exception as error:  # whatever the network did, the site still starts
        print(f"vigie : synchronisation interrompue : {error}", file=sys.stderr)
        status = 1
    if status == EXIT_BUSY:
        print("Synchronisation laissée à l'exécution en cours : Vigie démarre sur les textes "
              "déjà enregistrés.")
    elif status:
        print("Synchronisation incomplète (détail ci-dessus ; vigie status) : Vigie démarre "
              "sur les textes déjà enregistrés, la prochaine synchronisation reprendra ce qui "
              "manque.")


def prepare_site() -> None:
    """Index for search the texts stored before the index existed (after an upgrade)."""
    from vigie.web.search import refresh_missing

    added = refresh_missing()
    if added:
        print(f"Recherche : {added} texte(s) ajouté(s) à l'index.")


def announce(departement: str, host: str, port: int) -> bool:
    """Print the site's address and that of the latest edition; False when none exists."""
    from vigie.commands.serve import site_address
    from vigie.editions.models import Edition
    from vigie.reference.french import french_date
    from vigie.reference.places import NATIONAL, departement_label
    from vigie.web.addresses import edition_path, home_path, redaction_path

    base = site_address(host, port)
    latest = Edition.objects.filter(departement=NATIONAL).order_by("-date").first()
    print(f"\nSite : {base}{home_path()}")
    print(f"Rédaction : {base}{redaction_path('queue')} (comptes : vigie createeditor ADRESSE)")
    if latest is None:
        return False
    label = departement_label(departement) if departement else "édition nationale"
    print(f"Édition du {french_date(latest.date, weekday=True)} ({label}) : "
          f"{base}{edition_path(latest.date, departement)}")
    return True
