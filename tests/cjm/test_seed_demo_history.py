"""``seed_demo``'s history: customers, events, feedback and funnel reports that tell the maps'
story, reproducible, and written once (a second run, the same day or later, changes nothing).

Most tests run a tenth of the usual size (``--scale 0.1``); one runs the full size."""

import datetime
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Max
from django.urls import reverse

from cjm.demo import history
from cjm.demo.loader import demo_seed
from cjm.funnels.choices import JobStatus
from cjm.funnels.models import Customer, Event, FunnelDefinition, FunnelReport
from cjm.models import Journey, Workspace
from feedback.models import FeedbackAggregate, Response, Review, Survey
from tests.cjm.demo_helpers import seeded_demo
from touchpoints.models import Touchpoint

pytestmark = pytest.mark.django_db

SMALL = "0.1"
CYRILLIC = re.compile("[а-яА-ЯёЁ]")
HISTORY_MODELS = [Customer, Event, Survey, Response, Review, FunnelDefinition, FunnelReport]


def seed(*args, capture) -> str:
    """Run the command; the funnel reports it queues on commit run before this returns (the
    test's transaction never commits, so the callbacks are run by hand, eagerly)."""
    out = StringIO()
    with capture(execute=True):
        call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    rows = {
        model.__name__: (model.objects.count(), model.objects.aggregate(m=Max("pk"))["m"])
        for model in HISTORY_MODELS
    }
    rows["FeedbackAggregate"] = (
        FeedbackAggregate.objects.count(),
        FeedbackAggregate.objects.aggregate(m=Max("refreshed_at"))["m"],
    )
    rows["Customer seen"] = list(
        Customer.objects.order_by("pk").values_list("first_seen_at", "last_seen_at")
    )
    return rows


@pytest.fixture(scope="class")
def small_demo(django_db_setup, django_db_blocker):
    with seeded_demo(django_db_blocker, "--scale", SMALL) as workspace:
        yield workspace


def exit_rates(report: FunnelReport) -> tuple[float, float]:
    """Share of the customers who met a touchpoint and left right there: (awful touchpoints,
    all others)."""
    visitors = dict(
        Event.objects.filter(stage__journey=report.journey)
        .values_list("touchpoint")
        .annotate(n=Count("customer", distinct=True))
    )
    ratings = dict(
        Touchpoint.objects.filter(stage__journey=report.journey).values_list("pk", "rating")
    )
    exits = {row["touchpoint"]: row["customers"] for row in report.result["exit_touchpoints"]}
    totals = {True: [0, 0], False: [0, 0]}
    for touchpoint, met in visitors.items():
        group = totals[ratings[touchpoint] == "awful"]
        group[0] += exits.get(touchpoint, 0)
        group[1] += met
    return totals[True][0] / totals[True][1], totals[False][0] / totals[False][1]


def low_share(workspace, rating: str) -> float:
    """Share of the CSAT answers on touchpoints of ``rating`` that score 1 or 2."""
    answers = Response.objects.filter(workspace=workspace, kind="csat", touchpoint__rating=rating)
    return answers.filter(score__lte=2).count() / answers.count()


def done_reports(workspace) -> dict:
    reports = {}
    for journey in workspace.journeys.filter(status="active"):
        report = FunnelReport.objects.filter(journey=journey, status=JobStatus.DONE).first()
        assert report is not None, f"no done report for {journey}"
        reports[journey] = report
    return reports


