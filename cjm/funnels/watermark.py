"""The arrival watermark of PostgreSQL: up to which event id every event is committed."""

from django.db import OperationalError, connection, transaction


def take_watermark(previous: int, timeout_seconds: float = 10.0) -> int:
    """The largest event id below which every event is committed (or ``previous``).

    Sequences hand out ids before commit, so a plain max(id) could skip an event committed
    later with a smaller id. A SHARE lock waits for the transactions inserting events to finish
    and holds new ones back for the instant it takes to read max(id). If a long import holds the
    table longer than ``timeout_seconds``, the watermark stays where it was: the next run looks
    at those events again (recomputing a customer twice is harmless).
    """
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = '{int(timeout_seconds * 1000)}ms'")
            cursor.execute("LOCK TABLE cjm_event IN SHARE MODE")
            cursor.execute("SELECT coalesce(max(id), 0) FROM cjm_event")
            watermark = cursor.fetchone()[0]
            cursor.execute("SET LOCAL lock_timeout TO DEFAULT")
    except OperationalError:
        return previous
    return max(watermark, previous)
