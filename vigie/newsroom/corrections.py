"""Corrections: the newsroom's decision over the machine's, recorded with their audit.

A correction keeps only the fields an editor set (``models.CORRECTABLE``); the effective
decision of a text is the machine's with those fields replaced (``effective``). A correction
is stored apart from the machine's decision, so an automatic re-analysis rewrites the
machine's decision and leaves the editor's untouched; deleting the correction returns the
text to the machine's decision. Every change is written to the audit (``AuditEntry``): who,
when, the effective fields before and after, and the machine's at that moment.

A correction sent with the text's ``version`` (its latest audit entry when the editor's form
was opened) is refused with ``CorrectionConflict`` if another change came since and this one
would alter the effective decision: no editor silently undoes another's work.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from vigie.analysis.records import Decision
from vigie.documents.models import Document
from vigie.newsroom.models import CORRECTABLE, AuditEntry, Correction
from vigie.reference.places import is_place
from vigie.reference.taxonomy import THEMES

SCOPES = ("national", "local", "no")
MAX_ESSENTIALS, MAX_TITLE, MAX_LINE = 3, 300, 600


class CorrectionError(ValueError):
    """A correction that cannot be applied; the message is French, for the editor."""


class CorrectionConflict(CorrectionError):
    """Another change came since the editor's form was opened; ``version``: the text's now."""

    def __init__(self, latest: AuditEntry) -> None:
        at = timezone.localtime(latest.at)
        super().__init__(
            f"{latest.editor_email or 'un autre rédacteur'} a modifié la décision de ce texte "
            f"entre-temps (à {at:%H}\u00a0h\u00a0{at:%M}) : votre correction n'est pas "
            "enregistrée. Vérifiez la décision affichée ; « Enregistrer » de nouveau "
            "appliquera la vôtre.")
        self.version = str(latest.pk)


def versions(uids: list[str]) -> dict[str, str]:
    """The version of each text: its latest audit entry ("0" when the newsroom never
    touched it), carried by the editor's form."""
    latest = dict(AuditEntry.objects.filter(uid__in=uids).values("uid")
                  .annotate(last=Max("pk")).values_list("uid", "last"))
    return {uid: str(latest.get(uid) or 0) for uid in uids}


def fields_of(decision: Decision) -> dict[str, Any]:
    """The correctable fields of a decision, as plain JSON values."""
    return {"retained": decision.retained, "scope": decision.scope,
            "departements": list(decision.departements), "theme": decision.theme,
            "short_title": decision.short_title, "essentials": list(decision.essentials)}


def effective(decision: Decision, changes: dict[str, Any] | None) -> Decision:
    """The machine's decision with the newsroom's corrected fields over it."""
    if not changes:
        return decision
    values = {key: changes[key] for key in CORRECTABLE if key in changes}
    for key in ("departements", "essentials"):
        if key in values:
            values[key] = tuple(values[key])
    return replace(decision, **values)


def checked(changes: dict[str, Any]) -> dict[str, Any]:
    """The changes made consistent (a text set aside has no scope; a text retained without
    scope is national), or a ``CorrectionError`` naming what is wrong."""
    clean = {key: value for key, value in changes.items() if key in CORRECTABLE}
    if "scope" in clean and clean["scope"] not in SCOPES:
        raise CorrectionError(f"portée inconnue « {clean['scope']} »")
    if "theme" in clean and clean["theme"] not in THEMES:
        raise CorrectionError(f"thème inconnu « {clean['theme']} »")
    wrong = [code for code in clean.get("departements", ()) if not is_place(code)]
    if wrong:
        raise CorrectionError(f"département inconnu : {', '.join(wrong)}")
    if len(clean.get("short_title", "")) > MAX_TITLE:
        raise CorrectionError(f"titre court trop long (au plus {MAX_TITLE} caractères)")
    essentials = clean.get("essentials", ())
    if len(essentials) > MAX_ESSENTIALS or any(len(line) > MAX_LINE for line in essentials):
        raise CorrectionError(f"au plus {MAX_ESSENTIALS} lignes « >> » de {MAX_LINE} "
                              "caractères")
    if clean.get("retained") is False:
        clean["scope"] = "no"
    elif clean.get("retained") is True and clean.get("scope") == "no":
        clean["scope"] = "national"
    return clean


def machine_decision(doc: Document) -> Decision:
    analysis = getattr(doc, "analysis", None)
    if analysis is None:
        raise CorrectionError("ce texte n'a pas encore été analysé")
    return Decision.from_json(analysis.decision)


def changes_of(doc: Document) -> dict[str, Any]:
    """The newsroom's corrected fields of a text ({} when none)."""
    correction = Correction.objects.filter(document=doc).first()
    return dict(correction.changes) if correction else {}


def decision_of(doc: Document) -> tuple[Decision | None, bool]:
    """The effective decision of a stored text, and whether the newsroom decided it."""
    analysis = getattr(doc, "analysis", None)
    if analysis is None:
        return None, False
    changes = changes_of(doc)
    return effective(Decision.from_json(analysis.decision), changes), bool(changes)


def correct(doc: Document, changes: dict[str, Any], editor: Any, *,
            version: str = "") -> AuditEntry:
    """Apply an editor's changes to a text (added to the fields already corrected);
    ``version``: the text's when the editor's form was opened (``versions``)."""
    machine = machine_decision(doc)
    clean = checked(changes)
    if "scope" in clean and "retained" not in clean:  # a scope decides retained too
        clean["retained"] = clean["scope"] != "no"
    with transaction.atomic():
        list(Document.objects.select_for_update().filter(pk=doc.pk).values_list("pk"))
        current = Correction.objects.select_for_update().filter(document=doc).first()
        previous = dict(current.changes) if current else {}
        merged = {**previous, **clean}
        latest = AuditEntry.objects.filter(uid=doc.uid).first()
        if (version and latest is not None and version != str(latest.pk)
                and fields_of(effective(machine, merged)) != fields_of(
                    effective(machine, previous))):
            raise CorrectionConflict(latest)
        Correction.objects.update_or_create(document=doc, defaults={
            "changes": merged, "editor": editor, "editor_email": editor.email})
        return AuditEntry.objects.create(
            uid=doc.uid, action=AuditEntry.CORRECTED, editor=editor, editor_email=editor.email,
            before=fields_of(effective(machine, previous)),
            after=fields_of(effective(machine, merged)), machine=fields_of(machine))


def restore(doc: Document, editor: Any) -> AuditEntry | None:
    """Delete the newsroom's correction: the text returns to the machine's decision."""
    machine = machine_decision(doc)
    with transaction.atomic():
        current = Correction.objects.select_for_update().filter(document=doc).first()
        if current is None:
            return None
        before = fields_of(effective(machine, current.changes))
        current.delete()
        return AuditEntry.objects.create(
            uid=doc.uid, action=AuditEntry.RESTORED, editor=editor, editor_email=editor.email,
            before=before, after=fields_of(machine), machine=fields_of(machine))


def history(uid: str) -> list[AuditEntry]:
    """The audit of a text or an editorial item, latest first."""
    return list(AuditEntry.objects.filter(uid=uid))
