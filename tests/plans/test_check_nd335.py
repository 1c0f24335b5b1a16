"""The monthly check scored by Nghị định 335/2025 (plans of 2026 on): filling the product
lines, the leader's judgements, and the scores against a hand computation."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans.models import (
    ActionPlan,
    CheckEntry,
    CheckItem,
    MonthlyCheck,
    ScoringScheme,
    Task,
)
from plans.scoring import ScoringRules, explain_entry
from plans.services import (
    check_confirm,
    check_entries_save,
    check_open,
    check_refill,
    check_submit,
    plan_create,
    progress_report,
    task_save,
)
from tests.factories import MemberFactory

APRIL_2 = date(2026, 4, 2)


@pytest.fixture
def plan(world):
    return plan_create(union=world.union_a, year=2026)


@pytest.fixture
def third(world):
    """A third member of group A1 (with ``leader`` and ``member``)."""
    return MemberFactory(union=world.union_a, group=world.group_a1, family_name="Trần",
                         middle_name="Văn", given_name="Ba")


def add_task(plan, title, *, weight, people, due, done_on=None, lead=None):
    """A one-off task of March 2026 with its conversion factor, done on ``done_on``."""
    task = task_save(task=Task(
        union=plan.union, plan=plan, point=plan.points.get(number=4), title=title,
        product=title, lead_group=lead or people[0].group, start_date=date(2026, 3, 1),
        due_date=due, weight=Decimal(weight)), supporting_groups=[], assignees=people)
    if done_on:
        progress_report(occurrence=task.occurrences.get(), member=people[0], percent=100,
                        today=done_on)
    return task


def entry_of(check, member):
    return CheckEntry.objects.get(check_record=check, member=member)


def line(check, member, title):
    return CheckItem.objects.get(entry__check_record=check, entry__member=member,
                                 label=title)


def judge(check, *, rows=None, items=None):
    """The leader's marks, saved as the check page saves them."""
    return check_entries_save(check=check, rows=rows or {}, items=items or {}, note="",
                              version=check.updated_at.isoformat(), by=None)


def about(lines, label):
    """The working's line about the product ``label``."""
    (found,) = [text for text in lines if text.startswith(f"{label} — ")]
    return found


def open_march(world):
    return check_open(group=world.group_a1, year=2026, month=3, by=None, today=APRIL_2)


def test_a_2026_plan_scores_by_nd335_and_a_2019_plan_by_the_unions_own_scheme(world):
    old = plan_create(union=world.union_a, year=2019)
    new = plan_create(union=world.union_a, year=2026, copy_from=old)
    assert old.scoring_scheme == ScoringScheme.SIMPLE
    assert new.scoring_scheme == ScoringScheme.ND335
    assert ScoringScheme.for_year(2025) == ScoringScheme.SIMPLE


