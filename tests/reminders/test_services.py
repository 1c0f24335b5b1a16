"""The sweep and the delivery: one digest per person, claimed once, retried, parked as
failed after five attempts, resent by the board; nothing sent for a rolled-back sweep.

The rules are replaced by a fixed one here (their own tests are in test_rules.py), and
Celery runs eagerly, so that what the workers would do happens inside the test.
"""

from smtplib import SMTPException

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction

from config import celery_app
from reminders import services
from reminders.models import Digest, EmailPreference, Kind, Notification
from reminders.services import (
    MAX_ATTEMPTS,
    DeliveryError,
    deliver,
    notification_resend,
    notifications_mark_read,
    recipients_waiting,
    reminders_sweep,
)
from union.models import Member
from union.reminders import Reminder

DAY = "2026-11-25"
Status = Notification.Status


class BrokenBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise SMTPException("máy chủ thư không trả lời")


@pytest.fixture
def people(world):
    """``member`` and ``leader`` with addresses; ``other`` without one."""
    for person in (world.member, world.leader):
        Member.objects.filter(pk=person.pk).update(email=f"{person.user.username}@example.vn")
        person.refresh_from_db()
    return world


@pytest.fixture
def rules(monkeypatch, people):
    """Two reminders for ``member``, one each for ``leader`` and ``other``."""
    w = people

    def reminder(person, kind, n):
        return Reminder(union_id=person.union_id, recipient_id=person.pk, kind=kind,
                        target=f"occurrence:{n}", period=DAY, subject=f"Sắp đến hạn: Việc {n}",
                        body=f"Nhiệm vụ “Việc {n}” đến hạn ngày 27/11/2026.",
                        url=f"/tasks/{n}/")

    def fixed_rule(*, today, settings):
        yield reminder(w.member, Kind.TASK_DUE, 1)
        yield reminder(w.member, Kind.TASK_OVERDUE, 2)
        yield reminder(w.leader, Kind.TASK_DUE, 1)
        yield reminder(w.other, Kind.TASK_DUE, 1)

    monkeypatch.setattr(services, "RULES", [fixed_rule])
    return w


@pytest.fixture
def eager_celery():
    before = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = before


def sweep():
    from datetime import date

    return reminders_sweep(today=date.fromisoformat(DAY))


def statuses(person):
    return sorted(Notification.objects.filter(recipient=person).values_list("status", flat=True))


# The sweep --------------------------------------------------------------------------------


def test_the_sweep_stores_each_reminder_once_and_a_second_sweep_adds_nothing(rules):
    assert sweep() == 4
    assert sweep() == 0
    assert Notification.objects.count() == 4


def test_people_without_an_address_get_it_in_the_inbox_only(rules):
    sweep()
    assert statuses(rules.other) == [Status.INBOX_ONLY]
    assert statuses(rules.member) == [Status.PENDING, Status.PENDING]
    assert recipients_waiting() == sorted([rules.member.pk, rules.leader.pk])


def test_a_kind_switched_off_by_email_stays_in_the_inbox(rules):
    EmailPreference.objects.create(member=rules.member, kind=Kind.TASK_OVERDUE)
    sweep()
    kinds = dict(Notification.objects.filter(recipient=rules.member).values_list("kind",
                                                                                 "status"))
    assert kinds == {Kind.TASK_DUE: Status.PENDING, Kind.TASK_OVERDUE: Status.INBOX_ONLY}
    deliver(recipient_id=rules.member.pk)
    assert len(mail.outbox) == 1
    assert "Việc 2" not in mail.outbox[0].body


def test_every_kind_switched_off_sends_no_mail(rules):
    for kind in (Kind.TASK_DUE, Kind.TASK_OVERDUE):
        EmailPreference.objects.create(member=rules.member, kind=kind)
    sweep()
    assert statuses(rules.member) == [Status.INBOX_ONLY, Status.INBOX_ONLY]
    assert deliver(recipient_id=rules.member.pk) == "nothing"
    assert mail.outbox == []


# Delivery ---------------------------------------------------------------------------------


def test_a_person_gets_one_email_with_all_their_notifications(rules):
    sweep()
    assert deliver(recipient_id=rules.member.pk) == "sent"
    [message] = mail.outbox
    notifications = Notification.objects.filter(recipient=rules.member).order_by("pk")
    digest = Digest.objects.get(recipient=rules.member)
    assert message.to == ["member@example.vn"]
    assert message.extra_headers["Message-ID"] == digest.message_id
    assert message.extra_headers["X-Notification-Ids"] == ",".join(
        str(n.pk) for n in notifications)
    assert "Sắp đến hạn: Việc 1" in message.body and "Sắp đến hạn: Việc 2" in message.body
    assert "http://127.0.0.1:8000/tasks/1/" in message.body
    assert message.subject == "[Công đoàn] 2 việc cần lưu ý"
    assert {n.status for n in notifications} == {Status.SENT}
    assert all(n.sent_at and n.digest_id == digest.pk for n in notifications)
    assert digest.status == Digest.Status.SENT


def test_a_second_delivery_sends_nothing(rules):
    sweep()
    deliver(recipient_id=rules.member.pk)
    assert deliver(recipient_id=rules.member.pk) == "nothing"
    assert len(mail.outbox) == 1


