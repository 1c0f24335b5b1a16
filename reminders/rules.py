"""The reminder rules, each owned by the app whose data it reads.

A rule is ``rule(*, today, settings) -> Iterable[union.reminders.Reminder]``; ``settings``
maps a union id to its ``ReminderSettings``. The kinds are ``reminders.models.Kind``.
"""

from emulation.reminders import RULES as EMULATION_RULES
from plans.reminders import RULES as PLANS_RULES

RULES = [*PLANS_RULES, *EMULATION_RULES]
