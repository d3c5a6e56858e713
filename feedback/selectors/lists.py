"""Lists and single objects, scoped to the workspaces the user is a member of."""

from django.db.models import Case, Count, F, IntegerField, QuerySet, Value, When
from django.http import Http404

from cjm.core.scoping import member_workspace_ids
from cjm.core.typing import Reader
from feedback.choices import Sentiment
from feedback.models import Invitation, Response, Review, Survey


def survey_list(*, user: Reader, workspace=None) -> QuerySet[Survey]:
    qs = Survey.objects.filter(workspace_id__in=member_workspace_ids(user))
    if workspace is not None:
        qs = qs.filter(workspace=workspace)
    return (
        qs.select_related("workspace", "journey", "stage", "touchpoint", "channel")
        .annotate(response_count=Count("responses"))
        .order_by("-created_at", "-id")
    )


def survey_get(*, user: Reader, pk) -> Survey:
    survey = survey_list(user=user).filter(pk=pk).first()
    if survey is None:
        raise Http404("No such survey.")
    return survey


def survey_get_public(*, token: str) -> Survey:
    """The survey behind a public link (no user: the link is the key)."""
    survey = Survey.objects.select_related("workspace").filter(public_token=token).first()
    if survey is None:
        raise Http404("No such survey.")
    return survey


def invitation_list(*, survey: Survey) -> QuerySet[Invitation]:
    return survey.invitations.order_by("-created_at", "-id")


def response_list(*, user: Reader, workspace=None) -> QuerySet[Response]:
    qs = Response.objects.filter(workspace_id__in=member_workspace_ids(user))
    if workspace is not None:
        qs = qs.filter(workspace=workspace)
    return qs.select_related(
        "survey", "touchpoint", "stage", "journey", "channel", "invitation"
    ).order_by("-created_at", "-id")


def response_get(*, user: Reader, pk) -> Response:
    response = response_list(user=user).filter(pk=pk).first()
    if response is None:
        raise Http404("No such response.")
    return response


def _negative_first() -> Case:
    return Case(
        When(sentiment=Sentiment.NEGATIVE, then=Value(0)),
        When(sentiment=Sentiment.NEUTRAL, then=Value(1)),
        When(sentiment=Sentiment.POSITIVE, then=Value(2)),
        default=Value(1),
        output_field=IntegerField(),
    )


def review_list(*, user: Reader, workspace=None, negative_first: bool = True) -> QuerySet[Review]:
    """Reviews, complaints first (then newest first) unless ``negative_first`` is False."""
    qs = Review.objects.filter(workspace_id__in=member_workspace_ids(user))
    if workspace is not None:
        qs = qs.filter(workspace=workspace)
    qs = qs.select_related("touchpoint", "stage", "stage__journey")
    if negative_first:
        return qs.annotate(sentiment_rank=_negative_first()).order_by(
            "sentiment_rank", F("sentiment_score").asc(nulls_last=True), "-published_at", "-id"
        )
    return qs.order_by("-published_at", "-id")


def review_get(*, user: Reader, pk) -> Review:
    review = review_list(user=user, negative_first=False).filter(pk=pk).first()
    if review is None:
        raise Http404("No such review.")
    return review


def customer_response_list(*, user: Reader, workspace, customer: str) -> QuerySet[Response]:
    """One customer's answers, oldest first, for the omnichannel customer timeline. Answers name
    the customer by the workspace's external id (the same string events use)."""
    return (
        response_list(user=user, workspace=workspace)
        .filter(customer_external_id=customer)
        .order_by("created_at", "id")
    )
