"""``seed_demo`` on any day: 2019 as closed history, and the year of the day of seeding as a
living year (its plan issued in January, checks up to last month, the year-end cycle open with
its deadlines ahead), nothing dated on or after that day but deadlines, and a second run on a
later day that writes nothing.

Seeded on 2 December 2026 (the November check still due, by the 5th) and on 10 March 2027 (a
new year, February's deadline passed); each day seeds twice once, inside a transaction rolled
back at the end, with ``timezone.localdate()`` answering that day while the command runs.
"""

import re
from datetime import date, datetime, time, timedelta
from io import StringIO
from unittest import mock

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import models, transaction
from django.test import override_settings
from django.utils import timezone

from demo.plans import last_month
from emulation.models import EvaluationCycle, Movement, Registration
from plans.models import ActionPlan, MonthlyCheck, TaskOccurrence
from reminders.models import Notification
from reminders.services import reminders_due
from tests.conftest import demo_row_counts
from union.models import DocumentKind, OutgoingDocument, Union

MAIN = "CĐCS Sở TT&TT Gia Lai"
DAYS = (date(2026, 12, 2), date(2027, 3, 10))
# Days a row may name after the day of seeding: what is planned, not what has happened.
PLANNED = {"due_date", "period_start", "start_date", "end_date", "ends_on",
           "registration_closes", "self_assessment_due", "proposal_due", "decision_due"}


def seed(day: date):
    """``seed_demo`` run on ``day``, as every service's "today" sees it."""
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return day if value is None else real(value, timezone)

    with mock.patch.object(timezone, "localdate", localdate):
        call_command("seed_demo", stdout=StringIO())


def snapshot():
    """A few fields that a second run must leave as they were."""
    return {
        "plans": sorted(ActionPlan.objects.values_list("year", "status", "updated_at")),
        "checks": sorted(MonthlyCheck.objects.values_list("group_id", "year", "month", "status",
                                                          "updated_at")),
        "occurrences": sorted(TaskOccurrence.objects.values_list("pk", "percent",
                                                                 "completed_on")),
        "cycles": sorted(EvaluationCycle.objects.values_list(
            "year", "status", "self_assessment_due", "decision_due", "updated_at")),
        "registrations": sorted(Registration.objects.values_list("pk", "submitted_at")),
    }


@pytest.fixture(scope="module", params=DAYS, ids=str)
def seeded_on(request, django_db_setup, django_db_blocker):
    day = request.param
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=fast):
        with transaction.atomic():
            seed(day)
            first = demo_row_counts(), snapshot()
            seed(day + timedelta(days=9))  # a later day of the same month
            yield day, first, (demo_row_counts(), snapshot())
            transaction.set_rollback(True)


@pytest.fixture
def day(seeded_on, db):
    return seeded_on[0]


@pytest.fixture
def demo(day):
    return Union.objects.get(short_name=MAIN)


def test_a_second_run_on_a_later_day_changes_nothing(seeded_on, db):
    _day, first, second = seeded_on
    assert second[0] == first[0]
    assert second[1] == first[1]


def test_the_current_years_plan_was_issued_in_january(demo, day):
    plan = ActionPlan.objects.get(union=demo, year=day.year)
    assert plan.status == ActionPlan.Status.ISSUED
    entry = OutgoingDocument.objects.get(union=demo, kind=DocumentKind.PLAN, year=day.year)
    assert entry.source == plan and entry.issued_on == date(day.year, 1, 12)
    assert entry.code == "01/KH-CĐCS" and entry.signer_name == "Đặng Văn Hùng"  # Khóa V
    dues = set(TaskOccurrence.objects.filter(task__plan=plan).values_list("due_date__month",
                                                                           flat=True))
    assert dues == set(range(1, 13))  # deadlines all through the year
    assert TaskOccurrence.objects.filter(task__plan=plan, due_date__gt=day,
                                         due_date__lte=day + timedelta(days=3)).exists()


