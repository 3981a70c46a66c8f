"""Working days in France: Monday to Friday, minus the public holidays (the `holidays` package)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache


@lru_cache(maxsize=32)
def _french_holidays(year: int) -> frozenset[date]:
    import holidays

    return frozenset(holidays.France(years=year).keys())


def is_working_day(d: date) -> bool:
    """docs/rules.md §5.3: a working day is Monday to Friday and not a French public holiday (metropolitan)."""
    return d.weekday() < 5 and d not in _french_holidays(d.year)


def add_working_days(start: date, n: int) -> date:
    """The date n working days after start (start itself does not count)."""
    d = start
    left = n
    while left > 0:
        d += timedelta(days=1)
        if is_working_day(d):
            left -= 1
    return d
