"""Serializers of the journeys app's API, split by noun."""
