"""Addresses of the pages for people (home, editions, items, archive, search)."""

from django.urls import path

from vigie.web.views import archive, editions, search, style, texts

urlpatterns = [
    path("", editions.home, name="home"),
    path("departement/", editions.choose_departement, name="choose-departement"),
    path("edition/<str:day>/<str:place>/", editions.edition, name="edition"),
    path("texte/<str:uid>/", texts.text_page, name="text"),
    path("archives/", archive.archive, name="archives"),
    path("recherche/", search.search_page, name="search"),
    path("vigie.css", style.stylesheet, name="stylesheet"),
    path("favicon.ico", style.favicon, name="favicon"),
]
