"""The demo's rows dated by what they stand for, not by the day the seed ran.

The models stamp the time of writing (``auto_now``/``auto_now_add`` fields, the history's
``history_date``). The services take explicit days where a day means something (a report,
a check's steps, a decision); for the rest, a step the demo takes ``on(day)`` writes its
history on that day (``history_on_day``, connected while ``seed_demo`` runs), and
``backdate`` dates every stamp written by the run afterwards: a row's stamp becomes the
latest day before ``today`` of its history or of the days the row itself names (a plan's
issue, a check's confirmation, a member's joining), at 16:00, or 2 January 2019 when it has
none (a group, a CCHC index).
"""

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, time

from django.apps import apps
from django.db import models
from django.db.models import Max
from django.utils import timezone

_DAY: ContextVar[date | None] = ContextVar("demo_day", default=None)


@contextmanager
def on(day: date):
    """History written inside is dated ``day`` (unless the service gives its own time)."""
    token = _DAY.set(day)
    try:
        yield
    finally:
        _DAY.reset(token)


def history_on_day(sender, instance, history_instance, **kwargs):
    """``pre_create_historical_record`` receiver: the day of ``on`` for the record."""
    day = _DAY.get()
    if day is not None and not hasattr(instance, "_history_date"):
        history_instance.history_date = timezone.make_aware(datetime.combine(day, time(9)))


APPS = ("union", "plans", "emulation")
FIRST = date(2019, 1, 2)


def _stamps(model) -> list[str]:
    if model._meta.label.split(".")[1].startswith("Historical"):
        return ["history_date"]
    return [f.name for f in model._meta.concrete_fields if isinstance(f, models.DateTimeField)
            and (f.auto_now or f.auto_now_add)]


def _day_of(row, stamps, today: date, history=None) -> datetime:
    """The latest day before ``today`` of the row's history or of the days it names (time of
    day kept from a date-time)."""
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
    if history is not None and timezone.localdate(history) < today:
        latest = max(latest, history) if latest else history
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
            tracked = hasattr(model, "history") and stamps != ["history_date"]
            for row in model._default_manager.filter(written).iterator():
                history = tracked and model.history.filter(id=row.pk).exclude(
                    history_date__range=(since, until)).aggregate(day=Max("history_date"))["day"]
                day = _day_of(row, stamps, today, history or None)
                model._default_manager.filter(pk=row.pk).update(
                    **{stamp: day for stamp in stamps if since <= getattr(row, stamp) <= until})
                changed += 1
    return changed
