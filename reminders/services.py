"""The sweep (who should be reminded of what today) and the delivery (one e-mail digest per
person), with the database as the only memory: a lost broker or a killed worker delays a
reminder, it never loses or doubles one."""

import uuid
from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.db.models import Case, F, Q, Value, When
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reminders.models import Digest, EmailPreference, Notification, ReminderSetting
from reminders.rules import RULES
from reminders.unread import notifications_changed
from union.bulk import copy_values
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
        self[union_id] = ReminderSettings()
        return self[union_id]


def reminders_due(*, today: date) -> list[Reminder]:
    """Every rule's answer for ``today``, changing nothing."""
    settings_by_union = union_settings()
    return [r for rule in RULES for r in rule(today=today, settings=settings_by_union)]


@transaction.atomic
def reminders_sweep(*, today: date) -> int:
    """Insert today's notifications (the unique key drops what exists) and, once committed,
    hand the people with mail waiting to the workers. Returns how many were new."""
    due = reminders_due(today=today)
    unions = {r.union_id for r in due}  # a few ids to send, not 100,000 people's
    emails = dict(Member.objects.filter(union_id__in=unions).values_list("pk", "email"))
    email_off = set(EmailPreference.objects.filter(member__union_id__in=unions)
                    .values_list("member_id", "kind"))
    now = timezone.now()
    created = _insert_new([(
        r.union_id, r.recipient_id, r.kind, r.target, r.period, r.subject, r.body, r.url,
        Notification.Status.PENDING
        if emails.get(r.recipient_id) and (r.recipient_id, r.kind) not in email_off
        else Notification.Status.INBOX_ONLY, 0, "", now,
    ) for r in due])
    notifications_changed()
    transaction.on_commit(enqueue_delivery)
    return created


NEW_COLUMNS = ["union_id", "recipient_id", "kind", "target", "period", "subject", "body", "url",
               "status", "attempts", "last_error", "created_at"]


def _insert_new(rows: list[tuple]) -> int:
    """Insert the notifications (tuples of NEW_COLUMNS) whose key is not there yet; returns
    how many were. PostgreSQL: COPY into a scratch table, then one INSERT … ON CONFLICT DO
    NOTHING (a province's 100,000 in seconds). Elsewhere: bulk_create, ignoring conflicts."""
    if connection.vendor != "postgresql":
        before = Notification.objects.count()
        Notification.objects.bulk_create(
            [Notification(**dict(zip(NEW_COLUMNS, row, strict=True))) for row in rows],
            ignore_conflicts=True, batch_size=1000)
        return Notification.objects.count() - before
    table, scratch = Notification._meta.db_table, "reminders_sweep_rows"
    columns = ", ".join(NEW_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE {scratch} AS SELECT {columns} FROM {table} "
                       "WITH NO DATA")
        copy_values(scratch, NEW_COLUMNS, rows)
        cursor.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {scratch} "
                       "ON CONFLICT (recipient_id, kind, target, period) DO NOTHING")
        created = cursor.rowcount
        cursor.execute(f"DROP TABLE {scratch}")
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
    """Mail one person their digest: "sent", "busy" (another worker holds it), "nothing",
    or "failed" (parked after the last attempt); raises DeliveryError to be retried."""
    outcome = deliver_many([recipient_id])[recipient_id]
    if isinstance(outcome, DeliveryError):
        raise outcome
    return outcome


def deliver_many(recipient_ids: list[int]) -> dict:
    """Mail each person their digest: pack and claim them together, send them over one
    connection to the mail server, record each one as soon as the server has it. Returns
    person → outcome (as ``deliver``; a DeliveryError for those to retry).

    Packing and claiming are conditional updates, so two workers given the same person
    (a redelivered task, a re-sent chunk) send one digest; the second finds nothing to do.
    """
    outcomes = dict.fromkeys(recipient_ids, "nothing")
    digests = _pack_many(recipient_ids)
    claimed = _claim_many(digests)
    contents = {}
    for notification in Notification.objects.filter(digest__in=claimed).order_by(
            "created_at", "pk"):
        contents.setdefault(notification.digest_id, []).append(notification)
    mail = get_connection()
    try:
        for digest in digests:
            if digest.pk not in claimed:
                outcomes[digest.recipient_id] = "busy"
                continue
            try:
                mail.open()  # once; again after a failure closed it
                _send(digest, contents.get(digest.pk, []), connection=mail)
            except Exception as error:  # noqa: BLE001 — any failure of the mail server is retried
                outcomes[digest.recipient_id] = _failed(digest, error)
                mail.close()
                continue
            _record(digest)
            outcomes[digest.recipient_id] = "sent"
    finally:
        mail.close()
    return outcomes


