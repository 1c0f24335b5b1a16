"""The province-scale data set (issue 6), run small: counts, derived fields, determinism, and
that the app's own queries work on it."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from demo.scale import check_months, years_of
from emulation.models import (
    Award,
    AwardType,
    Evaluation,
    EvaluationCycle,
    Initiative,
    Level,
    Registration,
)
from emulation.services import quota_limits
from emulation.services.awards import DEFAULT_TYPES
from emulation.services.evaluations import compute_metrics
from emulation.services.rules import DECISION, CycleState
from plans.models import ActionPlan, ActionPoint, CheckEntry, MonthlyCheck, Task, TaskOccurrence
from plans.queries import point_progress
from union.models import BoardMembership, Member, Union, UnionGroup
from union.names import fold, name_sort_key

UNIONS, MEMBERS, YEARS = 3, 60, 2


def seed(seed=1):
    out = StringIO()
    call_command("seed_scale", unions=UNIONS, members=MEMBERS, years=YEARS, seed=seed,
                 stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(db):
    return seed()


def grassroots():
    return Union.objects.filter(parent__parent__isnull=False)


def test_it_reports_progress_and_time(seeded):
    assert "3/3 công đoàn cơ sở" in seeded
    assert "Xong sau" in seeded and "giây" in seeded


def test_the_counts(seeded):
    today = timezone.localdate()
    years = years_of(YEARS, today)
    assert Union.objects.count() == UNIONS + 2  # the province and one upper-level union
    assert grassroots().count() == UNIONS
    assert Member.objects.count() == MEMBERS
    assert not Member.objects.filter(group__isnull=True).exists()
    groups = UnionGroup.objects.count()
    assert 3 * UNIONS <= groups <= 8 * UNIONS
    for union in grassroots():
        assert union.current_term(today) is not None
        assert BoardMembership.objects.filter(
            union=union, position=BoardMembership.Position.CHAIR).count() == 1
        assert AwardType.objects.filter(union=union).count() == len(DEFAULT_TYPES)
        for year in years:
            plan = ActionPlan.objects.get(union=union, year=year)
            assert plan.status == ActionPlan.Status.ISSUED
            assert ActionPoint.objects.filter(plan=plan).count() == 5
            assert Task.objects.filter(plan=plan).count() >= 3
    assert ActionPlan.objects.count() == UNIONS * YEARS
    months = sum(len(check_months(year, today)) for year in years)
    assert MonthlyCheck.objects.count() == groups * months
    assert not MonthlyCheck.objects.exclude(status=MonthlyCheck.Status.CONFIRMED).exists()
    assert CheckEntry.objects.count() == MEMBERS * months
    assert TaskOccurrence.objects.count() > Task.objects.count()
    assert EvaluationCycle.objects.count() == UNIONS * YEARS
    assert Evaluation.objects.count() == MEMBERS * YEARS
    assert Registration.objects.count() > MEMBERS * YEARS // 2
    assert Initiative.objects.recognised().exclude(decision_number="").exists()
    assert Award.objects.exists()


def test_cycles_are_published_for_past_years_and_open_for_this_one(seeded):
    this_year = timezone.localdate().year
    for cycle in EvaluationCycle.objects.all():
        evaluations = cycle.evaluations.all()
        if cycle.year == this_year:
            assert cycle.status == EvaluationCycle.Status.OPEN
            assert not evaluations.exclude(level="").exists()
        else:
            assert cycle.status == EvaluationCycle.Status.PUBLISHED
            assert not evaluations.filter(level="").exists()
            (whole, *_scopes) = quota_limits(CycleState.of(cycle).rows(DECISION), cycle.rules)
            assert not whole.over
            assert not evaluations.filter(title_ldtt=True, level__in=[
                Level.DONE, Level.NOT_DONE]).exists()


def test_names_keys_and_paths_are_derived(seeded):
    for m in Member.objects.all():
        assert m.name_key == name_sort_key(family_name=m.family_name,
                                           middle_name=m.middle_name, given_name=m.given_name)
        assert m.name_search == fold(m.full_name)
    province = Union.objects.get(parent__isnull=True)
    assert province.path == f"/{province.pk}/"
    for upper in Union.objects.filter(parent=province):
        assert upper.path == f"{province.path}{upper.pk}/"
        children = set(Union.objects.filter(path__startswith=upper.path).exclude(pk=upper.pk))
        assert children == set(upper.children.all())
        assert children
        for child in children:
            assert child.path == f"{upper.path}{child.pk}/"
    assert Union.objects.filter(path__startswith=province.path).count() == UNIONS + 2


def test_every_row_has_its_union(seeded):
    entries = CheckEntry.objects.select_related("check_record", "member")
    assert all(e.union_id == e.check_record.union_id == e.member.union_id for e in entries)
    assert all(e.member.union_id == e.union_id
               for e in Evaluation.objects.select_related("member"))
    assert all(o.union_id == o.task.union_id
               for o in TaskOccurrence.objects.select_related("task"))


def test_entries_keep_the_check_constraints(seeded):
    for e in CheckEntry.objects.all():
        assert e.on_time <= e.done <= e.assigned
        assert e.quality_passed <= e.done
        assert (e.score is None) == (e.assigned == 0)
        assert e.score is None or 0 <= e.score <= 100


def test_same_seed_gives_the_same_data(db):
    def names(seed_value):
        with transaction.atomic():
            seed(seed_value)
            result = [(m.full_name, m.gender, m.date_of_birth)
                      for m in Member.objects.order_by("union__name", "pk")]
            scores = list(CheckEntry.objects.order_by(
                "member__union__name", "check_record__year", "check_record__month",
                "member__pk").values_list("score", flat=True))
            transaction.set_rollback(True)
        return result, scores

    first = names(1)
    assert names(1) == first
    assert names(2)[0] != first[0]


def test_the_app_works_on_it(seeded):
    today = timezone.localdate()
    past = years_of(YEARS, today)[0]
    cycle = EvaluationCycle.objects.filter(year=past).first()
    fresh = compute_metrics(cycle=cycle, until=min(today, today.replace(year=past, month=12,
                                                                        day=31)))
    assert fresh
    stored = {e.member_id: e for e in cycle.evaluations.all()}
    assert len(fresh) == len(stored)
    for e in fresh:  # the seeded snapshot is what the app would have computed
        snap = stored[e.member_id]
        assert (e.months_checked, e.tasks_total, e.tasks_on_time, e.initiatives,
                e.registered_titles) == (snap.months_checked, snap.tasks_total,
                                         snap.tasks_on_time, snap.initiatives,
                                         snap.registered_titles)
        assert abs((e.average_score or 0) - (snap.average_score or 0)) <= 0.01
    plan = ActionPlan.objects.get(union=cycle.union_id, year=today.year)
    progress = point_progress(plan, today)
    assert progress
    assert sum(p.total for p in progress.values()) == TaskOccurrence.objects.filter(
        task__plan=plan).count()
