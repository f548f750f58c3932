"""Fast inserts of many new rows, for deliveries of tens of thousands of texts.

Django's ``bulk_create`` prepares every value through the field machinery, which costs
more than parsing the XML itself at this volume. New rows only ever hold plain values
(strings, integers, dates, JSON), so they are adapted here once per column type and sent
with ``executemany`` (SQLite) or ``COPY`` (PostgreSQL); anything else still goes through the
ORM.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone

from vigie.documents.fields import Encoded
from vigie.documents.json_text import dumps


def _json(value: Any) -> str | None:
    """A JSON column's parameter: None stays SQL NULL, as the ORM writes it; a value the
    workers encoded already goes as it is."""
    if value is None or isinstance(value, Encoded):
        return value
    return dumps(value)


def _adapter(field: models.Field, ops: Any = None) -> Callable[[Any], Any] | None:
    """How to turn a Python value into a query parameter; None when it is one already."""
    ops = ops or connection.ops  # once per query: each ``connection`` lookup costs
    if isinstance(field, models.JSONField):
        return _json
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
    now, ops = timezone.now(), connection.ops
    columns = [(f, _adapter(f, ops)) for f in model._meta.concrete_fields if not f.primary_key]
    # Columns that need no adaptation first: the per-row work is then a plain dict lookup.
    columns.sort(key=lambda column: column[1] is not None)
    plain = [f.attname for f, adapt in columns if adapt is None]
    defaults = [_default(f, now) for f, adapt in columns if adapt is None]
    # A missing value's default is adapted once, not once per row.
    adapted = [(f.attname, adapt, adapt(_default(f, now))) for f, adapt in columns if adapt]
    params = []
    for row in rows:  # ``map`` over the plain columns: no Python step per value
        values = list(map(row.get, plain, defaults))
        for name, adapt, default in adapted:
            values.append(adapt(row[name]) if name in row else default)
        params.append(values)
    _insert(model, [f for f, _ in columns], params)


def insert_lists(model: type[models.Model], names: Sequence[str],
                 rows: Sequence[Sequence[Any]]) -> None:
    """INSERT ``rows``, each the values of every column but the primary key (``names``, in
    this order), columns that need no adaptation (text, integers): the parameters
    ``insert_rows`` would make of the same values as dicts, sent as they are (no Python step
    per row on SQLite)."""
    if not rows:
        return
    fields = [model._meta.get_field(name) for name in names]
    wanted = {f.attname for f in model._meta.concrete_fields if not f.primary_key}
    if {f.attname for f in fields} != wanted or any(_adapter(f) for f in fields):
        raise ValueError(f"insert_lists: {names} are not the plain columns of {model}")
    _insert(model, fields, rows)


def _insert(model: type[models.Model], fields: Sequence[models.Field],
            rows: Sequence[Sequence[Any]]) -> None:
    """INSERT the rows' values, given in the order of ``fields``: COPY on PostgreSQL, one
    ``executemany`` elsewhere."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(f.column) for f in fields)
    if connection.vendor == "postgresql":
        _copy(f"COPY {table} ({names}) FROM STDIN", rows)
        return
    placeholders = ", ".join("%s" for _ in fields)
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", rows)


def _copy(sql: str, rows: Sequence[Sequence[Any]]) -> None:
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
    and ``pk``): one ``executemany`` by primary key on SQLite, one statement per chunk of rows
    on PostgreSQL; what ``bulk_update`` does with one large CASE per column, much slower on
    thousands of rows."""
    if not objects:
        return
    fields = [model._meta.get_field(name) for name in columns]
    ops = connection.ops
    adapters = [_adapter(f, ops) for f in fields]
    if connection.vendor == "postgresql":
        for start in range(0, len(objects), UPDATE_CHUNK):
            _update_from_arrays(model, fields, adapters, objects[start:start + UPDATE_CHUNK])
        return
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    sql = (f"UPDATE {quote(model._meta.db_table)} SET {assignments} "
           f"WHERE {quote(model._meta.pk.column)} = %s")
    params = [
        [adapt(getattr(obj, f.attname)) if adapt else getattr(obj, f.attname)
         for f, adapt in zip(fields, adapters, strict=True)] + [obj.pk]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


UPDATE_CHUNK = 5000


def _update_from_arrays(model: type[models.Model], fields: list[models.Field],
                        adapters: list[Callable[[Any], Any] | None], objects: Sequence[Any]
                        ) -> None:
    """PostgreSQL: one UPDATE for all these rows, their values given as one array per column
    (``unnest``): one statement instead of one per row, each a round trip to the server."""
    quote = connection.ops.quote_name
    pk = model._meta.pk

    def array(field: models.Field) -> str:
        if isinstance(field, models.JSONField):  # JSON texts, read as jsonb
            return "%s::text[]::jsonb[]"
        return f"%s::{field.cast_db_type(connection)}[]"

    names = ["_pk", *(f"_{index}" for index in range(len(fields)))]
    sql = (f"UPDATE {quote(model._meta.db_table)} SET "
           + ", ".join(f"{quote(f.column)} = data.{name}"
                       for f, name in zip(fields, names[1:], strict=True))
           + f" FROM unnest({', '.join(array(f) for f in [pk, *fields])}) "
           f"AS data({', '.join(names)}) WHERE {quote(pk.column)} = data._pk")
    params = [[obj.pk for obj in objects]] + [
        [adapt(getattr(obj, f.attname)) if adapt else getattr(obj, f.attname)
         for obj in objects]
        for f, adapt in zip(fields, adapters, strict=True)
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
