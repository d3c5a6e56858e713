"""Writes of surveys: create, change, delete."""

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from cjm.choices import Role
from cjm.core.permissions import require_role
from feedback.choices import Language, SurveyKind
from feedback.models import Survey

SURVEY_FIELDS = {
    "name",
    "kind",
    "scope",
    "journey",
    "stage",
    "touchpoint",
    "channel",
    "question_ru",
    "question_en",
    "why_question_ru",
    "why_question_en",
    "ask_improve",
    "ask_value",
    "default_language",
    "is_active",
    "starts_at",
    "ends_at",
    "public_link_enabled",
    "invitation_valid_days",
}


def default_question(kind: str, language: str) -> str:
    with translation.override(language):
        if kind == SurveyKind.NPS:
            return _("How likely are you to recommend us to a friend or colleague?")
        if kind == SurveyKind.CSAT:
            return _("How satisfied are you with your experience?")
        return _("How easy was it to get what you needed?")


def default_why_question(language: str) -> str:
    with translation.override(language):
        return _("Why did you give this score?")


def default_name(survey: Survey) -> str:
    """The kind and what the survey asks about (its touchpoint, stage or
    journey; else the whole brand), e.g. "NPS: Courier delivery", in the default language."""
    if survey.touchpoint_id:
        subject = survey.touchpoint.name
    elif survey.stage_id:
        subject = survey.stage.name
    elif survey.journey_id:
        subject = survey.journey.title
    else:
        with translation.override(survey.default_language):
            subject = str(_("the whole brand"))
    name = f"{survey.kind.upper()}: {subject}"
    field = Survey._meta.get_field("name")
    return name[: field.max_length]


def _fill_defaults(survey: Survey) -> None:
    """Derive stage and journey from the touchpoint, and fill a blank name and question texts."""
    if survey.touchpoint_id and not survey.stage_id:
        survey.stage = survey.touchpoint.stage
    if survey.stage_id and not survey.journey_id:
        survey.journey_id = survey.stage.journey_id
    if not survey.name.strip():
        survey.name = default_name(survey)
    for language in Language.values:
        if not getattr(survey, f"question_{language}"):
            setattr(survey, f"question_{language}", default_question(survey.kind, language))
        if not getattr(survey, f"why_question_{language}"):
            setattr(survey, f"why_question_{language}", default_why_question(language))


@transaction.atomic
def survey_create(*, actor, workspace, kind: str, name: str = "", **fields) -> Survey:
    require_role(actor, workspace.pk, Role.EDITOR)
    unknown = set(fields) - SURVEY_FIELDS
    if unknown:
        raise TypeError(f"unknown survey fields {sorted(unknown)}")
    survey = Survey(workspace=workspace, name=name, kind=kind, created_by=actor, **fields)
    if kind in SurveyKind.values:
        _fill_defaults(survey)
    survey.full_clean()
    survey.save()
    return survey


@transaction.atomic
def survey_update(*, actor, survey: Survey, **changes) -> Survey:
    """Change a survey. Its kind is fixed once it has answers (they would change meaning)."""
    require_role(actor, survey.workspace_id, Role.EDITOR)
    unknown = set(changes) - SURVEY_FIELDS
    if unknown:
        raise TypeError(f"cannot change {sorted(unknown)} of Survey")
    fresh = Survey.objects.select_for_update().get(pk=survey.pk)
    if "kind" in changes and changes["kind"] != fresh.kind and fresh.responses.exists():
        from django.core.exceptions import ValidationError

        raise ValidationError({"kind": [_("The kind of a survey with answers cannot change.")]})
    for field, value in changes.items():
        setattr(fresh, field, value)
    if "touchpoint" in changes and "stage" not in changes and fresh.touchpoint_id:
        fresh.stage = fresh.touchpoint.stage
        fresh.journey_id = None
    if "stage" in changes and "journey" not in changes:
        fresh.journey_id = None
    _fill_defaults(fresh)
    fresh.full_clean()
    fresh.save()
    return fresh


@transaction.atomic
def survey_delete(*, actor, survey: Survey) -> None:
    """Delete a survey with its invitations and answers."""
    require_role(actor, survey.workspace_id, Role.EDITOR)
    survey.delete()
