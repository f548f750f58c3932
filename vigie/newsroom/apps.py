"""Django application of the newsroom (corrections, editorial items, reviews)."""

from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "vigie.newsroom"
    label = "newsroom"
    verbose_name = "Rédaction"
