"""The monthly score of a member (DOMAIN.md, task results) and its explanation."""

from decimal import Decimal

import pytest

from plans.models import ActionPlan, ScoringScheme
from plans.scoring import (
    Product,
    ScoringRules,
    band_of,
    compute_nd335,
    compute_score,
    explain_score,
)

DEFAULT = ScoringRules()


def score(assigned, done, on_time, quality_passed, rules=DEFAULT):
    return compute_score(assigned=assigned, done=done, on_time=on_time,
                         quality_passed=quality_passed, rules=rules)


def explain(assigned, done, on_time, quality_passed, rules=DEFAULT):
    return explain_score(assigned=assigned, done=done, on_time=on_time,
                         quality_passed=quality_passed, rules=rules)


# compute_score


def test_nothing_assigned_gives_no_score():
    assert score(0, 0, 0, 0).value is None


def test_everything_done_on_time_and_passed_gives_100():
    result = score(4, 4, 4, 4)
    assert result.value == Decimal("100")
    assert (result.quantity, result.quality, result.timeliness) == (
        Decimal("50"), Decimal("30"), Decimal("20"),
    )


def test_nothing_done_gives_0():
    assert score(3, 0, 0, 0).value == Decimal("0")


def test_three_of_four_done_one_failed_and_one_late_gives_71_88():
    # Each of the 4 products is worth 12,5 quantity, 7,5 quality and 5 timeliness points.
    # Quantity: 3 × 12,5 = 37,5. Quality: 3 × 7,5 − 25% × 7,5 = 20,625 → 20,63.
    # Timeliness: 3 × 5 − 25% × 5 = 13,75. Total 71,88.
    result = score(4, 3, 2, 2)
    assert (result.quantity, result.quality, result.timeliness) == (
        Decimal("37.50"), Decimal("20.63"), Decimal("13.75"),
    )
    assert result.value == Decimal("71.88")


def test_a_late_product_loses_only_its_share_of_the_timeliness_points():
    # 2 products: 50 + 30 + (20 − 25% × 10) = 97,5.
    assert score(2, 2, 1, 2).value == Decimal("97.50")


def test_a_failed_product_loses_only_its_share_of_the_quality_points():
    # 2 products: 50 + (30 − 25% × 15) + 20 = 96,25.
    assert score(2, 2, 2, 1).value == Decimal("96.25")


def test_custom_weights_and_penalties_change_the_score():
    rules = ScoringRules(quantity_weight=40, quality_weight=40, timeliness_weight=20,
                         quality_penalty_percent=50, delay_penalty_percent=100)
    # 4 products: quantity 3 × 10 = 30; quality 3 × 10 − 50% × 10 = 25;
    # timeliness 3 × 5 − 100% × 5 = 10. Total 65.
    result = score(4, 3, 2, 2, rules)
    assert (result.quantity, result.quality, result.timeliness) == (
        Decimal("30"), Decimal("25"), Decimal("10"),
    )
    assert result.value == Decimal("65.00")
    assert result.value != score(4, 3, 2, 2).value


def test_a_penalty_of_0_forgives_failures_and_delays():
    rules = ScoringRules(quality_penalty_percent=0, delay_penalty_percent=0)
    assert score(4, 4, 0, 0, rules).value == Decimal("100")


def test_the_rules_come_from_the_plan_or_the_defaults():
    plan = ActionPlan(quantity_weight=60, quality_weight=25, timeliness_weight=15,
                      quality_penalty_percent=10, delay_penalty_percent=20,
                      scoring_scheme=ScoringScheme.SIMPLE)
    assert ScoringRules.of_plan(plan) == ScoringRules(60, 25, 15, 10, 20)
    assert ScoringRules.of_plan(None) == ScoringRules(50, 30, 20, 25, 25)
    assert ScoringRules.from_dict({**DEFAULT.as_dict(), "unknown": 1}) == DEFAULT


# explain_score


