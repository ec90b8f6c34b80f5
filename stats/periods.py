"""The time grain of the statistics.

Figures are counted per *period*: a Monday-to-Sunday week, cut in two where
a month ends inside it. Every period lies inside one week and one month, so
weekly and monthly totals are both exact sums of periods, and a date range
covers whole periods. A period is named by its first day.
"""

from datetime import date, timedelta

WEEK = "week"
MONTH = "month"


def period_start(day: date) -> date:
    """The first day of the period holding `day`."""
    monday = day - timedelta(days=day.weekday())
    first_of_month = day.replace(day=1)
    return max(monday, first_of_month)


def period_end(day: date) -> date:
    """The last day of the period holding `day`."""
    sunday = day + timedelta(days=6 - day.weekday())
    next_month = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return min(sunday, next_month - timedelta(days=1))


def bucket(period: date, interval: str) -> date:
    """The week (its Monday) or month (its first day) a period belongs to."""
    if interval == MONTH:
        return period.replace(day=1)
    return period - timedelta(days=period.weekday())


def buckets_between(first: date, last: date, interval: str) -> list[date]:
    """Every week or month from the one holding `first` to the one holding `last`."""
    result = []
    current = bucket(first, interval)
    while current <= last:
        result.append(current)
        if interval == MONTH:
            current = (current.replace(day=28) + timedelta(days=4)).replace(day=1)
        else:
            current += timedelta(days=7)
    return result
