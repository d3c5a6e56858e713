"""The base of every viewset of the API: selectors read, services write.

``WorkspaceViewSetMixin`` is what every viewset shares (integer ids, workspace roles);
``ServiceModelViewSet`` adds CRUD whose writes call the services.

Subclasses set ``serializer_class`` (responses and create bodies), optionally
``update_serializer_class`` (PUT/PATCH bodies: parent and position are fixed after creation),
implement ``get_queryset`` with a selector, ``workspace_id_of(obj)`` for the role check, and the
``perform_create`` / ``perform_update`` / ``perform_destroy`` hooks that call the services with
``actor=request.user`` (and ``expected_version`` for versioned rows).
"""

from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from cjm.core.api.permissions import WorkspaceRolePermission
from cjm.core.permissions import require_role
from cjm.core.roles import Role


class WorkspaceViewSetMixin:
    """What every viewset of the API shares, whatever its shape: ids in the URL are integers;
    querysets come from selectors, so another workspace's object is a 404; an object's
    workspace role decides writes (``WorkspaceRolePermission``: 403 for a viewer), and
    ``require_editor`` refuses a viewer before a body that names the workspace is used."""

    lookup_value_converter = "int"
    permission_classes = [*viewsets.GenericViewSet.permission_classes, WorkspaceRolePermission]

    def workspace_id_of(self, obj) -> int:
        return obj.workspace_id

    def require_editor(self, workspace_id: int) -> None:
        """403 for a viewer, 404 for a non-member (the services check again)."""
        require_role(self.request.user, workspace_id, Role.EDITOR)


class ServiceModelViewSet(
    WorkspaceViewSetMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    update_serializer_class = None

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
