from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plans.models.plans import YEAR_VALIDATORS
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
        ]

    def __str__(self):
        return f"{self.member} – {self.check_record.month_label}"

    def get_absolute_url(self):
        return reverse("plans:check-detail", args=[self.check_record_id]) + f"#entry-{self.pk}"
