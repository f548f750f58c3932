"""The search page: a GET form (words and filters) over every stored text, paginated; each
page rendered once per version of the index and of the newsroom's articles (``page_cache``)."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from vigie.newsroom import editorial
from vigie.newsroom.models import EditorialItem
from vigie.reference.taxonomy import ROLES, RUBRICS, THEMES
from vigie.web.caching import SEARCH_AGE, cached
from vigie.web.fields import DATE_FORMATS, DateInput, PlaceField, place_choices
from vigie.web.languages import of_items
from vigie.web.models import SearchEntry
from vigie.web.page_cache import kept_page, page_key
from vigie.web.search import SearchFilters, query, search
from vigie.web.search.state import version_columns
from vigie.web.search.text import fold
from vigie.web.views.common import nature_name, page_number, paging_context

PER_PAGE = 20
ANY = [("", "Tous")]


def stored_natures() -> list[str]:
    """The natures of the stored texts, in order. A few dozen among 100 000 rows: one index
    probe per nature (a recursive query hopping from one to the next along the index on
    ``nature``) instead of ``DISTINCT``, which reads the whole table on every search."""
    table = SearchEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH RECURSIVE found(nature) AS ("
            f"SELECT MIN(nature) FROM {table} WHERE nature > '' UNION ALL "
            f"SELECT (SELECT MIN(nature) FROM {table} WHERE nature > found.nature) "
            f"FROM found WHERE found.nature IS NOT NULL) "
            f"SELECT nature FROM found WHERE nature IS NOT NULL")
        return [row[0] for row in cursor.fetchall()]


def nature_choices() -> list[tuple[str, str]]:
    """The stored natures in words, in the order of their names (« Aide », « Arrêt »,
    « Arrêté », …), not of the codes (``ARRETE`` before « Aide »)."""
    named = [(n, nature_name(n)) for n in stored_natures()]
    return sorted(named, key=lambda pair: (fold(pair[1]), pair[1]))


class SearchForm(forms.Form):
    """The parameter names are those of ``/api/recherche/``: one vocabulary for both."""

    q = forms.CharField(label="Mots recherchés", required=False, max_length=200)
    theme = forms.ChoiceField(label="Thème", required=False,
                              choices=ANY + list(THEMES.items()))
    role = forms.ChoiceField(label="Métier", required=False, choices=ANY + list(ROLES.items()))
    rubric = forms.ChoiceField(label="Rubrique", required=False,
                               choices=[("", "Toutes")] + list(RUBRICS.items()))
    departement = PlaceField(label="Département nommé", required=False)
    nature = forms.ChoiceField(label="Nature du texte", required=False)
    du = forms.DateField(label="Publié à partir du", required=False, input_formats=DATE_FORMATS,
                         widget=DateInput())
    au = forms.DateField(label="Publié jusqu'au", required=False, input_formats=DATE_FORMATS,
                         widget=DateInput())
    retenus = forms.BooleanField(label="Seulement les textes retenus pour les collectivités",
                                 required=False)
    tri = forms.ChoiceField(label="Trier par", required=False, choices=[
        ("date", "date de publication"), ("pertinence", "pertinence")])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["departement"].choices = [("", "Tous")] + place_choices()
        self.fields["nature"].choices = [("", "Toutes")] + nature_choices()

    def clean(self) -> dict:
        data = super().clean()
        if data.get("du") and data.get("au") and data["du"] > data["au"]:
            raise forms.ValidationError("La date de début est postérieure à la date de fin.")
        return data

    def filters(self) -> SearchFilters:
        data = self.cleaned_data
        return SearchFilters(
            theme=data["theme"], role=data["role"], rubric=data["rubric"],
            departement=data["departement"], nature=data["nature"], date_from=data["du"],
            date_to=data["au"], retained_only=data["retenus"], sort=data["tri"] or "date",
        )


def search_version(request: HttpRequest) -> str:
    """The key of a rendered search page: its address and shape (results a page, counting
    cap), the version of the index and the newsroom's articles (number, latest change) —
    read in one query: a kept page costs one round trip to the database."""
    articles = EditorialItem._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {version_columns()}, (SELECT COUNT(*) FROM {articles}), "
                       f"(SELECT MAX(updated_at) FROM {articles})")
        state = cursor.fetchone()
    return page_key("search", request.get_full_path(), PER_PAGE, query.COUNT_CAP, *state)


def suggested_address(request: HttpRequest, suggestion: str) -> str:
    """The query string of the suggested search: the same filters, the words respelt, its
    first page ("" without a suggestion)."""
    if not suggestion:
        return ""
    kept = [(k, v) for k, v in request.GET.items() if k not in ("q", "page") and v]
    return urlencode([("q", suggestion), *kept])


@cached(SEARCH_AGE)
@kept_page(search_version)
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    context: dict = {"form": form, "asked": bool(request.GET)}
    if request.GET and form.is_valid():
        found = search(form.cleaned_data["q"].strip(), filters=form.filters(),
                       page=page_number(request), per_page=PER_PAGE)
        others = urlencode([(k, v) for k, v in request.GET.items() if k != "page" and v])
        if found.page == 1:  # the newsroom's articles matching, above the official texts
            data = form.cleaned_data
            context["articles"] = [
                {"uid": a.uid, "title": a.title, "day": a.day} for a in editorial.matching(
                    data["q"].strip(), theme=data["theme"], rubric=data["rubric"],
                    departement=data["departement"])] if data["q"].strip() else []
        # The English title of an EU act quoted in a snippet is marked as such (RGAA 8.7).
        context["foreign"] = of_items(hit.uid for hit in (*found.results, *found.partial))
        context.update(found=found, first_number=(found.page - 1) * PER_PAGE + 1,
                       suggested=suggested_address(request, found.suggestion),
                       **paging_context(found.page, found.pages, others))
    return render(request, "web/recherche.html", context)
