"""The demo data command's emulation: 2019 published within every rule, the current year (2026,
seeded on 25/11/2026) under way, and that a rerun writes nothing.

Seeding takes seconds, so the module seeds twice once, inside a transaction rolled back at its
end; each test then runs in a savepoint of its own.
"""

import re
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from emulation.models import (
    Agency,
    Award,
    AwardType,
    Ballot,
    Candidacy,
    Council,
    CouncilSeat,
    DecidingBody,
    Decision,
    Evaluation,
    EvaluationCycle,
    Initiative,
    Level,
    Movement,
    Registration,
    UnionRating,
)
from emulation.services import award_problems, cap_limit, publish_problems, quota_limits
from emulation.services.evaluations import members_of_year
from emulation.services.rules import DECISION, CycleState
from emulation.services.union_rating import level_problems, rating_problems
from union.models import Union

MAIN = "CĐCS Sở TT&TT Gia Lai"




@pytest.fixture
def demo(seeded, db):
    return Union.objects.get(short_name=MAIN)


def cycle_of(union, year):
    return EvaluationCycle.objects.get(union=union, year=year)


def decision_of(union, year, full_name) -> Evaluation:
    return next(e for e in cycle_of(union, year).evaluations.select_related("member")
                if e.member.full_name == full_name)


def test_running_it_twice_changes_no_row_count(seeded, db):
    first, second, _output = seeded
    assert second == first
    assert first["emulation.HistoricalEvaluation"] > 0
    assert first["emulation.HistoricalEvaluationCycle"] > 0
    assert first["emulation.Registration"] > 0


def test_it_prints_a_line_per_year(seeded, db):
    output = seeded[2]
    assert "Thi đua năm 2019: 2 phong trào" in output
    assert "(đã công bố): 6 HTXSNV" in output
    assert "Thi đua năm 2026: 2 phong trào" in output


def test_every_union_has_the_award_catalogue(demo):
    for union in Union.objects.all():
        codes = set(AwardType.objects.filter(union=union).values_list("code", flat=True))
        assert {AwardType.LDTT, AwardType.CSTDCS, AwardType.DVCDXS, AwardType.STRONG_GROUP} <= codes


def test_both_years_have_the_movement_and_the_campaign(demo):
    for year in (2019, 2026):
        names = set(Movement.objects.filter(union=demo, year=year).values_list("name", flat=True))
        assert "Lao động giỏi, Lao động sáng tạo" in names
        assert any("Trung thành, trách nhiệm, liêm chính, sáng tạo" in name for name in names)


def test_every_group_registered_for_a_strong_group_and_every_registration_is_approved(demo):
    for year in (2019, 2026):
        registrations = Registration.objects.filter(union=demo, movement__year=year)
        groups = registrations.filter(group__isnull=False)
        assert groups.count() == demo.groups.count()
        assert all(AwardType.STRONG_GROUP in r.titles.values_list("code", flat=True)
                   for r in groups)
        assert not registrations.exclude(status=Registration.Status.APPROVED)


def test_nearly_every_2019_member_registered_in_january(demo):
    movement = Movement.objects.get(union=demo, year=2019,
                                    name="Lao động giỏi, Lao động sáng tạo")
    registered = set(movement.registrations.filter(member__isnull=False).values_list(
        "member", flat=True))
    members = set(members_of_year(demo.pk, 2019).values_list("pk", flat=True))
    assert registered < members
    assert len(members - registered) == 2


def test_the_2019_initiatives_have_one_to_three_authors_and_most_are_recognised(demo):
    initiatives = Initiative.objects.filter(union=demo, year=2019)
    assert 5 <= initiatives.count() <= 7
    assert all(1 <= i.authors.count() <= 3 and i.value_vnd for i in initiatives)
    assert initiatives.filter(status=Initiative.Status.NOT_RECOGNISED).count() == 1
    for initiative in initiatives.recognised():
        assert re.fullmatch(r"0\d/QĐ-HĐSK", initiative.decision_number)
        assert initiative.decision_date.year == 2019


def test_the_2019_cycle_is_published_with_a_decision_for_every_member(demo):
    cycle = cycle_of(demo, 2019)
    assert cycle.status == EvaluationCycle.Status.PUBLISHED
    members = members_of_year(demo.pk, 2019)
    assert cycle.evaluations.count() == members.count()
    assert not cycle.evaluations.filter(level="")
    assert publish_problems(cycle) == []


