"""The year-end evaluation's rules (DOMAIN.md), each with a test that fails without it.

The rules read the metrics snapshot on each evaluation, so these tests set the snapshot
directly; tests/emulation/test_metrics.py checks how the snapshot is computed. The board's
proposal is where the rules are first applied; the decisions recorded are checked again, and
publishing checks the year's counts (tests/emulation/test_who_decides.py covers who decides).
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from emulation.models import Decision, Evaluation, EvaluationCycle, Level
from emulation.services import (
    cycle_open,
    cycle_recompute,
    cycle_set_status,
    decision_record,
    evaluation_propose,
    evaluation_self_assess,
    group_meeting_save,
    proposal_problems,
    proposal_submit,
    publish_problems,
)
from emulation.services.evaluations import cycle_update
from emulation.services.rules import stale_decisions
from tests.emulation.flow import HEAD_NAME, agency_of, decide_all, propose, record, submit
from tests.factories import GroupFactory, MemberFactory, UnionFactory

YEAR = timezone.localdate().year
GOOD, EXCELLENT, DONE, NOT_DONE, NOT_RATED = (
    Level.GOOD, Level.EXCELLENT, Level.DONE, Level.NOT_DONE, Level.NOT_RATED)
REGISTERED = ["ldtt"]


def open_cycle(members=1, year=YEAR, **deadlines):
    """A cycle of ``year`` (its rules are the texts in force that year)."""
    union = UnionFactory()
    people = [MemberFactory(union=union) for _ in range(members)]
    deadlines = {"self_assessment_due": date(year, 12, 31), "proposal_due": date(year, 12, 31),
                 "decision_due": date(year, 12, 31), **deadlines}
    cycle = cycle_open(union=union, year=year, today=min(timezone.localdate(),
                                                         date(year, 12, 31)), **deadlines)
    agency_of(union, year=year)
    return cycle, [cycle.evaluations.get(member=person) for person in people]


def snapshot(evaluation, **metrics):
    """Set the evaluation's metrics as if computed so."""
    Evaluation.objects.filter(pk=evaluation.pk).update(**metrics)
    evaluation.refresh_from_db()
    return evaluation


def decide(evaluation, level, *titles, version=None):
    """The board's proposal, where the level and title rules are applied."""
    return propose(evaluation, level, *titles, version=version)


def titles_of(evaluation):
    return set(evaluation.candidacies.values_list("award_type__code", flat=True))


def refused(call, *words):
    with pytest.raises(ValidationError) as error:
        call()
    text = " ".join(error.value.messages)
    for word in words:
        assert word in text
    return text


@pytest.fixture
def one(db):
    cycle, (evaluation,) = open_cycle()
    return evaluation


@pytest.fixture
def one_2024(db):
    """A member of a 2024 cycle: Nghị định 90/2020 as amended by 48/2023."""
    cycle, (evaluation,) = open_cycle(year=2024)
    return evaluation


# Classification levels


def test_a_disciplined_member_can_only_be_rated_not_completed(one):
    snapshot(one, disciplined="reprimand")
    refused(lambda: decide(one, GOOD), "kỷ luật", "khiển trách")
    refused(lambda: decide(one, DONE), "kỷ luật")
    assert decide(one, NOT_DONE).board_level == NOT_DONE


def test_a_member_who_worked_under_six_months_is_not_classified(one):
    snapshot(one, months_in_year=Decimal("5.5"))
    refused(lambda: decide(one, DONE), "5,5", "dưới 6 tháng", "không xếp loại")
    assert decide(one, NOT_RATED).board_level == NOT_RATED


def test_a_member_who_worked_six_months_must_be_classified(one):
    snapshot(one, months_in_year=12, months_absent=6)
    refused(lambda: decide(one, NOT_RATED), "phải được xếp loại")
    assert decide(one, GOOD).board_level == GOOD


def test_maternity_leave_is_rated_on_the_time_worked(one):
    snapshot(one, months_absent=8, maternity=True)
    assert decide(one, GOOD).board_level == GOOD
    refused(lambda: decide(one, NOT_RATED), "phải được xếp loại")


def test_the_same_leave_without_maternity_is_not_classified(one):
    snapshot(one, months_absent=8, maternity=False)
    refused(lambda: decide(one, GOOD), "dưới 6 tháng")


