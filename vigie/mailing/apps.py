"""Django application of subscriptions and e-mail."""

from django.apps import AppConfig


class MailingConfig(AppConfig):
    name = "vigie.mailing"
    label = "mailing"
    verbose_name = "Abonnements et courriels"
