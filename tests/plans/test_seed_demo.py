"""The demo data command: the 2019 plan of the seed article, 2026, and that a rerun writes nothing.

Seeding takes seconds, so the module seeds twice once, inside a transaction rolled back at its
end; each test then runs in a savepoint of its own.
"""

from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Q

from emulation.models import EvaluationCycle
from emulation.services.evaluations import compute_metrics
from plans.models import (
    ActionPlan,
    CchcIndex,
    CheckEntry,
    CheckItem,
    MonthlyCheck,
    ScoringScheme,
    TaskOccurrence,
    TaskStatus,
)
from plans.scoring import ScoringRules
from union.models import Member, Union

MAIN = "CĐCS Sở TT&TT Gia Lai"




@pytest.fixture
def demo(seeded, db):
    return Union.objects.get(short_name=MAIN)


@pytest.fixture
def doanvien(demo):
    return Member.objects.get(union=demo, user__username="doanvien")


def plan_of(union, year):
    return ActionPlan.objects.get(union=union, year=year)


def test_running_it_twice_changes_no_row_count(seeded, db):
    first, second, _output = seeded
    assert second == first
    assert first["plans.HistoricalMonthlyCheck"] > 0
    assert first["plans.ProgressReport"] > 0
    assert first["union.HistoricalMember"] > 0


def test_it_prints_a_line_per_year(seeded, db):
    output = seeded[2]
    assert "Năm 2019: kế hoạch số 01/KH-CĐCS" in output
    assert "Năm 2026: kế hoạch số 01/KH-CĐCS" in output
    assert "Chỉ số CCHC năm 2018: 88,79 điểm" in output


def test_the_2019_plan_was_issued_and_is_closed_with_tasks_under_its_five_points(demo):
    plan = plan_of(demo, 2019)
    assert plan.status == ActionPlan.Status.CLOSED
    assert plan.issued_on == date(2019, 1, 15)
    assert plan.code == "01/KH-CĐCS"
    assert plan.signer.full_name == "Mai Xuân Trường"  # chair of Khóa IV (2017–2022)
    assert [p.number for p in plan.points.all()] == [1, 2, 3, 4, 5]
    assert all(point.tasks.exists() for point in plan.points.all())
    assert 12 <= plan.tasks.count() <= 16


def test_assignees_are_active_members_of_the_lead_group(demo):
    for task in plan_of(demo, 2019).tasks.select_related("lead_group"):
        assignees = list(task.assignees.all())
        assert 1 <= len(assignees) <= 3, task
        assert all(m.group == task.lead_group and m.is_active for m in assignees), task


def test_most_2019_occurrences_due_by_october_are_done_some_late_and_a_few_overdue(demo):
    occurrences = TaskOccurrence.objects.filter(
        task__plan=plan_of(demo, 2019), due_date__lte=date(2019, 10, 31),
    ).with_status(date(2019, 11, 10))
    statuses = Counter(occurrences.values_list("status", flat=True))
    total = sum(statuses.values())
    assert statuses[TaskStatus.DONE] > total * 0.6
    assert statuses[TaskStatus.DONE_LATE] > 0
    assert 0 < statuses[TaskStatus.OVERDUE] < total * 0.2


def test_the_closed_2019_has_every_check_confirmed(demo):
    checks = MonthlyCheck.objects.filter(union=demo, year=2019)
    assert checks.count() == 6 * 10
    assert set(checks.values_list("status", flat=True)) == {MonthlyCheck.Status.CONFIRMED}


def test_the_reopened_check_keeps_its_reason_in_its_history(demo):
    check = MonthlyCheck.objects.get(union=demo, year=2019, month=9,
                                     group__name="Tổ Văn phòng")
    reopened = check.history.get(status=MonthlyCheck.Status.REOPENED)
    assert reopened.history_change_reason.startswith("Bổ sung kết quả nhiệm vụ một cửa")
    assert check.history.filter(status=MonthlyCheck.Status.CONFIRMED).count() == 2
    assert check.history.first().status == MonthlyCheck.Status.CONFIRMED


def test_doanvien_has_2019_occurrences_and_scored_confirmed_entries(demo, doanvien):
    occurrences = TaskOccurrence.objects.filter(task__plan=plan_of(demo, 2019))
    assert occurrences.assigned_to(doanvien).count() >= 12
    assert occurrences.assigned_to(doanvien).filter(task__recurrence="monthly").exists()
    entries = CheckEntry.objects.filter(
        member=doanvien, check_record__year=2019,
        check_record__status=MonthlyCheck.Status.CONFIRMED, score__isnull=False,
    )
    assert entries.count() >= 6


