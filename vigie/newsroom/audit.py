"""The audit in words: what each recorded change did, field by field, in French."""

from __future__ import annotations

from typing import Any

from vigie.newsroom.models import AuditEntry
from vigie.reference.places import departement_label
from vigie.reference.taxonomy import theme_label

LABELS = {"retained": "retenu", "scope": "portée", "departements": "départements",
          "theme": "thème", "short_title": "titre court", "essentials": "l'essentiel"}
SCOPES = {"national": "toutes les éditions", "local": "éditions locales", "no": "aucune"}


def shown(key: str, value: Any) -> str:
    if value is None:
        return "—"
    if key == "retained":
        return "oui" if value else "non"
    if key == "scope":
        return SCOPES.get(value, value)
    if key == "theme":
        return theme_label(value) if value else "—"
    if key == "departements":
        return ", ".join(departement_label(c) for c in value) or "—"
    if key == "essentials":
        return " / ".join(value) or "—"
    return str(value) or "—"


def changes(entry: AuditEntry) -> list[str]:
    """« retenu : oui → non », one line per field the change altered."""
    return [f"{label} : {shown(key, entry.before.get(key))} → {shown(key, entry.after.get(key))}"
            for key, label in LABELS.items()
            if key in entry.after and entry.before.get(key) != entry.after.get(key)]


def rows(entries: list[AuditEntry]) -> list[dict[str, Any]]:
    """The audit as a table: who, when, what, the changes."""
    return [{"who": e.editor_email or "compte supprimé", "at": e.at, "action": e.action,
             "changes": changes(e)} for e in entries]
