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
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import models


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