class TestSmallHistory:
    """A tenth of the usual history, made once for the class."""

    def test_every_active_journey_has_a_done_report_over_the_last_90_days(self, small_demo):
        today = history.history_today()
        reports = done_reports(small_demo)
        assert len(reports) == 2
        for journey, report in reports.items():
            definition = report.definition
            assert definition.date_to == today
            assert definition.date_from == today - datetime.timedelta(days=89)
            stages = report.result["stages"]
            assert len(stages) == journey.stages.count()
            entered = [row["entered"] for row in stages]
            assert (
                entered[0]
                == Customer.objects.filter(events__stage__journey=journey).distinct().count()
            )
            # Steps, not stages, are taken in order (the store map has a branch and an optional
            # step): customers only thin out from one required step to the next.
            steps = report.result["steps"]
            required = [step["entered"] for step in steps if not step["optional"]]
            assert required == sorted(required, reverse=True) and required[-1] > 0
            assert report.segment_id is None and definition.channel_id is None

    def test_the_store_funnel_splits_the_branch_and_counts_who_skipped_support(self, small_demo):
        store = small_demo.journeys.get(title__startswith="Интернет")
        report = done_reports(small_demo)[store]
        names = dict(store.stages.values_list("pk", "name"))
        steps = report.result["steps"]
        entered = {row["stage"]: row["entered"] for row in report.result["stages"]}
        branch = next(step for step in steps if len(step["stages"]) == 2)
        courier, pickup = branch["stages"]
        assert (names[courier], names[pickup]) == (
            "Доставка курьером",
            "Самовывоз из пункта выдачи",
        )
        # Customers take one branch each: courier for most, pick-up for about a quarter.
        assert entered[courier] + entered[pickup] == branch["entered"]
        assert entered[courier] > entered[pickup] > 0
        (support,) = [step for step in steps if step["optional"]]
        assert [names[pk] for pk in support["stages"]] == ["Поддержка"]
        assert support["entered"] > 0 and support["skipped"] > support["entered"]
        assert all(step["skipped"] == 0 for step in steps if not step["optional"])

    def test_the_store_funnel_page_numbers_steps_as_the_map_does(self, small_demo, client):
        store = small_demo.journeys.get(title__startswith="Интернет")
        client.force_login(small_demo.memberships.get(user__username="demo").user)
        page = client.get(reverse("cjm:funnel_detail", kwargs={"journey_id": store.pk}))
        html = page.content.decode()
        # The map's headers say "Step 1" ... "Step 8"; the stages' own step values start at 0.
        assert "1. Осведомлённость: поиск и отзывы" in html
        assert "5. Доставка курьером / Самовывоз из пункта выдачи" in html
        assert "0. Осведомлённость" not in html

    def test_customers_leave_right_after_the_awful_touchpoints(self, small_demo):
        for journey, report in done_reports(small_demo).items():
            exits = report.result["exit_touchpoints"]
            worst = Touchpoint.objects.get(pk=exits[0]["touchpoint"])
            assert worst.rating == "awful", journey
            awful, others = exit_rates(report)
            assert awful > 2 * others, (journey, awful, others)

    def test_events_span_the_last_89_days_and_stay_in_the_past(self, small_demo):
        today = history.history_today()
        midnight = datetime.datetime.combine(today, datetime.time.min, tzinfo=datetime.UTC)
        first = Event.objects.filter(workspace=small_demo).order_by("occurred_at").first()
        last = Event.objects.filter(workspace=small_demo).order_by("-occurred_at").first()
        assert midnight - datetime.timedelta(days=89) <= first.occurred_at
        assert last.occurred_at < midnight
        assert last.occurred_at > midnight - datetime.timedelta(days=2)
        # Every event is at a touchpoint of the stage it names; customers carry their segment.
        events = Event.objects.filter(workspace=small_demo)
        assert not events.filter(touchpoint__isnull=True).exists()
        assert not events.exclude(touchpoint__stage=F("stage")).exists()
        assert Customer.objects.filter(workspace=small_demo, segment__isnull=False).exists()
        assert not Customer.objects.filter(
            workspace=small_demo, first_seen_at__isnull=True
        ).exists()

    def test_answers_of_every_kind_in_both_languages_tied_to_touchpoints(self, small_demo):
        answers = Response.objects.filter(workspace=small_demo)
        assert answers.count() >= 50
        kinds = set(answers.values_list("kind", "language"))
        assert kinds == {(kind, lang) for kind in ("nps", "csat", "ces") for lang in ("ru", "en")}
        assert not answers.filter(touchpoint__isnull=True).exists()
        commented = answers.exclude(comment="")
        assert commented.filter(language="ru").exists() and commented.filter(language="en").exists()
        assert all(
            CYRILLIC.search(c)
            for c in commented.filter(language="ru").values_list("comment", flat=True)
        )
        # The fatigue rule holds: one answer per customer, and each came after the customer's
        # event at the surveyed touchpoint.
        assert answers.values("customer_external_id").distinct().count() == answers.count()
        for answer in answers.order_by("pk")[:40]:
            assert Event.objects.filter(
                customer__external_id=answer.customer_external_id,
                touchpoint=answer.touchpoint_id,
                occurred_at__lt=answer.created_at,
            ).exists()

    def test_scores_follow_the_touchpoint_ratings(self, small_demo):
        # A tenth of the history has about 20 CSAT answers on awful touchpoints: the share of
        # low scores there is ~0.7 give or take 0.1, so it is compared with the other ratings
        # (the full-size test checks the absolute shares on about 190 answers).
        awful = low_share(small_demo, "awful")
        assert awful > 0.5 and awful > 2 * low_share(small_demo, "so_so")
        assert low_share(small_demo, "excellent") < 0.2
        negative = Response.objects.filter(workspace=small_demo, sentiment="negative")
        assert negative.filter(touchpoint__rating="awful").count() > negative.count() / 2

    def test_reviews_with_every_trust_level_and_sentiment(self, small_demo):
        reviews = Review.objects.filter(workspace=small_demo)
        assert reviews.count() >= 20
        assert set(reviews.values_list("trust_level", flat=True)) == {
            "anonymous",
            "identified",
            "verified_identity",
            "verified_purchase",
        }
        assert {"negative", "positive"} <= set(reviews.values_list("sentiment", flat=True))
        assert set(reviews.values_list("language", flat=True)) == {"ru", "en"}
        assert reviews.filter(touchpoint__isnull=False).exists()
        assert reviews.filter(touchpoint__isnull=True, stage__isnull=False).exists()
        assert not reviews.filter(trust_level="anonymous").exclude(author="").exists()

    def test_feedback_charts_are_computed(self, small_demo):
        assert FeedbackAggregate.objects.filter(
            workspace=small_demo, dimension="workspace"
        ).exists()
        assert set(
            FeedbackAggregate.objects.filter(workspace=small_demo).values_list("kind", flat=True)
        ) == {"nps", "csat", "ces"}

    def test_a_second_run_changes_nothing(self, small_demo, django_capture_on_commit_callbacks):
        before = snapshot()
        out = seed("--scale", SMALL, capture=django_capture_on_commit_callbacks)
        assert "nothing changed" in out
        assert snapshot() == before

    def test_a_run_on_a_later_day_changes_nothing(
        self, small_demo, django_capture_on_commit_callbacks
    ):
        before = snapshot()
        later = history.history_today() + datetime.timedelta(days=9)
        with django_capture_on_commit_callbacks(execute=True):
            result = demo_seed(today=later, scale=float(SMALL))
        assert not result.created and not result.history.changed
        assert snapshot() == before


