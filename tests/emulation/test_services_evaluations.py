"""The year-end evaluation's rules (DOMAIN.md), each with a test that fails without it.

The rules read the metrics snapshot on each evaluation, so these tests set the snapshot
directly; tests/emulation/test_metrics.py checks how the snapshot is computed.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from emulation.models import Evaluation, EvaluationCycle, Level
from emulation.services import (
    cycle_open,
    cycle_recompute,
    cycle_set_status,
    evaluation_decide,
    evaluation_propose,
    evaluation_self_assess,
    publish_problems,
)
from emulation.services.evaluations import cycle_update, stale_decisions
from tests.factories import MemberFactory, UnionFactory

YEAR = timezone.localdate().year
GOOD, EXCELLENT, DONE, NOT_DONE, NOT_RATED = (
    Level.GOOD, Level.EXCELLENT, Level.DONE, Level.NOT_DONE, Level.NOT_RATED)
REGISTERED = ["ldtt"]


def open_cycle(members=1, **deadlines):
    union = UnionFactory()
    people = [MemberFactory(union=union) for _ in range(members)]
    deadlines = {"self_assessment_due": date(YEAR, 12, 31), "proposal_due": date(YEAR, 12, 31),
                 "decision_due": date(YEAR, 12, 31), **deadlines}
    cycle = cycle_open(union=union, year=YEAR, **deadlines)
    return cycle, [cycle.evaluations.get(member=person) for person in people]


def snapshot(evaluation, **metrics):
    """Set the evaluation's metrics as if computed so."""
    Evaluation.objects.filter(pk=evaluation.pk).update(**metrics)
    evaluation.refresh_from_db()
    return evaluation


def decide(evaluation, level, *titles, version=None):
    return evaluation_decide(evaluation=evaluation, level=level, titles=set(titles), note="",
                             by=None, version=version)


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


# Classification levels


def test_a_disciplined_member_can_only_be_rated_not_completed(one):
    snapshot(one, disciplined="reprimand")
    refused(lambda: decide(one, GOOD), "kỷ luật", "khiển trách")
    refused(lambda: decide(one, DONE), "kỷ luật")
    assert decide(one, NOT_DONE).level == NOT_DONE


def test_a_member_who_worked_under_six_months_is_not_classified(one):
    snapshot(one, months_in_union=Decimal("5.5"))
    refused(lambda: decide(one, DONE), "5,5", "dưới 6 tháng", "không xếp loại")
    assert decide(one, NOT_RATED).level == NOT_RATED


def test_a_member_who_worked_six_months_must_be_classified(one):
    snapshot(one, months_in_union=12, months_absent=6)
    refused(lambda: decide(one, NOT_RATED), "phải được xếp loại")
    assert decide(one, GOOD).level == GOOD


def test_maternity_leave_is_rated_on_the_time_worked(one):
    snapshot(one, months_absent=8, maternity=True)
    assert decide(one, GOOD).level == GOOD
    refused(lambda: decide(one, NOT_RATED), "phải được xếp loại")


def test_the_same_leave_without_maternity_is_not_classified(one):
    snapshot(one, months_absent=8, maternity=False)
    refused(lambda: decide(one, GOOD), "dưới 6 tháng")


@pytest.mark.parametrize("months", [3, 4, Decimal("5.5")])
def test_three_to_under_six_months_of_leave_caps_the_level_at_completed(one, months):
    snapshot(one, months_absent=months)
    refused(lambda: decide(one, GOOD), "tối đa Hoàn thành nhiệm vụ")
    refused(lambda: decide(one, EXCELLENT), "tối đa Hoàn thành nhiệm vụ")
    assert decide(one, DONE).level == DONE


@pytest.mark.parametrize("months", [Decimal("2.5"), 6])
def test_leave_outside_the_range_does_not_cap_the_level(one, months):
    snapshot(one, months_absent=months)
    assert decide(one, GOOD).level == GOOD


def test_the_board_may_change_the_leave_range_of_the_year(one):
    snapshot(one, months_absent=2)
    cycle = one.cycle
    cycle_update(cycle=cycle, self_assessment_due=cycle.self_assessment_due,
                 proposal_due=cycle.proposal_due, decision_due=cycle.decision_due,
                 rules={"leave_cap_months": [2, 6]}, by=None)
    refused(lambda: decide(one, GOOD), "từ 2 đến dưới 6 tháng")


