"""The agency the union belongs to, its head and deputies over time, and its emulation council.

The union is not the employer: the agency head (Thủ trưởng; for a provincial department the
Giám đốc Sở) rates the staff and decides the state titles, on the advice of the agency's Hội
đồng Thi đua – Khen thưởng (Luật Thi đua, khen thưởng 2022, Điều 80 khoản 1; DOMAIN.md "Who
decides"). The union records who held those seats and when, so that a decision of 2019 names
the head of 2019.
"""

from datetime import date
from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plans.models.plans import YEAR_VALIDATORS
from union.models import Member, Union, UnionScopedQuerySet


class Agency(models.Model):
    """Cơ quan, đơn vị: the employer the CĐCS is set up in (one per union)."""

    union = models.OneToOneField(Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT,
                                 related_name="agency_record")
    name = models.CharField(_("tên cơ quan"), max_length=255,
                            help_text=_("Ví dụ: Sở Thông tin và Truyền thông tỉnh Gia Lai"))
    letterhead_name = models.CharField(
        _("tên cơ quan trên tiêu đề văn bản"), max_length=255,
        help_text=_("Dòng 2 tiêu đề văn bản của cơ quan, ví dụ: SỞ THÔNG TIN VÀ TRUYỀN THÔNG"))
    superior_name = models.CharField(
        _("cơ quan cấp trên"), max_length=255,
        help_text=_("Dòng 1 tiêu đề văn bản của cơ quan, và là nơi đánh giá, xếp loại người "
                    "đứng đầu; ví dụ: Ủy ban nhân dân tỉnh Gia Lai"))
    document_code = models.CharField(
        _("ký hiệu văn bản của cơ quan"), max_length=30,
        help_text=_("Ví dụ: STTTT, trong số “125/QĐ-STTTT”"))
    place_name = models.CharField(_("địa danh ghi trên văn bản"), max_length=100)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = UnionScopedQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("emulation:agency", args=[self.union_id])

    def head_on(self, day: date):
        """The head (Thủ trưởng) in office on ``day``, or None."""
        return self.leaders.in_office(day).filter(role=AgencyLeader.Role.HEAD).first()


class AgencyLeaderQuerySet(UnionScopedQuerySet):
    def in_office(self, day: date):
        return self.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=day), started_on__lte=day)


class AgencyLeader(models.Model):
    """The head or a deputy head of the agency, for a period."""

    class Role(models.TextChoices):
        HEAD = "head", _("Thủ trưởng")
        DEPUTY = "deputy", _("Cấp phó")

    union = models.ForeignKey(Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT,
                              related_name="+")
    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT,
                               related_name="leaders")
    role = models.CharField(_("vị trí"), max_length=10, choices=Role.choices)
    title = models.CharField(_("chức vụ"), max_length=100,
                             help_text=_("Ví dụ: Giám đốc, Phó Giám đốc"))
    full_name = models.CharField(_("họ và tên"), max_length=150)
    member = models.ForeignKey(
        Member, verbose_name=_("là đoàn viên"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", help_text=_("Chọn khi người này sinh hoạt ở công đoàn cơ sở."))
    started_on = models.DateField(_("từ ngày"))
    ended_on = models.DateField(_("đến ngày"), null=True, blank=True)

    objects = AgencyLeaderQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lãnh đạo cơ quan")
        verbose_name_plural = _("lãnh đạo cơ quan")
        ordering = ["role", "-started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="agency_leader_ends_after_start",
                violation_error_message=_("Ngày kết thúc không thể trước ngày bắt đầu."),
            ),
        ]

    def __str__(self):
        return f"{self.title} {self.full_name}"

    def get_absolute_url(self):
        return reverse("emulation:agency", args=[self.union_id]) + f"#leader-{self.pk}"


class Council(models.Model):
    """Hội đồng Thi đua – Khen thưởng of the agency, as set up for one year."""

    union = models.ForeignKey(Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT,
                              related_name="+")
    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT,
                               related_name="councils")
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR_VALIDATORS)
    established_by = models.CharField(
        _("quyết định thành lập, kiện toàn"), max_length=255, blank=True,
        help_text=_("Ví dụ: Quyết định số 12/QĐ-STTTT ngày 15/01/2019 của Giám đốc Sở"))
    quorum_percent = models.DecimalField(
        _("số thành viên tối thiểu có mặt để họp (%)"), max_digits=5, decimal_places=2,
        default=Decimal("66.66"),
        help_text=_("Theo quy chế hoạt động của Hội đồng; thường là 2/3 (66,66%)."))
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = UnionScopedQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Hội đồng Thi đua – Khen thưởng")
        verbose_name_plural = _("Hội đồng Thi đua – Khen thưởng")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["union", "year"], name="council_one_per_union_year",
                violation_error_message=_("Năm này đã có Hội đồng Thi đua – Khen thưởng."),
            ),
        ]

    def __str__(self):
        return _("Hội đồng Thi đua – Khen thưởng năm %(year)s") % {"year": self.year}

    def get_absolute_url(self):
        return reverse("emulation:council-detail", args=[self.pk])


class CouncilSeat(models.Model):
    """A seat on the council: chair (the head), vice-chair (often the union chair), member,
    or secretary. A secretary who is not a member does not vote."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chủ tịch Hội đồng")
        VICE_CHAIR = "vice_chair", _("Phó Chủ tịch Hội đồng")
        MEMBER = "member", _("Ủy viên")
        SECRETARY = "secretary", _("Ủy viên, Thư ký")

    union = models.ForeignKey(Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT,
                              related_name="+")
    council = models.ForeignKey(Council, verbose_name=_("Hội đồng"), on_delete=models.CASCADE,
                                related_name="seats")
    role = models.CharField(_("vị trí"), max_length=12, choices=Role.choices)
    full_name = models.CharField(_("họ và tên"), max_length=150)
    position = models.CharField(_("chức vụ"), max_length=200,
                                help_text=_("Ví dụ: Giám đốc Sở; Chủ tịch Công đoàn cơ sở"))
    member = models.ForeignKey(Member, verbose_name=_("là đoàn viên"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    votes = models.BooleanField(_("có quyền biểu quyết"), default=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    objects = UnionScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("thành viên Hội đồng")
        verbose_name_plural = _("thành viên Hội đồng")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["council"], condition=Q(role="chair"), name="council_one_chair",
                violation_error_message=_("Hội đồng chỉ có một Chủ tịch."),
            ),
        ]

    def __str__(self):
        return f"{self.full_name} – {self.get_role_display()}"
