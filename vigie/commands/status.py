"""``vigie status``: what ran, when, and what failed — for the person on duty, in French.

Last sync of each DILA flow, deliveries ingested, anomalies, e-mails still to send or failed,
the latest runs of the journal (wherever they ran: this machine or a worker). Exit status 1
when something needs looking at: the last sync of a flow failed, or the latest run did.
"""

from __future__ import annotations

import argparse
from datetime import datetime

KINDS = {"sync": "synchronisation", "ingest": "ingestion", "analyse": "analyse",
         "editions": "éditions", "send": "envoi", "morning": "tâche du matin",
         "repair": "réparation"}
STATES = {"running": "en cours ou interrompu", "ok": "réussi", "failed": "ÉCHEC"}


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "status", help="ce qui a tourné, quand, et ce qui a échoué",
        description="Dernière synchronisation par flux, livraisons ingérées, anomalies, "
        "courriels à envoyer ou en échec, dernières exécutions (sur cette machine ou les "
        "processus de travail). Code de sortie 1 si quelque chose demande attention.",
    )
    parser.add_argument("--runs", type=int, default=10,
                        help="nombre d'exécutions récentes à afficher (défaut : 10)")
    parser.set_defaults(handler=run)


def when(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%d/%m/%Y à %H:%M") if moment else "jamais"


def sync_lines(view) -> list[str]:
    lines = ["Synchronisation DILA :"]
    for s in view.syncs:
        line = f"  {s.flow} : dernière réussie {when(s.last_success)}"
        if s.watermark:
            line += f" ; dernière livraison traitée {s.watermark} ({when(s.watermark_at)})"
        lines.append(line)
        if s.last_failure:
            lines.append(f"    ÉCHEC depuis : {when(s.last_failure)}")
    return lines


def input_lines(view) -> list[str]:
    lines = [f"Livraisons ingérées : {view.inputs}"
             + (f", la dernière {view.last_input[0]} ({when(view.last_input[1])})"
                if view.last_input else "")]
    lines += [f"  incomplète : {name}" for name in view.partial_inputs]
    lines += [f"  étapes en attente — {line} (la prochaine exécution ou vigie repair les "
              "termine)" for line in view.owed]
    lines.append(f"Anomalies : {view.anomalies} en tout, {view.recent_anomalies} ces dernières "
                 "24 heures (vigie anomalies)")
    return lines


def mail_lines(view) -> list[str]:
    m = view.mail
    return [f"Courriels : {m['pending']} à envoyer, {m['sending']} en cours, {m['sent']} "
            f"envoyé(s), {m['failed']} en échec, {m['skipped'] + m['cancelled']} sans objet "
            f"ou annulé(s) ; dernier envoi {when(view.last_sent)}"]


def run_lines(view) -> list[str]:
    if not view.runs:
        return ["Aucune exécution enregistrée."]
    lines = ["Dernières exécutions :"]
    for r in view.runs:
        summary = ", ".join(f"{k} {v}" for k, v in sorted(r.summary.items()) if v)
        line = (f"  {when(r.started_at)}  {KINDS.get(r.kind, r.kind)} {r.source}".rstrip()
                + f" : {STATES.get(r.status, r.status)}")
        if r.finished_at:
            line += f" en {(r.finished_at - r.started_at).total_seconds():.0f} s"
        lines.append(line + (f" ({summary})" if summary else "") + f" [{r.host}]")
        if r.error:
            lines.append(f"    {r.error}")
    return lines


def run(args: argparse.Namespace) -> int:
    from vigie.operations.state import overview

    view = overview(max(args.runs, 0))
    for block in (sync_lines(view), input_lines(view), mail_lines(view), run_lines(view)):
        print("\n".join(block))
    attention = (any(s.last_failure for s in view.syncs)
                 or any(r.status == "failed" for r in view.runs[:1]))
    return 1 if attention else 0
