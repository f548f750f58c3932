"""Fast inserts of many new rows, for deliveries of tens of thousands of texts.

Django's ``bulk_create`` prepares every value through the field machinery, which costs
more than parsing the XML itself at this volume. New rows only ever hold plain values
(strings, integers, dates, JSON), so they are adapted here once per column type and sent
with ``executemany``; anything else still goes through the ORM.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone


def _adapter(field: models.Field) -> Callable[[Any], Any]:
    ops = connection.ops
    if isinstance(field, models.JSONField):
        return lambda value: json.dumps(value, ensure_ascii=False)
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    return lambda value: value


def insert_new(model: type[models.Model], objects: Sequence[models.Model]) -> None:
    """INSERT ``objects`` (not yet saved) in one ``executemany``; their ids stay unset."""
    if not objects:
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    for obj in objects:
        for field in fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                setattr(obj, field.attname, now)
    adapters = [_adapter(f) for f in fields]
    json_cast = "::jsonb" if connection.vendor == "postgresql" else ""
    placeholders = ", ".join(
        f"%s{json_cast}" if isinstance(f, models.JSONField) else "%s" for f in fields
    )
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} "
        f"({', '.join(quote(f.column) for f in fields)}) VALUES ({placeholders})"
    )
    rows = [
        [adapt(getattr(obj, f.attname)) for f, adapt in zip(fields, adapters, strict=True)]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