@transaction.atomic
def _record(digest: Digest):
    now = timezone.now()
    Digest.objects.filter(pk=digest.pk).update(status=Digest.Status.SENT, sent_at=now,
                                               last_error="")
    digest.notifications.update(status=Notification.Status.SENT, sent_at=now)


def _pack(recipient_id: int) -> Digest | None:
    return next(iter(_pack_many([recipient_id])), None)


@transaction.atomic
def _pack_many(recipient_ids: list[int]) -> list[Digest]:
    """Each person's unfinished digest, or a new one holding everything pending; the people
    are locked meanwhile, so a person's pending notifications join one digest only."""
    members = {m.pk: m for m in Member.objects.select_for_update().filter(
        pk__in=recipient_ids).order_by("pk")}
    unfinished = list(Digest.objects.filter(recipient__in=members.keys(),
                                            status=Digest.Status.SENDING))
    pending = Notification.objects.filter(status=Notification.Status.PENDING)
    waiting = set(pending.filter(
        recipient__in=members.keys() - {d.recipient_id for d in unfinished},
    ).values_list("recipient_id", flat=True).order_by().distinct())
    # An address removed after the sweep: the inbox has them, mail cannot.
    no_address = {pk for pk in waiting if not members[pk].email}
    pending.filter(recipient__in=no_address).update(status=Notification.Status.INBOX_ONLY)
    new = Digest.objects.bulk_create([Digest(
        union_id=members[pk].union_id, recipient=members[pk],
        message_id=f"<{uuid.uuid4().hex}@{settings.REMINDERS_MAIL_DOMAIN}>",
    ) for pk in sorted(waiting - no_address)])
    if new:  # each person's pending notifications into their new digest, in one statement
        pending.filter(recipient__in=[d.recipient_id for d in new]).update(
            status=Notification.Status.SENDING,
            digest_id=Case(*(When(recipient_id=d.recipient_id, then=Value(d.pk)) for d in new)))
    for digest in unfinished:
        digest.recipient = members[digest.recipient_id]
    return sorted([*unfinished, *new], key=lambda d: d.recipient_id)


def _claim(digest: Digest) -> bool:
    return digest.pk in _claim_many([digest])


def _claim_many(digests: list[Digest]) -> set[int]:
    """Take the digests' leases where nobody holds them or the holder has gone silent;
    returns the ids taken."""
    if not digests:
        return set()
    now = timezone.now()
    stale = now - timedelta(seconds=settings.REMINDERS_LEASE_SECONDS)
    ids = [d.pk for d in digests]
    Digest.objects.filter(pk__in=ids, status=Digest.Status.SENDING).filter(
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale)
    ).update(claimed_at=now, attempts=F("attempts") + 1)
    return set(Digest.objects.filter(pk__in=ids, claimed_at=now).values_list("pk", flat=True))


def _send(digest: Digest, notifications=None, *, connection=None):
    if notifications is None:
        notifications = list(digest.notifications.order_by("created_at", "pk"))
    member = digest.recipient
    with translation.override("vi"):
        subject = _("[Công đoàn] %(n)s việc cần lưu ý") % {"n": len(notifications)}
        body = render_to_string("reminders/digest_email.txt", {
            "member": member, "notifications": notifications, "site": settings.SITE_URL,
        })
    message = EmailMessage(subject, body, to=[member.email], connection=connection, headers={
        "Message-ID": digest.message_id,
        "X-Notification-Ids": ",".join(str(n.pk) for n in notifications),
    })
    message.send()


def _failed(digest: Digest, error: Exception) -> "str | DeliveryError":
    """Record the failure; after the fifth attempt the digest and its notifications are
    parked as failed for the board to look at ("failed"). Otherwise the DeliveryError to
    retry later."""
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
    retry = DeliveryError(text)
    retry.__cause__ = error
    return retry


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
    marked = unread.update(read_at=timezone.now())
    notifications_changed()
    return marked
