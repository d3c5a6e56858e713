"""Browser pages: sign-in, the workspace home and the read-only map.

``login``, ``logout`` and ``home`` live at the root (``LOGIN_URL`` / ``LOGIN_REDIRECT_URL`` name
them); the journey pages live in the ``cjm`` namespace (``cjm:workspace_detail``, ...).
"""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from cjm import views

cjm_patterns = [
    path("", views.home, name="home"),
    path("w/<int:workspace_id>/", views.workspace_detail, name="workspace_detail"),
    path("journeys/<int:journey_id>/", views.journey_detail, name="journey_detail"),
]

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.home, name="home"),
    path("", include((cjm_patterns, "cjm"))),
]
