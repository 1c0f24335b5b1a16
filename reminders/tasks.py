"""Celery tasks: ids in, a service call, safe to run twice. No ETA or countdown beyond
five minutes: the database, not the broker, remembers what is still to be sent."""

from celery import shared_task
from django.utils import timezone

from reminders import services

BACKOFF_SECONDS = (30, 60, 120, 240, 300)


@shared_task
def sweep_task(day: str | None = None):
    """The daily sweep (beat, 07:00 Asia/Ho_Chi_Minh)."""
    today = timezone.datetime.fromisoformat(day).date() if day else timezone.localdate()
    return services.reminders_sweep(today=today)


@shared_task
def kick_task():
    """Every few minutes: hand out again whatever waits (after a lost broker or worker)."""
    services.enqueue_delivery()


@shared_task(bind=True, max_retries=None, acks_late=True)
def deliver_task(self, recipient_ids: list[int]):
    """Mail each person of the chunk their digest; retry the failed ones with backoff."""
    outcomes = services.deliver_many(recipient_ids)
    failed = [pk for pk, outcome in outcomes.items()
              if isinstance(outcome, services.DeliveryError)]
    if failed:
        countdown = BACKOFF_SECONDS[min(self.request.retries, len(BACKOFF_SECONDS) - 1)]
        raise self.retry(args=[failed], countdown=countdown)
