"""Views of the events and funnels API, split by noun."""
