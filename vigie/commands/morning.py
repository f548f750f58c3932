"""``vigie morning``: the scheduled run — fetch what every source published (``--source all``
by default: the Journal officiel, the circulaires, the followed feeds, the Parliament,
the acts of EU law, Judilibre with a key; one failing does not stop the others), analyse,
build the editions, then send what is due. Meant for cron on a single machine, e.g.
``30 6 * * * vigie morning``; with VIGIE_REDIS_URL, ``vigie beat`` starts it on the workers
instead, and this command spreads the sending over them."""

from __future__ import annotations

import argparse

from vigie.commands import send, sync


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "morning", help="tâche du matin : synchroniser, analyser, construire, envoyer",
        description="Enchaîne « vigie sync --source all » (toutes les sources : Journal "
        "officiel, circulaires, flux suivis, Assemblée nationale et Sénat, Union européenne, "
        "Judilibre avec une clé ; téléchargement, ingestion, analyse, éditions) et « vigie "
        "send » (résumés et alertes dus). L'échec d'une source n'empêche pas les autres ; "
        "l'envoi a lieu même si la synchronisation a échoué, pour les messages déjà dus ; puis "
        "supprime les sessions expirées de la rédaction. À planifier chaque matin (cron, timer "
        "systemd).",
    )
    parser.add_argument("--source", choices=sync.SOURCES, default="all",
                        help="all (toutes les sources, défaut), ou une seule comme pour "
                        "vigie sync --source : dila, an, senat, feeds, judilibre, "
                        "circulaires, eu")
    parser.add_argument("--flow", choices=sync.FLOWS, default="jorfsimple",
                        help="flux DILA : jorfsimple (défaut) ou jorf")
    parser.set_defaults(handler=run, guarded="d'envoyer des courriels")


def run(args: argparse.Namespace) -> int:
    from vigie.operations.repairs import expired_sessions

    synced = sync.synchronise(args.flow, source=args.source)
    sent = send.deliver(None)
    ended = expired_sessions()  # the back office's sessions past their end
    if ended:
        print(f"Sessions expirées de la rédaction supprimées : {ended}.")
    return max(synced, sent)
