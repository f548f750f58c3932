"""``field__anyof=[…]``: rows whose key is one of many strings, sent as ONE query parameter.

The write path asks, batch after batch, which of a thousand ids are stored already. With
``__in`` each id is its own parameter: Django prepares them one by one and, on PostgreSQL,
psycopg splices each into the query text (client-side binding), which cost more than the
query itself. Here the list goes whole, as one JSON text: unfolded into an array on
PostgreSQL (``= ANY``), into rows on SQLite (``IN (SELECT value FROM json_each(…))``); both
use the column's index. Give the ids as a dict's keys or a set rather than a list: Django
walks a list's items one by one before the lookup sees it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection, models
from django.db.models import QuerySet


@models.CharField.register_lookup
class AnyOf(models.Lookup):
    """``uid__anyof=ids``: the strings ``ids`` (any iterable), in one parameter."""

    lookup_name = "anyof"
    prepare_rhs = False

    def get_prep_lookup(self) -> list[str]:
        return list(self.rhs)

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        if not self.rhs:  # as ``__in``: no ids, no query at all
            raise EmptyResultSet
        lhs, params = self.process_lhs(compiler, connection)
        ids = json.dumps(self.rhs, ensure_ascii=False)  # (psycopg dumps a list item by item)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(ARRAY(SELECT jsonb_array_elements_text(%s::jsonb)))", [
                *params, ids]
        return f"{lhs} IN (SELECT value FROM json_each(%s))", [*params, ids]


_MARK = "\x00vigie-anyof"  # the ids a query is compiled with, found again in its parameters


class Compiled:
    """A ``values_list`` query over ``field__anyof=ids`` (``build(ids)`` makes it), compiled
    once per kind of database and sent again with each batch's ids: the rows the ORM gives
    (same SQL, same converters: dates, JSON), without building and compiling the query
    again each time, which cost a millisecond a query, more than running it, some ten
    queries a batch."""

    def __init__(self, build: Callable[[Any], QuerySet[Any]]) -> None:
        self.build = build
        self.plans: dict[str, tuple[str, list[Any], int, list[tuple[int, Any]]]] = {}

    def rows(self, ids: Iterable[str]) -> list[list[Any]]:
        """The rows for these ids (a dict's keys or a set, as ``anyof``); none for none."""
        ids = list(ids)
        if not ids:  # (as ``anyof``: no query at all)
            return []
        sql, params, at, converters = self.plans.get(connection.vendor) or self._plan()
        params = [*params[:at], json.dumps(ids, ensure_ascii=False), *params[at + 1:]]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if not converters:
            return rows
        done = []
        for row in map(list, rows):  # (``SQLCompiler.apply_converters``)
            for position, (functions, expression) in converters:
                value = row[position]
                for convert in functions:
                    value = convert(value, expression, connection)
                row[position] = value
            done.append(row)
        return done

    def _plan(self) -> tuple[str, list[Any], int, list[tuple[int, Any]]]:
        compiler = self.build([_MARK]).query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        at = list(params).index(json.dumps([_MARK], ensure_ascii=False))
        fields = [column[0] for column in compiler.select[:compiler.col_count]]
        plan = (sql, list(params), at, list(compiler.get_converters(fields).items()))
        self.plans[connection.vendor] = plan
        return plan
