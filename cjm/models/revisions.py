"""The map revision: a number that grows with every committed write that changes a map."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .journeys import Journey


class JourneyRevision(models.Model):
    """How many times the map of ``journey`` has changed (cjm/services/revisions.py bumps it,
    once per transaction, from every change the services record). No row yet means 0.

    It is a row of its own rather than a column of ``Journey``: the journey row is also the lock
    that serialises stage and lane moves (``positions.lock``), taken before their stages are
    locked, while touchpoint writes lock their stage first. A revision kept on the journey row
    would make a touchpoint write wait for the journey row while holding its stage, the reverse
    order of a stage insert: a deadlock under concurrent editing. Here every write takes this row
    last, when it records its change.
    """

    journey = models.OneToOneField(
        Journey,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="map_revision",
        verbose_name=_("journey"),
    )
    revision = models.PositiveBigIntegerField(_("revision"), default=0)

    class Meta:
        verbose_name = _("map revision")
        verbose_name_plural = _("map revisions")

    def __str__(self) -> str:
        return f"{self.journey_id}@{self.revision}"
