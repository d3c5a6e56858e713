"""Reads of the exchange slice: what a user may export."""

from django.utils import timezone
from django.utils.text import slugify

from cjm.core.typing import Reader
from cjm.models import Journey
from cjm.selectors.journeys import journey_get

from .export import journey_document


def journey_export_get(*, user: Reader, pk: int) -> tuple[Journey, dict]:
    """The journey (404 unless the user is a member of its workspace) and its document."""
    journey = journey_get(user=user, pk=pk)
    return journey, journey_document(journey)


def export_filename(journey: Journey, extension: str) -> str:
    stem = slugify(journey.title, allow_unicode=False) or "journey"
    return f"{stem}-{timezone.localdate():%Y-%m-%d}.{extension}"
