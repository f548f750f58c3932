"""Why the database could not be opened, or stopped a run, in French, with what to check.

Every command that needs the database says so when it cannot open it; the drivers' own text
is English and aimed at programmers (« connection failed: connection to server at
"127.0.0.1", port 5432 failed: FATAL:  database "vigie" does not exist »). The cases an
operator meets are named here; any other keeps the driver's first line.

During a run, the conditions of the machine rather than of Vigie — a full disk, a disk error,
a read-only file, a connection cut — are said the same way (``operational_problem``), not as
a hundred lines of traceback: what was committed stays, and the next run takes up the rest.
"""

from __future__ import annotations

import re

from vigie.reference.system_errors import os_message

_POSTGRESQL = (
    (re.compile(r'server at "(?P<host>[^"]*)", port (?P<port>\d+) failed: Connection refused'),
     "le serveur PostgreSQL {host}:{port} refuse la connexion (est-il démarré, et écoute-t-il "
     "sur cette adresse et ce port ?)"),
    (re.compile(r'database "(?P<name>[^"]*)" does not exist'),
     "la base « {name} » n'existe pas sur le serveur PostgreSQL (createdb {name})"),
    (re.compile(r'role "(?P<name>[^"]*)" does not exist'),
     "l'utilisateur PostgreSQL « {name} » n'existe pas"),
    (re.compile(r'password authentication failed for user "(?P<name>[^"]*)"'),
     "mot de passe refusé pour l'utilisateur PostgreSQL « {name} »"),
    (re.compile(r"failed to resolve host '(?P<host>[^']*)'"),
     "nom de serveur inconnu « {host} »"),
    (re.compile(r"timeout expired|Connection timed out"),
     "le serveur PostgreSQL ne répond pas (délai dépassé)"),
    (re.compile(r"no pg_hba\.conf entry"),
     "le serveur PostgreSQL n'accepte pas les connexions de cette machine (pg_hba.conf)"),
)


# During a run: the machine's conditions, by what the drivers say of them.
_OPERATIONAL = (
    (("database or disk is full", "No space left on device", "could not extend file"),
     "plus de place sur le disque de la base de données"),
    (("disk I/O error", "could not write", "could not read block"),
     "erreur de lecture ou d'écriture du disque de la base de données"),
    (("readonly database",), "base de données en lecture seule (droits du fichier ou de son "
                             "dossier)"),
    (("server closed the connection", "terminating connection", "connection already closed",
      "consuming input failed", "the connection is lost", "connection is bad"),
     "la connexion au serveur PostgreSQL a été coupée"),
)


def operational_problem(error: BaseException) -> str:
    """The machine's condition that stopped a run, in French, or "" when ``error`` is none
    of them (a fault of Vigie: its traceback is needed)."""
    from django.db import InterfaceError, OperationalError

    if not isinstance(error, OperationalError | InterfaceError):
        return ""
    text = str(error.__cause__ or error)
    for needles, message in _OPERATIONAL:
        if any(needle in text for needle in needles):
            return message
    return ""


def database_problem(error: BaseException, sqlite_path: str = "") -> str:
    """What to tell the operator when opening the database raised ``error``."""
    if isinstance(error, OSError):  # the data directory cannot be created, …
        return os_message(error)
    text = str(error.__cause__ or error)
    if "unable to open database file" in text:
        where = f"« {sqlite_path} »" if sqlite_path else "de la base"
        return (f"le fichier SQLite {where} ne peut être ouvert ni créé (son dossier existe-t-il, "
                "et peut-on y écrire ?)")
    for pattern, message in _POSTGRESQL:
        found = pattern.search(text)
        if found:
            return message.format(**found.groupdict())
    return text.strip().splitlines()[0] if text.strip() else type(error).__name__
