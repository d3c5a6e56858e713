"""The base of the API's model viewsets: selectors read, services write.

Subclasses set ``serializer_class`` (responses and create bodies), optionally
``update_serializer_class`` (PUT/PATCH bodies: parent and position are fixed after creation),
implement ``get_queryset`` with a selector, ``workspace_id_of(obj)`` for the role check, and the
``perform_create`` / ``perform_update`` / ``perform_destroy`` hooks that call the services with
``actor=request.user`` (and ``expected_version`` for versioned rows).
"""

from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from cjm.core.api.permissions import WorkspaceRolePermission


class ServiceModelViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    lookup_value_converter = "int"
    update_serializer_class = None
    permission_classes = [*viewsets.GenericViewSet.permission_classes, WorkspaceRolePermission]

    def get_serializer_class(self):
        if self.action in ("update", "partial_update") and self.update_serializer_class:
            return self.update_serializer_class
        return self.serializer_class

    def get_read_serializer(self, instance):
        """The resource's own representation (an action's ``serializer_class`` is its input)."""
        read_class = type(self).serializer_class
        return read_class(instance, context=self.get_serializer_context())

    def refetch(self, instance):
        """The object as the list/detail endpoints show it (annotations included)."""
        return self.get_queryset().get(pk=instance.pk)

    def workspace_id_of(self, obj) -> int:
        return obj.workspace_id

    # --- writes through the services -------------------------------------------------------

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instance = self.perform_create(serializer)
        data = self.get_read_serializer(self.refetch(instance)).data
        return Response(data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        updated = self.perform_update(serializer)
        return Response(self.get_read_serializer(self.refetch(updated)).data)

    def destroy(self, request, *args, **kwargs):
        self.perform_destroy(self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    def perform_create(self, serializer):
        """Call the service that creates the object; return it."""
        raise NotImplementedError

    def perform_update(self, serializer):
        """Call the service with ``serializer.instance`` and ``serializer.validated_data``."""
        raise NotImplementedError

    def perform_destroy(self, instance) -> None:
        raise NotImplementedError
