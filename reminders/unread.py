"""The bell's count of a member's unread notifications, on every page: with a cache every
process shares (settings.SHARED_CACHE) it is kept there by generation (union.caching), and
each write to notifications (the sweep's inserts, marking read, any save or delete) starts a
new generation."""

from django.conf import settings

from reminders.models import Notification
from union.caching import kept, new_generation

GENERATION_KEY = "unread:generation"
SECONDS = 60 * 10


def unread_count(member) -> int:
    if not settings.SHARED_CACHE:
        return _count(member)
    return kept(GENERATION_KEY, f"unread:{member.pk}", lambda _generation: _count(member),
                SECONDS)


def _count(member):
    return Notification.objects.filter(recipient=member, read_at__isnull=True).count()


def notifications_changed(**_signal):
    """A receiver of notifications' saves and deletes, and a call after the writes that no
    signal sees (the sweep's insert, marking read)."""
    if settings.SHARED_CACHE:
        new_generation(GENERATION_KEY)
