from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plans.models.plans import YEAR_VALIDATORS
from union.models import DocumentKind, Member, RoleScopedQuerySet, Union, UnionScopedQuerySet


class Level(models.TextChoices):
    """The four classification levels shared by state staff, the party and the union."""

    EXCELLENT = "htxsnv", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "httnv", _("Hoàn thành tốt nhiệm vụ")
    DONE = "htnv", _("Hoàn thành nhiệm vụ")
    NOT_DONE = "khtnv", _("Không hoàn thành nhiệm vụ")
    NOT_RATED = "not_rated", _("Không xếp loại")


# Higher is better; "not rated" stands outside the order.
LEVEL_RANK = {Level.EXCELLENT: 4, Level.GOOD: 3, Level.DONE: 2, Level.NOT_DONE: 1}
LEVEL_SHORT = {Level.EXCELLENT: "HTXSNV", Level.GOOD: "HTTNV", Level.DONE: "HTNV",
               Level.NOT_DONE: "KHTNV", Level.NOT_RATED: "KXL"}


class EvaluationCycle(models.Model):
    """Đánh giá, xếp loại cuối năm: deadlines, the rules of that year, and the state.

    open (self-assessment, group meetings, the board's proposals) → proposed (the board's
    Tờ trình went to the agency head; the council meets; decisions are recorded) → decided
    (every decision recorded) → published (locked, shown to members).
    ``rules`` is a snapshot taken when the cycle opens (bands, quota, cap, months) so that
    a later change of the union's settings does not rewrite a published year.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Đang đánh giá")
        PROPOSED = "proposed", _("Đã trình")
        DECIDED = "decided", _("Đã có quyết định")
        PUBLISHED = "published", _("Đã công bố")

    union = models.ForeignKey(
        Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT, related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR_VALIDATORS)
    self_assessment_due = models.DateField(_("hạn tự đánh giá"))
    proposal_due = models.DateField(_("hạn tổ đề xuất"))
    decision_due = models.DateField(_("hạn BCH đề xuất"))
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices,
                              default=Status.OPEN)
    rules = models.JSONField(_("quy tắc xếp loại"), default=dict, editable=False)
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = UnionScopedQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at", "rules"])

    class Meta:
        verbose_name = _("đợt đánh giá cuối năm")
        verbose_name_plural = _("đợt đánh giá cuối năm")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["union", "year"], name="cycle_one_per_union_year",
                violation_error_message=_("Năm này đã có đợt đánh giá."),
            ),
            models.CheckConstraint(
                condition=Q(proposal_due__gte=models.F("self_assessment_due"),
                            decision_due__gte=models.F("proposal_due")),
                name="cycle_deadlines_in_order",
                violation_error_message=_(
                    "Các hạn phải theo thứ tự: tự đánh giá, tổ đề xuất, BCH đề xuất."
                ),
            ),
        ]

    def __str__(self):
        return _("Đánh giá, xếp loại năm %(year)s") % {"year": self.year}

    def get_absolute_url(self):
        return reverse("emulation:cycle-detail", args=[self.pk])

    def get_document_url(self, kind):
        """Where the register of outgoing documents links a document issued for this year:
        the year-end report (báo cáo) to the report's page, anything else to the cycle."""
        if kind == DocumentKind.REPORT:
            return reverse("emulation:report", args=[self.union_id, self.year])
        return self.get_absolute_url()

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED


class EvaluationQuerySet(RoleScopedQuerySet):
    """The board and the officers above read all; a leader their group; a member their own."""

    scope_group = "member__group"

    def own_rows(self, member):
        return Q(member=member)


