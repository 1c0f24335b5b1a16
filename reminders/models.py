from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from union.models import Member, Union
from union.reminders import ReminderSettings


class Kind(models.TextChoices):
    """Every reminder rule, named by what it reminds of."""

    TASK_DUE = "task_due", _("Nhiệm vụ sắp đến hạn")
    TASK_OVERDUE = "task_overdue", _("Nhiệm vụ quá hạn")
    TASK_ESCALATED = "task_escalated", _("Nhiệm vụ quá hạn lâu (báo Chủ tịch)")
    CHECK_MISSING = "check_missing", _("Phiếu kiểm tra tháng cần nộp")
    CHECK_LATE = "check_late", _("Phiếu kiểm tra tháng quá hạn nộp")
    CHECK_UNCONFIRMED = "check_unconfirmed", _("Phiếu kiểm tra chờ xác nhận")
    REGISTRATION_OPEN = "registration_open", _("Đang mở đăng ký thi đua")
    EVALUATION_SELF = "evaluation_self", _("Hạn tự đánh giá cuối năm")
    EVALUATION_PROPOSAL = "evaluation_proposal", _("Hạn tổ đề xuất xếp loại")
    EVALUATION_DECISION = "evaluation_decision", _("Hạn BCH đề xuất xếp loại")


class ReminderSetting(models.Model):
    """A union's choices: how many days ahead, when to escalate, which rules run. The monthly
    check's deadline is the union's own (``Union.check_deadline_day``), not a reminder
    setting: the reminders, the dashboards and the leader's home ask by the same day."""

    union = models.OneToOneField(
        Union, verbose_name=_("công đoàn"), on_delete=models.CASCADE, related_name="+",
    )
    task_due_days = models.PositiveSmallIntegerField(
        _("nhắc trước hạn nhiệm vụ (ngày)"), default=3,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    overdue_escalate_days = models.PositiveSmallIntegerField(
        _("báo Chủ tịch khi nhiệm vụ đã quá hạn (ngày)"), default=7,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    disabled_kinds = models.JSONField(_("các loại nhắc đã tắt"), default=list, blank=True)

    class Meta:
        verbose_name = _("cài đặt nhắc việc")
        verbose_name_plural = _("cài đặt nhắc việc")

    def __str__(self):
        return str(self.union)

    def as_rule_settings(self) -> ReminderSettings:
        return ReminderSettings(
            task_due_days=self.task_due_days, overdue_escalate_days=self.overdue_escalate_days,
            disabled_kinds=frozenset(self.disabled_kinds),
        )


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        """A person's own inbox: the notifications addressed to their member record."""
        from union.permissions import access_for

        member = access_for(user).member
        return self.filter(recipient=member) if member else self.none()

    def unread(self):
        return self.filter(read_at__isnull=True)


class Digest(models.Model):
    """One e-mail to one person, carrying their pending notifications.

    Its Message-ID is fixed before the first attempt, so a retry after a crash between
    sending and recording sends the same message again, which mail stores recognise as one;
    ``claimed_at`` is a lease: one worker at a time sends it.
    """

    class Status(models.TextChoices):
        SENDING = "sending", _("Đang gửi")
        SENT = "sent", _("Đã gửi")
        FAILED = "failed", _("Gửi không được")

    union = models.ForeignKey(
        Union, verbose_name=_("công đoàn"), on_delete=models.CASCADE, related_name="+",
    )
    recipient = models.ForeignKey(
        Member, verbose_name=_("người nhận"), on_delete=models.CASCADE, related_name="+",
    )
    message_id = models.CharField(_("mã thư (Message-ID)"), max_length=200, unique=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.SENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("số lần thử gửi"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    claimed_at = models.DateTimeField(_("bắt đầu gửi lúc"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    sent_at = models.DateTimeField(_("gửi thư lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thư nhắc tổng hợp")
        verbose_name_plural = _("thư nhắc tổng hợp")
        indexes = [models.Index(fields=["status", "claimed_at"], name="digest_status_claim_idx")]

    def __str__(self):
        return self.message_id


class Notification(models.Model):
    """The outbox and the in-app inbox in one: unique per (recipient, kind, target, period)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ gửi thư")
        SENDING = "sending", _("Đang gửi thư")
        SENT = "sent", _("Đã gửi thư")
        FAILED = "failed", _("Gửi thư không được")
        INBOX_ONLY = "inbox", _("Chỉ trong hộp thư ứng dụng")

    union = models.ForeignKey(
        Union, verbose_name=_("công đoàn"), on_delete=models.CASCADE, related_name="+",
    )
    recipient = models.ForeignKey(Member, verbose_name=_("người nhận"),
                                  on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("loại"), max_length=30, choices=Kind.choices)
    target = models.CharField(_("đối tượng nhắc"), max_length=100)
    period = models.CharField(_("kỳ nhắc"), max_length=20)
    subject = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"))
    url = models.CharField(_("đường dẫn"), max_length=255, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices,
                              default=Status.PENDING)
    digest = models.ForeignKey(Digest, verbose_name=_("thư nhắc tổng hợp"), null=True,
                               blank=True, on_delete=models.SET_NULL,
                               related_name="notifications")
    attempts = models.PositiveSmallIntegerField(_("số lần thử gửi"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    sent_at = models.DateTimeField(_("gửi thư lúc"), null=True, blank=True)
    read_at = models.DateTimeField(_("đọc lúc"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "kind", "target", "period"],
                                    name="notification_once_per_period"),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_inbox_idx"),
            models.Index(fields=["status", "recipient"], name="notification_outbox_idx",
                         condition=Q(status__in=["pending", "sending"])),
        ]

    def __str__(self):
        return self.subject


class EmailPreference(models.Model):
    """A member who does not want e-mail for a kind of reminder (the inbox still has it)."""

    union = models.ForeignKey(
        Union, verbose_name=_("công đoàn"), on_delete=models.CASCADE, related_name="+",
    )
    member = models.ForeignKey(
        Member, verbose_name=_("đoàn viên"), on_delete=models.CASCADE, related_name="+",
    )
    kind = models.CharField(_("loại nhắc"), max_length=30, choices=Kind.choices)

    class Meta:
        verbose_name = _("loại nhắc không nhận thư")
        verbose_name_plural = _("loại nhắc không nhận thư")
        constraints = [
            models.UniqueConstraint(fields=["member", "kind"], name="email_off_once"),
        ]

    def __str__(self):
        return f"{self.member} – {self.kind}"

    def save(self, *args, **kwargs):
        if self.union_id is None:  # the member's union, always
            self.union_id = self.member.union_id
        super().save(*args, **kwargs)
