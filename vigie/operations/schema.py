"""Whether the database schema is current, without loading the migrations.

Every command brings the schema up to date before it works (``vigie.cli``). When nothing
is left to apply, Django's ``migrate`` still imports (and, without bytecode caches,
compiles) every migration file and builds their graph: half a second to a second of each
command's start-up on a loaded machine. Comparing the names of the migration files with
the names the database records as applied answers the same question with one query and a
directory listing per application; anything unexpected (a squashed migration, an unknown
layout) says « not current », and ``migrate`` decides as before.
"""

from __future__ import annotations

import importlib.util
import pkgutil

from django.apps import apps
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder


def migration_names() -> set[tuple[str, str]] | None:
    """(application, migration) for every migration file; None if one cannot be listed."""
    names: set[tuple[str, str]] = set()
    for config in apps.get_app_configs():
        module, _ = MigrationLoader.migrations_module(config.label)
        if module is None:
            continue
        try:
            spec = importlib.util.find_spec(module)
        except ImportError:
            return None
        if spec is None:
            continue  # an application without migrations
        if not spec.submodule_search_locations:
            return None
        # As Django's loader lists them: modules of the package, not « _ » or « ~ » ones.
        names |= {(config.label, info.name)
                  for info in pkgutil.iter_modules(spec.submodule_search_locations)
                  if not info.ispkg and info.name[0] not in "_~"}
    return names


def is_current() -> bool:
    """Whether every migration file is recorded as applied (``migrate`` would do nothing)."""
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return False
    wanted = migration_names()
    return wanted is not None and wanted <= set(recorder.applied_migrations())
