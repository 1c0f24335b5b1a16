"""List pages and the board's dashboard cost the same number of queries for 1 row or 30."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plans.models import CheckItem, Task
from plans.services import check_open, progress_report, task_save
from tests.factories import GroupFactory, MemberFactory


def add_tasks(work, n):
    year = timezone.localdate().year
    for i in range(n):
        group = GroupFactory(union=work.union_a)
        person = MemberFactory(union=work.union_a, group=group)
        task = task_save(
            task=Task(union=work.union_a, plan=work.plan,
                      point=work.plan.points.get(number=1 + i % 5), title=f"Nhiệm vụ {i}",
                      product="Báo cáo", lead_group=group,
                      start_date=date(year, 1, 1), due_date=date(year, 12, 31),
                      recurrence=Task.Recurrence.QUARTERLY),
            supporting_groups=[work.group_a1], assignees=[person, work.member],
        )
        progress_report(occurrence=task.occurrences.first(), member=person, percent=100,
                        today=date(year, 1, 2))
        check_open(group=group, year=year, month=1, by=None, today=date(year, 1, 31))


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["plans:task-list", "plans:check-list", "plans:dashboard"])
def test_the_page_issues_as_many_queries_for_many_rows_as_for_few(work, login, name):
    client = login(work.chair.user)
    url = reverse(name, args=[work.union_a.pk])
    add_tasks(work, 1)
    few = queries(client, url)
    add_tasks(work, 30)
    many = queries(client, url)
    assert many == few
    assert few <= 15


def test_the_task_list_export_costs_the_same_for_many_rows(work, login):
    client = login(work.chair.user)
    url = reverse("plans:task-list", args=[work.union_a.pk]) + "?_export=xlsx"
    add_tasks(work, 1)
    few = queries(client, url)
    add_tasks(work, 30)
    assert queries(client, url) == few


def test_a_check_page_costs_the_same_for_a_big_group(work, login):
    """27 members with two products each cost what 2 members with one do (Nghị định 335:
    a card per member, a line per product)."""
    client = login(work.leader.user)
    url = reverse("plans:check-detail", args=[work.check_a1.pk])
    few = queries(client, url)
    today = timezone.localdate()
    for i in range(25):
        person = MemberFactory(union=work.union_a, group=work.group_a1)
        for n in range(2):
            task_save(task=Task(union=work.union_a, plan=work.plan, point=work.plan.points.get(
                number=1), title=f"Sản phẩm {i}.{n}", product="Báo cáo", weight=1 + n,
                lead_group=work.group_a1, start_date=today.replace(day=1), due_date=today),
                supporting_groups=[], assignees=[person, work.member])
    work.check_a1.delete()
    check = check_open(group=work.group_a1, year=today.year, month=today.month, by=None)
    assert check.entries.count() == 27
    assert CheckItem.objects.filter(entry__check_record=check).count() == 2 + 25 * 2 * 2
    assert queries(client, reverse("plans:check-detail", args=[check.pk])) == few
    assert few <= 15
