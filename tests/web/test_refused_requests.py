"""Requests Django refuses, tried as an operator deploying and as the robots of the Internet:
the public address is served without a second setting, a refused request is a French page
and one log line."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from vigie import config

SCRIPT = """
from vigie.cli import setup_django
setup_django()
from django.test import Client
client = Client()
for host in ("vigie.exemple.fr", "robot.example"):
    answer = client.get("/sante/", HTTP_HOST=host)
    print(host, answer.status_code, answer.content.decode()[:400].replace("\\n", " "))
answer = client.post("/abonnement/", {f"champ{i}": "x" for i in range(2000)},
                     HTTP_HOST="vigie.exemple.fr")
print("champs", answer.status_code, answer.content.decode()[:400].replace("\\n", " "))
"""


def test_allowed_hosts_take_the_public_address_and_ignore_blanks(monkeypatch):
    monkeypatch.delenv("VIGIE_ALLOWED_HOSTS", raising=False)
    assert config.allowed_hosts("https://vigie.exemple.fr") == [
        "127.0.0.1", "localhost", "testserver", "vigie.exemple.fr"]
    monkeypatch.setenv("VIGIE_ALLOWED_HOSTS", " vigie.exemple.fr , miroir.exemple.fr,,")
    assert config.allowed_hosts("https://vigie.exemple.fr/") == [
        "vigie.exemple.fr", "miroir.exemple.fr"]
    monkeypatch.setenv("VIGIE_ALLOWED_HOSTS", "")
    assert config.allowed_hosts("http://127.0.0.1:8000") == ["127.0.0.1"]


@pytest.fixture
def answers(tmp_path) -> tuple[dict[str, str], str]:
    """What a site whose VIGIE_SITE_URL is set, without VIGIE_ALLOWED_HOSTS, answers; and
    its log."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("VIGIE_ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", "VIGIE_DATABASE_URL")}
    env.update(VIGIE_SITE_URL="https://vigie.exemple.fr", VIGIE_DATA_DIR=str(tmp_path),
               VIGIE_SECRET_KEY="k" * 60, VIGIE_LOG_FORMAT="text")
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True,
                          text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = dict(line.split(" ", 1) for line in done.stdout.splitlines())
    return lines, done.stderr


def test_the_public_address_is_served_without_allowed_hosts(answers):
    """VIGIE_SITE_URL set and VIGIE_ALLOWED_HOSTS forgotten: every request was refused (400),
    while the e-mails and feeds linked to that address."""
    lines, _ = answers
    assert lines["vigie.exemple.fr"].startswith("200 ")


def test_a_refused_request_is_a_french_page_and_one_log_line(answers):
    """An unknown Host (« Bad Request (400) » in English, lang="en") and a form of 2 000
    fields; each logged with Django's thirty-line traceback, robots send them all day."""
    lines, log = answers
    for key in ("robot.example", "champs"):
        assert lines[key].startswith("400 "), lines[key]
        assert '<html lang="fr">' in lines[key] and "Requête refusée" in lines[key]
    assert "Traceback" not in log and "ERROR" not in log
    refusals = [line for line in log.splitlines() if "django.security." in line]
    assert len(refusals) == 2 and all(" WARNING " in line for line in refusals), log
