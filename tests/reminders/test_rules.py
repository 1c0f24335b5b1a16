"""The reminder rules of plans/reminders.py and emulation/reminders.py, asked through the
sweep's own question (``reminders_due``) so that each union's settings apply.

``work``'s task is due today for ``member`` and ``leader``, led by group A1 (led by
``leader``); its plan is a draft until a test issues it. ``emu`` adds a movement whose
registration is open all year and the year's evaluation cycle (deadlines 31/12).
"""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from emulation.services import evaluation_self_assess
from plans.models import ActionPlan, Task
from plans.services import (
    check_open,
    check_submit,
    plan_create,
    plan_set_status,
    progress_report,
    task_save,
)
from reminders.models import Kind, ReminderSetting
from reminders.services import reminders_due
from tests.factories import BoardMembershipFactory, MemberFactory, TermFactory
from union.models import BoardMembership, Member, UnionGroup
from union.services import member_mark_left


def reminded(today, kind, target=None):
    """(recipient id, kind, target) of what the rules would say today, of one kind."""
    return {
        (r.recipient_id, r.kind, r.target) for r in reminders_due(today=today)
        if r.kind == kind and (target is None or r.target == target)
    }


def occurrence_target(occurrence):
    return f"occurrence:{occurrence.pk}"


@pytest.fixture
def issued(work):
    """``work`` with union A's plan issued, and a second task of group A1 for ``member``
    alone (so that the group's leader is told of it as leader, not as an assignee)."""
    today = timezone.localdate()
    work.own_task = task_save(
        task=Task(union=work.union_a, plan=work.plan, point=work.plan.points.get(number=1),
                  title="Báo cáo sơ kết", product="Báo cáo", lead_group=work.group_a1,
                  start_date=date(today.year, 1, 1), due_date=today),
        supporting_groups=[], assignees=[work.member],
    )
    work.own_occurrence = work.own_task.occurrences.get()
    work.plan = plan_set_status(plan=work.plan, status=ActionPlan.Status.ISSUED)
    work.due = work.occurrence.due_date
    return work


def months_day(day_of_month):
    today = timezone.localdate()
    return date(today.year, today.month, day_of_month)


# Due soon ---------------------------------------------------------------------------------


def test_a_task_due_within_three_days_reminds_its_assignees(issued):
    w = issued
    target = occurrence_target(w.occurrence)
    assert reminded(w.due - timedelta(days=3), Kind.TASK_DUE, target) == {
        (w.member.pk, Kind.TASK_DUE, target), (w.leader.pk, Kind.TASK_DUE, target)}
    assert reminded(w.due, Kind.TASK_DUE, target) != set()


def test_a_task_due_in_four_days_reminds_nobody_yet(issued):
    assert reminded(issued.due - timedelta(days=4), Kind.TASK_DUE) == set()


def test_a_union_may_ask_to_be_reminded_earlier(issued):
    w = issued
    ReminderSetting.objects.create(union=w.union_a, task_due_days=5)
    assert reminded(w.due - timedelta(days=5), Kind.TASK_DUE, occurrence_target(w.occurrence))
    assert reminded(w.due - timedelta(days=6), Kind.TASK_DUE) == set()


def test_a_union_may_ask_to_be_reminded_later(issued):
    ReminderSetting.objects.create(union=issued.union_a, task_due_days=1)
    assert reminded(issued.due - timedelta(days=2), Kind.TASK_DUE) == set()
    assert reminded(issued.due - timedelta(days=1), Kind.TASK_DUE) != set()


def test_a_task_done_is_not_reminded(issued):
    w = issued
    progress_report(occurrence=w.occurrence, member=w.member, percent=100, today=w.due)
    assert reminded(w.due - timedelta(days=1), Kind.TASK_DUE,
                    occurrence_target(w.occurrence)) == set()