@pytest.mark.parametrize("months", [3, 4, Decimal("5.5")])
def test_three_to_under_six_months_of_leave_caps_the_level_at_completed(one_2024, months):
    one = snapshot(one_2024, months_absent=months)
    refused(lambda: decide(one, GOOD), "tối đa Hoàn thành nhiệm vụ",
            "Nghị định 90/2020/NĐ-CP, Điều 2 khoản 3")
    refused(lambda: decide(one, EXCELLENT), "tối đa Hoàn thành nhiệm vụ")
    assert decide(one, DONE).board_level == DONE


def test_from_2026_a_long_leave_no_longer_caps_the_level(one):
    """Nghị định 233/2026/NĐ-CP (Điều 14) has no such cap: sick leave is rated on the time
    worked."""
    snapshot(one, months_absent=4)
    assert decide(one, GOOD).board_level == GOOD


@pytest.mark.parametrize("months", [Decimal("2.5"), 6])
def test_leave_outside_the_range_does_not_cap_the_level(one_2024, months):
    one = snapshot(one_2024, months_absent=months)
    assert decide(one, GOOD).board_level == GOOD


def test_the_board_may_change_the_leave_range_of_the_year(one_2024):
    one = snapshot(one_2024, months_absent=2)
    cycle = one.cycle
    cycle_update(cycle=cycle, self_assessment_due=cycle.self_assessment_due,
                 proposal_due=cycle.proposal_due, decision_due=cycle.decision_due,
                 rules={"leave_cap_months": [2, 6]}, by=None)
    refused(lambda: decide(one, GOOD), "từ 2 đến dưới 6 tháng")


# The HTXSNV quota


def test_with_ten_members_at_httnv_a_third_htxsnv_blocks_the_proposal_naming_the_quota(db):
    cycle, evaluations = open_cycle(members=13)
    for evaluation in evaluations[:10]:
        decide(evaluation, GOOD)
    decide(evaluations[10], EXCELLENT)
    decide(evaluations[11], EXCELLENT)
    assert proposal_problems(cycle) == [
        "Còn 1 đoàn viên chưa có đề xuất xếp loại của Ban Chấp hành."]

    decide(evaluations[12], EXCELLENT)

    with pytest.raises(ValidationError) as error:
        proposal_submit(cycle=cycle, by=None)
    whole, public = error.value.messages
    assert whole == (
        "Số HTXSNV đề xuất vượt tỷ lệ – toàn cơ quan: có 3; 20% × 10 HTTNV = 2 → tối đa 2 (làm "
        "tròn xuống). Căn cứ: Nghị định 335/2025/NĐ-CP; Nghị định 233/2026/NĐ-CP, Điều 12 "
        "khoản 6.")
    assert public.startswith("Số HTXSNV đề xuất vượt tỷ lệ – viên chức: có 3;")
    cycle.refresh_from_db()
    assert cycle.status == EvaluationCycle.Status.OPEN


def test_the_quota_is_checked_again_on_the_decisions_recorded(db):
    cycle, evaluations = open_cycle(members=12)
    for evaluation in evaluations[:10]:
        decide(evaluation, GOOD)
    for evaluation in evaluations[10:]:
        decide(evaluation, EXCELLENT)
    submit(cycle)
    levels = {e: GOOD for e in evaluations[:9]} | {e: EXCELLENT for e in evaluations[9:]}
    decision_record(decision=Decision(
        cycle=cycle, kind=Decision.Kind.RATING, body="agency_head", number="7/QĐ",
        decided_on=timezone.localdate(), signer_name=HEAD_NAME, signer_title="Giám đốc"),
        levels=levels, by=None)
    assert publish_problems(cycle)[0].startswith(
        "Số HTXSNV được quyết định vượt tỷ lệ – toàn cơ quan: có 3; 20% × 9 HTTNV = 1,8 → tối "
        "đa 1 (làm tròn xuống).")


def test_the_quota_is_the_unions_own_percentage(db):
    cycle, evaluations = open_cycle(members=13)
    cycle_update(cycle=cycle, self_assessment_due=cycle.self_assessment_due,
                 proposal_due=cycle.proposal_due, decision_due=cycle.decision_due,
                 rules={"excellence_quota_percent": 30}, by=None)
    for evaluation in evaluations[:10]:
        decide(evaluation, GOOD)
    for evaluation in evaluations[10:]:
        decide(evaluation, EXCELLENT)
    cycle = decide_all(cycle)
    assert cycle_set_status(cycle=cycle, status="published", by=None).is_published


