"""Reminder rules over the plan's tasks and the monthly checks (collected by ``reminders``).

Each rule asks the database once or twice, whatever the number of unions, and answers with
``Reminder``s; the notification's unique key makes a second sweep on a day add nothing.
Only issued plans remind: a draft is not yet work, a closed year is over.
"""

from datetime import timedelta
from functools import reduce
from operator import or_

from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from plans.models import ActionPlan, MonthlyCheck, TaskOccurrence
from plans.periods import month_due_on, month_late_on, period_key, period_label
from union.models import BoardMembership, Member, Term, UnionGroup
from union.reminders import Reminder

TASK_DUE, TASK_OVERDUE, TASK_ESCALATED = "task_due", "task_overdue", "task_escalated"
CHECK_MISSING, CHECK_LATE = "check_missing", "check_late"
CHECK_UNCONFIRMED = "check_unconfirmed"
BOARD_CONFIRM_DAYS = 5  # after a check's deadline, the board is told of it still unconfirmed
MAX_DUE_DAYS = 30  # the most days ahead a union may ask for (ReminderSetting's validator)


def _open_occurrences():
    return TaskOccurrence.objects.filter(
        completed_on__isnull=True, task__plan__status=ActionPlan.Status.ISSUED,
    )


def _assigned(occurrences):
    """(occurrence, assignee id) rows, active assignees only, with what a message needs: the
    task's title named with the period of a repeated task ("Báo cáo tháng (tháng 03/2026)")."""
    rows = occurrences.filter(task__assignees__status=Member.Status.ACTIVE).values_list(
        "pk", "union_id", "task_id", "task__title", "due_date", "task__assignees",
        "task__recurrence", "task__plan__cutoff_day",
    )
    for pk, union_id, task_id, title, due, assignee, recurrence, cutoff in rows:
        yield pk, union_id, task_id, _titled(title, recurrence, due, cutoff), due, assignee


def _titled(title, recurrence, due, cutoff):
    period = period_label(period_key(recurrence, due, cutoff))
    if recurrence == "monthly":
        return _("%(task)s (tháng %(period)s)") % {"task": title, "period": period}
    if recurrence == "quarterly":
        return _("%(task)s (%(period)s)") % {"task": title, "period": period}
    return title


def _task_url(task_id, occurrence_id):
    return reverse("plans:task-detail", args=[task_id]) + f"#occurrence-{occurrence_id}"


def tasks_due(*, today, settings):
    """Not done and due within N days (per union) → each assignee, once per occurrence."""
    horizon = today + timedelta(days=MAX_DUE_DAYS)
    rows = _assigned(_open_occurrences().filter(due_date__gte=today, due_date__lte=horizon))
    for pk, union_id, task_id, title, due, assignee in rows:
        union_settings = settings[union_id]
        if not union_settings.on(TASK_DUE) or (due - today).days > union_settings.task_due_days:
            continue
        yield Reminder(
            union_id=union_id, recipient_id=assignee, kind=TASK_DUE,
            target=f"occurrence:{pk}", period=due.isoformat(),
            subject=_("Nhiệm vụ sắp đến hạn: %(task)s") % {"task": title},
            body=_("Hạn %(due)s; chưa hoàn thành.") % {"due": due.strftime("%d/%m/%Y")},
            url=_task_url(task_id, pk),
        )


def tasks_overdue(*, today, settings):
    """Overdue → the assignees and the lead group's leader; still overdue after M days →
    the board's chair. Once per occurrence each."""
    overdue = _open_occurrences().filter(due_date__lt=today)
    leaders = dict(overdue.values_list("pk", "task__lead_group__leader"))
    chairs = board_members(today, chairs_only=True)
    seen = set()
    texts = {}  # occurrence → (subject, body, url): the same for everyone it reminds
    for pk, union_id, task_id, title, due, assignee in _assigned(overdue):
        union_settings = settings[union_id]
        late = (today - due).days
        if pk not in texts:
            texts[pk] = (
                _("Nhiệm vụ quá hạn: %(task)s") % {"task": title},
                _("Hạn %(due)s, đã qua %(days)s ngày; chưa hoàn thành.") % {
                    "days": late, "due": due.strftime("%d/%m/%Y")},
                _task_url(task_id, pk),
            )
        subject, body, url = texts[pk]
        people = [(TASK_OVERDUE, assignee), (TASK_OVERDUE, leaders.get(pk))]
        if late >= union_settings.overdue_escalate_days:
            people += [(TASK_ESCALATED, chair) for chair in chairs.get(union_id, ())]
        for kind, person in people:
            if person is None or not union_settings.on(kind) or (kind, person, pk) in seen:
                continue
            seen.add((kind, person, pk))
            yield Reminder(
                union_id=union_id, recipient_id=person, kind=kind, target=f"occurrence:{pk}",
                period="overdue", subject=subject, body=body, url=url,
            )