def test_a_kind_switched_off_reminds_nobody_but_the_others_still_run(issued):
    w = issued
    ReminderSetting.objects.create(union=w.union_a, disabled_kinds=[Kind.TASK_DUE])
    assert reminded(w.due - timedelta(days=1), Kind.TASK_DUE) == set()
    assert reminded(w.due + timedelta(days=1), Kind.TASK_OVERDUE) != set()


def test_an_assignee_who_left_is_not_reminded(issued):
    w = issued
    member_mark_left(member=w.leader, status=Member.Status.LEFT, on=w.due, by=None)
    assert reminded(w.due, Kind.TASK_DUE, occurrence_target(w.occurrence)) == {
        (w.member.pk, Kind.TASK_DUE, occurrence_target(w.occurrence))}


# Overdue and escalated --------------------------------------------------------------------


def test_an_overdue_task_reminds_its_assignees_and_the_lead_groups_leader(issued):
    w = issued
    target = occurrence_target(w.own_occurrence)
    assert reminded(w.due + timedelta(days=1), Kind.TASK_OVERDUE, target) == {
        (w.member.pk, Kind.TASK_OVERDUE, target), (w.leader.pk, Kind.TASK_OVERDUE, target)}


def test_a_leader_who_is_also_an_assignee_is_reminded_once(issued):
    w = issued
    due = [r for r in reminders_due(today=w.due + timedelta(days=1))
           if r.target == occurrence_target(w.occurrence) and r.recipient_id == w.leader.pk]
    assert len(due) == 1


def test_a_task_overdue_for_seven_days_is_told_to_the_chair(issued):
    w = issued
    target = occurrence_target(w.occurrence)
    assert reminded(w.due + timedelta(days=6), Kind.TASK_ESCALATED) == set()
    assert reminded(w.due + timedelta(days=7), Kind.TASK_ESCALATED, target) == {
        (w.chair.pk, Kind.TASK_ESCALATED, target)}


def test_a_union_may_escalate_sooner(issued):
    w = issued
    ReminderSetting.objects.create(union=w.union_a, overdue_escalate_days=2)
    assert reminded(w.due + timedelta(days=2), Kind.TASK_ESCALATED) != set()
    assert reminded(w.due + timedelta(days=1), Kind.TASK_ESCALATED) == set()


def test_escalation_goes_to_the_chair_of_the_current_term_only(issued):
    w = issued
    old_term = TermFactory(union=w.union_a, name="Khóa IV", start_date=date(2017, 6, 15),
                           end_date=date(2022, 6, 14))
    BoardMembershipFactory(member=w.other, term=old_term,
                           position=BoardMembership.Position.CHAIR)
    late = w.due + timedelta(days=10)
    assert {r[0] for r in reminded(late, Kind.TASK_ESCALATED)} == {w.chair.pk}
    # The current chair steps down: the old term's chair, whose seat was never closed,
    # is not the chair again.
    BoardMembership.objects.filter(member=w.chair).update(ended_on=w.due)
    assert reminded(late, Kind.TASK_ESCALATED) == set()


def test_an_overdue_task_is_reminded_once_not_every_day(issued):
    w = issued
    first = [r for r in reminders_due(today=w.due + timedelta(days=1))
             if r.kind == Kind.TASK_OVERDUE]
    later = [r for r in reminders_due(today=w.due + timedelta(days=3))
             if r.kind == Kind.TASK_OVERDUE]
    key = {(r.recipient_id, r.target, r.period) for r in first}
    assert key == {(r.recipient_id, r.target, r.period) for r in later}


# Plans that are not under way -------------------------------------------------------------


def test_a_draft_plan_reminds_nobody(work):
    due = work.occurrence.due_date
    for day in (due - timedelta(days=1), due + timedelta(days=10), months_day(28)):
        assert [r for r in reminders_due(today=day) if r.kind in PLAN_KINDS] == []


