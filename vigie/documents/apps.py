"""Django application of the storage stage."""

from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "vigie.documents"
    label = "documents"
    verbose_name = "Documents officiels"
