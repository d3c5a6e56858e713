"""The feedback API through the router with token authentication: contract fields, writes,
bulk answers, idempotency, and the permission matrix on every endpoint."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from feedback.models import Response, Review
from tests.feedback.factories import InvitationFactory, ResponseFactory, ReviewFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/"


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


# --- contract ------------------------------------------------------------------------------


def test_survey_fields_and_stats(editor, survey):
    ResponseFactory(survey=survey, score=10)
    ResponseFactory(survey=survey, score=7)
    ResponseFactory(survey=survey, score=2)
    api = client_for(editor)
    page = api.get(f"{API}surveys/").json()
    assert set(page) >= {"count", "next", "previous", "results"}
    item = page["results"][0]
    for field in (
        "id",
        "workspace",
        "kind",
        "question",
        "touchpoint",
        "stage",
        "journey",
        "is_active",
        "public_url",
    ):
        assert field in item
    assert item["public_url"].startswith("http://testserver/s/")
    assert item["question"] == survey.question_ru  # the default language
    stats = api.get(f"{API}surveys/{survey.pk}/stats/").json()
    assert stats["responses"] == 3
    assert stats["nps"] == 0.0  # 1 promoter, 1 passive, 1 detractor
    assert stats["csat"] is None and stats["ces"] is None


def test_stats_of_a_survey_without_answers(editor, survey):
    stats = client_for(editor).get(f"{API}surveys/{survey.pk}/stats/").json()
    assert stats["responses"] == 0 and stats["nps"] is None


def test_create_survey_and_validation(editor, workspace, touchpoint):
    api = client_for(editor)
    created = api.post(
        f"{API}surveys/",
        {
            "workspace": workspace.pk,
            "name": "CSAT after call",
            "kind": "csat",
            "touchpoint": touchpoint.pk,
            "question": "Как прошёл звонок?",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["stage"] == touchpoint.stage_id and body["question"] == "Как прошёл звонок?"
    assert body["question_en"]  # default text filled in
    bad = api.post(
        f"{API}surveys/", {"workspace": workspace.pk, "name": "x", "kind": "nope"}, format="json"
    )
    assert bad.status_code == 400 and "kind" in bad.json()
    no_target = api.post(
        f"{API}surveys/", {"workspace": workspace.pk, "name": "x", "kind": "nps"}, format="json"
    )
    assert no_target.status_code == 400 and "touchpoint" in no_target.json()


def test_response_create_replay_and_fields(editor, survey, channel):
    api = client_for(editor)
    body = {
        "survey": survey.pk,
        "score": 4,
        "comment": "Курьер опоздал и нагрубил",
        "customer": "c-1",
        "channel": channel.pk,
        "idempotency_key": "ev-1",
    }
    first = api.post(f"{API}responses/", body, format="json")
    assert first.status_code == 201, first.json()
    data = first.json()
    for field in ("id", "survey", "score", "comment", "customer", "channel", "created_at"):
        assert field in data
    assert data["sentiment"] == "negative" and data["customer"] == "c-1"
    replay = api.post(f"{API}responses/", {**body, "score": 10}, format="json")
    assert replay.status_code == 200 and replay.json()["id"] == data["id"]
    assert replay.json()["score"] == 4
    header = api.post(
        f"{API}responses/",
        {"survey": survey.pk, "score": 9},
        format="json",
        HTTP_IDEMPOTENCY_KEY="hdr-1",
    )
    again = api.post(
        f"{API}responses/",
        {"survey": survey.pk, "score": 9},
        format="json",
        HTTP_IDEMPOTENCY_KEY="hdr-1",
    )
    assert (header.status_code, again.status_code) == (201, 200)
    assert Response.objects.count() == 2


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"score": 11}, "score"),
        ({"score": "9"}, "score"),
        ({"score": None}, "score"),
        ({"score": 5, "comment": "x" * 2001}, "comment"),
        ({"score": 5, "created_at": "2999-01-01T00:00:00Z"}, "created_at"),
        ({"score": 5, "customer": 12}, "customer"),
    ],
)
def test_response_validation_is_400_with_field_errors(editor, survey, body, field):
    reply = client_for(editor).post(
        f"{API}responses/", {"survey": survey.pk, **body}, format="json"
    )
    assert reply.status_code == 400
    assert field in reply.json()
    assert not Response.objects.exists()


def test_fatigue_rule_over_the_api(editor, survey):
    api = client_for(editor)
    assert (
        api.post(
            f"{API}responses/", {"survey": survey.pk, "score": 9, "customer": "c1"}, format="json"
        ).status_code
        == 201
    )
    again = api.post(
        f"{API}responses/", {"survey": survey.pk, "score": 2, "customer": "c1"}, format="json"
    )
    assert again.status_code == 400 and "customer" in again.json()


def test_bulk_answers(editor, survey, other_survey):
    api = client_for(editor)
    rows = [{"survey": survey.pk, "score": s, "idempotency_key": f"k{s}"} for s in (0, 5, 9, 10)]
    done = api.post(f"{API}responses/bulk/", rows, format="json")
    assert done.status_code == 201 and done.json() == {"created": 4, "duplicates": 0}
    assert api.post(f"{API}responses/bulk/", rows, format="json").json() == {
        "created": 0,
        "duplicates": 4,
    }
    bad = api.post(
        f"{API}responses/bulk/",
        [
            {"survey": survey.pk, "score": 3},
            {"survey": survey.pk, "score": 99},
            {"survey": other_survey.pk, "score": 3},
        ],
        format="json",
    )
    assert bad.status_code == 400
    # The API's one bulk-error style: a list of {"index", "errors"} ...
    assert [row["index"] for row in bad.json()["rows"]] == [1, 2]
    assert "score" in bad.json()["rows"][0]["errors"]
    # ... and, for the clients of these endpoints' first shape, the same keyed by index.
    assert set(bad.json()["rows_by_index"]) == {"1", "2"}
    assert "score" in bad.json()["rows_by_index"]["1"]
    assert Response.objects.count() == 4
    assert api.post(f"{API}responses/bulk/", {"not": "a list"}, format="json").status_code == 400
    assert api.post(f"{API}responses/bulk/", [], format="json").status_code == 400


def test_reviews_negative_first_and_import(editor, workspace, touchpoint):
    api = client_for(editor)
    ReviewFactory(workspace=workspace, text="Всё отлично", sentiment="positive")
    ReviewFactory(workspace=workspace, text="Ужасно", sentiment="negative")
    listed = api.get(f"{API}reviews/?workspace={workspace.pk}").json()["results"]
    assert listed[0]["sentiment"] == "negative"
    rows = [
        {
            "source": "marketplace",
            "external_id": "m-1",
            "grade": 1,
            "text": "Привезли разбитый телевизор",
            "trust_level": "verified_purchase",
            "touchpoint": touchpoint.pk,
        },
        {"source": "map_service", "text": "Friendly staff, quick pickup", "grade": 5},
    ]
    done = api.post(
        f"{API}reviews/import/", {"workspace": workspace.pk, "reviews": rows}, format="json"
    )
    assert done.status_code == 201 and done.json() == {"created": 2, "duplicates": 0}
    imported = Review.objects.get(external_id="m-1")
    assert imported.stage_id == touchpoint.stage_id and imported.sentiment == "negative"
    assert Review.objects.get(source="map_service").language == "en"
    again = api.post(
        f"{API}reviews/import/", {"workspace": workspace.pk, "reviews": rows[:1]}, format="json"
    )
    assert again.json() == {"created": 0, "duplicates": 1}
    bad = api.post(
        f"{API}reviews/import/",
        {"workspace": workspace.pk, "reviews": [{"source": "fax", "text": "?"}]},
        format="json",
    )
    assert bad.status_code == 400 and bad.json()["rows"][0]["index"] == 0
    assert "source" in bad.json()["rows"][0]["errors"]
    assert "source" in bad.json()["rows_by_index"]["0"]


def test_touchpoint_feedback_apply_and_emotion_curve(editor, workspace, survey, touchpoint):
    from feedback.models import FeedbackSettings

    FeedbackSettings.objects.create(workspace=workspace, suggest_min_answers=3)
    for score in (1, 2, 3):
        ResponseFactory(survey=survey, score=score)
    api = client_for(editor)
    journey = touchpoint.stage.journey_id
    rows = api.get(f"{API}touchpoint-feedback/?journey={journey}").json()
    row = next(r for r in rows if r["touchpoint"] == touchpoint.pk)
    assert row["suggested_rating"] == "awful" and row["nps"] == -100.0 and row["nps_answers"] == 3
    applied = api.post(f"{API}touchpoint-feedback/{touchpoint.pk}/apply-suggested-rating/")
    assert applied.status_code == 200 and applied.json()["rating"] == "awful"
    assert (
        api.post(f"{API}touchpoint-feedback/{touchpoint.pk}/apply-suggested-rating/").status_code
        == 400
    )  # already matches
    curve = api.get(f"{API}stage-emotions/?journey={journey}").json()
    assert curve[0]["answers"] == 3 and curve[0]["evidence_score"] < -1
    assert api.get(f"{API}stage-emotions/").status_code == 400


def test_metrics_refresh_and_series(editor, workspace, survey):
    ResponseFactory(survey=survey, score=10)
    api = client_for(editor)
    assert (
        api.post(
            f"{API}feedback-metrics/refresh/", {"workspace": workspace.pk}, format="json"
        ).status_code
        == 202
    )
    series = api.get(f"{API}feedback-metrics/?workspace={workspace.pk}&kind=nps").json()
    assert series["weeks"][-1] == {
        "week": series["weeks"][-1]["week"],
        "responses": 1,
        "value": 100.0,
    }
    assert series["refreshed_at"]
    assert api.get(f"{API}feedback-metrics/?workspace={workspace.pk}&kind=x").status_code == 400


# --- permissions on every endpoint ----------------------------------------------------------


@pytest.fixture
def world(workspace, survey, touchpoint, other_workspace):
    response = ResponseFactory(survey=survey, score=8)
    review = ReviewFactory(workspace=workspace)
    return {
        "ws": workspace.pk,
        "survey": survey.pk,
        "response": response.pk,
        "review": review.pk,
        "touchpoint": touchpoint.pk,
        "journey": touchpoint.stage.journey_id,
    }


def endpoints(w):
    """(method, path, body, is_write) for every feedback endpoint."""
    return [
        ("get", "surveys/", None, False),
        ("get", f"surveys/{w['survey']}/", None, False),
        ("get", f"surveys/{w['survey']}/stats/", None, False),
        ("get", f"surveys/{w['survey']}/invitations/", None, False),
        ("post", f"surveys/{w['survey']}/invitations/", {"customers": ["x1"]}, True),
        ("patch", f"surveys/{w['survey']}/", {"name": "Renamed"}, True),
        (
            "post",
            "surveys/",
            {"workspace": w["ws"], "name": "New", "kind": "nps", "scope": "relationship"},
            True,
        ),
        ("get", "responses/", None, False),
        ("get", f"responses/{w['response']}/", None, False),
        ("post", "responses/", {"survey": w["survey"], "score": 9}, True),
        ("post", "responses/bulk/", [{"survey": w["survey"], "score": 9}], True),
        ("get", "reviews/", None, False),
        ("get", f"reviews/{w['review']}/", None, False),
        ("post", "reviews/", {"workspace": w["ws"], "source": "social", "text": "Хорошо"}, True),
        ("patch", f"reviews/{w['review']}/", {"trust_level": "identified"}, True),
        (
            "post",
            "reviews/import/",
            {"workspace": w["ws"], "reviews": [{"source": "social", "text": "Ок"}]},
            True,
        ),
        ("get", f"feedback-settings/{w['ws']}/", None, False),
        ("patch", f"feedback-settings/{w['ws']}/", {"fatigue_days": 3}, True),
        ("get", f"touchpoint-feedback/?journey={w['journey']}", None, False),
        ("post", f"touchpoint-feedback/{w['touchpoint']}/apply-suggested-rating/", None, True),
        ("get", f"stage-emotions/?journey={w['journey']}", None, False),
        ("get", f"feedback-metrics/?workspace={w['ws']}&kind=nps", None, False),
        ("post", "feedback-metrics/refresh/", {"workspace": w["ws"]}, True),
        ("delete", f"responses/{w['response']}/", None, True),
        ("delete", f"reviews/{w['review']}/", None, True),
        ("delete", f"surveys/{w['survey']}/", None, True),
    ]


def call(api, method, path, body):
    return getattr(api, method)(f"{API}{path}", body, format="json")


def test_anonymous_gets_401_everywhere(world):
    for method, path, body, _ in endpoints(world):
        reply = call(client_for(None), method, path, body)
        assert reply.status_code == 401, (method, path, reply.status_code)


def test_outsider_sees_nothing(world, outsider):
    api = client_for(outsider)
    lists = {"surveys/", "responses/", "reviews/"}
    for method, path, body, _ in endpoints(world):
        reply = call(api, method, path, body)
        if method == "get" and path in lists:
            assert reply.status_code == 200 and reply.json()["count"] == 0, path
        elif (
            path
            in (
                "surveys/",
                "responses/",
                "responses/bulk/",
                "reviews/",
                "reviews/import/",
                "feedback-metrics/refresh/",
            )
            and method == "post"
        ):
            # The body names a workspace or survey the caller cannot see: the same 400 as an
            # id that does not exist, so nothing is revealed.
            assert reply.status_code in (400, 404), (method, path, reply.status_code)
        else:
            assert reply.status_code == 404, (method, path, reply.status_code)


def test_viewer_reads_but_may_not_write(world, viewer):
    api = client_for(viewer)
    for method, path, body, is_write in endpoints(world):
        reply = call(api, method, path, body)
        expected = 403 if is_write else 200
        assert reply.status_code == expected, (method, path, reply.status_code, reply.content[:200])


def test_editor_may_do_everything(world, editor, workspace):
    from feedback.models import FeedbackSettings

    FeedbackSettings.objects.create(workspace=workspace, suggest_min_answers=1, fatigue_days=0)
    api = client_for(editor)
    for method, path, body, _ in endpoints(world):
        reply = call(api, method, path, body)
        assert reply.status_code < 300, (method, path, reply.status_code, reply.content[:300])


def test_invitations_over_the_api(editor, survey):
    api = client_for(editor)
    made = api.post(
        f"{API}surveys/{survey.pk}/invitations/", {"customers": ["a", "b", "a"]}, format="json"
    ).json()
    assert [i["customer"] for i in made["created"]] == ["a", "b"]
    assert made["skipped"][0]["customer"] == "a"
    assert made["created"][0]["url"].startswith("http://testserver/i/")
    listed = api.get(f"{API}surveys/{survey.pk}/invitations/").json()
    assert listed["count"] == 2 and listed["results"][0]["status"] == "open"
    InvitationFactory(survey=survey)
