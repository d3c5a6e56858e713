"""The demo: the store map's optional awareness step (and, once turned on, its courier / pick-up
branch), the office map's service blueprint with content."""

import pytest

from cjm.demo import store_journey
from cjm.demo.loader import demo_seed
from cjm.models import LaneCell

pytestmark = pytest.mark.django_db


def test_demo_steps_and_blueprint(monkeypatch):
    monkeypatch.setattr(store_journey, "BRANCHES_ON_MAP", True)
    workspace = demo_seed(with_history=False).workspace
    store = workspace.journeys.get(title=store_journey.JOURNEY["title"])
    stages = list(store.stages.order_by("position"))
    assert stages[0].is_optional and not any(s.is_optional for s in stages[1:])
    courier = next(s for s in stages if s.name == "Доставка курьером")
    pickup = next(s for s in stages if s.name == "Самовывоз из пункта выдачи")
    assert pickup.step == courier.step and pickup.position == courier.position + 1
    assert len({s.step for s in stages}) == len(stages) - 1
    office = workspace.journeys.exclude(pk=store.pk).get()
    kinds = {"frontstage", "backstage", "support", "evidence"}
    assert kinds <= set(office.lanes.values_list("kind", flat=True))
    filled = LaneCell.objects.filter(lane__journey=office, lane__kind__in=kinds).exclude(text="")
    assert filled.count() == 4 * office.stages.count()
