"""Progress that pollers must see while the job's own connection is inside a transaction.

A file import runs in one transaction (nothing is stored if a row is bad), so its progress is
written through a second, autocommit connection on PostgreSQL. SQLite serialises writers, so
there the progress goes to the cache instead (the embedded default runs imports in a thread of
the web process, whose pages read it with ``pending``).
"""

from django.core.cache import cache
from django.db import connection, connections

CACHE_KEY = "sidechannel:{}:{}".format


class SideChannel:
    def __init__(self):
        self._connection = None

    def update(self, model, pk: int, **fields) -> None:
        if not connection.in_atomic_block:
            model.objects.filter(pk=pk).update(**fields)
            return
        if connection.vendor != "postgresql":
            cache.set(CACHE_KEY(model._meta.db_table, pk), fields, timeout=3600)
            return
        if self._connection is None:
            self._connection = connections.create_connection("default")
        columns = ", ".join(f"{model._meta.get_field(name).column} = %s" for name in fields)
        with self._connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {model._meta.db_table} SET {columns} WHERE id = %s",
                [*fields.values(), pk],
            )

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def pending(model, pk: int) -> dict:
    """Progress written to the cache while the job's transaction is open (SQLite), else {}."""
    return cache.get(CACHE_KEY(model._meta.db_table, pk)) or {}
