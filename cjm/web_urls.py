"""Browser pages: sign-in, the workspace home and the read-only map.

``login``, ``logout`` and ``home`` live at the root (``LOGIN_URL`` / ``LOGIN_REDIRECT_URL`` name
them); the journey pages live in the ``cjm`` namespace (``cjm:workspace_detail``, ...).
"""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path

from cjm import views
from cjm.accounts.forms import LockoutAuthenticationForm
from cjm.accounts.urls import account_patterns, people_patterns, settings_patterns
from cjm.evidence.urls import evidence_page_patterns
from cjm.exchange.urls import exchange_page_patterns
from cjm.funnels.urls import funnel_page_patterns
from cjm.history.urls import history_page_patterns
from cjm.renders.urls import export_page_patterns
from cjm.sharing.urls import sharing_page_patterns
from cjm.snapshots.urls import snapshot_page_patterns
from cjm.views import editor, editor_cells, journey_inline
from cjm.views import journeys as journey_pages
from cjm.views.favicon import favicon
from cjm.webhooks.urls import webhook_page_patterns

cjm_patterns = [
    path("", views.home, name="home"),
    path("w/<int:workspace_id>/", views.workspace_detail, name="workspace_detail"),
    path("journeys/<int:journey_id>/", views.journey_detail, name="journey_detail"),
    # Map editor (cjm/views/editor.py, editor_cells.py): stages, lanes, cells
    path("journeys/<int:journey_id>/stages/", editor.stage_list, name="stage_list"),
    path("stages/<int:stage_id>/", editor.stage_detail, name="stage_detail"),
    path("stages/<int:stage_id>/edit/", editor.stage_edit, name="stage_edit"),
    path("stages/<int:stage_id>/move/", editor.stage_reorder, name="stage_move"),
    path("stages/<int:stage_id>/step/", editor.stage_step, name="stage_step"),
    path("journeys/<int:journey_id>/lanes/", editor.lane_list, name="lane_list"),
    path("lanes/<int:lane_id>/", editor.lane_detail, name="lane_detail"),
    path("lanes/<int:lane_id>/edit/", editor.lane_edit, name="lane_edit"),
    path("lanes/<int:lane_id>/move/", editor.lane_reorder, name="lane_move"),
    path("lanes/<int:lane_id>/cells/<int:stage_id>/", editor_cells.cell_detail, name="cell_detail"),
    path(
        "lanes/<int:lane_id>/cells/<int:stage_id>/edit/", editor_cells.cell_edit, name="cell_edit"
    ),
    # Journey list (cjm/views/journeys.py): filter, new from blank or copy, settings, archive
    path("w/<int:workspace_id>/journeys/", journey_pages.journey_list, name="journey_list"),
    path("w/<int:workspace_id>/journeys/new/", journey_pages.journey_create, name="journey_create"),
    path("w/<int:workspace_id>/journeys/copy/", journey_pages.journey_copy, name="journey_copy"),
    path(
        "w/<int:workspace_id>/journeys/new/segment/",
        journey_inline.journey_form_segment,
        name="journey_form_segment",
    ),
    path(
        "w/<int:workspace_id>/journeys/new/persona/",
        journey_inline.journey_form_persona,
        name="journey_form_persona",
    ),
    path("journeys/<int:journey_id>/edit/", journey_pages.journey_edit, name="journey_edit"),
    path(
        "journeys/<int:journey_id>/archive/", journey_pages.journey_archive, name="journey_archive"
    ),
    *funnel_page_patterns,
    *export_page_patterns,
    *exchange_page_patterns,
    *sharing_page_patterns,
    *snapshot_page_patterns,
    *settings_patterns,
    *people_patterns,
    *webhook_page_patterns,
    *history_page_patterns,
    *evidence_page_patterns,
]

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True,
            authentication_form=LockoutAuthenticationForm,
            extra_context={"open_signup": settings.CJM_OPEN_SIGNUP},
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("favicon.ico", favicon, name="favicon"),
    path("", views.home, name="home"),
    *account_patterns,
    path("", include((cjm_patterns, "cjm"))),
    path("", include("cjm.notifications.urls")),
]