def test_three_members_scores_equal_the_hand_computation(world, plan, third):
    """The done-when of issue 12, item 4, worked by hand.

    Group A1 in March 2026: "Viên" (member), "Trưởng" (leader), "Ba" (third). 70/3 points
    go to each of quantity, quality and timeliness; a product's part of each is 70/3 × its
    share / the member's total share. A failed check costs 25% of the product's quality
    part, a delay 25% of its timeliness part, each time.

    Tasks (hệ số quy đổi; people; what happened):
      T1 "Báo cáo tổng hợp"      2   Viên + Trưởng  done on time; Viên's line fails twice
      T2 "Bản tin nội bộ"        1   Viên           done late (1 delay, from the dates)
      T3 "Danh mục tài liệu"     0,5 Viên           not done
      T4 "Hồ sơ một cửa"         3   Trưởng         done late; the leader records 2 delays
      T5 "Báo cáo thống kê"      1   Trưởng         done late, fails once; objective cause
      T6 "Tập huấn chung"        1,5 Ba + Khác (group A2)  done on time
      T7 "Góp ý dự thảo"         1   Ba             done on time, fails once
      T8 "Sổ theo dõi"           1   Ba             not done

    Viên: shares 1 (T1: 2 ÷ 2), 1, 0,5 → 2,5; part per share = 70/3 ÷ 2,5 = 28/3.
      T1 = 28/3 × (1 + (1 − 2 × 25%) + 1) = 28/3 × 2,5 = 23,333…
      T2 = 28/3 × (1 + 1 + (1 − 25%)) = 28/3 × 2,75 = 25,666…   T3 = 0
      tasks = 49 (a, b, c = 80%, 60%, 70%: (80 + 60 + 70) : 3 × 0,7 = 49)
      general = 30 − 1,5 (tác phong) = 28,5            total 77,50 → HTTNV
    Trưởng: shares 1, 3, 1 → 5; part per share = 14/3.
      T1 = 14/3 × 3 = 14;  T4 = 14 × (1 + 1 + (1 − 2 × 25%)) = 35;  T5 = 14/3 × 3 = 14
      tasks = 63 (100%, 100%, 70%)   general = 30       total 93,00 → HTXSNV
    Ba: shares 0,75 (T6: 1,5 ÷ 2), 1, 1 → 2,75.
      T6 = 70/3 × 0,75/2,75 × 3 = 210/11 = 19,0909…
      T7 = 70/3 × 1/2,75 × (1 + 0,75 + 1) = 70/3 = 23,333…    T8 = 0
      tasks = 1400/33 = 42,4242… → 42,42
      general = 30 − 2 (đạo đức) − 3 (kỷ luật) = 25      total 67,42 → HTNV
    """
    member, leader = world.member, world.leader
    add_task(plan, "Báo cáo tổng hợp", weight="2", people=[member, leader],
             due=date(2026, 3, 20), done_on=date(2026, 3, 18))
    add_task(plan, "Bản tin nội bộ", weight="1", people=[member], due=date(2026, 3, 10),
             done_on=date(2026, 3, 12))
    add_task(plan, "Danh mục tài liệu", weight="0.5", people=[member], due=date(2026, 3, 25))
    add_task(plan, "Hồ sơ một cửa", weight="3", people=[leader], due=date(2026, 3, 15),
             done_on=date(2026, 3, 20))
    add_task(plan, "Báo cáo thống kê", weight="1", people=[leader], due=date(2026, 3, 15),
             done_on=date(2026, 3, 17))
    add_task(plan, "Tập huấn chung", weight="1.5", people=[third, world.other],
             due=date(2026, 3, 26), done_on=date(2026, 3, 26))
    add_task(plan, "Góp ý dự thảo", weight="1", people=[third], due=date(2026, 3, 5),
             done_on=date(2026, 3, 5))
    add_task(plan, "Sổ theo dõi", weight="1", people=[third], due=date(2026, 3, 31))
    check = open_march(world)

    # Filled from the tasks: shares, done or not, a delay for each product done late.
    t1 = line(check, member, "Báo cáo tổng hợp")
    assert (t1.task_weight, t1.shared_by, t1.share, t1.done, t1.delays) == (2, 2, 1, True, 0)
    assert (line(check, member, "Bản tin nội bộ").delays,
            line(check, member, "Danh mục tài liệu").done) == (1, False)
    assert line(check, leader, "Hồ sơ một cửa").delays == 1
    assert line(check, third, "Tập huấn chung").share == Decimal("0.75")

    check = judge(check, rows={
        entry_of(check, member).pk: {"style_deduction": Decimal("1.5"),
                                     "style_reason": "Đi làm muộn 3 buổi"},
        entry_of(check, third).pk: {
            "ethics_deduction": Decimal(2),
            "ethics_reason": "Vi phạm quy định văn hóa công sở, đã bị nhắc nhở",
            "discipline_deduction": Decimal(3),
            "discipline_reason": "Nghỉ không xin phép 01 ngày"},
    }, items={
        t1.pk: {"failed_checks": 2},
        line(check, leader, "Hồ sơ một cửa").pk: {"delays": 2},
        line(check, leader, "Báo cáo thống kê").pk: {
            "failed_checks": 1, "objective_cause": True,
            "note": "Chờ số liệu của Cục Thống kê, Giám đốc Sở đã xác nhận"},
        line(check, third, "Góp ý dự thảo").pk: {"failed_checks": 1},
    })

    assert {entry.member: entry.score for entry in check.entries.all()} == {
        member: Decimal("77.50"), leader: Decimal("93.00"), third: Decimal("67.42")}
    working = explain_entry(entry_of(check, member))
    texts = [step.text for step in working]
    assert texts[1] == "Tiêu chí chung: 28,5/30 điểm"
    assert ("Tác phong, lề lối làm việc: 6/7,5 điểm — trừ 1,5 điểm, lý do: Đi làm muộn 3 buổi"
            in working[1].details)
    assert texts[2] == "Kết quả thực hiện nhiệm vụ: 49/70 điểm"
    t1_line = about(working[2].details, "Báo cáo tổng hợp")
    assert t1_line.startswith("Báo cáo tổng hợp — hệ số 2, chia đều cho 2 người: phần của "
                              "đồng chí là 1; tối đa 28 điểm")
    assert "trừ 25% điểm chất lượng × 2 lần không đạt = −4,67 điểm" in t1_line
    assert "trừ 25% điểm tiến độ × 1 lần chậm = −2,33 điểm" in about(working[2].details,
                                                                    "Bản tin nội bộ")
    assert "chưa hoàn thành, không được điểm nào (mất 14 điểm)" in about(
        working[2].details, "Danh mục tài liệu")
    assert working[2].details[-1] == (
        "Tỷ lệ sản phẩm (đã quy đổi): số lượng 80%, chất lượng 60%, tiến độ 70% → (80% + 60% "
        "+ 70%) : 3 × 70 điểm = 49 điểm")
    assert texts[3] == ("Tổng: 28,5 + 49 = 77,5/100 điểm — Hoàn thành tốt nhiệm vụ (từ 70 "
                        "đến dưới 90 điểm)")
    leaders = explain_entry(entry_of(check, leader))
    assert "trừ 25% điểm tiến độ × 2 lần chậm = −7 điểm" in about(leaders[2].details,
                                                                   "Hồ sơ một cửa")
    assert ("1 lần không đạt chất lượng không bị trừ (lý do khách quan đã được xác nhận: Chờ "
            "số liệu của Cục Thống kê, Giám đốc Sở đã xác nhận)") in about(
        leaders[2].details, "Báo cáo thống kê")
    assert leaders[-1].text.endswith("Hoàn thành xuất sắc nhiệm vụ (từ 90 điểm)")
    assert explain_entry(entry_of(check, third))[-1].text == (
        "Tổng: 25 + 42,42 = 67,42/100 điểm — Hoàn thành nhiệm vụ (từ 50 đến dưới 70 điểm)")
    # The entry's counts follow its lines (the check list and the year's figures read them).
    entry = entry_of(check, leader)
    assert (entry.assigned, entry.done, entry.on_time, entry.quality_passed) == (3, 3, 2, 3)


