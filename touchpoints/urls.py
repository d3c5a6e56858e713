"""Browser pages of the touchpoints app (drawer, register, my work)."""

from django.urls import path

from touchpoints.views import actions, bulk, cards, comments, drawer, my_work, register

app_name = "touchpoints"

urlpatterns = [
    # Map editor: cards, drawer, actions, comments (touchpoints/views/cards.py, drawer.py, ...)
    path("stages/<int:stage_id>/touchpoints/", cards.stage_touchpoints, name="stage_touchpoints"),
    path("stages/<int:stage_id>/touchpoints/new/", cards.touchpoint_new, name="touchpoint_new"),
    path("touchpoints/<int:touchpoint_id>/", drawer.touchpoint_detail, name="touchpoint_detail"),
    path(
        "touchpoints/<int:touchpoint_id>/rating/", cards.touchpoint_rating, name="touchpoint_rating"
    ),
    path("touchpoints/<int:touchpoint_id>/move/", cards.touchpoint_reorder, name="touchpoint_move"),
    path("touchpoints/<int:touchpoint_id>/actions/", actions.action_list, name="action_list"),
    path("actions/<int:action_id>/", actions.action_detail, name="action_detail"),
    path("actions/<int:action_id>/edit/", actions.action_edit, name="action_edit"),
    path("touchpoints/<int:touchpoint_id>/comments/", comments.comment_list, name="comment_list"),
    path("comments/<int:comment_id>/", comments.comment_detail, name="comment_detail"),
    # Register and my work (touchpoints/views/register.py, my_work.py)
    path("w/<int:workspace_id>/touchpoints/", register.touchpoint_list, name="touchpoint_list"),
    path(
        "w/<int:workspace_id>/touchpoints/export/",
        register.touchpoint_export,
        name="touchpoint_export",
    ),
    path(
        "w/<int:workspace_id>/touchpoints/assign/",
        bulk.touchpoint_bulk_assign_view,
        name="touchpoint_bulk_assign",
    ),
    path("w/<int:workspace_id>/my-work/", my_work.my_work, name="my_work"),
    path(
        "w/<int:workspace_id>/my-work/actions/<int:pk>/",
        my_work.my_work_action,
        name="my_work_action",
    ),
]
