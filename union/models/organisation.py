from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Replace
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from union.names import fold, full_name, name_sort_key, normalize_name


class UnionQuerySet(models.QuerySet):
    def for_user(self, user):
        """The unions this user may read: their own, and those under a union they serve."""
        from union.permissions import access_for

        access = access_for(user)
        if access.is_admin:
            return self
        if access.member is None:
            return self.none()
        condition = Q(pk=access.member.union_id)
        if access.oversees_path:
            condition |= Q(path__startswith=access.oversees_path)
        return self.filter(condition)


class Union(models.Model):
    """A grassroots union (CĐCS), or an upper-level union when others hang under it."""

    name = models.CharField(_("tên công đoàn"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=100)
    agency = models.CharField(_("cơ quan, đơn vị"), max_length=255, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("công đoàn cấp trên"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    # "/1/5/": the ids from the top down, so that a whole subtree is one prefix query.
    path = models.CharField(
        _("đường dẫn trong cây công đoàn"), max_length=255, editable=False, db_index=True,
    )
    upper_union_name = models.CharField(
        _("dòng 1 tiêu đề văn bản (công đoàn cấp trên)"), max_length=255, blank=True,
    )
    letterhead_name = models.CharField(
        _("dòng 2 tiêu đề văn bản (tên công đoàn cơ sở)"), max_length=255, blank=True,
    )
    place_name = models.CharField(_("địa danh ghi trên văn bản"), max_length=100, blank=True)
    document_code = models.CharField(_("ký hiệu văn bản"), max_length=30, default="CĐCS")
    excellence_quota_percent = models.DecimalField(
        _("tỷ lệ tối đa HTXSNV so với HTTNV (%)"), max_digits=5, decimal_places=2, default=20,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    check_deadline_day = models.PositiveSmallIntegerField(
        _("hạn nộp phiếu kiểm tra (ngày của tháng sau)"), default=5,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_("Phiếu kiểm tra của một tháng nộp Ban Chấp hành chậm nhất vào ngày này của "
                    "tháng sau. Đến hết ngày đó, tháng cần kiểm tra vẫn là tháng trước: trang "
                    "chủ, bảng theo dõi và lời nhắc đều hỏi phiếu tháng trước."),
    )

    objects = UnionQuerySet.as_manager()

    class Meta:
        verbose_name = _("công đoàn")
        verbose_name_plural = _("công đoàn")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(excellence_quota_percent__gte=0, excellence_quota_percent__lte=100),
                name="union_quota_between_0_and_100",
                violation_error_message=_("Tỷ lệ phải từ 0 đến 100%."),
            ),
            models.CheckConstraint(
                condition=Q(check_deadline_day__gte=1, check_deadline_day__lte=28),
                name="union_check_deadline_day_1_to_28",
                violation_error_message=_("Hạn nộp phiếu kiểm tra phải từ ngày 1 đến ngày 28."),
            ),
        ]

    def __str__(self):
        return self.short_name or self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        path = f"{self.parent.path if self.parent else '/'}{self.pk}/"
        if path != self.path:
            # Moving a union moves the unions under it: rewrite the prefix of the subtree.
            subtree = Union.objects.filter(path__startswith=self.path) if self.path else None
            Union.objects.filter(pk=self.pk).update(path=path)
            if subtree is not None:
                subtree.exclude(pk=self.pk).update(
                    path=Replace("path", Value(self.path), Value(path))
                )
            self.path = path

    def get_absolute_url(self):
        return reverse("union:union-detail", args=[self.pk])

    def clean(self):
        if self.parent_id and self.pk and self.parent.path.startswith(self.path or "\0"):
            raise ValidationError(
                {"parent": _("Công đoàn cấp trên không thể là chính nó hoặc một công đoàn "
                             "trực thuộc nó.")}
            )

    def current_term(self, today=None):
        return self.terms.current(today).first()


class UnionScopedQuerySet(models.QuerySet):
    """Rows of the unions the user may read; their union decides who sees them."""

    def for_user(self, user):
        return self.filter(union__in=Union.objects.for_user(user))


class TermQuerySet(UnionScopedQuerySet):
    def current(self, today=None):
        """The term in force: the latest one that has started."""
        today = today or timezone.localdate()
        return self.filter(start_date__lte=today).order_by("-start_date")


class Term(models.Model):
    """Nhiệm kỳ of the board, e.g. Khóa IV 2017–2022."""

    union = models.ForeignKey(
        Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT, related_name="terms",
    )
    name = models.CharField(_("khóa"), max_length=50)
    start_date = models.DateField(_("ngày bắt đầu"))
    end_date = models.DateField(_("ngày kết thúc (dự kiến)"))

    objects = TermQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhiệm kỳ")
        verbose_name_plural = _("nhiệm kỳ")
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["union", "name"], name="term_unique_name_per_union",
                violation_error_message=_("Đã có nhiệm kỳ mang tên này."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__gt=models.F("start_date")), name="term_ends_after_start",
                violation_error_message=_("Ngày kết thúc phải sau ngày bắt đầu."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.start_date.year}–{self.end_date.year})"

    def get_absolute_url(self):
        return reverse("union:board", args=[self.union_id]) + f"#term-{self.pk}"


class UnionGroupQuerySet(UnionScopedQuerySet):
    def active(self):
        return self.filter(is_active=True)


class UnionGroup(models.Model):
    """Tổ công đoàn, with its leader (tổ trưởng) and deputy (tổ phó)."""

    union = models.ForeignKey(
        Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT, related_name="groups",
    )
    name = models.CharField(_("tên tổ"), max_length=150)
    description = models.TextField(_("ghi chú"), blank=True)
    leader = models.ForeignKey(
        "Member", verbose_name=_("tổ trưởng"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    deputy = models.ForeignKey(
        "Member", verbose_name=_("tổ phó"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = UnionGroupQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("tổ công đoàn")
        verbose_name_plural = _("tổ công đoàn")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["union", "name"], name="group_unique_name_per_union",
                violation_error_message=_("Đã có tổ công đoàn mang tên này."),
            ),
            models.CheckConstraint(
                condition=Q(leader__isnull=True) | ~Q(leader=models.F("deputy")),
                name="group_leader_is_not_deputy",
                violation_error_message=_("Tổ phó phải khác tổ trưởng."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("union:group-detail", args=[self.pk])


def role_scope(user, *, own=None, group="group", union="union"):
    """What a user's roles let them read of a union's people-related rows, as a Q.

    ``own(member)`` is the condition for the user's own rows; ``group`` and ``union`` name
    the paths to the row's group and union. ``None`` means everything (an administrator).
    The board reads its union; a group leader their groups; an officer the unions below.
    """
    from union.permissions import access_for

    access = access_for(user)
    if access.is_admin:
        return None
    if access.member is None:
        return Q(pk__in=[])
    condition = own(access.member) if own else Q(pk__in=[])
    if access.board_union_id:
        condition |= Q(**{f"{union}_id": access.board_union_id})
    if access.led_group_ids:
        condition |= Q(**{f"{group}_id__in": access.led_group_ids,
                          f"{union}_id": access.member.union_id})
    if access.oversees_path:
        condition |= Q(**{f"{union}__path__startswith": access.oversees_path}) & ~Q(
            **{f"{union}_id": access.member.union_id}
        )
    return condition


class RoleScopedQuerySet(models.QuerySet):
    """Rows filtered by ``role_scope``; ``own_rows`` says which rows are the user's own."""

    scope_group = "group"

    def own_rows(self, member):
        return Q(pk__in=[])

    def for_user(self, user):
        condition = role_scope(user, own=self.own_rows, group=self.scope_group)
        return self if condition is None else self.filter(condition)


class MemberQuerySet(RoleScopedQuerySet):
    def own_rows(self, member):
        return Q(pk=member.pk)

    def active(self):
        return self.filter(status=Member.Status.ACTIVE)

    def in_group(self, group):
        return self.filter(group=group)

    def in_name_order(self):
        return self.order_by("name_key", "pk")

    def search(self, text):
        return self.filter(name_search__contains=fold(text).strip())


class Member(models.Model):
    """Đoàn viên công đoàn: a person of the union; never deleted once they have a history."""

    class Gender(models.TextChoices):
        MALE = "male", _("Nam")
        FEMALE = "female", _("Nữ")

    class EmploymentType(models.TextChoices):
        CIVIL_SERVANT = "cong_chuc", _("Công chức")
        PUBLIC_EMPLOYEE = "vien_chuc", _("Viên chức")
        CONTRACT = "hop_dong", _("Hợp đồng lao động")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Đang sinh hoạt")
        TRANSFERRED = "transferred", _("Chuyển công tác")
        RETIRED = "retired", _("Nghỉ hưu")
        LEFT = "left", _("Thôi sinh hoạt")

    union = models.ForeignKey(
        Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT, related_name="members",
    )
    group = models.ForeignKey(
        UnionGroup, verbose_name=_("tổ công đoàn"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="members",
    )
    family_name = models.CharField(_("họ"), max_length=50)
    middle_name = models.CharField(_("chữ đệm"), max_length=100, blank=True)
    given_name = models.CharField(_("tên"), max_length=50)
    name_key = models.CharField(_("khóa sắp xếp tên"), max_length=255, editable=False)
    name_search = models.CharField(_("tên để tìm kiếm"), max_length=255, editable=False)
    gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices)
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    employment_type = models.CharField(
        pgettext_lazy("member", "đối tượng"), max_length=20, choices=EmploymentType.choices,
        default=EmploymentType.PUBLIC_EMPLOYEE,
    )
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    department = models.CharField(_("phòng, đơn vị"), max_length=150, blank=True)
    joined_union_on = models.DateField(_("ngày vào công đoàn"), null=True, blank=True)
    started_at_agency = models.DateField(
        _("ngày bắt đầu công tác tại cơ quan"), null=True, blank=True,
        help_text=_("Thời gian làm việc trong năm để xếp loại tính từ ngày này (để trống: tính "
                    "từ ngày vào công đoàn)."))
    card_number = models.CharField(
        _("số thẻ đoàn viên"), max_length=30, unique=True, null=True, blank=True,
    )
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=Status.choices, default=Status.ACTIVE,
    )
    status_changed_on = models.DateField(_("ngày thay đổi tình trạng"), null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("tài khoản đăng nhập"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="member",
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = MemberQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["name_key", "name_search", "updated_at"])

    class Meta:
        verbose_name = _("đoàn viên")
        verbose_name_plural = _("đoàn viên")
        ordering = ["name_key", "pk"]
        indexes = [
            models.Index(fields=["union", "name_key"], name="member_union_name_idx"),
            models.Index(fields=["union", "group", "name_key"], name="member_group_name_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="active") | Q(status_changed_on__isnull=False),
                name="member_left_has_date",
                violation_error_message=_("Cần ghi ngày thay đổi tình trạng."),
            ),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.family_name = normalize_name(self.family_name)
        self.middle_name = normalize_name(self.middle_name)
        self.given_name = normalize_name(self.given_name)
        self.name_key = name_sort_key(
            family_name=self.family_name, middle_name=self.middle_name, given_name=self.given_name,
        )
        self.name_search = fold(self.full_name)
        if update_fields := kwargs.get("update_fields"):
            kwargs["update_fields"] = {*update_fields, "name_key", "name_search", "updated_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("union:member-detail", args=[self.pk])

    @property
    def full_name(self):
        return full_name(self.family_name, self.middle_name, self.given_name)

    @property
    def is_active(self):
        return self.status == self.Status.ACTIVE

    def age_on(self, day: date):
        if not self.date_of_birth:
            return None
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class BoardMembershipQuerySet(UnionScopedQuerySet):
    def serving(self):
        return self.filter(ended_on__isnull=True)

    def in_current_term(self, union, today=None):
        return self.filter(term__in=Term.objects.filter(union=union).current(today)[:1])

    def in_rank_order(self):
        """Chủ tịch, then phó chủ tịch, then ủy viên; each in Vietnamese name order."""
        rank = models.Case(
            *(models.When(position=p, then=i) for i, p in enumerate(BoardMembership.Position)),
        )
        return self.order_by(rank, "member__name_key")


class BoardMembership(models.Model):
    """A seat on the board (BCH) for one term."""

    class Position(models.TextChoices):
        CHAIR = "chair", _("Chủ tịch")
        VICE_CHAIR = "vice_chair", _("Phó Chủ tịch")
        MEMBER = "member", _("Ủy viên BCH")

    union = models.ForeignKey(
        Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT,
        related_name="board_memberships",
    )
    term = models.ForeignKey(
        Term, verbose_name=_("nhiệm kỳ"), on_delete=models.PROTECT, related_name="memberships",
    )
    member = models.ForeignKey(
        Member, verbose_name=_("đoàn viên"), on_delete=models.PROTECT,
        related_name="board_memberships",
    )
    position = models.CharField(_("chức danh"), max_length=20, choices=Position.choices)
    ended_on = models.DateField(_("thôi giữ chức từ ngày"), null=True, blank=True)

    objects = BoardMembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ủy viên Ban Chấp hành")
        verbose_name_plural = _("Ban Chấp hành")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "member"], name="board_one_seat_per_term",
                violation_error_message=_("Đoàn viên này đã có trong BCH nhiệm kỳ này."),
            ),
            models.UniqueConstraint(
                fields=["term"], condition=Q(position="chair", ended_on__isnull=True),
                name="board_one_chair_per_term",
                violation_error_message=_("Nhiệm kỳ này đã có Chủ tịch đương nhiệm."),
            ),
        ]

    def __str__(self):
        return f"{self.get_position_display()} {self.member} – {self.term.name}"

    def get_absolute_url(self):
        return reverse("union:boardmembership-detail", args=[self.pk])
