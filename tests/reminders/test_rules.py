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
from plans.services import check_submit, plan_set_status, progress_report, task_save
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
              Kind.CHECK_UNCONFIRMED}


# The monthly check ------------------------------------------------------------------------


def test_a_check_not_sent_by_the_25th_reminds_the_groups_leader_and_deputy(issued):
    w = issued
    UnionGroup.objects.filter(pk=w.group_a1.pk).update(deputy=w.member)
    target = f"group:{w.group_a1.pk}"
    assert reminded(months_day(24), Kind.CHECK_MISSING) == set()
    # Group A2 has neither leader nor deputy: nobody to remind there.
    assert reminded(months_day(25), Kind.CHECK_MISSING) == {
        (w.leader.pk, Kind.CHECK_MISSING, target), (w.member.pk, Kind.CHECK_MISSING, target)}


def test_a_union_chooses_the_day_of_the_check_reminder(issued):
    ReminderSetting.objects.create(union=issued.union_a, check_due_day=20)
    assert reminded(months_day(19), Kind.CHECK_MISSING) == set()
    assert reminded(months_day(20), Kind.CHECK_MISSING) != set()


def test_a_sent_check_is_not_missing_but_waits_five_days_for_the_board(issued):
    w = issued
    ReminderSetting.objects.create(union=w.union_a, check_due_day=20)
    check_submit(check=w.check_a1, by=w.leader.user)
    assert reminded(months_day(25), Kind.CHECK_MISSING,
                    f"group:{w.group_a1.pk}") == set()
    assert reminded(months_day(24), Kind.CHECK_UNCONFIRMED) == set()
    target = f"check:{w.check_a1.pk}"
    assert reminded(months_day(25), Kind.CHECK_UNCONFIRMED) == {
        (w.chair.pk, Kind.CHECK_UNCONFIRMED, target)}


def test_another_unions_check_reminds_its_own_people(issued):
    w = issued
    plan_b = w.plan_b
    task_save(task=Task(union=w.union_b, plan=plan_b, point=plan_b.points.get(number=1),
                        title="Nhiệm vụ B", product="Báo cáo", lead_group=w.group_b1,
                        start_date=date(w.due.year, 1, 1), due_date=w.due),
              supporting_groups=[], assignees=[w.b_member])
    plan_set_status(plan=plan_b, status=ActionPlan.Status.ISSUED)
    UnionGroup.objects.filter(pk=w.group_b1.pk).update(leader=w.outsider)
    ReminderSetting.objects.create(union=w.union_a, disabled_kinds=[Kind.CHECK_MISSING])
    assert reminded(months_day(25), Kind.CHECK_MISSING) == {
        (w.outsider.pk, Kind.CHECK_MISSING, f"group:{w.group_b1.pk}")}


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
    assert overdue.subject == "Quá hạn: Rà soát thủ tục hành chính"
    assert f"(hạn {w.due.strftime('%d/%m/%Y')})" in overdue.body
    assert overdue.url == (reverse("plans:task-detail", args=[w.task.pk])
                           + f"#occurrence-{w.occurrence.pk}")
