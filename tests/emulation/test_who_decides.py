"""Who decides (DOMAIN.md): the union proposes; the agency head decides the staff rating and
the state titles on the advice of the council; the union's Ban Chấp hành decides only its own
titles. Every path by which the board could record a staff rating or a state title as its own
decision is tried here and refused, naming the body that decides."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from emulation.models import (
    Agency,
    AgencyLeader,
    Award,
    AwardType,
    Ballot,
    Council,
    CouncilMeeting,
    CouncilSeat,
    DecidingBody,
    Decision,
    Evaluation,
    EvaluationCycle,
    Level,
)
from emulation.services import (
    agency_leader_save,
    award_save,
    award_type_save,
    ballots_record,
    council_meeting_save,
    council_save,
    cycle_open,
    decision_record,
    decision_revoke,
    evaluation_board_propose,
)
from emulation.services.decisions import ballot_candidacies, latest_ballots
from tests.emulation.flow import HEAD_NAME, agency_of, meet, propose, record, submit
from tests.factories import MemberFactory, UnionFactory

YEAR = timezone.localdate().year
GOOD = Level.GOOD
HEAD_WORDS = ("Giám đốc Sở Thử nghiệm tỉnh Gia Lai", "thủ trưởng cơ quan",
              "Ban Chấp hành không tự quyết định thay")


def refused(call, *words):
    with pytest.raises(ValidationError) as error:
        call()
    text = " ".join(error.value.messages)
    for word in words:
        assert word in text, text
    return text


@pytest.fixture
def year(db):
    """A union of four registered members with an initiative each, its agency (head and a
    council of ten), the cycle open and every member proposed HTTNV + LĐTT, one CSTĐCS."""
    union = UnionFactory(name="Công đoàn cơ sở Sở Thử nghiệm")
    people = [MemberFactory(union=union) for _ in range(4)]
    cycle = cycle_open(union=union, year=YEAR, self_assessment_due=date(YEAR, 12, 31),
                       proposal_due=date(YEAR, 12, 31), decision_due=date(YEAR, 12, 31))
    agency_of(union, year=YEAR)
    evaluations = [cycle.evaluations.get(member=p) for p in people]
    for e in evaluations:
        Evaluation.objects.filter(pk=e.pk).update(registered_titles=["ldtt"], initiatives=1)
        e.refresh_from_db()
    for e in evaluations[1:]:
        propose(e, GOOD, "ldtt")
    propose(evaluations[0], GOOD, "ldtt", "cstdcs")
    cycle.rules["cstdcs_cap_percent"] = 50
    cycle.save()
    return cycle, evaluations


def decision(cycle, body, kind=Decision.Kind.RATING, award_type=None, number="1/QĐ"):
    return Decision(cycle=cycle, kind=kind, award_type=award_type, body=body, number=number,
                    decided_on=timezone.localdate(), signer_name="Chủ tịch BCH",
                    signer_title="Chủ tịch")


def state_type(cycle, code):
    return AwardType.objects.get(union=cycle.union, code=code)


# Every path the board might take to decide for the agency head


def test_the_board_cannot_record_a_staff_rating_as_its_own_decision(year):
    cycle, evaluations = year
    submit(cycle)
    text = refused(lambda: decision_record(
        decision=decision(cycle, DecidingBody.UNION_BOARD), by=None,
        levels={e: GOOD for e in evaluations}), *HEAD_WORDS)
    assert "Đánh giá, xếp loại chất lượng công chức, viên chức" in text
    assert "Nghị định 90/2020/NĐ-CP" in text
    assert not Decision.objects.exists()
    assert not Evaluation.objects.filter(cycle=cycle).exclude(level="").exists()


@pytest.mark.parametrize("code", ["ldtt", "cstdcs"])
def test_the_board_cannot_record_a_state_title_as_its_own_decision(year, code):
    cycle, _evaluations = year
    submit(cycle)
    meet(cycle)
    text = refused(lambda: record(cycle, code=code, body=DecidingBody.UNION_BOARD),
                   *HEAD_WORDS)
    assert "Luật Thi đua, khen thưởng 2022, Điều 80 khoản 1" in text
    assert not Evaluation.objects.filter(cycle=cycle, title_ldtt=True).exists()


def test_the_board_cannot_give_a_state_title_as_an_award_of_its_own(year):
    cycle, evaluations = year
    award = Award(union=cycle.union, award_type=state_type(cycle, "ldtt"),
                  member=evaluations[0].member, year=YEAR, achievement="Năm nay",
                  body=DecidingBody.UNION_BOARD, decision_number="3/QĐ-CĐCS",
                  decision_date=timezone.localdate(), issuer="Ban Chấp hành")
    refused(lambda: award_save(award=award), "thủ trưởng cơ quan", "Điều 80")
    assert not Award.objects.exists()


@pytest.mark.parametrize("code", ["ldtt", "cstdcs"])
def test_the_catalogue_cannot_move_a_state_title_to_the_board(year, code):
    cycle, _evaluations = year
    award_type = state_type(cycle, code)
    award_type.decided_by = DecidingBody.UNION_BOARD
    refused(lambda: award_type_save(award_type=award_type), "thủ trưởng cơ quan",
            "không đổi được")
    assert state_type(cycle, code).decided_by == DecidingBody.AGENCY_HEAD


def test_the_decision_form_refuses_a_tampered_body(year, client):
    cycle, evaluations = year
    submit(cycle)
    chair = MemberFactory(union=cycle.union)
    from tests.factories import BoardMembershipFactory, TermFactory, UserFactory
    chair.user = UserFactory(username="chu-tich")
    chair.save()
    BoardMembershipFactory(member=chair, term=TermFactory(union=cycle.union), position="chair")
    client.force_login(chair.user)
    url = reverse("emulation:decision-create", args=[cycle.pk])
    page = client.get(url)
    assert "Giám đốc Sở Thử nghiệm tỉnh Gia Lai (thủ trưởng cơ quan)" in page.content.decode()
    data = {"body": "union_board", "number": "5/QĐ-CĐCS", "decided_on": timezone.localdate(),
            "signer_name": "Chủ tịch", "signer_title": "Chủ tịch",
            **{f"pick_{e.pk}": "on" for e in evaluations},
            **{f"level_{e.pk}": "httnv" for e in evaluations}}
    response = client.post(url, data)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].non_field_errors())
    assert "Giám đốc Sở Thử nghiệm tỉnh Gia Lai" in errors and "không tự quyết định" in errors
    assert not Decision.objects.exists()
    response = client.post(url, {**data, "body": "agency_head", "number": "312/QĐ-STN"})
    assert response.status_code == 302
    assert Decision.objects.get().body == DecidingBody.AGENCY_HEAD


def test_the_award_form_refuses_a_state_title_given_by_the_board(year, client):
    cycle, evaluations = year
    from tests.factories import BoardMembershipFactory, TermFactory, UserFactory
    chair = MemberFactory(union=cycle.union, user=UserFactory(username="chu-tich"))
    BoardMembershipFactory(member=chair, term=TermFactory(union=cycle.union), position="chair")
    client.force_login(chair.user)
    response = client.post(reverse("emulation:award-create", args=[cycle.union.pk]), {
        "award_type": state_type(cycle, "cstdcs").pk, "member": evaluations[0].member.pk,
        "year": YEAR, "achievement": "Sáng kiến", "body": "union_board",
        "achievement_kind": "year",
        "decision_number": "4/QĐ-CĐCS", "decision_date": timezone.localdate(),
        "issuer": "Ban Chấp hành"})
    assert response.status_code == 200
    assert "thủ trưởng cơ quan" in response.content.decode()
    assert not Award.objects.exists()


def test_the_board_decides_its_own_title_itself(year):
    cycle, evaluations = year
    propose(evaluations[1], GOOD, "ldtt", "dvcdxs")
    refused(lambda: record(cycle, code="dvcdxs", body=DecidingBody.AGENCY_HEAD),
            "Ban Chấp hành Công đoàn cơ sở Sở Thử nghiệm")
    record(cycle, code="dvcdxs")  # the catalogue's body: the union's own board
    assert Evaluation.objects.get(pk=evaluations[1].pk).title_dvcdxs


# The council and its ballot


def test_a_candidate_below_the_threshold_cannot_go_into_the_decision(year):
    cycle, evaluations = year
    propose(evaluations[1], GOOD, "ldtt", "cstdcs")
    submit(cycle)
    meeting = meet(cycle, agree=7)  # of 10 members: exactly 70 %
    first, second = ballot_candidacies(cycle)
    ballots_record(meeting=meeting, by=None, counts={second: (6, 10)})
    ballots = latest_ballots([first, second])
    assert ballots[first.pk].passed and not ballots[second.pk].passed
    text = refused(lambda: record(cycle, code="cstdcs"), "6/10 phiếu đồng ý (60%",
                   "cần từ 70%", "không đạt")
    assert second.evaluation.member.full_name in text
    record(cycle, code="cstdcs", evaluations=[first.evaluation])
    assert Evaluation.objects.get(pk=first.evaluation_id).title_cstdcs
    assert not Evaluation.objects.get(pk=second.evaluation_id).title_cstdcs


def test_a_title_needing_a_ballot_is_refused_before_the_council_votes(year):
    cycle, _evaluations = year
    submit(cycle)
    refused(lambda: record(cycle, code="cstdcs"), "chưa bỏ phiếu kín")


def test_the_ballot_counts_must_add_up_and_the_meeting_be_quorate(year):
    cycle, _evaluations = year
    submit(cycle)
    council = Council.objects.get(union=cycle.union, year=YEAR)
    seats = list(council.seats.all())
    meeting = council_meeting_save(meeting=CouncilMeeting(
        cycle=cycle, council=council, held_on=timezone.localdate()),
        present=seats[:6], by=None)
    (candidacy,) = ballot_candidacies(cycle)
    refused(lambda: ballots_record(meeting=meeting, by=None, counts={candidacy: (7, 7)}),
            "6/10", "chưa đủ số tối thiểu")
    council_meeting_save(meeting=meeting, present=seats[:7], by=None)
    refused(lambda: ballots_record(meeting=meeting, by=None, counts={candidacy: (9, 8)}),
            "đồng ý (9) ≤ hợp lệ (8)")
    refused(lambda: ballots_record(meeting=meeting, by=None, counts={candidacy: (8, 11)}),
            "số thành viên Hội đồng (10)")
    (ballot,) = ballots_record(meeting=meeting, by=None, counts={candidacy: (7, 7)})
    assert (ballot.members, ballot.threshold_percent, ballot.passed) == (10, 70, True)


def test_the_council_is_chaired_by_the_head_and_frozen_once_it_has_met(year):
    cycle, _evaluations = year
    council = Council.objects.get(union=cycle.union, year=YEAR)
    seats = [CouncilSeat(role=CouncilSeat.Role.CHAIR, full_name="Người khác", position="x")]
    refused(lambda: council_save(council=council, seats=seats, by=None),
            "Chủ tịch Hội đồng là Thủ trưởng cơ quan", HEAD_NAME)
    refused(lambda: council_save(council=council, by=None, seats=[
        CouncilSeat(role=CouncilSeat.Role.MEMBER, full_name=HEAD_NAME, position="x")]),
        "đúng một Chủ tịch")
    submit(cycle)
    meet(cycle)
    refused(lambda: council_save(council=council, by=None, seats=[
        CouncilSeat(role=CouncilSeat.Role.CHAIR, full_name=HEAD_NAME, position="x")]),
        "Hội đồng đã họp")


def test_two_heads_cannot_serve_at_once(year):
    cycle, _evaluations = year
    agency = Agency.objects.get(union=cycle.union)
    other = AgencyLeader(agency=agency, role=AgencyLeader.Role.HEAD, title="Giám đốc",
                         full_name="Người mới", started_on=date(YEAR, 3, 1))
    refused(lambda: agency_leader_save(leader=other, by=None), "Cùng thời gian",
            HEAD_NAME)
    current = agency.leaders.get(full_name=HEAD_NAME)
    current.ended_on = date(YEAR, 2, 28)
    agency_leader_save(leader=current, by=None)
    agency_leader_save(leader=other, by=None)
    assert agency.head_on(date(YEAR, 3, 1)).full_name == "Người mới"
    assert agency.head_on(date(YEAR, 2, 1)).full_name == HEAD_NAME


# The agency head is rated by the level above


def test_the_agency_head_is_recorded_not_rated_by_the_union(db):
    union = UnionFactory()
    head = MemberFactory(union=union, given_name="Đốc")
    staff = MemberFactory(union=union)
    agency_of(union, head=head, year=YEAR)
    cycle = cycle_open(union=union, year=YEAR, self_assessment_due=date(YEAR, 12, 31),
                       proposal_due=date(YEAR, 12, 31), decision_due=date(YEAR, 12, 31))
    mine, theirs = cycle.evaluations.get(member=head), cycle.evaluations.get(member=staff)
    assert mine.rated_above and not theirs.rated_above
    refused(lambda: evaluation_board_propose(evaluation=mine, level=GOOD, titles=set(),
                                             note="", by=None), "cấp trên của cơ quan")
    propose(theirs, GOOD)
    submit(cycle)  # the head needs no proposal of the union's
    refused(lambda: record(cycle, evaluations=[mine], level=GOOD),
            "Ủy ban nhân dân tỉnh Gia Lai")
    refused(lambda: decision_record(decision=decision(cycle, DecidingBody.AGENCY_HEAD), by=None,
                                    levels={mine: GOOD, theirs: GOOD}), "quyết định riêng")
    record(cycle, evaluations=[mine], body=DecidingBody.SUPERIOR, number="2150/QĐ-UBND",
           level=GOOD)
    assert Evaluation.objects.get(pk=mine.pk).level == GOOD


# Decisions: numbers, dates, revoking


def test_a_decision_number_is_used_once_a_year_by_a_body(year):
    cycle, evaluations = year
    submit(cycle)
    record(cycle, evaluations=evaluations[:2], number="312/QĐ-STN")
    refused(lambda: record(cycle, evaluations=evaluations[2:], number="312/QĐ-STN"),
            "Đã ghi một quyết định số 312/QĐ-STN")
    refused(lambda: record(cycle, evaluations=evaluations[2:], number="313/QĐ-STN",
                           day=timezone.localdate() + timedelta(days=1)), "sau hôm nay")
    record(cycle, evaluations=evaluations[2:], number="313/QĐ-STN")
    assert EvaluationCycle.objects.get(pk=cycle.pk).status == "proposed"


def test_a_decision_recorded_by_mistake_is_revoked_and_its_people_are_undecided(year):
    cycle, evaluations = year
    submit(cycle)
    meet(cycle)
    rating = record(cycle)
    title = record(cycle, code="cstdcs")
    refused(lambda: decision_revoke(decision=title, reason=" ", by=None), "lý do")
    decision_revoke(decision=title, reason="Ghi nhầm số", by=None)
    first = Evaluation.objects.get(pk=evaluations[0].pk)
    assert not first.title_cstdcs and first.level == GOOD
    assert first.candidacies.get(award_type__code="cstdcs").decision is None
    assert Ballot.objects.exists()  # the council's vote stays
    decision_revoke(decision=rating, reason="Ghi nhầm người", by=None)
    assert not Evaluation.objects.filter(cycle=cycle).exclude(level="").exists()


# Titles across years


def test_three_cstdcs_in_a_row_show_on_the_members_record_and_the_cycle_page(year, client):
    cycle, evaluations = year
    star = evaluations[0].member  # proposed CSTĐCS this year by the fixture
    for past in (YEAR - 2, YEAR - 1):
        earlier = cycle_open(union=cycle.union, year=past, self_assessment_due=date(past, 12, 1),
                             proposal_due=date(past, 12, 5), decision_due=date(past, 12, 10),
                             today=date(past, 11, 1))
        EvaluationCycle.objects.filter(pk=earlier.pk).update(status="published")
        earlier.evaluations.filter(member=star).update(level=GOOD, title_ldtt=True,
                                                        title_cstdcs=True)
    from tests.factories import BoardMembershipFactory, TermFactory, UserFactory
    chair = MemberFactory(union=cycle.union, user=UserFactory(username="chu-tich"))
    BoardMembershipFactory(member=chair, term=TermFactory(union=cycle.union), position="chair")
    client.force_login(chair.user)
    page = client.get(reverse("emulation:cycle-detail", args=[cycle.pk])).content.decode()
    panel = page[page.index('id="provincial"'):]
    assert star.full_name in panel[:panel.index("</div>")]
    assert "năm nay: đã đề nghị CSTĐCS" in panel
    submit(cycle)
    meet(cycle)
    record(cycle)
    record(cycle, code="ldtt")
    record(cycle, code="cstdcs")
    from emulation.services import cycle_set_status
    cycle_set_status(cycle=cycle, status="published", by=None)
    page = client.get(reverse("emulation:member-titles", args=[star.pk])).content.decode()
    assert f"3 năm liên tục đạt Chiến sĩ thi đua cơ sở ({YEAR - 2}–{YEAR})" in page
