"""Segments of the target audience and the personas that stand for them."""

from drf_spectacular.utils import extend_schema_view

from cjm.core.api.etags import ETagMixin
from cjm.core.api.schema import crud_schema
from cjm.core.api.viewsets import ServiceModelViewSet
from personas import services
from personas.api.serializers import (
    PersonaSerializer,
    PersonaUpdateSerializer,
    SegmentSerializer,
    SegmentUpdateSerializer,
)
from personas.filters import PersonaFilterSet, SegmentFilterSet
from personas.selectors import persona_list, segment_list


@extend_schema_view(
    **crud_schema(SegmentSerializer, update=SegmentUpdateSerializer, tags=["personas"])
)
class SegmentViewSet(ServiceModelViewSet):
    """Target-audience segments; each gets its own journeys and personas."""

    serializer_class = SegmentSerializer
    update_serializer_class = SegmentUpdateSerializer
    filterset_class = SegmentFilterSet

    def get_queryset(self):
        return segment_list(user=self.request.user)

    def perform_create(self, serializer):
        return services.segment_create(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        return services.segment_update(
            actor=self.request.user, segment=serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance) -> None:
        services.segment_delete(actor=self.request.user, segment=instance)


@extend_schema_view(
    **crud_schema(
        PersonaSerializer, update=PersonaUpdateSerializer, versioned=True, tags=["personas"]
    )
)
class PersonaViewSet(ETagMixin, ServiceModelViewSet):
    """Personas: profile facts, goals, needs, fears, expectations, a quote, preferred channels."""

    serializer_class = PersonaSerializer
    update_serializer_class = PersonaUpdateSerializer
    filterset_class = PersonaFilterSet

    def get_queryset(self):
        return persona_list(user=self.request.user)

    def perform_create(self, serializer):
        return services.persona_create(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        return services.persona_update(
            actor=self.request.user,
            persona=serializer.instance,
            expected_version=self.expected_version,
            **serializer.validated_data,
        )

    def perform_destroy(self, instance) -> None:
        services.persona_delete(
            actor=self.request.user, persona=instance, expected_version=self.expected_version
        )
