"""A member's monthly score, by the scheme the year's plan chose (docs/rules.md, "Điểm kiểm
tra hằng tháng"), and its working in words a member can follow.

``nd335`` — Nghị định 335/2025/NĐ-CP (công chức, from 01/01/2026), the default of plans from
2026: 100 points = general criteria (at most 30: the leader takes points off each of the four
criteria, each deduction with its reason) + task results (at most 70). Each product of the
month counts by its task's weight ("hệ số quy đổi"), shared equally among the task's people;
each share earns three equal parts — quantity (done), quality, timeliness — and the task
result is (a + b + c) / 3 × 70, where a, b, c are the percentages of the converted products
done, meeting quality and on time. That formula is the one public implementations and the
press give (theo các bản triển khai, chưa đối chiếu Điều 16). Each failed quality check takes
25% of that product's quality part, each delay 25% of its timeliness part, counted per failure
and per delay (a product failing twice loses twice), down to nothing; a cause confirmed
objective by the competent level cancels the product's deductions. The decree's bands apply
to the total.

``simple`` — the union's own scheme, the default of plans before 2026: every product assigned
in the month is worth the same share of 100. A product not done earns nothing. A product done
earns its quantity points, its quality points less a penalty (25% by default) when it failed
the quality check, and its timeliness points less a penalty (25% by default) when it was late.
The weights and penalties are the union's, year by year. This scheme is never called Nghị
định 335.
"""

from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plans.models import GENERAL_CRITERIA, ScoringScheme
from union.templatetags.union_tags import vn_number

CENT = Decimal("0.01")
GENERAL_TOTAL = Decimal(30)
TASKS_TOTAL = Decimal(70)
GENERAL_LABELS = {
    "politics": gettext_lazy("Phẩm chất chính trị"),
    "ethics": gettext_lazy("Đạo đức, lối sống"),
    "style": gettext_lazy("Tác phong, lề lối làm việc"),
    "discipline": gettext_lazy("Ý thức tổ chức kỷ luật"),
}
# Nghị định 335/2025, as quoted by CafeF 28/12/2025 (docs/rules.md): lowest score of each band.
BANDS = (
    (Decimal(90), gettext_lazy("Hoàn thành xuất sắc nhiệm vụ"), gettext_lazy("từ 90 điểm")),
    (Decimal(70), gettext_lazy("Hoàn thành tốt nhiệm vụ"),
     gettext_lazy("từ 70 đến dưới 90 điểm")),
    (Decimal(50), gettext_lazy("Hoàn thành nhiệm vụ"), gettext_lazy("từ 50 đến dưới 70 điểm")),
    (Decimal(0), gettext_lazy("Không hoàn thành nhiệm vụ"), gettext_lazy("dưới 50 điểm")),
)
# The plan's fields a check copies (the scheme is the plan's ``scoring_scheme``).
PLAN_FIELDS = (
    "quantity_weight", "quality_weight", "timeliness_weight", "quality_penalty_percent",
    "delay_penalty_percent", "politics_points", "ethics_points", "style_points",
    "discipline_points",
)
POINT_FIELDS = tuple(f"{code}_points" for code in GENERAL_CRITERIA)


@dataclass(frozen=True)
class ScoringRules:
    quantity_weight: int = 50
    quality_weight: int = 30
    timeliness_weight: int = 20
    quality_penalty_percent: int = 25
    delay_penalty_percent: int = 25
    # A check filled before the tool knew Nghị định 335 has no scheme in its snapshot: it
    # was scored by the equal-share scheme and keeps it.
    scheme: str = ScoringScheme.SIMPLE.value
    politics_points: Decimal = Decimal("7.5")
    ethics_points: Decimal = Decimal("7.5")
    style_points: Decimal = Decimal("7.5")
    discipline_points: Decimal = Decimal("7.5")

    @classmethod
    def of_plan(cls, plan, year: int | None = None):
        """The plan's rules; without a plan, the defaults (of ``year``'s scheme if given)."""
        if plan is None:
            return cls(scheme=ScoringScheme.for_year(year).value) if year else cls()
        return cls(scheme=str(plan.scoring_scheme),
                   **{name: getattr(plan, name) for name in PLAN_FIELDS})

    @classmethod
    def from_dict(cls, data):
        values = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        for name in POINT_FIELDS:
            if name in values:
                values[name] = Decimal(str(values[name]))
        return cls(**values)

    def as_dict(self):
        """For the check's JSON snapshot: decimals as text, kept exact."""
        return {k: format(v.normalize(), "f") if isinstance(v, Decimal) else v
                for k, v in asdict(self).items()}

    @property
    def is_nd335(self) -> bool:
        return self.scheme == ScoringScheme.ND335

    @property
    def general_max(self) -> dict[str, Decimal]:
        return {code: Decimal(getattr(self, f"{code}_points")) for code in GENERAL_CRITERIA}


def round_score(value):
    """Half up to the cent. Thirds of 70 are not exact in decimals: 65,625 may come out as
    65,62499…; rounding first to 12 places gives the half back its due."""
    return Decimal(value).quantize(Decimal("1e-12"), rounding=ROUND_HALF_UP).quantize(
        CENT, rounding=ROUND_HALF_UP)


