"""Reading many rows without Django's per-value work.

A province's dashboard reads thousands of cells per request; building a model
instance (or running a converter) for each one costs more than the query.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import EmptyResultSet
from django.db import connections


def raw_rows(queryset) -> list[tuple]:
    """The rows of a ``values_list()`` / ``values()`` queryset as the driver
    returns them, without Django's per-value converters."""
    try:
        sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    except EmptyResultSet:  # an empty ``__in``: nothing to ask the database
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def decimal_or_none(value) -> Decimal | None:
    """A numeric column as the driver gave it (SQLite: float or int) as a Decimal."""
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(str(value))
