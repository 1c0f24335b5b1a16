"""The metrics a cycle snapshots: what counts, and a cost that does not grow with the union."""

import math
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from emulation.models import (
    Absence,
    AwardType,
    Discipline,
    Evaluation,
    EvaluationCycle,
    Initiative,
    Movement,
    Registration,
)
from emulation.services import (
    award_types_ensure,
    compute_metrics,
    cycle_open,
    cycles_open,
    registration_decide,
    registration_submit,
)
from plans.models import CheckEntry, MonthlyCheck, Task
from plans.services import plan_create, progress_report, task_save
from tests.factories import GroupFactory, MemberFactory, UnionFactory
from union.models import Member, Union

YEAR = timezone.localdate().year
CONFIRMED, SUBMITTED = MonthlyCheck.Status.CONFIRMED, MonthlyCheck.Status.SUBMITTED


def month_check(group, month, scores, *, year=YEAR, status=CONFIRMED):
    """A group's check of one month with the given scores (None: nothing assigned)."""
    check = MonthlyCheck.objects.create(
        union_id=group.union_id, group=group, year=year, month=month, status=status,
        period_start=date(year, month, 1), period_end=date(year, month, 28))
    CheckEntry.objects.bulk_create(
        CheckEntry(union_id=group.union_id, check_record=check, member=member, score=score,
                   assigned=0 if score is None else 1, done=0 if score is None else 1,
                   on_time=0 if score is None else 1, quality_passed=0 if score is None else 1)
        for member, score in scores.items())
    return check


def initiative(union, authors, *, year=YEAR, status=Initiative.Status.RECOGNISED):
    decided = status != Initiative.Status.SUBMITTED
    item = Initiative.objects.create(
        union=union, year=year, title=f"Sáng kiến {Initiative.objects.count()}", description="…",
        status=status, decision_number="01/QĐ-HĐSK" if decided else "",
        decision_date=date(year, 3, 1) if decided else None)
    item.authors.set(authors, through_defaults={"union_id": item.union_id})
    return item


def movement(union, year=YEAR):
    return Movement.objects.create(
        union=union, year=year, name=f"Lao động giỏi {year}", starts_on=date(year, 1, 1),
        ends_on=date(year, 12, 31), registration_opens=date(year, 1, 1),
        registration_closes=date(year, 1, 31))


def register(moving, member, *, approve=True):
    ldtt = AwardType.objects.get(union=moving.union, code=AwardType.LDTT)
    registration = registration_submit(movement=moving, member=member, titles=[ldtt],
                                       today=date(moving.year, 1, 15))
    if approve:
        registration_decide(registration=registration, approve=True)
    return registration


def task(plan, group, assignees, *, due, completed=None):
    saved = task_save(task=Task(
        union=plan.union, plan=plan, point=plan.points.get(number=1), title=f"Việc {due}",
        product="Báo cáo", lead_group=group, start_date=date(YEAR, 1, 1), due_date=due,
    ), supporting_groups=[], assignees=assignees)
    if completed:
        progress_report(occurrence=saved.occurrences.get(), member=assignees[0], percent=100,
                        today=completed)
    return saved


@pytest.fixture
def people(db):
    """Five members of one union, each showing one way a metric can go."""
    union = UnionFactory()
    award_types_ensure(union=union)
    group = GroupFactory(union=union)

    def person(name, **fields):
        return MemberFactory(union=union, group=group, given_name=name, **fields)

    p = {
        "an": person("An"), "binh": person("Bình"), "em": person("Em"),
        "chi": person("Chi", status=Member.Status.LEFT, status_changed_on=date(YEAR, 3, 31)),
        "dung": person("Dũng", joined_union_on=date(YEAR, 7, 1)),
        "gone": person("Giang", status=Member.Status.LEFT,
                       status_changed_on=date(YEAR - 1, 12, 31)),
        "later": person("Hòa", joined_union_on=date(YEAR + 1, 1, 2)),
    }
    p["union"], p["group"] = union, group
    return p


def metrics(people, until=date(YEAR, 12, 31)):
    cycle = EvaluationCycle(union=people["union"], year=YEAR)
    return {e.member.given_name: e for e in compute_metrics(cycle=cycle, until=until)}


