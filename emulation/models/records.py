from decimal import Decimal

from django.core.exceptions import ValidationError
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
    """Kỷ luật, by the body that imposed it. State (hành chính) and Party discipline decided
    for the year being rated set the level at KHTNV (Nghị định 90/2020 as amended by
    48/2023, Điều 2 khoản 5; from 2026 only discipline tied to the duties, Nghị định 335/2025,
    233/2026); a union discipline sets no staff rating but bars the union's own titles."""

    class System(models.TextChoices):
        STATE = "state", _("Kỷ luật hành chính (cơ quan)")
        PARTY = "party", _("Kỷ luật đảng")
        UNION = "union", _("Kỷ luật công đoàn")

    class Level(models.TextChoices):
        REPRIMAND = "reprimand", _("Khiển trách")
        WARNING = "warning", _("Cảnh cáo")
        DEMOTION = "demotion", _("Hạ bậc lương / giáng chức")
        REMOVAL = "removal", _("Cách chức")
        DISMISSAL = "dismissal", _("Buộc thôi việc")
        EXPULSION = "expulsion", _("Khai trừ")

    # The forms each system has (Luật Cán bộ, công chức; Luật Viên chức; Điều lệ Đảng; Điều
    # lệ Công đoàn): a khai trừ is not a state form, a buộc thôi việc not a Party one.
    LEVELS_OF = {
        System.STATE: {Level.REPRIMAND, Level.WARNING, Level.DEMOTION, Level.REMOVAL,
                       Level.DISMISSAL},
        System.PARTY: {Level.REPRIMAND, Level.WARNING, Level.REMOVAL, Level.EXPULSION},
        System.UNION: {Level.REPRIMAND, Level.WARNING, Level.REMOVAL, Level.EXPULSION},
    }

    union = models.ForeignKey(
        Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT, related_name="+",
    )
    member = models.ForeignKey(Member, verbose_name=_("đoàn viên"), on_delete=models.PROTECT,
                               related_name="disciplines")
    system = models.CharField(_("loại kỷ luật"), max_length=6, choices=System.choices,
                              default=System.STATE)
    level = models.CharField(_("hình thức kỷ luật"), max_length=12, choices=Level.choices)
    decided_on = models.DateField(_("ngày quyết định"))
    counts_for_year = models.PositiveSmallIntegerField(
        _("tính cho năm đánh giá"), validators=YEAR_VALIDATORS, blank=True,
        help_text=_("Năm có quyết định kỷ luật. Nếu hành vi đã bị xếp loại Không hoàn thành "
                    "nhiệm vụ ở năm xảy ra, ghi năm đó: không tính lại ở năm có quyết định "
                    "(Nghị định 48/2023/NĐ-CP)."))
    related_to_duties = models.BooleanField(
        _("vi phạm liên quan đến thực hiện nhiệm vụ, công vụ"), default=True,
        help_text=_("Từ năm 2026 chỉ kỷ luật do vi phạm liên quan đến nhiệm vụ mới làm xếp "
                    "loại Không hoàn thành nhiệm vụ (Nghị định 335/2025/NĐ-CP, 233/2026/NĐ-CP)."))
    decision = models.CharField(_("số quyết định"), max_length=100)
    reason = models.TextField(_("lý do"), blank=True)

    objects = MemberRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")
        ordering = ["-decided_on"]

    def __str__(self):
        return f"{self.get_level_display()} – {self.member} ({self.decided_on:%d/%m/%Y})"

    def save(self, *args, **kwargs):
        if self.counts_for_year is None:
            self.counts_for_year = self.decided_on.year
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("emulation:member-records", args=[self.member_id])

    def clean(self):
        if self.counts_for_year is None and self.decided_on:
            self.counts_for_year = self.decided_on.year
        if self.level and self.level not in self.LEVELS_OF[self.System(self.system)]:
            raise ValidationError({"level": _("%(system)s không có hình thức “%(level)s”.") % {
                "system": self.get_system_display(), "level": self.get_level_display()}})
        if self.counts_for_year and self.decided_on and not (
                self.decided_on.year - 1 <= self.counts_for_year <= self.decided_on.year):
            raise ValidationError({"counts_for_year": _(
                "Kỷ luật tính cho năm có quyết định, hoặc năm trước đó khi hành vi đã được tính "
                "khi xếp loại năm đó.")})


class PriorService(models.Model):
    """Months a member worked in a year at another agency before transferring here: they
    count towards the months worked in the year (Nghị định 90/2020, Điều 20: the new agency
    rates, with the old one's comments)."""

    union = models.ForeignKey(
        Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT, related_name="+",
    )
    member = models.ForeignKey(Member, verbose_name=_("đoàn viên"), on_delete=models.PROTECT,
                               related_name="prior_services")
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR_VALIDATORS)
    months = models.DecimalField(
        _("số tháng công tác ở cơ quan cũ trong năm"), max_digits=3, decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(12)])
    previous_agency = models.CharField(_("cơ quan cũ"), max_length=255)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    objects = MemberRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("thời gian công tác ở cơ quan cũ")
        verbose_name_plural = _("thời gian công tác ở cơ quan cũ")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["member", "year"], name="prior_service_once_a_year",
                                    violation_error_message=_(
                                        "Năm này đã ghi thời gian công tác ở cơ quan cũ.")),
        ]

    def __str__(self):
        return f"{self.member} – {self.year}: {self.months} tháng ({self.previous_agency})"

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