# The HTXSNV quota


def test_with_ten_members_at_httnv_a_third_htxsnv_blocks_publishing_naming_the_quota(db):
    cycle, evaluations = open_cycle(members=13)
    for evaluation in evaluations[:10]:
        decide(evaluation, GOOD)
    decide(evaluations[10], EXCELLENT)
    decide(evaluations[11], EXCELLENT)
    assert publish_problems(cycle) == ["Còn 1 đoàn viên chưa có quyết định xếp loại."]

    decide(evaluations[12], EXCELLENT)

    with pytest.raises(ValidationError) as error:
        cycle_set_status(cycle=cycle, status="published", by=None)
    assert error.value.messages == [
        "Số Hoàn thành xuất sắc nhiệm vụ (3) vượt tỷ lệ 20% số Hoàn thành tốt nhiệm vụ (10): "
        "tối đa 2 (Nghị định 335/2025)."]
    cycle.refresh_from_db()
    assert cycle.status == EvaluationCycle.Status.OPEN


def test_the_quota_is_the_unions_own_percentage(db):
    cycle, evaluations = open_cycle(members=13)
    cycle_update(cycle=cycle, self_assessment_due=cycle.self_assessment_due,
                 proposal_due=cycle.proposal_due, decision_due=cycle.decision_due,
                 rules={"excellence_quota_percent": 30}, by=None)
    for evaluation in evaluations[:10]:
        decide(evaluation, GOOD)
    for evaluation in evaluations[10:]:
        decide(evaluation, EXCELLENT)
    assert cycle_set_status(cycle=cycle, status="published", by=None).is_published


# Titles


def test_ldtt_needs_at_least_httnv(one):
    snapshot(one, registered_titles=REGISTERED)
    refused(lambda: decide(one, DONE, "ldtt"), "Lao động tiên tiến cần xếp loại Hoàn thành tốt")
    assert decide(one, GOOD, "ldtt").title_ldtt
    assert decide(one, EXCELLENT, "ldtt").title_ldtt


def test_ldtt_needs_a_registration(one):
    refused(lambda: decide(one, GOOD, "ldtt"), "đã đăng ký thi đua")
    assert not Evaluation.objects.get(pk=one.pk).title_ldtt


def test_cstdcs_needs_ldtt(one):
    snapshot(one, registered_titles=REGISTERED, initiatives=1)
    refused(lambda: decide(one, GOOD, "cstdcs"), "Chiến sĩ thi đua cơ sở cần đạt Lao động tiên")


def test_cstdcs_needs_a_recognised_initiative(db):
    cycle, (first, second) = open_cycle(members=2)
    cycle.rules["cstdcs_cap_percent"] = 100
    cycle.save()
    snapshot(first, registered_titles=REGISTERED, initiatives=0)
    refused(lambda: decide(first, GOOD, "ldtt", "cstdcs"), "sáng kiến được công nhận")
    snapshot(second, registered_titles=REGISTERED, initiatives=1)
    assert decide(second, GOOD, "ldtt", "cstdcs").title_cstdcs


def test_cstdcs_stays_within_the_cap_of_the_ldtt(db):
    cycle, evaluations = open_cycle(members=7)
    for evaluation in evaluations:
        snapshot(evaluation, registered_titles=REGISTERED, initiatives=1)
    # 15% of one LĐTT allows none.
    refused(lambda: decide(evaluations[0], GOOD, "ldtt", "cstdcs"),
            "không quá 15% số Lao động tiên tiến (1)", "tối đa 0")
    for evaluation in evaluations[1:]:
        decide(evaluation, GOOD, "ldtt")
    # Seven LĐTT: 15% allows one, not two.
    assert decide(evaluations[0], GOOD, "ldtt", "cstdcs").title_cstdcs
    refused(lambda: decide(evaluations[1], GOOD, "ldtt", "cstdcs"), "tối đa 1, đã có 1")


