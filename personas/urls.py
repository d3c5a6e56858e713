"""Browser pages of the personas app: the personas and segments library."""

from django.urls import path

from personas.views import personas, segments

app_name = "personas"

urlpatterns = [
    path("w/<int:workspace_id>/personas/", personas.persona_list, name="persona_list"),
    path("w/<int:workspace_id>/personas/new/", personas.persona_create, name="persona_create"),
    path("personas/<int:pk>/", personas.persona_detail, name="persona_detail"),
    path("personas/<int:pk>/edit/", personas.persona_edit, name="persona_edit"),
    path("personas/<int:pk>/delete/", personas.persona_delete, name="persona_delete"),
    path("personas/<int:pk>/journeys/", personas.persona_journeys, name="persona_journeys"),
    path("w/<int:workspace_id>/segments/", segments.segment_list, name="segment_list"),
    path("w/<int:workspace_id>/segments/new/", segments.segment_create, name="segment_create"),
    path("segments/<int:pk>/edit/", segments.segment_edit, name="segment_edit"),
    path("segments/<int:pk>/delete/", segments.segment_delete, name="segment_delete"),
]
