"""Addresses of the data for programs (feeds, JSON API, OpenAPI, calendars).

Every address here is described in ``openapi.json`` (a test checks both ways).
"""

from django.urls import path, re_path

from vigie.web import api, feeds, ical

urlpatterns = [
    # Feeds: RSS 2.0 and Atom, per département, national, per theme.
    path("flux/departement/<str:code>/rss/", feeds.departement_rss, name="feed-departement-rss"),
    path("flux/departement/<str:code>/atom/", feeds.departement_atom,
         name="feed-departement-atom"),
    path("flux/national/rss/", feeds.national_rss, name="feed-national-rss"),
    path("flux/national/atom/", feeds.national_atom, name="feed-national-atom"),
    path("flux/theme/<str:slug>/rss/", feeds.theme_rss, name="feed-theme-rss"),
    path("flux/theme/<str:slug>/atom/", feeds.theme_atom, name="feed-theme-atom"),
    path("flux/rubrique/<str:slug>/rss/", feeds.rubric_rss, name="feed-rubric-rss"),
    path("flux/rubrique/<str:slug>/atom/", feeds.rubric_atom, name="feed-rubric-atom"),
    # Calendars of key dates (iCalendar).
    path("calendrier/departement/<str:code>.ics", ical.departement_calendar,
         name="calendar-departement"),
    path("calendrier/national.ics", ical.national_calendar, name="calendar-national"),
    path("calendrier/theme/<str:slug>.ics", ical.theme_calendar, name="calendar-theme"),
    # JSON API and its description.
    path("api/openapi.json", api.openapi, name="api-openapi"),
    path("api/editions/", api.editions, name="api-editions"),
    path("api/editions/<str:day>/<str:departement>/", api.edition, name="api-edition"),
    path("api/textes/<str:uid>/", api.text, name="api-text"),
    path("api/recherche/", api.search_view, name="api-search"),
    re_path(r"^api/(?P<rest>.*)$", api.unknown, name="api-unknown"),
]
