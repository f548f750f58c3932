"""Which deployment a database belongs to, as the database itself says: the task queue's
name is made of it (``vigie.tasks.app.bind_queue``), so every process of a deployment —
workers, beat, ``vigie send``, on whatever machine — finds the same queue however its
VIGIE_DATABASE_URL spells the database (an address or a host name, the port given or not,
``postgres://`` or ``postgresql://``, another user), and two deployments never share one.

The identity has two parts:

- a random token stored once in the database (``models.Deployment``, written by the first
  process that needs it: an insertion that gives way to another's, then a read): two
  deployments made apart never share it, whatever their server lets a user read;
- what the server says of the database: on PostgreSQL the system identifier of its cluster
  (``pg_control_system()``, drawn at ``initdb``, shared by its physical standbys, so a
  failover keeps it) and the database's OID; for SQLite the file's real path. A copy of a
  deployment's database (a dump restored elsewhere, ``CREATE DATABASE … TEMPLATE``, a copied
  SQLite file: staging made from production) carries the token but not these, and is
  another deployment: its workers never take production's tasks.

A host that refuses ``pg_control_system()`` to ordinary users leaves the token and the OID.
Restoring a dump or a major upgrade of PostgreSQL changes the identity, like a new key:
every process of the deployment restarts with it (README, « Mise en production »).
"""

from __future__ import annotations

import os
import secrets
from typing import Any

from vigie.operations.models import Deployment


def token(alias: str = "default") -> str:
    """The deployment's random token in the database ``alias``, written if none is yet.
    Race-safe on both databases: of processes starting together, one insertion wins (the
    others' give way: ``ON CONFLICT DO NOTHING``, ``INSERT OR IGNORE``) and all read it."""
    rows = Deployment.objects.using(alias)
    found = rows.filter(pk=1).values_list("token", flat=True).first()
    if found:
        return found
    rows.bulk_create([Deployment(id=1, token=secrets.token_hex(16))], ignore_conflicts=True)
    return rows.get(pk=1).token


def server_identity(connection: Any) -> str:
    """What the server of Django's ``connection`` says of its database: the cluster and the
    database's OID on PostgreSQL, the file's real path for SQLite."""
    if connection.vendor == "sqlite":
        name = str(connection.settings_dict["NAME"])
        memory = name.startswith(("file:", ":memory:")) or not name
        return "sqlite:" + (name if memory else os.path.realpath(name))
    with connection.cursor() as cursor:
        cursor.execute("SELECT oid FROM pg_database WHERE datname = current_database()")
        (oid,) = cursor.fetchone()
        # Asked first, rather than caught: a refusal would end a transaction under way.
        cursor.execute("SELECT has_function_privilege('pg_catalog.pg_control_system()', "
                       "'EXECUTE')")
        system = ""
        if cursor.fetchone()[0]:
            cursor.execute("SELECT system_identifier FROM pg_catalog.pg_control_system()")
            system = str(cursor.fetchone()[0])
    return f"postgresql:{system}:{oid}"


def identity(connection: Any) -> str:
    """The deployment's identity in the database of ``connection``: its token and what the
    server says of it (module docstring)."""
    return f"{token(connection.alias)}/{server_identity(connection)}"
