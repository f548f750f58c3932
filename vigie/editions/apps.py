"""Django application of the editions stage."""

from django.apps import AppConfig


class EditionsConfig(AppConfig):
    name = "vigie.editions"
    label = "editions"
    verbose_name = "Éditions"
