from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plans.models.plans import GENERAL_POINTS_VALIDATORS, YEAR_VALIDATORS
from plans.models.tasks import TaskOccurrence
from plans.periods import month_label
from union.models import Member, RoleScopedQuerySet, Union, UnionGroup


class MonthlyCheckQuerySet(RoleScopedQuerySet):
    """The board, the group's leader and deputy, and officers above read a check."""

    def for_month(self, year, month):
        return self.filter(year=year, month=month)


class MonthlyCheck(models.Model):
    """Kiểm tra định kỳ hằng tháng of one group: one per group and month.

    draft → submitted (leader) → confirmed (board; read-only) → reopened (board, with a
    reason) → submitted again. The scoring rules are copied in when the check is filled,
    so that a confirmed month keeps the scores it was confirmed with.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang lập")
        SUBMITTED = "submitted", _("Đã gửi, chờ xác nhận")
        CONFIRMED = "confirmed", _("Đã xác nhận")
        REOPENED = "reopened", _("Mở lại để sửa")

    union = models.ForeignKey(
        Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT, related_name="+",
    )
    group = models.ForeignKey(
        UnionGroup, verbose_name=_("tổ công đoàn"), on_delete=models.PROTECT,
        related_name="checks",
    )
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR_VALIDATORS)
    month = models.PositiveSmallIntegerField(
        _("tháng"), validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT,
    )
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    rules = models.JSONField(_("quy tắc chấm điểm"), default=dict, editable=False)
    note = models.TextField(_("nhận xét chung của tổ"), blank=True)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True, editable=False)
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True, editable=False)
    reopen_reason = models.TextField(_("lý do mở lại"), blank=True, editable=False)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = MonthlyCheckQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at", "rules"])

    class Meta:
        verbose_name = _("kiểm tra hằng tháng")
        verbose_name_plural = _("kiểm tra hằng tháng")
        ordering = ["-year", "-month", "group__name"]
        indexes = [models.Index(fields=["union", "year", "month"], name="check_union_month_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "year", "month"], name="check_one_per_group_month",
                violation_error_message=_("Tổ này đã có phiếu kiểm tra cho tháng này."),
            ),
        ]

    def __str__(self):
        return _("Kiểm tra tháng %(month)s – %(group)s") % {
            "month": self.month_label, "group": self.group,
        }

    def get_absolute_url(self):
        return reverse("plans:check-detail", args=[self.pk])

    @property
    def month_label(self):
        return month_label(self.year, self.month)

    @property
    def is_editable(self):
        """The leader may change entries only while the check is with them."""
        return self.status in (self.Status.DRAFT, self.Status.REOPENED)


# The four general criteria of the staff rating (Nghị định 90/2020, Điều 3; Nghị định
# 335/2025 scores them together out of 30). Each has a maximum on the plan, a deduction and a
# reason on the entry, named after its code.
GENERAL_CRITERIA = ("politics", "ethics", "style", "discipline")


# Defaults in the database too, so that a bulk load naming only the counts (the province
# benchmark, demo/scale.py, copies entries in with COPY) still fills these.
def deduction_field(label):
    return models.DecimalField(
        label, max_digits=4, decimal_places=2, default=Decimal(0), db_default=Decimal(0),
        validators=GENERAL_POINTS_VALIDATORS,
    )


def reason_field(label):
    return models.CharField(label, max_length=300, blank=True, default="", db_default="")


class CheckEntryQuerySet(RoleScopedQuerySet):
    """As the check, and each member reads their own entries."""

    scope_group = "check_record__group"

    def own_rows(self, member):
        return Q(member=member)


class CheckEntry(models.Model):
    """One member's line in a month's check, with the score the rules give it."""

    union = models.ForeignKey(
        Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT, related_name="+",
    )
    check_record = models.ForeignKey(
        MonthlyCheck, verbose_name=_("phiếu kiểm tra"), on_delete=models.CASCADE,
        related_name="entries",
    )
    member = models.ForeignKey(
        Member, verbose_name=_("đoàn viên"), on_delete=models.PROTECT, related_name="check_entries",
    )
    assigned = models.PositiveSmallIntegerField(_("được giao"), default=0)
    done = models.PositiveSmallIntegerField(_("hoàn thành"), default=0)
    on_time = models.PositiveSmallIntegerField(_("đúng hạn"), default=0)
    quality_passed = models.PositiveSmallIntegerField(_("đạt chất lượng"), default=0)
    remark = models.CharField(_("nhận xét tác phong, ý thức"), max_length=500, blank=True)
    # Nghị định 335: the points the leader takes off each general criterion, and why.
    politics_deduction = deduction_field(_("trừ điểm phẩm chất chính trị"))
    politics_reason = reason_field(_("lý do trừ điểm phẩm chất chính trị"))
    ethics_deduction = deduction_field(_("trừ điểm đạo đức, lối sống"))
    ethics_reason = reason_field(_("lý do trừ điểm đạo đức, lối sống"))
    style_deduction = deduction_field(_("trừ điểm tác phong, lề lối làm việc"))
    style_reason = reason_field(_("lý do trừ điểm tác phong, lề lối làm việc"))
    discipline_deduction = deduction_field(_("trừ điểm ý thức tổ chức kỷ luật"))
    discipline_reason = reason_field(_("lý do trừ điểm ý thức tổ chức kỷ luật"))
    score = models.DecimalField(
        _("điểm"), max_digits=5, decimal_places=2, null=True, blank=True, editable=False,
    )

    objects = CheckEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("kết quả kiểm tra của đoàn viên")
        verbose_name_plural = _("kết quả kiểm tra của đoàn viên")
        ordering = ["member__name_key", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["check_record", "member"], name="entry_one_per_member_check",
            ),
            models.CheckConstraint(
                condition=Q(done__lte=F("assigned")), name="entry_done_within_assigned",
                violation_error_message=_("Số hoàn thành không thể lớn hơn số được giao."),
            ),
            models.CheckConstraint(
                condition=Q(on_time__lte=F("done"), quality_passed__lte=F("done")),
                name="entry_on_time_and_quality_within_done",
                violation_error_message=_(
                    "Số đúng hạn và số đạt chất lượng không thể lớn hơn số hoàn thành."
                ),
            ),
            *(models.CheckConstraint(
                condition=Q(**{f"{code}_deduction": 0}) | ~Q(**{f"{code}_reason": ""}),
                name=f"entry_{code}_deduction_has_reason",
                violation_error_message=_("Trừ điểm tiêu chí chung phải ghi lý do."),
            ) for code in GENERAL_CRITERIA),
        ]

    def __str__(self):
        return f"{self.member} – {self.check_record.month_label}"

    def get_absolute_url(self):
        return reverse("plans:check-detail", args=[self.check_record_id]) + f"#entry-{self.pk}"


class CheckItemQuerySet(RoleScopedQuerySet):
    """As the check's entries: each member reads the lines of their own entries."""

    scope_group = "entry__check_record__group"

    def own_rows(self, member):
        return Q(entry__member=member)