def test_some_entries_carry_remarks_and_failed_quality_checks(demo):
    entries = CheckEntry.objects.filter(union=demo, check_record__year=2019)
    assert entries.exclude(remark="").exists()
    assert [e for e in entries if e.quality_passed < e.done]


def test_the_2018_cchc_index_totals_88_79_and_every_year_has_100_points(demo):
    index = CchcIndex.objects.get(union=demo, year=2018)
    assert sum(d.achieved for d in index.domains.all()) == Decimal("88.79")
    assert (index.band, index.rank, index.ranked_among) == ("Tốt", 1, 20)
    assert index.decision.startswith("Quyết định 342/QĐ-UBND")
    for index in CchcIndex.objects.filter(union=demo):
        assert index.domains.count() == 7
        assert sum(d.max_points for d in index.domains.all()) == 100


def test_the_2026_plan_has_tasks_due_in_late_november_for_doanvien_and_others(demo, doanvien):
    plan = plan_of(demo, 2026)
    assert plan.status == ActionPlan.Status.ISSUED
    assert plan.issued_on == date(2026, 1, 12)
    due = TaskOccurrence.objects.filter(task__plan=plan).due_between(
        date(2026, 11, 25), date(2026, 11, 28))
    assert due.assigned_to(doanvien).exists()
    others = due.exclude(task__assignees=doanvien).values_list("task__assignees__group__name")
    assert ("Tổ Văn phòng",) in others


def test_the_2026_checks_are_confirmed_except_october(demo):
    checks = MonthlyCheck.objects.filter(union=demo, year=2026)
    assert checks.count() == 6 * 10
    assert not checks.filter(month__lte=9).exclude(status=MonthlyCheck.Status.CONFIRMED)
    october = dict(checks.filter(month=10).values_list("group__name", "status"))
    assert october["Tổ Văn phòng"] == MonthlyCheck.Status.DRAFT
    assert MonthlyCheck.Status.SUBMITTED in october.values()


def test_2019_keeps_the_unions_own_scheme_and_2026_scores_by_nd335(demo):
    assert plan_of(demo, 2019).scoring_scheme == ScoringScheme.SIMPLE
    assert plan_of(demo, 2026).scoring_scheme == ScoringScheme.ND335
    for year, scheme in ((2019, ScoringScheme.SIMPLE), (2026, ScoringScheme.ND335)):
        schemes = {ScoringRules.from_dict(rules).scheme for rules in MonthlyCheck.objects.filter(
            union=demo, year=year).values_list("rules", flat=True)}
        assert schemes == {scheme}
    assert not CheckItem.objects.filter(union=demo, entry__check_record__year=2019).exists()


def test_the_2026_checks_carry_deductions_with_reasons_and_products_by_share(demo):
    entries = CheckEntry.objects.filter(union=demo, check_record__year=2026)
    deducted = entries.filter(Q(style_deduction__gt=0) | Q(discipline_deduction__gt=0))
    assert deducted.exists()
    assert all(e.style_reason or e.discipline_reason for e in deducted)
    items = CheckItem.objects.filter(union=demo, entry__check_record__year=2026)
    assert items.filter(task_weight=2, shared_by=2).exists()
    assert items.filter(failed_checks=2).exists()
    assert items.filter(objective_cause=True).exclude(note="").exists()
    confirmed = entries.filter(check_record__status=MonthlyCheck.Status.CONFIRMED,
                               score__isnull=False)
    assert confirmed.exists() and all(0 <= e.score <= 100 for e in confirmed)


@pytest.mark.parametrize("year", [2019, 2026])
def test_the_years_metrics_average_the_confirmed_scores(demo, doanvien, year):
    metrics = {e.member_id: e for e in compute_metrics(
        cycle=EvaluationCycle(union=demo, year=year), until=date(year, 11, 30))}
    scores = CheckEntry.objects.filter(
        member=doanvien, check_record__year=year, score__isnull=False,
        check_record__status=MonthlyCheck.Status.CONFIRMED).values_list("score", flat=True)
    assert metrics[doanvien.pk].months_checked == len(scores) >= 6
    assert metrics[doanvien.pk].average_score == round(sum(scores) / len(scores), 2)
