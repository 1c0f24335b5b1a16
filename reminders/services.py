"""The sweep (who should be reminded of what today) and the delivery (one e-mail digest per
person), with the database as the only memory: a lost broker or a killed worker delays a
reminder, it never loses or doubles one."""

import uuid
from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reminders.models import Digest, EmailPreference, Notification, ReminderSetting
from reminders.rules import RULES
from union.models import Member
from union.reminders import Reminder, ReminderSettings

MAX_ATTEMPTS = 5
CHUNK = 100


def union_settings() -> dict:
    """Union id → its reminder settings; unions without a row use the defaults."""
    found = {s.union_id: s.as_rule_settings() for s in ReminderSetting.objects.all()}
    return _Defaulting(found)


class _Defaulting(dict):
    def __missing__(self, union_id):
        return ReminderSettings()


def reminders_due(*, today: date) -> list[Reminder]:
    """Every rule's answer for ``today``, changing nothing."""
    settings_by_union = union_settings()
    return [r for rule in RULES for r in rule(today=today, settings=settings_by_union)]


@transaction.atomic
def reminders_sweep(*, today: date) -> int:
    """Insert today's notifications (the unique key drops what exists) and, once committed,
    hand the people with mail waiting to the workers. Returns how many were new."""
    started = timezone.now()
    due = reminders_due(today=today)
    emails = dict(Member.objects.filter(pk__in={r.recipient_id for r in due})
                  .values_list("pk", "email"))
    email_off = set(EmailPreference.objects.filter(member__in=emails.keys())
                    .values_list("member_id", "kind"))
    Notification.objects.bulk_create([
        Notification(
            union_id=r.union_id, recipient_id=r.recipient_id, kind=r.kind, target=r.target,
            period=r.period, subject=r.subject, body=r.body, url=r.url,
            status=Notification.Status.PENDING
            if emails.get(r.recipient_id) and (r.recipient_id, r.kind) not in email_off
            else Notification.Status.INBOX_ONLY,
        ) for r in due
    ], ignore_conflicts=True, batch_size=1000)
    created = Notification.objects.filter(created_at__gte=started).count()
    transaction.on_commit(enqueue_delivery)
    return created


def recipients_waiting(now=None) -> list[int]:
    """People with notifications to mail, or with a digest whose sender went silent."""
    stale = (now or timezone.now()) - timedelta(seconds=settings.REMINDERS_LEASE_SECONDS)
    pending = Notification.objects.filter(status=Notification.Status.PENDING)
    stuck = Digest.objects.filter(status=Digest.Status.SENDING).filter(
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale))
    return sorted(set(pending.values_list("recipient_id", flat=True).distinct())
                  | set(stuck.values_list("recipient_id", flat=True)))


def enqueue_delivery(recipient_ids: Iterable[int] | None = None):
    """Send delivery tasks, a chunk of people each. Safe to call any number of times."""
    from reminders.tasks import deliver_task

    ids = list(recipient_ids) if recipient_ids is not None else recipients_waiting()
    for start in range(0, len(ids), CHUNK):
        deliver_task.delay(ids[start:start + CHUNK])


class DeliveryError(Exception):
    """Sending failed and will be tried again."""


def deliver(*, recipient_id: int) -> str:
    """Mail one person their digest: pack, claim, send, record. Returns what happened.

    Packing and claiming are conditional updates, so two workers given the same person
    (a redelivered task, a re-sent chunk) send one digest; the second finds nothing to do.
    """
    digest = _pack(recipient_id)
    if digest is None:
        return "nothing"
    if not _claim(digest):
        return "busy"
    try:
        _send(digest)
    except Exception as error:  # noqa: BLE001 — any failure of the mail server is retried
        return _failed(digest, error)
    with transaction.atomic():
        now = timezone.now()
        Digest.objects.filter(pk=digest.pk).update(status=Digest.Status.SENT, sent_at=now,
                                                   last_error="")
        digest.notifications.update(status=Notification.Status.SENT, sent_at=now)
    return "sent"


@transaction.atomic
def _pack(recipient_id: int) -> Digest | None:
    """The person's unfinished digest, or a new one holding everything pending."""
    member = Member.objects.select_for_update().filter(pk=recipient_id).first()
    if member is None:
        return None
    digest = Digest.objects.filter(recipient=member, status=Digest.Status.SENDING).first()
    if digest is None:
        pending = Notification.objects.filter(recipient=member,
                                              status=Notification.Status.PENDING)
        if not pending.exists():
            return None
        if not member.email:
            # The address was removed after the sweep: the inbox has them, mail cannot.
            pending.update(status=Notification.Status.INBOX_ONLY)
            return None
        digest = Digest.objects.create(
            union_id=member.union_id, recipient=member,
            message_id=f"<{uuid.uuid4().hex}@{settings.REMINDERS_MAIL_DOMAIN}>",
        )
        pending.update(status=Notification.Status.SENDING, digest=digest)
    return digest


def _claim(digest: Digest) -> bool:
    """Take the digest's lease: nobody holds it, or its holder has gone silent."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.REMINDERS_LEASE_SECONDS)
    return bool(Digest.objects.filter(pk=digest.pk, status=Digest.Status.SENDING).filter(
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale)
    ).update(claimed_at=now, attempts=F("attempts") + 1))


def _send(digest: Digest):
    notifications = list(digest.notifications.order_by("created_at", "pk"))
    member = digest.recipient
    with translation.override("vi"):
        subject = _("[Công đoàn] %(n)s việc cần lưu ý") % {"n": len(notifications)}
        body = render_to_string("reminders/digest_email.txt", {
            "member": member, "notifications": notifications, "site": settings.SITE_URL,
        })
    message = EmailMessage(subject, body, to=[member.email], headers={
        "Message-ID": digest.message_id,
        "X-Notification-Ids": ",".join(str(n.pk) for n in notifications),
    })
    message.send()


def _failed(digest: Digest, error: Exception) -> str:
    """Record the failure; after the fifth attempt the digest and its notifications are
    parked as failed for the board to look at. Otherwise the caller retries later."""
    digest.refresh_from_db()
    text = f"{type(error).__name__}: {error}"[:1000]
    if digest.attempts >= MAX_ATTEMPTS:
        with transaction.atomic():
            Digest.objects.filter(pk=digest.pk).update(status=Digest.Status.FAILED,
                                                       last_error=text)
            digest.notifications.update(status=Notification.Status.FAILED, last_error=text,
                                        attempts=digest.attempts, digest=None)
        return "failed"
    Digest.objects.filter(pk=digest.pk).update(claimed_at=None, last_error=text)
    raise DeliveryError(text) from error


@transaction.atomic
def notification_resend(*, notification: Notification) -> Notification:
    """Put a failed notification back in the outbox; it goes in the person's next digest."""
    Notification.objects.filter(pk=notification.pk, status=Notification.Status.FAILED).update(
        status=Notification.Status.PENDING, attempts=0, last_error="", digest=None)
    transaction.on_commit(lambda: enqueue_delivery([notification.recipient_id]))
    notification.refresh_from_db()
    return notification


def notifications_mark_read(*, member: Member, ids: Iterable[int] | None = None) -> int:
    """Mark the member's notifications (these, or all) as read."""
    unread = Notification.objects.filter(recipient=member, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())
