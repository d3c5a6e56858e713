"""Dense, unique positions (0..n-1) of children within their parent.

Stages in a journey, lanes in a journey and touchpoints in a stage all keep a position that is
unique per parent (a database constraint) and dense. These helpers renumber siblings without ever
breaking the unique constraint mid-statement: rows that change are first lifted out of the way by a
large offset, then written to their final place. Callers run inside ``transaction.atomic`` and lock
the parent row first (``lock``), so concurrent inserts and moves in one parent are serialised.
"""

from typing import TypeVar

from django.db.models import F, Model, QuerySet

Locked = TypeVar("Locked", bound=Model)

OFFSET = 1_000_000


def lock(model: type[Locked], pk: int) -> Locked:
    """Lock and return the parent row (no-op lock on SQLite, which serialises writers anyway)."""
    return model._default_manager.select_for_update().get(pk=pk)


def current_order(siblings: QuerySet) -> list[int]:
    return list(siblings.order_by("position").values_list("pk", flat=True))


def clamp(position: int | None, size: int) -> int:
    if position is None or position > size:
        return size
    return max(0, position)


def renumber(siblings: QuerySet, order: list[int]) -> None:
    """Give the rows of ``order`` (primary keys, a subset or all of ``siblings``) positions 0..n-1.

    Only rows whose position changes are written: two UPDATEs whatever the number of rows.
    """
    current = dict(siblings.filter(pk__in=order).values_list("pk", "position"))
    target = {pk: index for index, pk in enumerate(order)}
    changed = [pk for pk in order if current.get(pk) != target[pk]]
    if not changed:
        return
    siblings.filter(pk__in=changed).update(position=F("position") + OFFSET)
    model = siblings.model
    rows = [model(pk=pk, position=target[pk]) for pk in changed]
    model.objects.bulk_update(rows, ["position"])


def make_room(siblings: QuerySet, position: int | None) -> int:
    """Open a gap at ``position`` (clamped to 0..n) for a row about to be inserted; return it."""
    order = current_order(siblings)
    position = clamp(position, len(order))
    tail = order[position:]
    if tail:
        siblings.filter(pk__in=tail).update(position=F("position") + OFFSET)
        model = siblings.model
        rows = [model(pk=pk, position=position + 1 + index) for index, pk in enumerate(tail)]
        model.objects.bulk_update(rows, ["position"])
    return position


def move_within(siblings: QuerySet, pk: int, position: int) -> int:
    """Move one row to ``position`` (clamped) among its siblings; return the final position."""
    order = current_order(siblings)
    order.remove(pk)
    position = clamp(position, len(order))
    order.insert(position, pk)
    renumber(siblings, order)
    return position


def close_gaps(siblings: QuerySet) -> None:
    """After a delete: renumber what is left as 0..n-1 in the same order."""
    renumber(siblings, current_order(siblings))