def number(value) -> str:
    """A figure as the working prints it: rounded half up to the cent, decimal comma."""
    return vn_number(round_score(value))


@dataclass(frozen=True)
class Step:
    """One line of a score's working, with the lines under it."""

    text: str
    details: tuple[str, ...] = ()

    def __str__(self):
        return self.text


# The equal-share scheme ("simple")


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


# Nghị định 335/2025 ("nd335")


@dataclass(frozen=True)
class Product:
    """One product of a member's month, as a ``CheckItem`` holds it (the scoring reads any
    object with these attributes)."""

    label: str
    task_weight: Decimal = Decimal(1)
    shared_by: int = 1
    done: bool = True
    failed_checks: int = 0
    delays: int = 0
    objective_cause: bool = False
    note: str = ""

    @property
    def share(self) -> Decimal:
        return Decimal(self.task_weight) / self.shared_by


@dataclass(frozen=True)
class ProductPoints:
    """What one product earned, unrounded: each of its three parts is ``part`` at most."""

    product: object
    part: Decimal
    quantity: Decimal
    quality: Decimal
    timeliness: Decimal
    quality_lost: Decimal
    timeliness_lost: Decimal

    @property
    def maximum(self):
        return 3 * self.part

    @property
    def earned(self):
        return self.quantity + self.quality + self.timeliness


@dataclass(frozen=True)
class Nd335Score:
    value: Decimal | None
    general: Decimal
    tasks: Decimal | None = None
    products: tuple[ProductPoints, ...] = field(default=())

    def percent(self, part: str) -> Decimal:
        """a, b or c of the formula, to the cent: the share of the converted products'
        ``part`` earned."""
        return round_score(sum((getattr(p, part) for p in self.products), Decimal(0)) / (
            TASKS_TOTAL / 3) * 100)


def compute_nd335(*, deductions: dict[str, Decimal], products, rules: ScoringRules
                  ) -> Nd335Score:
    """The month's score: 30 less the general deductions, plus the task results; ``None``
    (with the general criteria still worked out) when no product was assigned that month."""
    general = GENERAL_TOTAL - sum((Decimal(d or 0) for d in deductions.values()), Decimal(0))
    products = list(products)
    total_share = sum((p.share for p in products), Decimal(0))
    if not total_share:
        return Nd335Score(value=None, general=general)
    points = tuple(_product_points(p, TASKS_TOTAL / 3 * p.share / total_share, rules)
                   for p in products)
    tasks = round_score(sum((p.earned for p in points), Decimal(0)))
    return Nd335Score(value=general + tasks, general=general, tasks=tasks, products=points)


def _product_points(product, part: Decimal, rules: ScoringRules) -> ProductPoints:
    if not product.done:
        zero = Decimal(0)
        return ProductPoints(product, part, zero, zero, zero, zero, zero)
    exempt = product.objective_cause
    quality_lost = Decimal(0) if exempt else _lost(part, rules.quality_penalty_percent,
                                                   product.failed_checks)
    timeliness_lost = Decimal(0) if exempt else _lost(part, rules.delay_penalty_percent,
                                                      product.delays)
    return ProductPoints(product, part, part, part - quality_lost, part - timeliness_lost,
                         quality_lost, timeliness_lost)


def _lost(part: Decimal, percent: int, times: int) -> Decimal:
    """``percent`` of ``part`` for each time, never more than the part itself."""
    return min(part, part * Decimal(percent) / 100 * times)


def band_of(value: Decimal | None):
    """(label, range) of the band the total falls in; None without a score."""
    if value is None:
        return None
    return next((label, limits) for lowest, label, limits in BANDS if value >= lowest)


def explain_nd335(score: Nd335Score, *, reasons: dict[str, str], deductions: dict,
                  rules: ScoringRules) -> list[Step]:
    """The working of an ``nd335`` score: the general criteria with each deduction and its
    reason, each product with its share and the points it lost, the formula, the band."""
    steps = [Step(_("Chấm theo Nghị định 335/2025/NĐ-CP: tiêu chí chung tối đa 30 điểm, kết "
                    "quả thực hiện nhiệm vụ tối đa 70 điểm.")),
             Step(_("Tiêu chí chung: %(points)s/30 điểm") % {"points": number(score.general)},
                  tuple(_general_line(code, maximum, deductions.get(code), reasons.get(code))
                        for code, maximum in rules.general_max.items()))]
    if score.value is None:
        steps.append(Step(_("Tháng này không được giao sản phẩm nào: chưa có kết quả thực hiện "
                            "nhiệm vụ nên không chấm điểm tháng.")))
        return steps
    a, b, c = (number(score.percent(part)) for part in ("quantity", "quality", "timeliness"))
    steps.append(Step(
        _("Kết quả thực hiện nhiệm vụ: %(points)s/70 điểm") % {"points": number(score.tasks)},
        (*(_product_line(points, rules) for points in score.products),
         _("Tỷ lệ sản phẩm (đã quy đổi): số lượng %(a)s%%, chất lượng %(b)s%%, tiến độ %(c)s%% "
           "→ (%(a)s%% + %(b)s%% + %(c)s%%) : 3 × 70 điểm = %(points)s điểm")
         % {"a": a, "b": b, "c": c, "points": number(score.tasks)}),
    ))
    label, limits = band_of(score.value)
    steps.append(Step(_("Tổng: %(general)s + %(tasks)s = %(total)s/100 điểm — %(band)s "
                        "(%(limits)s)") % {
        "general": number(score.general), "tasks": number(score.tasks),
        "total": number(score.value), "band": label, "limits": limits}))
    return steps


