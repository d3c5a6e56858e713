"""The REST API's settings: Django REST framework (authentication, pagination, parsers, throttles,
errors), its throttle rates, the largest request body (forms too) and the OpenAPI schema
(drf-spectacular), whose description quotes those limits."""

import os

from cjm.settings_parts.hardening import CJM_TRUSTED_PROXIES

# Request bodies over this size are refused: 413 from the API (its JSON parser reads at most this
# much; a bulk endpoint may allow more with a ``max_body_size`` view attribute), 400 from forms.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", str(1024 * 1024)))
# Token clients (integrations) are throttled per user; browser sessions are not.
API_TOKEN_THROTTLE_RATE = os.environ.get("API_TOKEN_THROTTLE_RATE", "1200/minute")
API_TOKEN_OBTAIN_THROTTLE_RATE = os.environ.get("API_TOKEN_OBTAIN_THROTTLE_RATE", "30/minute")
REST_FRAMEWORK = {
    # Token first: a request without credentials gets 401 with "WWW-Authenticate: Token".
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # TokenAuthentication with CJM_TOKEN_DAYS expiry and a last-used time.
        "cjm.accounts.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "cjm.core.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_PARSER_CLASSES": ["cjm.core.api.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_THROTTLE_CLASSES": ["cjm.core.api.throttling.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "token": API_TOKEN_THROTTLE_RATE,
        "token_obtain": API_TOKEN_OBTAIN_THROTTLE_RATE,
    },
    "EXCEPTION_HANDLER": "cjm.core.api.exceptions.exception_handler",
    # The same rule as cjm.core.client.client_address (our throttles use that function).
    "NUM_PROXIES": CJM_TRUSTED_PROXIES,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "CJM API",
    "DESCRIPTION": f"""Customer journey maps, touchpoints, funnels and feedback.

**Authentication**: a browser session, or `Authorization: Token <key>`; get the key with
`POST /api/v1/auth/token/` (`{{"username", "password"}}` -> `{{"token"}}`).

**Workspaces**: everything belongs to a workspace. Viewers read, editors change content, admins
manage members and teams. Objects of a workspace you are not a member of are 404; naming one as
a foreign key in a body is a 400 field error. Lists accept `?workspace=<id>` and `?page_size=`
(1 to 500, default 50).

**Errors**: 400 `{{"field": ["message"]}}` or `{{"detail": "..."}}`; 401 without credentials;
403 for a role that may not do it; 404 outside your workspaces; 412 on a stale `If-Match`;
413 for a request body over {DATA_UPLOAD_MAX_MEMORY_SIZE} bytes; 429 when throttled.
Strings must not contain NUL characters (400).

**Optimistic concurrency**: detail GETs of journeys, stages, lanes, touchpoints, personas and
actions return an `ETag`; send it back as `If-Match` with PUT, PATCH or DELETE and the write
succeeds only if nobody changed the object since (else 412 with the current object).

**Throttling**: token clients {API_TOKEN_THROTTLE_RATE} per user;
`POST auth/token/` {API_TOKEN_OBTAIN_THROTTLE_RATE} per address. Browser sessions are not
throttled.""",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "RoleEnum": "cjm.choices.Role",
        "MapRenderFormatEnum": "cjm.renders.models.RenderFormat",
        "FormatEnum": "cjm.funnels.choices.ImportFormat",  # its name before map exports came
        "JourneyStatusEnum": "cjm.choices.JourneyStatus",
        "JourneyStateEnum": "cjm.choices.JourneyState",
        "LaneKindEnum": "cjm.choices.LaneKind",
        "MomentOfTruthEnum": "cjm.choices.MomentOfTruth",
        "PurchasePhaseEnum": "cjm.choices.PurchasePhase",
        "RatingEnum": "touchpoints.choices.Rating",
        "ActionStatusEnum": "touchpoints.choices.ActionStatus",
        "ChannelKindEnum": "touchpoints.choices.ChannelKind",
        "ChannelMediumEnum": "touchpoints.choices.ChannelMedium",
        "TouchpointCategoryEnum": "touchpoints.choices.TouchpointCategory",
        "CustomerReactionEnum": "touchpoints.choices.CustomerReaction",
        "JobStatusEnum": "cjm.funnels.choices.JobStatus",
        "InvitationStatusEnum": ["pending", "accepted", "revoked", "expired"],
        "ChangeSourceEnum": ["ui", "api", "admin", "system"],  # the audit log (cjm/history)
        "SourceEnum": "feedback.choices.ReviewSource",  # its name before the audit log came
    },
}
