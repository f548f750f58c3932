"""The site's addresses: each part keeps its own list (``vigie.web.page_urls`` and
``data_urls``, ``vigie.mailing.urls``); this one joins them, above both in the flow of data.

Paths are built from these patterns by ``vigie.web.addresses``, never by hand.
"""

from django.urls import include, path

from vigie.operations.health import health

urlpatterns = [
    path("sante/", health, name="health"),
    path("abonnement/", include("vigie.mailing.urls")),
    path("redaction/", include("vigie.redaction.urls")),
    path("", include("vigie.web.data_urls")),
    path("", include("vigie.web.page_urls")),
]

# French error pages (rendered when DEBUG is off, as in production and in the tests).
handler400 = "vigie.web.views.errors.bad_request"
handler403 = "vigie.web.views.errors.forbidden"
handler404 = "vigie.web.views.errors.not_found"
handler500 = "vigie.web.views.errors.server_error"