class Evaluation(models.Model):
    """One member's year: the metrics snapshot, then self-assessment → group proposal →
    board decision, and the titles decided with it."""

    union = models.ForeignKey(
        Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT, related_name="+",
    )
    cycle = models.ForeignKey(EvaluationCycle, verbose_name=_("đợt đánh giá"),
                              on_delete=models.PROTECT, related_name="evaluations")
    member = models.ForeignKey(Member, verbose_name=_("đoàn viên"), on_delete=models.PROTECT,
                               related_name="evaluations")
    # The metrics, computed when the cycle opens (and again on request while it is open).
    months_checked = models.PositiveSmallIntegerField(_("số tháng có điểm"), default=0)
    average_score = models.DecimalField(_("điểm bình quân"), max_digits=5, decimal_places=2,
                                        null=True, blank=True)
    tasks_total = models.PositiveIntegerField(_("số kỳ nhiệm vụ"), default=0)
    tasks_on_time = models.PositiveIntegerField(_("số kỳ đúng hạn"), default=0)
    initiatives = models.PositiveSmallIntegerField(_("sáng kiến được công nhận"), default=0)
    disciplined = models.CharField(_("kỷ luật trong năm"), max_length=12, blank=True)
    months_absent = models.DecimalField(_("số tháng không làm việc"), max_digits=4,
                                        decimal_places=1, default=0)
    maternity = models.BooleanField(_("nghỉ thai sản"), default=False)
    months_in_year = models.DecimalField(_("số tháng công tác trong năm"), max_digits=4,
                                         decimal_places=1, default=12)
    months_elsewhere = models.DecimalField(_("trong đó ở cơ quan cũ"), max_digits=4,
                                           decimal_places=1, default=0)
    months_since_recruited = models.DecimalField(
        _("số tháng từ khi được tuyển dụng"), max_digits=4, decimal_places=1, null=True,
        blank=True)
    # Discipline that does not set the level still bars titles: a state or Party one not tied
    # to the duties (from 2026) bars the state titles, a union one the union's own.
    other_discipline = models.CharField(_("kỷ luật khác trong năm"), max_length=12, blank=True)
    union_disciplined = models.BooleanField(_("bị kỷ luật công đoàn trong năm"), default=False)
    registered_titles = models.JSONField(_("danh hiệu đã đăng ký"), default=list, blank=True)
    # The three steps.
    self_assessment = models.TextField(_("tự nhận xét"), blank=True)
    self_level = models.CharField(_("tự xếp loại"), max_length=10, choices=Level.choices,
                                  blank=True)
    proposed_level = models.CharField(_("tổ đề xuất"), max_length=10, choices=Level.choices,
                                      blank=True)
    proposal_comment = models.TextField(_("nhận xét của tổ"), blank=True)
    # The board proposes (the titles it proposes are the evaluation's candidacies) ...
    board_level = models.CharField(_("BCH đề xuất"), max_length=10, choices=Level.choices,
                                   blank=True)
    board_note = models.TextField(_("ý kiến của BCH"), blank=True)
    board_reason = models.TextField(_("lý do đề xuất cao hơn mức gợi ý"), blank=True)
    # ... and the agency head decides (or, for the head, the level above): recorded here.
    rated_above = models.BooleanField(_("do cấp trên của cơ quan đánh giá"), default=False)
    level = models.CharField(_("kết quả xếp loại"), max_length=10, choices=Level.choices,
                             blank=True)
    level_decision = models.ForeignKey(
        "emulation.Decision", verbose_name=_("quyết định xếp loại"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="rated")
    title_ldtt = models.BooleanField(_("Lao động tiên tiến"), default=False)
    title_cstdcs = models.BooleanField(_("Chiến sĩ thi đua cơ sở"), default=False)
    title_dvcdxs = models.BooleanField(_("Đoàn viên công đoàn xuất sắc"), default=False)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = EvaluationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("đánh giá, xếp loại đoàn viên")
        verbose_name_plural = _("đánh giá, xếp loại đoàn viên")
        ordering = ["member__name_key", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "member"], name="evaluation_one_per_member"),
        ]

    def __str__(self):
        return f"{self.member} – {self.cycle.year}"

    def get_absolute_url(self):
        return reverse("emulation:evaluation-detail", args=[self.pk])

    @property
    def months_worked(self):
        return self.months_in_year - self.months_absent

    @property
    def on_time_share(self):
        """Tasks done on time, in percent of the year's task periods; None without tasks."""
        return round(100 * self.tasks_on_time / self.tasks_total) if self.tasks_total else None