def test_everyone_who_was_a_member_in_the_year_is_evaluated(people):
    assert sorted(metrics(people)) == ["An", "Bình", "Chi", "Dũng", "Em"]


def test_scores_come_from_confirmed_checks_of_the_year_only(people):
    group, an, binh = people["group"], people["an"], people["binh"]
    month_check(group, 1, {an: Decimal(80), binh: None})
    month_check(group, 2, {an: Decimal(95), binh: None})
    month_check(group, 3, {an: Decimal(10)}, status=SUBMITTED)
    month_check(group, 4, {an: None})
    month_check(group, 5, {an: Decimal(0)}, year=YEAR - 1)
    rows = metrics(people)
    assert (rows["An"].months_checked, rows["An"].average_score) == (2, Decimal("87.50"))
    assert (rows["Bình"].months_checked, rows["Bình"].average_score) == (0, None)


def test_task_periods_count_up_to_the_day_and_on_time_is_done_by_the_due_date(people):
    group, an, binh = people["group"], people["an"], people["binh"]
    plan = plan_create(union=people["union"], year=YEAR)
    task(plan, group, [an, binh], due=date(YEAR, 1, 10), completed=date(YEAR, 1, 8))
    task(plan, group, [an], due=date(YEAR, 2, 10), completed=date(YEAR, 2, 12))
    task(plan, group, [an], due=date(YEAR, 11, 10))
    rows = metrics(people, until=date(YEAR, 6, 30))
    assert (rows["An"].tasks_total, rows["An"].tasks_on_time, rows["An"].on_time_share) == (
        2, 1, 50)
    assert (rows["Bình"].tasks_total, rows["Bình"].tasks_on_time) == (1, 1)
    assert rows["Em"].on_time_share is None


def test_only_initiatives_recognised_in_the_year_count(people):
    union, an, binh = people["union"], people["an"], people["binh"]
    initiative(union, [an])
    initiative(union, [an, binh])
    initiative(union, [an], status=Initiative.Status.SUBMITTED)
    initiative(union, [an], status=Initiative.Status.NOT_RECOGNISED)
    initiative(union, [an], year=YEAR - 1)
    rows = metrics(people)
    assert (rows["An"].initiatives, rows["Bình"].initiatives, rows["Em"].initiatives) == (2, 1, 0)


def test_the_worst_discipline_of_the_year_is_kept(people):
    union, binh, em = people["union"], people["binh"], people["em"]
    for member, level, day in [(binh, "reprimand", date(YEAR, 2, 1)),
                               (binh, "warning", date(YEAR, 5, 1)),
                               (em, "warning", date(YEAR - 1, 12, 30))]:
        Discipline.objects.create(union=union, member=member, level=level, decided_on=day,
                                  decision="01/QĐ-KL")
    rows = metrics(people)
    assert (rows["Bình"].disciplined, rows["Em"].disciplined, rows["An"].disciplined) == (
        "warning", "", "")


def test_absences_and_time_in_the_union_give_the_months_worked(people):
    union = people["union"]
    Absence.objects.create(union=union, member=people["em"], year=YEAR, months=7,
                           maternity=True)
    Absence.objects.create(union=union, member=people["binh"], year=YEAR - 1, months=5)
    rows = metrics(people)
    assert (rows["Em"].months_absent, rows["Em"].maternity, rows["Em"].months_worked) == (
        7, True, 5)
    assert (rows["Bình"].months_absent, rows["Bình"].months_worked) == (0, 12)
    assert rows["Chi"].months_in_year == Decimal(3)  # left on 31/03
    assert rows["Dũng"].months_in_year == Decimal(6)  # joined on 01/07


def test_only_an_approved_registration_of_the_year_counts(people):
    union = people["union"]
    this_year, last_year = movement(union), movement(union, YEAR - 1)
    register(this_year, people["an"])
    register(this_year, people["binh"], approve=False)
    register(last_year, people["em"])
    rows = metrics(people)
    assert (rows["An"].registered_titles, rows["Bình"].registered_titles,
            rows["Em"].registered_titles) == (["ldtt"], [], [])