def test_checks_are_confirmed_up_to_the_month_before_last_and_last_months_sent_or_drafted(
        demo, day):
    year, last = last_month(demo, day)
    assert (year, last) == {date(2026, 12, 2): (2026, 11), date(2027, 3, 10): (2027, 2)}[day]
    checks = MonthlyCheck.objects.filter(union=demo, year=day.year)
    assert set(checks.values_list("month", flat=True)) == set(range(1, last + 1))
    assert not checks.filter(month__lt=last).exclude(status=MonthlyCheck.Status.CONFIRMED)
    assert checks.filter(month__lt=last).count() == (last - 1) * demo.groups.count()
    states = set(checks.filter(month=last).values_list("status", flat=True))
    assert states == {MonthlyCheck.Status.SUBMITTED, MonthlyCheck.Status.DRAFT}
    assert not checks.filter(month=day.month)  # this month's is not due yet


def test_the_current_years_cycle_is_open_with_its_deadlines_ahead(demo, day):
    cycle = EvaluationCycle.objects.get(union=demo, year=day.year)
    assert cycle.status == EvaluationCycle.Status.OPEN
    assert day <= cycle.self_assessment_due <= cycle.proposal_due <= cycle.decision_due
    assert cycle.decision_due.year == day.year
    assert not EvaluationCycle.objects.filter(year__lt=day.year).exclude(
        status=EvaluationCycle.Status.PUBLISHED)


def test_the_registrations_are_dated_in_january_of_their_year(demo, day):
    for year in (2019, day.year):
        movement = Movement.objects.get(union=demo, year=year,
                                        name="Lao động giỏi, Lao động sáng tạo")
        days = {timezone.localdate(r.submitted_at) for r in movement.registrations.all()}
        assert days and all(d.year == year and d.month == 1 for d in days)


def test_the_reminders_are_about_the_current_year_only(demo, day):
    assert not Notification.objects.exists()
    reminders = [r for r in reminders_due(today=day) if r.union_id == demo.pk]
    kinds = {r.kind for r in reminders}
    assert {"task_due", "check_missing"} <= kinds
    years = {y for r in reminders for y in re.findall(r"\b(20\d\d)\b", f"{r.subject} {r.body}")}
    assert years == {str(day.year)}


def test_nothing_is_dated_on_or_after_the_day_of_seeding_but_what_is_planned(day, db):
    start = timezone.make_aware(datetime.combine(day, time()))
    for label in ("union", "plans", "emulation"):
        for model in apps.get_app_config(label).get_models():
            for field in model._meta.concrete_fields:
                if isinstance(field, models.DateTimeField):
                    late = model._default_manager.filter(**{f"{field.name}__gte": start})
                elif isinstance(field, models.DateField) and field.name not in PLANNED:
                    late = model._default_manager.filter(**{f"{field.name}__gte": day})
                else:
                    continue
                assert not late.exists(), (model._meta.label, field.name)


def test_2019_is_closed_history_with_its_emulation_tasks_done(demo, day):
    plan = ActionPlan.objects.get(union=demo, year=2019)
    assert plan.status == ActionPlan.Status.CLOSED
    point_5 = TaskOccurrence.objects.filter(task__plan=plan, task__point__number=5)
    assert point_5.count() == 2
    assert all(o.percent == 100 and o.completed_on <= o.due_date for o in point_5)
    assert EvaluationCycle.objects.get(union=demo, year=2019).is_published


def test_a_day_after_today_is_refused_in_vietnamese(db):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(CommandError, match="không được sau hôm nay"):
        call_command("seed_demo", today=tomorrow.isoformat(), stdout=StringIO())


def test_the_steps_of_the_current_years_cycle_are_dated_between_its_opening_and_the_day(
        demo, day):
    cycle = EvaluationCycle.objects.get(union=demo, year=day.year)
    opened = timezone.localdate(cycle.history.earliest("history_date").history_date)
    assert opened == min(date(day.year, 11, 20), day - timedelta(days=1))
    for evaluation in cycle.evaluations.all():
        for record in evaluation.history.all():
            assert opened <= timezone.localdate(record.history_date) < day
