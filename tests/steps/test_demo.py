"""The demo: the store map's courier / pick-up branch (with its own touchpoints) and optional
support step, the office map's service blueprint with content."""

import pytest

from cjm.demo import store_journey
from cjm.demo.loader import demo_seed
from cjm.models import LaneCell

pytestmark = pytest.mark.django_db


def test_demo_steps_and_blueprint():
    workspace = demo_seed(with_history=False).workspace
    store = workspace.journeys.get(title=store_journey.JOURNEY["title"])
    stages = list(store.stages.order_by("position"))
    # The first step is where the funnel's customers enter (never skipped): support, not
    # awareness, is the optional step.
    assert [s.name for s in stages if s.is_optional] == ["Поддержка"]
    courier = next(s for s in stages if s.name == "Доставка курьером")
    pickup = next(s for s in stages if s.name == "Самовывоз из пункта выдачи")
    assert pickup.step == courier.step and pickup.position == courier.position + 1
    assert pickup.touchpoints.count() == 3 and courier.touchpoints.count() == 4
    assert len({s.step for s in stages}) == len(stages) - 1
    office = workspace.journeys.exclude(pk=store.pk).get()
    kinds = {"frontstage", "backstage", "support", "evidence"}
    assert kinds <= set(office.lanes.values_list("kind", flat=True))
    filled = LaneCell.objects.filter(lane__journey=office, lane__kind__in=kinds).exclude(text="")
    assert filled.count() == 4 * office.stages.count()
