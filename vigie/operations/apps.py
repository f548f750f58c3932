"""Django application of operations (journal of runs)."""

from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "vigie.operations"
    label = "operations"
    verbose_name = "Exploitation"
