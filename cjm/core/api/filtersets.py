"""The base of the API's FilterSets: ``?workspace=``, ``?search=`` and ``?ordering=``.

Relation filters only offer the caller's objects: a foreign id (or one that does not exist) is a
400 "select a valid choice", the same answer either way. django-filter's form fields reject NUL
characters, so a query string never reaches the database with one.
"""

import operator
from functools import reduce

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as django_filters

from cjm.core.scoping import colleague_list, member_workspace_ids
from cjm.core.tenancy import Workspace


def scoped(model, workspace_path: str = "workspace_id"):
    """A queryset callable for ModelChoiceFilter: ``model`` rows of the caller's workspaces."""

    def queryset(request):
        if request is None or not request.user.is_authenticated:
            return model.objects.none()
        return model.objects.filter(**{f"{workspace_path}__in": member_workspace_ids(request.user)})

    return queryset


def workspace_members(request):
    """Users who share a workspace with the caller (owners, assignees)."""
    if request is None or not request.user.is_authenticated:
        return get_user_model().objects.none()
    return colleague_list(user=request.user)


def workspace_filter(path: str = "workspace"):
    return django_filters.ModelChoiceFilter(
        field_name=path,
        queryset=scoped(Workspace, "pk"),
        label=_("Workspace id: only objects of this workspace."),
    )


BOOLEAN_VALUES = {"true", "false"}


class ApiFilterSet(django_filters.FilterSet):
    """Strict query parameters: a filter given is used, or the request is a 400 (``lenient``:
    what a page's filter bar wants instead).

    django-filter ignores what it cannot read (``?is_critical=maybe``, ``?due_before=``,
    ``?journey=1&journey=2``); an integration would then get unfiltered results without
    noticing. Here those are field errors. ``search_fields`` are matched case-insensitively,
    every word somewhere.
    """

    search_fields: tuple[str, ...] = ()

    search = django_filters.CharFilter(
        method="filter_search", max_length=200, label=_("Words to look for.")
    )

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, lenient=False):
        super().__init__(data, queryset, request=request, prefix=prefix)
        # A page's filter bar (the same FilterSet as the API's list) sends every field, empty
        # ones too, and shows a bad value beside its field instead of answering 400.
        self.lenient = lenient

    def rebuild_fields(self, *names: str) -> None:
        """Build these filters' form fields anew from their (changed) options: a page that sets
        its own choices, querysets or labels in ``__init__`` calls this. django-filter caches a
        filter's field on the filter, and the copy a FilterSet makes of its class's filters can
        carry a field built earlier (the OpenAPI schema builds some), with the old options."""
        for name in names:
            self.filters[name].__dict__.pop("_field", None)

    def is_valid(self) -> bool:
        valid = super().is_valid()
        if not self.is_bound or self.lenient:
            return valid
        for name, filter_ in self.filters.items():
            if name not in self.data:
                continue
            values = self.data.getlist(name) if hasattr(self.data, "getlist") else [self.data[name]]
            multiple = isinstance(
                filter_, django_filters.MultipleChoiceFilter | django_filters.BaseCSVFilter
            )
            message = None
            if len(values) > 1 and not multiple:
                message = _("Give one value.")
            elif any(value == "" for value in values) and not isinstance(
                filter_, django_filters.CharFilter
            ):
                message = _("Give a value or leave the parameter out.")
            elif isinstance(filter_, django_filters.BooleanFilter) and (
                values[0].lower() not in BOOLEAN_VALUES
            ):
                message = _("Give true or false.")
            if message and name not in self.form.errors:
                self.form.add_error(name, message)
        return not self.form.errors

    def filter_search(self, queryset, name, value):
        words = value.split()[:10]
        if not words or not self.search_fields:
            return queryset
        conditions = [
            reduce(
                operator.or_, (Q(**{f"{field}__icontains": word}) for field in self.search_fields)
            )
            for word in words
        ]
        return queryset.filter(*conditions)