def board_members(today, *, chairs_only=False) -> dict[int, list[int]]:
    """Union id → the member ids serving on its board in the term in force today.

    The term in force is the latest one started (as ``TermQuerySet.current``), chosen before
    the seats: a seat of an earlier term that was never closed does not count, even when
    the current term has no (active) chair.
    """
    current_term = Term.objects.filter(union=OuterRef("union")).current(today).values("pk")[:1]
    seats = BoardMembership.objects.serving().filter(
        term=Subquery(current_term), member__status=Member.Status.ACTIVE,
    ).order_by("union_id", "pk")
    if chairs_only:
        seats = seats.filter(position=BoardMembership.Position.CHAIR)
    board = {}
    for union_id, member_id in seats.values_list("union_id", "member_id"):
        board.setdefault(union_id, []).append(member_id)
    return board


def checks_due(*, today, settings):
    """The monthly check, against the union's one deadline ("hạn nộp phiếu kiểm tra"):

    - the month due (``month_due_on``) not yet submitted → the group's leader and deputy,
      once, from the day that month becomes due: "due by <deadline>";
    - last month due, its deadline passed and still not submitted → them again, once: late;
    - a check submitted but not confirmed five days after its deadline → the board.
    """
    plans = ActionPlan.objects.filter(
        year__in=(today.year - 1, today.year), status=ActionPlan.Status.ISSUED,
    ).values_list("union_id", "year", "union__check_deadline_day")
    issued = {(union_id, year) for union_id, year, _day in plans}
    deadline_days = {union_id: day for union_id, _year, day in plans}
    # Only a month of an issued plan is asked for: a draft is not yet work, a closed year over.
    due, late = {}, {}
    for union_id, day in deadline_days.items():
        for found, month in ((due, month_due_on(today, day)), (late, month_late_on(today, day))):
            if (union_id, month.year) in issued:
                found[union_id] = month
    months = {(m.year, m.month) for m in (*due.values(), *late.values())}
    asked = reduce(or_, (Q(year=year, month=month) for year, month in months), Q(pk__in=[]))
    checks = {(c.group_id, c.year, c.month): c for c in MonthlyCheck.objects.filter(
        asked, union_id__in=deadline_days.keys()).only("group_id", "year", "month", "status")}
    board = board_members(today)
    groups = UnionGroup.objects.active().filter(union_id__in=deadline_days.keys())
    for group in groups:
        union_settings = settings[group.union_id]
        for kind, month in ((CHECK_MISSING, due.get(group.union_id)),
                            (CHECK_LATE, late.get(group.union_id))):
            if month is None or not union_settings.on(kind):
                continue
            check = checks.get((group.pk, month.year, month.month))
            if check is None or check.is_editable:
                yield from _check_owed(group, check, kind, month)
        month = late.get(group.union_id)
        check = month and checks.get((group.pk, month.year, month.month))
        if (check is not None and check.status == MonthlyCheck.Status.SUBMITTED
                and today >= month.deadline + timedelta(days=BOARD_CONFIRM_DAYS)
                and union_settings.on(CHECK_UNCONFIRMED)):
            for person in board.get(group.union_id, ()):
                yield Reminder(
                    union_id=group.union_id, recipient_id=person, kind=CHECK_UNCONFIRMED,
                    target=f"check:{check.pk}", period=_period(month),
                    subject=_("Phiếu kiểm tra chờ xác nhận: %(group)s, tháng %(month)s") % {
                        "group": group.name, "month": month.label},
                    body=_("Tổ đã gửi phiếu; Ban Chấp hành chưa xác nhận (hạn nộp %(deadline)s)."
                           ) % {"deadline": month.deadline.strftime("%d/%m/%Y")},
                    url=check.get_absolute_url(),
                )


def _period(month):
    return f"{month.year}-{month.month:02d}"


def _check_owed(group, check, kind, month):
    """The leader and deputy of ``group`` owe the check of ``month`` (due, or late)."""
    deadline = month.deadline.strftime("%d/%m/%Y")
    words = {"month": month.label, "group": group.name, "deadline": deadline}
    if kind == CHECK_MISSING:
        subject = _("Phiếu kiểm tra tháng %(month)s: hạn nộp %(deadline)s") % words
        body = _("%(group)s: lập phiếu, rồi gửi Ban Chấp hành trước hạn.") % words
    else:
        subject = _("Quá hạn nộp phiếu kiểm tra tháng %(month)s") % words
        body = _("%(group)s chưa gửi phiếu cho Ban Chấp hành; hạn nộp là ngày %(deadline)s.") % (
            words)
    url = check.get_absolute_url() if check else reverse("plans:group-work", args=[group.pk])
    for person in {group.leader_id, group.deputy_id} - {None}:
        yield Reminder(
            union_id=group.union_id, recipient_id=person, kind=kind,
            target=f"group:{group.pk}", period=_period(month),
            subject=subject, body=body, url=url,
        )


RULES = [tasks_due, tasks_overdue, checks_due]