def test_a_deduction_without_a_reason_is_refused_and_nothing_is_saved(world, plan):
    check = open_march(world)
    entry = entry_of(check, world.member)
    with pytest.raises(ValidationError) as error:
        judge(check, rows={entry.pk: {"ethics_deduction": Decimal(1), "ethics_reason": "  ",
                                      "remark": "Không lưu"}})
    assert error.value.messages == [
        f"{world.member}: trừ điểm tiêu chí “Đạo đức, lối sống” phải ghi lý do."]
    entry.refresh_from_db()
    assert (entry.ethics_deduction, entry.remark) == (0, "")


def test_a_deduction_above_the_criterions_maximum_is_refused(world, plan):
    ActionPlan.objects.filter(pk=plan.pk).update(politics_points=8, ethics_points=8,
                                                 style_points=8, discipline_points=6)
    check = open_march(world)
    entry = entry_of(check, world.member)
    with pytest.raises(ValidationError) as error:
        judge(check, rows={entry.pk: {"discipline_deduction": Decimal(7),
                                      "discipline_reason": "Nghỉ không phép"}})
    assert "điểm trừ tiêu chí “Ý thức tổ chức kỷ luật” phải từ 0 đến 6" in (
        error.value.messages[0])


def test_an_objective_cause_without_its_reason_is_refused(world, plan):
    add_task(plan, "Báo cáo quý", weight="1", people=[world.member], due=date(2026, 3, 10),
             done_on=date(2026, 3, 12))
    check = open_march(world)
    item = line(check, world.member, "Báo cáo quý")
    with pytest.raises(ValidationError) as error:
        judge(check, items={item.pk: {"objective_cause": True, "note": ""}})
    assert ("sản phẩm “Báo cáo quý” có lý do khách quan thì phải ghi lý do vào ghi chú"
            in error.value.messages[0])
    assert not CheckItem.objects.get(pk=item.pk).objective_cause


