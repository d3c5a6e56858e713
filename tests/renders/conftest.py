"""A small map in English and a Russian one, and exports written under a temporary media root."""

import pytest

from cjm.choices import LaneKind
from tests.factories import (
    ChannelFactory,
    JourneyFactory,
    LaneCellFactory,
    LaneFactory,
    StageFactory,
    TouchpointFactory,
)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return tmp_path / "media"


def build_map(workspace, title: str, stages: list[str], touchpoints: dict, lanes: dict):
    """A journey with ``stages``; ``touchpoints``: stage name -> [(name, rating)];
    ``lanes``: (kind, name) -> [text or emotion score per stage]."""
    journey = JourneyFactory(workspace=workspace, title=title)
    stage_rows = [StageFactory(journey=journey, name=name) for name in stages]
    channel = ChannelFactory(workspace=workspace)
    for stage in stage_rows:
        for name, rating in touchpoints.get(stage.name, []):
            TouchpointFactory(stage=stage, name=name, rating=rating, channel=channel)
    for (kind, name), values in lanes.items():
        lane = LaneFactory(journey=journey, kind=kind, name=name)
        for stage, value in zip(stage_rows, values, strict=False):
            if kind == LaneKind.EMOTIONS:
                LaneCellFactory(lane=lane, stage=stage, text="", emotion_score=value)
            else:
                LaneCellFactory(lane=lane, stage=stage, text=value)
    return journey


@pytest.fixture
def english_map(workspace):
    return build_map(
        workspace,
        "Buying a sofa",
        ["Discover", "Choose", "Pay", "Delivery"],
        {
            "Discover": [("Instagram ad", "excellent"), ("Friend's advice", "unrated")],
            "Choose": [("Product page", "so_so")],
            "Pay": [("Checkout form", "awful")],
            "Delivery": [("Courier call", "excellent")],
        },
        {
            (LaneKind.GOALS, "Goals"): ["Find ideas", "Compare", "Pay safely", "Get it on time"],
            (LaneKind.TOUCHPOINTS, "Touchpoints"): [],
            (LaneKind.EMOTIONS, "Emotions"): [2, 0, -3, 3],
        },
    )


@pytest.fixture
def russian_map(workspace):
    return build_map(
        workspace,
        "Покупка дивана",
        ["Поиск", "Выбор", "Оплата"],
        {
            "Поиск": [("Реклама во ВКонтакте", "excellent")],
            "Выбор": [("Карточка товара", "so_so")],
            "Оплата": [("Форма оплаты", "awful")],
        },
        {(LaneKind.EMOTIONS, "Эмоции"): [1, -2, None]},
    )
