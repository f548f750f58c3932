"""Writing, changing and deleting the newsroom's own items, with their audit.

An editorial item belongs to a rubric without official source (``EDITORIAL_RUBRICS``: Infos RH,
Documentation, Actualité), or comments on an official text (``about``: its uid), in which case
it may sit under any rubric. Links are kept only when they are plain ``https://`` addresses.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q

from vigie.documents.models import Document
from vigie.newsroom.models import AuditEntry, EditorialItem
from vigie.reference.addresses import is_https_address
from vigie.reference.places import is_place
from vigie.reference.taxonomy import ROLES, RUBRICS, THEMES

EDITORIAL_RUBRICS = ("rh", "documentation", "actualite")
FIELDS = ("day", "rubric", "title", "body", "theme", "departements", "roles", "links", "about")


class EditorialError(ValueError):
    """An item that cannot be saved; the message is French, for the editor."""


def https_only(url: str) -> bool:
    """A plain ``https://`` address with a real host, no space, no user part: the one rule
    of every link readers follow (``reference.addresses``)."""
    return is_https_address(url)


def checked(values: dict[str, Any]) -> dict[str, Any]:
    """The item's values, or an ``EditorialError`` naming what is wrong."""
    if not values.get("title", "").strip():
        raise EditorialError("le titre est obligatoire")
    if values.get("theme") not in THEMES:
        raise EditorialError("choisissez un thème")
    about = values.get("about", "").strip()
    if about and not Document.objects.filter(uid=about).exists():
        raise EditorialError(f"aucun texte « {about} » à commenter")
    if values.get("rubric") not in (RUBRICS if about else EDITORIAL_RUBRICS):
        raise EditorialError("rubrique : Infos RH, Documentation ou Actualité")
    wrong = [c for c in values.get("departements", ()) if not is_place(c)]
    if wrong:
        raise EditorialError(f"département inconnu : {', '.join(wrong)}")
    if any(role not in ROLES for role in values.get("roles", ())):
        raise EditorialError("lecteur inconnu")
    bad = [link["url"] for link in values.get("links", ()) if not https_only(link["url"])]
    if bad:
        raise EditorialError(f"lien refusé (https:// seulement) : {bad[0]}")
    if not isinstance(values.get("day"), date):
        raise EditorialError("date d'édition invalide")
    return {**values, "title": values["title"].strip()[:300], "about": about}


def snapshot(item: EditorialItem) -> dict[str, Any]:
    return {name: (getattr(item, name).isoformat() if name == "day" else getattr(item, name))
            for name in FIELDS}


def save(item: EditorialItem | None, values: dict[str, Any], editor: Any) -> EditorialItem:
    """Create (``item`` None) or change an editorial item; the audit keeps both states."""
    clean = checked(values)
    with transaction.atomic():
        before = snapshot(item) if item else {}
        item = item or EditorialItem()
        for name in FIELDS:
            setattr(item, name, clean.get(name, getattr(item, name)))
        item.editor, item.editor_email = editor, editor.email
        item.save()
        AuditEntry.objects.create(uid=item.uid, action=AuditEntry.WRITTEN, editor=editor,
                                  editor_email=editor.email, before=before,
                                  after=snapshot(item))
    return item


def delete(item: EditorialItem, editor: Any) -> None:
    with transaction.atomic():
        AuditEntry.objects.create(uid=item.uid, action=AuditEntry.DELETED, editor=editor,
                                  editor_email=editor.email, before=snapshot(item))
        item.delete()


def by_uid(uid: str) -> EditorialItem | None:
    """The editorial item of a uid « REDAC00000012 », or None."""
    if not uid.startswith("REDAC") or not uid[5:].isdigit():
        return None
    return EditorialItem.objects.filter(pk=int(uid[5:])).first()


def matching(words: str, *, theme: str = "", rubric: str = "", departement: str = "",
             limit: int = 10) -> list[EditorialItem]:
    """The newsroom's items whose title or text holds every word (latest first), for search;
    items for every edition match any département."""
    found = EditorialItem.objects.all()
    for word in words.split():
        found = found.filter(Q(title__icontains=word) | Q(body__icontains=word))
    if theme:
        found = found.filter(theme=theme)
    if rubric:
        found = found.filter(rubric=rubric)
    items = list(found.order_by("-day", "-pk")[:limit * 4])
    if departement:
        items = [i for i in items if not i.departements or departement in i.departements]
    return items[:limit]
