"""``vigie export --date YYYY-MM-DD``: every text published that day, one JSON per line."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from vigie.argparse_fr import iso_date

if TYPE_CHECKING:
    from vigie.documents.models import Document


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("export", help="exporter les textes publiés un jour donné",
                            description="Écrit sur la sortie standard chaque texte publié à "
                            "la date donnée (date de publication au JO), un objet JSON par ligne.")
    parser.add_argument("--date", type=iso_date, required=True, metavar="AAAA-MM-JJ",
                        help="date de publication au Journal officiel")
    parser.add_argument("--format", choices=["jsonl"], default="jsonl",
                        help="format de sortie : jsonl, un objet JSON par ligne (défaut)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from vigie.documents.export import articles_of, document_record, documents_of_day

    count = 0
    for doc in documents_of_day(args.date):
        record = document_record(doc, articles_of(doc))
        record.update(decisions(doc))
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    if not count:
        from vigie.reference.french import french_date

        print(f"vigie : aucun texte publié le {french_date(args.date)} dans la base.",
              file=sys.stderr)
    return 0


def decisions(doc: Document) -> dict[str, Any]:
    """``analysis``: the decision in force, as pages and API give it — the newsroom's over
    the machine's, ``newsroom`` true when an editor corrected it — or null before any
    analysis; ``machine_analysis``: the `vigie analyse` decision as the machine made it."""
    from vigie.analysis.store import stored_decision
    from vigie.newsroom.corrections import decision_of

    machine = stored_decision(doc)
    decision, corrected = decision_of(doc)
    # The stored keys kept (a later key of the decision contract survives), the newsroom's
    # fields over them.
    analysis = ({**(machine or {}), **decision.to_json(), "newsroom": corrected}
                if decision else None)
    return {"analysis": analysis, "machine_analysis": machine}
