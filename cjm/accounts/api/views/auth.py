"""``POST auth/token/``: trade a username and password for the user's API token."""

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import Throttled
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from cjm.accounts.services.users import api_token_obtain
from cjm.core import lockout
from cjm.core.api.fields import StrictCharField
from cjm.core.api.schema import ERROR_400, ERROR_413, ERROR_429
from cjm.core.api.throttling import TokenObtainRateThrottle


class TokenObtainSerializer(serializers.Serializer):
    username = StrictCharField(max_length=150)
    password = StrictCharField(max_length=4096, trim_whitespace=False, write_only=True)

    def validate(self, attrs):
        request = self.context["request"]
        if lockout.is_locked(request, attrs["username"]):
            raise _locked()
        user = authenticate(
            request=request,
            username=attrs["username"],
            password=attrs["password"],
        )
        if user is None:
            if lockout.record_failure(request, attrs["username"]):
                raise _locked()
            raise serializers.ValidationError(
                _("Unable to log in with these credentials."), code="authorization"
            )
        lockout.record_success(request, attrs["username"])
        attrs["user"] = user
        return attrs


def _locked() -> Throttled:
    minutes = lockout.lockout_minutes()
    return Throttled(
        wait=minutes * 60,
        detail=_(
            "Too many failed sign-in attempts. Sign-in is locked for %(minutes)d minutes; "
            "try again later."
        )
        % {"minutes": minutes},
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)


class TokenObtainView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [TokenObtainRateThrottle]

    @extend_schema(
        tags=["auth"],
        operation_id="auth_token_create",
        request=TokenObtainSerializer,
        responses={200: TokenSerializer, 400: ERROR_400, 413: ERROR_413, 429: ERROR_429},
        auth=[],
        description=(
            "Returns the user's API token (created on first use). Send it as "
            "`Authorization: Token <key>`. Revoke it with `manage.py create_api_token USER "
            "--revoke`."
        ),
    )
    def post(self, request):
        serializer = TokenObtainSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        token = api_token_obtain(actor=serializer.validated_data["user"])
        return Response({"token": token.key})
