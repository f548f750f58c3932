"""Addresses of the subscription pages (under /abonnement/)."""

from django.urls import path

from vigie.mailing.subscribing import account, views

app_name = "mailing"
urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("verifiez/", views.check, name="check"),
    path("lien/", views.access, name="access"),
    path("confirmer/<str:token>/", views.confirm, name="confirm"),
    path("gerer/<str:token>/", account.manage, name="manage"),
    path("gerer/<str:token>/donnees.json", account.export, name="export"),
    path("gerer/<str:token>/supprimer/", account.delete, name="delete"),
    path("desabonner/<str:token>/", account.unsubscribe, name="unsubscribe"),
    path("communes/<str:departement>.json", views.communes, name="communes"),
]
