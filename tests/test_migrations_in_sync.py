"""Every model change has its migration: a model edited without one would make the next
``vigie`` command on a production database fail, or silently keep the old schema."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db  # it reads which migrations the test database has applied
def test_no_model_change_lacks_its_migration(capsys) -> None:
    # ``--check`` exits non-zero (SystemExit) when a migration would be written.
    call_command("makemigrations", "--check", "--dry-run", verbosity=1)
    assert "No changes detected" in capsys.readouterr().out
