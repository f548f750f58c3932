"""Addresses of the data for programs (feeds, JSON API, OpenAPI, calendars)."""


urlpatterns: list = []