def test_the_2019_levels_and_titles_keep_the_quota_and_the_cap(demo):
    cycle = cycle_of(demo, 2019)
    rows = CycleState.of(cycle).rows(DECISION)
    (whole,) = quota_limits(rows, cycle.rules)  # 2019: the whole agency (Nghị định 56/2015)
    assert 0 < whole.have <= whole.allowed and whole.base == 30
    cap = cap_limit(rows, cycle.rules)
    assert 0 < cap.have <= cap.allowed
    assert "Nghị định 91/2017/NĐ-CP, Điều 9 khoản 3" in cap.source
    assert cap.base > cycle.evaluations.count() * 0.8  # most members, as in 2016 (39 of 43)


def test_every_2019_cstdcs_holder_has_a_recognised_2019_initiative(demo):
    holders = cycle_of(demo, 2019).evaluations.filter(title_cstdcs=True)
    recognised = Initiative.objects.recognised().filter(union=demo, year=2019)
    for evaluation in holders:
        assert evaluation.title_ldtt
        assert recognised.filter(authors=evaluation.member).exists(), evaluation


def test_ldtt_goes_only_to_registered_members_rated_httnv_or_better(demo):
    for evaluation in cycle_of(demo, 2019).evaluations.filter(title_ldtt=True):
        assert evaluation.level in (Level.EXCELLENT, Level.GOOD)
        assert evaluation.registered_titles


def test_the_reprimanded_member_is_khtnv(demo):
    evaluation = cycle_of(demo, 2019).evaluations.exclude(disciplined="").get()
    assert evaluation.level == Level.NOT_DONE
    assert not (evaluation.title_ldtt or evaluation.title_cstdcs or evaluation.title_dvcdxs)


def test_long_sick_leave_caps_at_htnv_and_maternity_leave_is_still_rated(demo):
    evaluations = cycle_of(demo, 2019).evaluations
    sick = evaluations.get(months_absent__gte=3, maternity=False)
    assert sick.level == Level.DONE
    mother = evaluations.get(maternity=True)
    assert mother.months_absent == 5
    assert mother.level == Level.GOOD and mother.title_ldtt


def test_the_members_who_joined_in_mid_2019_are_rated_but_not_ldtt(demo):
    late = [e for e in cycle_of(demo, 2019).evaluations.select_related("member")
            if e.member.joined_union_on.year == 2019]
    assert len(late) == 2
    assert all(e.level == Level.GOOD and not e.title_ldtt for e in late)


def test_doanvien_is_ldtt_in_2019(demo):
    evaluation = cycle_of(demo, 2019).evaluations.get(member__user__username="doanvien")
    assert evaluation.level in (Level.EXCELLENT, Level.GOOD)
    assert evaluation.title_ldtt
    assert evaluation.self_level and evaluation.proposed_level


def test_the_2019_chair_of_khoa_iv_is_decided_too(demo):
    assert decision_of(demo, 2019, "Mai Xuân Trường").title_ldtt


# Who decides


def test_the_giam_doc_so_heads_the_agency_and_chairs_the_2019_council(demo):
    agency = Agency.objects.get(union=demo)
    head = agency.head_on(date(2019, 12, 20))
    assert (head.full_name, head.title, head.member.full_name) == (
        "Nguyễn Văn An", "Giám đốc", "Nguyễn Văn An")
    council = Council.objects.get(union=demo, year=2019)
    assert council.seats.get(role=CouncilSeat.Role.CHAIR).full_name == "Nguyễn Văn An"
    vice = council.seats.filter(role=CouncilSeat.Role.VICE_CHAIR).values_list("full_name",
                                                                               flat=True)
    assert "Mai Xuân Trường" in vice  # the union's chair (Khóa IV) sits on it


def test_the_board_rates_nobody_and_the_head_is_rated_by_the_province(demo):
    cycle = cycle_of(demo, 2019)
    head = decision_of(demo, 2019, "Nguyễn Văn An")
    assert head.rated_above and head.board_level == ""
    assert head.level_decision.body == DecidingBody.SUPERIOR
    assert head.level_decision.number == "2150/QĐ-UBND"
    staff = cycle.evaluations.filter(rated_above=False)
    assert {e.level_decision.body for e in staff.select_related("level_decision")} == {
        DecidingBody.AGENCY_HEAD}
    assert not Decision.objects.filter(cycle=cycle, kind=Decision.Kind.RATING,
                                       body=DecidingBody.UNION_BOARD).exists()


