"""The board's dashboard reads its three views of a plan (by point, by lead group, by check
month) from one grouped query: each must be what the occurrences themselves add up to."""

from collections import defaultdict
from datetime import date

from plans.models import Task, TaskOccurrence
from plans.periods import month_of
from plans.queries import dashboard_progress, point_progress
from plans.services import task_save


def counted(occurrences, key, today):
    """(total, done, on time, overdue) by ``key(occurrence)``, counted one by one."""
    found = defaultdict(lambda: [0, 0, 0, 0])
    for o in occurrences:
        figures = found[key(o)]
        figures[0] += 1
        figures[1] += o.completed_on is not None
        figures[2] += o.completed_on is not None and o.completed_on <= o.due_date
        figures[3] += o.completed_on is None and o.due_date < today
    return dict(found)


def figures(progress):
    return {key: [p.total, p.done, p.on_time, p.overdue] for key, p in progress.items()}


def test_the_three_views_are_the_occurrences_added_up(work, django_assert_num_queries):
    w, year = work, work.plan.year
    monthly = task_save(
        task=Task(union=w.union_a, plan=w.plan, point=w.plan.points.get(number=2),
                  title="Cập nhật thủ tục", product="Danh mục", lead_group=w.group_a2,
                  start_date=date(year, 1, 1), due_date=date(year, 12, 31),
                  recurrence=Task.Recurrence.MONTHLY),
        supporting_groups=[], assignees=[w.member])
    done = monthly.occurrences.order_by("due_date")[:3]
    for o, day in zip(done, (date(year, 1, 20), date(year, 3, 30), date(year, 3, 1)),
                      strict=True):
        o.percent, o.completed_on = 100, day
        o.save()
    today = date(year, 6, 15)
    occurrences = list(TaskOccurrence.objects.filter(task__plan=w.plan).select_related(
        "task__point", "task__lead_group"))
    with django_assert_num_queries(1):
        by_point, by_group, by_month = dashboard_progress(w.plan, today)
    assert figures(by_point) == counted(
        occurrences, lambda o: (o.task.point.number, o.task.point_id, o.task.point.title), today)
    assert figures(by_point) == figures(point_progress(w.plan, today))
    assert figures(by_group) == counted(
        occurrences, lambda o: (o.task.lead_group.name, o.task.lead_group_id), today)
    assert list(by_group) == sorted(by_group)
    assert figures(by_month) == counted(
        occurrences, lambda o: month_of(o.due_date, w.plan.cutoff_day), today)
    assert list(by_month) == sorted(by_month)
    assert sum(p.total for p in by_month.values()) == len(occurrences) > 12


def test_the_dashboards_month_rows_are_the_rows_the_template_drew(work):
    """plans_tags.month_rows writes the months as the template loop it replaced drew them
    (tests/plans/month_rows_before.html), overdue months linked."""
    from pathlib import Path

    from django.template import Context, Template

    from plans.periods import check_window
    from plans.queries import Progress
    from plans.templatetags.plans_tags import month_rows

    year = work.plan.year
    by_month = [((year, 1), Progress(total=12, done=9, on_time=7, overdue=2),
                 check_window(year, 1, 25)),
                ((year, 2), Progress(total=3), check_window(year, 2, 25))]
    template = Template((Path(__file__).parent / "month_rows_before.html").read_text())
    expected = template.render(Context({"by_month": by_month, "union": work.union_a,
                                        "plan": work.plan, "chart_max": 12}))
    drawn = month_rows(by_month, work.union_a, year, 12)
    assert drawn.split() == expected.split()
    assert "status=overdue" in drawn and 'width="2"' in drawn
