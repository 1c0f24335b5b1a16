"""The rules of a year as its texts state them (docs/rules.md): the HTXSNV quota and the
CSTĐCS cap per scope with their rounding and arithmetic (the 2016 case), the tasks-on-time
condition, and the citations of 2019 against those of 2026. Pure: nothing is saved."""

from decimal import Decimal

import pytest

from emulation.legal import emulation_grounds, rating_grounds
from emulation.models import AwardType, Evaluation, EvaluationCycle, Level
from emulation.services import (
    cap_limit,
    default_rules,
    level_problems,
    quota_limits,
    suggested_level,
    title_problems,
)
from union.models import Member, Union, UnionGroup

X, G, D, N = Level.EXCELLENT, Level.GOOD, Level.DONE, Level.NOT_DONE
LDTT, CSTDCS = AwardType.LDTT, AwardType.CSTDCS
CIVIL, PUBLIC = Member.EmploymentType.CIVIL_SERVANT, Member.EmploymentType.PUBLIC_EMPLOYEE


def rules(year, **settings):
    return {**default_rules(Union(excellence_quota_percent=Decimal(20)), year), **settings}


def person(kind=CIVIL, group="Văn phòng", **metrics):
    member = Member(family_name="Nguyễn", given_name="An", employment_type=kind,
                    group=UnionGroup(name=group))
    return Evaluation(member=member, cycle=EvaluationCycle(year=2024), **{
        "average_score": Decimal(85), "months_checked": 12, "registered_titles": [LDTT],
        **metrics})


def rows(*levels, kind=CIVIL, group="Văn phòng", codes=()):
    return [(person(kind, group), level, set(codes)) for level in levels]


# The 2016 case: 6 CSTĐCS among 39 LĐTT at Sở TT&TT Gia Lai


def the_2016_rows():
    return (rows(*[G] * 6, codes=[LDTT, CSTDCS]) + rows(*[G] * 33, codes=[LDTT]))


def test_the_2016_case_passes_when_the_cap_is_rounded_to_the_nearest():
    cap = cap_limit(the_2016_rows(), rules(2016))
    assert (cap.have, cap.base, cap.allowed, cap.over) == (6, 39, 6, False)
    assert cap.text == ("CSTĐCS – Toàn cơ quan: 6; 15% × 39 LĐTT = 5,85 → tối đa 6 (làm tròn "
                        "đến số gần nhất)")
    assert cap.source == "Thông tư 07/2014/TT-BNV, Điều 5"


def test_the_2016_case_would_fail_rounded_down():
    cap = cap_limit(the_2016_rows(), rules(2016, cap_rounding="down"))
    assert (cap.allowed, cap.over) == (5, True)


def test_the_cap_of_2019_is_the_decrees_and_from_2024_there_is_none():
    assert cap_limit(the_2016_rows(), rules(2019)).source == (
        "Nghị định 91/2017/NĐ-CP, Điều 9 khoản 3")
    assert cap_limit(the_2016_rows(), rules(2024)) is None
    assert cap_limit(the_2016_rows(), rules(2026)) is None


# The HTXSNV quota


@pytest.mark.parametrize("rounding, allowed", [("down", 0), ("nearest", 1), ("up", 1)])
def test_the_quota_is_rounded_as_the_board_chose(rounding, allowed):
    (whole, *_types) = quota_limits(rows(X, G, G, G, G), rules(2024, quota_rounding=rounding))
    assert (whole.have, whole.base, whole.allowed) == (1, 4, allowed)
    assert whole.arithmetic.startswith("20% × 4 HTTNV = 0,8 → tối đa")


def test_the_quota_is_counted_over_the_agency_and_each_kind_of_staff_from_2023():
    scoped = quota_limits(rows(X, G, G, G, G, G) + rows(X, G, G, kind=PUBLIC), rules(2024))
    assert [(limit.scope, limit.have, limit.base, limit.allowed, limit.over)
            for limit in scoped] == [
        ("Toàn cơ quan", 2, 7, 1, True), ("Công chức", 1, 5, 1, False),
        ("Viên chức", 1, 2, 0, True)]
    assert "Quy định 366-QĐ/TW năm 2025 của Đảng: không quá 20%" in scoped[0].source


