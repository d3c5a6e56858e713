"""Browser pages: sign-in, the workspace home and the read-only map.

``login``, ``logout`` and ``home`` live at the root (``LOGIN_URL`` / ``LOGIN_REDIRECT_URL`` name
them); the journey pages live in the ``cjm`` namespace (``cjm:workspace_detail``, ...).
"""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from cjm import views
from cjm.views import customers as customer_pages
from cjm.views import editor, editor_cells, event_pages, manual_funnels
from cjm.views import funnels as funnel_pages
from cjm.views import journeys as journey_pages
from cjm.views import settings as settings_pages

cjm_patterns = [
    path("", views.home, name="home"),
    path("w/<int:workspace_id>/", views.workspace_detail, name="workspace_detail"),
    path("journeys/<int:journey_id>/", views.journey_detail, name="journey_detail"),
    # Map editor (cjm/views/editor.py, editor_cells.py): stages, lanes, cells
    path("journeys/<int:journey_id>/stages/", editor.stage_list, name="stage_list"),
    path("stages/<int:stage_id>/", editor.stage_detail, name="stage_detail"),
    path("stages/<int:stage_id>/edit/", editor.stage_edit, name="stage_edit"),
    path("stages/<int:stage_id>/move/", editor.stage_reorder, name="stage_move"),
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
    path("journeys/<int:journey_id>/edit/", journey_pages.journey_edit, name="journey_edit"),
    path(
        "journeys/<int:journey_id>/archive/", journey_pages.journey_archive, name="journey_archive"
    ),
    # Funnel reports and customers (cjm/views/funnels.py, customers.py)
    path("journeys/<int:journey_id>/funnel/", funnel_pages.funnel_detail, name="funnel_detail"),
    path("reports/<int:report_id>/", funnel_pages.funnel_report_status, name="funnel_report"),
    path(
        "journeys/<int:journey_id>/funnel/manual/",
        manual_funnels.manual_funnel_create_page,
        name="manual_funnel_create",
    ),
    path(
        "manual-funnels/<int:funnel_id>/",
        manual_funnels.manual_funnel_detail,
        name="manual_funnel_detail",
    ),
    path("reports/<int:report_id>/dropped/", funnel_pages.funnel_dropped, name="funnel_dropped"),
    path(
        "w/<int:workspace_id>/customers/", customer_pages.customer_list_page, name="customer_list"
    ),
    path("customers/<int:customer_id>/", customer_pages.customer_detail, name="customer_detail"),
    path(
        "w/<int:workspace_id>/events/import/",
        event_pages.event_import_list_page,
        name="event_import_list",
    ),
    path("imports/<int:import_id>/", event_pages.event_import_detail, name="event_import_detail"),
    path(
        "w/<int:workspace_id>/events/mapping/",
        event_pages.event_mapping_page,
        name="event_mapping",
    ),
    # The user's settings (cjm/views/settings.py): language, API token
    path("settings/", settings_pages.settings_page, name="settings"),
    path("settings/language/", settings_pages.language_set, name="language_set"),
    path("settings/token/", settings_pages.api_token_new, name="api_token_create"),
    path("settings/token/revoke/", settings_pages.api_token_delete, name="api_token_revoke"),
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
