"""``reminders_sweep`` and ``reminders_preview`` over the demo data, on 25/11/2026: tasks of
the 2026 plan fall due, others are overdue, November's checks are not all sent.

Seeding takes seconds, so the module seeds once, inside a transaction rolled back at its
end; each test then runs in a savepoint of its own. Celery runs eagerly and mail goes to
files in a temporary folder, as under ``make run`` it goes to var/mail/.
"""

import re
from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config import celery_app
from reminders.models import Digest, Kind, Notification
from reminders.services import reminders_due
from union.models import Member

DAY = "2026-11-25"
WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)



@pytest.fixture
def mail_folder(seeded, db, settings, tmp_path):
    """Mail as files (the development setting) and Celery's workers run in the test."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    before = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield tmp_path / "mail"
    celery_app.conf.task_always_eager = before


@pytest.fixture
def person(seeded, db):
    return lambda username: Member.objects.get(user__username=username)


def sweep(capture, *args):
    out = StringIO()
    with capture(execute=True):
        call_command("reminders_sweep", *args, stdout=out)
    return out.getvalue()


def preview(*args):
    out = StringIO()
    call_command("reminders_preview", *args, stdout=out)
    return out.getvalue()


def mailed(folder):
    """The messages written to the mail folder: recipient → their messages' text."""
    messages = {}
    for path in sorted(folder.glob("*.log")) if folder.exists() else []:
        for text in path.read_text(encoding="utf-8").split("-" * 79):
            found = re.search(r"^To: (.+)$", text, re.MULTILINE)
            if found:
                messages.setdefault(found[1].strip(), []).append(text)
    return messages


def test_the_sweep_fills_the_inboxes_and_the_mail_folder(
    mail_folder, person, django_capture_on_commit_callbacks,
):
    output = sweep(django_capture_on_commit_callbacks, "--date", DAY)
    totruong, doanvien = person("totruong"), person("doanvien")
    created = Notification.objects.count()
    with_mail = Notification.objects.exclude(status=Notification.Status.INBOX_ONLY)
    people = with_mail.values("recipient").distinct().count()
    assert output.strip() == (f"Ngày 25/11/2026: đã tạo {created} thông báo mới; {people} "
                              "người sẽ nhận thư nhắc.")
    for member in (totruong, doanvien):
        assert Notification.objects.filter(recipient=member).exists()
    messages = mailed(mail_folder)
    assert len(messages) == people
    assert all(len(texts) == 1 for texts in messages.values())  # one digest each
    for member in (totruong, doanvien):
        [text] = messages[member.email]
        for notification in Notification.objects.filter(recipient=member):
            assert notification.subject in text
    assert set(with_mail.values_list("status", flat=True)) == {Notification.Status.SENT}
    assert Digest.objects.filter(status=Digest.Status.SENT).count() == people


def test_the_members_see_their_notifications_in_their_inbox(
    mail_folder, person, client, django_capture_on_commit_callbacks,
):
    sweep(django_capture_on_commit_callbacks, "--date", DAY)
    for username in ("totruong", "doanvien"):
        member = person(username)
        client.force_login(member.user)
        html = client.get("/me/notifications/").content.decode()
        latest = Notification.objects.filter(recipient=member).first()
        assert latest.subject in html
        unread = Notification.objects.filter(recipient=member).count()
        assert f'text-bg-danger">{unread}</span>' in html


def test_a_second_sweep_that_day_adds_nothing(
    mail_folder, django_capture_on_commit_callbacks,
):
    sweep(django_capture_on_commit_callbacks, "--date", DAY)
    rows, messages = Notification.objects.count(), mailed(mail_folder)
    output = sweep(django_capture_on_commit_callbacks, "--date", DAY)
    assert "đã tạo 0 thông báo mới; 0 người sẽ nhận thư nhắc." in output
    assert Notification.objects.count() == rows
    assert mailed(mail_folder) == messages


def test_the_preview_lists_exactly_what_the_sweep_creates(
    mail_folder, django_capture_on_commit_callbacks,
):
    day = date.fromisoformat(DAY)
    due = {(r.recipient_id, r.kind, r.target) for r in reminders_due(today=day)}
    output = preview("--date", DAY)
    sweep(django_capture_on_commit_callbacks, "--date", DAY)
    created = Notification.objects.select_related("recipient")
    assert set(created.values_list("recipient_id", "kind", "target")) == due
    # What it printed: each person, then each of their reminders (kind: subject).
    assert preview_lines(output) == Counter(
        (n.recipient.full_name, f"{Kind(n.kind).label}: {n.subject}") for n in created)
    assert output.strip().endswith(
        f"{created.count()} lời nhắc cho {len({n.recipient_id for n in created})} người, "
        f"trong đó {created.count()} lời nhắc chưa có trong hộp thông báo.")


def preview_lines(output):
    lines, name = Counter(), None
    for line in output.splitlines():
        if line.startswith("  - "):
            lines[(name, line[4:].removesuffix(" [đã nhắc]"))] += 1
        elif not line.startswith("Ngày "):
            name = re.split(r" [<(]", line, maxsplit=1)[0]
    return lines


def test_the_preview_writes_nothing(seeded, db):
    with CaptureQueriesContext(connection) as captured:
        output = preview("--date", DAY)
    assert [q["sql"] for q in captured if WRITES.match(q["sql"])] == []
    assert Notification.objects.count() == 0
    assert Digest.objects.count() == 0
    assert "Bùi Thị Thu Hà <" in output  # totruong


def test_the_preview_marks_what_is_already_in_the_inbox(
    mail_folder, django_capture_on_commit_callbacks,
):
    sweep(django_capture_on_commit_callbacks, "--date", DAY)
    output = preview("--date", DAY)
    items = [line for line in output.splitlines() if line.startswith("  - ")]
    assert items and all(line.endswith(" [đã nhắc]") for line in items)
    assert output.strip().endswith("trong đó 0 lời nhắc chưa có trong hộp thông báo.")


def test_the_preview_needs_a_date(seeded, db):
    with pytest.raises(CommandError):
        call_command("reminders_preview")


def test_a_date_not_in_iso_form_is_refused_in_vietnamese(seeded, db):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("reminders_sweep", "--date", "25/11/2026")
    assert Notification.objects.count() == 0
