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

from cjm.selectors import member_workspace_ids


def scoped(model, workspace_path: str = "workspace_id"):
    """A queryset callable for ModelChoiceFilter: ``model`` rows of the caller's workspaces."""

    def queryset(request):
        if request is None or not request.user.is_authenticated:
            return model.objects.none()
        return model.objects.filter(**{f"{workspace_path}__in": member_workspace_ids(request.user)})

    return queryset


def workspace_members(request):
    """Users who share a workspace with the caller (owners, assignees)."""
    user_model = get_user_model()
    if request is None or not request.user.is_authenticated:
        return user_model.objects.none()
    return user_model.objects.filter(
        memberships__workspace_id__in=member_workspace_ids(request.user)
    ).distinct()


def workspace_filter(path: str = "workspace"):
    from cjm.models import Workspace

    return django_filters.ModelChoiceFilter(
        field_name=path,
        queryset=scoped(Workspace, "pk"),
        label=_("Workspace id: only objects of this workspace."),
    )


class ApiFilterSet(django_filters.FilterSet):
    """``search_fields`` are matched case-insensitively, every word somewhere."""

    search_fields: tuple[str, ...] = ()

    search = django_filters.CharFilter(
        method="filter_search", max_length=200, label=_("Words to look for.")
    )

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
