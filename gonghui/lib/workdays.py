"""Working-day arithmetic for response deadlines (e.g. 15 working days)."""

import datetime


def add_working_days(
    start: datetime.date, days: int, holidays: frozenset[datetime.date] = frozenset()
) -> datetime.date:
    current = start
    remaining = days
    while remaining > 0:
        current += datetime.timedelta(days=1)
        if current.weekday() < 5 and current not in holidays:
            remaining -= 1
    return current
