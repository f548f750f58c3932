"""Writing, changing and deleting the newsroom's own items, with their audit.

An editorial item belongs to a rubric without official source (``EDITORIAL_RUBRICS``: Infos RH,
Documentation, Actualité), or comments on an official text (``about``: its uid), in which case
it may sit under any rubric. Links are kept only when they are plain ``https://`` addresses.

The same form sent twice (a double click) writes one item: a new item keeps the token of its
form. An item changed by someone else since the editor opened it is not overwritten
silently: saving over that change raises ``EditorialConflict``, unless it changes nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from vigie.documents.models import Document
from vigie.newsroom.models import AuditEntry, EditorialItem
from vigie.reference.addresses import is_https_address
from vigie.reference.places import is_place
from vigie.reference.taxonomy import ROLES, RUBRICS, THEMES

EDITORIAL_RUBRICS = ("rh", "documentation", "actualite")
FIELDS = ("day", "rubric", "title", "body", "theme", "departements", "roles", "links", "about")


class EditorialError(ValueError):
    """An item that cannot be saved; the message is French, for the editor."""


class EditorialConflict(EditorialError):
    """The item changed since the editor's form was opened; ``version`` is its version now."""

    def __init__(self, current: EditorialItem) -> None:
        at = timezone.localtime(current.updated_at)
        super().__init__(
            f"{current.editor_email or 'un autre rédacteur'} a modifié cet article entre-temps "
            f"(à {at:%H}\u00a0h\u00a0{at:%M}) : vos changements ne sont pas enregistrés. Relisez "
            "l'article sur le site ; « Publier » de nouveau remplacera sa version par la vôtre.")
        self.version = version_of(current)


def version_of(item: EditorialItem) -> str:
    """What the form of an item carries, to tell whether it changed since it was opened."""
    return item.updated_at.isoformat()


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


def save(item: EditorialItem | None, values: dict[str, Any], editor: Any, *,
         version: str = "", token: str = "") -> EditorialItem:
    """Create (``item`` None) or change an editorial item; the audit keeps both states.

    ``token``: the new item's form (sent again, it changes the item it wrote, if anything);
    ``version``: the item's version when its form was opened (``version_of``)."""
    clean = checked(values)
    if item is None and token:
        item = by_token(token)
        if item is not None and not differs(item, clean):
            return item  # the same form sent again: written already
        try:
            return write(item, clean, editor, token=token)
        except IntegrityError:  # the same form, sent at the same moment, came first
            return EditorialItem.objects.get(form_token=token)
    return write(item, clean, editor, version=version)


def differs(item: EditorialItem, clean: dict[str, Any]) -> bool:
    """Whether saving these values would change the item."""
    after = EditorialItem(**{name: clean.get(name, getattr(item, name)) for name in FIELDS})
    return snapshot(after) != snapshot(item)


def write(item: EditorialItem | None, clean: dict[str, Any], editor: Any, *,
          version: str = "", token: str = "") -> EditorialItem:
    with transaction.atomic():
        before: dict[str, Any] = {}
        if item is None:
            item = EditorialItem(form_token=token)
        else:
            item = EditorialItem.objects.select_for_update().get(pk=item.pk)
            if version and version != version_of(item) and differs(item, clean):
                raise EditorialConflict(item)
            before = snapshot(item)
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


def by_token(token: str) -> EditorialItem | None:
    """The item a new item's form already wrote, or None."""
    return EditorialItem.objects.filter(form_token=token).first() if token else None


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
