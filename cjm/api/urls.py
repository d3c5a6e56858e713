"""The REST API (v1) and its documentation, included at the root by cjm/urls.py.

- ``/api/v1/``: the journeys app's endpoints (namespace ``cjm-api``), then those of the personas
  and touchpoints apps (``personas-api``, ``touchpoints-api``); events, funnels and feedback are
  mounted by cjm/urls.py from their own modules.
- ``/api/schema/``: the OpenAPI 3 schema; ``/api/docs/``: Swagger UI.
"""

from django.http import JsonResponse
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from cjm.accounts.api.views.auth import TokenObtainView
from cjm.accounts.api.views.workspaces import MemberViewSet, TeamViewSet, WorkspaceViewSet
from cjm.api.views.journeys import JourneyViewSet
from cjm.api.views.stages import LaneCellViewSet, LaneViewSet, StageViewSet

router = SimpleRouter(use_regex_path=False)
router.register("workspaces", WorkspaceViewSet, basename="workspace")
router.register("teams", TeamViewSet, basename="team")
router.register("journeys", JourneyViewSet, basename="journey")
router.register("stages", StageViewSet, basename="stage")
router.register("lanes", LaneViewSet, basename="lane")
router.register("cells", LaneCellViewSet, basename="lanecell")

members = MemberViewSet.as_view({"get": "list", "post": "create"})
member = MemberViewSet.as_view(
    {"get": "retrieve", "put": "update", "patch": "partial_update", "delete": "destroy"}
)

cjm_api_patterns = [
    path("auth/token/", TokenObtainView.as_view(), name="token"),
    path("workspaces/<int:workspace_id>/members/", members, name="membership-list"),
    path(
        "workspaces/<int:workspace_id>/members/<int:user_id>/",
        member,
        name="membership-detail",
    ),
    *router.urls,
]

# The first path segments this module serves: any other URL under them is a JSON 404 (not the
# site's HTML page), e.g. a malformed id such as /api/v1/touchpoints/abc/.
PREFIXES = (
    "auth|workspaces|teams|journeys|stages|lanes|cells|segments|personas|channels|touchpoints|"
    "actions|comments|rating-changes"
)


@csrf_exempt
def not_found(request, *args, **kwargs):
    return JsonResponse({"detail": "Not found."}, status=404)


urlpatterns = [
    path("api/v1/", include((cjm_api_patterns, "cjm-api"))),
    path("api/v1/", include("personas.api.urls")),
    path("api/v1/", include("touchpoints.api.urls")),
    re_path(rf"^api/v1/(?:{PREFIXES})(?:/[\s\S]*)?\Z", not_found),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