def test_a_demo_without_history_gets_it_and_a_half_done_one_is_completed(
    db, django_capture_on_commit_callbacks
):
    seed("--no-history", capture=django_capture_on_commit_callbacks)
    assert not Event.objects.exists() and not FunnelReport.objects.exists()
    out = seed("--scale", SMALL, capture=django_capture_on_commit_callbacks)
    assert "already exists" in out and "Added history" in out
    complete = snapshot()
    # A run that stopped before the reviews: the next one adds them and nothing else.
    Review.objects.all().delete()
    seed("--scale", SMALL, capture=django_capture_on_commit_callbacks)
    after = snapshot()
    assert after["Review"][0] == complete["Review"][0]
    assert {k: v for k, v in after.items() if k != "Review"} == {
        k: v for k, v in complete.items() if k != "Review"
    }


@pytest.mark.parametrize("scale", ["0", "-1", "11", "many"])
def test_a_bad_scale_is_refused_before_anything_is_written(db, scale):
    with pytest.raises(CommandError, match="--scale"):
        call_command("seed_demo", "--scale", scale, stdout=StringIO())
    assert not Workspace.objects.exists()


@pytest.mark.slow
def test_full_size_history(db, django_capture_on_commit_callbacks):
    """The size the README promises: 5,000+ customers, 50,000+ events, hundreds of answers."""
    out = seed(capture=django_capture_on_commit_callbacks)
    workspace = Workspace.objects.get(slug="demo")
    assert Customer.objects.filter(workspace=workspace).count() >= 5000
    assert Event.objects.filter(workspace=workspace).count() >= 50_000
    assert Response.objects.filter(workspace=workspace).count() >= 500
    assert Review.objects.filter(workspace=workspace).count() >= 150
    assert low_share(workspace, "awful") > 0.6
    assert low_share(workspace, "excellent") < 0.2
    for journey, report in done_reports(workspace).items():
        top = [row["touchpoint"] for row in report.result["exit_touchpoints"][:3]]
        ratings = set(Touchpoint.objects.filter(pk__in=top).values_list("rating", flat=True))
        assert ratings == {"awful"}, journey
        awful, others = exit_rates(report)
        assert awful > 3 * others, (journey, awful, others)
    assert "Added history" in out
    before = snapshot()
    assert "nothing changed" in seed(capture=django_capture_on_commit_callbacks)
    assert snapshot() == before
    assert Journey.objects.filter(workspace=workspace).count() == 2