def test_a_cap_lowered_after_the_decisions_blocks_publishing(db):
    cycle, evaluations = open_cycle(members=7)
    for evaluation in evaluations:
        snapshot(evaluation, registered_titles=REGISTERED, initiatives=1)
        decide(evaluation, GOOD, "ldtt")
    decide(evaluations[0], GOOD, "ldtt", "cstdcs")
    cycle = cycle_update(cycle=cycle, self_assessment_due=cycle.self_assessment_due,
                 proposal_due=cycle.proposal_due, decision_due=cycle.decision_due,
                 rules={"cstdcs_cap_percent": 10}, by=None)
    assert any("Chiến sĩ thi đua cơ sở (1) vượt 10%" in p for p in publish_problems(cycle))


def test_dvcdxs_needs_a_registration(one):
    refused(lambda: decide(one, GOOD, "dvcdxs"), "đã đăng ký thi đua đầu năm")
    snapshot(one, registered_titles=REGISTERED)
    assert decide(one, GOOD, "dvcdxs").title_dvcdxs


# The three steps, their deadlines, and stale forms


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


def test_of_two_stale_decision_forms_the_second_is_refused(one):
    version = one.updated_at.isoformat()
    first = Evaluation.objects.get(pk=one.pk)
    second = Evaluation.objects.get(pk=one.pk)
    decide(first, GOOD, version=version)
    refused(lambda: decide(second, DONE, version=version), "vừa được người khác lưu")
    assert Evaluation.objects.get(pk=one.pk).level == GOOD


def test_a_step_does_not_undo_another_step_saved_meanwhile(one):
    stale = Evaluation.objects.get(pk=one.pk)
    evaluation_self_assess(evaluation=one, text="Hoàn thành tốt", level=GOOD, by=None)
    evaluation_propose(evaluation=stale, level=DONE, comment="", by=None)
    saved = Evaluation.objects.get(pk=one.pk)
    assert (saved.self_assessment, saved.self_level, saved.proposed_level) == (
        "Hoàn thành tốt", GOOD, DONE)


# The cycle's states


def test_deciding_the_cycle_needs_every_member_decided(db):
    cycle, (first, second) = open_cycle(members=2)
    decide(first, GOOD)
    refused(lambda: cycle_set_status(cycle=cycle, status="decided", by=None),
            "Còn 1 đoàn viên chưa có quyết định")
    decide(second, GOOD)
    assert cycle_set_status(cycle=cycle, status="decided", by=None).status == "decided"
    refused(lambda: evaluation_self_assess(evaluation=first, text="", level=GOOD, by=None),
            "Đã quyết định")
    assert cycle_set_status(cycle=cycle, status="open", by=None).status == "open"


def test_a_published_cycle_refuses_every_change(db):
    cycle, (evaluation,) = open_cycle()
    decide(evaluation, GOOD)
    cycle_set_status(cycle=cycle, status="published", by=None)
    locked = "đã công bố và được khóa"
    refused(lambda: decide(evaluation, DONE), locked)
    refused(lambda: evaluation_self_assess(evaluation=evaluation, text="", level=GOOD,
                                           by=None), locked)
    refused(lambda: evaluation_propose(evaluation=evaluation, level=GOOD, comment="",
                                       by=None), locked)
    refused(lambda: cycle_recompute(cycle=cycle), locked)
    refused(lambda: cycle_set_status(cycle=cycle, status="open", by=None), locked)
    refused(lambda: cycle_update(
        cycle=cycle, self_assessment_due=cycle.self_assessment_due,
        proposal_due=cycle.proposal_due, decision_due=cycle.decision_due + timedelta(days=1),
        rules={}, by=None), locked)
    assert Evaluation.objects.get(pk=evaluation.pk).level == GOOD


def test_a_decision_the_new_metrics_no_longer_allow_blocks_publishing(db):
    cycle, (evaluation,) = open_cycle()
    decide(evaluation, GOOD)
    snapshot(evaluation, disciplined="warning")  # as a recompute after a discipline record
    assert stale_decisions(cycle) == [evaluation]
    refused(lambda: cycle_set_status(cycle=cycle, status="published", by=None),
            "không còn đúng quy tắc", evaluation.member.full_name)
    decide(evaluation, NOT_DONE)
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
    from emulation.services.evaluations import Counts

    evaluation = emu.evaluation
    evaluation.level, evaluation.title_dvcdxs = "khtnv", True
    problems = title_problems(evaluation, Counts(), emu.cycle.rules)
    assert any("không hoàn thành nhiệm vụ" in p for p in problems)
    evaluation.level = "htnv"
    assert title_problems(evaluation, Counts(), emu.cycle.rules) == []
