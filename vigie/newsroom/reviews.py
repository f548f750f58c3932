"""Editions marked « relue », and the option that holds a département's morning digests
until its edition is reviewed — at the latest until a deadline hour, so that a newsroom's
morning never blocks delivery for ever."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction

from vigie.newsroom.models import AuditEntry, Hold, Review

PARIS = ZoneInfo("Europe/Paris")


def of_day(day: date) -> dict[str, Review]:
    """The reviews of a day's editions, by place ("" national)."""
    return {r.departement: r for r in Review.objects.filter(day=day)}


def mark(day: date, departement: str, editor: Any) -> bool:
    """Mark an edition « relue »; False when it already was (marking twice changes nothing)."""
    try:
        with transaction.atomic():
            Review.objects.create(day=day, departement=departement, editor_email=editor.email)
    except IntegrityError:
        return False
    AuditEntry.objects.create(uid=f"edition:{day.isoformat()}:{departement or 'national'}",
                              action=AuditEntry.REVIEWED, editor=editor,
                              editor_email=editor.email)
    return True


def set_hold(departement: str, until: time | None, editor: Any) -> None:
    """Hold the département's digests until review, at the latest ``until``; None: no hold."""
    if until is None:
        Hold.objects.filter(departement=departement).delete()
        return
    Hold.objects.update_or_create(departement=departement,
                                  defaults={"until": until, "editor_email": editor.email})


def held(day: date, now: datetime) -> set[str]:
    """The départements whose digests of ``day`` wait: held, edition not reviewed, and the
    deadline (``day`` at the hold's hour, Paris time) not reached."""
    reviewed = set(Review.objects.filter(day=day).values_list("departement", flat=True))
    waiting = set()
    for hold in Hold.objects.exclude(departement__in=reviewed):
        deadline = datetime.combine(day, hold.until, tzinfo=PARIS)
        if now < deadline:
            waiting.add(hold.departement)
    return waiting
