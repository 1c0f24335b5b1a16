"""Writes to tasks, their occurrences and the progress members report."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from plans.models import (
    ProgressReport,
    Task,
    TaskOccurrence,
)
from plans.periods import check_window, cutoff_date, months_between, period_key
from union.models import Member


@transaction.atomic
def task_save(*, task: Task, supporting_groups, assignees) -> Task:
    """Save a task with its groups and people, and lay out its occurrences."""
    if not task.plan.is_editable:
        raise ValidationError(_("Kế hoạch đã kết thúc, không giao thêm nhiệm vụ được."))
    foreign = [x for x in [task.lead_group, *supporting_groups, *assignees]
               if x.union_id != task.union_id]
    if foreign:
        raise ValidationError(_("Chỉ được chọn tổ và đoàn viên của công đoàn mình."))
    task.full_clean()
    task.save()
    union = {"union_id": task.union_id}  # the join rows carry the union too
    task.supporting_groups.set([g for g in supporting_groups if g.pk != task.lead_group_id],
                               through_defaults=union)
    task.assignees.set(assignees, through_defaults=union)
    occurrences_sync(task=task)
    return task


def occurrence_periods(task: Task, cutoff_day: int) -> dict:
    """Period key → (start, due) of each occurrence: one, or one per month or quarter."""
    if task.recurrence == Task.Recurrence.ONCE:
        return {("once",): (task.start_date, task.due_date)}
    quarterly = task.recurrence == Task.Recurrence.QUARTERLY
    periods = {}
    for year, month in months_between(task.start_date, task.due_date, cutoff_day):
        last = (month - 1) // 3 * 3 + 3 if quarterly else month
        first = last - 2 if quarterly else month
        start = max(check_window(year, first, cutoff_day)[0], task.start_date)
        due = min(cutoff_date(year, last, cutoff_day), task.due_date)
        periods.setdefault(period_key(task.recurrence, due, cutoff_day), (start, due))
    return periods


def occurrences_sync(*, task: Task):
    """Make the task's occurrences match its dates; never drop one that has reports.

    An occurrence keeps its identity (and its reports) by its period: moving a one-off
    task's deadline moves its occurrence; a recurring task keeps the months it still spans.
    """
    cutoff = task.plan.cutoff_day
    wanted = occurrence_periods(task, cutoff)
    kept, dropped = {}, []
    for occurrence in task.occurrences.annotate(n=Count("reports")).order_by("due_date"):
        key = period_key(task.recurrence, occurrence.due_date, cutoff)
        if key in wanted and key not in kept:
            kept[key] = occurrence
        else:
            dropped.append(occurrence)
    reported = [o for o in dropped if o.n or o.percent]
    if reported:
        raise ValidationError(_(
            "Không thể đổi thời gian: kỳ có hạn %(due)s đã có báo cáo tiến độ. Hãy giữ kỳ đó "
            "trong khoảng thời gian của nhiệm vụ."
        ) % {"due": reported[0].due_date.strftime("%d/%m/%Y")})
    TaskOccurrence.objects.filter(pk__in=[o.pk for o in dropped]).delete()
    for key, (start, due) in wanted.items():
        if key in kept:
            TaskOccurrence.objects.filter(pk=kept[key].pk).update(period_start=start, due_date=due)
        else:
            TaskOccurrence.objects.create(union_id=task.union_id, task=task, period_start=start,
                                          due_date=due)


@transaction.atomic
def progress_report(
    *, occurrence: TaskOccurrence, member: Member, percent: int, note: str = "",
    evidence_file=None, evidence_link: str = "", today: date | None = None,
) -> ProgressReport:
    """Record a member's progress on an occurrence; 100% marks it done today."""
    today = today or timezone.localdate()
    occurrence = TaskOccurrence.objects.select_for_update().get(pk=occurrence.pk)
    if today < occurrence.period_start and percent:
        raise ValidationError(_("Kỳ này bắt đầu từ %(day)s; chưa thể báo cáo tiến độ.") % {
            "day": occurrence.period_start.strftime("%d/%m/%Y")})
    report = ProgressReport(
        union_id=occurrence.union_id, occurrence=occurrence, member=member, percent=percent,
        note=note, evidence_file=evidence_file or "", evidence_link=evidence_link,
    )
    report.full_clean()
    report.save()
    occurrence.percent = percent
    if percent == 100:
        occurrence.completed_on = occurrence.completed_on or today
    else:
        occurrence.completed_on = None
    occurrence.save(update_fields=["percent", "completed_on", "updated_at"])
    return report
