"""NPS / CSAT / CES arithmetic, including the edge cases."""

import pytest

from feedback import metrics
from feedback.choices import SurveyKind


def test_nps_is_promoters_minus_detractors_in_percent():
    # 3 promoters (9, 10, 10), 2 passives (7, 8), 5 detractors (0..6): (3 - 5) / 10 = -20
    assert metrics.nps([9, 10, 10, 7, 8, 0, 3, 5, 6, 6]) == -20.0


def test_nps_edges():
    assert metrics.nps([]) is None  # no answers: no figure, not zero
    assert metrics.nps([7, 8, 7, 8]) == 0.0  # all passives
    assert metrics.nps([10, 9]) == 100.0
    assert metrics.nps([0, 6]) == -100.0
    assert metrics.nps([9, 6, 7]) == 0.0
    assert metrics.nps([9, 8, 8]) == pytest.approx(33.3)


def test_csat_is_share_of_four_and_five():
    assert metrics.csat([5, 4, 3, 2]) == 50.0
    assert metrics.csat([]) is None
    assert metrics.csat([3, 3]) == 0.0
    assert metrics.csat([1, 4, 5]) == pytest.approx(66.7)


def test_ces_is_the_mean():
    assert metrics.ces([7, 5, 6]) == 6.0
    assert metrics.ces([]) is None
    assert metrics.ces([1, 2]) == 1.5


def test_counts_add_up_across_weeks():
    week1 = metrics.Counts(answers=2, promoters=2, detractors=0, satisfied=0, score_sum=19)
    week2 = metrics.Counts(answers=2, promoters=0, detractors=2, satisfied=0, score_sum=3)
    total = week1 + week2
    assert total.value(SurveyKind.NPS) == 0.0
    assert metrics.Counts().value(SurveyKind.NPS) is None
    assert metrics.Counts(answers=4, score_sum=22).value(SurveyKind.CES) == 5.5


def test_feedback_index_maps_each_scale_onto_0_100():
    assert metrics.index_of_sum(SurveyKind.NPS, 10, 1) == 100
    assert metrics.index_of_sum(SurveyKind.NPS, 0, 1) == 0
    assert metrics.index_of_sum(SurveyKind.CSAT, 1 + 5, 2) == 100  # (0 + 100)
    assert metrics.index_of_sum(SurveyKind.CES, 4, 1) == 50
    assert metrics.grade_index(3) == 50
    assert metrics.index_to_emotion(100) == 3
    assert metrics.index_to_emotion(50) == 0