def test_opening_the_cycle_stores_the_snapshot(people):
    month_check(people["group"], 1, {people["an"]: Decimal(90)})
    cycle = cycle_open(union=people["union"], year=YEAR, self_assessment_due=date(YEAR, 12, 1),
                       proposal_due=date(YEAR, 12, 5), decision_due=date(YEAR, 12, 15))
    stored = Evaluation.objects.get(cycle=cycle, member=people["an"])
    assert (stored.months_checked, stored.average_score) == (1, Decimal("90.00"))
    assert cycle.evaluations.count() == 5


# The cost


def union_of(n):
    """A union of ``n`` members, each with a score, a task, an initiative, a registration,
    and every third with a discipline record and an absence."""
    union = UnionFactory()
    award_types_ensure(union=union)
    group = GroupFactory(union=union)
    members = MemberFactory.create_batch(n, union=union, group=group)
    month_check(group, 1, dict.fromkeys(members, Decimal(85)))
    plan = plan_create(union=union, year=YEAR)
    task(plan, group, members, due=date(YEAR, 1, 10), completed=date(YEAR, 1, 9))
    initiative(union, members)
    Discipline.objects.bulk_create(
        Discipline(union=union, member=m, level="reprimand", decided_on=date(YEAR, 2, 1),
                   counts_for_year=YEAR, decision="01/QĐ-KL") for m in members[::3])
    Absence.objects.bulk_create(
        Absence(union=union, member=m, year=YEAR, months=2) for m in members[::3])
    moving = movement(union)
    registrations = Registration.objects.bulk_create(
        Registration(union=union, movement=moving, member=m, status="approved") for m in members)
    ldtt = AwardType.objects.get(union=union, code=AwardType.LDTT)
    Registration.titles.through.objects.bulk_create(
        Registration.titles.through(union_id=r.union_id, registration_id=r.pk,
                                    awardtype_id=ldtt.pk)
        for r in registrations)
    return union


def captured(call):
    with CaptureQueriesContext(connection) as queries:
        result = call()
    return result, [q["sql"] for q in queries]


def test_computing_the_metrics_costs_the_same_for_10_and_200_members(db):
    few, many = union_of(10), union_of(200)
    until = date(YEAR, 12, 31)
    rows, small = captured(lambda: compute_metrics(
        cycle=EvaluationCycle(union=few, year=YEAR), until=until))
    assert len(rows) == 10 and all(r.average_score == 85 for r in rows)
    rows, large = captured(lambda: compute_metrics(
        cycle=EvaluationCycle(union=many, year=YEAR), until=until))
    assert len(rows) == 200 and all(r.initiatives == 1 and r.registered_titles == ["ldtt"]
                                    for r in rows)
    assert len(large) == len(small) <= 9


def evaluation_inserts(queries):
    return [sql for sql in queries if sql.startswith('INSERT INTO "emulation_evaluation"')]


def test_opening_a_cycle_costs_the_same_for_10_and_200_members(db):
    """Every read is one query whatever the size; the rows are written in as few INSERTs
    as the database takes (SQLite: 999 parameters a statement, so a few; PostgreSQL: one)."""
    few, many = union_of(10), union_of(200)
    deadlines = dict(year=YEAR, self_assessment_due=date(YEAR, 12, 1),
                     proposal_due=date(YEAR, 12, 5), decision_due=date(YEAR, 12, 15))
    cycle, small = captured(lambda: cycle_open(union=few, **deadlines))
    assert cycle.evaluations.count() == 10
    cycle, large = captured(lambda: cycle_open(union=many, **deadlines))
    assert cycle.evaluations.count() == 200

    fields = [f for f in Evaluation._meta.concrete_fields if not f.primary_key]
    batch = min(500, connection.ops.bulk_batch_size(fields, list(cycle.evaluations.all())))
    assert len(evaluation_inserts(small)) == 1
    assert len(evaluation_inserts(large)) == math.ceil(200 / batch)
    others = [sql for sql in small if sql not in evaluation_inserts(small)]
    assert len(large) - len(evaluation_inserts(large)) == len(others)


