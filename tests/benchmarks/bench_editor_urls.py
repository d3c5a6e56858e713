"""URLconf of the editor benchmark (test_editor_benchmark.py): the project's URLs plus the map
page as it was drawn before the page cache, ``GET /bench/old-map/<id>/``: the whole map read and
every card rendered on every visit. The app never mounts it."""

import sys

if __name__ == "__main__":  # `make bench` runs every script here: this one is only a helper
    print("bench_editor_urls.py: URLconf of test_editor_benchmark.py, nothing to run alone")
    sys.exit(0)

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path

from cjm.selectors import journey_map_get
from cjm.urls import urlpatterns as project_urlpatterns
from cjm.views.pages import latest_stage_metrics, map_context


@login_required
def old_journey_detail(request, journey_id: int):
    journey = journey_map_get(user=request.user, pk=journey_id)
    request.workspace = journey.workspace
    context = map_context(request, journey, latest_stage_metrics(journey))
    return render(request, "cjm/journey_detail.html", context)


urlpatterns = [
    path("bench/old-map/<int:journey_id>/", old_journey_detail, name="bench-old-map"),
    *project_urlpatterns,
]
