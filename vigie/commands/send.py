"""``vigie send``: send the e-mails that are due (digests, alerts, retries), each once."""

from __future__ import annotations

import argparse
import sys

from vigie.argparse_fr import iso_date

STATUS_WORDS = {"sent": "envoyé(s)", "pending": "à réessayer plus tard", "failed": "en échec",
                "skipped": "sans objet (rien de nouveau)", "cancelled": "annulé(s)"}


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "send", help="envoyer les courriels dus (résumés, alertes, nouvelles tentatives)",
        description="Prépare un envoi par abonné et par édition ou alerte, puis envoie ce qui "
        "est dû. Relancer après une interruption reprend là où l'envoi s'était arrêté, sans "
        "envoyer deux fois ce qui est parti. Serveur SMTP, cadence et parallélisme : "
        "variables VIGIE_SMTP_* et VIGIE_SEND_*.",
    )
    parser.add_argument("--date", type=iso_date, metavar="AAAA-MM-JJ",
                        help="édition à envoyer (défaut : la dernière construite) ; une date "
                        "donnée est envoyée à tous les abonnés, même inscrits depuis")
    parser.set_defaults(handler=run, guarded="d'envoyer des courriels")


def summary(report) -> str:
    from vigie.reference.french import french_date

    planned = report.to_send
    done = ", ".join(f"{n} {STATUS_WORDS.get(k, k)}" for k, n in sorted(report.outcomes.items()))
    day = french_date(report.day, weekday=True) if report.day else "aucune édition"
    parts = [f"Envoi ({day}) : {planned} message(s) préparé(s)"]
    if report.carried:
        parts.append(f"{report.carried} alerte(s) comprise(s) dans le résumé du jour, "
                     "sans message à part")
    if report.recovered:
        parts.append(f"{report.recovered} repris après interruption")
    if not done and not planned:
        from vigie.mailing.sending.planner import why_idle

        done = f"rien à envoyer : {why_idle(report.day, report.forced)}"
    parts.append(done or "rien à envoyer")
    rate = report.outcomes.get("sent", 0) / report.elapsed if report.elapsed else 0
    return " ; ".join(parts) + f" ({report.elapsed:.1f} s, {rate:.0f} messages/s)."


def run(args: argparse.Namespace) -> int:
    return deliver(args.date)


def deliver(day) -> int:
    """Send what is due for ``day`` (None: the latest edition), telling people how it went;
    returns the exit status (``vigie morning`` calls it too). With VIGIE_REDIS_URL the
    sending is spread over the workers and this waits for them."""
    from vigie.tasks.app import queued

    if queued():  # the workers do the work: this process needs none of the pipeline's code
        from vigie.commands.queue import deliver_queued

        return deliver_queued(day, summary)
    from vigie import pipeline
    from vigie.mailing.sending.sender import AlreadyRunning

    try:
        report = pipeline.send(day)
    except AlreadyRunning:
        print("vigie : un envoi est déjà en cours ; rien à faire.", file=sys.stderr)
        return 0
    print(summary(report))
    if report.stopped:
        print(f"vigie : envoi interrompu, {report.stopped}", file=sys.stderr)
        return 1
    return 0
