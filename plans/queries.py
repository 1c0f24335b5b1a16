"""Set-based figures for the dashboards: a fixed number of queries, whatever the row count."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from plans.models import MonthlyCheck, TaskOccurrence
from plans.periods import month_of
from union.models import UnionGroup


@dataclass
class Progress:
    total: int = 0
    done: int = 0
    on_time: int = 0
    overdue: int = 0
    weighted_percent: int = 0  # the tasks' progress, each counted by its weight
    weight: int = 0

    @property
    def late(self):
        return self.done - self.on_time

    @property
    def settled(self):
        """Done or overdue: the part of the month's bar that is decided."""
        return self.done + self.overdue

    @property
    def pending(self):
        return self.total - self.settled

    @property
    def percent(self):
        """Completion by weight, 0–100."""
        return round(self.weighted_percent / self.weight) if self.weight else 0

    def add(self, other):
        for name in ("total", "done", "on_time", "overdue", "weighted_percent", "weight"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _figures(today):
    return {
        "total": Count("pk"),
        "done": Count("pk", filter=Q(completed_on__isnull=False)),
        "on_time": Count("pk", filter=Q(completed_on__lte=F("due_date"))),
        "overdue": Count("pk", filter=Q(completed_on__isnull=True, due_date__lt=today)),
        "weighted_percent": Sum(F("percent") * F("task__weight")),
        "weight": Sum("task__weight"),
    }


def _grouped(plan, keys, today):
    """(the values of ``keys``) → Progress over the plan's occurrences, in ``keys`` order."""
    rows = (TaskOccurrence.objects.filter(task__plan=plan).values(*keys)
            .annotate(**_figures(today)).order_by(*keys))
    return {tuple(row.pop(k) for k in keys): Progress(**row) for row in rows}


POINT = ("task__point__number", "task__point", "task__point__title")
GROUP = ("task__lead_group__name", "task__lead_group")


def point_progress(plan, today=None):
    """(point id, number, title) → Progress."""
    return _grouped(plan, POINT, today or timezone.localdate())


def dashboard_progress(plan, today=None):
    """The board's dashboard's three views of a plan, from one grouped query: by point (as
    ``point_progress``), by lead group ((name, id) → Progress) and by check month ((year,
    month) of each occurrence's due date → Progress); a blank point or group comes last."""
    rows = _grouped(plan, (*POINT, *GROUP, "due_date"), today or timezone.localdate())
    points, groups, months = defaultdict(Progress), defaultdict(Progress), defaultdict(Progress)
    for key, progress in rows.items():
        points[key[:3]].add(progress)
        groups[key[3:5]].add(progress)
        months[month_of(key[5], plan.cutoff_day)].add(progress)
    return _sorted(points), _sorted(groups), dict(sorted(months.items()))


def _sorted(progress):
    return dict(sorted(progress.items(), key=lambda item: [(v is None, v) for v in item[0]]))


def checks_of_month(union, year, month):
    """Every active group with its check of the month (or None): who still owes one."""
    checks = {c.group_id: c for c in MonthlyCheck.objects.filter(
        union=union, year=year, month=month)}
    return [(group, checks.get(group.pk))
            for group in UnionGroup.objects.active().filter(union=union).select_related("leader")]
