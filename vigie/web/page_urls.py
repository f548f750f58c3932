"""Addresses of the pages for people (home, editions, items, archive, search)."""


urlpatterns: list = []
