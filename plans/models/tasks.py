from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plans.models.plans import PERCENT_VALIDATORS, ActionPlan, ActionPoint
from plans.periods import period_key, period_label
from union.models import Member, Union, UnionGroup, UnionScopedQuerySet


class Task(models.Model):
    """Nhiệm vụ: a product to deliver under one point, led by one union group."""

    class Recurrence(models.TextChoices):
        ONCE = "once", _("Một lần")
        MONTHLY = "monthly", _("Hằng tháng")
        QUARTERLY = "quarterly", _("Hằng quý")

    union = models.ForeignKey(
        Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT, related_name="+",
    )
    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("kế hoạch"), on_delete=models.PROTECT, related_name="tasks",
    )
    point = models.ForeignKey(
        ActionPoint, verbose_name=_("nội dung"), on_delete=models.PROTECT, related_name="tasks",
    )
    title = models.CharField(_("nhiệm vụ"), max_length=255)
    product = models.CharField(_("sản phẩm"), max_length=255)
    lead_group = models.ForeignKey(
        UnionGroup, verbose_name=_("đơn vị chủ trì"), on_delete=models.PROTECT,
        related_name="led_tasks",
    )
    supporting_groups = models.ManyToManyField(
        UnionGroup, verbose_name=_("đơn vị phối hợp"), blank=True, related_name="supported_tasks",
        through="TaskSupportingGroup",
    )
    assignees = models.ManyToManyField(
        Member, verbose_name=_("người thực hiện"), blank=True, related_name="tasks",
        through="TaskAssignee",
    )
    start_date = models.DateField(_("ngày bắt đầu"))
    due_date = models.DateField(_("thời hạn"))
    recurrence = models.CharField(
        _("lặp lại"), max_length=10, choices=Recurrence.choices, default=Recurrence.ONCE,
    )
    weight = models.DecimalField(
        _("hệ số quy đổi"), max_digits=5, decimal_places=2, default=Decimal(1),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(100)],
        help_text=_("Sản phẩm của nhiệm vụ tính bằng bao nhiêu sản phẩm chuẩn (1 là một sản "
                    "phẩm chuẩn, 0,5 là nửa, 2 là gấp đôi). Điểm kiểm tra hằng tháng và tiến "
                    "độ chung tính theo hệ số này."),
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = UnionScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["point__number", "due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_date__gte=F("start_date")), name="task_due_after_start",
                violation_error_message=_("Thời hạn không thể trước ngày bắt đầu."),
            ),
            models.CheckConstraint(
                condition=Q(weight__gt=0), name="task_weight_positive",
                violation_error_message=_("Hệ số quy đổi phải lớn hơn 0."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("plans:task-detail", args=[self.pk])


class TaskAssignee(models.Model):
    """A person on a task: the join row, with its union like every tenant row (the table
    Django made for the many-to-many field before; docs/scaling.md)."""

    union = models.ForeignKey(
        Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT, related_name="+",
    )
    task = models.ForeignKey(
        Task, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="+",
    )
    member = models.ForeignKey(
        Member, verbose_name=_("đoàn viên"), on_delete=models.CASCADE, related_name="+",
    )

    class Meta:
        verbose_name = _("người thực hiện nhiệm vụ")
        verbose_name_plural = _("người thực hiện nhiệm vụ")
        db_table = "plans_task_assignees"
        unique_together = [("task", "member")]

    def __str__(self):
        return f"{self.task} – {self.member}"


class TaskSupportingGroup(models.Model):
    """A group supporting a task (the join row, with its union)."""

    union = models.ForeignKey(
        Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT, related_name="+",
    )
    task = models.ForeignKey(
        Task, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="+",
    )
    uniongroup = models.ForeignKey(
        UnionGroup, verbose_name=_("tổ công đoàn"), on_delete=models.CASCADE, related_name="+",
    )

    class Meta:
        verbose_name = _("đơn vị phối hợp")
        verbose_name_plural = _("đơn vị phối hợp")
        db_table = "plans_task_supporting_groups"
        unique_together = [("task", "uniongroup")]

    def __str__(self):
        return f"{self.task} – {self.uniongroup}"


class OccurrenceQuerySet(UnionScopedQuerySet):
    def with_status(self, today=None):
        """Annotate the derived status: nobody types it in, the dates and progress say it."""
        today = today or timezone.localdate()
        return self.annotate(status=Case(
            When(completed_on__isnull=False, completed_on__lte=F("due_date"),
                 then=Value(TaskStatus.DONE)),
            When(completed_on__isnull=False, then=Value(TaskStatus.DONE_LATE)),
            When(due_date__lt=today, then=Value(TaskStatus.OVERDUE)),
            When(percent__gt=0, then=Value(TaskStatus.IN_PROGRESS)),
            default=Value(TaskStatus.NOT_STARTED),
        ))

    def due_between(self, start, end):
        return self.filter(due_date__gte=start, due_date__lte=end)

    def assigned_to(self, member):
        return self.filter(task__assignees=member)


class TaskStatus(models.TextChoices):
    """The derived status of a task occurrence."""

    NOT_STARTED = "not_started", _("Chưa bắt đầu")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Hoàn thành đúng hạn")
    DONE_LATE = "done_late", _("Hoàn thành chậm")
    OVERDUE = "overdue", _("Quá hạn")


class TaskOccurrence(models.Model):
    """One period of a task: the whole task when it runs once, a month or quarter otherwise.

    Each occurrence is reported, tracked and checked on its own.
    """

    union = models.ForeignKey(
        Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT, related_name="+",
    )
    task = models.ForeignKey(
        Task, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="occurrences",
    )
    period_start = models.DateField(_("từ ngày"))
    due_date = models.DateField(_("thời hạn"))
    percent = models.PositiveSmallIntegerField(
        _("tiến độ (%)"), default=0, validators=PERCENT_VALIDATORS,
    )
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("kỳ thực hiện nhiệm vụ")
        verbose_name_plural = _("kỳ thực hiện nhiệm vụ")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["union", "due_date"], name="occurrence_union_due_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "due_date"], name="occurrence_unique_due_per_task",
            ),
            models.CheckConstraint(
                condition=Q(percent=100, completed_on__isnull=False)
                | Q(percent__lt=100, completed_on__isnull=True),
                name="occurrence_completed_iff_100",
            ),
        ]

    def __str__(self):
        period = self.period_label
        return f"{self.task.title} ({period})" if period else self.task.title

    def get_absolute_url(self):
        return reverse("plans:task-detail", args=[self.task_id]) + f"#occurrence-{self.pk}"

    @property
    def period_label(self):
        """"03/2019" or "quý I/2019" (the check month that counts it); "" for a one-off."""
        task = self.task
        return period_label(period_key(task.recurrence, self.due_date, task.plan.cutoff_day))

    def status_on(self, today):
        """The same rule as ``with_status``, for one occurrence already in memory."""
        if self.completed_on:
            return TaskStatus.DONE if self.completed_on <= self.due_date else TaskStatus.DONE_LATE
        if self.due_date < today:
            return TaskStatus.OVERDUE
        return TaskStatus.IN_PROGRESS if self.percent else TaskStatus.NOT_STARTED


def evidence_path(report, filename):
    return f"evidence/{report.union_id}/{timezone.now():%Y/%m}/{filename}"


class ProgressReport(models.Model):
    """A member's report on an occurrence: how far, what was done, and the evidence."""

    union = models.ForeignKey(
        Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT, related_name="+",
    )
    occurrence = models.ForeignKey(
        TaskOccurrence, verbose_name=_("kỳ thực hiện"), on_delete=models.CASCADE,
        related_name="reports",
    )
    member = models.ForeignKey(
        Member, verbose_name=_("đoàn viên"), on_delete=models.PROTECT, related_name="+",
    )
    percent = models.PositiveSmallIntegerField(_("tiến độ (%)"), validators=PERCENT_VALIDATORS)
    note = models.TextField(_("kết quả, ghi chú"), blank=True)
    evidence_file = models.FileField(
        _("tệp minh chứng"), upload_to=evidence_path, blank=True, max_length=255,
    )
    evidence_link = models.URLField(_("đường dẫn minh chứng"), blank=True, max_length=500)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    objects = UnionScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.member} – {self.percent}%"