def test_a_closed_plan_reminds_nobody(issued):
    plan_set_status(plan=issued.plan, status=ActionPlan.Status.CLOSED)
    due = issued.due
    for day in (due - timedelta(days=1), due + timedelta(days=10), months_day(28)):
        assert [r for r in reminders_due(today=day) if r.kind in PLAN_KINDS] == []


PLAN_KINDS = {Kind.TASK_DUE, Kind.TASK_OVERDUE, Kind.TASK_ESCALATED, Kind.CHECK_MISSING,
              Kind.CHECK_LATE, Kind.CHECK_UNCONFIRMED}


# The monthly check ------------------------------------------------------------------------
# At fixed dates of 2026, against the union's deadline (the 5th of the next month).


@pytest.fixture
def checks_2026(world):
    """Union A's 2026 plan, issued, with a task of group A1; A1 led by ``leader`` with
    ``member`` as deputy; union B's plan likewise, its group led by ``outsider``."""
    w = world
    for union, group in ((w.union_a, w.group_a1), (w.union_b, w.group_b1)):
        plan = ActionPlan.objects.filter(union=union, year=2026).first() or plan_create(
            union=union, year=2026)
        task_save(task=Task(union=union, plan=plan, point=plan.points.get(number=1),
                            title="Báo cáo tháng", product="Báo cáo", lead_group=group,
                            start_date=date(2026, 1, 1), due_date=date(2026, 12, 31)),
                  supporting_groups=[], assignees=[])
        if plan.status == ActionPlan.Status.DRAFT:
            plan_set_status(plan=plan, status=ActionPlan.Status.ISSUED, today=date(2026, 1, 5))
    UnionGroup.objects.filter(pk=w.group_a1.pk).update(deputy=w.member)
    UnionGroup.objects.filter(pk=w.group_b1.pk).update(leader=w.outsider)
    return w


def check_reminders(today, kind):
    """(recipient, target, period, subject) of one kind of check reminder on ``today``."""
    return {(r.recipient_id, r.target, r.period, r.subject)
            for r in reminders_due(today=today) if r.kind == kind}


def test_on_2_december_the_leader_and_deputy_are_asked_for_novembers_check(checks_2026):
    w = checks_2026
    target = f"group:{w.group_a1.pk}"
    subject = "Phiếu kiểm tra tháng 11/2026: hạn nộp 05/12/2026"
    # Group A2 has neither leader nor deputy: nobody to ask there.
    assert {r for r in check_reminders(date(2026, 12, 2), Kind.CHECK_MISSING)
            if r[1] == target} == {(w.leader.pk, target, "2026-11", subject),
                                   (w.member.pk, target, "2026-11", subject)}


def test_on_the_deadline_day_november_is_still_the_month_asked_for(checks_2026):
    assert {r[2] for r in check_reminders(date(2026, 12, 5), Kind.CHECK_MISSING)} == {
        "2026-11"}
    # Only October, never opened, is late on that day.
    assert {r[2] for r in check_reminders(date(2026, 12, 5), Kind.CHECK_LATE)} == {"2026-10"}


def test_on_6_december_december_is_asked_for_and_an_unsent_november_is_late(checks_2026):
    w = checks_2026
    target = f"group:{w.group_a1.pk}"
    due = check_reminders(date(2026, 12, 6), Kind.CHECK_MISSING)
    assert {r[2] for r in due} == {"2026-12"}
    assert (w.leader.pk, target, "2026-12",
            "Phiếu kiểm tra tháng 12/2026: hạn nộp 05/01/2027") in due
    late = check_reminders(date(2026, 12, 6), Kind.CHECK_LATE)
    assert (w.leader.pk, target, "2026-11",
            "Quá hạn nộp phiếu kiểm tra tháng 11/2026") in late


def test_a_union_with_a_later_deadline_is_asked_for_november_longer(checks_2026):
    type(checks_2026.union_a).objects.filter(pk=checks_2026.union_a.pk).update(
        check_deadline_day=10)
    asked = check_reminders(date(2026, 12, 6), Kind.CHECK_MISSING)
    assert {(r[1], r[2]) for r in asked} == {
        (f"group:{checks_2026.group_a1.pk}", "2026-11"),
        (f"group:{checks_2026.group_b1.pk}", "2026-12")}


