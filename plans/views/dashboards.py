from django.db.models import Q, Sum
from django.shortcuts import render
from django.utils import timezone

from plans.models import ActionPlan, CchcIndex, CheckEntry, MonthlyCheck, TaskOccurrence
from plans.periods import check_window, month_due, month_of
from plans.permissions import can_read_reports, require
from plans.queries import checks_of_month, dashboard_progress
from plans.scoring import ScoringRules, band_of, explain_entry
from plans.views.tasks import chosen_plan, chosen_year, union_plans
from union.models import UnionGroup
from union.permissions import (
    access_for,
    can_see_group_members,
    get_for_user_or_404,
    get_union_or_404,
)
from union.views.home import home_context

DEFAULT_CUTOFF = ActionPlan._meta.get_field("cutoff_day").default


def _cutoff(plans, year):
    plan = next((p for p in plans if p.year == year), None)
    return plan.cutoff_day if plan else DEFAULT_CUTOFF


def due_window(plans, due):
    """The days the due month's check covers, by the cut-off day of that year's plan."""
    return check_window(due.year, due.month, _cutoff(plans, due.year))


def work_window(plans, due, today):
    """The group's work to show: from the due month's first day (what is being checked) to
    the last day of the month today falls in (what is coming)."""
    this_month = month_of(today, _cutoff(plans, today.year))
    last = check_window(*this_month, _cutoff(plans, this_month[0]))[1]
    return due_window(plans, due)[0], max(last, due_window(plans, due)[1])


def board_dashboard_view(request, union_pk):
    """The board's view of a year: by point, by group, by month, and this month's checks."""
    union = get_union_or_404(request.user, union_pk)
    require(can_read_reports(request.user, union))
    plans = union_plans(union)
    plan = chosen_plan(request, plans)
    today = timezone.localdate()
    due = month_due(union, today)
    context = {"union": union, "plan": plan, "years": [p.year for p in plans], "today": today,
               "month": due, "checks": checks_of_month(union, due.year, due.month),
               "cchc": cchc_history(union)}
    if plan is not None:
        points, groups, months = dashboard_progress(plan, today)
        context.update(
            by_point=[(number, title, p) for (number, _pk, title), p in points.items()],
            by_group=[(name, pk, p) for (name, pk), p in groups.items()],
            by_month=[(key, p, check_window(*key, plan.cutoff_day)) for key, p in months.items()],
            chart_max=max((p.total for p in months.values()), default=0),
        )
    return render(request, "plans/dashboard.html", context)


def cchc_history(union):
    return CchcIndex.objects.filter(union=union).annotate(
        total=Sum("domains__achieved"), maximum=Sum("domains__max_points"),
    ).order_by("year")


def group_work_view(request, pk):
    """A group leader's page: the group's tasks of the month due and the year's overdue ones,
    and the due month's check."""
    group = get_for_user_or_404(UnionGroup, request.user, pk=pk)
    require(can_see_group_members(request.user, group))
    today = timezone.localdate()
    plans = union_plans(group.union)
    due = month_due(group.union, today)
    shown = work_window(plans, due, today)
    # Overdue work of an issued plan of the due month's year only: a closed year is over.
    overdue = Q(completed_on__isnull=True, due_date__lt=today, task__plan__year=due.year,
                task__plan__status=ActionPlan.Status.ISSUED)
    occurrences = (
        TaskOccurrence.objects.filter(task__lead_group=group)
        .filter(Q(due_date__range=shown) | overdue)
        .with_status(today).select_related("task__plan").prefetch_related("task__assignees")
    )
    return render(request, "plans/group_work.html", {
        "group": group, "union": group.union, "occurrences": occurrences,
        "month": due, "window": due_window(plans, due), "shown": shown,
        "check": MonthlyCheck.objects.filter(group=group, year=due.year,
                                             month=due.month).first(),
        "recent_checks": MonthlyCheck.objects.filter(group=group)[:12],
    })


def my_work_view(request):
    """A member's own tasks and monthly scores for a year, each score with its working."""
    member = access_for(request.user).member
    if member is None:
        return render(request, "union/profile_missing.html")
    plans = union_plans(member.union)
    year = chosen_year(request, [p.year for p in plans])
    occurrences = (
        TaskOccurrence.objects.filter(union=member.union, task__assignees=member,
                                      task__plan__year=year)
        .with_status().select_related("task__plan", "task__lead_group").order_by("due_date")
    )
    entries = CheckEntry.objects.filter(member=member, check_record__year=year).select_related(
        "check_record").prefetch_related("items").order_by("check_record__month")
    scored = []
    for entry in entries:
        rules = ScoringRules.from_dict(entry.check_record.rules)
        scored.append((entry, explain_entry(entry, rules),
                       band_of(entry.score) if rules.is_nd335 else None))
    return render(request, "plans/my_work.html", {
        "member": member, "union": member.union, "year": year, "years": [p.year for p in plans],
        "pending": [o for o in occurrences if not o.completed_on],
        "finished": [o for o in reversed(occurrences) if o.completed_on],
        "entries": scored,
    })


def plans_home_context(request):
    """The home page's union part plus each role's piece of the year's plan."""
    context = home_context(request)
    access, today = context["access"], timezone.localdate()
    member = access.member
    if access.board_union_id:
        context["awaiting_confirmation"] = MonthlyCheck.objects.filter(
            union_id=access.board_union_id, status=MonthlyCheck.Status.SUBMITTED).count()
    if access.led_group_ids:
        due = month_due(member.union, today)
        checks = {c.group_id: c for c in MonthlyCheck.objects.filter(
            group_id__in=access.led_group_ids, year=due.year, month=due.month)}
        context["led_groups"] = [(g, checks.get(g.pk)) for g in context["led_groups"]]
        context["month"] = due
    if member is not None:
        context["my_next"] = (
            TaskOccurrence.objects.filter(union=member.union, task__assignees=member,
                                          completed_on__isnull=True,
                                          task__plan__status=ActionPlan.Status.ISSUED)
            .with_status(today).select_related("task__plan").order_by("due_date")[:5]
        )
    return context
