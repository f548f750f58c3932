"""Addresses of the subscription pages (under /abonnement/).

A page opened by a subscriber's link shows that subscriber (address, preferences, data):
never kept by a browser or a proxy (``never_cache``: ``no-store``, ``private``).
"""

from django.urls import path
from django.views.decorators.cache import never_cache

from vigie.mailing.subscribing import account, views

app_name = "mailing"
urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("verifiez/", views.check, name="check"),
    path("lien/", views.access, name="access"),
    path("confirmer/<str:token>/", never_cache(views.confirm), name="confirm"),
    path("gerer/<str:token>/", never_cache(account.manage), name="manage"),
    path("gerer/<str:token>/donnees.json", never_cache(account.export), name="export"),
    path("gerer/<str:token>/supprimer/", never_cache(account.delete), name="delete"),
    path("desabonner/<str:token>/", never_cache(account.unsubscribe), name="unsubscribe"),
    path("communes/<str:departement>.json", views.communes, name="communes"),
    path("communes.js", views.communes_script, name="communes-script"),
]
