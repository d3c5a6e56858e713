"""The measured impact of a done improvement action (docs/impact.md): plain values, no I/O
besides the counting functions passed in (so the tests' reference and the app share the verdict
but not the counting)."""

import datetime
from dataclasses import asdict, dataclass, field

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .stats import FISHER, Z_TEST, compare_proportions

DEFAULT_WINDOW_DAYS = 28
MIN_WINDOW_DAYS, MAX_WINDOW_DAYS = 7, 365
MIN_CUSTOMERS = 20  # customers per window below which the sample is too small to test
ALPHA = 0.05

MEASURED, TOO_EARLY, NO_DATA = "measured", "too_early", "no_data"
# What the register and the map show for a done action.
WORKED, DID_NOT_WORK, OUTCOME_TOO_EARLY, NOT_MEASURABLE = (
    "worked",
    "did_not_work",
    "too_early",
    "not_measurable",
)


@dataclass
class WindowFigures:
    start: datetime.datetime
    end: datetime.datetime
    entered: int = 0
    converted: int | None = None
    exit_customers: int = 0
    nps: float | None = None
    responses: int = 0

    @property
    def exit_rate(self) -> float | None:
        return self.exit_customers / self.entered if self.entered else None

    @property
    def drop_off_rate(self) -> float | None:
        if self.converted is None or not self.entered:
            return None
        return 1 - self.converted / self.entered

    def as_api(self) -> dict:
        return {
            "from": self.start,
            "to": self.end,
            "entered": self.entered,
            "exit_customers": self.exit_customers,
            "exit_rate": self.exit_rate,
            "converted": self.converted,
            "drop_off_rate": self.drop_off_rate,
            "nps": self.nps,
            "responses": self.responses,
        }


@dataclass
class Impact:
    status: str  # MEASURED, TOO_EARLY, NO_DATA
    done_at: datetime.datetime
    window_days: int
    before: WindowFigures
    after: WindowFigures
    outcome: str = NOT_MEASURABLE
    test: str | None = None  # Z_TEST, FISHER, or None (not tested)
    p_value: float | None = None
    significant: bool | None = None
    sample_too_small: bool = False
    measurable_from: datetime.datetime | None = None  # when the after-window ends
    verdict: str = ""
    notes: list[str] = field(default_factory=list)

    def as_api(self) -> dict:
        data = asdict(self)
        data["before"] = self.before.as_api()
        data["after"] = self.after.as_api()
        data["test_name"] = test_name(self.test)
        return data


def windows(done_at: datetime.datetime, days: int) -> tuple[tuple, tuple]:
    length = datetime.timedelta(days=days)
    return (done_at - length, done_at), (done_at, done_at + length)


def test_name(test: str | None) -> str:
    if test == Z_TEST:
        return _("two-proportion z-test")
    if test == FISHER:
        return _("Fisher's exact test")
    return ""


def _percent(rate: float) -> str:
    """40% and 10%; one decimal below 10% (0.4%, 6.5%), as the impact card writes them."""
    share = rate * 100
    return f"{formats.number_format(share, 1 if 0 < share < 10 else 0)}%"


def judge(impact: Impact, now: datetime.datetime) -> Impact:
    """Fill status, test, outcome and the plain-language verdict from the window figures."""
    before, after = impact.before, impact.after
    impact.measurable_from = after.end
    if now < after.end:
        impact.status = TOO_EARLY
        impact.outcome = OUTCOME_TOO_EARLY
        impact.verdict = _("Too early: the %(days)d days after the action end on %(date)s.") % {
            "days": impact.window_days,
            "date": formats.date_format(timezone.localtime(after.end), "DATE_FORMAT"),
        }
        return impact
    if not before.entered and not after.entered:
        impact.status = NO_DATA
        impact.outcome = NOT_MEASURABLE
        impact.verdict = _("No data: no customer reached this stage in either window.")
        return impact
    impact.status = MEASURED
    if before.entered < MIN_CUSTOMERS or after.entered < MIN_CUSTOMERS:
        impact.sample_too_small = True
        impact.outcome = NOT_MEASURABLE
        impact.verdict = _(
            "The sample is too small to tell: %(before)d customers before and %(after)d after "
            "(at least %(minimum)d in each window are needed)."
        ) % {"before": before.entered, "after": after.entered, "minimum": MIN_CUSTOMERS}
        return impact
    result = compare_proportions(
        before.exit_customers, before.entered, after.exit_customers, after.entered
    )
    impact.test, impact.p_value = result.test, result.p_value
    impact.significant = result.p_value < ALPHA
    rate_before, rate_after = before.exit_rate or 0.0, after.exit_rate or 0.0
    figures = {
        "before": _percent(rate_before),
        "after": _percent(rate_after),
        "test": test_name(result.test),
        "p": f"{result.p_value:.3f}" if result.p_value >= 0.001 else "<0.001",
    }
    if rate_after < rate_before:
        change = _("Exits fell from %(before)s to %(after)s") % figures
    elif rate_after > rate_before:
        change = _("Exits rose from %(before)s to %(after)s") % figures
    else:
        change = _("Exits stayed at %(before)s") % figures
    if impact.significant:
        judged = _("significant (%(test)s, p=%(p)s)") % figures
    else:
        judged = _("not significant (%(test)s, p=%(p)s)") % figures
    impact.verdict = f"{change}: {judged}"
    if result.test == Z_TEST:
        impact.notes.append(_("Every expected count is at least 5: the z-test applies."))
    else:
        impact.notes.append(
            _("Some expected count is below 5: Fisher's exact test is used instead of the z-test.")
        )
    impact.outcome = WORKED if impact.significant and rate_after < rate_before else DID_NOT_WORK
    return impact
