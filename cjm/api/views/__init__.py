"""API views of the journeys app, split by noun."""
