"""Inserting many rows of one model through the DB-API cursor: ``executemany`` on SQLite,
``COPY`` on PostgreSQL. The import's write path, a few times faster than ``bulk_create``
(which prepares every value of every row through its field).

Only the columns that change from row to row are given per row; every other column takes
the field's default (or a value fixed for the whole insert), prepared for the database once.
The database still checks every constraint; callers run inside a transaction.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import Enum
from typing import Any

from django.db import connection
from django.db.models import DateTimeField, Field, Model

# Field types whose Python value the DB-API adapts as it is (no per-row preparation needed).
_AS_IS = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "ForeignKey",
        "IntegerField",
        "OneToOneField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SmallIntegerField",
        "TextField",
    }
)


def _prepare(field: Field[Any, Any]) -> Callable[[Any], Any] | None:
    if field.get_internal_type() in _AS_IS:
        return None
    return lambda value: field.get_db_prep_save(value, connection)


class BulkInsert:
    """``BulkInsert(Model, varying=["user_id", …], fixed={…}, now=…)``, then
    ``insert([(value, …), …])`` with values in the order of ``varying`` (attribute names).

    ``ready`` names varying columns whose values come already in the form both databases
    take as text: an ISO date, JSON text (no per-row preparation)."""

    def __init__(
        self,
        model: type[Model],
        *,
        varying: Sequence[str],
        fixed: Mapping[str, Any] | None = None,
        ready: Sequence[str] = (),
        now: datetime.datetime,
    ) -> None:
        fixed = dict(fixed or {})
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        self.table = connection.ops.quote_name(model._meta.db_table)
        self.columns = [f.column for f in fields]
        self.template: list[Any] = []
        self.slots: list[tuple[int, int, Callable[[Any], Any] | None]] = []
        position = {name: i for i, name in enumerate(varying)}
        for index, field in enumerate(fields):
            name = field.attname
            if name in position:
                self.template.append(None)
                prepare = None if name in ready else _prepare(field)
                self.slots.append((index, position[name], prepare))
                continue
            if name in fixed:
                value = fixed.pop(name)
            elif isinstance(field, DateTimeField) and (field.auto_now or field.auto_now_add):
                value = now
            else:
                value = field.get_default()
            if isinstance(value, Enum):  # a choice: its value, not its name
                value = value.value
            self.template.append(field.get_db_prep_save(value, connection))
        unknown = set(varying) - {f.attname for f in fields}
        if unknown or fixed:
            raise ValueError(f"not columns of {model.__name__}: {sorted(unknown | set(fixed))}")

    def rows(self, values: Iterable[Sequence[Any]]) -> list[tuple[Any, ...]]:
        out = []
        template, slots = self.template, self.slots
        for given in values:
            row = list(template)
            for index, source, prepare in slots:
                value = given[source]
                row[index] = value if prepare is None else prepare(value)
            out.append(tuple(row))
        return out

    def insert(self, values: Iterable[Sequence[Any]]) -> int:
        rows = self.rows(values)
        if not rows:
            return 0
        columns = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                raw = cursor.cursor  # psycopg's own cursor, under Django's wrapper
                # Django's error classes (IntegrityError …), as through its own cursor.
                with connection.wrap_database_errors:
                    with raw.copy(f"COPY {self.table} ({columns}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                sql = f"INSERT INTO {self.table} ({columns}) VALUES ({marks})"  # noqa: S608
                cursor.executemany(sql, rows)
        return len(rows)
