from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from plans.models.plans import YEAR_VALIDATORS
from union.models import Union, UnionScopedQuerySet


class CchcIndex(models.Model):
    """The agency's CCHC index for one year, as the province published it."""

    union = models.ForeignKey(
        Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT, related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR_VALIDATORS)
    rank = models.PositiveSmallIntegerField(_("xếp hạng"), null=True, blank=True)
    ranked_among = models.PositiveSmallIntegerField(
        _("trong số (đơn vị được xếp hạng)"), null=True, blank=True,
    )
    band = models.CharField(_("xếp loại"), max_length=50, blank=True)
    decision = models.CharField(_("quyết định công bố"), max_length=255, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = UnionScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("chỉ số CCHC")
        verbose_name_plural = _("chỉ số CCHC")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["union", "year"], name="cchc_one_per_union_year",
                violation_error_message=_("Đã có chỉ số CCHC của năm này."),
            ),
        ]

    def __str__(self):
        return _("Chỉ số CCHC năm %(year)s") % {"year": self.year}

    def get_absolute_url(self):
        return reverse("plans:cchc-list", args=[self.union_id]) + f"#cchc-{self.year}"


class CchcDomain(models.Model):
    """One of the index's domains (seven for a department), with its points that year."""

    union = models.ForeignKey(
        Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT, related_name="+",
    )
    index = models.ForeignKey(
        CchcIndex, verbose_name=_("chỉ số CCHC"), on_delete=models.CASCADE, related_name="domains",
    )
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    name = models.CharField(_("lĩnh vực"), max_length=255)
    max_points = models.DecimalField(
        _("điểm tối đa"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)],
    )
    achieved = models.DecimalField(
        _("điểm đạt được"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)],
    )

    objects = UnionScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("lĩnh vực CCHC")
        verbose_name_plural = _("lĩnh vực CCHC")
        ordering = ["index", "number"]
        constraints = [
            models.UniqueConstraint(fields=["index", "number"], name="cchc_domain_unique_number"),
            models.CheckConstraint(
                condition=Q(achieved__lte=F("max_points")), name="cchc_achieved_within_max",
                violation_error_message=_("Điểm đạt được không thể lớn hơn điểm tối đa."),
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"
