"""What the system answered, said in French: the commands and the ingest said Python's English
(« [Errno 2] No such file or directory: '/…' », « (Is a directory) », « erreur système n° 5 »)."""

from __future__ import annotations

import errno
import os

import pytest

from vigie.reference.system_errors import os_message, os_reason


def test_the_reasons_an_operator_meets_are_french():
    assert os_reason(FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT))) == (
        "fichier ou dossier introuvable")
    assert os_reason(PermissionError(errno.EACCES, "Permission denied")) == "accès refusé"
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == (
        "plus de place sur le disque")
    assert os_reason(OSError(errno.EIO, "Input/output error")) == (
        "erreur de lecture ou d'écriture du disque")
    assert os_reason(OSError(errno.ECHILD, "No child processes")) == "erreur système n° 10"
    assert os_reason(OSError("un message de la bibliothèque")) == "un message de la bibliothèque"
    assert os_reason(TimeoutError("timed out")) == "délai dépassé"
    assert os_reason(OSError(-2, "Name or service not known")) == (  # socket.gaierror
        "nom de machine inconnu ou introuvable (DNS)")
    assert os_message(IsADirectoryError(errno.EISDIR, "Is a directory", "/tmp/x.csv")) == (
        "« /tmp/x.csv » : c'est un dossier, pas un fichier")


@pytest.mark.django_db
def test_commands_say_why_a_file_cannot_be_read_or_written_in_french(vigie, tmp_path):
    missing = tmp_path / "absent.csv"
    code, _, err = vigie("eval", missing)
    assert code == 1
    assert err.strip() == (f"vigie eval : lecture impossible : « {missing} » : fichier ou "
                           "dossier introuvable")
    code, _, err = vigie("eval", tmp_path)
    assert code == 1 and "c'est un dossier, pas un fichier" in err
    code, _, err = vigie("analyse", "--jsonl", missing)
    assert code == 1 and err.strip() == (
        f"vigie : impossible de lire « {missing} » : fichier ou dossier introuvable")
    nowhere = tmp_path / "dossier-absent" / "annotations.csv"
    code, _, err = vigie("labels", "export", "--output", nowhere)
    assert code == 1 and err.strip() == (
        f"vigie labels : écriture impossible de {nowhere} : fichier ou dossier introuvable")
    code, _, err = vigie("feeds", "import", missing)
    assert code == 1 and err.strip() == f"vigie : {missing} : fichier ou dossier introuvable"


def test_an_input_the_disk_cannot_read_says_so(tmp_path, monkeypatch):
    """An I/O error on a tarball said « erreur système n° 5 »."""
    from pathlib import Path

    from tests.conftest import make_tarball
    from vigie.sources.archives import InputError, iter_members

    path = make_tarball(tmp_path / "d.tar.gz", {"a.xml": b"<a/>"})
    original = Path.open

    def failing(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:
            raise OSError(errno.EIO, "Input/output error", str(self))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", failing)
    with pytest.raises(InputError) as raised:
        iter_members(path)
    assert str(raised.value) == (
        f"Impossible de lire « {path} » : erreur de lecture ou d'écriture du disque.")


def test_a_port_that_cannot_be_listened_on_for_another_reason_is_said_in_french():
    """``bind_problem`` names the usual cases; any other said Python's English."""
    from vigie.commands.serve import bind_problem

    assert bind_problem(OSError(errno.ENOBUFS, "No buffer space available"), "127.0.0.1",
                        8000) == f"erreur système n° {errno.ENOBUFS}"
    assert bind_problem(OSError(errno.EADDRINUSE, "Address already in use"), "127.0.0.1",
                        8000).startswith("le port 8000 est déjà pris")
