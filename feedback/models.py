"""Surveys, responses and reviews arrive with the feedback issue."""
