"""Addresses of the site. Each part of the site keeps its own list; this one joins them."""

from django.urls import include, path

urlpatterns = [
    path("abonnement/", include("vigie.mailing.urls")),
    path("", include("vigie.web.data_urls")),
    path("", include("vigie.web.page_urls")),
]

# French error pages (rendered when DEBUG is off, as in production and in the tests).
handler404 = "vigie.web.views.errors.not_found"
handler500 = "vigie.web.views.errors.server_error"
