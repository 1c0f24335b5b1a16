from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from emulation.models.awards import AwardType
from plans.models.plans import YEAR_VALIDATORS
from union.models import Member, RoleScopedQuerySet, Union, UnionGroup, UnionScopedQuerySet


class Movement(models.Model):
    """Phong trào thi đua (or cuộc vận động) of one year, with its registration window."""

    union = models.ForeignKey(
        Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT, related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR_VALIDATORS)
    name = models.CharField(_("tên phong trào"), max_length=255)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    content = models.TextField(_("nội dung"), blank=True)
    criteria = models.TextField(_("tiêu chí"), blank=True)
    registration_opens = models.DateField(_("mở đăng ký thi đua từ"))
    registration_closes = models.DateField(_("hạn đăng ký thi đua"))
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = UnionScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["union", "year", "name"], name="movement_unique_name_year",
                violation_error_message=_("Năm này đã có phong trào mang tên này."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="movement_ends_after_start",
                violation_error_message=_("Ngày kết thúc không thể trước ngày bắt đầu."),
            ),
            models.CheckConstraint(
                condition=Q(registration_closes__gte=F("registration_opens")),
                name="movement_registration_window",
                violation_error_message=_("Hạn đăng ký không thể trước ngày mở đăng ký."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.year})"

    def get_absolute_url(self):
        return reverse("emulation:movement-detail", args=[self.pk])

    def is_open_on(self, day):
        return self.registration_opens <= day <= self.registration_closes


class RegistrationQuerySet(RoleScopedQuerySet):
    """The board and officers read all; a leader their group's and its members'; a member
    their own."""

    def own_rows(self, member):
        led = UnionGroup.objects.active().filter(Q(leader=member) | Q(deputy=member))
        return Q(member=member) | Q(member__group__in=led.values("pk"))

    def approved(self):
        return self.filter(status=Registration.Status.APPROVED)


class Registration(models.Model):
    """Đăng ký thi đua: a member's (or a group's) titles aimed at and targets for the year."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Chờ duyệt")
        APPROVED = "approved", _("Đã duyệt")
        RETURNED = "returned", _("Trả lại")

    union = models.ForeignKey(
        Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT, related_name="+",
    )
    movement = models.ForeignKey(Movement, verbose_name=_("phong trào"), on_delete=models.PROTECT,
                                 related_name="registrations")
    member = models.ForeignKey(Member, verbose_name=_("đoàn viên"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="registrations")
    group = models.ForeignKey(UnionGroup, verbose_name=_("tổ công đoàn"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="registrations")
    titles = models.ManyToManyField(AwardType, verbose_name=_("danh hiệu đăng ký"),
                                    related_name="+", through="RegistrationTitle")
    targets = models.TextField(_("chỉ tiêu, cam kết"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices,
                              default=Status.SUBMITTED)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    submitted_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        ordering = ["group__name", "member__name_key", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(member__isnull=True, group__isnull=False)
                | Q(member__isnull=False, group__isnull=True),
                name="registration_one_registrant",
            ),
            models.UniqueConstraint(
                fields=["movement", "member"], condition=Q(member__isnull=False),
                name="registration_one_per_member",
                violation_error_message=_("Đoàn viên này đã đăng ký phong trào này."),
            ),
            models.UniqueConstraint(
                fields=["movement", "group"], condition=Q(group__isnull=False),
                name="registration_one_per_group",
                violation_error_message=_("Tổ này đã đăng ký phong trào này."),
            ),
        ]

    def __str__(self):
        return f"{self.registrant} – {self.movement}"

    def get_absolute_url(self):
        return reverse("emulation:movement-detail", args=[self.movement_id]) + f"#reg-{self.pk}"

    @property
    def registrant(self):
        return self.member or self.group


class InitiativeQuerySet(UnionScopedQuerySet):
    def recognised(self):
        return self.filter(status=Initiative.Status.RECOGNISED)


class Initiative(models.Model):
    """Sáng kiến, with the initiative council's decision once it has met."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Chờ hội đồng xét")
        RECOGNISED = "recognised", _("Được công nhận")
        NOT_RECOGNISED = "not_recognised", _("Không công nhận")

    union = models.ForeignKey(
        Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT, related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR_VALIDATORS)
    title = models.CharField(_("tên sáng kiến"), max_length=255)
    description = models.TextField(_("mô tả"))
    effect = models.TextField(_("hiệu quả"), blank=True)
    value_vnd = models.BigIntegerField(
        _("giá trị làm lợi (đồng)"), null=True, blank=True, validators=[MinValueValidator(0)],
    )
    authors = models.ManyToManyField(Member, verbose_name=_("tác giả"),
                                     related_name="initiatives", through="InitiativeAuthor")
    status = models.CharField(_("kết quả xét"), max_length=15, choices=Status.choices,
                              default=Status.SUBMITTED)
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=50, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    council_note = models.TextField(_("ý kiến hội đồng"), blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")
        ordering = ["-year", "title"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="recognised")
                | (~Q(decision_number="") & Q(decision_date__isnull=False)),
                name="initiative_recognised_has_decision",
                violation_error_message=_("Sáng kiến được công nhận cần số và ngày quyết định."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("emulation:initiative-detail", args=[self.pk])


class RegistrationTitle(models.Model):
    """A title a registration aims at: the join row, with its union like every tenant row."""

    union = models.ForeignKey(
        Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT, related_name="+",
    )
    registration = models.ForeignKey(
        Registration, verbose_name=_("bản đăng ký"), on_delete=models.CASCADE, related_name="+",
    )
    awardtype = models.ForeignKey(
        AwardType, verbose_name=_("danh hiệu, hình thức"), on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("danh hiệu đăng ký")
        verbose_name_plural = _("danh hiệu đăng ký")
        db_table = "emulation_registration_titles"
        unique_together = [("registration", "awardtype")]

    def __str__(self):
        return f"{self.registration} – {self.awardtype}"


class InitiativeAuthor(models.Model):
    """An author of an initiative (the join row, with its union)."""

    union = models.ForeignKey(
        Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT, related_name="+",
    )
    initiative = models.ForeignKey(
        Initiative, verbose_name=_("sáng kiến"), on_delete=models.CASCADE, related_name="+",
    )
    member = models.ForeignKey(
        Member, verbose_name=_("đoàn viên"), on_delete=models.CASCADE, related_name="+",
    )

    class Meta:
        verbose_name = _("tác giả sáng kiến")
        verbose_name_plural = _("tác giả sáng kiến")
        db_table = "emulation_initiative_authors"
        unique_together = [("initiative", "member")]

    def __str__(self):
        return f"{self.initiative} – {self.member}"
