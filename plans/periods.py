"""Months, quarters and the check windows they roll up into, and the month that is due.

A union may close its month on a cut-off day instead of the last day (14 lines the months
up with the official CCHC reporting windows, e.g. quý I = 15/12–14/03). Month ``m`` then
covers the day after the previous cut-off up to its own cut-off.

The check of month ``m`` is due on the union's deadline day of month ``m + 1`` ("hạn nộp
phiếu kiểm tra", default the 5th). Until that day has passed, the month due is last month's;
from the next day on, it is this month's. ``month_due`` says it, and everything that asks
for a check (the dashboards, the leader's home, the group's page, "Lập phiếu", the
reminders) asks it. The deadline is counted in calendar months, whatever the cut-off day:
with the CCHC cut-off (14), on 2 December the November check (15/10–14/11) is due on
5 December, and from 6 December the December check (15/11–14/12) is due on 5 January.
"""

import calendar
from datetime import date, timedelta
from typing import NamedTuple

from django.utils import timezone

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def cutoff_date(year: int, month: int, cutoff_day: int) -> date:
    return date(year, month, min(cutoff_day, calendar.monthrange(year, month)[1]))


def previous_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def check_window(year: int, month: int, cutoff_day: int) -> tuple[date, date]:
    """First and last day that month ``month`` of ``year`` covers."""
    start = cutoff_date(*previous_month(year, month), cutoff_day) + timedelta(days=1)
    return start, cutoff_date(year, month, cutoff_day)


def month_of(day: date, cutoff_day: int) -> tuple[int, int]:
    """The check month whose window holds ``day``."""
    if day <= cutoff_date(day.year, day.month, cutoff_day):
        return day.year, day.month
    return next_month(day.year, day.month)


def months_between(start: date, end: date, cutoff_day: int):
    """The check months whose windows meet [start, end], in order."""
    month, last = month_of(start, cutoff_day), month_of(end, cutoff_day)
    while month <= last:
        yield month
        month = next_month(*month)


class DueMonth(NamedTuple):
    """The check month due on a day, and the last day to send it to the board."""

    year: int
    month: int
    deadline: date

    @property
    def label(self) -> str:
        return month_label(self.year, self.month)


def check_deadline(year: int, month: int, deadline_day: int) -> date:
    """The last day to send month ``month``'s check: ``deadline_day`` of the next month."""
    return date(*next_month(year, month), deadline_day)


def month_due_on(day: date, deadline_day: int) -> DueMonth:
    """The check month due on ``day``: last month's until its deadline has passed."""
    year, month = (previous_month(day.year, day.month) if day.day <= deadline_day
                   else (day.year, day.month))
    return DueMonth(year, month, check_deadline(year, month, deadline_day))


def month_late_on(day: date, deadline_day: int) -> DueMonth:
    """The month before the month due: the last one whose deadline has passed on ``day``."""
    due = month_due_on(day, deadline_day)
    year, month = previous_month(due.year, due.month)
    return DueMonth(year, month, check_deadline(year, month, deadline_day))


def month_due(union, day: date | None = None) -> DueMonth:
    """The check month ``union`` is asked for on ``day`` (today by default)."""
    return month_due_on(day or timezone.localdate(), union.check_deadline_day)


def month_label(year: int, month: int) -> str:
    return f"{month:02d}/{year}"


def quarter_label(year: int, quarter: int) -> str:
    return f"quý {ROMAN[quarter]}/{year}"


def period_key(recurrence: str, due: date, cutoff_day: int) -> tuple:
    """What an occurrence due on ``due`` stands for: the task as a whole, a check month, or
    the quarter of a check month. Occurrences keep their identity by it when dates move."""
    if recurrence == "once":
        return ("once",)
    year, month = month_of(due, cutoff_day)
    if recurrence == "quarterly":
        return ("quarterly", year, (month - 1) // 3 + 1)
    return ("monthly", year, month)


def period_label(key: tuple) -> str:
    """"03/2019", "quý I/2019", or nothing for a one-off."""
    if key[0] == "monthly":
        return month_label(key[1], key[2])
    if key[0] == "quarterly":
        return quarter_label(key[1], key[2])
    return ""
