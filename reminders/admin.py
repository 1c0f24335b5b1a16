from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from reminders.models import Digest, EmailPreference, Notification, ReminderSetting
from reminders.services import notification_resend


@admin.register(ReminderSetting)
class ReminderSettingAdmin(admin.ModelAdmin):
    list_display = ["union", "task_due_days", "overdue_escalate_days"]
    raw_id_fields = ["union"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """For looking, and for putting failed ones back in the outbox: the sweep writes them."""

    list_display = ["subject", "recipient", "kind", "status", "attempts", "created_at",
                    "sent_at", "read_at"]
    list_filter = ["status", "kind", "union"]
    search_fields = ["subject", "target", "recipient__name_search"]
    raw_id_fields = ["union", "recipient", "digest"]
    readonly_fields = ["created_at"]
    date_hierarchy = "created_at"
    actions = ["resend"]

    @admin.action(description=_("Gửi lại các thông báo gửi không được"))
    def resend(self, request, queryset):
        failed = list(queryset.filter(status=Notification.Status.FAILED))
        for notification in failed:
            notification_resend(notification=notification)
        self.message_user(request, ngettext(
            "Đã đưa %(n)s thông báo trở lại hàng chờ gửi thư.",
            "Đã đưa %(n)s thông báo trở lại hàng chờ gửi thư.", len(failed),
        ) % {"n": len(failed)}, messages.SUCCESS)


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin):
    list_display = ["message_id", "recipient", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "union"]
    search_fields = ["message_id"]
    raw_id_fields = ["union", "recipient"]


@admin.register(EmailPreference)
class EmailPreferenceAdmin(admin.ModelAdmin):
    list_display = ["member", "kind"]
    list_filter = ["kind"]
    raw_id_fields = ["member"]