def test_a_product_failing_five_times_loses_its_quality_part_and_no_more(world, plan):
    add_task(plan, "Báo cáo", weight="1", people=[world.member], due=date(2026, 3, 10),
             done_on=date(2026, 3, 10))
    check = open_march(world)
    item = line(check, world.member, "Báo cáo")
    check = judge(check, items={item.pk: {"failed_checks": 5}})
    # 70/3 for quantity and for timeliness, nothing for quality: 46,67 + 30 general.
    assert entry_of(check, world.member).score == Decimal("76.67")


def test_a_member_without_products_has_no_score_and_is_told_why(world, plan):
    check = open_march(world)
    entry = entry_of(check, world.member)
    assert entry.score is None
    working = [step.text for step in explain_entry(entry)]
    assert working[-1].startswith("Tháng này không được giao sản phẩm nào")


def test_taking_the_figures_again_keeps_the_leaders_judgements(world, plan):
    task = add_task(plan, "Báo cáo", weight="2", people=[world.member], due=date(2026, 3, 10))
    check = open_march(world)
    item = line(check, world.member, "Báo cáo")
    entry = entry_of(check, world.member)
    check = judge(check, rows={entry.pk: {"politics_deduction": Decimal("0.5"),
                                          "politics_reason": "Chưa tham gia học tập nghị quyết"}},
                  items={item.pk: {"failed_checks": 1, "note": "Thiếu phụ lục"}})
    progress_report(occurrence=task.occurrences.get(), member=world.member, percent=100,
                    today=date(2026, 3, 13))
    add_task(plan, "Bản tin", weight="1", people=[world.member], due=date(2026, 3, 20))

    check = check_refill(check=check, by=None)

    item.refresh_from_db()
    # Done late now: its delay comes from the dates; the failed check and the note stay.
    assert (item.done, item.delays, item.failed_checks, item.note) == (
        True, 1, 1, "Thiếu phụ lục")
    entry.refresh_from_db()
    assert (entry.politics_deduction, entry.politics_reason) == (
        Decimal("0.5"), "Chưa tham gia học tập nghị quyết")
    assert entry.items.count() == 2
    # Shares 2 and 1: 70/3 × 2/3 × (1 + 0,75 + 0,75) = 38,89; plus 29,5 general.
    assert entry.score == Decimal("68.39")


def test_a_confirmed_month_keeps_its_rules_and_lines_when_the_plan_and_tasks_change(world,
                                                                                  plan):
    task = add_task(plan, "Báo cáo", weight="2", people=[world.member], due=date(2026, 3, 10),
                    done_on=date(2026, 3, 10))
    check = open_march(world)
    check = check_confirm(check=check_submit(check=check, by=None), by=None)
    score = entry_of(check, world.member).score
    ActionPlan.objects.filter(pk=plan.pk).update(scoring_scheme=ScoringScheme.SIMPLE,
                                                 politics_points=12, ethics_points=6)
    Task.objects.filter(pk=task.pk).update(weight=5)
    task.occurrences.all().delete()

    check = MonthlyCheck.objects.get(pk=check.pk)
    rules = ScoringRules.from_dict(check.rules)
    assert (rules.scheme, rules.politics_points) == (ScoringScheme.ND335, Decimal("7.5"))
    entry = entry_of(check, world.member)
    (item,) = entry.items.all()
    assert (item.occurrence, item.label, item.task_weight) == (None, "Báo cáo", 2)
    assert entry.score == score == Decimal(100)
    assert explain_entry(entry)[-1].text.startswith("Tổng: 30 + 70 = 100/100 điểm")


def fill_queries(world, plan, members, tasks):
    """Queries to open March's check of group A1 after adding ``members`` with ``tasks``
    each (every task shared with ``member``)."""
    for _ in range(members):
        person = MemberFactory(union=world.union_a, group=world.group_a1)
        for t in range(tasks):
            add_task(plan, f"Việc {person.pk}.{t}", weight="1", people=[person, world.member],
                     due=date(2026, 3, 10 + t), done_on=date(2026, 3, 11))
    MonthlyCheck.objects.filter(group=world.group_a1).delete()
    with CaptureQueriesContext(connection) as captured:
        check = open_march(world)
    return len(captured), check


def test_filling_a_check_costs_the_same_queries_for_a_big_group_with_many_tasks(world, plan):
    few, _check = fill_queries(world, plan, 1, 1)
    many, check = fill_queries(world, plan, 12, 3)
    assert check.entries.count() == 2 + 13
    assert CheckItem.objects.filter(entry__check_record=check).count() == (1 + 12 * 3) * 2
    assert many == few
