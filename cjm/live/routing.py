"""The websocket URLs (mounted by cjm/asgi.py)."""

from django.urls import path

from cjm.live.consumers import JourneyConsumer

websocket_urlpatterns = [
    path("ws/journeys/<int:journey_id>/", JourneyConsumer.as_asgi(), name="journey_socket"),
]
