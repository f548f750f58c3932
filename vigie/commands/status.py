"""``vigie status``: what ran, when, and what failed — for the person on duty, in French.

Last sync of each DILA flow, of Judilibre (when used), of the EU acts and of the Parliament
(once read) with their watermarks, deliveries ingested, anomalies, feeds followed (their last
poll; the first failing and retired ones named, the rest counted), e-mails still to send or
failed, the latest runs of the journal (wherever they ran: this machine or a worker). Exit
status 1 when something needs looking at: the last sync of a flow, of Judilibre, of the EU
acts, of the Parliament or the last poll of the feeds failed, a feed is failing, or the
latest run failed or was stopped without finishing (its process gone: killed, a full disk).
"""

from __future__ import annotations

import argparse
from datetime import date, datetime

from vigie.argparse_fr import whole_number
from vigie.reference.followed_sources import (
    FEEDS_RUN,
    LABELS,
    PARLEMENT,
    SKIPPED_VARIABLE,
    skipped_sources,
)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "status", help="ce qui a tourné, quand, et ce qui a échoué",
        description="Dernière synchronisation de chaque source (flux du Journal officiel, "
        "circulaires, Parlement, flux suivis, Union européenne, Judilibre), livraisons "
        "ingérées, anomalies, courriels à envoyer ou en échec, dernières exécutions (sur cette "
        "machine ou les processus de travail). Code de sortie 1 si quelque chose demande "
        "attention.",
    )
    parser.add_argument("--runs", type=whole_number, default=10, metavar="N",
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
    return (lines + judilibre_lines(view.judilibre) + eu_lines(view.eu)
            + parlement_lines(view.parlement))


# The date a Judilibre watermark follows (VIGIE_JUDILIBRE_DATE_TYPE), as people say it.
DATE_TYPES = {"update": "date de mise à jour", "creation": "date de la décision"}


def judilibre_lines(s) -> list[str]:
    """Judilibre's last sync and its watermark, the day of the last decision taken in;
    nothing when Judilibre is not used."""
    from django.conf import settings

    if s is None:
        return []
    line = f"Synchronisation Judilibre : dernière réussie {when(s.last_success)}"
    if s.watermark:
        line += (f" ; décisions reçues jusqu'au {_day(s.watermark)} "
                 f"({DATE_TYPES.get(settings.VIGIE_JUDILIBRE_DATE_TYPE, '')}, repère posé le "
                 f"{when(s.watermark_at)})")
    lines = [line]
    if s.last_failure:
        lines.append(f"    ÉCHEC depuis : {when(s.last_failure)}")
    return lines


def eu_lines(s) -> list[str]:
    """The EU acts' last sync and watermark, the last day of the Official Journal of the EU
    whose acts are all stored; nothing before the source was ever read."""
    if s is None:
        return []
    line = f"Synchronisation Union européenne : dernière réussie {when(s.last_success)}"
    if s.watermark:
        line += (f" ; actes du Journal officiel de l'UE reçus jusqu'au {_day(s.watermark)} "
                 f"(repère posé le {when(s.watermark_at)})")
    if s.waiting:  # (``documents.eu_stored``: asked again at each sync, for a while)
        from vigie.documents.ingest import count

        line += f" ; {count(s.waiting, 'acte attend sa', 'actes attendent leur')} version " \
                "française"  # (as the sync's last line says it)
    return [line] + ([f"    ÉCHEC depuis : {when(s.last_failure)}"] if s.last_failure else [])


CHAMBERS = {"an": "Assemblée nationale", "senat": "Sénat"}
# Feeds named by ``vigie status``; the rest counted: a network outage fails hundreds of them,
# and a wall of addresses would hide the rest of the state (``vigie feeds list`` tells each).
FEEDS_NAMED = 5


def parlement_lines(s) -> list[str]:
    """The Parliament's last sync and, per chamber, the last file taken in whole (its
    watermark moved); nothing before the Parliament was ever read."""
    if s is None:
        return []
    line = f"Synchronisation Parlement : dernière réussie {when(s.last_success)}"
    if s.received:
        line += " ; dernier fichier lu en entier : " + ", ".join(
            f"{CHAMBERS.get(r.chamber, r.chamber)} {r.file} ({when(r.at)})" for r in s.received)
    return [line] + ([f"    ÉCHEC depuis : {when(s.last_failure)}"] if s.last_failure else [])


def _day(value: str) -> str:
    """An ISO day as people say it; as it is when it is not one (written by hand, or by a
    later Vigie)."""
    from vigie.reference.french import french_date

    try:
        return french_date(date.fromisoformat(value))
    except ValueError:
        return value


def input_lines(view) -> list[str]:
    lines = [f"Livraisons ingérées : {view.inputs}"
             + (f", la dernière {view.last_input[0]} ({when(view.last_input[1])})"
                if view.last_input else "")]
    lines += [f"  incomplète : {name}" for name in view.partial_inputs]
    lines += [f"  commencée, pas finie (en cours, ou interrompue : vigie repair la relit) : "
              f"{name}" for name in view.started_inputs]
    lines += [f"  étapes en attente — {line} (la prochaine exécution ou vigie repair les "
              "termine)" for line in view.owed]
    lines.append(f"Anomalies : {view.anomalies} en tout, {view.recent_anomalies} ces dernières "
                 "24 heures (vigie anomalies)")
    return lines


def feed_lines(s) -> list[str]:
    """The feeds followed: their last poll, how many are failing and retired, the first
    ``FEEDS_NAMED`` of those by name and a count of the others (``vigie feeds list`` says
    more); nothing when none is followed nor was ever polled."""
    from django.db.models import Q

    from vigie.documents.models import Feed

    if s is None:
        return []
    lines = [f"Flux suivis : {s.followed + s.retired}, dont {s.failing} en échec et {s.retired} "
             f"retiré(s) ; dernière relève réussie {when(s.last_success)} (vigie feeds list)"]
    if s.last_failure:
        lines.append(f"    ÉCHEC depuis : {when(s.last_failure)}")
    named = (Feed.objects.filter(Q(status=Feed.ACTIVE, failures__gt=0) | Q(status=Feed.RETIRED))
             .order_by("status", "rubric", "url"))  # the failing ones first
    shown = named.only("url", "status", "failures", "last_error", "next_attempt")[:FEEDS_NAMED]
    for f in shown:
        lines.append(f"  retiré : {f.url} ({f.last_error})" if f.status == Feed.RETIRED
                     else f"  en échec ×{f.failures} : {f.url} ({f.last_error}) ; prochain "
                     f"essai {when(f.next_attempt)}")
    rest = s.failing + s.retired - len(shown)
    if rest > 0:
        lines.append(f"  … et {rest} autre{'s' if rest > 1 else ''} (vigie feeds list)")
    return lines


def mail_lines(view) -> list[str]:
    m = view.mail
    carried = (f"{m['carried']} alerte(s) comprise(s) dans le résumé du jour, "
               if m["carried"] else "")
    return [f"Courriels : {m['pending']} à envoyer, {m['sending']} en cours, {m['sent']} "
            f"envoyé(s), {m['failed']} en échec, {carried}"
            f"{m['skipped'] - m['carried'] + m['cancelled']} sans objet ou annulé(s) ; "
            f"dernier envoi {when(view.last_sent)}"]


def run_lines(view) -> list[str]:
    from vigie.operations.journal import STOPPED, stopped
    from vigie.operations.models import KIND_LABELS, STATUS_LABELS, SUMMARY_LABELS

    if view.latest is None:
        return ["Aucune exécution enregistrée."]
    if not view.runs:  # --runs 0: none shown, as asked
        return []
    lines = ["Dernières exécutions :"]
    for r in view.runs:
        summary = ", ".join(f"{SUMMARY_LABELS.get(k, k)} {v}" for k, v in _in_order(r.summary)
                            if v)
        line = (f"  {when(r.started_at)}  {KIND_LABELS.get(r.kind, r.kind)} {r.source}".rstrip()
                + f" : {STOPPED if stopped(r) else STATUS_LABELS.get(r.status, r.status)}")
        if r.finished_at:
            line += f" en {(r.finished_at - r.started_at).total_seconds():.0f} s"
        lines.append(line + (f" ({summary})" if summary else "") + f" [{r.host}]")
        if r.error:
            lines.append(f"    {r.error}")
    return lines


def _in_order(summary: dict) -> list[tuple[str, object]]:
    """A run's counts in the order of ``SUMMARY_LABELS`` (the pipeline's), whatever order the
    database gives them back in (PostgreSQL's jsonb sorts its keys), unknown ones last."""
    from vigie.operations.models import SUMMARY_LABELS

    order = {key: rank for rank, key in enumerate(SUMMARY_LABELS)}
    return sorted(summary.items(), key=lambda pair: (order.get(pair[0], len(order)), pair[0]))


def run(args: argparse.Namespace) -> int:
    from vigie.operations.journal import stopped
    from vigie.operations.state import overview

    view = overview(args.runs)
    for block in (sync_lines(view), input_lines(view), feed_lines(view.feeds), mail_lines(view),
                  run_lines(view)):
        if block:
            print("\n".join(block))
    skipped = left_out()
    if skipped:
        named = (LABELS[name] for name in sorted(skipped) if name != PARLEMENT)
        print(f"Laissé(s) de côté par --source all ({SKIPPED_VARIABLE}, sans demander "
              f"attention) : {', '.join(named)}")
    synced = [*view.syncs, *(s for s in (view.judilibre, view.eu, view.parlement) if s)]
    synced = [s for s in synced if _source_of(s) not in skipped]
    feeds = view.feeds if "feeds" not in skipped else None
    attention = ((feeds is not None and (feeds.failing or feeds.last_failure))
                 or any(s.last_failure for s in synced)
                 or (view.latest is not None and not _skipped_run(view.latest, skipped)
                     and (view.latest.status == "failed" or stopped(view.latest))))
    return 1 if attention else 0


def left_out() -> frozenset[str]:
    """The sources VIGIE_SOURCES_SKIPPED leaves out of the morning (both chambers: the
    Parliament), whose failures no longer ask for attention."""
    from django.conf import settings

    skipped = set(skipped_sources(settings.VIGIE_SOURCES_SKIPPED))
    return frozenset(skipped | ({PARLEMENT} if {"an", "senat"} <= skipped else set()))


def _skipped_run(latest, skipped: frozenset[str]) -> bool:
    """Whether the last run was a sync of a source left out (its failure said above)."""
    return latest.kind == "sync" and _source_name(latest.source) in skipped


# The journal's and the states' names of the sources but the DILA flows (« dila »).
_NAMES = {"circulaires": "circulaires", "judilibre": "judilibre", "eu": "eu",
          FEEDS_RUN: "feeds", "an": PARLEMENT, "senat": PARLEMENT, PARLEMENT: PARLEMENT}


def _source_name(journaled: str) -> str:
    """The ``--source`` name of a source as the journal names it."""
    return _NAMES.get(journaled, "dila")


def _source_of(state) -> str:
    """The ``--source`` name of a source's state (the Parliament's has no flow)."""
    return _source_name(getattr(state, "flow", PARLEMENT))
