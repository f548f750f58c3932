"""No server and no e-mail with the published, an empty or a short secret key (issue 13);
``vigie demo`` alone makes a throwaway key, and says so."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import REPO
from vigie import config

pytestmark = pytest.mark.django_db
UNSAFE = [config.DEFAULT_SECRET_KEY, "", "trop-courte"]


@pytest.mark.parametrize("key", UNSAFE)
@pytest.mark.parametrize("command", [["send"], ["morning"], ["run", "--offline"]])
def test_serving_and_sending_refuse_an_unsafe_key(vigie, settings, key, command):
    settings.SECRET_KEY = key or config.DEFAULT_SECRET_KEY  # unset: settings use the default
    code, out, err = vigie(*command)
    assert code == 2 and out == ""
    assert "Vigie refuse d" in err and "VIGIE_SECRET_KEY" in err
    assert "secrets.token_urlsafe" in err  # how to make one


def test_commands_that_neither_serve_nor_send_need_no_key(vigie, settings):
    settings.SECRET_KEY = config.DEFAULT_SECRET_KEY
    code, out, err = vigie("run", "--offline", "--no-serve")
    assert code == 0, err
    assert vigie("anomalies")[0] == 0


def test_sending_refuses_even_when_called_without_the_command(settings):
    from vigie.mailing.sending import sender

    settings.SECRET_KEY = config.DEFAULT_SECRET_KEY
    with pytest.raises(config.ConfigError, match="refuse d'envoyer des courriels"):
        sender.run()


def _bare_env(tmp_path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("VIGIE_SECRET_KEY", "VIGIE_DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    return {**env, "VIGIE_DATA_DIR": str(tmp_path), "PYTHONUNBUFFERED": "1"}


def test_a_fresh_machine_without_a_key_is_told_what_to_do(tmp_path):
    done = subprocess.run([sys.executable, "-m", "vigie.cli", "send"], cwd=REPO,
                          env=_bare_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "VIGIE_SECRET_KEY n'est pas définie : Vigie refuse d'envoyer des courriels" in (
        done.stderr)
    assert not (tmp_path / "vigie.sqlite3").exists()  # refused before touching anything


def test_the_key_checks_in_words():
    assert config.secret_key_problem("") == "VIGIE_SECRET_KEY n'est pas définie"
    assert "clé de développement" in config.secret_key_problem(config.DEFAULT_SECRET_KEY)
    assert "trop courte" in config.secret_key_problem("x" * 31)
    assert config.secret_key_problem("x" * 32) == ""


def test_the_published_key_among_the_former_ones_is_refused(vigie, settings):
    """A link signed with a former key still opens: the published one may not be among them
    (anyone could sign with it)."""
    settings.SECRET_KEY = "k" * 40
    settings.SECRET_KEY_FALLBACKS = ["f" * 40, config.DEFAULT_SECRET_KEY]
    code, out, err = vigie("send")
    assert code == 2 and out == ""
    assert "VIGIE_SECRET_KEY_FALLBACKS contient la clé de développement" in err
    assert "Vigie refuse d'envoyer des courriels" in err
