from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from plans.models.plans import YEAR_VALIDATORS
from union.models import Member, Union, UnionGroup, UnionScopedQuerySet


class DecidingBody(models.TextChoices):
    """Who decides a title or a form of reward (DOMAIN.md "Who decides"). The union records
    the decisions of the others; it decides only through its own Ban Chấp hành."""

    AGENCY_HEAD = "agency_head", _("Thủ trưởng cơ quan")
    SUPERIOR = "superior", _("Cấp trên của cơ quan")
    UNION_BOARD = "union_board", _("Ban Chấp hành công đoàn cơ sở")
    UPPER_UNION = "upper_union", _("Ban Chấp hành công đoàn cấp trên")
    FEDERATION = "federation", _("Ban Chấp hành Liên đoàn Lao động tỉnh")
    PROVINCE = "province", _("Chủ tịch Ủy ban nhân dân tỉnh")
    CONFEDERATION = "confederation", _("Tổng Liên đoàn Lao động Việt Nam")


class BallotBase(models.TextChoices):
    """What a ballot threshold is a share of."""

    MEMBERS = "members", _("tổng số thành viên Hội đồng")
    VALID = "valid", _("số phiếu hợp lệ")


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
    # State titles: the law says who decides them (Luật Thi đua, khen thưởng 2022, Điều 80
    # khoản 1), so the union cannot move them to another body in its catalogue.
    STATE_TITLES = {LDTT: DecidingBody.AGENCY_HEAD, CSTDCS: DecidingBody.AGENCY_HEAD}

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
    decided_by = models.CharField(_("cấp quyết định"), max_length=15,
                                  choices=DecidingBody.choices)
    proposed_by = models.CharField(_("cấp đề nghị"), max_length=255, blank=True)
    needs_ballot = models.BooleanField(
        _("Hội đồng Thi đua – Khen thưởng bỏ phiếu kín"), default=False)
    ballot_threshold_percent = models.DecimalField(
        _("tỷ lệ phiếu đồng ý tối thiểu (%)"), max_digits=5, decimal_places=2, default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)])
    ballot_base = models.CharField(_("tính trên"), max_length=10, choices=BallotBase.choices,
                                   default=BallotBase.MEMBERS)
    source = models.CharField(_("căn cứ"), max_length=255, blank=True)
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
    (three CSTĐCS in a row → CSTĐ cấp tỉnh). The achievement is told by its kind and period
    (and its movement), which is how "one achievement, one reward" tells two apart.
    """

    class AchievementKind(models.TextChoices):
        YEAR = "year", _("Thành tích cả năm")
        MOVEMENT = "movement", _("Thành tích trong phong trào, đợt thi đua")
        TOPIC = "topic", _("Tổng kết chuyên đề")
        ONE_OFF = "one_off", _("Khen thưởng đột xuất")
        PERIOD = "period", _("Thành tích nhiều năm (giai đoạn, nhiệm kỳ)")

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
    achievement_kind = models.CharField(_("loại thành tích"), max_length=10,
                                        choices=AchievementKind.choices,
                                        default=AchievementKind.YEAR)
    movement = models.ForeignKey("emulation.Movement", verbose_name=_("phong trào thi đua"),
                                 null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="awards")
    period_start = models.DateField(_("thành tích từ ngày"), null=True, blank=True)
    period_end = models.DateField(_("đến ngày"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=50)
    decision_date = models.DateField(_("ngày quyết định"))
    body = models.CharField(_("cấp quyết định"), max_length=15, choices=DecidingBody.choices)
    issuer = models.CharField(_("người, cơ quan ký quyết định"), max_length=255)
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
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="award_period_in_order",
                violation_error_message=_("Thời gian thành tích: ngày kết thúc không thể trước "
                                          "ngày bắt đầu."),
            ),
        ]

    def __str__(self):
        return f"{self.award_type} – {self.recipient} ({self.year})"

    def get_absolute_url(self):
        return reverse("emulation:award-edit", args=[self.pk])

    @property
    def recipient(self):
        return self.member or self.group
