from django.utils.functional import SimpleLazyObject

from reminders.models import Notification
from union.permissions import access_for


def unread(request):
    """The bell's unread count: counted only if a page shows it, and only for a member."""
    member = access_for(getattr(request, "user", None)).member
    if member is None:
        return {}
    return {"unread_notifications": SimpleLazyObject(
        lambda: Notification.objects.filter(recipient=member, read_at__isnull=True).count())}