# Titles


def test_ldtt_needs_at_least_httnv(one):
    snapshot(one, registered_titles=REGISTERED)
    refused(lambda: decide(one, DONE, "ldtt"), "Lao động tiên tiến cần xếp loại Hoàn thành tốt")
    assert titles_of(decide(one, GOOD, "ldtt")) == {"ldtt"}
    assert titles_of(decide(one, EXCELLENT, "ldtt")) == {"ldtt"}


def test_ldtt_needs_a_registration(one):
    refused(lambda: decide(one, GOOD, "ldtt"), "đã đăng ký thi đua")
    assert titles_of(one) == set()


def test_cstdcs_needs_ldtt(one):
    snapshot(one, registered_titles=REGISTERED, initiatives=1)
    refused(lambda: decide(one, GOOD, "cstdcs"), "Chiến sĩ thi đua cơ sở cần đạt Lao động tiên")


def test_cstdcs_needs_a_recognised_initiative(db):
    cycle, (first, second) = open_cycle(members=2)
    snapshot(first, registered_titles=REGISTERED, initiatives=0)
    refused(lambda: decide(first, GOOD, "ldtt", "cstdcs"), "sáng kiến được công nhận")
    snapshot(second, registered_titles=REGISTERED, initiatives=1)
    assert titles_of(decide(second, GOOD, "ldtt", "cstdcs")) == {"ldtt", "cstdcs"}


def test_cstdcs_stays_within_the_cap_of_the_ldtt(db):
    cycle, evaluations = open_cycle(members=7, year=2023)
    for evaluation in evaluations:
        snapshot(evaluation, registered_titles=REGISTERED, initiatives=1)
        decide(evaluation, GOOD, "ldtt")
    # Seven LĐTT: 15% allows one, not two.
    decide(evaluations[0], GOOD, "ldtt", "cstdcs")
    assert proposal_problems(cycle) == []
    decide(evaluations[1], GOOD, "ldtt", "cstdcs")
    refused(lambda: proposal_submit(cycle=cycle, by=None),
            "Số CSTĐCS đề xuất vượt tỷ lệ – toàn cơ quan: có 2; 15% × 7 LĐTT = 1,05 → tối đa 1",
            "Nghị định 91/2017/NĐ-CP, Điều 9 khoản 3")


def test_a_cap_lowered_after_the_decisions_blocks_publishing(db):
    cycle, evaluations = open_cycle(members=7, year=2023)
    for evaluation in evaluations:
        snapshot(evaluation, registered_titles=REGISTERED, initiatives=1)
        decide(evaluation, GOOD, "ldtt")
    decide(evaluations[0], GOOD, "ldtt", "cstdcs")
    cycle = decide_all(cycle)
    cycle = cycle_update(cycle=cycle, self_assessment_due=cycle.self_assessment_due,
                         proposal_due=cycle.proposal_due, decision_due=cycle.decision_due,
                         rules={"cstdcs_cap_percent": 5}, by=None)
    assert any(p.startswith("Số CSTĐCS được quyết định vượt tỷ lệ – toàn cơ quan: có 1; 5% × 7 "
                            "LĐTT = 0,35 → tối đa 0") for p in publish_problems(cycle))


def test_dvcdxs_needs_a_registration(one):
    refused(lambda: decide(one, GOOD, "dvcdxs"), "đã đăng ký thi đua đầu năm")
    snapshot(one, registered_titles=REGISTERED)
    assert titles_of(decide(one, GOOD, "dvcdxs")) == {"dvcdxs"}


def test_a_withdrawn_title_leaves_no_candidacy(one):
    snapshot(one, registered_titles=REGISTERED)
    decide(one, GOOD, "ldtt", "dvcdxs")
    decide(one, GOOD, "ldtt")
    assert titles_of(one) == {"ldtt"}


# The steps, their deadlines, and stale forms


