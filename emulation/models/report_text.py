from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plans.models.plans import YEAR_VALIDATORS
from union.models import Union, UnionScopedQuerySet


class YearReportText(models.Model):
    """What the year-end report says in the board's own words, beside the figures the tool
    computes: the overall assessment, the agency's administrative reform, the shortcomings
    and their causes, next year's direction and the recommendations to the upper union. One
    per union and year; frozen once the report is entered in the register."""

    union = models.ForeignKey(Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT,
                              related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR_VALIDATORS)
    assessment = models.TextField(
        _("đánh giá chung"), blank=True,
        help_text=_("Những kết quả nổi bật của năm: việc đã làm được, so với kế hoạch."))
    reform = models.TextField(
        _("công đoàn tham gia cải cách hành chính"), blank=True,
        help_text=_("Phần công đoàn góp vào kết quả cải cách hành chính của cơ quan (chỉ số "
                    "CCHC do tỉnh công bố được điền tự động)."))
    shortcomings = models.TextField(_("tồn tại, hạn chế"), blank=True)
    causes = models.TextField(_("nguyên nhân"), blank=True)
    direction = models.TextField(_("phương hướng, nhiệm vụ năm sau"), blank=True)
    recommendations = models.TextField(_("kiến nghị, đề xuất"), blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = UnionScopedQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    # The parts an upper union will not accept a report without.
    REQUIRED = ("assessment", "shortcomings", "causes", "direction")

    class Meta:
        verbose_name = _("nội dung báo cáo năm")
        verbose_name_plural = _("nội dung báo cáo năm")
        constraints = [
            models.UniqueConstraint(fields=["union", "year"], name="report_text_once_a_year"),
        ]

    def __str__(self):
        return _("Nội dung báo cáo năm %(year)s") % {"year": self.year}

    def get_absolute_url(self):
        return reverse("emulation:report", args=[self.union_id, self.year])

    def missing(self) -> list[str]:
        """The names of the required parts still blank."""
        return [str(self._meta.get_field(name).verbose_name) for name in self.REQUIRED
                if not getattr(self, name).strip()]
