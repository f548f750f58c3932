"""Django application holding the stored decisions of the analysis stage."""

from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "vigie.analysis"
    label = "analysis"
    verbose_name = "Analyse éditoriale"