def test_a_province_opens_its_cycles_in_the_same_statements_for_2_or_5_unions(db):
    """``cycles_open`` for the unions under an upper-level union: what each union would
    have computed alone, in a number of statements that does not grow with the unions."""
    deadlines = dict(year=YEAR, self_assessment_due=date(YEAR, 12, 1),
                     proposal_due=date(YEAR, 12, 5), decision_due=date(YEAR, 12, 15))
    few = [union_of(3), union_of(4)]
    many = [union_of(5) for _ in range(5)]
    already = cycle_open(union=many[0], **deadlines)  # opened by its own board: left alone

    def statements(unions):
        chosen = Union.objects.filter(pk__in=[u.pk for u in unions])
        cycles, sql = captured(lambda: cycles_open(unions=chosen, **deadlines))
        return cycles, [s for s in sql if not s.startswith(("SAVEPOINT", "RELEASE"))]

    cycles, small = statements(few)
    assert {c.union_id for c in cycles} == {u.pk for u in few}
    cycles, large = statements(many)
    assert {c.union_id for c in cycles} == {u.pk for u in many[1:]}
    assert already.evaluations.count() == 5
    if connection.vendor == "postgresql":
        assert len(large) == len(small) <= 12
    else:  # SQLite: the evaluation INSERT is cut into batches of 500 rows at most
        assert len(large) == len(small)
    for cycle in cycles:
        alone = {e.member_id: e for e in compute_metrics(cycle=cycle, until=date(YEAR, 12, 31))}
        stored = list(cycle.evaluations.all())
        assert len(stored) == len(alone) == 5
        for e in stored:
            assert (e.months_checked, e.average_score, e.tasks_total, e.tasks_on_time,
                    e.initiatives, e.disciplined, e.months_absent, e.registered_titles) == (
                alone[e.member_id].months_checked, alone[e.member_id].average_score,
                alone[e.member_id].tasks_total, alone[e.member_id].tasks_on_time,
                alone[e.member_id].initiatives, alone[e.member_id].disciplined,
                alone[e.member_id].months_absent, alone[e.member_id].registered_titles)
            assert e.union_id == cycle.union_id


def test_opening_cycles_with_deadlines_out_of_order_is_refused(db):
    union = union_of(2)
    with pytest.raises(ValidationError, match="theo thứ tự"):
        cycles_open(unions=Union.objects.filter(pk=union.pk), year=YEAR,
                    self_assessment_due=date(YEAR, 12, 10), proposal_due=date(YEAR, 12, 5),
                    decision_due=date(YEAR, 12, 15))
    assert not EvaluationCycle.objects.filter(union=union).exists()


def test_the_command_opens_the_cycles_of_the_unions_under_an_upper_union(db):
    from io import StringIO

    from django.core.management import CommandError, call_command

    upper = UnionFactory()
    unions = [union_of(2), union_of(3)]
    for union in unions:
        Union.objects.filter(pk=union.pk).update(parent=upper, path=f"{upper.path}{union.pk}/")
    elsewhere = union_of(2)
    args = dict(year=YEAR, self_assessment_due=date(YEAR, 12, 1).isoformat(),
                proposal_due=date(YEAR, 12, 5).isoformat(),
                decision_due=date(YEAR, 12, 15).isoformat())
    out = StringIO()
    call_command("cycles_open", under=upper.pk, stdout=out, **{
        k: (date.fromisoformat(v) if k.endswith("due") else v) for k, v in args.items()})
    assert "cho 2 công đoàn" in out.getvalue()
    assert EvaluationCycle.objects.filter(union__in=unions, year=YEAR).count() == 2
    assert Evaluation.objects.filter(cycle__year=YEAR).count() == 5
    assert not EvaluationCycle.objects.filter(union=elsewhere).exists()
    with pytest.raises(CommandError, match="Không có công đoàn"):
        call_command("cycles_open", "--under=0", "--year", str(YEAR),
                     "--self-assessment-due", args["self_assessment_due"],
                     "--proposal-due", args["proposal_due"],
                     "--decision-due", args["decision_due"])
