"""The demo's rows dated by what they stand for, not by the day the seed ran.

The models stamp the time of writing (``auto_now``/``auto_now_add`` fields, the history's
``history_date``). The services take explicit days where a day means something (a report,
a check's steps, a decision); what they cannot take is set here, after the run: every stamp
written by this run (between ``since`` and now) becomes the latest day the row itself names
before ``today`` (a plan's issue, a check's confirmation, a member's joining), at 16:00,
or 2 January 2019 when the row names none (a group, a CCHC index).
"""

from datetime import date, datetime, time

from django.apps import apps
from django.db import models
from django.utils import timezone

APPS = ("union", "plans", "emulation")
FIRST = date(2019, 1, 2)


def _stamps(model) -> list[str]:
    if model._meta.label.split(".")[1].startswith("Historical"):
        return ["history_date"]
    return [f.name for f in model._meta.concrete_fields if isinstance(f, models.DateTimeField)
            and (f.auto_now or f.auto_now_add)]


def _day_of(row, stamps, today: date) -> datetime:
    """The latest day the row names before ``today`` (time of day kept from a date-time)."""
    latest = None
    for field in row._meta.concrete_fields:
        if field.name in stamps or not isinstance(field, models.DateField):
            continue
        value = getattr(row, field.attname)
        if value is None:
            continue
        if not isinstance(value, datetime):
            value = timezone.make_aware(datetime.combine(value, time(16)))
        if timezone.localdate(value) < today and (latest is None or value > latest):
            latest = value
    return latest or timezone.make_aware(datetime.combine(FIRST, time(16)))


def backdate(*, since: datetime, today: date) -> int:
    """Date every stamp written since ``since``; returns how many rows changed. (A stamp an
    earlier run dated after the clock's now, seeding "as on" a later day, is not this run's.)"""
    changed, until = 0, timezone.now()
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            stamps = _stamps(model)
            if not stamps:
                continue
            written = models.Q()
            for stamp in stamps:
                written |= models.Q(**{f"{stamp}__range": (since, until)})
            for row in model._default_manager.filter(written).iterator():
                day = _day_of(row, stamps, today)
                model._default_manager.filter(pk=row.pk).update(
                    **{stamp: day for stamp in stamps if since <= getattr(row, stamp) <= until})
                changed += 1
    return changed
