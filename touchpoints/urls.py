"""Browser pages of the touchpoints app (drawer, register, my work)."""

from django.urls import path

from touchpoints.views import actions, cards, comments, drawer

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
    path("touchpoints/<int:touchpoint_id>/comments/", comments.comment_list, name="comment_list"),
    path("comments/<int:comment_id>/", comments.comment_detail, name="comment_detail"),
]
