"""URLconf of the REST API benchmarks: the project's URLs plus two other full-map endpoints.

``GET /bench/serializer/journeys/<id>/`` is the map as the app served it before the map cache
(bench_api_map_cache.py compares against it): ``journey_map_get`` (a constant number of queries)
through the nested ``JourneyMapSerializer``, tagged with the journey's version, on every request.

``GET /bench/naive/journeys/<id>/`` answers the same JSON as ``GET /api/v1/journeys/<id>/``
(the benchmark checks that they are equal), through the same serializers, token auth and
throttling, but from a bare journey row: every stage's touchpoints, every touchpoint's channel,
owner, team and actions, every lane's cells, the segment and personas are loaded lazily, one
query per object, as a serializer written without prefetching would do. It exists only under
``tests/benchmarks/bench_api_settings.py``; the app never mounts it.
"""

import sys

if __name__ == "__main__":  # `make bench` runs every script here: this one is only a helper
    print("bench_api_urls.py: URLconf of bench_api_journey_map.py, nothing to run alone")
    sys.exit(0)

from django.http import Http404
from django.urls import path
from django.utils import timezone
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from cjm.api.serializers.journeys import JourneyMapSerializer, MapStageSerializer
from cjm.models import Journey
from cjm.selectors import journey_map_get, member_workspace_ids
from cjm.urls import urlpatterns as project_urlpatterns
from touchpoints.api.serializers import TouchpointSerializer
from touchpoints.choices import OPEN_ACTION_STATUSES


class NaiveTouchpointSerializer(TouchpointSerializer):
    """The two counts from the touchpoint's actions, read per touchpoint (no annotation)."""

    open_action_count = serializers.SerializerMethodField()
    has_overdue_action = serializers.SerializerMethodField()

    def get_open_action_count(self, obj) -> int:
        return sum(1 for action in obj.actions.all() if action.status in OPEN_ACTION_STATUSES)

    def get_has_overdue_action(self, obj) -> bool:
        today = timezone.localdate()
        return any(
            action.status in OPEN_ACTION_STATUSES
            and action.due_date is not None
            and action.due_date < today
            for action in obj.actions.all()
        )


class NaiveMapStageSerializer(MapStageSerializer):
    touchpoints = NaiveTouchpointSerializer(many=True, read_only=True)


class NaiveJourneyMapSerializer(JourneyMapSerializer):
    stages = NaiveMapStageSerializer(many=True, read_only=True)


class NaiveJourneyMapView(APIView):
    """The whole map from a bare journey row (same authentication, permission and throttle)."""

    def get(self, request, pk: int):
        journey = Journey.objects.filter(
            workspace_id__in=member_workspace_ids(request.user), pk=pk
        ).first()
        if journey is None:
            raise Http404("No such journey.")
        return Response(NaiveJourneyMapSerializer(journey, context={"request": request}).data)


class SerializerJourneyMapView(APIView):
    """The map through the serializers, as ``GET /api/v1/journeys/<id>/`` answered before."""

    def get(self, request, pk: int):
        journey = journey_map_get(user=request.user, pk=pk)
        response = Response(JourneyMapSerializer(journey, context={"request": request}).data)
        response["ETag"] = journey.etag
        return response


urlpatterns = [
    path("bench/naive/journeys/<int:pk>/", NaiveJourneyMapView.as_view(), name="bench-naive-map"),
    path(
        "bench/serializer/journeys/<int:pk>/",
        SerializerJourneyMapView.as_view(),
        name="bench-serializer-map",
    ),
    *project_urlpatterns,
]
