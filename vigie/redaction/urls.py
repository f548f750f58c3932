"""Addresses of the back office (under /redaction/)."""

from django.urls import path

from vigie.redaction.views import accounts, editorial, holds, queue

app_name = "redaction"
urlpatterns = [
    path("", queue.queue, name="queue"),
    path("jour/<str:day>/", queue.queue, name="queue-day"),
    path("texte/<str:uid>/corriger/", queue.correct, name="correct"),
    path("texte/<str:uid>/retablir/", queue.restore, name="restore"),
    path("jour/<str:day>/relue/", queue.review, name="review"),
    path("articles/", editorial.items, name="items"),
    path("articles/nouveau/", editorial.item, name="item-new"),
    path("articles/<int:pk>/", editorial.item, name="item"),
    path("articles/<int:pk>/supprimer/", editorial.remove, name="item-delete"),
    path("attente/", holds.holds, name="holds"),
    path("connexion/", accounts.sign_in, name="login"),
    path("deconnexion/", accounts.sign_out, name="logout"),
    path("mot-de-passe/", accounts.reset, name="reset"),
    path("mot-de-passe/envoye/", accounts.reset_sent, name="reset-sent"),
    path("mot-de-passe/<uidb64>/<token>/", accounts.reset_confirm, name="reset-confirm"),
    path("mot-de-passe/change/", accounts.reset_done, name="reset-done"),
]
