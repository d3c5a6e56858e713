"""The sharing API (docs/API_CONTRACT.md, "Sharing and exchange"):

- ``GET|POST journeys/{id}/share-links/`` (editors and admins), ``DELETE share-links/{id}/``
  revokes (204; the link stays in the map's list as revoked, so there is no GET of one link);
- ``GET templates/``: the built-in templates in English and Russian plus the workspaces' own
  (``?workspace=``, ``?language=``); ``POST journeys/{id}/save-as-template/`` ``{"name"}``;
  ``POST journeys/`` accepts ``"template"`` (cjm/api/views/journeys.py calls
  ``services.journey_create_from_template``).
"""

from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView, ListAPIView, ListCreateAPIView
from rest_framework.response import Response

from cjm.core.api.fields import StrictCharField
from cjm.core.api.schema import list_errors, write_errors
from cjm.core.display import display_name
from cjm.core.permissions import require_role
from cjm.core.roles import Role
from cjm.selectors import journey_get
from cjm.sharing.models import JourneyTemplate, ShareLink

from . import builtin, services
from .selectors import (
    builtin_template_list,
    journey_template_list,
    share_link_get,
    share_link_list,
    template_item,
)


class ShareLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField()
    expires_at = serializers.DateTimeField(required=False, allow_null=True)
    revoked = serializers.BooleanField(read_only=True)
    password = StrictCharField(
        required=False,
        allow_blank=True,
        max_length=128,
        write_only=True,
        help_text="Optional: people who open the link must type it (stored hashed).",
    )
    has_password = serializers.BooleanField(read_only=True)
    created_by = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField(read_only=True)

    def get_url(self, link) -> str:
        path = reverse("cjm:shared_map", kwargs={"token": link.token})
        return self.context["request"].build_absolute_uri(path)

    def get_created_by(self, link) -> str:
        return display_name(link.created_by)


class TemplateSerializer(serializers.Serializer):
    id = serializers.CharField(
        help_text='"<key>:<language>" for a built-in template, the number of a saved one.'
    )
    key = serializers.CharField()
    name = serializers.CharField()
    language = serializers.CharField()
    builtin = serializers.BooleanField()
    workspace = serializers.IntegerField(allow_null=True)
    stages = serializers.ListField(child=serializers.CharField())


class TemplateSaveSerializer(serializers.Serializer):
    name = StrictCharField(max_length=200)


def _editor_journey(request, journey_id: int):
    journey = journey_get(user=request.user, pk=journey_id)
    require_role(request.user, journey.workspace_id, Role.EDITOR)
    return journey


class ShareLinkListView(ListCreateAPIView):
    serializer_class = ShareLinkSerializer

    def get_journey(self):
        """The map, for its editors and admins (403 for a viewer, 404 outside)."""
        return _editor_journey(self.request, int(self.kwargs["journey_id"]))

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no journey
            return ShareLink.objects.none()
        return share_link_list(user=self.request.user, journey=self.get_journey())

    @extend_schema(
        tags=["sharing"],
        responses={200: ShareLinkSerializer(many=True), 403: write_errors()[403], **list_errors()},
    )
    def get(self, request, *args, **kwargs):
        """A map's share links, newest first (revoked ones too). Editors and admins."""
        return super().get(request, *args, **kwargs)

    @extend_schema(tags=["sharing"], responses={201: ShareLinkSerializer, **write_errors()})
    def post(self, request, *args, **kwargs):
        """A new read-only link to the map; its ``url`` opens the map without an account."""
        journey = self.get_journey()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        link = services.share_link_create(
            actor=request.user, journey=journey, **serializer.validated_data
        )
        return Response(self.get_serializer(link).data, status=status.HTTP_201_CREATED)


class ShareLinkDetailView(GenericAPIView):
    serializer_class = ShareLinkSerializer

    @extend_schema(tags=["sharing"], responses={204: None, **write_errors()})
    def delete(self, request, pk: int):
        """Revoke the link: from now on its URL answers 404 (the map's list still shows it,
        as revoked)."""
        link = share_link_get(user=request.user, pk=pk)
        services.share_link_revoke(actor=request.user, link=link)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TemplateListView(ListAPIView):
    serializer_class = TemplateSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator: no request data
            return JourneyTemplate.objects.none()
        language = self.request.query_params.get("language") or None
        if language is not None and language not in builtin.LANGUAGES:
            raise serializers.ValidationError({"language": ['"en" or "ru".']})
        workspace = self.request.query_params.get("workspace")
        workspace_id = int(workspace) if workspace and workspace.isdigit() else None
        if workspace and workspace_id is None:
            raise serializers.ValidationError({"workspace": ["A workspace id is a number."]})
        own = journey_template_list(user=self.request.user, workspace_id=workspace_id)
        if language:
            own = own.filter(language=language)
        return builtin_template_list(language) + [template_item(t) for t in own]

    @extend_schema(
        tags=["sharing"],
        parameters=[
            OpenApiParameter("workspace", int, description="Only this workspace's own."),
            OpenApiParameter("language", str, enum=["en", "ru"]),
        ],
        responses={200: TemplateSerializer(many=True), **list_errors()},
    )
    def get(self, request, *args, **kwargs):
        """Templates to start a map from: built-in ones (English and Russian) and the
        workspaces' own. ``POST journeys/`` takes one's ``id`` as ``"template"``."""
        return super().get(request, *args, **kwargs)


class TemplateSaveView(GenericAPIView):
    serializer_class = TemplateSaveSerializer

    @extend_schema(
        tags=["sharing"],
        request=TemplateSaveSerializer,
        responses={201: TemplateSerializer, **write_errors()},
    )
    def post(self, request, journey_id: int):
        """Save the map's structure (no owners, ratings or customer data) as a template of its
        workspace."""
        journey = journey_get(user=request.user, pk=journey_id)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        template = services.journey_template_save(
            actor=request.user, journey=journey, name=serializer.validated_data["name"]
        )
        data = TemplateSerializer(template_item(template)).data
        return Response(data, status=status.HTTP_201_CREATED)
