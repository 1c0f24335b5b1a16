from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from plans.models.plans import YEAR_VALIDATORS
from union.models import Member, RoleScopedQuerySet, Union


class MemberRecordQuerySet(RoleScopedQuerySet):
    """Entered by the board; read by the member, their group leader (who proposes their
    level) and the officers above."""

    scope_group = "member__group"

    def own_rows(self, member):
        return Q(member=member)


class Discipline(models.Model):
    """Kỷ luật: any level in the year means KHTNV (Nghị định 90/2020, 48/2023)."""

    class Level(models.TextChoices):
        REPRIMAND = "reprimand", _("Khiển trách")
        WARNING = "warning", _("Cảnh cáo")
        DEMOTION = "demotion", _("Hạ bậc lương / giáng chức / cách chức")
        DISMISSAL = "dismissal", _("Buộc thôi việc")

    union = models.ForeignKey(
        Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT, related_name="+",
    )
    member = models.ForeignKey(Member, verbose_name=_("đoàn viên"), on_delete=models.PROTECT,
                               related_name="disciplines")
    level = models.CharField(_("hình thức kỷ luật"), max_length=12, choices=Level.choices)
    decided_on = models.DateField(_("ngày quyết định"))
    decision = models.CharField(_("số quyết định"), max_length=100)
    reason = models.TextField(_("lý do"), blank=True)

    objects = MemberRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")
        ordering = ["-decided_on"]

    def __str__(self):
        return f"{self.get_level_display()} – {self.member} ({self.decided_on:%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("emulation:member-records", args=[self.member_id])


class Absence(models.Model):
    """Months not worked in a year, and whether it was maternity leave (which is rated on
    the time worked instead of being left unrated)."""

    union = models.ForeignKey(
        Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT, related_name="+",
    )
    member = models.ForeignKey(Member, verbose_name=_("đoàn viên"), on_delete=models.PROTECT,
                               related_name="absences")
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR_VALIDATORS)
    months = models.DecimalField(
        _("số tháng không làm việc"), max_digits=4, decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(12)],
    )
    maternity = models.BooleanField(_("nghỉ thai sản"), default=False)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    objects = MemberRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("thời gian không làm việc")
        verbose_name_plural = _("thời gian không làm việc")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "year"], name="absence_one_per_member_year",
                violation_error_message=_("Đã ghi thời gian không làm việc của năm này."),
            ),
        ]

    def __str__(self):
        return f"{self.member} – {self.year}: {self.months}"

    def get_absolute_url(self):
        return reverse("emulation:member-records", args=[self.member_id])
