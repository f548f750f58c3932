"""``vigie feeds``: the feeds Vigie follows (news, BOAMP notices, aid schemes).

``add URL --rubric …`` follows a feed, ``list`` shows them with their state, ``import FILE``
and ``export`` exchange them as OPML, ``defaults`` installs Vigie's default list, ``remove
URL`` stops following one. Polling is ``vigie sync --source feeds``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vigie.reference.system_errors import os_reason
from vigie.reference.taxonomy import FEED_RUBRICS


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "feeds", help="gérer les flux suivis (actualités, BOAMP, aides)",
        description="Flux suivis par Vigie : actualités (RSS, Atom), avis du BOAMP, aides aux "
        "collectivités. Ils sont relevés par « vigie sync --source feeds ».")
    actions = sub_parsers(parser)
    add = actions.add_parser("add", help="suivre un flux", description="Suivre un flux (ou "
                             "changer la rubrique d'un flux déjà suivi).")
    add.add_argument("url", help="adresse du flux (https://…)")
    add.add_argument("--rubric", required=True, choices=FEED_RUBRICS,
                     help="rubrique de ses éléments : actualite, rh, documentation (marches et "
                     "financements pour le BOAMP et les aides)")
    add.add_argument("--title", default="", help="nom de la source, pour les lecteurs")
    add.add_argument("--licence", default="", help="licence de la source (« Licence Ouverte "
                     "2.0 » : le texte intégral des articles peut être montré)")
    add.add_argument("--departement", default="", help="département de la source, pour les "
                     "aides d'un département qui ne le disent pas")
    add.set_defaults(action=run_add)
    listing = actions.add_parser("list", help="lister les flux suivis et leur état")
    listing.set_defaults(action=run_list)
    imported = actions.add_parser("import", help="suivre les flux d'un fichier OPML")
    imported.add_argument("file", type=Path, help="fichier OPML")
    imported.add_argument("--rubric", default="actualite", choices=FEED_RUBRICS,
                          help="rubrique des flux dont le fichier ne dit pas la rubrique "
                          "(défaut : actualite)")
    imported.set_defaults(action=run_import)
    exported = actions.add_parser("export", help="écrire la liste des flux en OPML")
    exported.add_argument("--output", type=Path, help="fichier à écrire (défaut : la sortie)")
    exported.set_defaults(action=run_export)
    defaults = actions.add_parser("defaults", help="suivre la liste de flux fournie avec Vigie")
    defaults.set_defaults(action=run_defaults)
    remove = actions.add_parser("remove", help="ne plus suivre un flux (ses éléments restent)")
    remove.add_argument("url")
    remove.set_defaults(action=run_remove)
    parser.set_defaults(handler=run)


def sub_parsers(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:
    from vigie.argparse_fr import FrenchArgumentParser

    return parser.add_subparsers(dest="action_name", metavar="ACTION", required=True,
                                 parser_class=FrenchArgumentParser)


def run(args: argparse.Namespace) -> int:
    return args.action(args)


def run_add(args: argparse.Namespace) -> int:
    from vigie.documents.feed_list import FeedListError, add_feed

    try:
        added = add_feed(args.url, args.rubric, title=args.title, licence=args.licence,
                         departement=args.departement)
    except FeedListError as error:
        print(f"vigie : {error}", file=sys.stderr)
        return 2
    verb = "Flux ajouté" if added.created else "Flux déjà suivi, mis à jour"
    print(f"{verb} : {added.feed.url} (rubrique {added.feed.rubric}).")
    return 0


def feed_line(feed) -> str:
    from django.utils import timezone

    from vigie.documents.models import Feed

    state = "actif"
    if feed.status == Feed.RETIRED:
        state = f"retiré ({feed.last_error})"
    elif feed.failures:
        when = timezone.localtime(feed.next_attempt).strftime("%d/%m/%Y %H:%M") \
            if feed.next_attempt else "?"
        state = f"en échec ×{feed.failures} ({feed.last_error}) ; prochain essai {when}"
    polled = (timezone.localtime(feed.polled_at).strftime("%d/%m/%Y %H:%M")
              if feed.polled_at else "jamais relevé")
    title = f" — {feed.title}" if feed.title else ""
    return f"[{feed.rubric}] {feed.url}{title}\n    {state} ; {feed.items} élément(s) ; " \
           f"dernier relevé : {polled}"


def run_list(args: argparse.Namespace) -> int:
    from vigie.documents.models import Feed

    feeds = list(Feed.objects.order_by("rubric", "url"))
    if not feeds:
        print("Aucun flux suivi (vigie feeds add URL --rubric … ou vigie feeds defaults).")
    for feed in feeds:
        print(feed_line(feed))
    return 0


def run_import(args: argparse.Namespace) -> int:
    from vigie.documents.feed_list import import_opml
    from vigie.parsing.opml import OpmlError

    try:
        added, refused = import_opml(args.file.read_bytes(), args.rubric)
    except (OSError, OpmlError) as error:
        reason = os_reason(error) if isinstance(error, OSError) else error
        print(f"vigie : {args.file} : {reason}", file=sys.stderr)
        return 1
    created = sum(a.created for a in added)
    print(f"{args.file.name} : {created} flux ajouté(s), {len(added) - created} déjà suivi(s), "
          f"{len(refused)} refusé(s).")
    for message in refused:
        print(f"  refusé — {message}", file=sys.stderr)
    return 1 if refused else 0


def run_export(args: argparse.Namespace) -> int:
    from vigie.documents.feed_list import export_opml

    data = export_opml()
    if args.output:
        args.output.write_bytes(data)
        print(f"Liste des flux écrite dans {args.output}.")
    else:
        sys.stdout.write(data.decode("utf-8"))
    return 0


def run_defaults(args: argparse.Namespace) -> int:
    from vigie.documents.feed_list import install_defaults

    added = install_defaults()
    print(f"Liste par défaut : {len(added)} flux ajouté(s) (les flux déjà suivis restent tels "
          "quels).")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from vigie.documents.feed_list import remove_feed

    if remove_feed(args.url):
        print(f"Flux retiré : {args.url} (ses éléments restent dans Vigie).")
        return 0
    print(f"vigie : aucun flux suivi à l'adresse {args.url}", file=sys.stderr)
    return 1
