"""Django application of subscriptions and e-mail."""

from django.apps import AppConfig


class MailingConfig(AppConfig):
    name = "vigie.mailing"
    label = "mailing"
    verbose_name = "Abonnements et courriels"

    def ready(self) -> None:
        from django.core.signals import request_finished

        # Sign-ups and links are sent once the answer has gone (see vigie.mailing.afterwards).
        request_finished.connect(_after_response, dispatch_uid="vigie.mailing.afterwards")


def _after_response(**kwargs: object) -> None:
    """``afterwards.after_response``, imported at the first answer: the sending stack it
    brings costs every command a twentieth of a second at start-up, and only the site
    answers requests."""
    from vigie.mailing.afterwards import after_response

    after_response(**kwargs)
