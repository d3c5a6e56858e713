"""Abstract bases shared by the domain models."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(TimeStampedModel):
    """A row that clients edit concurrently.

    ``version`` grows by one on every write made through a service; it is the ETag of the row
    (API ``If-Match``, the editor's stale-edit check). ``updated_by`` says who made that write.
    """

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    # Not a column: what ``cjm.core.versioning.apply_changes`` changed on the instance it returns,
    # ``{"name": {"old": ..., "new": ...}}`` (for ``cjm.core.changes.record``).
    changed_fields: dict

    class Meta:
        abstract = True

    @property
    def etag(self) -> str:
        return f'"{self.version}"'