def test_the_explanation_shows_each_part_with_a_decimal_comma():
    lines = explain(4, 3, 2, 2)
    assert len(lines) == 4
    quantity, quality, timeliness, total = lines
    assert quantity.startswith("Số lượng: 3/4")
    assert "× 50 điểm = 37,5" in quantity
    assert "Chất lượng: 30 điểm" in quality
    assert "trừ 25%" in quality and "(1)" in quality and quality.endswith("= 20,63")
    assert "Tiến độ: 20 điểm" in timeliness and timeliness.endswith("= 13,75")
    assert total == "Tổng: 71,88/100 điểm"


def test_the_explanation_of_a_full_score_shows_100_without_decimals():
    assert explain(2, 2, 2, 2)[-1] == "Tổng: 100/100 điểm"


def test_the_explanation_says_when_nothing_was_assigned():
    lines = explain(0, 0, 0, 0)
    assert len(lines) == 1
    assert "không được giao sản phẩm nào" in lines[0]


@pytest.mark.parametrize("penalty", [10, 50])
def test_the_explanation_names_the_unions_penalties(penalty):
    rules = ScoringRules(quality_penalty_percent=penalty, delay_penalty_percent=penalty)
    lines = explain(4, 3, 2, 2, rules)
    assert f"trừ {penalty}%" in lines[1]
    assert f"trừ {penalty}%" in lines[2]


# Nghị định 335 (compute_nd335, band_of)

ND335 = ScoringRules(scheme=ScoringScheme.ND335)
NO_DEDUCTIONS = {"politics": 0, "ethics": 0, "style": 0, "discipline": 0}


def nd335(*products, deductions=NO_DEDUCTIONS):
    return compute_nd335(deductions=deductions, products=products, rules=ND335)


@pytest.mark.parametrize(("value", "band"), [
    ("100", "Hoàn thành xuất sắc nhiệm vụ"), ("90", "Hoàn thành xuất sắc nhiệm vụ"),
    ("89.99", "Hoàn thành tốt nhiệm vụ"), ("70", "Hoàn thành tốt nhiệm vụ"),
    ("69.99", "Hoàn thành nhiệm vụ"), ("50", "Hoàn thành nhiệm vụ"),
    ("49.99", "Không hoàn thành nhiệm vụ"), ("0", "Không hoàn thành nhiệm vụ"),
])
def test_the_bands_of_nd335_apply_to_the_total(value, band):
    assert band_of(Decimal(value))[0] == band


def test_each_failed_check_and_each_delay_costs_its_deduction_again():
    once = nd335(Product("A", failed_checks=1), Product("B"))
    twice = nd335(Product("A", failed_checks=2), Product("B"))
    late_twice = nd335(Product("A", delays=2), Product("B"))
    # A's quality part is 70/3 × 1/2 = 11,67: 25% of it is 2,92 each time.
    assert (once.value, twice.value, late_twice.value) == (
        Decimal("97.08"), Decimal("94.17"), Decimal("94.17"))


def test_a_shared_task_counts_by_the_members_share_of_its_weight():
    # Weight 3 shared by 2 (1,5) against weight 1,5 alone: the same share, the same points.
    shared = nd335(Product("A", task_weight=Decimal(3), shared_by=2, done=False),
                   Product("B", task_weight=Decimal("1.5")))
    assert shared.tasks == Decimal(35)
    assert shared.percent("quantity") == 50


def test_a_confirmed_objective_cause_cancels_the_products_deductions():
    excused = nd335(Product("A", failed_checks=3, delays=1, objective_cause=True,
                            note="Mất điện diện rộng"))
    assert excused.value == Decimal(100)


def test_general_deductions_come_off_the_30_points():
    score = nd335(Product("A"), deductions={"politics": Decimal("0.5"), "ethics": 0,
                                            "style": Decimal(2), "discipline": 0})
    assert (score.general, score.tasks, score.value) == (
        Decimal("27.5"), Decimal(70), Decimal("97.50"))


def test_a_score_exactly_half_a_cent_rounds_up_despite_the_thirds():
    # Factors 1 and 3: the second's part is 70/3 × 3/4 = 17,5 each; one delay costs 4,375.
    # Task results 70 − 4,375 = 65,625 exactly → 65,63 (half up), not 65,62.
    score = nd335(Product("A"), Product("B", task_weight=Decimal(3), delays=1))
    assert score.tasks == Decimal("65.63")
