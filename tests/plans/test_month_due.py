"""The month that is due (issue 14, part 5): on a day in early December the board's
dashboard, the leader's home, the group's page, "Lập phiếu" and the reminders all ask for
November's check; from the 6th, after the union's deadline (the 5th), for December's."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from plans.models import ActionPlan, Task
from plans.services import plan_create, plan_set_status, task_save
from reminders.models import Kind
from reminders.services import reminders_due
from union.models import Union


@pytest.fixture
def year_2026(world):
    w = world
    plan = ActionPlan.objects.filter(union=w.union_a, year=2026).first() or plan_create(
        union=w.union_a, year=2026)
    w.task = task_save(task=Task(
        union=w.union_a, plan=plan, point=plan.points.get(number=1), title="Báo cáo tháng",
        product="Báo cáo", lead_group=w.group_a1, start_date=date(2026, 1, 1),
        due_date=date(2026, 12, 31)), supporting_groups=[], assignees=[w.member])
    if plan.status == ActionPlan.Status.DRAFT:
        plan_set_status(plan=plan, status=ActionPlan.Status.ISSUED, today=date(2026, 1, 5))
    w.plan_2026 = plan
    return w


@pytest.fixture
def on_day(monkeypatch):
    """Make ``timezone.localdate()`` answer a fixed day, as every page and rule asks it."""
    def set_day(day):
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
    return set_day


def asked(year_2026, login, day):
    """What each place asks for on ``day``: (dashboard, leader's home, group page,
    "Lập phiếu", the reminders' periods for group A1)."""
    w = year_2026
    chair, leader = login(w.chair.user), None
    dashboard = chair.get(reverse("plans:dashboard", args=[w.union_a.pk])).context["month"]
    leader = login(w.leader.user)
    home = leader.get(reverse("home")).context["month"]
    group = leader.get(reverse("plans:group-work", args=[w.group_a1.pk])).context["month"]
    form = leader.get(reverse("plans:check-open", args=[w.group_a1.pk])).context["form"]
    opening = form["month"].value().strftime("%m/%Y")
    reminded = {r.period for r in reminders_due(today=day)
                if r.kind == Kind.CHECK_MISSING and r.target == f"group:{w.group_a1.pk}"}
    return dashboard.label, home.label, group.label, opening, reminded


def test_on_2_december_everything_asks_for_november(year_2026, login, on_day):
    on_day(date(2026, 12, 2))
    assert asked(year_2026, login, date(2026, 12, 2)) == (
        "11/2026", "11/2026", "11/2026", "11/2026", {"2026-11"})


def test_on_6_december_everything_asks_for_december(year_2026, login, on_day):
    on_day(date(2026, 12, 6))
    assert asked(year_2026, login, date(2026, 12, 6)) == (
        "12/2026", "12/2026", "12/2026", "12/2026", {"2026-12"})


def test_the_pages_name_the_month_and_its_deadline(year_2026, login, on_day):
    on_day(date(2026, 12, 2))
    heading = "Kiểm tra tháng 11/2026 · hạn nộp 05/12/2026"
    w = year_2026
    assert heading in login(w.chair.user).get(
        reverse("plans:dashboard", args=[w.union_a.pk])).content.decode()
    leader = login(w.leader.user)
    assert heading in leader.get(reverse("home")).content.decode()
    assert heading in leader.get(reverse("plans:group-work", args=[w.group_a1.pk])).content.decode()
    page = leader.get(reverse("plans:check-open", args=[w.group_a1.pk])).content.decode()
    assert "tháng 11/2026 (hạn nộp 05/12/2026)" in page


def test_the_unions_deadline_day_is_its_own_setting(year_2026, login, on_day):
    Union.objects.filter(pk=year_2026.union_a.pk).update(check_deadline_day=10)
    on_day(date(2026, 12, 6))
    assert asked(year_2026, login, date(2026, 12, 6))[:4] == ("11/2026",) * 4


def test_with_the_cchc_cutoff_the_group_page_shows_the_due_months_window(year_2026, login,
                                                                         on_day):
    ActionPlan.objects.filter(pk=year_2026.plan_2026.pk).update(cutoff_day=14)
    on_day(date(2026, 12, 20))
    response = login(year_2026.leader.user).get(
        reverse("plans:group-work", args=[year_2026.group_a1.pk]))
    assert response.context["month"].label == "12/2026"
    assert response.context["window"] == (date(2026, 11, 15), date(2026, 12, 14))


def test_the_board_edits_the_deadline_day_with_the_union(world, login):
    client = login(world.chair.user)
    url = reverse("union:union-edit", args=[world.union_a.pk])
    page = client.get(url).content.decode()
    assert "Hạn nộp phiếu kiểm tra (ngày của tháng sau)" in page and 'value="5"' in page
    data = {"name": world.union_a.name, "short_name": world.union_a.short_name,
            "document_code": "CĐCS", "excellence_quota_percent": "20",
            "check_deadline_day": "10"}
    assert client.post(url, data).status_code == 302
    assert Union.objects.get(pk=world.union_a.pk).check_deadline_day == 10
    refused = client.post(url, {**data, "check_deadline_day": "31"})
    assert refused.status_code == 200 and "check_deadline_day" in refused.context["form"].errors


def test_the_group_page_shows_this_years_work_not_a_closed_years_overdue_tasks(
        year_2026, login, on_day):
    w = year_2026
    old = plan_create(union=w.union_a, year=2025)
    task_save(task=Task(union=w.union_a, plan=old, point=old.points.get(number=1),
                        title="Việc năm cũ còn dở", product="Báo cáo", lead_group=w.group_a1,
                        start_date=date(2025, 1, 1), due_date=date(2025, 6, 30)),
              supporting_groups=[], assignees=[w.member])
    plan_set_status(plan=old, status=ActionPlan.Status.ISSUED, today=date(2025, 1, 5))
    plan_set_status(plan=old, status=ActionPlan.Status.CLOSED)
    overdue = task_save(task=Task(
        union=w.union_a, plan=w.plan_2026, point=w.plan_2026.points.get(number=1),
        title="Việc năm nay quá hạn", product="Báo cáo", lead_group=w.group_a1,
        start_date=date(2026, 1, 1), due_date=date(2026, 9, 30)),
        supporting_groups=[], assignees=[w.member])
    on_day(date(2026, 12, 2))
    response = login(w.leader.user).get(reverse("plans:group-work", args=[w.group_a1.pk]))
    titles = {o.task.title for o in response.context["occurrences"]}
    # November (the month due) to the end of December, and this year's overdue work.
    assert titles == {overdue.title, w.task.title}
    assert "đến hạn từ 01/11/2026 đến 31/12/2026, và quá hạn trong năm 2026" in (
        response.content.decode())
