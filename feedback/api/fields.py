"""Relation fields scoped to the caller's workspaces: a foreign or unknown id is the same 400."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cjm.core.scoping import member_workspace_ids
from feedback.choices import Language, SurveyKind

MAX_ID = 2**63 - 1


class ScopedPrimaryKeyField(serializers.PrimaryKeyRelatedField):
    default_error_messages = {
        "incorrect_type": _("Incorrect type. Expected an integer id, received %(data_type)s."),
    }

    def __init__(self, *, workspace_path: str = "workspace_id", **kwargs):
        self.workspace_path = workspace_path
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if not 0 < data <= MAX_ID:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)

    def get_queryset(self):
        queryset = super().get_queryset()
        request = self.context.get("request")
        if request is None or not request.user.is_authenticated:
            return queryset.none()
        return queryset.filter(**{f"{self.workspace_path}__in": member_workspace_ids(request.user)})


class StrictIntegerField(serializers.IntegerField):
    """``"5"`` is not a number and ``true`` is not 1."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictCharField(serializers.CharField):
    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        if "\x00" in data:
            raise serializers.ValidationError(_("Null characters are not allowed."))
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid")
        return data


class SurveyKindField(serializers.ChoiceField):
    """``nps`` (0-10), ``csat`` (1-5) or ``ces`` (1-7); named SurveyKindEnum in the schema."""

    def __init__(self, **kwargs):
        super().__init__(choices=SurveyKind.choices, **kwargs)


class LanguageField(serializers.ChoiceField):
    """``ru`` or ``en``; named LanguageEnum in the schema."""

    def __init__(self, **kwargs):
        super().__init__(choices=Language.choices, **kwargs)