def test_the_quota_by_group_when_the_board_chooses_it():
    scoped = quota_limits(rows(X, G, G, G, G, G, group="Văn phòng") + rows(X, G, group="Thanh tra"),
                          rules(2024, quota_scope="agency_and_group"))
    assert [(limit.scope, limit.allowed) for limit in scoped] == [
        ("Toàn cơ quan", 1), ("Thanh tra", 0), ("Văn phòng", 1)]


def test_a_small_group_may_have_one_when_the_board_chooses_it():
    small = rows(X, G, G, group="Thanh tra")
    (whole,) = quota_limits(small, rules(2024, quota_scope="agency"))
    assert whole.allowed == 0
    (whole,) = quota_limits(small, rules(2024, quota_scope="agency", quota_small_unit=True))
    assert (whole.allowed, whole.over) == (1, False)
    assert whole.note.startswith("nhóm dưới 5 người: tối đa 01")


def test_the_exception_for_an_excellent_unit_raises_the_quota_to_25_percent():
    (whole, _civil) = quota_limits(rows(X, G, G, G, G), rules(2026, quota_exception=True))
    assert (whole.percent, whole.allowed, whole.over) == (Decimal(25), 1, False)


def test_before_2023_the_quota_is_the_unions_own_and_cited_as_such():
    (whole,) = quota_limits(rows(X, G, G, G, G), rules(2019))
    assert whole.source == "tỷ lệ do công đoàn, cơ quan áp dụng"


# Tasks on time


@pytest.mark.parametrize("year, expected", [(2019, X), (2022, D), (2024, D), (2026, X)])
def test_eight_of_thirteen_tasks_on_time_keeps_the_suggestion_at_htnv_from_2020_to_2025(
        year, expected):
    """Nghị định 90/2020 Điều 8, 9, 12, 13: HTTNV and above need every task on time. Not
    verified for Nghị định 56/2015; from 2026 lateness is in the score itself."""
    late = person(average_score=Decimal(95), tasks_total=13, tasks_on_time=8)
    assert suggested_level(late, rules(year)) == expected


def test_more_than_half_late_suggests_khtnv():
    late = person(average_score=Decimal(95), tasks_total=13, tasks_on_time=6)
    assert suggested_level(late, rules(2024)) == N


# Citations


def test_2019_and_2026_cite_their_own_texts():
    disciplined = person(disciplined="warning")
    (old,) = level_problems(disciplined, G, rules(2019))
    (new,) = level_problems(disciplined, G, rules(2026))
    assert "Nghị định 56/2015/NĐ-CP, được sửa đổi, bổ sung bởi Nghị định 88/2017/NĐ-CP" in old
    assert "Nghị định 335/2025/NĐ-CP" in new
    short = person(months_in_year=Decimal(5))
    assert "Nghị định 90/2020/NĐ-CP, Điều 2 khoản 3" in level_problems(short, G, rules(2024))[0]


def test_cstdcs_asks_an_initiative_in_2019_and_an_initiative_or_htxsnv_from_2024():
    excellent = person(initiatives=0)
    (old,) = title_problems(excellent, X, {LDTT, CSTDCS}, rules(2019))
    assert "có sáng kiến được công nhận trong năm (Nghị định 91/2017/NĐ-CP, Điều 9 khoản 3)" in old
    assert title_problems(excellent, X, {LDTT, CSTDCS}, rules(2026)) == []
    assert title_problems(excellent, G, {LDTT, CSTDCS}, rules(2026)) == [
        "Chiến sĩ thi đua cơ sở cần đạt Lao động tiên tiến và hoàn thành xuất sắc nhiệm vụ "
        "hoặc có sáng kiến được công nhận (Luật Thi đua, khen thưởng 2022, Điều 23)."]


def test_the_papers_grounds_are_the_texts_in_force_that_year():
    assert [g.split(" ngày")[0] for g in emulation_grounds(2025)] == [
        "Căn cứ Luật Thi đua, khen thưởng", "Căn cứ Nghị định số 152/2025/NĐ-CP"]
    assert any("98/2023" in g for g in emulation_grounds(2024))
    assert [g.split(" ngày")[0] for g in rating_grounds(2026)] == [
        "Căn cứ Nghị định số 335/2025/NĐ-CP", "Căn cứ Nghị định số 233/2026/NĐ-CP"]
    assert not any("90/2020" in g for g in rating_grounds(2026))
    assert any("56/2015" in g for g in rating_grounds(2019))
