"""Fast inserts of many rows, bypassing model instances and signals.

The national dataset is millions of rows; building a model instance per row
costs more than writing it. ``BulkWriter.write`` takes plain tuples of
database values (ids for foreign keys) and streams them to PostgreSQL with
binary ``COPY`` — or, on other databases, one ``executemany`` per
batch. Columns left out get their field's default; auto-now timestamps must be
given, which keeps the data deterministic.

Checking foreign keys row by row costs PostgreSQL more than writing the rows
(one trigger per key per row, run at commit). Inside ``bulk_load()`` those
triggers are off when the database role may turn them off
(``session_replication_role``, as ``pg_restore --disable-triggers`` does), and
``verify()`` checks every foreign key of the written tables set-wise instead,
one anti-join per key.

Nothing here sends signals: whoever uses it keeps derived data (the stored
roll-up) up to date afterwards.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from itertools import islice

from django.core.management.color import no_style
from django.db import DatabaseError, connection, models, transaction

BATCH = 5_000

# Django's column types → the names psycopg knows them by.
_TYPE_NAMES = {"timestamp with time zone": "timestamptz", "double precision": "float8"}


def _copy_type(field, database) -> str:
    name = field.db_type(database) if not field.is_relation else field.rel_db_type(database)
    name = name.split("(")[0].strip()
    return _TYPE_NAMES.get(name, name)


class IntegrityProblem(Exception):
    pass


class BulkWriter:
    def __init__(self) -> None:
        self.postgresql = connection.vendor == "postgresql"
        self.rows_written = 0
        self.triggers_off = False
        self._written: list[type[models.Model]] = []

    def next_id(self, model: type[models.Model]) -> int:
        """The first free primary key: explicit ids let rows refer to each other
        before they are written (foreign keys are checked at commit)."""
        highest = model.objects.aggregate(m=models.Max("pk"))["m"]
        return (highest or 0) + 1

    @contextlib.contextmanager
    def bulk_load(self):
        """Foreign-key triggers off while writing (PostgreSQL, when allowed);
        must run inside the transaction that writes."""
        if self.postgresql:
            try:
                with transaction.atomic(), connection.cursor() as cursor:
                    cursor.execute("SET LOCAL session_replication_role = replica")
                self.triggers_off = True
            except DatabaseError:  # not allowed for this role: keep per-row checks
                self.triggers_off = False
        try:
            yield self
        finally:
            if self.triggers_off:
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL session_replication_role = DEFAULT")

    def write(
        self,
        model: type[models.Model],
        names: Sequence[str],
        rows: Iterable[Sequence[object]],
    ) -> int:
        """Insert ``rows`` (tuples in the order of field ``names``); return how many."""
        fields = [model._meta.get_field(name) for name in names]
        rest = [
            field
            for field in model._meta.concrete_fields
            if field not in fields and not field.primary_key
        ]
        for field in rest:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                raise ValueError(f"{model.__name__}.{field.name} must be given explicitly")
        defaults = tuple(field.get_default() for field in rest)
        columns = [f.column for f in fields] + [f.column for f in rest]
        quote = connection.ops.quote_name
        table = quote(model._meta.db_table)
        column_list = ", ".join(quote(c) for c in columns)
        if model not in self._written:
            self._written.append(model)
        if self.postgresql:
            sql = f"COPY {table} ({column_list}) FROM STDIN (FORMAT BINARY)"
            count = self._copy(sql, fields + rest, rows, defaults)
        else:
            count = self._insert(table, column_list, fields + rest, rows, defaults)
        self.rows_written += count
        return count

    def _copy(self, sql: str, fields, rows, defaults: tuple) -> int:
        count = 0
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            copy.set_types([_copy_type(field, connection) for field in fields])
            for row in rows:
                copy.write_row((*row, *defaults))
                count += 1
        return count

    def _insert(self, table: str, column_list: str, fields, rows, defaults: tuple) -> int:
        placeholders = ", ".join(["%s"] * len(fields))
        # Names come from the model, quoted; values travel as parameters.
        sql = f"INSERT INTO {table} ({column_list}) VALUES ({placeholders})"  # noqa: S608
        iterator = iter(rows)
        count = 0
        with connection.cursor() as cursor:
            while batch := list(islice(iterator, BATCH)):
                cursor.executemany(
                    sql,
                    [
                        [
                            field.get_db_prep_save(value, connection)
                            for field, value in zip(fields, (*row, *defaults), strict=True)
                        ]
                        for row in batch
                    ],
                )
                count += len(batch)
        return count

    def include(self, *models_: type[models.Model]) -> None:
        """Tables written some other way (the ORM) while the triggers were off."""
        self._written.extend(m for m in models_ if m not in self._written)

    def verify(self) -> None:
        """Every foreign key of every written table points at a row: one
        anti-join per key. Raises ``IntegrityProblem`` naming the first broken one."""
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for model in self._written:
                for field in model._meta.concrete_fields:
                    if not field.is_relation:
                        continue
                    target = field.target_field
                    # Names come from the model, quoted: nothing from outside.
                    cursor.execute(
                        f"SELECT COUNT(*) FROM {quote(model._meta.db_table)} t "  # noqa: S608
                        f"LEFT JOIN {quote(target.model._meta.db_table)} r "
                        f"ON r.{quote(target.column)} = t.{quote(field.column)} "
                        f"WHERE t.{quote(field.column)} IS NOT NULL "
                        f"AND r.{quote(target.column)} IS NULL"
                    )
                    broken = cursor.fetchone()[0]
                    if broken:
                        raise IntegrityProblem(
                            f"{model._meta.db_table}.{field.column}: {broken} rows point nowhere"
                        )

    def reset_sequences(self, *models_: type[models.Model]) -> None:
        """After explicit ids, the next automatic one must follow them."""
        statements = connection.ops.sequence_reset_sql(no_style(), list(models_))
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
