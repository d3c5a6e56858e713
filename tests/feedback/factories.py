"""Factories of the feedback app (rows written directly; service tests call the services)."""

import datetime

import factory
from django.utils import timezone

from feedback.choices import Language, ResponseOrigin, ReviewSource, SurveyKind, SurveyScope
from feedback.models import Invitation, Response, Review, Survey
from tests.factories import TouchpointFactory, WorkspaceFactory


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    workspace = factory.SubFactory(WorkspaceFactory)
    name = factory.Sequence(lambda n: f"Survey {n}")
    kind = SurveyKind.NPS
    scope = SurveyScope.RELATIONSHIP
    question_ru = "Насколько вероятно, что вы порекомендуете нас другу или коллеге?"
    question_en = "How likely are you to recommend us to a friend or colleague?"
    why_question_ru = "Почему вы поставили такую оценку?"
    why_question_en = "Why did you give this score?"
    default_language = Language.RU


class TransactionalSurveyFactory(SurveyFactory):
    """A survey asked after a touchpoint of the survey's workspace."""

    scope = SurveyScope.TRANSACTIONAL
    touchpoint = factory.SubFactory(
        TouchpointFactory,
        stage__journey__workspace=factory.SelfAttribute("....workspace"),
    )
    stage = factory.SelfAttribute("touchpoint.stage")
    journey = factory.SelfAttribute("touchpoint.stage.journey")


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    survey = factory.SubFactory(SurveyFactory)
    workspace = factory.SelfAttribute("survey.workspace")
    customer_external_id = factory.Sequence(lambda n: f"cust-{n}")
    language = Language.RU
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    survey = factory.SubFactory(SurveyFactory)
    workspace = factory.SelfAttribute("survey.workspace")
    kind = factory.SelfAttribute("survey.kind")
    touchpoint = factory.SelfAttribute("survey.touchpoint")
    stage = factory.SelfAttribute("survey.stage")
    journey = factory.SelfAttribute("survey.journey")
    score = 9
    origin = ResponseOrigin.API


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    workspace = factory.SubFactory(WorkspaceFactory)
    source = ReviewSource.MARKETPLACE
    author = "Ирина"
    grade = 5
    text = "Всё отлично, спасибо!"
