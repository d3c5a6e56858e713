"""Every browser and API route is claimed by one view only: two slices mounting the same route
would leave one of them unreachable (a map's share link once took a survey's public address)."""

from collections import defaultdict

from django.urls import URLPattern, URLResolver, get_resolver, reverse


def routes(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern.callback


def test_no_two_views_share_a_route():
    views = defaultdict(set)
    for route, view in routes(get_resolver().url_patterns):
        views[route].add(view)
    # The dashboard is mounted twice on purpose ("home" and "cjm:home"): the same view.
    assert {route: names for route, names in views.items() if len(names) > 1} == {}


def test_a_survey_answer_link_and_a_map_share_link_lead_to_their_own_pages():
    survey = reverse("feedback:public_answer", kwargs={"token": "abc"})
    shared = reverse("cjm:shared_map", kwargs={"token": "abc"})
    assert survey != shared
