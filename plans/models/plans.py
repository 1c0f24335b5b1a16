from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from union.models import DocumentKind, Member, OutgoingDocument, Union, UnionScopedQuerySet
from union.register import register_entry

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]
PERCENT_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]
GENERAL_POINTS_VALIDATORS = [MinValueValidator(0), MaxValueValidator(30)]
# Nghị định 335/2025/NĐ-CP applies from 01/01/2026: from that year a new plan scores by it.
ND335_FIRST_YEAR = 2026


class ScoringScheme(models.TextChoices):
    """How a month's check scores a member (plans/scoring.py; docs/rules.md)."""

    ND335 = "nd335", _(
        "Nghị định 335/2025/NĐ-CP: 30 điểm tiêu chí chung + 70 điểm kết quả nhiệm vụ")
    SIMPLE = "simple", _("Cách chấm riêng của công đoàn (mỗi sản phẩm bằng nhau)")

    @classmethod
    def for_year(cls, year: int) -> "ScoringScheme":
        """The default of a plan of ``year``: the decree from its first year, the union's own
        equal-share scheme before it (so that earlier years keep their scores)."""
        return cls.ND335 if year >= ND335_FIRST_YEAR else cls.SIMPLE


def general_points_field(label):
    return models.DecimalField(
        label, max_digits=4, decimal_places=2, default=Decimal("7.5"),
        validators=GENERAL_POINTS_VALIDATORS,
    )


class ActionPlan(models.Model):
    """Kế hoạch: the union's plan for one year, and the scoring rules of that year's checks."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        ISSUED = "issued", _("Đã ban hành")
        CLOSED = "closed", _("Đã kết thúc")

    union = models.ForeignKey(
        Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT, related_name="plans",
    )
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR_VALIDATORS)
    subject = models.CharField(_("trích yếu"), max_length=255)
    grounds = models.TextField(
        _("căn cứ"), blank=True,
        help_text=_("Mỗi dòng một căn cứ (“Căn cứ …;”), in nghiêng ở đầu kế hoạch."),
    )
    purpose = models.TextField(_("mục đích, yêu cầu"), blank=True)
    recipients = models.TextField(
        _("nơi nhận"), blank=True, help_text=_("Mỗi dòng một nơi nhận; dòng “Lưu: VT.” tự thêm."),
    )
    signer = models.ForeignKey(
        Member, verbose_name=_("người ký"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text=_("Để trống: Chủ tịch công đoàn tại ngày ban hành."),
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT,
    )
    # How a month's check scores a member (DOMAIN.md: task results by quantity, quality,
    # timeliness). Every number is the union's to change, year by year.
    scoring_scheme = models.CharField(
        _("cách chấm điểm kiểm tra hằng tháng"), max_length=10, choices=ScoringScheme.choices,
        default=ScoringScheme.ND335,
    )
    # Nghị định 335 gives the general criteria 30 points but no split between them (docs/
    # rules.md): each union or agency sets it in its own rules. Equal shares by default.
    politics_points = general_points_field(_("điểm tối đa: phẩm chất chính trị"))
    ethics_points = general_points_field(_("điểm tối đa: đạo đức, lối sống"))
    style_points = general_points_field(_("điểm tối đa: tác phong, lề lối làm việc"))
    discipline_points = general_points_field(_("điểm tối đa: ý thức tổ chức kỷ luật"))
    quantity_weight = models.PositiveSmallIntegerField(
        _("điểm số lượng"), default=50, validators=PERCENT_VALIDATORS,
    )
    quality_weight = models.PositiveSmallIntegerField(
        _("điểm chất lượng"), default=30, validators=PERCENT_VALIDATORS,
    )
    timeliness_weight = models.PositiveSmallIntegerField(
        _("điểm tiến độ"), default=20, validators=PERCENT_VALIDATORS,
    )
    quality_penalty_percent = models.PositiveSmallIntegerField(
        _("trừ mỗi lần không đạt chất lượng (%)"), default=25, validators=PERCENT_VALIDATORS,
    )
    delay_penalty_percent = models.PositiveSmallIntegerField(
        _("trừ mỗi lần chậm tiến độ (%)"), default=25, validators=PERCENT_VALIDATORS,
    )
    cutoff_day = models.PositiveSmallIntegerField(
        _("ngày chốt số liệu hằng tháng"), default=31,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_("31 là ngày cuối tháng; 14 để khớp kỳ báo cáo CCHC (15 tháng trước – 14)."),
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = UnionScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["union", "year"], name="plan_one_per_union_year",
                violation_error_message=_("Công đoàn đã có kế hoạch cho năm này."),
            ),
            models.CheckConstraint(
                condition=Q(quantity_weight=100 - F("quality_weight") - F("timeliness_weight")),
                name="plan_weights_sum_to_100",
                violation_error_message=_(
                    "Điểm số lượng, chất lượng và tiến độ phải cộng lại đúng 100."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.code} – {self.subject}" if self.code else self.subject

    def get_absolute_url(self):
        return reverse("plans:plan-detail", args=[self.pk])

    def clean(self):
        # Checked here rather than by a database constraint: SQLite adds decimals as floats,
        # and 7,1 + 7,3 + 7,6 + 8 need not come to exactly 30 there.
        total = sum((getattr(self, name) or 0 for name in GENERAL_POINT_FIELDS), Decimal(0))
        if total != 30:
            raise ValidationError({"politics_points": _(
                "Điểm tối đa của bốn tiêu chí chung phải cộng lại đúng 30 (đang là %(total)s)."
            ) % {"total": f"{total.normalize():f}".replace(".", ",")}})

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        self.__dict__.pop("register_entry", None)

    @cached_property
    def register_entry(self) -> OutgoingDocument | None:
        """The plan's line in the register of outgoing documents, once issued. Lists set it
        for all their plans at once (``union.register.register_entries``)."""
        return register_entry(self, DocumentKind.PLAN) if self.pk else None

    @property
    def code(self):
        """"01/KH-CĐCS" from the register; blank while the plan is a draft."""
        return self.register_entry.code if self.register_entry else ""

    @property
    def label(self):
        """How pages name the plan: its number, or "Dự thảo năm 2026" before it has one."""
        return self.code or _("Dự thảo năm %(year)s") % {"year": self.year}

    @property
    def issued_on(self):
        return self.register_entry.issued_on if self.register_entry else None

    @property
    def is_editable(self):
        return self.status != self.Status.CLOSED


GENERAL_POINT_FIELDS = ("politics_points", "ethics_points", "style_points", "discipline_points")


class ActionPoint(models.Model):
    """One of the plan's numbered action points (the seed article has five)."""

    union = models.ForeignKey(
        Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT, related_name="+",
    )
    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="points",
    )
    number = models.PositiveSmallIntegerField(
        _("số thứ tự"), validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    title = models.CharField(_("tên ngắn"), max_length=150)
    content = models.TextField(_("nội dung"))

    objects = UnionScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("nội dung trọng tâm")
        verbose_name_plural = _("nội dung trọng tâm")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"], name="point_unique_number_per_plan",
                violation_error_message=_("Kế hoạch đã có nội dung mang số này."),
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse("plans:plan-detail", args=[self.plan_id]) + f"#point-{self.number}"
