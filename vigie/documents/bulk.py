"""Fast inserts of many new rows, for deliveries of tens of thousands of texts.

Django's ``bulk_create`` prepares every value through the field machinery, which costs
more than parsing the XML itself at this volume. New rows only ever hold plain values
(strings, integers, dates, JSON), so they are adapted here once per column type and sent
with ``executemany`` (SQLite) or ``COPY`` (PostgreSQL); anything else still goes through the
ORM.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone


def _adapter(field: models.Field) -> Callable[[Any], Any] | None:
    """How to turn a Python value into a query parameter; None when it is one already."""
    ops = connection.ops
    if isinstance(field, models.JSONField):  # None stays SQL NULL, as the ORM writes it
        return lambda value: None if value is None else json.dumps(value, ensure_ascii=False)
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    return None


def _default(field: models.Field, now: Any) -> Any:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    return field.get_default()


def insert_rows(model: type[models.Model], rows: Sequence[dict[str, Any]]) -> None:
    """INSERT ``rows`` (attribute name → value; missing ones take the field default)."""
    if not rows:
        return
    now = timezone.now()
    columns = [(f, _adapter(f)) for f in model._meta.concrete_fields if not f.primary_key]
    # Columns that need no adaptation first: the per-row work is then a plain dict lookup.
    columns.sort(key=lambda column: column[1] is not None)
    plain = [(f.attname, _default(f, now)) for f, adapt in columns if adapt is None]
    adapted = [(f.attname, adapt, _default(f, now)) for f, adapt in columns if adapt]
    params = [
        [row.get(name, default) for name, default in plain]
        + [adapt(row.get(name, default)) for name, adapt, default in adapted]
        for row in rows
    ]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(f.column) for f, _ in columns)
    if connection.vendor == "postgresql":
        _copy(f"COPY {table} ({names}) FROM STDIN", params)
        return
    placeholders = ", ".join("%s" for _ in columns)
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", params)


def _copy(sql: str, rows: list[list[Any]]) -> None:
    """PostgreSQL's COPY: the rows stream to the server in one statement, much cheaper than
    one INSERT per row (JSON goes as its text, which the jsonb column reads)."""
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def insert_new(model: type[models.Model], objects: Sequence[models.Model]) -> None:
    """INSERT unsaved model instances (their ids stay unset)."""
    names = [f.attname for f in model._meta.concrete_fields if not f.primary_key]
    auto = {f.attname for f in model._meta.concrete_fields
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)}
    insert_rows(model, [
        {name: getattr(obj, name) for name in names if name not in auto} for obj in objects
    ])


def update_columns(model: type[models.Model], columns: Sequence[str],
                   objects: Sequence[Any]) -> None:
    """UPDATE ``columns`` of saved rows (instances, or any objects with these attributes
    and ``pk``), one ``executemany`` by primary key: what ``bulk_update`` does with one large
    CASE per column, much slower on thousands of rows."""
    if not objects:
        return
    fields = [model._meta.get_field(name) for name in columns]
    adapters = [_adapter(f) for f in fields]
    json_cast = "::jsonb" if connection.vendor == "postgresql" else ""
    quote = connection.ops.quote_name
    assignments = ", ".join(
        f"{quote(f.column)} = %s{json_cast if isinstance(f, models.JSONField) else ''}"
        for f in fields
    )
    sql = (f"UPDATE {quote(model._meta.db_table)} SET {assignments} "
           f"WHERE {quote(model._meta.pk.column)} = %s")
    params = [
        [adapt(getattr(obj, f.attname)) if adapt else getattr(obj, f.attname)
         for f, adapt in zip(fields, adapters, strict=True)] + [obj.pk]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