def test_the_steps_are_refused_after_their_deadlines(db):
    cycle, (evaluation,) = open_cycle(self_assessment_due=date(YEAR, 12, 1),
                                      proposal_due=date(YEAR, 12, 5))
    refused(lambda: evaluation_self_assess(evaluation=evaluation, text="Tốt", level=GOOD,
                                           by=None, today=date(YEAR, 12, 2)),
            "Đã quá hạn tự đánh giá", f"01/12/{YEAR}")
    evaluation_self_assess(evaluation=evaluation, text="Tốt", level=GOOD, by=None,
                           today=date(YEAR, 12, 1))
    refused(lambda: evaluation_propose(evaluation=evaluation, level=GOOD, comment="",
                                       by=None, today=date(YEAR, 12, 6)),
            "Đã quá hạn tổ đề xuất", f"05/12/{YEAR}")
    assert Evaluation.objects.get(pk=evaluation.pk).proposed_level == ""


def test_the_group_proposes_only_after_its_meeting_is_recorded(db):
    union = UnionFactory()
    group = GroupFactory(union=union)
    member = MemberFactory(union=union, group=group)
    cycle = cycle_open(union=union, year=YEAR, self_assessment_due=date(YEAR, 12, 31),
                       proposal_due=date(YEAR, 12, 31), decision_due=date(YEAR, 12, 31))
    evaluation = cycle.evaluations.get(member=member)
    refused(lambda: evaluation_propose(evaluation=evaluation, level=GOOD, comment="", by=None),
            "Tổ chưa ghi cuộc họp bình xét")
    today = timezone.localdate()
    refused(lambda: group_meeting_save(cycle=cycle, group=group, held_on=today, present=5,
                                       note="", by=None), "nhiều hơn số đoàn viên của tổ")
    refused(lambda: group_meeting_save(cycle=cycle, group=group, held_on=today + timedelta(1),
                                       present=1, note="", by=None), "sau hôm nay")
    group_meeting_save(cycle=cycle, group=group, held_on=today, present=1, note="", by=None)
    evaluation_propose(evaluation=evaluation, level=GOOD, comment="Tốt", by=None)
    assert Evaluation.objects.get(pk=evaluation.pk).proposed_level == GOOD


def test_of_two_stale_proposal_forms_the_second_is_refused(one):
    version = one.updated_at.isoformat()
    first = Evaluation.objects.get(pk=one.pk)
    second = Evaluation.objects.get(pk=one.pk)
    decide(first, GOOD, version=version)
    refused(lambda: decide(second, DONE, version=version), "vừa được người khác lưu")
    assert Evaluation.objects.get(pk=one.pk).board_level == GOOD


def test_a_step_does_not_undo_another_step_saved_meanwhile(one):
    stale = Evaluation.objects.get(pk=one.pk)
    evaluation_self_assess(evaluation=one, text="Hoàn thành tốt", level=GOOD, by=None)
    evaluation_propose(evaluation=stale, level=DONE, comment="", by=None)
    saved = Evaluation.objects.get(pk=one.pk)
    assert (saved.self_assessment, saved.self_level, saved.proposed_level) == (
        "Hoàn thành tốt", GOOD, DONE)


# The cycle's states


def test_the_proposal_freezes_the_union_steps_and_can_be_withdrawn(db):
    from emulation.services import proposal_withdraw

    cycle, (evaluation,) = open_cycle()
    decide(evaluation, GOOD)
    submit(cycle)
    refused(lambda: decide(evaluation, DONE), "Đã trình")
    refused(lambda: evaluation_self_assess(evaluation=evaluation, text="", level=GOOD,
                                           by=None), "Đã trình")
    refused(lambda: proposal_withdraw(cycle=cycle, reason="", by=None), "lý do")
    proposal_withdraw(cycle=cycle, reason="Sửa đề xuất của một tổ", by=None)
    assert decide(evaluation, DONE).board_level == DONE


def test_deciding_the_cycle_needs_every_level_recorded(db):
    cycle, (first, second) = open_cycle(members=2)
    decide(first, GOOD)
    decide(second, GOOD)
    submit(cycle)
    record(cycle, evaluations=[first])
    refused(lambda: cycle_set_status(cycle=cycle, status="decided", by=None),
            "Còn 1 đoàn viên chưa có quyết định")
    record(cycle, evaluations=[second])
    assert cycle_set_status(cycle=cycle, status="decided", by=None).status == "decided"
    assert cycle_set_status(cycle=cycle, status="proposed", by=None).status == "proposed"


