"""A mistyped command or option is said by the command concerned, in French, with the name
meant (an operator read the usage of ``vigie`` itself for ``vigie ingest --forse``)."""

from __future__ import annotations

import pytest

from vigie.cli import build_parser


def _refused(capsys, *argv: str) -> str:
    with pytest.raises(SystemExit) as stop:
        build_parser().parse_args(list(argv))
    assert stop.value.code == 2
    return capsys.readouterr().err


def test_a_mistyped_option_is_said_by_its_command_with_the_option_meant(capsys):
    err = _refused(capsys, "ingest", "--forse", "x.tar.gz")
    assert err.startswith("usage : vigie ingest [-h]"), err
    assert err.endswith("vigie : erreur : arguments non reconnus : --forse ; vouliez-vous "
                        "dire « --force » ?\n"), err
    err = _refused(capsys, "repair", "--abandoner", "X")
    assert err.startswith("usage : vigie repair") and "« --abandonner » ?" in err, err


def test_a_mistyped_command_suggests_the_one_meant(capsys):
    err = _refused(capsys, "injest", "x.tar.gz")
    assert err.startswith("usage : vigie [-h] COMMANDE"), err
    assert "choix invalide : 'injest'" in err and "vouliez-vous dire « ingest » ?" in err


def test_nothing_near_is_suggested_for_something_far(capsys):
    err = _refused(capsys, "ingest", "--zzz", "x")
    assert err.rstrip().endswith("arguments non reconnus : --zzz"), err
    assert "vouliez-vous" not in _refused(capsys, "bonjour")


def test_the_ingest_help_names_every_exit_status_and_input(capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["ingest", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "3 si une autre exécution occupe la base" in out and "DECP" in out
    assert "CHEMIN archive (.tar.gz" in out


@pytest.mark.parametrize("command", ["morning", "run"])
def test_the_help_of_morning_and_run_names_each_source_all_reads(capsys, command):
    """« vigie morning --help » left out the EU acts (« --source all » reads them since the
    twenty-eighth session): each source ``all`` reads is named by its French name."""
    from vigie.reference.followed_sources import EVERY, LABELS, PARLEMENT

    with pytest.raises(SystemExit):
        build_parser().parse_args([command, "--help"])
    out = " ".join(capsys.readouterr().out.split()).lower()
    named = [LABELS[unit] for unit in EVERY if unit != PARLEMENT]
    for label in [*named, "Assemblée nationale et Sénat"]:
        assert label.lower() in out, (command, label)