def test_a_sent_check_is_not_owed_and_the_board_hears_of_it_five_days_after_the_deadline(
        checks_2026):
    w = checks_2026
    november = check_open(group=w.group_a1, year=2026, month=11, by=w.leader.user,
                          today=date(2026, 12, 1))
    check_submit(check=november, by=w.leader.user)
    target = f"group:{w.group_a1.pk}"
    assert not [r for r in check_reminders(date(2026, 12, 2), Kind.CHECK_MISSING)
                if r[1] == target]
    assert not [r for r in check_reminders(date(2026, 12, 6), Kind.CHECK_LATE)
                if r[1] == target]
    assert check_reminders(date(2026, 12, 9), Kind.CHECK_UNCONFIRMED) == set()
    assert check_reminders(date(2026, 12, 10), Kind.CHECK_UNCONFIRMED) == {
        (w.chair.pk, f"check:{november.pk}", "2026-11",
         "Phiếu kiểm tra chờ xác nhận: Tổ Văn phòng, tháng 11/2026")}


def test_another_unions_check_reminds_its_own_people(checks_2026):
    w = checks_2026
    ReminderSetting.objects.create(union=w.union_a, disabled_kinds=[Kind.CHECK_MISSING])
    assert {(r[0], r[1]) for r in check_reminders(date(2026, 12, 2), Kind.CHECK_MISSING)} == {
        (w.outsider.pk, f"group:{w.group_b1.pk}")}


def test_a_closed_years_check_is_not_asked_for_in_january(checks_2026):
    w = checks_2026
    plan_set_status(plan=ActionPlan.objects.get(union=w.union_a, year=2026),
                    status=ActionPlan.Status.CLOSED)
    asked = check_reminders(date(2027, 1, 3), Kind.CHECK_MISSING)
    assert {r[1] for r in asked} == {f"group:{w.group_b1.pk}"}


# Registration -----------------------------------------------------------------------------


def test_an_open_registration_reminds_the_active_members_not_yet_registered(emu):
    w = emu
    MemberFactory(union=w.union_a, group=w.group_a2, status=Member.Status.LEFT,
                  status_changed_on=date(w.movement.year, 1, 2))
    target = f"movement:{w.movement.pk}"
    # ``member`` is registered (approved) and ``leader`` has sent one (pending).
    assert reminded(timezone.localdate(), Kind.REGISTRATION_OPEN, target) == {
        (w.chair.pk, Kind.REGISTRATION_OPEN, target),
        (w.other.pk, Kind.REGISTRATION_OPEN, target)}


def test_a_closed_registration_reminds_nobody(emu):
    closes = emu.movement.registration_closes
    target = f"movement:{emu.movement.pk}"
    assert reminded(closes + timedelta(days=1), Kind.REGISTRATION_OPEN, target) == set()


def test_registration_reminders_can_be_switched_off_per_union(emu):
    ReminderSetting.objects.create(union=emu.union_a, disabled_kinds=[Kind.REGISTRATION_OPEN])
    assert {r[2] for r in reminded(timezone.localdate(), Kind.REGISTRATION_OPEN)} == {
        f"movement:{emu.movement_b.pk}"}


# Year-end evaluation ----------------------------------------------------------------------


def evaluation_reminders(emu, today):
    target = f"cycle:{emu.cycle.pk}"
    return {(r.recipient_id, r.kind) for r in reminders_due(today=today)
            if r.target == target}


def test_evaluation_deadlines_four_days_away_remind_nobody(emu):
    assert evaluation_reminders(emu, date(emu.cycle.year, 12, 27)) == set()


