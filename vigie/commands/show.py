"""``vigie show JORFTEXT…``: one text, for a person."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("show", help="afficher un texte", description="Affiche un ou "
                            "plusieurs textes stockés, désignés par leur identifiant JORFTEXT "
                            "ou leur NOR.")
    parser.add_argument("ids", nargs="+", metavar="JORFTEXT")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from vigie.documents.display import render
    from vigie.documents.export import articles_of
    from vigie.documents.models import Document

    status = 0
    for index, ident in enumerate(args.ids):
        doc = (Document.objects.filter(uid=ident).first()
               or Document.objects.filter(nor=ident).first())
        if doc is None:
            print(f"vigie : aucun texte « {ident} » dans la base.", file=sys.stderr)
            status = 1
            continue
        if index:
            print("\n" + "─" * 80 + "\n")
        print(render(doc, articles_of(doc)))
    return status
