"""The year-end steps after the self-assessment: the group's meeting, the board's proposals
for titles (candidacies), the council's meeting and secret ballots, and the decisions of the
bodies that decide, recorded by the board with their number, date and signer."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from emulation.models.agency import Council, CouncilSeat
from emulation.models.awards import AwardType, BallotBase, DecidingBody
from emulation.models.evaluations import Evaluation, EvaluationCycle
from union.models import RoleScopedQuerySet, Union, UnionGroup, UnionScopedQuerySet


class GroupMeetingQuerySet(RoleScopedQuerySet):
    """The board and the officers above read every group's meeting; a leader their own."""


class GroupMeeting(models.Model):
    """The tổ công đoàn's meeting that comments on its members and proposes their levels."""

    union = models.ForeignKey(Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT,
                              related_name="+")
    cycle = models.ForeignKey(EvaluationCycle, verbose_name=_("đợt đánh giá"),
                              on_delete=models.PROTECT,
                              related_name="group_meetings")
    group = models.ForeignKey(UnionGroup, verbose_name=_("tổ công đoàn"),
                              on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("ngày họp"))
    present = models.PositiveSmallIntegerField(_("số đoàn viên dự họp"))
    note = models.TextField(_("ý kiến chung của tổ"), blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = GroupMeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("cuộc họp tổ công đoàn")
        verbose_name_plural = _("cuộc họp tổ công đoàn")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "group"], name="group_meeting_one_per_cycle",
                                    violation_error_message=_("Tổ đã ghi cuộc họp của năm nay.")),
        ]

    def __str__(self):
        return _("Họp %(group)s ngày %(day)s") % {"group": self.group,
                                                   "day": self.held_on.strftime("%d/%m/%Y")}

    def get_absolute_url(self):
        return reverse("emulation:cycle-detail", args=[self.cycle_id])


class Decision(models.Model):
    """A decision of the body that decides, as the board recorded it.

    What it decided hangs on it: the levels (``Evaluation.level_decision``) or the titles
    (``Candidacy.decision``). ``document`` is the union's own register entry when the union's
    Ban Chấp hành issued it; the agency's decisions carry the number the agency gave them.
    """

    class Kind(models.TextChoices):
        RATING = "rating", _("Công nhận kết quả đánh giá, xếp loại chất lượng")
        TITLE = "title", _("Công nhận danh hiệu thi đua")

    union = models.ForeignKey(Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT,
                              related_name="+")
    cycle = models.ForeignKey(EvaluationCycle, verbose_name=_("đợt đánh giá"),
                              on_delete=models.PROTECT,
                              related_name="decisions")
    kind = models.CharField(_("loại quyết định"), max_length=10, choices=Kind.choices)
    award_type = models.ForeignKey(AwardType, verbose_name=_("danh hiệu"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    body = models.CharField(_("cấp quyết định"), max_length=15, choices=DecidingBody.choices)
    number = models.CharField(_("số quyết định"), max_length=50)
    decided_on = models.DateField(_("ngày quyết định"))
    signer_name = models.CharField(_("người ký"), max_length=150)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=150)
    scan = models.FileField(_("bản chụp quyết định"), upload_to="decisions/%Y/", blank=True)
    council_meeting = models.ForeignKey(
        "CouncilMeeting", verbose_name=_("cuộc họp Hội đồng đã xét"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="decisions")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người ghi"),
                                   null=True, editable=False,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("ghi lúc"), auto_now_add=True)

    objects = UnionScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("quyết định")
        verbose_name_plural = _("quyết định")
        ordering = ["decided_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="rating", award_type__isnull=True)
                | Q(kind="title", award_type__isnull=False),
                name="decision_title_has_award_type",
                violation_error_message=_("Quyết định công nhận danh hiệu cần chọn danh hiệu."),
            ),
        ]

    def __str__(self):
        return _("Quyết định số %(number)s ngày %(day)s") % {
            "number": self.number, "day": self.decided_on.strftime("%d/%m/%Y")}

    def get_absolute_url(self):
        return reverse("emulation:decision-detail", args=[self.pk])

    @property
    def subject(self):
        if self.kind == self.Kind.RATING:
            return _("Về việc công nhận kết quả đánh giá, xếp loại chất lượng năm %(year)s") % {
                "year": self.cycle.year}
        return _("Về việc công nhận danh hiệu “%(title)s” năm %(year)s") % {
            "title": self.award_type.name, "year": self.cycle.year}


class CandidacyQuerySet(RoleScopedQuerySet):
    scope_group = "evaluation__member__group"

    def own_rows(self, member):
        return Q(evaluation__member=member)