def test_evaluation_deadlines_within_three_days_remind_whoever_owes_a_step(emu):
    w = emu
    evaluated = set(w.cycle.evaluations.values_list("member_id", flat=True))
    got = evaluation_reminders(w, date(w.cycle.year, 12, 28))
    assert {m for m, kind in got if kind == Kind.EVALUATION_SELF} == evaluated - {
        m.pk for m in Member.objects.exclude(status=Member.Status.ACTIVE)}
    # Group A1's members are proposed by its leader; group A2 has no leader to remind.
    assert {m for m, kind in got if kind == Kind.EVALUATION_PROPOSAL} == {w.leader.pk}
    assert {m for m, kind in got if kind == Kind.EVALUATION_DECISION} == {w.chair.pk}


def test_a_step_done_is_no_longer_owed(emu):
    w = emu
    year = w.cycle.year
    evaluation_self_assess(evaluation=w.evaluation, text="Hoàn thành tốt", level="httnv",
                           by=w.member.user, today=date(year, 12, 1))
    got = evaluation_reminders(w, date(year, 12, 28))
    assert (w.member.pk, Kind.EVALUATION_SELF) not in got
    assert (w.leader.pk, Kind.EVALUATION_SELF) in got


def test_a_passed_deadline_still_reminds_who_owes_the_step(emu):
    got = evaluation_reminders(emu, date(emu.cycle.year + 1, 1, 10))
    assert (emu.member.pk, Kind.EVALUATION_SELF) in got
    assert (emu.chair.pk, Kind.EVALUATION_DECISION) in got


def test_evaluation_reminders_follow_the_unions_switches(emu):
    ReminderSetting.objects.create(union=emu.union_a,
                                   disabled_kinds=[Kind.EVALUATION_SELF])
    got = evaluation_reminders(emu, date(emu.cycle.year, 12, 28))
    assert {kind for _member, kind in got} == {Kind.EVALUATION_PROPOSAL,
                                               Kind.EVALUATION_DECISION}


def test_a_reminder_says_what_in_vietnamese_with_the_date_as_dd_mm_yyyy(issued):
    w = issued
    overdue = next(r for r in reminders_due(today=w.due + timedelta(days=1))
                   if r.kind == Kind.TASK_OVERDUE and r.recipient_id == w.member.pk
                   and r.target == occurrence_target(w.occurrence))
    assert overdue.subject == "Nhiệm vụ quá hạn: Rà soát thủ tục hành chính"
    assert overdue.body == f"Hạn {w.due.strftime('%d/%m/%Y')}, đã qua 1 ngày; chưa hoàn thành."
    assert overdue.url == (reverse("plans:task-detail", args=[w.task.pk])
                           + f"#occurrence-{w.occurrence.pk}")


def test_each_monthly_repeat_of_a_task_is_named_by_its_period(checks_2026):
    w = checks_2026
    plan = ActionPlan.objects.get(union=w.union_a, year=2026)
    task_save(task=Task(union=w.union_a, plan=plan, point=plan.points.get(number=1),
                        title="Báo cáo tiến độ", product="Báo cáo", lead_group=w.group_a1,
                        start_date=date(2026, 9, 1), due_date=date(2026, 11, 30),
                        recurrence=Task.Recurrence.MONTHLY),
              supporting_groups=[], assignees=[w.member])
    subjects = sorted(r.subject for r in reminders_due(today=date(2026, 12, 2))
                      if r.kind == Kind.TASK_OVERDUE and r.recipient_id == w.member.pk)
    assert subjects == [f"Nhiệm vụ quá hạn: Báo cáo tiến độ (tháng {m}/2026)"
                        for m in ("09", "10", "11")]
    due_soon = [r.subject for r in reminders_due(today=date(2026, 11, 28))
                if r.kind == Kind.TASK_DUE and r.recipient_id == w.member.pk]
    assert due_soon == ["Nhiệm vụ sắp đến hạn: Báo cáo tiến độ (tháng 11/2026)"]
