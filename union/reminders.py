"""What a reminder rule returns. The rules live in the app whose data they read
(``plans/reminders.py``, ``emulation/reminders.py``); the ``reminders`` app collects them,
stores the notifications and delivers them. Nothing here imports those apps."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Reminder:
    """Remind ``recipient_id`` (a Member) of ``target`` once per ``period``.

    ``kind`` names the rule; (recipient, kind, target, period) is the notification's
    unique key, so asking the same question twice on a day adds nothing.
    """

    union_id: int
    recipient_id: int
    kind: str
    target: str  # e.g. "occurrence:12"
    period: str  # e.g. "2026-11-28" or "2026-11"
    subject: str
    body: str
    url: str


@dataclass(frozen=True)
class ReminderSettings:
    """A union's reminder settings, as the rules see them."""

    task_due_days: int = 3
    overdue_escalate_days: int = 7
    disabled_kinds: frozenset = frozenset()

    def on(self, kind: str) -> bool:
        return kind not in self.disabled_kinds
