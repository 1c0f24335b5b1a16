"""Months worked counted from the start of work at the agency (a transfer's months elsewhere
carried over), and discipline by the body that imposed it and the year it counts for: the
cases of issue 12 and DOMAIN.md, under the texts of 2019 and of 2026."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from emulation.models import AwardType, Discipline, EvaluationCycle, Level, PriorService
from emulation.services import (
    award_types_ensure,
    compute_metrics,
    default_rules,
    discipline_save,
    level_problems,
    prior_service_save,
    suggested_level,
    title_problems,
)
from tests.emulation.test_metrics import month_check
from tests.factories import GroupFactory, MemberFactory, UnionFactory

LDTT, CSTDCS, DVCDXS = AwardType.LDTT, AwardType.CSTDCS, AwardType.DVCDXS


@pytest.fixture
def union(db):
    union = UnionFactory()
    award_types_ensure(union=union)
    return union


def person(union, name, **fields):
    return MemberFactory(union=union, group=GroupFactory(union=union), given_name=name,
                         **fields)


def metrics(union, year, scores=()):
    """Every member's figures of ``year``, each scored 85 in January (confirmed)."""
    for member in scores:
        month_check(member.group, 1, {member: Decimal(85)}, year=year)
    cycle = EvaluationCycle(union=union, year=year)
    rows = {e.member.given_name: e for e in compute_metrics(cycle=cycle,
                                                            until=date(year, 12, 31))}
    for row in rows.values():
        row.registered_titles = [LDTT]
    return rows


def discipline(member, level="reprimand", *, system="state", on, duties=True, counts=None):
    return discipline_save(discipline=Discipline(
        member=member, system=system, level=level, decided_on=on, related_to_duties=duties,
        counts_for_year=counts, decision="05/QĐ-KL"))


@pytest.mark.parametrize("year", [2019, 2026])
def test_a_mid_july_transfer_with_their_months_is_rated_a_mid_july_recruit_is_not(union, year):
    moved = person(union, "Khoa", started_at_agency=date(year, 7, 15),
                   joined_union_on=date(year, 7, 15))
    recruit = person(union, "Lan", started_at_agency=date(year, 7, 15),
                     joined_union_on=date(year, 7, 15))
    prior_service_save(prior_service=PriorService(
        member=moved, year=year, months=Decimal("6.5"), previous_agency="Sở Nội vụ"))
    rows = metrics(union, year, scores=[moved, recruit])
    rules = default_rules(union, year)
    khoa, lan = rows["Khoa"], rows["Lan"]
    assert (khoa.months_in_year, khoa.months_elsewhere, khoa.months_since_recruited) == (
        Decimal(12), Decimal("6.5"), None)
    assert (lan.months_in_year, lan.months_since_recruited) == (Decimal("5.5"), Decimal("5.5"))
    assert suggested_level(khoa, rules) == Level.GOOD
    assert suggested_level(lan, rules) == Level.NOT_RATED
    assert level_problems(khoa, Level.GOOD, rules) == []
    assert level_problems(lan, Level.GOOD, rules)[0].startswith(
        "Làm việc 5,5 tháng, dưới 6 tháng trong năm: không xếp loại")


def test_months_count_from_the_start_of_work_not_from_joining_the_union(union):
    late_joiner = person(union, "Minh", started_at_agency=date(2010, 3, 1),
                         joined_union_on=date(2019, 10, 1))
    rows = metrics(union, 2019)
    assert (rows["Minh"].months_in_year, rows["Minh"].months_since_recruited) == (
        Decimal(12), None)
    assert late_joiner.started_at_agency.year == 2010


@pytest.mark.parametrize("year, months, ok, source", [
    (2019, Decimal("9.5"), False, "Nghị định 91/2017/NĐ-CP (Lao động tiên tiến)"),
    (2019, Decimal(10), True, ""),
    (2026, Decimal("5.5"), False, "Luật Thi đua, khen thưởng 2022"),
    (2026, Decimal(6), True, ""),
])
def test_a_recruit_needs_the_years_months_before_lao_dong_tien_tien(union, year, months, ok,
                                                                      source):
    """Ten months under Nghị định 91/2017, six from 2024 (Thông tư 01/2024/TT-BNV)."""
    rows = metrics(union, year, scores=[person(union, "Nga")])
    nga = rows["Nga"]
    nga.months_since_recruited = months
    problems = title_problems(nga, Level.GOOD, {LDTT}, default_rules(union, year))
    assert (problems == []) is ok
    if not ok:
        assert problems[0].startswith(f"Mới tuyển dụng {str(months).replace('.', ',')} tháng")
        assert source in problems[0]


