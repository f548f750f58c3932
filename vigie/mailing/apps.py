"""Django application of subscriptions and e-mail."""

from django.apps import AppConfig


class MailingConfig(AppConfig):
    name = "vigie.mailing"
    label = "mailing"
    verbose_name = "Abonnements et courriels"

    def ready(self) -> None:
        from django.core.signals import request_finished

        from vigie.mailing.afterwards import after_response

        # Sign-ups and links are sent once the answer has gone (see vigie.mailing.afterwards).
        request_finished.connect(after_response, dispatch_uid="vigie.mailing.afterwards")
