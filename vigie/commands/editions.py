"""``vigie editions``: build (or refresh) the editions of a day and show one of them."""

from __future__ import annotations

import argparse
import sys

from vigie.argparse_fr import iso_date, place


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "editions", help="construire et afficher les éditions du jour",
        description="Construit l'édition nationale et celle de chaque département pour une "
        "date (par défaut : la dernière date de publication connue), puis affiche l'édition "
        "demandée. Relancer ne change rien si rien n'a changé.",
    )
    parser.add_argument("--date", type=iso_date, metavar="AAAA-MM-JJ")
    parser.add_argument("--departement", metavar="NN", default="", type=place,
                        help="code INSEE du département à afficher (défaut : édition nationale)")
    parser.add_argument("--quiet", action="store_true", help="construire sans afficher")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from vigie.documents.models import Document
    from vigie.editions.builder import build_day
    from vigie.editions.calendar import edition_day
    from vigie.editions.models import Edition
    from vigie.editions.reading import content_of
    from vigie.editions.text import render_text
    from vigie.reference.french import french_date
    from vigie.reference.places import departement_label
    from vigie.reference.taxonomy import EDITION_RUBRICS
    from vigie.web.warm import warm_days

    day = args.date
    if day is None:
        latest = (Document.objects.filter(rubric__in=EDITION_RUBRICS).exclude(date_publi=None)
                  .order_by("-date_publi").first())
        if latest is None:
            print("vigie : aucun texte dans la base ; lancez « vigie sync » ou « vigie demo ».",
                  file=sys.stderr)
            return 1
        day = edition_day(latest.date_publi)
    counts = build_day(day)
    if not any(counts[k] for k in ("created", "updated", "unchanged")):
        removed = (f" ; {counts['deleted']} édition(s) vide(s) retirée(s)"
                   if counts["deleted"] else "")
        print(f"vigie : aucun texte publié le {french_date(day, weekday=True)}, donc pas "
              f"d'édition ce jour-là{removed}.", file=sys.stderr)
        return 0 if args.quiet else 1
    print(f"Éditions du {french_date(day, weekday=True)} : {counts['created']} créée(s), "
          f"{counts['updated']} mise(s) à jour, {counts['unchanged']} inchangée(s).",
          file=sys.stderr)
    warm_days([day])  # the latest days' pages, rendered before readers ask (with Redis)
    if not args.quiet:
        edition = Edition.objects.get(date=day, departement=args.departement)
        where = departement_label(args.departement) if args.departement else "national"
        print(f"[{where}]", file=sys.stderr)
        print(render_text(content_of(edition)))
    return 0