def test_a_recruit_of_last_spring_has_served_long_enough(union):
    person(union, "Oanh", started_at_agency=date(2018, 3, 1))
    assert metrics(union, 2019)["Oanh"].months_since_recruited == Decimal(22)


def test_discipline_in_2019_of_either_system_sets_the_level_and_a_union_one_does_not(union):
    state, party, own = (person(union, name) for name in ("Phúc", "Quân", "Sơn"))
    discipline(state, on=date(2019, 4, 1), duties=False)
    discipline(party, "warning", system="party", on=date(2019, 5, 1))
    discipline(own, system="union", on=date(2019, 6, 1))
    rows = metrics(union, 2019, scores=[state, party, own])
    assert [(rows[n].disciplined, rows[n].other_discipline, rows[n].union_disciplined)
            for n in ("Phúc", "Quân", "Sơn")] == [
        ("reprimand", "", False), ("warning", "", False), ("", "", True)]
    rules = default_rules(union, 2019)
    assert suggested_level(rows["Phúc"], rules) == Level.NOT_DONE
    assert suggested_level(rows["Sơn"], rules) == Level.GOOD
    assert title_problems(rows["Sơn"], Level.GOOD, {LDTT}, rules) == []
    assert title_problems(rows["Sơn"], Level.GOOD, {DVCDXS}, rules) == [
        "Đoàn viên công đoàn xuất sắc không xét cho đoàn viên bị kỷ luật trong năm."]


def test_from_2026_only_a_breach_in_the_duties_sets_the_level_but_any_bars_the_titles(union):
    off_duty, on_duty = person(union, "Tâm"), person(union, "Uyên")
    discipline(off_duty, on=date(2026, 4, 1), duties=False)
    discipline(on_duty, on=date(2026, 4, 1))
    rows = metrics(union, 2026, scores=[off_duty, on_duty])
    rules = default_rules(union, 2026)
    tam = rows["Tâm"]
    assert (tam.disciplined, tam.other_discipline) == ("", "reprimand")
    assert suggested_level(tam, rules) == Level.GOOD
    assert level_problems(tam, Level.GOOD, rules) == []
    assert title_problems(tam, Level.GOOD, {LDTT}, rules) == [
        "Bị kỷ luật (khiển trách) trong năm: không xét Lao động tiên tiến (Luật Thi đua, khen "
        "thưởng 2022, Điều 24)."]
    assert suggested_level(rows["Uyên"], rules) == Level.NOT_DONE


def test_a_decision_that_counts_for_the_year_before_is_not_counted_twice(union):
    """Nghị định 48/2023: a breach already rated KHTNV in the year it happened is not counted
    again in the year of the decision."""
    late = person(union, "Vân")
    discipline(late, on=date(2024, 2, 20), counts=2023)
    assert metrics(union, 2023)["Vân"].disciplined == "reprimand"
    assert metrics(union, 2024)["Vân"].disciplined == ""


def test_a_discipline_counts_for_its_year_unless_told(union):
    recorded = discipline(person(union, "Xuân"), on=date(2025, 3, 3))
    assert recorded.counts_for_year == 2025


@pytest.mark.parametrize("fields, field", [
    ({"system": "state", "level": "expulsion"}, "level"),
    ({"system": "party", "level": "dismissal"}, "level"),
    ({"counts": 2022}, "counts_for_year"),
    ({"counts": 2025}, "counts_for_year"),
])
def test_a_discipline_the_system_does_not_have_or_for_a_wrong_year_is_refused(union, fields,
                                                                               field):
    member = person(union, "Yến")
    with pytest.raises(ValidationError) as refused:
        discipline(member, fields.get("level", "reprimand"), system=fields.get("system", "state"),
                   on=date(2024, 5, 1), counts=fields.get("counts"))
    assert field in refused.value.message_dict


def test_prior_service_is_recorded_once_a_year(union):
    member = person(union, "Zung")
    prior_service_save(prior_service=PriorService(member=member, year=2024, months=3,
                                                  previous_agency="UBND huyện"))
    with pytest.raises(ValidationError, match="Năm này đã ghi thời gian công tác ở cơ quan cũ"):
        prior_service_save(prior_service=PriorService(member=member, year=2024, months=2,
                                                      previous_agency="Sở Tài chính"))
