"""Serializer fields of the API.

Relation fields are scoped per request: a foreign key in a body may only name an object of one of
the caller's workspaces. Anything else, existing or not, is the same 400 field error ("Invalid
pk"), so a body never reveals what another workspace holds. Whether the object is in the *same*
workspace as the row being written is the services' ``full_clean`` (also a 400 field error).

Scalar fields are strict about JSON types: ``"5"`` is not an integer, ``1`` is not a boolean and
``5`` is not a string. Clients get a clear 400 instead of a silent coercion.
"""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.relations import MANY_RELATION_KWARGS

from cjm.core.scoping import member_workspace_ids

MAX_ID = 2**63 - 1


class StrictManyRelatedField(serializers.ManyRelatedField):
    """A JSON array of ids (an object or a string is not a list of ids)."""

    def to_internal_value(self, data):
        if not isinstance(data, list):
            self.fail("not_a_list", input_type=type(data).__name__)
        return super().to_internal_value(data)


class StrictPrimaryKeyField(serializers.PrimaryKeyRelatedField):
    """An integer id (never a string or a boolean) of a row of ``queryset``."""

    @classmethod
    def many_init(cls, *args, **kwargs):
        list_kwargs = {"child_relation": cls(*args, **kwargs)}
        for key in kwargs:
            if key in MANY_RELATION_KWARGS:
                list_kwargs[key] = kwargs[key]
        return StrictManyRelatedField(**list_kwargs)

    default_error_messages = {
        "incorrect_type": _("Incorrect type. Expected an integer id, received %(data_type)s."),
    }

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if not 0 < data <= MAX_ID:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)


class WorkspaceScopedPrimaryKeyField(StrictPrimaryKeyField):
    """A primary key of an object in one of the caller's workspaces.

    ``workspace_path`` is the lookup from the model to its workspace id, e.g.
    ``"stage__journey__workspace_id"``.
    """

    def __init__(self, *, workspace_path: str = "workspace_id", **kwargs):
        self.workspace_path = workspace_path
        super().__init__(**kwargs)

    def get_queryset(self):
        queryset = super().get_queryset()
        request = self.context.get("request")
        if request is None or not request.user.is_authenticated:
            return queryset.none()
        return queryset.filter(**{f"{self.workspace_path}__in": member_workspace_ids(request.user)})


class WorkspaceMemberField(WorkspaceScopedPrimaryKeyField):
    """A user id of someone who shares a workspace with the caller."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", get_user_model().objects.all())
        super().__init__(workspace_path="memberships__workspace_id", **kwargs)

    def get_queryset(self):
        return super().get_queryset().distinct()


class StrictCharField(serializers.CharField):
    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictIntegerField(serializers.IntegerField):
    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid")
        return data


class StrictChoiceField(serializers.ChoiceField):
    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid_choice", input=data)
        return super().to_internal_value(data)


class StrictDateField(serializers.DateField):
    def to_internal_value(self, value):
        if not isinstance(value, str):
            self.fail("invalid", format="YYYY-MM-DD")
        return super().to_internal_value(value)


class StrictURLField(serializers.URLField, StrictCharField):
    pass


class StrictModelSerializer(serializers.ModelSerializer):
    """A ModelSerializer whose generated fields are strict about JSON types.

    ``Meta.read_only_fields`` also applies to declared fields here (DRF only applies it to
    generated ones), so an update serializer can fix a declared parent field in place.
    """

    def get_fields(self):
        fields = super().get_fields()
        for name in getattr(self.Meta, "read_only_fields", ()):
            if name in self._declared_fields and name in fields:
                fields[name].read_only = True
                fields[name].required = False
        return fields

    serializer_choice_field = StrictChoiceField

    def build_standard_field(self, field_name, model_field):
        field_class, field_kwargs = super().build_standard_field(field_name, model_field)
        strict = {
            serializers.CharField: StrictCharField,
            serializers.IntegerField: StrictIntegerField,
            serializers.BooleanField: StrictBooleanField,
            serializers.DateField: StrictDateField,
            serializers.URLField: StrictURLField,
        }
        return strict.get(field_class, field_class), field_kwargs
