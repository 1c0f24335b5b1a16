from django.db.models import Q, Sum
from django.shortcuts import render
from django.utils import timezone

from plans.models import ActionPlan, CchcIndex, CheckEntry, MonthlyCheck, TaskOccurrence
from plans.periods import check_window, month_of
from plans.permissions import can_read_reports, require
from plans.queries import checks_of_month, group_progress, month_progress, point_progress
from plans.scoring import explain_entry
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


def current_month(plans, today):
    """The check month today falls in, by this year's plan's cut-off day."""
    plan = next((p for p in plans if p.year == today.year), None)
    return month_of(today, plan.cutoff_day if plan else DEFAULT_CUTOFF)


def board_dashboard_view(request, union_pk):
    """The board's view of a year: by point, by group, by month, and this month's checks."""
    union = get_union_or_404(request.user, union_pk)
    require(can_read_reports(request.user, union))
    plans = union_plans(union)
    plan = chosen_plan(request, plans)
    today = timezone.localdate()
    year, month = current_month(plans, today)
    context = {"union": union, "plan": plan, "years": [p.year for p in plans], "today": today,
               "month": (year, month), "checks": checks_of_month(union, year, month),
               "cchc": cchc_history(union)}
    if plan is not None:
        months = month_progress(plan, today)
        context.update(
            by_point=[(number, title, p) for (number, _pk, title), p in
                      point_progress(plan, today).items()],
            by_group=[(name, pk, p) for (name, pk), p in group_progress(plan, today).items()],
            by_month=[(key, p, check_window(*key, plan.cutoff_day)) for key, p in months.items()],
            chart_max=max((p.total for p in months.values()), default=0),
        )
    return render(request, "plans/dashboard.html", context)


def cchc_history(union):
    return CchcIndex.objects.filter(union=union).annotate(
        total=Sum("domains__achieved"), maximum=Sum("domains__max_points"),
    ).order_by("year")


def group_work_view(request, pk):
    """A group leader's page: the group's tasks this month and overdue, and this month's check."""
    group = get_for_user_or_404(UnionGroup, request.user, pk=pk)
    require(can_see_group_members(request.user, group))
    today = timezone.localdate()
    plans = union_plans(group.union)
    year, month = current_month(plans, today)
    plan = next((p for p in plans if p.year == year), None)
    start, end = check_window(year, month, plan.cutoff_day if plan else DEFAULT_CUTOFF)
    occurrences = (
        TaskOccurrence.objects.filter(task__lead_group=group)
        .filter(Q(due_date__range=(start, end)) | Q(completed_on__isnull=True, due_date__lt=today))
        .with_status(today).select_related("task__plan").prefetch_related("task__assignees")
    )
    return render(request, "plans/group_work.html", {
        "group": group, "union": group.union, "occurrences": occurrences,
        "month": (year, month), "window": (start, end),
        "check": MonthlyCheck.objects.filter(group=group, year=year, month=month).first(),
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
        "check_record").order_by("check_record__month")
    scored = [(entry, explain_entry(entry)) for entry in entries]
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
        year, month = current_month(union_plans(member.union), today)
        checks = {c.group_id: c for c in MonthlyCheck.objects.filter(
            group_id__in=access.led_group_ids, year=year, month=month)}
        context["led_groups"] = [(g, checks.get(g.pk)) for g in context["led_groups"]]
        context["month"] = (year, month)
    if member is not None:
        context["my_next"] = (
            TaskOccurrence.objects.filter(union=member.union, task__assignees=member,
                                          completed_on__isnull=True,
                                          task__plan__status=ActionPlan.Status.ISSUED)
            .with_status(today).select_related("task__plan").order_by("due_date")[:5]
        )
    return context
