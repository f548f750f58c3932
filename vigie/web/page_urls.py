"""Addresses of the pages for people (home, editions, items, archive, search, the list of
feeds)."""

from django.urls import path

from vigie.web.views import archive, editions, follow, search, style, texts

urlpatterns = [
    path("", editions.home, name="home"),
    path("departement/", editions.choose_departement, name="choose-departement"),
    path("edition/<str:day>/<str:place>/", editions.edition, name="edition"),
    path("texte/<str:uid>/", texts.text_page, name="text"),
    path("archives/", archive.archive, name="archives"),
    path("recherche/", search.search_page, name="search"),
    # Every feed and calendar, with its address (the feeds themselves: ``data_urls``).
    path("flux/", follow.feeds_index, name="feeds"),
    path("vigie.css", style.stylesheet, name="stylesheet"),
    path("favicon.ico", style.favicon, name="favicon"),
]
