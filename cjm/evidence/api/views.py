"""REST endpoints of the evidence slice (namespace ``evidence-api``), under ``/api/v1/``:

- ``GET actions/{id}/impact/?window_days=28``: a done action's measured impact;
- ``GET journeys/{id}/moments-of-truth/``: the journey's touchpoints ranked, most urgent first
  (paginated like every list).

Any member may read; another workspace's action or journey is a 404.
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from cjm.core.api.pagination import PageNumberPagination
from cjm.core.api.schema import list_errors
from touchpoints.choices import ActionStatus

from ..selectors import action_impact, impact_action_get, moments_of_truth
from .serializers import (
    ActionImpactSerializer,
    ImpactQuerySerializer,
    MomentOfTruthSerializer,
    MomentsOfTruthPageSerializer,
    ledger_row_data,
)


class ActionImpactView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter(
                "window_days", int, description="Days before and after done_at (7-365; 28)."
            )
        ],
        responses={200: ActionImpactSerializer, **list_errors()},
        tags=["actions"],
        operation_id="actions_impact",
    )
    def get(self, request, pk: int):
        query = ImpactQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        action = impact_action_get(user=request.user, pk=pk)
        if action.status != ActionStatus.DONE:
            raise serializers.ValidationError(
                {"detail": _("The action is not done: impact is measured from its done time.")}
            )
        impact = action_impact(action=action, window_days=query.validated_data["window_days"])
        return Response(ActionImpactSerializer(impact.as_api()).data)


class MomentsOfTruthView(APIView):
    pagination_class = PageNumberPagination

    @extend_schema(
        parameters=[
            OpenApiParameter("page", int, description="Page number (1-based)."),
            OpenApiParameter("page_size", int, description="Rows per page (1-500; 50)."),
        ],
        responses={200: MomentsOfTruthPageSerializer, **list_errors()},
        tags=["journeys"],
        operation_id="journeys_moments_of_truth",
    )
    def get(self, request, pk: int):
        _journey, rows = moments_of_truth(user=request.user, journey_id=pk)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(rows, request, view=self)
        data = MomentOfTruthSerializer([ledger_row_data(row) for row in page], many=True).data
        return paginator.get_paginated_response(data)
