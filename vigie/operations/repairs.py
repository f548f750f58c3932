"""What ``vigie repair`` looks for in the stored state, beyond the recorded follow-ups.

First the deliveries a run stopped in the middle of (``documents.interrupted``): read again
to their end when their file is found, named otherwise.

The follow-ups (``documents.followups``) say what a crashed run still owed. A database that
predates them, or was restored from a backup, or changed by hand, is checked as a whole:
texts whose decision is missing or stale (``ANALYSIS_VERSION``), search entries missing or
out of step with their text and decision, edition days whose items are not their retained
texts. Then what the web left for later: one-click unsubscribes queued while the database
was busy, sign-ups and link requests not handled yet; and the back office's expired
sessions, which Django keeps in the database until they are cleared.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from importlib import import_module

from django.conf import settings

from vigie import config
from vigie.analysis.store import freshness
from vigie.documents.ingest import InputReport, ingest_paths
from vigie.documents.interrupted import Interrupted, interrupted, names
from vigie.documents.models import Document
from vigie.editions.builder import edition_days
from vigie.editions.checks import stale_days
from vigie.mailing.subscribing import leaving, outbox
from vigie.operations.exclusive import patiently
from vigie.web.search import stale as stale_index

logger = logging.getLogger("vigie.operations")


@dataclass
class Findings:
    """What the stored state showed left undone."""

    unanalysed: list[str] = field(default_factory=list)  # decision missing or stale
    unindexed: list[str] = field(default_factory=list)  # entry missing or out of step
    days: list[date] = field(default_factory=list)  # editions missing or not matching

    @property
    def texts(self) -> set[str]:
        return {*self.unanalysed, *self.unindexed}


def scan(everything: bool = False) -> Findings:
    """Look at every text, every search entry and every edition day (``everything``: every
    text to index again and every day to build again, unchanged editions staying)."""
    found = Findings(freshness().stale, stale_index(), stale_days())
    if everything:
        found.unindexed = list(Document.objects.exclude(title="").values_list("uid", flat=True))
        found.days = sorted({*found.days, *edition_days(set(found.unindexed))})
    return found


def read_again(notify: Callable[[InputReport], None]
               ) -> tuple[list[InputReport], list[Interrupted]]:
    """Read to their end the deliveries a run stopped in the middle of (texts half written,
    new ones never assembled), those found again; and the others, to be given again."""
    stopped = interrupted()
    lost = [each for each in stopped if each.found is None]
    for each in lost:
        logger.warning("livraison interrompue introuvable : %s", names([each]),
                       extra={"delivery": each.name})
    found = [each.found for each in stopped if each.found is not None]
    return ingest_paths(found, notify=notify, attempt=patiently), lost


def mailing_backlog() -> tuple[Counter[str], str]:
    """Apply the queued unsubscribes and handle the recorded requests (their messages go
    with the next ``vigie send``); counts, and why nothing was done, if so."""
    problem = config.secret_key_problem(settings.SECRET_KEY)
    if problem:  # links checked with a key the site did not sign with would be dropped
        return Counter(), (f"{problem} : les désabonnements en file et les demandes "
                           "d'inscription restent en attente (vigie send ou le site les "
                           "traiteront).")
    counts: Counter[str] = Counter()
    counts["unsubscribes"] = patiently(leaving.apply_queue)
    counts["requests"] = len(patiently(lambda: outbox.handle_all(web=False)))
    return counts, ""


def expired_sessions() -> int:
    """Delete the newsroom's expired sessions (Django's ``clearsessions``); how many were
    deleted. ``vigie repair`` and ``vigie morning`` run it: no separate cron line to forget."""
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    database = settings.SESSION_ENGINE.endswith((".db", ".cached_db"))
    count = Session.objects.filter(expire_date__lt=timezone.now()).count() if database else 0
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    return count
