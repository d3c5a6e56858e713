"""The snapshots API (docs/API_CONTRACT.md, "History, snapshots and before/after"):

- ``GET|POST journeys/{id}/snapshots/``: a map's snapshots, newest first; POST ``{"name"}``
  (editors and admins) freezes the map now -> 201 ``{"id", "journey", "name", "created_at",
  "created_by"}``;
- ``GET snapshots/{id}/``: the frozen map in the shape of ``GET journeys/{id}/`` plus
  ``metrics``; ``DELETE snapshots/{id}/`` (editors and admins). No PUT or PATCH: a snapshot
  never changes;
- ``GET journeys/{id}/compare/?from=&to=`` or ``?with_journey=``: what changed.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView, ListCreateAPIView
from rest_framework.response import Response

from cjm.core.api.fields import StrictCharField
from cjm.core.api.schema import list_errors, read_errors, write_errors
from cjm.core.display import display_name
from cjm.selectors import journey_get

from . import services
from .models import Snapshot
from .selectors import comparison_get, snapshot_get, snapshot_list


class SnapshotSerializer(serializers.ModelSerializer):
    name = StrictCharField(
        max_length=200,
        required=False,
        allow_blank=True,
        help_text="Blank or left out: the date and time it was taken.",
    )
    created_by_name = serializers.SerializerMethodField()

    class Meta:
        model = Snapshot
        fields = ["id", "journey", "name", "created_at", "created_by", "created_by_name"]
        read_only_fields = ["id", "journey", "created_at", "created_by", "created_by_name"]

    def get_created_by_name(self, snapshot) -> str:
        return display_name(snapshot.created_by) if snapshot.created_by_id else ""


class SnapshotDetailSerializer(serializers.Serializer):
    """The frozen map exactly as ``GET journeys/{id}/`` gave it then (its ``id`` is the
    journey's), plus ``metrics`` and ``snapshot`` (which snapshot this is)."""

    snapshot = SnapshotSerializer(read_only=True)
    metrics = serializers.DictField(
        read_only=True,
        help_text="stages / touchpoints (ids as text): funnel and feedback figures as they "
        "were; report: the funnel report they came from; exit_touchpoints.",
    )

    def to_representation(self, instance):
        return {
            **instance.data,
            "metrics": instance.data.get("metrics", {}),
            "snapshot": SnapshotSerializer(instance, context=self.context).data,
        }


class _CompareTouchpoint(serializers.Serializer):
    touchpoint = serializers.IntegerField()
    name = serializers.CharField()
    stage = serializers.IntegerField()


class _CompareChange(serializers.Serializer):
    touchpoint = serializers.IntegerField()
    name = serializers.CharField()
    touchpoint_from = serializers.IntegerField(help_text="The touchpoint on the 'from' side.")
    from_ = serializers.CharField(allow_null=True)
    to = serializers.CharField(allow_null=True)

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")
        return fields


class _CompareStage(serializers.Serializer):
    stage = serializers.IntegerField()
    name = serializers.CharField()
    stage_from = serializers.IntegerField(allow_null=True)
    change = serializers.ChoiceField(choices=["kept", "added", "removed"])
    entered_from = serializers.IntegerField(allow_null=True)
    entered_to = serializers.IntegerField(allow_null=True)
    converted_from = serializers.IntegerField(allow_null=True)
    converted_to = serializers.IntegerField(allow_null=True)
    drop_off_rate_from = serializers.FloatField(allow_null=True)
    drop_off_rate_to = serializers.FloatField(allow_null=True)
    nps_from = serializers.FloatField(allow_null=True)
    nps_to = serializers.FloatField(allow_null=True)


class CompareSerializer(serializers.Serializer):
    touchpoints_added = _CompareTouchpoint(many=True)
    touchpoints_removed = _CompareTouchpoint(many=True)
    rating_changes = _CompareChange(many=True)
    owner_changes = _CompareChange(many=True)
    stages = _CompareStage(many=True)


class SnapshotListView(ListCreateAPIView):
    serializer_class = SnapshotSerializer

    def get_journey(self):
        return journey_get(user=self.request.user, pk=int(self.kwargs["journey_id"]))

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no journey
            return Snapshot.objects.none()
        return snapshot_list(user=self.request.user, journey=self.get_journey())

    @extend_schema(
        tags=["snapshots"], responses={200: SnapshotSerializer(many=True), **list_errors()}
    )
    def get(self, request, *args, **kwargs):
        """A map's snapshots, newest first (members of its workspace)."""
        return super().get(request, *args, **kwargs)

    @extend_schema(tags=["snapshots"], responses={201: SnapshotSerializer, **write_errors()})
    def post(self, request, *args, **kwargs):
        """Freeze the map as it is now, with its latest funnel figures and feedback (editors
        and admins). A snapshot never changes."""
        journey = self.get_journey()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        snapshot = services.snapshot_create(
            actor=request.user, journey=journey, name=serializer.validated_data.get("name", "")
        )
        return Response(self.get_serializer(snapshot).data, status=status.HTTP_201_CREATED)


class SnapshotDetailView(GenericAPIView):
    serializer_class = SnapshotDetailSerializer

    @extend_schema(tags=["snapshots"], responses={200: SnapshotDetailSerializer, **read_errors()})
    def get(self, request, pk: int):
        """The frozen map (the shape of ``GET journeys/{id}/``; ``id`` is the snapshot's,
        ``journey`` the map's) with ``metrics`` as they were."""
        return Response(self.get_serializer(snapshot_get(user=request.user, pk=pk)).data)

    @extend_schema(tags=["snapshots"], responses={204: None, **write_errors()})
    def delete(self, request, pk: int):
        """Delete the snapshot for good (editors and admins; recorded)."""
        services.snapshot_delete(
            actor=request.user, snapshot=snapshot_get(user=request.user, pk=pk)
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class CompareView(GenericAPIView):
    serializer_class = CompareSerializer

    @extend_schema(
        tags=["snapshots"],
        parameters=[
            OpenApiParameter(
                "from", OpenApiTypes.STR, description='A snapshot id of this map, or "current".'
            ),
            OpenApiParameter(
                "to",
                OpenApiTypes.STR,
                description='A snapshot id of this map, or "current" (the default).',
            ),
            OpenApiParameter(
                "with_journey",
                OpenApiTypes.INT,
                description="Instead of from/to: compare the map now with this map now, a copy of "
                "it or the map it was copied from (matched by the copies' links).",
            ),
        ],
        responses={200: CompareSerializer, **list_errors()},
    )
    def get(self, request, journey_id: int):
        """What changed: touchpoints added and removed, ratings and owners changed, and per stage
        the entered count, drop-off and NPS on both sides."""
        journey = journey_get(user=request.user, pk=journey_id)
        params = request.query_params
        comparison = comparison_get(
            user=request.user,
            journey=journey,
            source_from=params.get("from"),
            source_to=params.get("to"),
            with_journey=params.get("with_journey"),
        )
        return Response(comparison.result)
