from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from plans.models.plans import YEAR_VALIDATORS
from union.models import Member, Union, UnionGroup, UnionScopedQuerySet


class AwardType(models.Model):
    """A title (danh hiệu) or a form of reward (hình thức), in the union's own catalogue.

    The names and levels change with the rules (QĐ 1689/QĐ-TLĐ 2019, QĐ 999/QĐ-TLĐ 2024), so
    they are data the board edits; ``code`` marks the few titles the evaluation reasons about.
    """

    class Kind(models.TextChoices):
        TITLE = "title", _("Danh hiệu thi đua")
        FORM = "form", _("Hình thức khen thưởng")

    class Recipient(models.TextChoices):
        INDIVIDUAL = "individual", _("Cá nhân")
        COLLECTIVE = "collective", _("Tập thể")

    class Level(models.TextChoices):
        GRASSROOTS = "grassroots", _("Cơ sở")
        UPPER = "upper", _("Công đoàn cấp trên")
        PROVINCE = "province", _("Tỉnh")
        NATIONAL = "national", _("Trung ương")

    class Scope(models.TextChoices):
        OVERALL = "overall", _("Toàn diện")
        TOPICAL = "topical", _("Chuyên đề")

    # The titles the year-end evaluation decides; other entries have no code.
    LDTT, CSTDCS, DVCDXS, STRONG_GROUP = "ldtt", "cstdcs", "dvcdxs", "tcdvm"

    union = models.ForeignKey(
        Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT, related_name="+",
    )
    code = models.CharField(_("mã"), max_length=20, blank=True)
    name = models.CharField(_("tên"), max_length=200)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    recipient = models.CharField(_("đối tượng"), max_length=12, choices=Recipient.choices)
    level = models.CharField(_("cấp khen"), max_length=12, choices=Level.choices)
    scope = models.CharField(_("phạm vi"), max_length=10, choices=Scope.choices,
                             default=Scope.OVERALL)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    objects = UnionScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("danh hiệu, hình thức khen thưởng")
        verbose_name_plural = _("danh mục khen thưởng")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["union", "code"], condition=~Q(code=""), name="award_type_unique_code",
                violation_error_message=_("Mã này đã có trong danh mục."),
            ),
            models.UniqueConstraint(
                fields=["union", "name"], name="award_type_unique_name",
                violation_error_message=_("Danh mục đã có tên này."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("emulation:awardtype-list", args=[self.union_id]) + f"#type-{self.pk}"


class Award(models.Model):
    """A title or reward given to a member or a group, with its decision.

    The decision number, date and issuing body are kept: higher titles later ask for them
    (three CSTĐCS in a row → CSTĐ cấp tỉnh).
    """

    union = models.ForeignKey(
        Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT, related_name="+",
    )
    award_type = models.ForeignKey(
        AwardType, verbose_name=_("danh hiệu, hình thức"), on_delete=models.PROTECT,
        related_name="awards",
    )
    member = models.ForeignKey(
        Member, verbose_name=_("cá nhân"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="awards",
    )
    group = models.ForeignKey(
        UnionGroup, verbose_name=_("tập thể (tổ công đoàn)"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="awards",
    )
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR_VALIDATORS)
    achievement = models.CharField(_("thành tích"), max_length=500)
    decision_number = models.CharField(_("số quyết định"), max_length=50)
    decision_date = models.DateField(_("ngày quyết định"))
    issuer = models.CharField(_("cơ quan quyết định"), max_length=255)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = UnionScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("khen thưởng")
        verbose_name_plural = _("khen thưởng")
        ordering = ["-year", "-decision_date", "pk"]
        indexes = [models.Index(fields=["union", "year"], name="award_union_year_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(member__isnull=True, group__isnull=False)
                | Q(member__isnull=False, group__isnull=True),
                name="award_one_recipient",
                violation_error_message=_("Chọn một cá nhân hoặc một tập thể."),
            ),
        ]

    def __str__(self):
        return f"{self.award_type} – {self.recipient} ({self.year})"

    def get_absolute_url(self):
        return reverse("emulation:award-edit", args=[self.pk])

    @property
    def recipient(self):
        return self.member or self.group
