"""Output serializers of the evidence endpoints (API_CONTRACT.md, "History, snapshots and
before/after"). Read-only: they shape plain values for the answer and the schema."""

from rest_framework import serializers


class ImpactQuerySerializer(serializers.Serializer):
    window_days = serializers.IntegerField(required=False, min_value=7, max_value=365, default=28)


class ImpactWindowSerializer(serializers.Serializer):
    # "from" is a Python keyword: the field is declared under its JSON name below.
    to = serializers.DateTimeField()
    entered = serializers.IntegerField(help_text="Customers who reached the stage in the window.")
    exit_customers = serializers.IntegerField(
        help_text="Of them, those whose exit touchpoint (as in funnel reports) is this one."
    )
    exit_rate = serializers.FloatField(allow_null=True, help_text="exit_customers / entered.")
    converted = serializers.IntegerField(
        allow_null=True, help_text="Of them, those who reached the next stage (null: last stage)."
    )
    drop_off_rate = serializers.FloatField(
        allow_null=True, help_text="The stage's drop-off in the window: 1 - converted / entered."
    )
    nps = serializers.FloatField(allow_null=True)
    responses = serializers.IntegerField(help_text="NPS answers about the touchpoint.")


ImpactWindowSerializer._declared_fields["from"] = serializers.DateTimeField()


class ActionImpactSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["measured", "too_early", "no_data"])
    done_at = serializers.DateTimeField()
    window_days = serializers.IntegerField()
    before = ImpactWindowSerializer()
    after = ImpactWindowSerializer()
    outcome = serializers.ChoiceField(
        choices=["worked", "did_not_work", "too_early", "not_measurable"],
        help_text="What the register and the map show.",
    )
    test = serializers.ChoiceField(choices=["z", "fisher"], allow_null=True)
    test_name = serializers.CharField()
    p_value = serializers.FloatField(allow_null=True)
    significant = serializers.BooleanField(allow_null=True)
    sample_too_small = serializers.BooleanField()
    measurable_from = serializers.DateTimeField(help_text="When the after-window ends.")
    verdict = serializers.CharField()
    notes = serializers.ListField(child=serializers.CharField())


class ScorePartsSerializer(serializers.Serializer):
    exits = serializers.FloatField()
    rating = serializers.FloatField()
    feedback = serializers.FloatField()
    importance = serializers.FloatField()
    critical = serializers.FloatField()


class MomentOfTruthSerializer(serializers.Serializer):
    touchpoint = serializers.IntegerField()
    name = serializers.CharField()
    stage = serializers.IntegerField()
    stage_name = serializers.CharField()
    rank = serializers.IntegerField()
    score = serializers.FloatField(help_text="0-100: the sum of score_parts (docs/impact.md).")
    score_parts = ScorePartsSerializer()
    rating = serializers.CharField()
    importance = serializers.IntegerField()
    is_critical = serializers.BooleanField()
    exit_customers = serializers.IntegerField()
    exit_share = serializers.FloatField(allow_null=True)
    feedback_index = serializers.FloatField(allow_null=True)
    owner = serializers.IntegerField(allow_null=True)
    team = serializers.IntegerField(allow_null=True)
    open_actions = serializers.IntegerField()
    last_rated_at = serializers.DateTimeField(allow_null=True)
    last_feedback_at = serializers.DateTimeField(allow_null=True)
    last_report_at = serializers.DateTimeField(allow_null=True)
    stale = serializers.BooleanField()


class MomentsOfTruthPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = MomentOfTruthSerializer(many=True)


def ledger_row_data(row) -> dict:
    touchpoint = row.touchpoint
    return {
        "touchpoint": touchpoint.pk,
        "name": touchpoint.name,
        "stage": touchpoint.stage_id,
        "stage_name": touchpoint.stage.name,
        "rank": row.rank,
        "score": row.score,
        "score_parts": row.parts,
        "rating": touchpoint.rating,
        "importance": touchpoint.importance,
        "is_critical": touchpoint.is_critical,
        "exit_customers": row.exit_customers,
        "exit_share": row.exit_share,
        "feedback_index": row.feedback_index,
        "owner": touchpoint.owner_id,
        "team": touchpoint.team_id,
        "open_actions": row.open_actions,
        "last_rated_at": row.last_rated_at,
        "last_feedback_at": row.last_feedback_at,
        "last_report_at": row.last_report_at,
        "stale": row.stale,
    }
