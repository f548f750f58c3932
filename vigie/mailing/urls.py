"""Addresses of the subscription pages (under /abonnement/)."""


app_name = "mailing"
urlpatterns: list = []
