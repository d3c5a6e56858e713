"""The statistics of measured impact (cjm/evidence/stats.py): Fisher's exact test against
enumerating every table, the two-proportion z-test against the textbook value, and which of the
two is chosen by the expected counts."""

import math

import pytest

from cjm.evidence.stats import FISHER, Z_TEST, compare_proportions, fisher_exact, two_proportion_z


def _brute_fisher(x1, n1, x2, n2):
    column = x1 + x2

    def p(a):
        return math.comb(n1, a) * math.comb(n2, column - a) / math.comb(n1 + n2, column)

    observed = p(x1)
    values = range(max(0, column - n2), min(column, n1) + 1)
    return sum(p(a) for a in values if p(a) <= observed * (1 + 1e-7))


@pytest.mark.parametrize(
    "table", [(8, 20, 0, 20), (3, 10, 7, 12), (0, 5, 5, 5), (1, 30, 9, 25), (4, 4, 0, 6)]
)
def test_fishers_exact_test_equals_enumeration(table):
    assert fisher_exact(*table) == pytest.approx(_brute_fisher(*table), rel=1e-9)


def test_the_z_test_matches_the_textbook_value():
    # 40/100 vs 10/100: pooled 0.25, z = 0.3 / sqrt(0.25 * 0.75 * 0.02) = 4.899
    assert two_proportion_z(40, 100, 10, 100) == pytest.approx(
        math.erfc(4.89898 / 2**0.5), rel=1e-4
    )
    assert two_proportion_z(10, 100, 10, 100) == pytest.approx(1.0)


def test_the_test_is_chosen_by_expected_counts():
    assert compare_proportions(40, 100, 10, 100).test == Z_TEST
    assert compare_proportions(8, 20, 0, 20).test == FISHER  # 4 exits expected per window
