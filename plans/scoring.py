"""A member's monthly score from the month's products (DOMAIN.md, task results).

Every product assigned in the month is worth the same share of 100. A product not done
earns nothing. A product done earns its quantity points, its quality points less a penalty
(25% by default) when it failed the quality check, and its timeliness points less a penalty
(25% by default) when it was late. The weights and penalties are the union's, year by year.
"""

from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from union.templatetags.union_tags import vn_number

CENT = Decimal("0.01")


@dataclass(frozen=True)
class ScoringRules:
    quantity_weight: int = 50
    quality_weight: int = 30
    timeliness_weight: int = 20
    quality_penalty_percent: int = 25
    delay_penalty_percent: int = 25

    @classmethod
    def of_plan(cls, plan):
        if plan is None:
            return cls()
        return cls(**{name: getattr(plan, name) for name in cls.__dataclass_fields__})

    @classmethod
    def from_dict(cls, data):
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})

    def as_dict(self):
        return asdict(self)


@dataclass(frozen=True)
class Score:
    value: Decimal | None
    quantity: Decimal = Decimal(0)
    quality: Decimal = Decimal(0)
    timeliness: Decimal = Decimal(0)


def compute_score(*, assigned, done, on_time, quality_passed, rules: ScoringRules) -> Score:
    """The score of one entry; ``None`` when nothing was assigned that month."""
    if not assigned:
        return Score(value=None)
    share = Decimal(done) / Decimal(assigned)
    failed, late = done - quality_passed, done - on_time
    per_product = Decimal(1) / Decimal(assigned)
    quantity = rules.quantity_weight * share
    quality = rules.quality_weight * (
        share - per_product * failed * Decimal(rules.quality_penalty_percent) / 100
    )
    timeliness = rules.timeliness_weight * (
        share - per_product * late * Decimal(rules.delay_penalty_percent) / 100
    )
    parts = [round_score(x) for x in (quantity, quality, timeliness)]
    return Score(sum(parts), *parts)


def round_score(value):
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def explain_score(*, assigned, done, on_time, quality_passed, rules: ScoringRules) -> list[str]:
    """How the score was reached, line by line, in words a member can follow."""
    score = compute_score(assigned=assigned, done=done, on_time=on_time,
                          quality_passed=quality_passed, rules=rules)
    if score.value is None:
        return [_("Tháng này không được giao sản phẩm nào: không chấm điểm.")]
    numbers = {
        "assigned": assigned, "done": done, "failed": done - quality_passed,
        "late": done - on_time, "qw": rules.quantity_weight, "lw": rules.quality_weight,
        "tw": rules.timeliness_weight, "lp": rules.quality_penalty_percent,
        "dp": rules.delay_penalty_percent,
        "quantity": vn_number(score.quantity), "quality": vn_number(score.quality),
        "timeliness": vn_number(score.timeliness), "total": vn_number(score.value),
    }
    return [
        _("Số lượng: %(done)s/%(assigned)s sản phẩm hoàn thành × %(qw)s điểm = %(quantity)s")
        % numbers,
        _("Chất lượng: %(lw)s điểm × %(done)s/%(assigned)s, trừ %(lp)s%% phần của mỗi sản phẩm "
          "không đạt (%(failed)s) = %(quality)s") % numbers,
        _("Tiến độ: %(tw)s điểm × %(done)s/%(assigned)s, trừ %(dp)s%% phần của mỗi sản phẩm "
          "chậm (%(late)s) = %(timeliness)s") % numbers,
        _("Tổng: %(total)s/100 điểm") % numbers,
    ]


def explain_entry(entry, rules: ScoringRules | None = None) -> list[str]:
    """``explain_score`` for a check entry, by the rules its check was scored with."""
    rules = rules or ScoringRules.from_dict(entry.check_record.rules)
    return explain_score(assigned=entry.assigned, done=entry.done, on_time=entry.on_time,
                         quality_passed=entry.quality_passed, rules=rules)