class Candidacy(models.Model):
    """A member the Ban Chấp hành proposes for a title in the year's evaluation.

    Then the council votes (``Ballot``) when the title needs it, and the body that decides
    the title decides (``decision``); the evaluation's title flags follow the decision.
    """

    union = models.ForeignKey(Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT,
                              related_name="+")
    evaluation = models.ForeignKey(Evaluation, verbose_name=_("phiếu đánh giá"),
                                   on_delete=models.CASCADE,
                                   related_name="candidacies")
    award_type = models.ForeignKey(AwardType, verbose_name=_("danh hiệu"),
                                   on_delete=models.PROTECT, related_name="+")
    decision = models.ForeignKey(Decision, verbose_name=_("quyết định"), null=True, blank=True,
                                 on_delete=models.PROTECT,
                                 related_name="candidacies")

    objects = CandidacyQuerySet.as_manager()

    class Meta:
        verbose_name = _("đề nghị danh hiệu")
        verbose_name_plural = _("đề nghị danh hiệu")
        ordering = ["award_type__order", "evaluation__member__name_key", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "award_type"],
                                    name="candidacy_one_per_title"),
        ]

    def __str__(self):
        return f"{self.award_type} – {self.evaluation.member}"


class CouncilMeeting(models.Model):
    """A meeting of the agency's council on the year's proposals."""

    union = models.ForeignKey(Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT,
                              related_name="+")
    cycle = models.ForeignKey(EvaluationCycle, verbose_name=_("đợt đánh giá"),
                              on_delete=models.PROTECT,
                              related_name="council_meetings")
    council = models.ForeignKey(Council, verbose_name=_("Hội đồng"), on_delete=models.PROTECT,
                                related_name="meetings")
    held_on = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    present = models.ManyToManyField(CouncilSeat, through="CouncilAttendance",
                                     verbose_name=_("thành viên có mặt"), related_name="+")
    opinions = models.TextField(_("ý kiến thảo luận"), blank=True)
    conclusions = models.TextField(_("kết luận của Chủ tịch Hội đồng"), blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = UnionScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("cuộc họp Hội đồng Thi đua – Khen thưởng")
        verbose_name_plural = _("cuộc họp Hội đồng Thi đua – Khen thưởng")
        ordering = ["held_on", "pk"]

    def __str__(self):
        return _("Họp Hội đồng Thi đua – Khen thưởng ngày %(day)s") % {
            "day": self.held_on.strftime("%d/%m/%Y")}

    def get_absolute_url(self):
        return reverse("emulation:meeting-detail", args=[self.pk])


class CouncilAttendance(models.Model):
    """A council seat present at a meeting (the join row, with its union)."""

    union = models.ForeignKey(Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT,
                              related_name="+")
    meeting = models.ForeignKey(CouncilMeeting, verbose_name=_("cuộc họp"),
                                on_delete=models.CASCADE, related_name="+")
    seat = models.ForeignKey(CouncilSeat, verbose_name=_("thành viên Hội đồng"),
                             on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "seat"], name="attendance_once"),
        ]

    def __str__(self):
        return f"{self.seat} – {self.meeting}"


class Ballot(models.Model):
    """The secret-ballot count for one candidacy at one council meeting.

    The threshold and what it is a share of are copied from the catalogue when the count is
    recorded, so that a later change of the catalogue does not rewrite a past meeting.
    """

    union = models.ForeignKey(Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT,
                              related_name="+")
    meeting = models.ForeignKey(CouncilMeeting, verbose_name=_("cuộc họp"),
                                on_delete=models.CASCADE, related_name="ballots")
    candidacy = models.ForeignKey(Candidacy, verbose_name=_("đề nghị danh hiệu"),
                                  on_delete=models.CASCADE, related_name="ballots")
    agree = models.PositiveSmallIntegerField(_("phiếu đồng ý"))
    valid = models.PositiveSmallIntegerField(_("phiếu hợp lệ"))
    members = models.PositiveSmallIntegerField(_("tổng số thành viên Hội đồng"),
                                               validators=[MinValueValidator(1)])
    threshold_percent = models.DecimalField(_("tỷ lệ tối thiểu (%)"), max_digits=5,
                                            decimal_places=2)
    base = models.CharField(_("tính trên"), max_length=10, choices=BallotBase.choices)

    objects = UnionScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("kết quả bỏ phiếu")
        verbose_name_plural = _("kết quả bỏ phiếu")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "candidacy"], name="ballot_once"),
            models.CheckConstraint(condition=Q(agree__lte=models.F("valid"),
                                               valid__lte=models.F("members")),
                                   name="ballot_counts_in_order",
                                   violation_error_message=_(
                                       "Phiếu đồng ý ≤ phiếu hợp lệ ≤ số thành viên.")),
        ]

    def __str__(self):
        return f"{self.candidacy}: {self.agree}/{self.valid}/{self.members}"

    @property
    def denominator(self) -> int:
        return self.members if self.base == BallotBase.MEMBERS else self.valid

    @property
    def share(self):
        """Agreeing votes in percent of the base, one decimal; None when the base is 0."""
        return round(100 * self.agree / self.denominator, 1) if self.denominator else None

    @property
    def passed(self) -> bool:
        # Integers compared, so that 7 of 10 passes a 70 % threshold exactly.
        return self.denominator > 0 and (
            self.agree * 100 >= self.threshold_percent * self.denominator)
