"""The inbox (each member's own notifications), the e-mail choices, and the board's view of
the outbox. Only the recipient ever loads a notification through the inbox; the board
reaches its union's failed ones through the status page."""

from datetime import datetime, time

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reminders.forms import EmailPreferenceForm, ReminderSettingForm
from reminders.models import Kind, Notification, ReminderSetting
from reminders.services import notification_resend, notifications_mark_read
from union.models import Union
from union.params import query_int
from union.permissions import access_for, get_for_user_or_404, get_union_or_404, require_manage
from union.views.lists import BoundedPaginator

INBOX_PAGE_SIZE = 25
FAILED_SHOWN = 50
Status = Notification.Status


def inbox_view(request):
    """Newest first, unread in bold. Paged without COUNT(*): the cost stays flat."""
    notifications = Notification.objects.for_user(request.user).only(
        "pk", "kind", "subject", "body", "url", "created_at", "read_at")
    page = BoundedPaginator(notifications, INBOX_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reminders/notification_list.html", {
        "member": access_for(request.user).member, "page": page,
    })


def notification_open_view(request, pk):
    """Follow a notification to what it is about, marking it read on the way."""
    notification = get_for_user_or_404(Notification, request.user, pk=pk)
    notifications_mark_read(member=access_for(request.user).member, ids=[notification.pk])
    if notification.url and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}, require_https=request.is_secure(),
    ):
        return redirect(notification.url)
    return redirect("reminders:inbox")


@require_POST
def notification_read_view(request, pk):
    notification = get_for_user_or_404(Notification, request.user, pk=pk)
    notifications_mark_read(member=access_for(request.user).member, ids=[notification.pk])
    return _back_to_inbox(request)


@require_POST
def notifications_read_all_view(request):
    member = access_for(request.user).member
    if member is not None:
        count = notifications_mark_read(member=member)
        if count:
            messages.success(request, _("Đã đánh dấu %(n)s thông báo là đã đọc.") % {"n": count})
    return _back_to_inbox(request)


def _back_to_inbox(request):
    """Back to the page of the inbox the form was on."""
    page = query_int(request.POST, "page")
    url = reverse("reminders:inbox")
    return redirect(f"{url}?page={page}" if page else url)


def preferences_view(request):
    member = access_for(request.user).member
    if member is None:
        return render(request, "union/profile_missing.html")
    # Every box unticked posts no field at all: the form is bound on POST, not on data.
    form = EmailPreferenceForm(request.POST if request.method == "POST" else None,
                               member=member)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu lựa chọn nhận thư. Lựa chọn áp dụng cho các thông "
                                    "báo từ nay về sau."))
        return redirect("reminders:preferences")
    return render(request, "reminders/emailpreference_form.html", {
        "member": member, "form": form,
    })


def status_view(request, union_pk):
    """The board's view of the outbox: what waits, what failed (to resend), the settings."""
    union = get_union_or_404(request.user, union_pk)
    require_manage(request.user, union)
    outbox = Notification.objects.filter(union=union)
    failed = outbox.filter(status=Status.FAILED).select_related("recipient")
    setting = ReminderSetting.objects.filter(union=union).first() or ReminderSetting(union=union)
    return render(request, "reminders/notification_status.html", {
        "union": union, "counts": _counts(outbox), "failed": failed[:FAILED_SHOWN],
        "setting": setting,
        "disabled_labels": [kind.label for kind in Kind if kind in setting.disabled_kinds],
    })


def _counts(outbox):
    """Pending, sending, failed and sent since midnight (local time), in one query."""
    midnight = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    return outbox.aggregate(
        pending=Count("pk", filter=Q(status=Status.PENDING)),
        sending=Count("pk", filter=Q(status=Status.SENDING)),
        failed=Count("pk", filter=Q(status=Status.FAILED)),
        sent_today=Count("pk", filter=Q(status=Status.SENT, sent_at__gte=midnight)),
    )


@require_POST
def notification_resend_view(request, pk):
    notification = get_object_or_404(
        Notification.objects.select_related("union").filter(
            union__in=Union.objects.for_user(request.user)),
        pk=pk,
    )
    require_manage(request.user, notification.union)
    if notification.status == Status.FAILED:
        notification_resend(notification=notification)
        messages.success(request, _("Đã đưa “%(subject)s” trở lại hàng chờ gửi thư.") % {
            "subject": notification.subject})
    else:
        messages.info(request, _("Thông báo này không ở trạng thái gửi không được; không cần "
                                 "gửi lại."))
    return redirect("reminders:status", notification.union_id)


def settings_view(request, union_pk):
    """N days before a due date, M days overdue before the chair is told, and the kinds
    switched off. The row is made on the first save."""
    union = get_union_or_404(request.user, union_pk)
    require_manage(request.user, union)
    setting = ReminderSetting.objects.filter(union=union).first() or ReminderSetting(union=union)
    form = ReminderSettingForm(request.POST or None, instance=setting)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu cài đặt nhắc việc; áp dụng từ lần nhắc tới."))
        return redirect("reminders:status", union.pk)
    return render(request, "reminders/remindersetting_form.html", {"union": union, "form": form})
