"""Django application of the newsroom's back office (templates and static files)."""

from django.apps import AppConfig


class RedactionConfig(AppConfig):
    name = "vigie.redaction"
    label = "redaction"
    verbose_name = "Back office de la rédaction"