class CheckItem(models.Model):
    """One product of a member's month under Nghị định 335: a task occurrence due in the
    check's window and assigned to them, with their share of it and the leader's judgement.

    The task's weight and the number of people sharing it are copied when the check is
    filled, and the label too, so that a confirmed month keeps its working even if the task
    changes or its period is dropped later (the line then loses its occurrence, not its
    figures).
    """

    union = models.ForeignKey(
        Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT, related_name="+",
    )
    entry = models.ForeignKey(
        CheckEntry, verbose_name=_("kết quả kiểm tra của đoàn viên"), on_delete=models.CASCADE,
        related_name="items",
    )
    occurrence = models.ForeignKey(
        TaskOccurrence, verbose_name=_("kỳ thực hiện nhiệm vụ"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    label = models.CharField(_("sản phẩm"), max_length=300)
    task_weight = models.DecimalField(_("hệ số quy đổi"), max_digits=5, decimal_places=2)
    shared_by = models.PositiveSmallIntegerField(_("số người cùng thực hiện"), default=1)
    done = models.BooleanField(_("hoàn thành"), default=False)
    failed_checks = models.PositiveSmallIntegerField(
        _("số lần không đạt chất lượng"), default=0, validators=[MaxValueValidator(20)],
    )
    delays = models.PositiveSmallIntegerField(
        _("số lần chậm tiến độ"), default=0, validators=[MaxValueValidator(20)],
    )
    objective_cause = models.BooleanField(
        _("lý do khách quan đã được xác nhận"), default=False,
        help_text=_("Sai sót hoặc chậm do nguyên nhân khách quan được cấp có thẩm quyền xác "
                    "nhận: không trừ điểm; ghi lý do vào ghi chú."),
    )
    note = models.CharField(_("ghi chú, lý do"), max_length=500, blank=True)

    objects = CheckItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("sản phẩm trong kết quả kiểm tra")
        verbose_name_plural = _("sản phẩm trong kết quả kiểm tra")
        ordering = ["entry_id", "occurrence__due_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "occurrence"], name="item_one_per_entry_occurrence",
            ),
            models.CheckConstraint(
                condition=Q(shared_by__gte=1, task_weight__gt=0), name="item_share_positive",
            ),
            models.CheckConstraint(
                condition=Q(objective_cause=False) | ~Q(note=""),
                name="item_objective_cause_has_reason",
                violation_error_message=_(
                    "Lý do khách quan được xác nhận phải ghi rõ trong ghi chú."),
            ),
        ]

    def __str__(self):
        return f"{self.entry.member} – {self.label}"

    def get_absolute_url(self):
        return reverse("plans:check-detail", args=[self.entry.check_record_id]) + (
            f"#item-{self.pk}")

    @property
    def share(self) -> Decimal:
        """The member's part of the task: its weight divided equally among its people."""
        return Decimal(self.task_weight) / self.shared_by