def test_a_digest_held_by_a_live_worker_is_not_sent_twice(rules):
    sweep()
    digest = services._pack(rules.member.pk)
    assert services._claim(digest)
    # A redelivered task for the same person while the first worker is sending:
    assert deliver(recipient_id=rules.member.pk) == "busy"
    assert mail.outbox == []


def test_reading_a_notification_does_not_stop_its_email(rules):
    sweep()
    notifications_mark_read(member=rules.member)
    deliver(recipient_id=rules.member.pk)
    assert len(mail.outbox) == 1


def test_an_address_removed_after_the_sweep_leaves_the_reminders_in_the_inbox(rules):
    sweep()
    Member.objects.filter(pk=rules.member.pk).update(email="")
    assert deliver(recipient_id=rules.member.pk) == "nothing"
    assert statuses(rules.member) == [Status.INBOX_ONLY, Status.INBOX_ONLY]
    assert mail.outbox == []


# Failures ---------------------------------------------------------------------------------


def test_a_failing_mail_server_records_the_error_and_raises(rules, settings):
    settings.EMAIL_BACKEND = "tests.reminders.test_services.BrokenBackend"
    sweep()
    with pytest.raises(DeliveryError, match="máy chủ thư không trả lời"):
        deliver(recipient_id=rules.member.pk)
    digest = Digest.objects.get(recipient=rules.member)
    assert digest.attempts == 1
    assert digest.last_error == "SMTPException: máy chủ thư không trả lời"
    assert digest.claimed_at is None  # the next attempt may take it at once
    assert statuses(rules.member) == [Status.SENDING, Status.SENDING]


def fail_every_attempt(member, settings) -> str:
    """Sweep, then deliver to ``member`` through a dead mail server until it gives up;
    returns what the last attempt said. The server is back up afterwards."""
    settings.EMAIL_BACKEND = "tests.reminders.test_services.BrokenBackend"
    sweep()
    for _attempt in range(MAX_ATTEMPTS - 1):
        with pytest.raises(DeliveryError):
            deliver(recipient_id=member.pk)
    last = deliver(recipient_id=member.pk)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return last


def test_after_five_attempts_the_notifications_are_failed(rules, settings):
    assert fail_every_attempt(rules.member, settings) == "failed"
    failed = Notification.objects.filter(recipient=rules.member)
    assert {n.status for n in failed} == {Status.FAILED}
    assert {n.last_error for n in failed} == {"SMTPException: máy chủ thư không trả lời"}
    assert {n.attempts for n in failed} == {MAX_ATTEMPTS}
    assert Digest.objects.get(recipient=rules.member).status == Digest.Status.FAILED
    # Parked: nobody retries it until the board resends it.
    assert rules.member.pk not in recipients_waiting()
    assert deliver(recipient_id=rules.member.pk) == "nothing"


def test_resend_puts_a_failed_notification_back_in_the_outbox(rules, settings):
    fail_every_attempt(rules.member, settings)
    notification = Notification.objects.filter(recipient=rules.member).first()
    notification = notification_resend(notification=notification)
    assert (notification.status, notification.attempts, notification.last_error,
            notification.digest_id) == (Status.PENDING, 0, "", None)
    assert deliver(recipient_id=rules.member.pk) == "sent"
    [message] = mail.outbox
    assert message.extra_headers["X-Notification-Ids"] == str(notification.pk)


def test_resend_leaves_a_notification_that_did_not_fail_alone(rules):
    sweep()
    deliver(recipient_id=rules.member.pk)
    sent = Notification.objects.filter(recipient=rules.member).first()
    assert notification_resend(notification=sent).status == Status.SENT


# After commit only ------------------------------------------------------------------------


def mailed(folder) -> list[str]:
    """The Message-IDs the file backend wrote (a file per connection, a chunk of digests)."""
    files = sorted(folder.glob("*")) if folder.exists() else []
    return [line.split(":", 1)[1].strip() for f in files
            for line in f.read_text().splitlines() if line.startswith("Message-ID:")]


def test_a_notification_made_in_a_rolled_back_transaction_is_never_sent(
    rules, settings, tmp_path, eager_celery, django_capture_on_commit_callbacks,
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")

    class Abandon(Exception):
        pass

    # Were the delivery queued at once instead of on commit, the eager worker would mail
    # the rows while they still exist, inside the transaction.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(Abandon), transaction.atomic():
            assert sweep() == 4
            raise Abandon
    assert callbacks == []
    assert Notification.objects.count() == 0
    assert mailed(tmp_path / "mail") == []

    # The same sweep committed is mailed: the test above could have seen a message.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        sweep()
    assert len(callbacks) == 1
    ids = mailed(tmp_path / "mail")
    assert len(ids) == len(set(ids)) == 2  # member and leader, one digest each
    assert statuses(rules.member) == [Status.SENT, Status.SENT]


def test_a_resend_is_queued_on_commit(rules, settings, eager_celery,
                                      django_capture_on_commit_callbacks):
    fail_every_attempt(rules.member, settings)
    notification = Notification.objects.filter(recipient=rules.member).first()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification_resend(notification=notification)
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
