from django.utils.functional import SimpleLazyObject

from reminders.unread import unread_count
from union.permissions import access_for


def unread(request):
    """The bell's unread count: counted only if a page shows it, and only for a member."""
    member = access_for(getattr(request, "user", None)).member
    if member is None:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(member))}
