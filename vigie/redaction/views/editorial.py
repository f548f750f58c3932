"""Writing the newsroom's own items: the list, the form (new or existing), deletion.

Saving rebuilds the editions of the item's day (and of the day it was moved from), so the
item appears at once in editions, pages, feeds, API and the digests not yet sent.

A new item's form carries a token (sent twice, it writes one item), an existing item's form
its version: saved over another editor's change, it is shown again with what was typed and
the reason (409), and sent again it replaces that change knowingly.
"""

from __future__ import annotations

import re
import secrets
from datetime import date

from django import forms
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, render

from vigie.editions.builder import build_day
from vigie.editions.models import Edition
from vigie.newsroom import editorial
from vigie.newsroom.models import EditorialItem
from vigie.redaction.access import editor_required, post_only
from vigie.redaction.views.queue import latest_day
from vigie.reference.places import PlaceError, parse_place
from vigie.reference.taxonomy import ROLES, RUBRICS, THEMES
from vigie.web.addresses import redaction_path
from vigie.web.fields import DateInput


class ItemForm(forms.Form):
    day = forms.DateField(label="Édition du",
                          widget=DateInput())
    rubric = forms.ChoiceField(label="Rubrique", choices=[
        (slug, RUBRICS[slug]) for slug in editorial.EDITORIAL_RUBRICS])
    title = forms.CharField(label="Titre", max_length=300)
    body = forms.CharField(label="Texte (un paragraphe par ligne)", required=False,
                           widget=forms.Textarea(attrs={"rows": 6}))
    theme = forms.ChoiceField(label="Thème", choices=list(THEMES.items()))
    departements = forms.CharField(
        label="Départements (codes INSEE séparés par des espaces ; vide : toutes les éditions)",
        required=False)
    roles = forms.MultipleChoiceField(label="Lecteurs concernés", required=False,
                                      choices=list(ROLES.items()),
                                      widget=forms.CheckboxSelectMultiple)
    links = forms.CharField(
        label="Liens (un par ligne : « libellé | https://… » ou l'adresse seule)",
        required=False, widget=forms.Textarea(attrs={"rows": 3}))
    about = forms.CharField(label="Commentaire du texte officiel (identifiant JORFTEXT…, "
                                  "facultatif)", required=False, max_length=32)
    jeton = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    version = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def clean_day(self) -> date:
        day = self.cleaned_data["day"]
        if not Edition.objects.filter(date=day).exists():  # no issue that day: no edition
            raise forms.ValidationError("aucune édition ce jour-là : choisissez un jour de "
                                        "parution du Journal officiel")
        return day

    def clean_departements(self) -> list[str]:
        codes = [c for c in re.split(r"[\s,;]+", self.cleaned_data["departements"]) if c]
        try:
            return sorted({parse_place(code) for code in codes})
        except PlaceError as error:
            raise forms.ValidationError(str(error)) from None

    def clean_links(self) -> list[dict[str, str]]:
        links = []
        for line in self.cleaned_data["links"].splitlines():
            label, _, url = line.rpartition("|") if "|" in line else ("", "", line)
            url = url.strip()
            if url[:8].lower() == "https://":  # « HTTPS://… » typed: the same address
                url = "https://" + url[8:]
            if url:
                links.append({"label": label.strip() or url, "url": url})
        return links


def initial(item: EditorialItem | None) -> dict:
    if item is None:
        return {"day": latest_day(), "rubric": "actualite", "jeton": secrets.token_urlsafe(24)}
    return {"day": item.day, "rubric": item.rubric, "title": item.title, "body": item.body,
            "theme": item.theme, "departements": " ".join(item.departements),
            "roles": item.roles, "about": item.about, "version": editorial.version_of(item),
            "links": "\n".join(f"{link['label']} | {link['url']}" for link in item.links)}


def item_form(data: QueryDict | None, item: EditorialItem | None) -> ItemForm:
    form = ItemForm(data, initial=initial(item))
    if item and item.about:  # a commentary may sit under any rubric
        form.fields["rubric"].choices = list(RUBRICS.items())
    return form


def with_version(data: QueryDict, version: str) -> QueryDict:
    """What the editor sent, as the version of the item now: sent again, it replaces it."""
    data = data.copy()
    data["version"] = version
    return data


@editor_required
def items(request: HttpRequest) -> HttpResponse:
    rows = [{"item": row, "rubric": RUBRICS.get(row.rubric, row.rubric)}
            for row in EditorialItem.objects.order_by("-day", "-pk")[:200]]
    return render(request, "redaction/articles.html", {"rows": rows})


@editor_required
def item(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    found = get_object_or_404(EditorialItem, pk=pk) if pk is not None else None
    form = item_form(request.POST or None, found)
    error, status = "", 200
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        previous = found or editorial.by_token(values["jeton"])
        moved_from: date | None = previous.day if previous else None
        try:
            saved = editorial.save(found, values, request.user, version=values["version"],
                                   token=values["jeton"])
        except editorial.EditorialConflict as conflict:
            form = item_form(with_version(request.POST, conflict.version), found)
            error, status = str(conflict), 409
        except editorial.EditorialError as problem:
            error, status = str(problem), 400
        else:
            for day in {saved.day, moved_from} - {None}:
                build_day(day, newsroom=True)
            return HttpResponseRedirect(redaction_path("items", fait=saved.uid))
    return render(request, "redaction/article.html", {
        "form": form, "item": found, "error": error}, status=status)


@post_only
@editor_required
def remove(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(EditorialItem, pk=pk)
    day = found.day
    editorial.delete(found, request.user)
    build_day(day, newsroom=True)
    return HttpResponseRedirect(redaction_path("items"))