def test_a_published_cycle_refuses_every_change(db):
    cycle, (evaluation,) = open_cycle()
    decide(evaluation, GOOD)
    cycle = decide_all(cycle)
    cycle_set_status(cycle=cycle, status="published", by=None)
    locked = "đã công bố và được khóa"
    refused(lambda: decide(evaluation, DONE), locked)
    refused(lambda: evaluation_self_assess(evaluation=evaluation, text="", level=GOOD,
                                           by=None), locked)
    refused(lambda: evaluation_propose(evaluation=evaluation, level=GOOD, comment="",
                                       by=None), locked)
    refused(lambda: cycle_recompute(cycle=cycle), locked)
    refused(lambda: cycle_set_status(cycle=cycle, status="proposed", by=None), locked)
    refused(lambda: record(cycle, evaluations=[evaluation]), locked)
    refused(lambda: cycle_update(
        cycle=cycle, self_assessment_due=cycle.self_assessment_due,
        proposal_due=cycle.proposal_due, decision_due=cycle.decision_due + timedelta(days=1),
        rules={}, by=None), locked)
    assert Evaluation.objects.get(pk=evaluation.pk).level == GOOD


def test_a_decision_the_new_metrics_no_longer_allow_blocks_publishing(db):
    from emulation.services import decision_revoke

    cycle, (evaluation,) = open_cycle()
    decide(evaluation, GOOD)
    cycle = decide_all(cycle)
    snapshot(evaluation, disciplined="warning")  # as a discipline record found late
    assert stale_decisions(cycle) == [evaluation]
    refused(lambda: cycle_set_status(cycle=cycle, status="published", by=None),
            "không còn đúng quy tắc", evaluation.member.full_name)
    evaluation.refresh_from_db()
    decision_revoke(decision=evaluation.level_decision, reason="Có quyết định kỷ luật",
                    by=None)
    evaluation.refresh_from_db()
    decision_record(decision=Decision(
        cycle=cycle, kind=Decision.Kind.RATING, body="agency_head", number="9/QĐ",
        decided_on=timezone.localdate(), signer_name=HEAD_NAME, signer_title="Giám đốc"),
        levels={evaluation: NOT_DONE}, by=None)
    assert publish_problems(cycle) == []


def test_editing_the_cycle_keeps_the_other_rules_and_checks_the_deadlines(one):
    cycle = one.cycle
    cycle_update(cycle=cycle, self_assessment_due=date(YEAR, 12, 1),
                 proposal_due=date(YEAR, 12, 5), decision_due=date(YEAR, 12, 10),
                 rules={"excellence_quota_percent": 15}, by=None)
    cycle.refresh_from_db()
    assert cycle.rules["excellence_quota_percent"] == 15
    assert cycle.rules["min_months_worked"] == 6
    refused(lambda: cycle_update(cycle=cycle, self_assessment_due=date(YEAR, 12, 10),
                                 proposal_due=date(YEAR, 12, 5),
                                 decision_due=date(YEAR, 12, 10), rules={}, by=None),
            "theo thứ tự")


def test_a_stale_edit_of_the_cycle_is_refused(one):
    cycle = one.cycle
    version = cycle.updated_at.isoformat()
    args = dict(self_assessment_due=cycle.self_assessment_due, proposal_due=cycle.proposal_due,
                decision_due=cycle.decision_due, by=None, version=version)
    cycle_update(cycle=cycle, rules={"cstdcs_cap_percent": 20}, **args)
    refused(lambda: cycle_update(cycle=cycle, rules={"cstdcs_cap_percent": 10}, **args),
            "vừa được người khác sửa")


def test_an_excellent_member_title_is_not_given_to_a_member_who_did_not_complete_the_tasks(emu):
    from emulation.services import title_problems

    evaluation = emu.evaluation
    problems = title_problems(evaluation, "khtnv", {"dvcdxs"}, emu.cycle.rules)
    assert any("không hoàn thành nhiệm vụ" in p for p in problems)
    assert title_problems(evaluation, "htnv", {"dvcdxs"}, emu.cycle.rules) == []


def test_a_level_above_the_suggestion_needs_a_written_reason(one):
    snapshot(one, average_score=Decimal("75"), months_checked=10)
    refused(lambda: propose(one, EXCELLENT, reason=""), "cao hơn mức số liệu cả năm gợi ý",
            "Hoàn thành tốt nhiệm vụ", "cần ghi lý do")
    assert propose(one, GOOD, reason="").board_level == GOOD
    saved = propose(one, EXCELLENT, reason="Có sáng kiến được áp dụng toàn tỉnh.")
    assert saved.board_reason == "Có sáng kiến được áp dụng toàn tỉnh."
