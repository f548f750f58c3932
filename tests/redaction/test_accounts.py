"""Editors' accounts: ``vigie createeditor``, sign-in with a password, brute-force limit,
password reset by e-mail, sessions that end, sign-out."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from tests.redaction.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db
LOGIN, QUEUE, RESET = "/redaction/connexion/", "/redaction/", "/redaction/mot-de-passe/"


def sign_in(client: Client, email: str, password: str):
    return client.post(LOGIN, {"username": email, "password": password})


def test_createeditor_reads_the_password_from_stdin_and_runs_twice(vigie, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    code, out, err = vigie("createeditor", "Redac@Example.fr", "--password-stdin")
    assert code == 0, err
    assert "Compte rédacteur créé : redac@example.fr" in out
    user = User.objects.get(username="redac@example.fr")
    assert user.is_staff and not user.is_superuser and user.check_password(PASSWORD)
    monkeypatch.setattr(sys, "stdin", io.StringIO("un autre mot de passe long\n"))
    code, out, _ = vigie("createeditor", "redac@example.fr", "--password-stdin", "--admin")
    assert code == 0 and "administrateur mis à jour" in out
    user.refresh_from_db()
    assert user.is_superuser and user.check_password("un autre mot de passe long")
    assert User.objects.count() == 1


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_createeditor_reads_the_terminal_and_refuses_weak_or_different(vigie, monkeypatch):
    answers = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    monkeypatch.setattr(sys, "stdin", Terminal())
    code, out, err = vigie("createeditor", "a@example.fr")
    assert code == 0, err
    answers = iter([PASSWORD, "autre chose encore"])
    code, _, err = vigie("createeditor", "b@example.fr")
    assert code == 1 and "diffèrent" in err
    monkeypatch.setattr(sys, "stdin", io.StringIO("court\n"))
    code, _, err = vigie("createeditor", "c@example.fr", "--password-stdin")
    assert code == 1 and "mot de passe refusé" in err
    code, _, err = vigie("createeditor", "pas-une-adresse", "--password-stdin")
    assert code == 2 and "adresse invalide" in err
    assert list(User.objects.values_list("username", flat=True)) == ["a@example.fr"]


def test_createeditor_without_a_terminal_says_to_use_password_stdin(tmp_path):
    """A password piped without ``--password-stdin``: getpass echoed it, read one line, and
    stopped on a traceback (EOFError) at the second prompt."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DJANGO_SETTINGS_MODULE", "VIGIE_DATABASE_URL")}
    env["VIGIE_DATA_DIR"] = str(tmp_path)
    done = subprocess.run([sys.executable, "-m", "vigie.cli", "createeditor", "a@example.fr"],
                          input=f"{PASSWORD}\n", env=env, capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip() == ("vigie createeditor : pas de terminal pour taper le mot de "
                                   "passe ; pour le donner sur l'entrée standard, ajoutez "
                                   "--password-stdin.")


def test_sign_in_with_password_then_sign_out(client, editor):
    assert client.get(QUEUE).status_code == 302
    page = client.get(LOGIN)
    assert page.status_code == 200 and "Connexion à la rédaction" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    answer = sign_in(client, "redac@example.fr", PASSWORD)
    assert answer.status_code == 302 and answer["Location"] == QUEUE
    assert client.get(QUEUE).status_code == 200
    refused = client.get("/redaction/deconnexion/")
    assert refused.status_code == 405  # sign-out is a POST, and the page says so in French
    assert "ne s'ouvre pas comme une page" in refused.text and refused["Allow"] == "POST"
    client.post("/redaction/deconnexion/")
    assert client.get(QUEUE).status_code == 302


def test_wrong_password_and_accounts_outside_the_newsroom_are_refused(client, editor):
    answer = sign_in(client, "redac@example.fr", "pas le bon mot de passe")
    assert answer.status_code == 200 and "Adresse ou mot de passe incorrect" in \
        answer.content.decode()
    make_user("lecteur@example.fr", staff=False)
    answer = sign_in(client, "lecteur@example.fr", PASSWORD)
    assert "pas ouvert à la rédaction" in answer.content.decode()
    assert client.get(QUEUE).status_code == 302


def test_sign_in_is_limited_per_account_even_with_the_right_password(client, editor):
    for _ in range(settings.VIGIE_LOGIN_LIMIT):
        assert "incorrect" in sign_in(client, "redac@example.fr", "devine").content.decode()
    answer = sign_in(client, "redac@example.fr", PASSWORD)
    assert "Trop de tentatives" in answer.content.decode()
    assert client.get(QUEUE).status_code == 302
    # Another account from another address is not held back.
    make_user("autre@example.fr")
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert sign_in(other, "autre@example.fr", PASSWORD).status_code == 302


def test_a_successful_sign_in_clears_the_account_failures(client, editor):
    for _ in range(settings.VIGIE_LOGIN_LIMIT - 1):
        sign_in(client, "redac@example.fr", "devine")
    assert sign_in(client, "redac@example.fr", PASSWORD).status_code == 302
    client.post("/redaction/deconnexion/")
    for _ in range(settings.VIGIE_LOGIN_LIMIT - 1):
        sign_in(client, "redac@example.fr", "devine")
    assert sign_in(client, "redac@example.fr", PASSWORD).status_code == 302


def test_password_reset_by_email(client, editor):
    answer = client.post(RESET, {"email": "redac@example.fr"})
    assert answer.status_code == 302 and answer["Location"] == "/redaction/mot-de-passe/envoye/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["redac@example.fr"] and "nouveau mot de passe" in message.subject
    link = re.search(r"https?://\S+", message.body).group(0)
    assert link.startswith(settings.VIGIE_SITE_URL)
    path = link[len(settings.VIGIE_SITE_URL):]
    form = client.get(path, follow=True)
    assert "Nouveau mot de passe" in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {"new_password1": "encore une phrase sûre",
                                                    "new_password2": "encore une phrase sûre"})
    assert done.status_code == 302
    editor.refresh_from_db()
    assert editor.check_password("encore une phrase sûre")
    assert "plus valable" in client.get(path, follow=True).content.decode()


def test_password_reset_says_nothing_of_unknown_addresses(client, editor):
    answer = client.post(RESET, {"email": "inconnu@example.fr"})
    assert answer.status_code == 302 and not mail.outbox


def test_sessions_end_and_forms_need_csrf(editor):
    assert settings.SESSION_COOKIE_AGE <= 24 * 3600 and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    strict = Client(enforce_csrf_checks=True)
    assert sign_in(strict, "redac@example.fr", PASSWORD).status_code == 403
    strict.force_login(editor)
    assert strict.post("/redaction/texte/JORFTEXT000099000004/corriger/",
                       {"decision": "ecarter"}).status_code == 403


def test_repair_deletes_expired_sessions_and_keeps_the_others(client, editor, vigie):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    assert sign_in(client, "redac@example.fr", PASSWORD).status_code == 302
    other = Client()
    assert sign_in(other, "redac@example.fr", PASSWORD).status_code == 302
    ended = Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)
    ended.expire_date = timezone.now() - timedelta(minutes=1)  # its hours are over
    ended.save()
    code, out, _ = vigie("repair")
    assert code == 0 and "Sessions expirées de la rédaction supprimées : 1." in out
    assert list(Session.objects.values_list("session_key", flat=True)) == [
        other.cookies[settings.SESSION_COOKIE_NAME].value]
    assert client.get(QUEUE).status_code == 302 and other.get(QUEUE).status_code == 200
    code, out, _ = vigie("repair")  # twice: nothing more to delete
    assert code == 0 and "Sessions expirées" not in out
