from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from emulation.models.evaluations import Level
from emulation.rating_guides import UnionRatingGuide, guide_by_key
from plans.models.plans import YEAR_VALIDATORS
from union.models import Union, UnionScopedQuerySet

RATING_LEVELS = [(value, label) for value, label in Level.choices if value != Level.NOT_RATED]


class UnionRating(models.Model):
    """Đánh giá, xếp loại chất lượng hoạt động của CĐCS: one per union and year.

    draft (the board scores itself) → submitted (to the upper union) → decided (by the
    upper union: its checked total, the level, the decision's number and date); or returned
    with a reason, which makes it a draft again. ``scores`` holds, per criterion code of the
    guidance, ``{"points": "37.5", "note": "..."}`` (points blank while not scored yet).
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        SUBMITTED = "submitted", _("Đã gửi công đoàn cấp trên")
        DECIDED = "decided", _("Công đoàn cấp trên đã quyết định")

    union = models.ForeignKey(Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT,
                              related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR_VALIDATORS)
    guide_key = models.CharField(_("hướng dẫn áp dụng"), max_length=30)
    scores = models.JSONField(_("điểm tự chấm"), default=dict, blank=True)
    total = models.DecimalField(_("tổng điểm tự chấm"), max_digits=5, decimal_places=1,
                                default=Decimal(0))
    self_level = models.CharField(_("tự xếp loại"), max_length=10, choices=RATING_LEVELS,
                                  blank=True)
    self_note = models.TextField(_("tự nhận xét"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("ngày gửi"), null=True, blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    decided_total = models.DecimalField(_("điểm thẩm định"), max_digits=5, decimal_places=1,
                                        null=True, blank=True)
    level = models.CharField(_("xếp loại của công đoàn cấp trên"), max_length=10,
                             choices=RATING_LEVELS, blank=True)
    decision_note = models.TextField(_("nhận xét của công đoàn cấp trên"), blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=50, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người ghi quyết định"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = UnionScopedQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("xếp loại chất lượng công đoàn cơ sở")
        verbose_name_plural = _("xếp loại chất lượng công đoàn cơ sở")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["union", "year"], name="union_rating_one_per_year",
                violation_error_message=_("Năm này đã có bản tự đánh giá của công đoàn."),
            ),
            models.CheckConstraint(
                condition=~Q(status="decided") | (
                    ~Q(level="") & ~Q(decision_number="") & Q(decision_date__isnull=False)
                    & Q(decided_total__isnull=False)),
                name="union_rating_decided_has_decision",
                violation_error_message=_("Quyết định phải có điểm thẩm định, mức xếp loại, "
                                          "số và ngày quyết định."),
            ),
        ]

    def __str__(self):
        return _("Xếp loại chất lượng %(union)s năm %(year)s") % {
            "union": self.union, "year": self.year}

    def get_absolute_url(self):
        return reverse("emulation:rating", args=[self.union_id, self.year])

    @property
    def guide(self) -> UnionRatingGuide:
        return guide_by_key(self.guide_key)

    def score_rows(self):
        """(criterion, points or None, note) in the guidance's order."""
        rows = []
        for criterion in self.guide.criteria:
            entry = self.scores.get(criterion.code, {})
            points = entry.get("points")
            rows.append((criterion, None if points in (None, "") else Decimal(points),
                         entry.get("note", "")))
        return rows
