"""``/sante/``: is this instance able to serve? For load balancers and monitoring.

JSON, never cached: ``database`` (reachable or not), ``syncs`` (per DILA flow: last successful
sync and last delivery processed; ``judilibre``, once used: last successful sync and the day of
the last decision taken in, its watermark; ``eu``, once read: last successful sync and
``last_publication_day``, the last day of the Official Journal of the EU whose acts are all
stored, its watermark; ``parlement``, once read: last successful sync of the Assemblée
nationale and the Sénat, and per chamber the last file taken in whole, ``an_last_file`` and
``senat_last_file`` — its watermark's name — with ``…_at``; ``feeds``, once a feed is followed
or polled: last successful poll, ``followed``, ``failing`` and ``retired`` feeds; each with
``last_failure``, the last failed one when later than the last success), ``deliveries``
(e-mails still to send, being sent, failed), ``unfinished_inputs`` (deliveries — DILA archives,
Parliament and DECP files — begun and not finished: being read, or stopped midway, which
``vigie repair`` reads again; a monitor may alert on one that stays), ``incomplete_inputs``
(those read in part only, « incomplète » in ``vigie status``: a file refused for its size, a
truncated copy; gone once read whole) and ``anomalies`` (``total``, ``last_24h``: what could
not be read, listed by ``vigie anomalies``) and ``index_old_format`` (search entries of an
older index format, which miss words whose stems changed: each run of the pipeline writes some
again, ``vigie repair`` all; 0 once done). 200 when the database answers, 503 when it does not
— the load balancer then sends readers elsewhere. Nothing personal is shown.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from vigie.documents.interrupted import begun
from vigie.mailing.models import Delivery
from vigie.operations import state
from vigie.web.search.upgrade import old_format_count

logger = logging.getLogger("vigie.operations")


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def report() -> dict:
    """The health report; raises ``DatabaseError`` when the database does not answer."""
    state.ping()
    mail = state.mail_waiting()
    syncs = {s.flow: {"last_success": _iso(s.last_success), "last_failure": _iso(s.last_failure),
                      "last_delivery": s.watermark or None,
                      "last_delivery_at": _iso(s.watermark_at)} for s in state.syncs()}
    judilibre = state.judilibre()
    if judilibre is not None:
        syncs["judilibre"] = {"last_success": _iso(judilibre.last_success),
                              "last_failure": _iso(judilibre.last_failure),
                              "last_decision_day": judilibre.watermark or None,
                              "last_decision_day_at": _iso(judilibre.watermark_at)}
    eu = state.eu()
    if eu is not None:
        syncs["eu"] = {"last_success": _iso(eu.last_success), "last_failure": _iso(eu.last_failure),
                       "last_publication_day": eu.watermark or None,
                       "last_publication_day_at": _iso(eu.watermark_at)}
    syncs.update(_parlement() | _feeds())
    return {
        "status": "ok",
        "database": "ok",
        "syncs": syncs,
        "deliveries": {"pending": mail[Delivery.PENDING], "sending": mail[Delivery.SENDING],
                       "failed": mail[Delivery.FAILED]},
        "unfinished_inputs": list(begun().order_by("id").values_list("name", flat=True)[:20]),
        "incomplete_inputs": list(state.partial().order_by("-processed_at")
                                  .values_list("name", flat=True)[:20]),
        "anomalies": state.anomaly_counts(),
        "index_old_format": old_format_count(),  # (read from an index: migration 0007)
    }


def _parlement() -> dict:
    """``syncs.parlement``: nothing before the Parliament was ever read."""
    found = state.parlement()
    if found is None:
        return {}
    entry = {"last_success": _iso(found.last_success), "last_failure": _iso(found.last_failure)}
    received = {r.chamber: r for r in found.received}
    for chamber in state.CHAMBERS:
        mark = received.get(chamber)
        entry[f"{chamber}_last_file"] = mark.file if mark else None
        entry[f"{chamber}_last_file_at"] = _iso(mark.at) if mark else None
    return {"parlement": entry}


def _feeds() -> dict:
    """``syncs.feeds``: nothing when no feed is followed nor was ever polled."""
    found = state.feeds()
    if found is None:
        return {}
    return {"feeds": {"last_success": _iso(found.last_success),
                      "last_failure": _iso(found.last_failure), "followed": found.followed,
                      "failing": found.failing, "retired": found.retired}}


@never_cache
@require_safe
def health(request: HttpRequest) -> HttpResponse:
    try:
        body, status = report(), 200
    except DatabaseError as error:
        logger.error("santé : base de données injoignable (%s)", error)
        body = {"status": "error", "database": "injoignable",
                "message": "La base de données ne répond pas."}
        status = 503
    return HttpResponse(json.dumps(body, ensure_ascii=False), status=status,
                        content_type="application/json")
