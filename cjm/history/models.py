"""The audit log: one ``ChangeRecord`` per change recorded by a service (cjm/core/changes.py).

Ids of the changed object and of the maps are plain numbers, not foreign keys: the history of a
deleted touchpoint or map stays readable (and the deletion itself is recorded after the row is
gone). A change drawn on one map (nearly all) keeps that map in ``journey_id``; a change naming
several maps (a persona, a channel renamed) keeps them in ``ChangeRecordJourney`` rows, so the
feed filters by map with plain indexed lookups on PostgreSQL and SQLite alike.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cjm.core import changes
from cjm.core.tenancy import Workspace

SOURCE_CHOICES = [
    (changes.UI, _("browser")),
    (changes.API, _("API")),
    (changes.ADMIN, _("admin")),
    (changes.SYSTEM, _("system")),
]
VERB_CHOICES = [
    (changes.CREATED, _("created")),
    (changes.UPDATED, _("updated")),
    (changes.DELETED, _("deleted")),
]


class ChangeRecord(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(max_length=10, choices=SOURCE_CHOICES)
    at = models.DateTimeField()
    object_type = models.CharField(max_length=20)
    object_id = models.BigIntegerField(null=True, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    verb = models.CharField(max_length=10, choices=VERB_CHOICES)
    fields = models.JSONField(default=dict, blank=True)
    # The one map the change is drawn on; null when it names several (see ChangeRecordJourney),
    # every map of the workspace (``whole_workspace``) or none.
    journey_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    whole_workspace = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("change record")
        verbose_name_plural = _("change records")
        indexes = [
            models.Index(fields=["workspace", "-at", "-id"], name="history_feed"),
            models.Index(fields=["object_type", "object_id", "-at"], name="history_object"),
            models.Index(fields=["at"], name="history_at"),
        ]

    def __str__(self) -> str:
        return f"{self.object_type} {self.object_id} {self.verb}"


class ChangeRecordJourney(models.Model):
    """One map of a change that names several."""

    record = models.ForeignKey(ChangeRecord, on_delete=models.CASCADE, related_name="journeys")
    journey_id = models.BigIntegerField(db_index=True)

    class Meta:
        verbose_name = _("map of a change record")
        verbose_name_plural = _("maps of change records")
        constraints = [
            models.UniqueConstraint(fields=["record", "journey_id"], name="history_record_journey")
        ]

    def __str__(self) -> str:
        return f"{self.record_id} -> {self.journey_id}"
