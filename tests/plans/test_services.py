"""The write services of plans, tasks, progress and the monthly checks.

Most tests work on a plan for 2019, a past year, and pass ``today`` explicitly, so that
every date below is fixed whatever day the tests run.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from plans.models import (
    ActionPlan,
    CheckEntry,
    MonthlyCheck,
    ProgressReport,
    Task,
    TaskOccurrence,
    TaskStatus,
)
from plans.scoring import ScoringRules
from plans.services import (
    check_confirm,
    check_entries_save,
    check_open,
    check_refill,
    check_reopen,
    check_submit,
    plan_create,
    plan_issue,
    plan_set_status,
    progress_report,
    task_save,
)
from tests.factories import GroupFactory
from union.models import DocumentKind, Member, OutgoingDocument, UnionGroup
from union.services import member_mark_left

ONCE, MONTHLY, QUARTERLY = Task.Recurrence.ONCE, Task.Recurrence.MONTHLY, Task.Recurrence.QUARTERLY


@pytest.fixture
def plan(world):
    """Union A's plan for 2019, to be signed by ``chair`` (the union's first term, with its
    chair, began in 2022)."""
    plan = plan_create(union=world.union_a, year=2019)
    plan.signer = world.chair
    plan.save()
    return plan


def add_task(world, plan, *, start, due, recurrence=ONCE, assignees=None, lead=None,
             supporting=(), point=1, title="Rà soát thủ tục hành chính"):
    task = Task(
        union=plan.union, plan=plan, point=plan.points.get(number=point), title=title,
        product="Báo cáo rà soát", lead_group=lead or world.group_a1, start_date=start,
        due_date=due, recurrence=recurrence,
    )
    return task_save(task=task, supporting_groups=list(supporting),
                     assignees=[world.member] if assignees is None else assignees)


def periods(task):
    return list(task.occurrences.order_by("due_date").values_list("period_start", "due_date"))


def dues(task):
    return [due for _, due in periods(task)]


def report(occurrence, member, percent, today):
    return progress_report(occurrence=occurrence, member=member, percent=percent, today=today)


def messages_of(error):
    return " ".join(error.value.messages)


# plan_create


def test_a_new_plan_starts_as_a_draft_without_a_number_with_the_five_points(world):
    plan = plan_create(union=world.union_a, year=2019)
    assert (plan.year, plan.status) == (2019, ActionPlan.Status.DRAFT)
    assert plan.subject == "Thực hiện công tác cải cách hành chính năm 2019"
    assert (plan.register_entry, plan.code, plan.issued_on) == (None, "", None)
    assert plan.label == "Dự thảo năm 2019"
    points = list(plan.points.all())
    assert [p.number for p in points] == [1, 2, 3, 4, 5]
    assert all(p.title and p.content and p.union == world.union_a for p in points)
    assert points[0].title == "Tuyên truyền, nâng cao nhận thức về CCHC"
    assert plan.purpose and "Lưu" not in plan.recipients


def test_a_second_plan_for_the_same_year_is_refused(world, plan):
    with pytest.raises(ValidationError) as error:
        plan_create(union=world.union_a, year=2019)
    assert "đã có kế hoạch cho năm 2019" in messages_of(error)
    assert ActionPlan.objects.filter(union=world.union_a).count() == 1


def test_another_union_may_have_a_plan_for_the_same_year(world, plan):
    assert plan_create(union=world.union_b, year=2019).union == world.union_b


def test_a_copy_takes_the_points_rules_and_tasks_moved_to_the_new_year(world, plan):
    plan.quantity_weight, plan.quality_weight, plan.timeliness_weight = 60, 25, 15
    plan.quality_penalty_percent, plan.delay_penalty_percent = 10, 20
    plan.purpose = "Mục đích riêng"
    plan.save()
    plan.points.filter(number=3).update(title="Thi đua riêng của công đoàn")
    source = add_task(world, plan, start=date(2019, 3, 1), due=date(2019, 4, 30), point=3,
                      supporting=[world.group_a2], assignees=[world.member, world.leader])

    plan_issue(plan=plan, issued_on=date(2019, 1, 15))

    copy = plan_create(union=world.union_a, year=2020, copy_from=plan)

    # The copy is a draft: the number of the plan it copies stays with that plan.
    assert (copy.year, copy.status, copy.code) == (2020, ActionPlan.Status.DRAFT, "")
    assert OutgoingDocument.objects.of_source(copy).count() == 0
    assert ScoringRules.of_plan(copy) == ScoringRules(60, 25, 15, 10, 20)
    assert (copy.purpose, copy.signer) == ("Mục đích riêng", world.chair)
    assert [p.title for p in copy.points.all()] == [p.title for p in plan.points.all()]
    task = copy.tasks.get()
    assert task.pk != source.pk
    assert (task.title, task.point.number, task.point.plan) == (source.title, 3, copy)
    assert (task.start_date, task.due_date) == (date(2020, 3, 1), date(2020, 4, 30))
    assert set(task.assignees.all()) == {world.member, world.leader}
    assert list(task.supporting_groups.all()) == [world.group_a2]
    assert dues(task) == [date(2020, 4, 30)]
    assert dues(source) == [date(2019, 4, 30)]  # the old plan is left as it was


def test_a_new_plan_opens_with_grounds_in_the_unions_names(world):
    union = world.union_a
    union.upper_union_name = "Công đoàn Viên chức tỉnh Gia Lai"
    union.agency = "Sở Thông tin và Truyền thông tỉnh Gia Lai"
    union.save()
    plan = plan_create(union=union, year=2019)
    assert plan.grounds.splitlines() == [
        "Căn cứ Điều lệ Công đoàn Việt Nam;",
        "Căn cứ Chương trình công tác năm 2019 của Công đoàn Viên chức tỉnh Gia Lai;",
        "Căn cứ Kế hoạch cải cách hành chính năm 2019 của Sở Thông tin và Truyền thông tỉnh "
        "Gia Lai,",
    ]


def test_without_a_letterhead_the_grounds_name_the_parent_union_and_the_agency_is_generic(
        world):
    plan = plan_create(union=world.union_b, year=2020)
    assert plan.grounds.splitlines()[1:] == [
        "Căn cứ Chương trình công tác năm 2020 của Công đoàn Viên chức tỉnh;",
        "Căn cứ Kế hoạch cải cách hành chính năm 2020 của cơ quan,",
    ]


def test_a_copy_takes_the_grounds_with_the_year_but_not_the_dates_of_texts_cited(world, plan):
    plan.grounds = ("Căn cứ Luật Công đoàn ngày 27 tháng 11 năm 2019;\n"
                    "Căn cứ Chương trình công tác năm 2019 của Công đoàn Viên chức tỉnh;\n"
                    "Căn cứ Kế hoạch số 12/KH-SNV ngày 5 tháng 1 năm 2019 về CCHC năm 2019,")
    plan.save()
    copy = plan_create(union=world.union_a, year=2026, copy_from=plan)
    assert copy.grounds.splitlines() == [
        "Căn cứ Luật Công đoàn ngày 27 tháng 11 năm 2019;",
        "Căn cứ Chương trình công tác năm 2026 của Công đoàn Viên chức tỉnh;",
        "Căn cứ Kế hoạch số 12/KH-SNV ngày 5 tháng 1 năm 2019 về CCHC năm 2026,",
    ]


def test_a_copy_drops_assignees_who_left(world, plan):
    add_task(world, plan, start=date(2019, 3, 1), due=date(2019, 4, 30),
             assignees=[world.member, world.leader])
    member_mark_left(member=world.leader, status=Member.Status.TRANSFERRED,
                     on=date(2019, 12, 31), by=world.chair.user)
    copy = plan_create(union=world.union_a, year=2020, copy_from=plan)
    assert list(copy.tasks.get().assignees.all()) == [world.member]


def test_a_copy_drops_a_signer_who_left(world, plan):
    plan.signer = world.leader
    plan.save()
    member_mark_left(member=world.leader, status=Member.Status.RETIRED, on=date(2019, 12, 31),
                     by=world.chair.user)
    copy = plan_create(union=world.union_a, year=2020, copy_from=plan)
    assert copy.signer is None


def test_a_copy_leaves_out_tasks_of_a_group_that_closed(world, plan):
    add_task(world, plan, start=date(2019, 3, 1), due=date(2019, 4, 30), title="Của tổ A1")
    add_task(world, plan, start=date(2019, 3, 1), due=date(2019, 4, 30), title="Của tổ A2",
             lead=world.group_a2, assignees=[world.other])
    UnionGroup.objects.filter(pk=world.group_a2.pk).update(is_active=False)
    copy = plan_create(union=world.union_a, year=2020, copy_from=plan)
    assert [t.title for t in copy.tasks.all()] == ["Của tổ A1"]


def test_a_copy_moves_29_february_to_28_february(world):
    leap = plan_create(union=world.union_a, year=2020)
    add_task(world, leap, start=date(2020, 2, 1), due=date(2020, 2, 29))
    copy = plan_create(union=world.union_a, year=2021, copy_from=leap)
    assert copy.tasks.get().due_date == date(2021, 2, 28)


# plan_issue and plan_set_status


def test_issuing_a_plan_without_tasks_is_refused(plan):
    with pytest.raises(ValidationError) as error:
        plan_set_status(plan=plan, status=ActionPlan.Status.ISSUED, today=date(2019, 3, 5))
    assert "chưa có nhiệm vụ nào" in messages_of(error)
    plan.refresh_from_db()
    assert (plan.status, plan.issued_on) == (ActionPlan.Status.DRAFT, None)
    assert OutgoingDocument.objects.count() == 0


def test_issuing_a_plan_dates_it_today_with_the_next_number(world, plan):
    add_task(world, plan, start=date(2019, 3, 1), due=date(2019, 4, 30))
    plan_set_status(plan=plan, status=ActionPlan.Status.ISSUED, today=date(2019, 3, 5))
    plan.refresh_from_db()
    assert (plan.status, plan.issued_on, plan.code) == (
        ActionPlan.Status.ISSUED, date(2019, 3, 5), "01/KH-CĐCS")


def test_issuing_a_plan_registers_it_with_its_subject_signer_and_recipients(world, plan):
    add_task(world, plan, start=date(2019, 3, 1), due=date(2019, 4, 30))
    plan.signer, plan.recipients = world.other, "Công đoàn Viên chức tỉnh;\nLãnh đạo Sở"
    plan.save()
    plan_issue(plan=plan, issued_on=date(2019, 1, 15), by=world.chair.user)
    entry = OutgoingDocument.objects.get()
    assert (entry.union, entry.kind, entry.year, entry.number, entry.issued_on) == (
        world.union_a, DocumentKind.PLAN, 2019, 1, date(2019, 1, 15))
    assert (entry.source, entry.subject, entry.signer_name) == (
        plan, plan.subject, world.other.full_name)
    assert entry.signer_lines == ("TM. BAN CHẤP HÀNH", "CHỦ TỊCH")
    assert entry.recipient_list == ["Công đoàn Viên chức tỉnh;", "Lãnh đạo Sở"]
    assert entry.created_by == world.chair.user


def test_a_plan_without_a_signer_is_signed_by_the_chair_of_the_day(world):
    plan = plan_create(union=world.union_a, year=2023)
    add_task(world, plan, start=date(2023, 3, 1), due=date(2023, 4, 30))
    issued = plan_issue(plan=plan, issued_on=date(2023, 1, 15))
    assert issued.register_entry.signer_name == world.chair.full_name


def test_a_plan_dated_when_the_union_had_no_chair_needs_a_signer(world, plan):
    plan.signer = None
    plan.save()
    add_task(world, plan, start=date(2019, 3, 1), due=date(2019, 4, 30))
    with pytest.raises(ValidationError) as error:
        plan_issue(plan=plan, issued_on=date(2019, 1, 15))  # the first term began in 2022
    assert "chưa có Chủ tịch" in messages_of(error)
    issued = plan_issue(plan=plan, issued_on=date(2019, 1, 15), signer_name="Nguyễn Văn An")
    assert issued.register_entry.signer_name == "Nguyễn Văn An"


def test_a_plan_takes_the_number_after_the_other_plans_of_its_year_of_issue(world, plan):
    """Next year's plan issued in December takes the next KH number of December's year."""
    add_task(world, plan, start=date(2019, 3, 1), due=date(2019, 4, 30))
    plan_issue(plan=plan, issued_on=date(2019, 1, 15))
    next_year = plan_create(union=world.union_a, year=2020, copy_from=plan)
    plan_issue(plan=next_year, issued_on=date(2019, 12, 20))
    later = plan_create(union=world.union_a, year=2021, copy_from=plan)
    plan_issue(plan=later, issued_on=date(2021, 1, 10))
    assert [p.code for p in (plan, next_year, later)] == [
        "01/KH-CĐCS", "02/KH-CĐCS", "01/KH-CĐCS"]


def test_a_plan_is_issued_once(world, plan):
    add_task(world, plan, start=date(2019, 3, 1), due=date(2019, 4, 30))
    plan_issue(plan=plan, issued_on=date(2019, 1, 15))
    with pytest.raises(ValidationError) as error:
        plan_issue(plan=plan, issued_on=date(2019, 2, 1))
    assert "chỉ cấp số một lần" in messages_of(error)
    assert OutgoingDocument.objects.get().issued_on == date(2019, 1, 15)


def test_an_issued_plan_closes_and_cannot_be_issued_again(world, plan):
    add_task(world, plan, start=date(2019, 3, 1), due=date(2019, 4, 30))
    plan_set_status(plan=plan, status=ActionPlan.Status.ISSUED, today=date(2019, 3, 5))
    plan_set_status(plan=plan, status=ActionPlan.Status.CLOSED)
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.CLOSED and not plan.is_editable
    with pytest.raises(ValidationError) as error:
        plan_set_status(plan=plan, status=ActionPlan.Status.ISSUED)
    assert "Không thể chuyển kế hoạch từ “Đã kết thúc” sang “Đã ban hành”" in messages_of(error)
    assert ActionPlan.objects.get(pk=plan.pk).status == ActionPlan.Status.CLOSED


def test_a_draft_plan_cannot_be_closed(world, plan):
    with pytest.raises(ValidationError) as error:
        plan_set_status(plan=plan, status=ActionPlan.Status.CLOSED)
    assert "“Dự thảo” sang “Đã kết thúc”" in messages_of(error)


def test_a_closed_plan_takes_no_new_task(world, plan):
    add_task(world, plan, start=date(2019, 3, 1), due=date(2019, 4, 30))
    ActionPlan.objects.filter(pk=plan.pk).update(status=ActionPlan.Status.CLOSED)
    plan.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        add_task(world, plan, start=date(2019, 5, 1), due=date(2019, 5, 30))
    assert "Kế hoạch đã kết thúc" in messages_of(error)
    assert plan.tasks.count() == 1


# task_save: occurrences


def test_a_one_off_task_has_one_occurrence_over_its_dates(world, plan):
    task = add_task(world, plan, start=date(2019, 3, 1), due=date(2019, 4, 30))
    assert periods(task) == [(date(2019, 3, 1), date(2019, 4, 30))]
    assert task.occurrences.get().period_label == ""


def test_a_monthly_task_from_january_to_june_is_due_at_each_month_end(world, plan):
    task = add_task(world, plan, start=date(2019, 1, 1), due=date(2019, 6, 30),
                    recurrence=MONTHLY)
    assert periods(task) == [
        (date(2019, 1, 1), date(2019, 1, 31)), (date(2019, 2, 1), date(2019, 2, 28)),
        (date(2019, 3, 1), date(2019, 3, 31)), (date(2019, 4, 1), date(2019, 4, 30)),
        (date(2019, 5, 1), date(2019, 5, 31)), (date(2019, 6, 1), date(2019, 6, 30)),
    ]
    assert [o.period_label for o in task.occurrences.all()][:2] == ["01/2019", "02/2019"]


def test_a_monthly_task_with_cutoff_14_is_due_on_each_14th(world, plan):
    ActionPlan.objects.filter(pk=plan.pk).update(cutoff_day=14)
    plan.refresh_from_db()
    task = add_task(world, plan, start=date(2019, 1, 1), due=date(2019, 6, 14),
                    recurrence=MONTHLY)
    assert dues(task) == [date(2019, m, 14) for m in range(1, 7)]
    assert periods(task)[:2] == [
        (date(2019, 1, 1), date(2019, 1, 14)), (date(2019, 1, 15), date(2019, 2, 14)),
    ]


def test_a_monthly_task_with_cutoff_14_ending_on_the_30th_has_a_last_short_period(world, plan):
    ActionPlan.objects.filter(pk=plan.pk).update(cutoff_day=14)
    plan.refresh_from_db()
    task = add_task(world, plan, start=date(2019, 1, 1), due=date(2019, 6, 30),
                    recurrence=MONTHLY)
    assert dues(task) == [*(date(2019, m, 14) for m in range(1, 7)), date(2019, 6, 30)]
    assert periods(task)[-1] == (date(2019, 6, 15), date(2019, 6, 30))


def test_with_cutoff_14_each_period_is_labelled_with_the_check_month_that_counts_it(world, plan):
    ActionPlan.objects.filter(pk=plan.pk).update(cutoff_day=14)
    plan.refresh_from_db()
    task = add_task(world, plan, start=date(2019, 1, 1), due=date(2019, 6, 30),
                    recurrence=MONTHLY)
    assert [o.period_label for o in task.occurrences.all()] == [
        f"{m:02d}/2019" for m in range(1, 8)]


def test_a_quarterly_task_over_the_year_is_due_at_each_quarter_end(world, plan):
    task = add_task(world, plan, start=date(2019, 1, 1), due=date(2019, 12, 31),
                    recurrence=QUARTERLY)
    assert periods(task) == [
        (date(2019, 1, 1), date(2019, 3, 31)), (date(2019, 4, 1), date(2019, 6, 30)),
        (date(2019, 7, 1), date(2019, 9, 30)), (date(2019, 10, 1), date(2019, 12, 31)),
    ]
    assert [o.period_label for o in task.occurrences.all()] == [
        "quý I/2019", "quý II/2019", "quý III/2019", "quý IV/2019",
    ]


def test_a_quarterly_task_starting_and_ending_mid_quarter_is_cut_to_its_dates(world, plan):
    task = add_task(world, plan, start=date(2019, 2, 10), due=date(2019, 8, 15),
                    recurrence=QUARTERLY)
    assert periods(task) == [
        (date(2019, 2, 10), date(2019, 3, 31)), (date(2019, 4, 1), date(2019, 6, 30)),
        (date(2019, 7, 1), date(2019, 8, 15)),
    ]


def test_shrinking_a_task_drops_the_occurrences_without_reports(world, plan):
    task = add_task(world, plan, start=date(2019, 1, 1), due=date(2019, 6, 30),
                    recurrence=MONTHLY)
    kept = task.occurrences.get(due_date=date(2019, 2, 28))
    task.due_date = date(2019, 3, 31)
    task_save(task=task, supporting_groups=[], assignees=[world.member])
    assert dues(task) == [date(2019, 1, 31), date(2019, 2, 28), date(2019, 3, 31)]
    assert task.occurrences.get(due_date=date(2019, 2, 28)).pk == kept.pk


def test_shrinking_a_task_past_an_occurrence_with_a_report_is_refused(world, plan):
    task = add_task(world, plan, start=date(2019, 1, 1), due=date(2019, 6, 30),
                    recurrence=MONTHLY)
    report(task.occurrences.get(due_date=date(2019, 5, 31)), world.member, 30, date(2019, 5, 10))
    task.due_date = date(2019, 3, 31)
    with pytest.raises(ValidationError) as error:
        task_save(task=task, supporting_groups=[], assignees=[world.member])
    assert "kỳ có hạn 31/05/2019 đã có báo cáo tiến độ" in messages_of(error)
    assert Task.objects.get(pk=task.pk).due_date == date(2019, 6, 30)
    assert len(dues(task)) == 6


def test_extending_a_one_off_task_keeps_its_reported_occurrence(world, plan):
    task = add_task(world, plan, start=date(2019, 3, 1), due=date(2019, 3, 31))
    occurrence = task.occurrences.get()
    report(occurrence, world.member, 50, date(2019, 3, 20))
    task.due_date = date(2019, 4, 30)
    task_save(task=task, supporting_groups=[], assignees=[world.member])
    moved = task.occurrences.get()
    assert (moved.pk, moved.due_date, moved.percent) == (occurrence.pk, date(2019, 4, 30), 50)


def test_a_due_date_before_the_start_is_refused(world, plan):
    with pytest.raises(ValidationError) as error:
        add_task(world, plan, start=date(2019, 5, 1), due=date(2019, 4, 30))
    assert "Thời hạn không thể trước ngày bắt đầu" in messages_of(error)
    assert not Task.objects.exists()


def test_a_member_of_another_union_as_assignee_is_refused(world, plan):
    with pytest.raises(ValidationError) as error:
        add_task(world, plan, start=date(2019, 3, 1), due=date(2019, 4, 30),
                 assignees=[world.member, world.b_member])
    assert "Chỉ được chọn tổ và đoàn viên của công đoàn mình" in messages_of(error)
    assert not Task.objects.exists()


def test_a_group_of_another_union_as_lead_or_supporting_group_is_refused(world, plan):
    with pytest.raises(ValidationError):
        add_task(world, plan, start=date(2019, 3, 1), due=date(2019, 4, 30),
                 lead=world.group_b1)
    with pytest.raises(ValidationError):
        add_task(world, plan, start=date(2019, 3, 1), due=date(2019, 4, 30),
                 supporting=[world.group_b1])
    assert not Task.objects.exists()


def test_the_lead_group_is_not_also_a_supporting_group(world, plan):
    task = add_task(world, plan, start=date(2019, 3, 1), due=date(2019, 4, 30),
                    supporting=[world.group_a1, world.group_a2])
    assert list(task.supporting_groups.all()) == [world.group_a2]


# progress_report and the derived status


@pytest.fixture
def occurrence(world, plan):
    """A one-off task from 01/03/2019, due 10/03/2019."""
    return add_task(world, plan, start=date(2019, 3, 1), due=date(2019, 3, 10)).occurrences.get()


def test_a_report_of_100_percent_marks_the_occurrence_done_that_day(world, occurrence):
    saved = report(occurrence, world.member, 100, date(2019, 3, 8))
    occurrence.refresh_from_db()
    assert (occurrence.percent, occurrence.completed_on) == (100, date(2019, 3, 8))
    assert (saved.member, saved.percent, saved.union) == (world.member, 100, world.union_a)


def test_a_second_report_of_100_percent_keeps_the_first_completion_day(world, occurrence):
    report(occurrence, world.member, 100, date(2019, 3, 8))
    report(occurrence, world.leader, 100, date(2019, 3, 12))
    occurrence.refresh_from_db()
    assert occurrence.completed_on == date(2019, 3, 8)
    assert ProgressReport.objects.filter(occurrence=occurrence).count() == 2


def test_a_report_under_100_percent_after_completion_reopens_the_occurrence(world, occurrence):
    report(occurrence, world.member, 100, date(2019, 3, 8))
    report(occurrence, world.member, 80, date(2019, 3, 9))
    occurrence.refresh_from_db()
    assert (occurrence.percent, occurrence.completed_on) == (80, None)


def test_a_report_before_the_period_starts_is_refused(world, occurrence):
    with pytest.raises(ValidationError) as error:
        report(occurrence, world.member, 10, date(2019, 2, 20))
    assert "bắt đầu từ 01/03/2019; chưa thể báo cáo" in messages_of(error)
    assert not ProgressReport.objects.exists()


def test_a_report_keeps_its_evidence_file(world, occurrence):
    saved = progress_report(
        occurrence=occurrence, member=world.member, percent=40, note="Đã xong phần 1",
        evidence_file=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4"), today=date(2019, 3, 5),
    )
    assert saved.evidence_file.name.startswith(f"evidence/{world.union_a.pk}/")
    assert saved.evidence_file.name.endswith(".pdf")
    assert saved.evidence_file.read() == b"%PDF-1.4"


@pytest.mark.parametrize(("reports", "today", "status"), [
    ([(date(2019, 3, 8), 100)], date(2019, 3, 20), TaskStatus.DONE),
    ([(date(2019, 3, 10), 100)], date(2019, 3, 20), TaskStatus.DONE),
    ([(date(2019, 3, 12), 100)], date(2019, 3, 20), TaskStatus.DONE_LATE),
    ([(date(2019, 3, 5), 50)], date(2019, 3, 11), TaskStatus.OVERDUE),
    ([], date(2019, 3, 11), TaskStatus.OVERDUE),
    ([(date(2019, 3, 5), 50)], date(2019, 3, 10), TaskStatus.IN_PROGRESS),
    ([], date(2019, 3, 10), TaskStatus.NOT_STARTED),
])
def test_the_status_follows_from_the_dates_and_the_progress(world, occurrence, reports, today,
                                                           status):
    for day, percent in reports:
        report(occurrence, world.member, percent, day)
    annotated = TaskOccurrence.objects.with_status(today).get(pk=occurrence.pk)
    assert annotated.status == status
    occurrence.refresh_from_db()
    assert occurrence.status_on(today) == status


# check_open


@pytest.fixture
def march(world, plan):
    """Tasks around March 2019 for the members of group A1 (``leader`` and ``member``)."""
    both = add_task(world, plan, start=date(2019, 3, 1), due=date(2019, 3, 10), title="Chung",
                    assignees=[world.member, world.leader, world.chair])
    report(both.occurrences.get(), world.member, 100, date(2019, 3, 8))  # on time
    late = add_task(world, plan, start=date(2019, 3, 1), due=date(2019, 3, 25), title="Chậm")
    report(late.occurrences.get(), world.member, 100, date(2019, 3, 28))
    add_task(world, plan, start=date(2019, 3, 1), due=date(2019, 4, 5), title="Tháng 4")
    add_task(world, plan, start=date(2019, 2, 1), due=date(2019, 2, 20), title="Tháng 2")
    add_task(world, plan, start=date(2019, 1, 1), due=date(2019, 6, 30), title="Hằng tháng",
             recurrence=MONTHLY, assignees=[world.leader])
    add_task(world, plan, start=date(2019, 3, 1), due=date(2019, 3, 20), title="Tổ A2",
             lead=world.group_a2, assignees=[world.chair, world.other])
    return plan


def counts(check):
    return {e.member: (e.assigned, e.done, e.on_time, e.quality_passed, e.score)
            for e in check.entries.all()}


def test_a_check_is_filled_per_member_from_the_occurrences_due_in_its_month(world, march):
    check = check_open(group=world.group_a1, year=2019, month=3, by=world.leader.user,
                       today=date(2019, 4, 2))
    assert (check.period_start, check.period_end) == (date(2019, 3, 1), date(2019, 3, 31))
    assert (check.union, check.status) == (world.union_a, MonthlyCheck.Status.DRAFT)
    assert check.rules == ScoringRules().as_dict()
    # member: "Chung" on time and "Chậm" late; leader: "Chung" done, March of "Hằng tháng" not.
    assert counts(check) == {
        world.member: (2, 2, 1, 2, Decimal("97.50")),
        world.leader: (2, 1, 1, 1, Decimal("50.00")),
    }
    assert check.history.get().history_user == world.leader.user


def test_a_check_with_cutoff_14_counts_from_the_15th_before_to_the_14th(world, plan):
    ActionPlan.objects.filter(pk=plan.pk).update(cutoff_day=14)
    plan.refresh_from_db()
    add_task(world, plan, start=date(2019, 2, 1), due=date(2019, 2, 20), title="Trong kỳ")
    add_task(world, plan, start=date(2019, 3, 1), due=date(2019, 3, 14), title="Ngày chốt")
    add_task(world, plan, start=date(2019, 3, 1), due=date(2019, 3, 15), title="Kỳ sau")
    add_task(world, plan, start=date(2019, 2, 1), due=date(2019, 2, 14), title="Kỳ trước")
    check = check_open(group=world.group_a1, year=2019, month=3, by=None, today=date(2019, 3, 20))
    assert (check.period_start, check.period_end) == (date(2019, 2, 15), date(2019, 3, 14))
    assert counts(check)[world.member][:3] == (2, 0, 0)


def test_a_check_takes_the_rules_of_the_plan_of_its_year(world, plan):
    ActionPlan.objects.filter(pk=plan.pk).update(quantity_weight=40, quality_weight=40,
                                                 delay_penalty_percent=50)
    check = check_open(group=world.group_a1, year=2019, month=3, by=None, today=date(2019, 4, 2))
    assert ScoringRules.from_dict(check.rules) == ScoringRules(40, 40, 20, 25, 50)


def test_a_check_without_a_plan_for_its_year_uses_the_default_rules(world):
    check = check_open(group=world.group_a1, year=2018, month=2, by=None, today=date(2019, 1, 1))
    assert (check.period_start, check.period_end) == (date(2018, 2, 1), date(2018, 2, 28))
    assert check.rules == ScoringRules().as_dict()
    assert counts(check) == {world.member: (0, 0, 0, 0, None), world.leader: (0, 0, 0, 0, None)}


def test_a_member_who_left_before_the_month_gets_no_entry(world, plan):
    member_mark_left(member=world.member, status=Member.Status.RETIRED, on=date(2019, 2, 1),
                     by=None)
    check = check_open(group=world.group_a1, year=2019, month=3, by=None, today=date(2019, 4, 2))
    assert list(counts(check)) == [world.leader]


def test_a_member_who_left_during_the_month_is_still_checked_for_it(world, plan):
    member_mark_left(member=world.member, status=Member.Status.RETIRED, on=date(2019, 3, 15),
                     by=None)
    check = check_open(group=world.group_a1, year=2019, month=3, by=None, today=date(2019, 4, 2))
    assert set(counts(check)) == {world.leader, world.member}


def test_a_member_who_joined_after_the_month_gets_no_entry(world, plan):
    Member.objects.filter(pk=world.member.pk).update(joined_union_on=date(2019, 4, 1))
    check = check_open(group=world.group_a1, year=2019, month=3, by=None, today=date(2019, 4, 2))
    assert list(counts(check)) == [world.leader]


def test_a_check_for_a_month_not_yet_begun_is_refused(world, plan):
    with pytest.raises(ValidationError) as error:
        check_open(group=world.group_a1, year=2019, month=5, by=None, today=date(2019, 4, 2))
    assert "Tháng 05/2019 chưa bắt đầu" in messages_of(error)
    assert not MonthlyCheck.objects.exists()
    # The month under way may be opened.
    assert check_open(group=world.group_a1, year=2019, month=4, by=None, today=date(2019, 4, 2))


def test_a_second_check_for_the_same_group_and_month_is_refused(world, plan):
    check_open(group=world.group_a1, year=2019, month=3, by=None, today=date(2019, 4, 2))
    with pytest.raises(ValidationError) as error:
        check_open(group=world.group_a1, year=2019, month=3, by=None, today=date(2019, 4, 2))
    assert "đã có phiếu kiểm tra tháng 03/2019" in messages_of(error)
    assert MonthlyCheck.objects.count() == 1
    assert CheckEntry.objects.count() == 2
    # Another group may have its own check for the month.
    check_open(group=world.group_a2, year=2019, month=3, by=None, today=date(2019, 4, 2))


# check_entries_save and the check's steps


@pytest.fixture
def check(world, march):
    return check_open(group=world.group_a1, year=2019, month=3, by=world.leader.user,
                      today=date(2019, 4, 2))


def entry_of(check, member):
    return check.entries.get(member=member)


def row(**changes):
    return {"assigned": 4, "done": 3, "on_time": 2, "quality_passed": 2, "remark": "",
            **changes}


def save_rows(check, rows, *, by, note="", version=None):
    version = version or MonthlyCheck.objects.get(pk=check.pk).updated_at.isoformat()
    return check_entries_save(check=check, rows=rows, note=note, version=version, by=by)


def test_saving_entries_recomputes_their_scores(world, check):
    entry = entry_of(check, world.member)
    save_rows(check, {entry.pk: row(remark="Tích cực")}, note="Tổ làm tốt",
              by=world.leader.user)
    entry.refresh_from_db()
    assert (entry.assigned, entry.done, entry.on_time, entry.quality_passed) == (4, 3, 2, 2)
    assert (entry.score, entry.remark) == (Decimal("71.88"), "Tích cực")
    assert MonthlyCheck.objects.get(pk=check.pk).note == "Tổ làm tốt"
    assert entry_of(check, world.leader).score == Decimal("50.00")  # untouched


def test_saving_entries_scores_by_the_checks_rules_not_the_plans_later_ones(world, check):
    ActionPlan.objects.filter(union=world.union_a, year=2019).update(
        quantity_weight=40, quality_weight=40, quality_penalty_percent=100)
    entry = entry_of(check, world.member)
    save_rows(check, {entry.pk: row()}, by=world.leader.user)
    entry.refresh_from_db()
    assert entry.score == Decimal("71.88")


def test_saving_a_done_count_over_the_assigned_count_saves_nothing(world, check):
    leader, member = entry_of(check, world.leader), entry_of(check, world.member)
    with pytest.raises(ValidationError) as error:
        save_rows(check, {leader.pk: row(remark="Tốt"), member.pk: row(done=5)},
                  by=world.leader.user)
    assert world.member.full_name in messages_of(error)
    assert "Số hoàn thành không thể lớn hơn số được giao" in messages_of(error)
    assert entry_of(check, world.leader).remark == ""
    assert counts(check)[world.member] == (2, 2, 1, 2, Decimal("97.50"))


def test_a_save_from_a_stale_page_is_refused_and_the_first_save_stays(world, check):
    opened = check.updated_at.isoformat()  # both people opened the page now
    entry = entry_of(check, world.member)
    save_rows(check, {entry.pk: row(remark="Bản của tổ trưởng")}, by=world.leader.user,
              note="Tổ trưởng", version=opened)
    with pytest.raises(ValidationError) as error:
        save_rows(check, {entry.pk: row(done=1, on_time=1, quality_passed=1,
                                        remark="Bản của tổ phó")},
                  by=world.chair.user, note="Tổ phó", version=opened)
    assert "vừa được người khác lưu" in messages_of(error)
    entry.refresh_from_db()
    assert (entry.done, entry.remark, entry.score) == (3, "Bản của tổ trưởng", Decimal("71.88"))
    assert MonthlyCheck.objects.get(pk=check.pk).note == "Tổ trưởng"


def test_a_confirmed_check_cannot_be_edited(world, check):
    submitted = check_submit(check=check, by=world.leader.user)
    assert submitted.status == MonthlyCheck.Status.SUBMITTED and submitted.submitted_at
    confirmed = check_confirm(check=check, by=world.chair.user)
    assert confirmed.status == MonthlyCheck.Status.CONFIRMED and confirmed.confirmed_at
    entry = entry_of(check, world.member)
    with pytest.raises(ValidationError) as error:
        save_rows(check, {entry.pk: row()}, by=world.leader.user)
    assert "“Đã xác nhận”, không sửa được" in messages_of(error)
    assert entry_of(check, world.member).assigned == 2


def test_a_submitted_check_cannot_be_edited_or_refilled(world, check):
    check_submit(check=check, by=world.leader.user)
    entry = entry_of(check, world.member)
    with pytest.raises(ValidationError, match="không sửa được"):
        save_rows(check, {entry.pk: row()}, by=world.leader.user)
    with pytest.raises(ValidationError, match="không sửa được"):
        check_refill(check=check, by=world.leader.user)


def test_confirming_a_draft_is_refused(world, check):
    with pytest.raises(ValidationError) as error:
        check_confirm(check=check, by=world.chair.user)
    assert "Không thể chuyển phiếu từ “Đang lập” sang “Đã xác nhận”" in messages_of(error)
    assert MonthlyCheck.objects.get(pk=check.pk).status == MonthlyCheck.Status.DRAFT


def test_submitting_a_check_without_members_is_refused(world, plan):
    empty = GroupFactory(union=world.union_a, name="Tổ mới")
    check = check_open(group=empty, year=2019, month=3, by=None, today=date(2019, 4, 2))
    with pytest.raises(ValidationError, match="chưa có đoàn viên nào"):
        check_submit(check=check, by=None)


def test_reopening_needs_a_reason(world, check):
    check_submit(check=check, by=world.leader.user)
    check_confirm(check=check, by=world.chair.user)
    with pytest.raises(ValidationError) as error:
        check_reopen(check=check, reason="   ", by=world.chair.user)
    assert "Cần ghi lý do mở lại" in messages_of(error)
    assert MonthlyCheck.objects.get(pk=check.pk).status == MonthlyCheck.Status.CONFIRMED


def test_reopening_records_the_reason_and_makes_the_check_editable_again(world, check):
    check_submit(check=check, by=world.leader.user)
    check_confirm(check=check, by=world.chair.user)
    reopened = check_reopen(check=check, reason=" Số liệu tháng 3 chưa đúng ",
                            by=world.chair.user)
    assert (reopened.status, reopened.reopen_reason, reopened.confirmed_at) == (
        MonthlyCheck.Status.REOPENED, "Số liệu tháng 3 chưa đúng", None,
    )
    last = check.history.first()
    assert last.history_change_reason == "Số liệu tháng 3 chưa đúng"
    assert last.history_user == world.chair.user
    assert last.status == MonthlyCheck.Status.REOPENED
    entry = entry_of(check, world.member)
    save_rows(check, {entry.pk: row()}, by=world.leader.user)
    assert entry_of(check, world.member).score == Decimal("71.88")
    assert check_submit(check=check, by=world.leader.user).status == MonthlyCheck.Status.SUBMITTED


def test_a_draft_cannot_be_reopened(world, check):
    with pytest.raises(ValidationError, match="Không thể chuyển phiếu"):
        check_reopen(check=check, reason="Sai", by=world.chair.user)


def test_refilling_takes_new_progress_and_keeps_the_remarks(world, plan, check):
    entry = entry_of(check, world.member)
    save_rows(check, {entry.pk: {"remark": "Chủ động, đúng giờ"}}, by=world.leader.user)
    april = Task.objects.get(title="Tháng 4")
    april.due_date = date(2019, 3, 31)  # the deadline moved into March
    task_save(task=april, supporting_groups=[], assignees=[world.member])
    check_refill(check=check, by=world.leader.user)
    entry.refresh_from_db()
    assert (entry.assigned, entry.done, entry.on_time, entry.remark) == (
        3, 2, 1, "Chủ động, đúng giờ",
    )


def test_refilling_lowers_quality_passed_to_the_new_done_count(world, plan, check):
    late = Task.objects.get(title="Chậm").occurrences.get()
    report(late, world.member, 60, date(2019, 3, 29))  # no longer done
    check_refill(check=check, by=world.leader.user)
    entry = entry_of(check, world.member)
    assert (entry.done, entry.quality_passed) == (1, 1)


def test_refilling_keeps_the_quality_failures_the_leader_judged(world, plan, check):
    entry = entry_of(check, world.member)
    save_rows(check, {entry.pk: {"quality_passed": 1}}, by=world.leader.user)  # 1 of 2 failed
    april = Task.objects.get(title="Tháng 4")
    april.due_date = date(2019, 3, 31)
    task_save(task=april, supporting_groups=[], assignees=[world.member])
    report(april.occurrences.get(), world.member, 100, date(2019, 3, 30))
    check_refill(check=check, by=world.leader.user)
    entry.refresh_from_db()
    assert (entry.assigned, entry.done, entry.quality_passed) == (3, 3, 2)


def test_refilling_takes_the_rules_the_plan_has_now(world, plan, check):
    ActionPlan.objects.filter(pk=plan.pk).update(delay_penalty_percent=100)
    refilled = check_refill(check=check, by=world.leader.user)
    assert refilled.rules["delay_penalty_percent"] == 100
    # member: 2 of 2 done, 1 late: 50 + 30 + (20 − 100% × 10) = 90.
    assert entry_of(check, world.member).score == Decimal("90.00")


def test_refilling_counts_a_product_done_since_opening_as_passing_quality(world, plan):
    task = add_task(world, plan, start=date(2019, 3, 1), due=date(2019, 3, 25))
    check = check_open(group=world.group_a1, year=2019, month=3, by=None, today=date(2019, 3, 20))
    assert counts(check)[world.member] == (1, 0, 0, 0, Decimal("0.00"))
    report(task.occurrences.get(), world.member, 100, date(2019, 3, 24))
    check_refill(check=check, by=world.leader.user)
    assert counts(check)[world.member] == (1, 1, 1, 1, Decimal("100.00"))
