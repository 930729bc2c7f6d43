"""How a report is scored and who leads a period, as pure functions of the recorded values:
the services score with them when a report is confirmed and a period closes, the demo with
the same functions, and `selectors.recompute_*` from the stored records, so a recomputation
always gives what was recorded.

- Progress against plan: the plan to date is the team's total plan times the share of the
  competition's days elapsed at the period's end; progress = 100 × actual / plan to date,
  at most 100.
- Score: the weighted mean of the indicators' values (progress computed, the others scored
  0–100 by the organizer), with two places, half up.
- The flag: per section, the confirmed report that ranks first under the competition's rule
  (highest score, or highest progress), ties to the other measure, then to the earlier team."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def plan_share(started_on: datetime.date, ends_on: datetime.date, day: datetime.date) -> Decimal:
    """The share of the competition's days elapsed on `day` (both ends counted), in [0, 1]."""
    total = (ends_on - started_on).days + 1
    elapsed = min(max((day - started_on).days + 1, 0), total)
    return Decimal(elapsed) / Decimal(total)


def progress_value(actual: Decimal, planned: Decimal, share: Decimal) -> Decimal:
    to_date = planned * share
    if to_date <= 0:
        return HUNDRED if actual > 0 else Decimal("0.00")
    return min(HUNDRED, HUNDRED * actual / to_date).quantize(CENT, rounding=ROUND_HALF_UP)


def weighted_score(pairs: Iterable[tuple[Decimal, Decimal]]) -> Decimal:
    """(weight, value) pairs -> the weighted mean, two places."""
    pairs = list(pairs)
    total = sum((w for w, _v in pairs), Decimal(0))
    if total <= 0:
        return Decimal("0.00")
    return (sum((w * v for w, v in pairs), Decimal(0)) / total).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Standing:
    team_id: int
    section: str
    score: Decimal
    progress: Decimal


def leaders(standings: Iterable[Standing], rule: str) -> dict[str, Standing]:
    """The leading team of each section under the rule ("score" or "progress")."""
    best: dict[str, Standing] = {}

    def key(s: Standing) -> tuple[Decimal, Decimal, int]:
        first, second = (s.progress, s.score) if rule == "progress" else (s.score, s.progress)
        return (first, second, -s.team_id)

    for standing in standings:
        current = best.get(standing.section)
        if current is None or key(standing) > key(current):
            best[standing.section] = standing
    return best
