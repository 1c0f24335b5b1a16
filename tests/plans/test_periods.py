"""Check windows, the check month of a day, and period labels."""

from datetime import date

import pytest

from plans.periods import (
    DueMonth,
    check_window,
    cutoff_date,
    month_due_on,
    month_label,
    month_late_on,
    month_of,
    months_between,
    quarter_label,
)

# check_window


@pytest.mark.parametrize(("year", "month", "window"), [
    (2019, 1, (date(2019, 1, 1), date(2019, 1, 31))),
    (2019, 4, (date(2019, 4, 1), date(2019, 4, 30))),
    (2019, 12, (date(2019, 12, 1), date(2019, 12, 31))),
    (2019, 2, (date(2019, 2, 1), date(2019, 2, 28))),
    (2020, 2, (date(2020, 2, 1), date(2020, 2, 29))),
    (2020, 3, (date(2020, 3, 1), date(2020, 3, 31))),
])
def test_with_cutoff_31_a_window_is_the_calendar_month(year, month, window):
    assert check_window(year, month, 31) == window


@pytest.mark.parametrize(("year", "month", "window"), [
    (2019, 3, (date(2019, 2, 15), date(2019, 3, 14))),
    (2019, 1, (date(2018, 12, 15), date(2019, 1, 14))),
    (2019, 12, (date(2019, 11, 15), date(2019, 12, 14))),
    (2020, 2, (date(2020, 1, 15), date(2020, 2, 14))),
])
def test_with_cutoff_14_a_window_runs_from_the_15th_before_to_the_14th(year, month, window):
    assert check_window(year, month, 14) == window


def test_a_cutoff_past_the_end_of_february_stops_at_its_last_day():
    assert cutoff_date(2019, 2, 30) == date(2019, 2, 28)
    assert cutoff_date(2020, 2, 30) == date(2020, 2, 29)
    assert check_window(2019, 3, 30) == (date(2019, 3, 1), date(2019, 3, 30))


def test_the_windows_of_a_year_follow_each_other_without_gap_or_overlap():
    for cutoff in (14, 28, 31):
        for month in range(1, 12):
            this_end = check_window(2020, month, cutoff)[1]
            next_start = check_window(2020, month + 1, cutoff)[0]
            assert (next_start - this_end).days == 1


# month_of


@pytest.mark.parametrize(("day", "cutoff", "month"), [
    (date(2019, 3, 1), 31, (2019, 3)),
    (date(2019, 3, 31), 31, (2019, 3)),
    (date(2019, 2, 28), 31, (2019, 2)),
    (date(2019, 3, 14), 14, (2019, 3)),
    (date(2019, 3, 15), 14, (2019, 4)),
    (date(2019, 12, 15), 14, (2020, 1)),
    (date(2019, 12, 31), 14, (2020, 1)),
    (date(2020, 1, 1), 14, (2020, 1)),
])
def test_month_of_is_the_check_month_whose_window_holds_the_day(day, cutoff, month):
    assert month_of(day, cutoff) == month
    start, end = check_window(*month, cutoff)
    assert start <= day <= end


# months_between


def test_months_between_lists_the_calendar_months_with_cutoff_31():
    assert list(months_between(date(2019, 11, 20), date(2020, 2, 3), 31)) == [
        (2019, 11), (2019, 12), (2020, 1), (2020, 2),
    ]


def test_months_between_with_cutoff_14_moves_the_days_after_the_14th_into_the_next_month():
    assert list(months_between(date(2019, 1, 1), date(2019, 6, 30), 14)) == [
        (2019, m) for m in range(1, 8)
    ]
    assert list(months_between(date(2019, 12, 20), date(2020, 1, 10), 14)) == [(2020, 1)]


def test_months_between_one_day_is_one_month():
    assert list(months_between(date(2019, 5, 7), date(2019, 5, 7), 31)) == [(2019, 5)]


# labels


def test_month_label_pads_the_month():
    assert month_label(2019, 3) == "03/2019"
    assert month_label(2019, 11) == "11/2019"


@pytest.mark.parametrize(("quarter", "label"), [
    (1, "quý I/2019"), (2, "quý II/2019"), (3, "quý III/2019"), (4, "quý IV/2019"),
])
def test_quarter_label_uses_roman_numerals(quarter, label):
    assert quarter_label(2019, quarter) == label


# The month due, by the union's deadline day of the next month


@pytest.mark.parametrize(("day", "due"), [
    (date(2026, 12, 2), DueMonth(2026, 11, date(2026, 12, 5))),
    (date(2026, 12, 5), DueMonth(2026, 11, date(2026, 12, 5))),
    (date(2026, 12, 6), DueMonth(2026, 12, date(2027, 1, 5))),
    (date(2026, 12, 31), DueMonth(2026, 12, date(2027, 1, 5))),
    (date(2027, 1, 3), DueMonth(2026, 12, date(2027, 1, 5))),
    (date(2027, 1, 6), DueMonth(2027, 1, date(2027, 2, 5))),
])
def test_until_the_deadline_day_the_month_due_is_last_months(day, due):
    assert month_due_on(day, 5) == due


def test_a_later_deadline_day_keeps_last_month_due_longer():
    assert month_due_on(date(2026, 12, 6), 10) == DueMonth(2026, 11, date(2026, 12, 10))
    assert month_due_on(date(2026, 12, 11), 10).month == 12


def test_the_month_late_is_the_one_before_the_month_due():
    assert month_late_on(date(2026, 12, 2), 5) == DueMonth(2026, 10, date(2026, 11, 5))
    assert month_late_on(date(2026, 12, 6), 5) == DueMonth(2026, 11, date(2026, 12, 5))
    assert month_late_on(date(2027, 1, 6), 5) == DueMonth(2026, 12, date(2027, 1, 5))


def test_the_month_due_counts_calendar_months_whatever_the_cutoff():
    """With the CCHC cut-off (14) the check month of 20 December is January; the month due
    on that day is December (15/11–14/12), whose deadline is 5 January."""
    assert month_of(date(2026, 12, 20), 14) == (2027, 1)
    due = month_due_on(date(2026, 12, 20), 5)
    assert (due.year, due.month) == (2026, 12)
    assert check_window(due.year, due.month, 14) == (date(2026, 11, 15), date(2026, 12, 14))
    assert due.label == "12/2026"
