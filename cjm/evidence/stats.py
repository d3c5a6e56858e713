"""Significance tests for two proportions, in plain Python (no scipy): docs/impact.md.

- ``two_proportion_z``: the pooled two-proportion z-test, two-sided; used when every expected
  cell count of the 2x2 table is at least 5 (the textbook condition for the normal
  approximation).
- ``fisher_exact``: Fisher's exact test, two-sided (sum of the probabilities of all tables with
  the same margins that are no more likely than the observed one), for smaller counts.
"""

import math
from dataclasses import dataclass

Z_TEST = "z"
FISHER = "fisher"
MIN_EXPECTED = 5


def two_proportion_z(x1: int, n1: int, x2: int, n2: int) -> float:
    """Two-sided p-value of H0: p1 == p2 (pooled standard error)."""
    pooled = (x1 + x2) / (n1 + n2)
    variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
    if variance <= 0:
        return 1.0
    z = (x1 / n1 - x2 / n2) / math.sqrt(variance)
    return math.erfc(abs(z) / math.sqrt(2))


def _log_choose(n: int, k: int) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def fisher_exact(x1: int, n1: int, x2: int, n2: int) -> float:
    """Two-sided p-value of Fisher's exact test on [[x1, n1 - x1], [x2, n2 - x2]]."""
    column = x1 + x2
    total = n1 + n2
    low, high = max(0, column - n2), min(column, n1)
    denominator = _log_choose(total, column)

    def probability(a: int) -> float:
        return math.exp(_log_choose(n1, a) + _log_choose(n2, column - a) - denominator)

    observed = probability(x1)
    p = sum(probability(a) for a in range(low, high + 1) if probability(a) <= observed * (1 + 1e-7))
    return min(1.0, p)


@dataclass(frozen=True)
class TestResult:
    test: str  # Z_TEST or FISHER
    p_value: float
    expected_min: float  # the smallest expected cell count


def compare_proportions(x1: int, n1: int, x2: int, n2: int) -> TestResult:
    """The test suited to the counts: the z-test when every expected count is >= 5, else
    Fisher's exact test. ``n1`` and ``n2`` must be positive."""
    total, column = n1 + n2, x1 + x2
    expected = [n * c / total for n in (n1, n2) for c in (column, total - column)]
    smallest = min(expected)
    if smallest >= MIN_EXPECTED:
        return TestResult(Z_TEST, two_proportion_z(x1, n1, x2, n2), smallest)
    return TestResult(FISHER, fisher_exact(x1, n1, x2, n2), smallest)
