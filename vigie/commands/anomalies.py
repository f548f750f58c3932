"""``vigie anomalies``: what could not be taken in, with file, member and message."""

from __future__ import annotations

import argparse

from vigie.argparse_fr import whole_number


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("anomalies", help="lister les anomalies d'ingestion",
                            description="Liste les anomalies enregistrées, les plus récentes "
                            "d'abord.")
    parser.add_argument("--limit", type=whole_number, default=100, metavar="N",
                        help="nombre maximal (défaut : 100)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from vigie.documents.models import Anomaly

    query = Anomaly.objects.order_by("-created_at", "-id")
    total = query.count()
    if not total:
        print("Aucune anomalie enregistrée.")
        return 0
    for anomaly in query[: args.limit]:
        when = anomaly.created_at.astimezone().strftime("%d/%m/%Y %H:%M")
        where = f"{anomaly.delivery} › {anomaly.member}" if anomaly.member else anomaly.delivery
        print(f"{when}  {where}\n    {anomaly.message}\n    (entrée : {anomaly.input})")
    if total > args.limit:
        more = total - args.limit
        print(f"… {more} autre{'s' if more > 1 else ''} anomalie{'s' if more > 1 else ''} "
              "(--limit pour en voir plus).")
    return 0
