"""Serializers of funnel reports (requests, results, breakdowns, drill-down) and manual funnels."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from cjm.core.api.fields import (
    StrictBooleanField,
    StrictCharField,
    StrictDateField,
    StrictIntegerField,
    StrictModelSerializer,
    WorkspaceScopedPrimaryKeyField,
)
from cjm.funnels.choices import (
    DEFAULT_CONVERSION_WINDOW_DAYS,
    MAX_CONVERSION_WINDOW_DAYS,
    RunMode,
)
from cjm.funnels.models import FunnelReport, ManualFunnel
from cjm.funnels.selectors import funnel_view, manual_funnel_result
from cjm.funnels.selectors.progress import reached_stage_at
from cjm.models import Stage
from personas.models import Segment
from touchpoints.models import Channel


class FunnelReportRequestSerializer(serializers.Serializer):
    date_from = StrictDateField(help_text="First UTC date of the range (YYYY-MM-DD).")
    date_to = StrictDateField(help_text="Last UTC date of the range, inclusive.")
    conversion_window_days = StrictIntegerField(
        min_value=0,
        max_value=MAX_CONVERSION_WINDOW_DAYS,
        default=DEFAULT_CONVERSION_WINDOW_DAYS,
        help_text="Days after a customer's first first-stage event in which later stages count.",
    )
    segment = WorkspaceScopedPrimaryKeyField(
        queryset=Segment.objects.all(), allow_null=True, required=False, default=None
    )
    channel = WorkspaceScopedPrimaryKeyField(
        queryset=Channel.objects.all(), allow_null=True, required=False, default=None
    )
    standard = StrictBooleanField(
        required=False,
        default=False,
        help_text="Also recompute this report every night while the journey is active.",
    )


class StageResultSerializer(serializers.Serializer):
    stage = serializers.IntegerField()
    name = serializers.CharField()
    entered = serializers.IntegerField(allow_null=True)
    converted = serializers.IntegerField(
        allow_null=True, help_text="Customers who entered the next stage (null for the last)."
    )
    drop_off_rate = serializers.FloatField(allow_null=True)
    median_seconds_to_convert = serializers.FloatField(allow_null=True)
    conversion_rate = serializers.FloatField(allow_null=True)
    share_of_first_stage = serializers.FloatField(allow_null=True)
    is_worst = serializers.BooleanField(help_text="The stage with the highest drop-off rate.")


class StepResultSerializer(serializers.Serializer):
    step = serializers.IntegerField(help_text="The step number its stages carry.")
    stages = serializers.ListField(
        child=serializers.IntegerField(), help_text="Ids of the step's stages (its branches)."
    )
    optional = serializers.BooleanField()
    entered = serializers.IntegerField(allow_null=True, help_text="Customers who reached it.")
    converted = serializers.IntegerField(
        allow_null=True, help_text="Of those, customers who reached a later step (null: last)."
    )
    drop_off_rate = serializers.FloatField(allow_null=True)
    skipped = serializers.IntegerField(
        allow_null=True,
        help_text="Customers who reached a later step without this (optional) one.",
    )


class ExitTouchpointSerializer(serializers.Serializer):
    touchpoint = serializers.IntegerField()
    touchpoint_name = serializers.CharField()
    stage = serializers.IntegerField()
    stage_name = serializers.CharField()
    customers = serializers.IntegerField()


class TrendWeekSerializer(serializers.Serializer):
    week_start = serializers.DateField()
    entered = serializers.IntegerField()
    completed = serializers.IntegerField()
    conversion_rate = serializers.FloatField(allow_null=True)
    stages = serializers.ListField(child=serializers.IntegerField())


class FunnelReportSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    mode = serializers.ChoiceField(
        choices=RunMode.choices,
        allow_blank=True,
        read_only=True,
        help_text="How the run computes: empty until it starts.",
    )
    date_from = serializers.DateField(source="definition.date_from")
    date_to = serializers.DateField(source="definition.date_to")
    conversion_window_days = serializers.IntegerField(source="definition.conversion_window_days")
    channel = serializers.IntegerField(source="definition.channel_id", allow_null=True)
    standard = serializers.BooleanField(source="definition.is_standard")
    stages = serializers.SerializerMethodField()
    steps = serializers.SerializerMethodField()
    exit_touchpoints = serializers.SerializerMethodField()
    trend = serializers.SerializerMethodField()
    worst_stage = serializers.SerializerMethodField()

    class Meta:
        model = FunnelReport
        fields = [
            "id",
            "url",
            "journey",
            "status",
            "progress",
            "mode",
            "error",
            "date_from",
            "date_to",
            "conversion_window_days",
            "segment",
            "channel",
            "standard",
            "stages",
            "steps",
            "exit_touchpoints",
            "worst_stage",
            "trend",
            "customers_processed",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields

    def _view(self, report) -> dict | None:
        if report.result is None:
            return None
        cache = self.context.setdefault("_funnel_views", {})
        if report.pk not in cache:
            cache[report.pk] = funnel_view(report.result)
        return cache[report.pk]

    def get_url(self, report) -> str:
        return reverse(
            "funnels-api:funnel-report-detail",
            kwargs={"pk": report.pk},
            request=self.context.get("request"),
        )

    @extend_schema_field(StageResultSerializer(many=True, allow_null=True))
    def get_stages(self, report):
        view = self._view(report)
        return view["stages"] if view else None

    @extend_schema_field(StepResultSerializer(many=True, allow_null=True))
    def get_steps(self, report):
        view = self._view(report)
        if not view:
            return None
        keys = StepResultSerializer().fields.keys()
        return [{key: step[key] for key in keys} for step in view["steps"]]

    @extend_schema_field(ExitTouchpointSerializer(many=True, allow_null=True))
    def get_exit_touchpoints(self, report):
        view = self._view(report)
        return view["exit_touchpoints"] if view else None

    @extend_schema_field(TrendWeekSerializer(many=True, allow_null=True))
    def get_trend(self, report):
        view = self._view(report)
        return view["trend"] if view else None

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_worst_stage(self, report):
        view = self._view(report)
        return view["worst_stage"] if view else None


class BreakdownStageSerializer(serializers.Serializer):
    stage = serializers.IntegerField()
    entered = serializers.IntegerField()
    converted = serializers.IntegerField(allow_null=True)
    drop_off_rate = serializers.FloatField(allow_null=True)
    median_seconds_to_convert = serializers.FloatField(allow_null=True)


class BreakdownExitSerializer(serializers.Serializer):
    touchpoint = serializers.IntegerField()
    stage = serializers.IntegerField()
    customers = serializers.IntegerField()


class BreakdownGroupSerializer(serializers.Serializer):
    key = serializers.IntegerField(allow_null=True, help_text="Segment or channel id.")
    label = serializers.CharField()
    customers = serializers.IntegerField()
    stages = BreakdownStageSerializer(many=True)
    exit_touchpoints = BreakdownExitSerializer(many=True)


class BreakdownSerializer(serializers.Serializer):
    by = serializers.CharField()
    as_of = serializers.DateTimeField(allow_null=True)
    groups = BreakdownGroupSerializer(many=True)


class DroppedCustomerSerializer(serializers.Serializer):
    customer = serializers.IntegerField(source="customer_id")
    external_id = serializers.CharField(source="customer.external_id")
    segment = serializers.IntegerField(source="customer.segment_id", allow_null=True)
    entered_funnel_at = serializers.DateTimeField(source="entered_at")
    entered_stage_at = serializers.SerializerMethodField()
    exit_touchpoint = serializers.IntegerField(source="exit_touchpoint_id", allow_null=True)

    def get_entered_stage_at(self, progress) -> str:
        return serializers.DateTimeField().to_representation(reached_stage_at(progress))


class ManualCountSerializer(serializers.Serializer):
    stage = WorkspaceScopedPrimaryKeyField(
        queryset=Stage.objects.all(), workspace_path="journey__workspace_id"
    )
    customers = StrictIntegerField(min_value=0, max_value=2_000_000_000)


class ManualFunnelSerializer(StrictModelSerializer):
    counts = serializers.SerializerMethodField()
    stages = serializers.SerializerMethodField()

    class Meta:
        model = ManualFunnel
        fields = [
            "id",
            "journey",
            "title",
            "date_from",
            "date_to",
            "note",
            "counts",
            "stages",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(ManualCountSerializer(many=True))
    def get_counts(self, funnel) -> list:
        return [{"stage": c.stage_id, "customers": c.customers} for c in funnel.counts.all()]

    @extend_schema_field(StageResultSerializer(many=True))
    def get_stages(self, funnel) -> list:
        return funnel_view(manual_funnel_result(funnel))["stages"]


class ManualFunnelWriteSerializer(serializers.Serializer):
    title = StrictCharField(max_length=200, required=False, allow_blank=True)
    date_from = StrictDateField()
    date_to = StrictDateField()
    note = StrictCharField(required=False, allow_blank=True, max_length=5000)
    counts = ManualCountSerializer(many=True, max_length=200)

    def validate_counts(self, counts):
        # A partial update (PATCH) makes nested fields optional too; a count needs both.
        errors = {
            index: {
                field: [_("This field is required.")]
                for field in ("stage", "customers")
                if field not in item
            }
            for index, item in enumerate(counts)
            if not {"stage", "customers"} <= item.keys()
        }
        if errors:
            raise serializers.ValidationError(errors)
        return [{"stage": item["stage"].pk, "customers": item["customers"]} for item in counts]