def test_each_2019_title_comes_from_its_deciding_body_with_a_number_and_a_date(demo):
    cycle = cycle_of(demo, 2019)
    for decision in Decision.objects.filter(cycle=cycle).select_related("award_type"):
        assert decision.number and decision.decided_on.year == 2019
        if decision.kind == Decision.Kind.TITLE:
            assert decision.body == decision.award_type.decided_by
    bodies = dict(Decision.objects.filter(cycle=cycle, kind=Decision.Kind.TITLE).values_list(
        "award_type__code", "body"))
    assert bodies == {AwardType.LDTT: DecidingBody.AGENCY_HEAD,
                      AwardType.CSTDCS: DecidingBody.AGENCY_HEAD,
                      AwardType.DVCDXS: DecidingBody.UNION_BOARD}
    for evaluation in cycle.evaluations.filter(title_ldtt=True):
        assert evaluation.candidacies.get(award_type__code="ldtt").decision.number == (
            "315/QĐ-STTTT")


def test_every_2019_cstdcs_passed_the_councils_secret_ballot(demo):
    candidacies = Candidacy.objects.filter(evaluation__cycle=cycle_of(demo, 2019),
                                           award_type__code=AwardType.CSTDCS)
    assert candidacies.count() == 5
    for candidacy in candidacies:
        (ballot,) = Ballot.objects.filter(candidacy=candidacy)
        assert ballot.passed and ballot.members == 9
        assert candidacy.decision.council_meeting_id == ballot.meeting_id


def test_the_2026_cycle_is_open_with_some_self_assessments_and_no_decisions(demo):
    cycle = cycle_of(demo, 2026)
    assert cycle.status == EvaluationCycle.Status.OPEN
    evaluations = cycle.evaluations
    assert 0 < evaluations.exclude(self_level="").count() < evaluations.count()
    assert 0 < evaluations.exclude(proposed_level="").count() < 12
    assert not evaluations.exclude(level="")
    assert Initiative.objects.recognised().filter(union=demo, year=2026).count() == 1
    assert Initiative.objects.filter(union=demo, year=2026,
                                     status=Initiative.Status.SUBMITTED).exists()


def test_the_2019_awards_carry_their_decisions_and_break_no_rule(demo):
    awards = Award.objects.filter(union=demo, year=2019).select_related("award_type")
    names = {a.award_type.name for a in awards}
    assert {"Tổ công đoàn vững mạnh", "Giấy khen của Ban Chấp hành công đoàn cơ sở",
            "Giấy khen của công đoàn cấp trên", "Bằng khen của Liên đoàn Lao động tỉnh"} <= names
    assert awards.filter(group__isnull=False).count() >= 2
    for award in awards:
        assert award.decision_number and award.decision_date and award.issuer
        assert award_problems(award) == [], award
    bang_khen = awards.get(award_type__name="Bằng khen của Liên đoàn Lao động tỉnh")
    assert bang_khen.member.full_name == "Mai Xuân Trường"  # chair of Khóa IV (2017–2022)


def test_the_2019_rating_of_the_union_is_decided_by_its_upper_union_within_the_rules(demo):
    rating = UnionRating.objects.get(union=demo, year=2019)
    assert rating.guide_key == "HD1294-2019"
    assert rating.status == UnionRating.Status.DECIDED
    assert rating.decided_by.username == "capten"
    assert demo.parent.name == "Công đoàn Viên chức tỉnh Gia Lai"
    assert (rating.decision_number, rating.decision_date) == ("52/QĐ-CĐVC", date(2019, 12, 16))
    assert timezone.localdate(rating.submitted_at) == date(2019, 11, 15)
    scores = {criterion.code: (points, note) for criterion, points, note in rating.score_rows()}
    assert rating_problems(rating.guide, scores, rating.self_level, complete=True) == []
    assert level_problems(rating.guide, rating.decided_total, rating.level) == []
    assert [h.history_date.date() for h in rating.history.order_by("history_date")] == [
        date(2019, 11, 12), date(2019, 11, 15), date(2019, 12, 16)]


def test_capten_sees_the_2019_rating_in_the_rollup(demo, client):
    client.force_login(get_user_model().objects.get(username="capten"))
    response = client.get(reverse("emulation:rollup", args=[demo.parent_id, 2019]))
    html = response.content.decode()
    row = html[html.index(demo.name):]
    row = row[:row.index("</tr>")]
    assert "Tự chấm 91" in row and "Hoàn thành xuất sắc nhiệm vụ" in row
    assert "QĐ số 52/QĐ-CĐVC ngày 16/12/2019" in row
