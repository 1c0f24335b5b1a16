"""Reminders in the access matrix (merged by tests/test_access_matrix.py).

Columns: anonymous, admin, chair, leader, member, officer, outsider. A notification is
loaded through its recipient's inbox only: anyone else's id is a 404, the administrator's
too (an administrator is nobody's member). The board of the union (and administrators)
see the outbox's status, change the settings and resend a failed notification.
"""

from django.urls import reverse

from reminders.models import Kind, Notification

EVERYONE = (302, 200, 200, 200, 200, 200, 200)
BOARD_WRITES = (302, 200, 200, 403, 403, 403, 404)
BOARD_POSTS = (302, 302, 302, 403, 403, 403, 404)
MEMBERS_OWN = (302, 404, 404, 404, 302, 404, 404)
POST_ONLY = (302, 405, 405, 405, 405, 405, 405)


def notification(recipient, *, status=Notification.Status.INBOX_ONLY, target="test:1"):
    """A notification for ``recipient`` (made once: the matrix asks for it per role)."""
    return Notification.objects.get_or_create(
        recipient=recipient, kind=Kind.TASK_DUE, target=target, period="test",
        defaults={"union_id": recipient.union_id, "subject": "Sắp đến hạn: Báo cáo",
                  "body": "Nhiệm vụ sắp đến hạn.", "url": reverse("plans:my-work"),
                  "status": status, "last_error": "SMTPException: thử"},
    )[0]


def failed(recipient):
    return notification(recipient, status=Notification.Status.FAILED, target="test:failed")


ROWS = {
    "reminders:inbox": ("get", lambda w: [], EVERYONE),
    "reminders:open": ("get", lambda w: [notification(w.member).pk], MEMBERS_OWN),
    "reminders:read": ("post", lambda w: [notification(w.member).pk], MEMBERS_OWN),
    "reminders:read-all": ("post", lambda w: [], (302,) * 7),
    "reminders:preferences": ("get", lambda w: [], EVERYONE),
    "reminders:status": ("get", lambda w: [w.union_a.pk], BOARD_WRITES),
    "reminders:settings": ("get", lambda w: [w.union_a.pk], BOARD_WRITES),
    "reminders:resend": ("post", lambda w: [failed(w.member).pk], BOARD_POSTS),
}

EXTRA_ROWS = [
    # Another person's notification: not even its recipient's board or group leader sees it.
    ("reminders:open", "get", lambda w: [notification(w.leader).pk],
     (302, 404, 404, 302, 404, 404, 404)),
    ("reminders:read", "post", lambda w: [notification(w.outsider).pk],
     (302, 404, 404, 404, 404, 404, 302)),
    ("reminders:read", "get", lambda w: [notification(w.member).pk], POST_ONLY),
    ("reminders:read-all", "get", lambda w: [], POST_ONLY),
    ("reminders:resend", "get", lambda w: [failed(w.member).pk], POST_ONLY),
    # Another union's outbox: its own board and administrators; the officer above reads
    # that union but changes nothing.
    ("reminders:status", "get", lambda w: [w.union_b.pk], (302, 200, 404, 404, 404, 403, 200)),
    ("reminders:settings", "post", lambda w: [w.union_a.pk], BOARD_WRITES),
    ("reminders:resend", "post", lambda w: [failed(w.b_member).pk],
     (302, 302, 404, 404, 404, 403, 302)),
    # The upper union has no board of its own in the fixtures: only administrators.
    ("reminders:status", "get", lambda w: [w.upper.pk], (302, 200, 404, 404, 404, 403, 404)),
]
