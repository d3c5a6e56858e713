"""Browser pages of the feedback app: survey editor, public answer pages, reviews inbox."""

from django.urls import path

from feedback import views

app_name = "feedback"

workspace = "w/<int:workspace_id>/feedback/"

urlpatterns = [
    # Public, no login: the survey's link, personal invitation links, the thank-you page.
    path("s/<str:token>/", views.public_answer, name="public_answer"),
    path("i/<str:token>/", views.invitation_answer, name="invitation_answer"),
    path("feedback/thanks/", views.thanks, name="thanks"),
    # Workspace pages.
    path(workspace, views.overview, name="overview"),
    path(f"{workspace}refresh/", views.metrics_refresh, name="metrics_refresh"),
    path(f"{workspace}settings/", views.settings_edit, name="settings"),
    path(f"{workspace}surveys/", views.survey_list, name="survey_list"),
    path(f"{workspace}surveys/new/", views.survey_create, name="survey_create"),
    path(f"{workspace}surveys/<int:pk>/", views.survey_detail, name="survey_detail"),
    path(f"{workspace}surveys/<int:pk>/edit/", views.survey_edit, name="survey_edit"),
    path(f"{workspace}surveys/<int:pk>/delete/", views.survey_delete, name="survey_delete"),
    path(f"{workspace}surveys/<int:pk>/qr.svg", views.survey_qr, name="survey_qr"),
    path(f"{workspace}responses/", views.response_list, name="response_list"),
    path(f"{workspace}reviews/", views.review_list, name="review_list"),
    path(f"{workspace}reviews/new/", views.review_create, name="review_create"),
    path(f"{workspace}reviews/import/", views.review_import, name="review_import"),
    path(f"{workspace}reviews/<int:pk>/edit/", views.review_edit, name="review_edit"),
    path(
        f"{workspace}touchpoints/<int:pk>/apply-rating/",
        views.touchpoint_apply_rating,
        name="touchpoint_apply_rating",
    ),
]
