"""Django application of the web site."""

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "vigie.web"
    label = "web"
    verbose_name = "Site web"
