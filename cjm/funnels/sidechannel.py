"""Progress that pollers must see while the job's own connection is inside a transaction.

A file import runs in one transaction (nothing is stored if a row is bad), so its progress is
written through a second, autocommit connection on PostgreSQL. SQLite serialises writers, so
there the progress is only written outside transactions (the embedded default runs jobs eagerly,
inside the request, where nobody polls).
"""

from django.db import connection, connections


class SideChannel:
    def __init__(self):
        self._connection = None

    def update(self, model, pk: int, **fields) -> None:
        if not connection.in_atomic_block:
            model.objects.filter(pk=pk).update(**fields)
            return
        if connection.vendor != "postgresql":
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