def _general_line(code, maximum, deduction, reason) -> str:
    numbers = {"criterion": GENERAL_LABELS[code], "max": number(maximum),
               "points": number(maximum - Decimal(deduction or 0)),
               "deduction": number(deduction or 0), "reason": reason}
    if not deduction:
        return _("%(criterion)s: %(points)s/%(max)s điểm, không bị trừ") % numbers
    return _("%(criterion)s: %(points)s/%(max)s điểm — trừ %(deduction)s điểm, lý do: "
             "%(reason)s") % numbers


def _product_line(points: ProductPoints, rules: ScoringRules) -> str:
    product = points.product
    numbers = {
        "label": product.label, "weight": number(product.task_weight), "n": product.shared_by,
        "share": number(product.share), "max": number(points.maximum),
        "part": number(points.part), "earned": number(points.earned),
    }
    head = _("%(label)s — hệ số %(weight)s") % numbers
    if product.shared_by > 1:
        head += _(", chia đều cho %(n)s người: phần của đồng chí là %(share)s") % numbers
    head += _("; tối đa %(max)s điểm (số lượng, chất lượng, tiến độ mỗi phần %(part)s)") % (
        numbers)
    if not product.done:
        return head + ": " + _("chưa hoàn thành, không được điểm nào (mất %(max)s điểm)") % (
            numbers)
    return head + ": " + "; ".join((
        _("hoàn thành"),
        _loss(QUALITY_TEXTS, product, product.failed_checks, rules.quality_penalty_percent,
              points.quality_lost),
        _loss(TIMELINESS_TEXTS, product, product.delays, rules.delay_penalty_percent,
              points.timeliness_lost),
        _("được %(earned)s/%(max)s điểm") % numbers,
    ))


# What a product's quality and timeliness parts lost: nothing, nothing for a confirmed
# objective cause, or the penalty each time.
QUALITY_TEXTS = (
    gettext_lazy("đạt chất lượng"),
    gettext_lazy("%(times)s lần không đạt chất lượng không bị trừ (lý do khách quan đã được "
                 "xác nhận: %(note)s)"),
    gettext_lazy("trừ %(percent)s%% điểm chất lượng × %(times)s lần không đạt = −%(lost)s "
                 "điểm"),
)
TIMELINESS_TEXTS = (
    gettext_lazy("đúng hạn"),
    gettext_lazy("%(times)s lần chậm không bị trừ (lý do khách quan đã được xác nhận: "
                 "%(note)s)"),
    gettext_lazy("trừ %(percent)s%% điểm tiến độ × %(times)s lần chậm = −%(lost)s điểm"),
)


def _loss(texts, product, times: int, percent: int, lost: Decimal) -> str:
    fine, excused, deducted = texts
    if not times:
        return str(fine)
    numbers = {"times": times, "note": product.note, "percent": percent, "lost": number(lost)}
    return (excused if product.objective_cause else deducted) % numbers


# A check entry, by the rules its check was scored with


def general_of(entry) -> tuple[dict, dict]:
    """The entry's deductions and reasons, by criterion code."""
    return ({code: getattr(entry, f"{code}_deduction") or Decimal(0)
             for code in GENERAL_CRITERIA},
            {code: getattr(entry, f"{code}_reason") for code in GENERAL_CRITERIA})


def entry_score(entry, rules: ScoringRules, items=None) -> Decimal | None:
    """The score of a check entry; ``items`` are its product lines (default: its own)."""
    if rules.is_nd335:
        deductions, _reasons = general_of(entry)
        return compute_nd335(deductions=deductions, rules=rules,
                             products=entry.items.all() if items is None else items).value
    return compute_score(assigned=entry.assigned, done=entry.done, on_time=entry.on_time,
                         quality_passed=entry.quality_passed, rules=rules).value


def explain_entry(entry, rules: ScoringRules | None = None, items=None) -> list[Step]:
    """The working of a check entry's score, by the rules its check was scored with."""
    rules = rules or ScoringRules.from_dict(entry.check_record.rules)
    if rules.is_nd335:
        deductions, reasons = general_of(entry)
        score = compute_nd335(deductions=deductions, rules=rules,
                              products=entry.items.all() if items is None else items)
        return explain_nd335(score, reasons=reasons, deductions=deductions, rules=rules)
    return [Step(line) for line in explain_score(
        assigned=entry.assigned, done=entry.done, on_time=entry.on_time,
        quality_passed=entry.quality_passed, rules=rules)]
