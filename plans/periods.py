"""Months, quarters and the check windows they roll up into.

A union may close its month on a cut-off day instead of the last day (14 lines the months
up with the official CCHC reporting windows, e.g. quý I = 15/12–14/03). Month ``m`` then
covers the day after the previous cut-off up to its own cut-off.
"""

import calendar
from datetime import date, timedelta

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
